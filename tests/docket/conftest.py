import datetime
import json
import re
from pathlib import Path

import pytest

from tests.helpers_cases import drive, frozen
from tests.parties import CRITERIA, SLUG, TPA, A, council_members, identifier
from workflow.registry import import_registry

DATA = Path(__file__).resolve().parent.parent / "data"

# The docket's cases concern Party A (tests.parties): under the TPA they are the registry's own
# Peruvian cases, word for word; under another profile the same cases with A's code and that
# profile's identifiers (see ``for_profile``): the CEC's SEM-YY-NNN, CAFTA-DR's CAALA/YY/NNN
# (its own prefix for the TPA's SEM; an older prefix, SACA-SEEM, kept).
SECRET_ID, CALL_ID, SACA_1, SACA_2 = {
    "us-peru-tpa": (
        "SEM/PE/007/2024",
        "SEM/PE/009/2024",
        "SACA-SEEM/PE/001/2023",
        "SACA-SEEM/PE/002/2023",
    ),
    "usmca-cec": ("SEM-24-007", "SEM-24-009", "SACA-SEEM-23-001", "SACA-SEEM-23-002"),
    "cafta-dr": ("CAALA/24/007", "CAALA/24/009", "SACA-SEEM/23/001", "SACA-SEEM/23/002"),
}[SLUG]
SECRET_SLUG, CALL_SLUG, SACA_1_SLUG, SACA_2_SLUG = {
    "us-peru-tpa": (
        "sem-pe-007-2024",
        "sem-pe-009-2024",
        "saca-seem-pe-001-2023",
        "saca-seem-pe-002-2023",
    ),
    "usmca-cec": ("sem-24-007", "sem-24-009", "saca-seem-23-001", "saca-seem-23-002"),
    "cafta-dr": ("caala-24-007", "caala-24-009", "saca-seem-23-001", "saca-seem-23-002"),
}[SLUG]

_TPA_IDENTIFIER = re.compile(r"\b([A-Z]+(?:-[A-Z]+)*)/PE/(\d{3})/(\d{4})")
# The installed profile's own prefix for the TPA's SEM, where it has another (CAFTA-DR's CAALA).
_PREFIXES = {"us-peru-tpa": {}, "usmca-cec": {}, "cafta-dr": {"SEM": "CAALA"}}[SLUG]


def for_profile(value):
    """A registry payload written for the TPA's Peru (``SEM/PE/007/2024``, ``"party": "PE"``,
    ``party:PE``), as the installed profile's file on Party A: the identity under the TPA;
    CAFTA-DR's CAALA/24/007 for the TPA's SEM/PE/007/2024 (``_PREFIXES``)."""
    if isinstance(value, dict):
        converted = {key: for_profile(item) for key, item in value.items()}
        if "submissions" in converted and SLUG != TPA:
            converted["profile"] = SLUG
        return converted
    if isinstance(value, list):
        return [for_profile(item) for item in value]
    if not isinstance(value, str):
        return value
    if value == "PE":
        return A
    if value in ("party:PE", "council:PE"):
        return value.replace("PE", A)
    return _TPA_IDENTIFIER.sub(
        lambda m: identifier(
            A, int(m.group(2)), int(m.group(3)), _PREFIXES.get(m.group(1), m.group(1))
        ),
        value,
    )


SECRET_NAME = "Zuleima Quispe-Huamaní"
SECRET_DOCUMENT = "Anexo confidencial de la comunidad Xq7"
PUBLIC_DOCUMENT = "Public submission text"


def secret_payload() -> dict:
    """A case with a withheld submitter beside a public one, a confidential attachment (visibility
    party_concerned) and a public document with its official Spanish translation, under the
    installed profile (``for_profile``)."""
    return for_profile(_secret_payload())


