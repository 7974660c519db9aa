"""The submission model: language fallback, persons of a Party, and row history."""

import datetime

import pytest
from django.utils import translation

from submissions.models import (
    Document,
    EnvironmentalLaw,
    IdentifierCounter,
    Party,
    Submission,
    SubmissionLaw,
    SubmissionSubmitter,
    Submitter,
    User,
)
from tests.factories import make_filing
from tests.parties import SLUG, A, B
from workflow import services
from workflow.models import Deadline, DeadlineLength, Event, NonWorkingDay


def test_title_falls_back_to_the_other_language_and_says_so():
    case = Submission(title_es="Concesiones forestales", title_en="", summary_en="Summary")
    with translation.override("en"):
        assert (case.title, case.title_is_fallback) == ("Concesiones forestales", True)
        assert (case.summary, case.summary_is_fallback) == ("Summary", False)
    with translation.override("es"):
        assert (case.title, case.title_is_fallback) == ("Concesiones forestales", False)
        assert (case.summary, case.summary_is_fallback) == ("Summary", True)
    assert case.text_in("title", "en") == ("Concesiones forestales", True)


# Who is a person of a Party (nationals, permanent residents, enterprises constituted in it) and
# whom they may file about (A and B), under each profile's treaty.
PERSONS = {
    "us-peru-tpa": [
        # A national of Peru may file about either Party.
        ("individual", "PE", "", {"PE"}, True, True),
        # A national of the United States may file about Peru but not about the United States
        # (Art. 18.8.3: that goes to the CEC process).
        ("individual", "US", "", {"US"}, True, False),
        # A permanent resident counts as a national (Art. 1.3).
        ("individual", "BO", "PE", {"PE"}, True, True),
        ("individual", "MX", "US", {"US"}, True, False),
        # An enterprise or NGO constituted in a Party.
        ("organization", "PE", "", {"PE"}, True, True),
        ("organization", "US", "", {"US"}, True, False),
        # A person of a third country is a person of neither Party.
        ("individual", "CO", "", set(), False, False),
        ("organization", "DE", "PE", set(), False, False),  # an enterprise's residence is moot
        # Art. 18.8.3 turns on being a person of the United States at all: a US national
        # resident in Peru, or a Peruvian permanently resident in the United States, is a person
        # of both Parties and still may not file about the United States.
        ("individual", "US", "PE", {"PE", "US"}, True, False),
        ("individual", "PE", "US", {"PE", "US"}, True, False),
    ],
    "usmca-cec": [
        # USMCA Art. 24.27(1): any person of a Party files about any Party, its own included.
        ("individual", "MX", "", {"MX"}, True, True),
        ("individual", "US", "", {"US"}, True, True),
        ("individual", "CA", "", {"CA"}, True, True),
        # A resident of a Party is a person of it (the CEC: "established or residing in Canada,
        # Mexico or the United States"); Peru is a third country here.
        ("individual", "PE", "MX", {"MX"}, True, True),
        ("individual", "BO", "US", {"US"}, True, True),
        # An enterprise or NGO constituted in a Party.
        ("organization", "CA", "", {"CA"}, True, True),
        ("organization", "US", "", {"US"}, True, True),
        # A person of a third country is a person of no Party.
        ("individual", "PE", "", set(), False, False),
        # Residence decides, not nationality (NAAEC 14(1)(f), "residing or established"): a
        # US national residing in Mexico is a person of Mexico; one residing in a third country
        # is a person of no Party.
        ("individual", "US", "MX", {"MX"}, True, True),
        ("individual", "MX", "CL", set(), False, False),
    ],
    "cafta-dr": [
        # A national of Guatemala may file about either Party.
        ("individual", "GT", "", {"GT"}, True, True),
        # A national of the United States may file about Guatemala but not about the United
        # States (Art. 17.7.3: that goes to the CEC process).
        ("individual", "US", "", {"US"}, True, False),
        # A national of another Party (Honduras) may file about either.
        ("individual", "HN", "", {"HN"}, True, True),
        # A permanent resident counts as a national (Art. 2.1); Peru is a third country here.
        ("individual", "PE", "GT", {"GT"}, True, True),
        ("individual", "MX", "US", {"US"}, True, False),
        # An enterprise or NGO constituted in a Party.
        ("organization", "GT", "", {"GT"}, True, True),
        ("organization", "US", "", {"US"}, True, False),
        # A person of a third country is a person of no Party.
        ("individual", "PE", "", set(), False, False),
        ("organization", "DE", "GT", set(), False, False),  # an enterprise's residence is moot
        # Art. 17.7.3 turns on being a person of the United States at all: a US national
        # resident in Guatemala, or a Guatemalan permanently resident in the United States, is
        # a person of both Parties and still may not file about the United States.
        ("individual", "US", "GT", {"GT", "US"}, True, False),
        ("individual", "GT", "US", {"GT", "US"}, True, False),
    ],
}[SLUG]


