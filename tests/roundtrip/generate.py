"""Varied generated registries for the export → import → export round trip (`make roundtrip`
and tests/roundtrip/test_roundtrip.py): the bench's case (tests/bench/run.py) and nine other
histories in turn, so that every chunk of an export holds closed and open cases, documents and
their links, joined and withheld submitters, an identifier reserved for a case not yet
acknowledged, and the optional keys of a response."""

import copy
import datetime
import re

from submissions import profiles
from tests.bench.run import generated_registry
from tests.parties import (
    CRITERIA,
    FACTORS,
    OTHERS,
    SLUG,
    A,
    B,
    identifier,
    members_needed,
)


def varied_registry(count: int) -> dict:
    payload = generated_registry(count)
    for n, case in enumerate(payload["submissions"]):
        VARIANTS[n % len(VARIANTS)](case, n)
    return in_profile(payload)


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
        # The one who joined leaves it to the others (ours: docs/registry-extensions.md).
        {"on": _day(case, 7), "kind": "submitter_left", "submitter": 2, "author": "submitter"},
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


# --- The installed profile's registry ------------------------------------------------------------

_TPA_IDENTIFIER = re.compile(r"([A-Z0-9]+(?:-[A-Z0-9]+)*)/(PE|US)/(\d{3,})/(\d{4})(/.*)?")
_INDEX_KEYS = ("proposal_event",)
_LINK_KEYS = ("document", "translation_of", "redacted_version_of")
_COUNCIL_KINDS = ("council_instructed", "publication_instructed")


def in_profile(payload: dict) -> dict:
    """A registry written for the default profile (Parties PE and US, identifiers
    ``SEM/PE/001/2023``), as the installed profile's file: unchanged under the default; under
    another, it names the profile, Peru becomes Party A and the United States Party B (both as
    tests.parties has them), identifiers and codes take the profile's shape, criteria the
    profile's letters, each Council instruction is joined by the other members the profile's
    rule needs and B's comments on a draft by the other Parties', on the same day (later
    references to events follow their index)."""
    if SLUG == profiles.DEFAULT:
        return payload
    payload = _mapped(copy.deepcopy(payload))
    payload["profile"] = SLUG
    for case in payload.get("submissions", []):
        _council_votes(case)
    return payload


def _party(code):
    return {"PE": A, "US": B}.get(code, code)


def _identifier(text):
    found = _TPA_IDENTIFIER.fullmatch(text)
    if found is None:
        return text
    prefix, party, number, year, rest = found.groups()
    return identifier(_party(party), int(number), int(year), prefix) + (rest or "")


def _mapped(value, key=None):
    if isinstance(value, dict):
        value = {k: _mapped(v, k) for k, v in value.items()}
        for letters, known in (("criteria", CRITERIA), ("factors", FACTORS)):
            if isinstance(value.get(letters), dict):
                value[letters] = {k: v for k, v in value[letters].items() if k in known}
        return value
    if isinstance(value, list):
        return [_mapped(item, key) for item in value]
    if not isinstance(value, str):
        return value
    if key in ("party", "country", "residence", "nationality"):
        return _party(value)
    if key == "author" and ":" in value:
        role, code = value.split(":", 1)
        return f"{role}:{_party(code)}"
    return _identifier(value)


def _council_votes(case):
    events, moved, voted = [], {}, {kind: [] for kind in _COUNCIL_KINDS}
    for old, event in enumerate(case.get("events", [])):
        moved[old] = len(events)
        events.append(event)
        kind = event.get("kind")
        if kind == "draft_commented" and event.get("party") == B:
            # The Parties the default profile does not have comment with B.
            events += [
                {**event, "party": other, "author": f"party:{other}", "documents": []}
                for other in OTHERS
            ]
        if kind not in _COUNCIL_KINDS:
            continue
        voted[kind].append(event.get("party"))
        for party in (A, B) + OTHERS:
            if len(set(voted[kind])) >= members_needed(kind):
                break
            if party not in voted[kind]:
                voted[kind].append(party)
                events.append({**event, "party": party, "author": f"council:{party}"})
    for event in events:
        for key in _INDEX_KEYS:
            if isinstance(event.get(key), int):
                event[key] = moved[event[key]]
        for document in [event, *event.get("documents", [])]:
            for key in _LINK_KEYS:
                link = document.get(key)
                if isinstance(link, list) and len(link) == 2:
                    document[key] = [moved[link[0]], link[1]]
    case["events"] = events
