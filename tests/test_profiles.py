"""Issue #18, first step: the procedure profile as data (submissions.profiles).

Only ``us-peru-tpa`` is built. These tests pin that the code reads the Parties, languages and
identifiers from the profile, that every case stores its profile, that a registry file names
its profile and an import under another one is refused, and that a setting naming a profile
that is not built stops the start with a message saying so.
"""

import copy
import dataclasses
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from submissions import profiles, reference
from submissions.models import PARTY_CODES, Submission, identifier_validator
from tests.helpers_cases import file_story
from tests.parties import SLUG, A, B, identifier
from tests.roundtrip.generate import in_profile
from tests.test_registry import saca_payload
from workflow import treaty
from workflow.registry import export_registry, import_registry

# The profile this pass runs, as the environment names it (not as the code under test reads it).
INSTALLED = os.environ.get("SEM_PROCEDURE", "us-peru-tpa")
# A Party no case of the installed profile may name.
OUTSIDE = {"us-peru-tpa": "MX", "usmca-cec": "PE", "cafta-dr": "MX"}[SLUG]
# The installed profile's values, written out for each profile.
VALUES = {
    "us-peru-tpa": {
        "codes": ("PE", "US"),
        "authors": ("party:PE", "party:US", "council:PE", "council:US"),
        "groups": [
            "party_focal_point:PE",
            "party_focal_point:US",
            "council_member:PE",
            "council_member:US",
        ],
    },
    "usmca-cec": {
        "codes": ("CA", "MX", "US"),
        "authors": (
            "party:CA",
            "party:MX",
            "party:US",
            "council:CA",
            "council:MX",
            "council:US",
        ),
        "groups": [
            "party_focal_point:CA",
            "party_focal_point:MX",
            "party_focal_point:US",
            "council_member:CA",
            "council_member:MX",
            "council_member:US",
        ],
    },
    "cafta-dr": {
        "codes": ("CR", "DO", "SV", "GT", "HN", "NI", "US"),
        "authors": (
            "party:CR",
            "party:DO",
            "party:SV",
            "party:GT",
            "party:HN",
            "party:NI",
            "party:US",
            "council:CR",
            "council:DO",
            "council:SV",
            "council:GT",
            "council:HN",
            "council:NI",
            "council:US",
        ),
        "groups": [
            "party_focal_point:CR",
            "party_focal_point:DO",
            "party_focal_point:SV",
            "party_focal_point:GT",
            "party_focal_point:HN",
            "party_focal_point:NI",
            "party_focal_point:US",
            "council_member:CR",
            "council_member:DO",
            "council_member:SV",
            "council_member:GT",
            "council_member:HN",
            "council_member:NI",
            "council_member:US",
        ],
    },
}[SLUG]


def test_the_installed_profile_gives_the_parties_authors_and_groups():
    """The default is the US–Peru agreement; SEM_PROCEDURE names another."""
    procedure = profiles.installed()
    assert settings.SEM_PROCEDURE == procedure.slug == INSTALLED
    assert procedure.codes == PARTY_CODES == VALUES["codes"]
    assert procedure.languages == tuple(code for code, _name in settings.LANGUAGES)
    assert procedure.portal_authors == VALUES["authors"]
    assert VALUES["groups"] == reference.ACCESS_GROUPS
    assert str(treaty.PARTIES["US"]) == "the United States"


def test_an_identifier_names_one_of_the_profiles_parties():
    identifier_validator(identifier(A, 2, 2023))
    with pytest.raises(ValidationError):
        identifier_validator(f"SEM/{OUTSIDE}/002/2023")