@pytest.mark.parametrize("kind, nationality, residence, parties, about_a, about_b", PERSONS)
def test_person_of_a_party(kind, nationality, residence, parties, about_a, about_b):
    submitter = Submitter(kind=kind, name="X", nationality=nationality, residence=residence)
    assert submitter.parties() == parties
    assert submitter.may_file_about(A) is about_a
    assert submitter.may_file_about(B) is about_b


def test_parties_come_from_a_data_migration(db):
    assert {(p.code, p.name_en, p.name_es) for p in Party.objects.all()} == {
        "us-peru-tpa": {
            ("PE", "Peru", "Perú"),
            ("US", "United States", "Estados Unidos"),
        },
        "usmca-cec": {
            ("CA", "Canada", "Canadá"),
            ("MX", "Mexico", "México"),
            ("US", "United States", "Estados Unidos"),
        },
        "cafta-dr": {
            ("CR", "Costa Rica", "Costa Rica"),
            ("DO", "Dominican Republic", "República Dominicana"),
            ("SV", "El Salvador", "El Salvador"),
            ("GT", "Guatemala", "Guatemala"),
            ("HN", "Honduras", "Honduras"),
            ("NI", "Nicaragua", "Nicaragua"),
            ("US", "United States", "Estados Unidos"),
        },
    }[SLUG]
    with translation.override("es"):
        assert str(Party.objects.get(code="US")) == "Estados Unidos"


def _history_users(model):
    return {h.history_user for h in model.history.all()}


def test_every_models_changes_appear_in_its_history_with_the_acting_user(
    db, officer, director, settings
):
    """Acceptance 6 of the foundation: each model's history names the account that acted."""
    settings.SEM_FOUR_EYES = True
    case = services.file_submission(make_filing(), actor=officer)
    services.record_event(case, "acknowledged", actor=officer)
    services.record_event(
        case,
        "correspondence",
        actor=officer,
        title="Carta",
        documents_in=[services.DocumentInput(title="Carta", language="es")],
    )
    proposal = services.record_event(
        case, "admissibility_determined", actor=officer, data={"outcome": "meets"}
    )
    services.approve_proposal(case, proposal.seq, actor=director)
    services.record_event(case, "identity_withheld", actor=officer, data={"submitter": 0})
    services.set_non_working_day(
        datetime.date.today() + datetime.timedelta(days=3), "Retiro del personal", actor=director
    )
    services.set_deadline_length("response_decision", 25, actor=director)

    for model in (
        Submission,
        SubmissionLaw,
        SubmissionSubmitter,
        Submitter,
        EnvironmentalLaw,
        Document,
        Event,
        Deadline,
        IdentifierCounter,
    ):
        assert officer in _history_users(model), model.__name__
    assert director in _history_users(Event)
    assert director in _history_users(Deadline)
    assert _history_users(NonWorkingDay) == {director}
    assert _history_users(DeadlineLength) == {director}

    submitter = Submitter.objects.get()
    change = submitter.history.filter(history_type="~").latest("history_date")
    assert change.history_user == officer
    assert change.diff_against(change.prev_record).changed_fields == ["confidential"]


def test_history_of_accounts_and_parties_names_who_changed_them(db, officer, client):
    """Admin and other request-driven edits are attributed by the history middleware."""
    admin = User.objects.create_superuser("root", "root@example.org", "a-long-password-1")
    client.force_login(admin)
    party = Party.objects.get(code=A)
    name_en, name_es = {
        "us-peru-tpa": ("Republic of Peru", "República del Perú"),
        "usmca-cec": ("United Mexican States", "Estados Unidos Mexicanos"),
        "cafta-dr": ("Republic of Guatemala", "República de Guatemala"),
    }[SLUG]
    response = client.post(
        f"/en/admin/submissions/party/{party.pk}/change/",
        {"code": A, "name_en": name_en, "name_es": name_es},
    )
    assert response.status_code == 302, response.content[:500]
    assert party.history.latest("history_date").history_user == admin
    officer.preferred_language = "es"
    officer._history_user = admin
    officer.save()
    assert officer.history.latest("history_date").history_user == admin
