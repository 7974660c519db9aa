"""Varied generated registries for the export → import → export round trip (`make roundtrip`
and tests/roundtrip/test_roundtrip.py): the bench's case (tests/bench/run.py) and nine other
histories in turn, so that every chunk of an export holds closed and open cases, documents and
their links, joined and withheld submitters, an identifier reserved for a case not yet
acknowledged, and the optional keys of a response."""

import copy
import datetime

from tests.bench.run import generated_registry


def varied_registry(count: int) -> dict:
    payload = generated_registry(count)
    for n, case in enumerate(payload["submissions"]):
        VARIANTS[n % len(VARIANTS)](case, n)
    return payload


def _day(case, offset) -> str:
    filed = datetime.date.fromisoformat(case["events"][0]["on"])
    return (filed + datetime.timedelta(days=offset)).isoformat()


def _upto(case, count):
    """The first ``count`` of the bench case's events (filed ... party_responded ...)."""
    case["events"] = case["events"][:count]


def _bench(case, n):
    """Filed → … → a Council instruction and a call for information (8 events)."""


def _not_admissible(case, n):
    _upto(case, 2)
    case["events"] += [
        {"on": _day(case, 20), "kind": "admissibility_determined", "outcome": "does_not_meet"},
        {"on": _day(case, 70), "kind": "closed", "reason": "not_admissible"},
    ]


def _revised_no_request(case, n):
    _upto(case, 2)
    case["events"] += [
        {"on": _day(case, 20), "kind": "admissibility_determined", "outcome": "does_not_meet"},
        {"on": _day(case, 35), "kind": "revision_filed", "author": "submitter"},
        {"on": _day(case, 60), "kind": "admissibility_determined", "outcome": "meets"},
        {"on": _day(case, 80), "kind": "response_decided", "outcome": "no_request"},
    ]


def _extension_not_warranted(case, n):
    party = case["party"]
    _upto(case, 4)
    case["events"] += [
        {"on": _day(case, 52), "kind": "request_delivered"},
        {"on": _day(case, 60), "kind": "extension_notified", "author": f"party:{party}"},
        {
            "on": _day(case, 140),
            "kind": "party_responded",
            "author": f"party:{party}",
            "pending_proceeding": False,
        },
        {"on": _day(case, 170), "kind": "factual_record_notified", "outcome": "not_warranted"},
    ]


def _not_yet_acknowledged(case, n):
    """An imported case whose identifier is reserved until it is acknowledged."""
    case["events"] = case["events"][:1] + [
        {"on": _day(case, 1), "kind": "correspondence", "title": f"Carta {n}"}
    ]


def _documents(case, n):
    case["events"][0]["documents"] = [
        {"language": "es", "title": f"Comunicación {n}", "visibility": "party_concerned"},
        {
            "language": "en",
            "title": f"Submission {n} (translation)",
            "visibility": "party_concerned",
            "translation_of": 0,
            "official_translation": n % 2 == 0,
        },
        {"language": "es", "title": "Versión pública", "redacted_version_of": 0},
    ]
    case["events"][4]["documents"] = [{"language": "es", "title": "Respuesta del Gobierno"}]
    case["events"].append(
        {
            "on": _day(case, 175),
            "kind": "correspondence",
            "title": "Traducción",
            "documents": [
                {"language": "en", "title": "Response (translation)", "translation_of": [4, 0]}
            ],
        }
    )


def _people(case, n):
    case["submitters"].append(
        {
            "name": f"Second submitter {n}",
            "kind": "individual",
            "country": "US",
            "confidential": False,
        }
    )
    case["events"][2:2] = [
        {
            "on": _day(case, 5),
            "kind": "submitters_joined",
            "submitters": [
                {
                    "name": f"Joined {n}",
                    "kind": "individual",
                    "country": "PE",
                    "confidential": False,
                }
            ],
        },
        {"on": _day(case, 6), "kind": "identity_withheld", "submitter": 1, "author": "submitter"},
        {
            "on": _day(case, 7),
            "kind": "correspondence",
            "title": "Carta",
            "visibility": "submitter",
        },
    ]


def _withdrawn(case, n):
    _upto(case, 4)
    case["events"].append({"on": _day(case, 70), "kind": "withdrawn", "author": "submitter"})


def _published(case, n):
    _upto(case, 7)
    case["events"] += [
        {
            "on": _day(case, 165),
            "kind": "publication_instructed",
            "party": "PE",
            "author": "council:PE",
        },
        {
            "on": _day(case, 250),
            "kind": "draft_submitted",
            "documents": [{"language": "en", "title": "Draft factual record"}],
        },
        {"on": _day(case, 270), "kind": "draft_commented", "party": "PE", "author": "party:PE"},
        {"on": _day(case, 280), "kind": "draft_commented", "party": "US", "author": "party:US"},
        {
            "on": _day(case, 300),
            "kind": "final_submitted",
            "documents": [{"language": "en", "title": "Final factual record"}],
        },
        {"on": _day(case, 320), "kind": "published"},
    ]


def _response_details(case, n):
    response = case["events"][4]
    response["proceeding"] = {
        "authority": "Tribunal Constitucional",
        "case_number": f"EXP-{n:05d}",
        "status": "pending",
    }
    response["information"] = ["i", "iii"]
    case["laws"].append({"name": "Ley General del Ambiente", "provisions": f"Art. {n % 90 + 1}"})
    case["related"] = [copy.copy(case["identifier"])]  # itself: ignored, no warning needed


VARIANTS = (
    _bench,
    _not_admissible,
    _revised_no_request,
    _extension_not_warranted,
    _not_yet_acknowledged,
    _documents,
    _people,
    _withdrawn,
    _published,
    _response_details,
)