@pytest.mark.parametrize(
    ("slug", "said"),
    [
        ("usmca-cec", "this procedure profile holds values not yet read in the treaty's text"),
        ("cafta-dr", "this procedure profile holds values not yet read in the treaty's text"),
        ("us-peru", "there is no such procedure profile"),
    ],
)
def test_a_profile_that_cannot_run_stops_the_start_with_a_reason(slug, said):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "secretariat.settings.local"}
    environment["SEM_PROCEDURE"] = slug
    # The CEC pass accepts unverified values; this start must not.
    environment.pop("SEM_ALLOW_UNVERIFIED_PROFILE", None)
    started = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode != 0
    assert "ImproperlyConfigured" in started.stderr
    assert f"SEM_PROCEDURE={slug}: {said}" in started.stderr


def test_a_profile_with_unverified_values_starts_where_the_installation_accepts_them():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "secretariat.settings.local"}
    environment.update(SEM_PROCEDURE="usmca-cec", SEM_ALLOW_UNVERIFIED_PROFILE="true")
    started = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.TIME_ZONE, [code for code, _ in settings.LANGUAGES])",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 0, started.stderr
    assert "America/Toronto ['en', 'fr', 'es']" in started.stdout


def test_every_unverified_value_names_a_field_of_the_profile():
    fields = {f.name for f in dataclasses.fields(profiles.Procedure)}
    fields |= set(profiles.US_PERU_TPA.periods)
    for profile in profiles.PROFILES.values():
        assert set(profile.unverified) <= fields, profile.slug
    assert profiles.US_PERU_TPA.unverified == {}


def test_a_filed_case_stores_its_profile(db):
    case = file_story().case
    assert Submission.objects.get(pk=case.pk).procedure == INSTALLED


def test_the_default_profiles_export_is_unchanged_and_imports_back(db):
    assert import_registry(in_profile(saca_payload())).ok
    exported = json.loads(export_registry())
    # Absent means us-peru-tpa (REGISTRY-FORMAT.md has no "profile" key): files stay as they were.
    # Another profile's export names it.
    if INSTALLED == "us-peru-tpa":
        assert "profile" not in exported
    else:
        assert exported["profile"] == INSTALLED
    Submission.objects.all().delete()
    named = {**exported, "profile": INSTALLED}
    report = import_registry(named)
    assert report.ok, report.refused
    assert set(Submission.objects.values_list("procedure", flat=True)) == {INSTALLED}


def test_an_import_under_another_profile_is_refused_and_stores_nothing(db):
    payload = copy.deepcopy(saca_payload())
    payload["profile"] = {
        "us-peru-tpa": "usmca-cec",
        "usmca-cec": "us-peru-tpa",
        "cafta-dr": "us-peru-tpa",
    }[SLUG]
    report = import_registry(payload)
    assert not report.ok and report.imported == []
    assert (
        str(report.refused[0])
        == {
            "us-peru-tpa": (
                "-: case: This file's cases follow the procedure profile “usmca-cec”, and this "
                "installation runs “us-peru-tpa”: import it into an installation of that profile."
            ),
            "usmca-cec": (
                "-: case: This file's cases follow the procedure profile “us-peru-tpa”, and this "
                "installation runs “usmca-cec”: import it into an installation of that profile."
            ),
            "cafta-dr": (
                "-: case: This file's cases follow the procedure profile “us-peru-tpa”, and this "
                "installation runs “cafta-dr”: import it into an installation of that profile."
            ),
        }[SLUG]
    )
    assert not Submission.objects.exists()


def test_a_case_about_a_party_outside_the_profile_is_refused_by_name(db):
    payload = in_profile(saca_payload())
    payload["submissions"] = payload["submissions"][:1]
    payload["submissions"][0]["party"] = OUTSIDE
    report = import_registry(payload)
    assert not report.ok
    assert (
        report.refused[0].message
        == {
            "us-peru-tpa": "“party” must be one of PE, US and “language” one of en, es.",
            "usmca-cec": "“party” must be one of CA, MX, US and “language” one of en, fr, es.",
            "cafta-dr": "“party” must be one of CR, DO, SV, GT, HN, NI, US and “language” one of "
            "en, es.",
        }[SLUG]
    )


