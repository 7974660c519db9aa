"""factory_boy factories and a helper to file a case through the real workflow service."""

import factory

from submissions.access import assign_role
from submissions.models import User
from submissions.roles import Role
from tests.parties import A
from workflow import services


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            role, party = extracted if isinstance(extracted, tuple) else (extracted, None)
            assign_role(self, Role(role), party)
        self.save()


def make_filing(party=A, language="es", title="Concesiones forestales", **overrides):
    submitters = overrides.pop("submitters", None) or [
        services.SubmitterInput(
            kind="organization",
            name="Asociación Amazónica",
            nationality=A,
            email="amazonica@example.org",
            preferred_language=language,
        )
    ]
    laws = overrides.pop("laws", None) or [
        services.LawInput("Ley Forestal (Ley N.° 29763)", "Art. 2")
    ]
    return services.FilingInput(
        party=party,
        language=language,
        title=title,
        submitters=submitters,
        laws=laws,
        summary=overrides.pop("summary", "Resumen."),
        **overrides,
    )


def file_case(actor=None, on=None, **kwargs):
    """A case filed through the workflow service (as the system, on a given date)."""
    return services.file_submission(
        make_filing(**kwargs),
        actor=actor,
        on=on,
        importing=services.ImportOptions() if on else None,
    )