def _secret_payload() -> dict:
    return {
        "format": "sem-registry/1",
        "submissions": [
            {
                "identifier": "SEM/PE/007/2024",
                "party": "PE",
                "language": "en",
                "title": {"en": "Mercury in the Madre de Dios river", "es": "Mercurio en el río"},
                "summary": {
                    "en": "Gold mining dumps mercury.",
                    "es": "La minería vierte mercurio.",
                },
                "laws": [
                    {"name": "General Environmental Law (Law No. 28611)", "provisions": "Art. 1"}
                ],
                "submitters": [
                    {
                        "name": SECRET_NAME,
                        "kind": "individual",
                        "country": "PE",
                        "confidential": True,
                    },
                    {
                        "name": "Derecho Ambiental Abierto",
                        "kind": "organization",
                        "country": "PE",
                        "confidential": False,
                    },
                ],
                "related": ["SACA-SEEM/PE/002/2023"],
                "events": [
                    {
                        "on": "2024-02-05",
                        "kind": "filed",
                        "documents": [
                            {
                                "language": "en",
                                "title": PUBLIC_DOCUMENT,
                                "file": "files/submission-en.pdf",
                                "visibility": "public",
                            },
                            {
                                "language": "es",
                                "title": "Texto de la petición",
                                "file": "files/submission.pdf",
                                "visibility": "public",
                                "translation_of": 0,
                                "official_translation": True,
                            },
                            {
                                "language": "es",
                                "title": SECRET_DOCUMENT,
                                "file": "files/information.pdf",
                                "visibility": "party_concerned",
                            },
                        ],
                    },
                    {"on": "2024-02-07", "kind": "acknowledged"},
                    {
                        "on": "2024-03-01",
                        "kind": "admissibility_determined",
                        "outcome": "meets",
                        "code": "SEM/PE/007/2024/D1",
                    },
                ],
            }
        ],
    }


# A case preparing its factual record, with an open call for information (written for the TPA,
# imported through ``for_profile``).
CALL_CASE = {
    "identifier": "SEM/PE/009/2024",
    "party": "PE",
    "language": "es",
    "title": {"es": "Tala ilegal en Ucayali"},
    "summary": {"es": "Tala ilegal en concesiones forestales."},
    "laws": ["Ley Forestal y de Fauna Silvestre (Ley N.° 29763)"],
    "submitters": [{"name": "Comunidad Nativa", "kind": "organization", "country": "PE"}],
    "events": [
        {"on": "2024-01-08", "kind": "filed"},
        {"on": "2024-01-09", "kind": "acknowledged"},
        {"on": "2024-02-01", "kind": "admissibility_determined", "outcome": "meets"},
        {"on": "2024-02-20", "kind": "response_decided", "outcome": "request"},
        {"on": "2024-03-20", "kind": "party_responded", "pending_proceeding": False},
        {"on": "2024-04-10", "kind": "factual_record_notified", "outcome": "warranted"},
        # As many Council members as the profile's rule needs (the TPA's Peru alone).
        *(
            {
                "on": "2024-05-02",
                "kind": "council_instructed",
                "party": code,
                "author": f"council:{code}",
            }
            for code in council_members()
        ),
        {"on": "2024-05-10", "kind": "information_called"},
    ],
}


@pytest.fixture
def call_case(db):
    assert import_registry(for_profile({"format": "sem-registry/1", "submissions": [CALL_CASE]})).ok
    from submissions.models import Submission

    return Submission.objects.get(identifier=CALL_ID)


@pytest.fixture
def saca(db):
    payload = for_profile(json.loads((DATA / "saca-seem-2023.json").read_text(encoding="utf-8")))
    report = import_registry(payload, base_dir=DATA)
    assert report.ok, report.refused
    return report


@pytest.fixture
def secret_case(db):
    report = import_registry(secret_payload(), base_dir=DATA)
    assert report.ok, report.refused
    from submissions.models import Submission

    return Submission.objects.get(identifier=SECRET_ID)


@pytest.fixture
def public_determination(officer, director):
    """A determination under Article 18.8.2, proposed and approved: public, with its formal
    documents in each working language. (case, the decision's event)."""
    from notices import services as documents
    from workflow import services

    met = {c: {"met": True, "reasons": f"({c}) se cumple."} for c in CRITERIA}
    case = drive("admissibility_review").case
    with frozen(datetime.date(2023, 4, 10)):
        proposal = documents.record_with_documents(
            case,
            "admissibility_determined",
            actor=officer,
            data={"outcome": "meets", "criteria": met},
        )
    with frozen(datetime.date(2023, 4, 12)):
        decision = services.approve_proposal(case, proposal.seq, actor=director)
    case.refresh_from_db()
    return case, decision