@pytest.mark.parametrize(
    ("field", "said"),
    {
        "us-peru-tpa": [
            (
                {"party": "MX"},
                "La Parte en cuestión debe ser una de las Partes: Perú, Estados Unidos.",
            ),
            (
                {"language": "fr"},
                "Una comunicación se redacta en uno de los idiomas de trabajo: inglés, español.",
            ),
        ],
        "usmca-cec": [
            (
                {"party": "PE"},
                "La Parte en cuestión debe ser una de las Partes: Canadá, México, Estados Unidos.",
            ),
            (
                {"language": "pt"},
                "Una petición se redacta en uno de los idiomas de trabajo: inglés, "
                "francés, español.",
            ),
        ],
        "cafta-dr": [
            (
                {"party": "MX"},
                "La Parte en cuestión debe ser una de las Partes: Costa Rica, República "
                "Dominicana, El Salvador, Guatemala, Honduras, Nicaragua, Estados Unidos.",
            ),
            (
                {"language": "fr"},
                "Una comunicación se redacta en uno de los idiomas de trabajo: inglés, español.",
            ),
        ],
    }[SLUG],
)
def test_a_filing_outside_the_profile_is_refused_naming_its_parties_and_languages(db, field, said):
    from tests.factories import make_filing
    from workflow import services
    from workflow.actors import Actor
    from workflow.exceptions import InvalidInput

    with translation.override("es"), pytest.raises(InvalidInput) as refused:
        services.file_submission(make_filing(**field), actor=Actor.public())
    assert str(refused.value) == said


PHRASES = {
    "concerning",
    "from",
    "for",
    "by_government",
    "by_council",
    "on_behalf_government",
    "on_behalf_council",
}


def test_every_party_has_its_phrases_in_every_working_language():
    procedure = profiles.installed()
    for party in procedure.parties:
        assert set(party.phrases) == PHRASES, party.code
        for language in procedure.languages:
            assert set(party.document_phrases[language]) == {"name", "concerning", "addressee"}
            assert party.document_phrases[language]["name"] == party.names[language]
        # Each phrase of the interface is translated as one piece (never "a el Perú").
        with translation.override("es"):
            spanish = {key: str(text) for key, text in party.phrases.items()}
        with translation.override("en"):
            english = {key: str(text) for key, text in party.phrases.items()}
        assert [key for key in PHRASES if spanish[key] == english[key]] == [], party.code


def test_authors_and_phrases_are_the_profiles():
    from notices import phrases, wording
    from submissions.stages import Author

    assert [value for value, _label in Author.choices] == [
        "submitter",
        "secretariat",
        *VALUES["authors"],
        "public",
    ]
    with translation.override("es"):
        assert (
            phrases.by_author(f"party:{A}")
            == {
                "PE": "por el Gobierno del Perú",
                "MX": "por el Gobierno de México",
                "GT": "por el Gobierno de Guatemala",
            }[A]
        )
        assert phrases.concerning_party("US") == "relativa a los Estados Unidos"
        member = "Representante de los Estados Unidos en el Consejo"
        assert str(Author("council:US").label) == member
    assert (
        wording.ADDRESSEE["es"][A]
        == {
            "PE": "al Gobierno del Perú",
            "MX": "al Gobierno de México",
            "GT": "al Gobierno de Guatemala",
        }[A]
    )
    assert wording.CONCERNING["en"]["US"] == "concerning the United States"


def test_the_seat_is_the_profiles():
    procedure = profiles.installed()
    zone, holidays = {
        "us-peru-tpa": ("America/New_York", ("US", "DC")),
        "usmca-cec": ("America/Toronto", ("CA", "QC")),
        "cafta-dr": ("America/Guatemala", ("GT", None)),
    }[SLUG]
    assert settings.TIME_ZONE == procedure.time_zone == zone
    assert holidays == (settings.SEM_HOLIDAY_COUNTRY, settings.SEM_HOLIDAY_SUBDIVISION)


def test_the_periods_are_the_profiles():
    from workflow import periods

    # PROCESS.md's deadline table for the US–Peru TPA, and docs/profiles.md's for the CEC:
    # (days, working days?, basis), and the Party's response after an extension.
    table, extended = {
        "us-peru-tpa": (
            {
                "acknowledgement": (5, True, "setting"),
                "admissibility": (30, False, "setting"),
                "revision": (30, False, "setting"),
                "response_decision": (30, False, "setting"),
                "party_response": (45, False, "Art. 18.8.5"),
                "factual_record_decision": (60, False, "setting"),
                "council_instruction": (60, False, "setting"),
                "draft_factual_record": (120, False, "setting"),
                "draft_comments": (45, False, "Art. 18.9.5"),
                "publication": (60, False, "Art. 18.9.7"),
            },
            60,
        ),
        "usmca-cec": (
            {
                "acknowledgement": (5, True, "setting"),
                "admissibility": (30, False, "Art. 24.27(3)"),
                "revision": (60, True, "Guidelines 6.2"),
                "response_decision": (30, False, "setting"),
                "party_response": (60, False, "Art. 24.27(4)"),
                "factual_record_decision": (60, False, "setting"),
                "council_instruction": (60, False, "setting"),
                "draft_factual_record": (120, False, "setting"),
                "draft_comments": (45, False, "Art. 24.28(5)"),
                "publication": (60, False, "Art. 24.28(7)"),
            },
            90,
        ),
        # CAFTA-DR Arts. 17.7.5, 17.8.5 and 17.8.7; the revision's 30 days are its registry's.
        "cafta-dr": (
            {
                "acknowledgement": (5, True, "setting"),
                "admissibility": (30, False, "setting"),
                "revision": (30, False, "setting"),
                "response_decision": (30, False, "setting"),
                "party_response": (45, False, "Art. 17.7.5"),
                "factual_record_decision": (60, False, "setting"),
                "council_instruction": (60, False, "setting"),
                "draft_factual_record": (120, False, "setting"),
                "draft_comments": (45, False, "Art. 17.8.5"),
                "publication": (60, False, "Art. 17.8.7"),
            },
            60,
        ),
    }[SLUG]
    assert {kind: (s.length, s.working_days, s.rule) for kind, s in periods.SPECS.items()} == table
    assert profiles.installed().extension_for(None) == extended
    assert set(profiles.installed().periods) == set(periods.SPECS)


def test_an_identifier_is_written_and_read_by_the_profiles_scheme():
    scheme = profiles.installed().identifier
    written = {
        "us-peru-tpa": ("SEM/PE/002/2023", "SACA-SEEM/US/1234/2024", "SACA-SEEM/PE/002/2023"),
        "usmca-cec": ("SEM-23-002", "SACA-SEEM-24-1234", "SACA-SEEM-23-002"),
        "cafta-dr": ("SEM/23/002", "SACA-SEEM/24/1234", "SACA-SEEM/23/002"),
    }[SLUG]
    # The CEC's and CAFTA-DR's identifiers name no Party.
    party_read = {"us-peru-tpa": A, "usmca-cec": "", "cafta-dr": ""}[SLUG]
    assert scheme.format("SEM", A, 2, 2023) == written[0]
    assert scheme.format("SACA-SEEM", "US", 1234, 2024) == written[1]
    assert scheme.parse(written[2]) == ("SACA-SEEM", party_read, 2, 2023)
    identifier_validator(scheme.format("SEM", "US", 17, 2026))


def test_a_case_pages_address_takes_the_profiles_identifier_shape(db):
    """The docket's URL pattern comes from the profile's scheme, as the validator does: a case
    about each of its Parties has a page; another shape (the CEC's SEM-97-001) would be read
    by its own scheme, not by a pattern written for PE and US."""
    import re

    from django.urls import reverse

    for code in PARTY_CODES:
        slug = Submission.slug_for(identifier(code, 2, 2023))
        assert reverse("docket_case", args=[slug]) == f"/en/docket/{slug}/"
    # A Party outside the profile (the TPA's), another profile's shape (the CEC's).
    outside = {
        "us-peru-tpa": "sem-ca-002-2023",
        "usmca-cec": "sem-pe-002-2023",
        "cafta-dr": "sem-gt-002-2023",
    }[SLUG]
    assert not re.fullmatch(profiles.installed().slug_regex, outside)
    cec_like = profiles.IdentifierScheme(
        template="{prefix}-{year2:02d}-{number:03d}", shape=r"{prefix}-\d{{2}}-\d{{3}}"
    )
    assert re.fullmatch(cec_like.regex(["CA", "MX", "US"]), "SEM-97-001")
    assert re.fullmatch(cec_like.slug_regex(["CA", "MX", "US"]), "sem-97-001")
    assert not re.fullmatch(cec_like.slug_regex(["CA", "MX", "US"]), "feed")


def test_the_criteria_and_factors_are_the_profiles_in_both_languages():
    from workflow import treaty

    procedure = profiles.installed()
    assert treaty.CRITERIA is procedure.criteria and treaty.FACTORS is procedure.factors
    # TPA Arts. 18.8.2 (a)–(f) and 18.8.4 (a)–(d); USMCA Arts. 24.27(2) (a)–(e) and 24.27(4)
    # (a)–(d).
    criteria, first = {
        "us-peru-tpa": ("abcdef", "se presenta por escrito en inglés o en español"),
        "usmca-cec": ("abcde", "se presenta por escrito en español, francés o inglés"),
        "cafta-dr": ("abcdef", "se presenta por escrito en inglés o en español"),
    }[SLUG]
    assert sorted(procedure.criteria) == list(criteria)
    assert sorted(procedure.factors) == list("abcd")
    with translation.override("es"):
        assert str(procedure.criteria["a"]) == first


def test_an_instruction_naming_no_party_of_the_profile_is_refused_by_name(db):
    from tests.helpers_cases import drive
    from workflow.exceptions import RuleViolation

    story = drive("awaiting_council")
    with pytest.raises(RuleViolation) as refused:
        story.add("council_instructed", author=f"council:{A}", data={"party": OUTSIDE})
    assert refused.value.rule == "party key"
    assert (
        str(refused.value)
        == {
            "us-peru-tpa": "Name the Party, one of: PE, US.",
            "usmca-cec": "Name the Party, one of: CA, MX, US.",
            "cafta-dr": "Name the Party, one of: CR, DO, SV, GT, HN, NI, US.",
        }[SLUG]
    )


def test_the_models_languages_are_the_profiles():
    """A person's and a document's language are chosen among the profile's working languages
    (the first is a person's default), as the language switcher's are."""
    from submissions.models import LANGUAGE_CHOICES, Document, Submitter, User

    working = list(profiles.installed().languages)
    assert [code for code, _name in LANGUAGE_CHOICES] == working
    assert [code for code, _name in settings.LANGUAGES] == working
    for model in (Submitter, User):
        assert model._meta.get_field("preferred_language").default == working[0]
    assert [c for c, _n in Document._meta.get_field("language").choices] == working


@pytest.mark.parametrize(
    ("scheme", "prefix", "identifier", "slug", "parts", "sequence"),
    [
        (
            profiles.US_PERU_TPA.identifier,
            "SEM",
            "SEM/PE/002/2023",
            "sem-pe-002-2023",
            ("SEM", "PE", 2, 2023),
            ("SEM", "PE", 2023),
        ),
        (
            profiles.CEC_IDENTIFIER,
            "SEM",
            "SEM-97-001",
            "sem-97-001",
            ("SEM", "", 1, 1997),
            ("SEM", "", 1997),
        ),
        (
            profiles.CEC_IDENTIFIER,
            "SEM",
            "SEM-20-001",
            "sem-20-001",
            ("SEM", "", 1, 2020),
            ("SEM", "", 2020),
        ),
        (
            profiles.CAFTA_DR_IDENTIFIER,
            "CAALA",
            "CAALA/25/002",
            "caala-25-002",
            ("CAALA", "", 2, 2025),
            ("CAALA", "", 2025),
        ),
    ],
)
def test_each_bodys_identifiers_are_written_read_and_counted_by_its_scheme(
    scheme, prefix, identifier, slug, parts, sequence
):
    """The registries' own identifiers: the TPA's per Party, the CEC's and CAFTA-DR's one
    sequence a year across their Parties, with a two-digit year read back whole."""
    import re

    prefix_, party, number, year = scheme.parse(identifier)
    assert (prefix_, party, number, year) == parts
    assert scheme.format(prefix, party or "MX", number, year) == identifier
    assert re.fullmatch(scheme.regex(["CA", "MX", "US", "PE"]), identifier)
    assert re.fullmatch(scheme.slug_regex(["CA", "MX", "US", "PE"]), slug)
    assert scheme.sequence(prefix, party or "MX", year) == sequence
    with pytest.raises(ValueError):
        scheme.parse(identifier.replace("0", "x"))


def test_one_sequence_across_the_parties_numbers_their_cases_in_turn(db, monkeypatch):
    """A scheme whose number runs across the Parties (the CEC's, CAFTA-DR's) gives a case
    about the second Party the next number, not its own 001."""
    import dataclasses
    import datetime

    from tests.factories import file_case
    from workflow import services

    installed = profiles.PROFILES[SLUG]
    across = dataclasses.replace(
        installed, identifier=dataclasses.replace(installed.identifier, per_party=False)
    )
    monkeypatch.setitem(profiles.PROFILES, SLUG, across)
    identifiers = []
    for party in (A, B, A):
        case = file_case(party=party, on=datetime.date(2023, 3, 1))
        services.record_event(
            case,
            "acknowledged",
            actor=None,
            on=datetime.date(2023, 3, 2),
            importing=services.ImportOptions(),
        )
        case.refresh_from_db()
        identifiers.append(case.identifier)
    assert (
        identifiers
        == {
            "us-peru-tpa": ["SEM/PE/001/2023", "SEM/US/002/2023", "SEM/PE/003/2023"],
            "usmca-cec": ["SEM-23-001", "SEM-23-002", "SEM-23-003"],
            "cafta-dr": ["CAALA/23/001", "CAALA/23/002", "CAALA/23/003"],
        }[SLUG]
    )


def test_the_letterheads_are_the_profiles_unless_set(settings):
    from notices import letterhead

    heads = profiles.installed().letterheads
    assert letterhead.for_language("es") == heads["es"] == settings.SEM_LETTERHEAD_ES
    assert letterhead.for_language("en") == heads["en"]
    # The TPA has no French letterhead: a French document would carry the English one, until
    # the installation (or a profile that lists French, as the CEC's) names one.
    assert (
        letterhead.for_language("fr")
        == heads[{"us-peru-tpa": "en", "usmca-cec": "fr", "cafta-dr": "en"}[SLUG]]
    )
    settings.SEM_LETTERHEAD_FR = "Secrétariat — en-tête"
    assert letterhead.for_language("fr-ca") == "Secrétariat — en-tête"


def test_the_models_choices_of_profile_values_are_read_when_asked():
    """The working languages and the authors (which name the Parties) are a profile's: a model
    field names the function that reads them, so the migrations are the same under every
    profile (a literal list would ask for a new migration under the CEC's)."""
    from submissions.models import Document, Submission, User
    from submissions.stages import author_choices, language_choices
    from workflow.models import Event

    for model, name, function in [
        (Submission, "language", language_choices),
        (User, "preferred_language", language_choices),
        (Document, "language", language_choices),
        (Document, "author", author_choices),
        (Event, "author", author_choices),
    ]:
        field = model._meta.get_field(name)
        assert field.deconstruct()[3]["choices"] is function
    assert language_choices() == list(settings.LANGUAGES)
    assert ("council:US", "Council member of the United States") in [
        (value, str(label)) for value, label in author_choices()
    ]
