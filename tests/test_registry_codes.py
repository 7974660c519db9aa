"""Issue 13, registry items: document codes checked against the case, numbering after an
import, the reserved identifier through a round trip, the public export's deadlines, and the
optional keys of ``party_responded`` and the ``[event_index, position]`` document link."""

import copy
import datetime
import json

import pytest
from django.utils import translation

from submissions.models import Submission, Submitter, User
from tests.helpers_cases import Story
from tests.parties import CODES, SLUG, A, council_members, identifier
from tests.roundtrip.generate import in_profile
from tests.test_registry import saca, saca_as_profile
from workflow.models import Event
from workflow.registry import export_registry, import_registry

D = datetime.date
# The case _case writes, in the profile's shape.
CASE = identifier(A, 3, 2023)


def _wipe():
    Submission.objects.all().delete()
    Submitter.objects.all().delete()
    User.objects.all().delete()


def _case(identifier="SEM/PE/003/2023", events=(), **extra):
    """A case about Peru in the default profile's words (_registry gives it the profile's)."""
    return {
        "identifier": identifier,
        "party": "PE",
        "language": "es",
        "title": {"es": "Relaves mineros en el río Santa"},
        "summary": {"es": "Los peticionarios afirman que no se fiscalizan los relaves."},
        "laws": ["Ley General del Ambiente (Ley N.º 28611)"],
        "submitters": [{"name": "Asociación Río Santa", "kind": "organization", "country": "PE"}],
        "events": [{"on": "2023-03-10", "kind": "filed"}, *events],
        **extra,
    }


def _registry(*cases):
    return in_profile({"format": "sem-registry/1", "submissions": list(cases)})


# --- Codes ---------------------------------------------------------------------------------------


def test_a_code_of_another_case_is_refused_naming_the_case_and_event(db):
    payload = saca_as_profile()
    payload["submissions"][1]["events"][3]["code"] = f"{saca(1)}/D2"
    report = import_registry(payload)
    assert [str(r) for r in report.refused] == [
        f"{saca(2)}: events[3] (response_decided): The code {saca(1)}/D2 "
        f"belongs to another case, not to {saca(2)}. [rule: code of another case]"
    ]
    assert report.imported == [saca(1)]
    assert not Submission.objects.filter(identifier=saca(2)).exists()


def test_the_refusal_of_another_cases_code_is_translated(db):
    payload = saca_as_profile()
    payload["submissions"] = payload["submissions"][1:]
    other = identifier(A, 99, 2023)
    payload["submissions"][0]["events"][2]["code"] = f"{other}/D1"
    with translation.override("es"):
        report = import_registry(payload)
    assert str(report.refused[0]) == (
        f"{saca(2)}: events[2] (admissibility_determined): El código "
        f"{other}/D1 pertenece a otro caso, no a {saca(2)}. "
        "[rule: code of another case]"
    )


def test_codes_under_the_receipt_number_or_the_reserved_identifier_are_the_cases(db):
    case = _case(
        receipt_number="R-2023-000041",
        events=[
            {
                "on": "2023-03-20",
                "kind": "admissibility_determined",
                "outcome": "does_not_meet",
                "code": "R-2023-000041/D1",
            },
            {"on": "2023-03-22", "kind": "acknowledged"},
        ],
    )
    report = import_registry(_registry(case))
    assert report.ok, [str(r) for r in report.refused]
    submission = Submission.objects.get(identifier=CASE)
    assert list(submission.events.order_by("seq").values_list("code", flat=True)) == [
        "",
        "R-2023-000041/D1",
        "",
    ]


def test_the_next_determination_after_an_import_continues_the_numbering(db):
    """The first determination was coded under the receipt number before acknowledgement; the
    next one, under the identifier, is D2, not D1 again."""
    case = _case(
        events=[
            {"on": "2023-03-20", "kind": "admissibility_determined", "outcome": "does_not_meet"},
            {"on": "2023-03-22", "kind": "acknowledged"},
            {"on": "2023-04-05", "kind": "revision_filed"},
        ]
    )
    assert import_registry(_registry(case)).ok
    submission = Submission.objects.get(identifier=CASE)
    first = submission.events.get(seq=2).code
    assert first.startswith("R-2023-") and first.endswith("/D1")
    event = Story(submission, D(2023, 4, 5)).add(
        "admissibility_determined", on=D(2023, 4, 20), data={"outcome": "meets"}
    )
    assert event.code == f"{CASE}/D2"


def test_numbering_continues_after_the_highest_imported_code(db):
    """A registry that skipped numbers (its first determination is D3): the next is D4."""
    case = _case(
        events=[
            {"on": "2023-03-13", "kind": "acknowledged"},
            {
                "on": "2023-03-20",
                "kind": "admissibility_determined",
                "outcome": "does_not_meet",
                "code": "SEM/PE/003/2023/D3",
            },
            {"on": "2023-04-05", "kind": "revision_filed"},
        ]
    )
    assert import_registry(_registry(case)).ok
    submission = Submission.objects.get(identifier=CASE)
    event = Story(submission, D(2023, 4, 5)).add(
        "admissibility_determined", on=D(2023, 4, 20), data={"outcome": "meets"}
    )
    assert event.code == f"{CASE}/D4"


# --- The reserved identifier ---------------------------------------------------------------------


def test_the_reserved_identifier_survives_a_restricted_round_trip(db):
    case = _case(
        identifier="SEM/PE/009/2023",
        events=[{"on": "2023-03-11", "kind": "correspondence", "title": "Carta"}],
    )
    reserved = identifier(A, 9, 2023)
    assert import_registry(_registry(case)).ok
    submission = Submission.objects.get()
    assert (submission.identifier, submission.imported_identifier) == (None, reserved)
    first = export_registry(restricted=True)
    assert json.loads(first)["submissions"][0]["identifier"] == reserved
    assert json.loads(export_registry())["submissions"] == []  # not public before acknowledged

    _wipe()
    assert import_registry(json.loads(first)).ok
    assert export_registry(restricted=True) == first
    submission = Submission.objects.get()
    assert (submission.identifier, submission.imported_identifier) == (None, reserved)
    Story(submission, D(2023, 3, 11)).add("acknowledged", on=D(2023, 3, 14))
    submission.refresh_from_db()
    assert submission.identifier == reserved


# --- The public export's deadlines ---------------------------------------------------------------


def _drafted(visibility):
    payload = saca_as_profile()
    payload["submissions"] = payload["submissions"][1:]
    payload["submissions"][0]["events"] += [
        *(
            {"on": "2023-09-01", "kind": "council_instructed", "party": p, "author": f"council:{p}"}
            for p in council_members()
        ),
        {
            "on": "2023-12-01",
            "kind": "draft_submitted",
            "visibility": visibility,
            "documents": [{"language": "es", "title": "Proyecto de expediente de hechos"}],
        },
    ]
    return payload


def test_the_public_export_leaves_out_deadlines_opened_by_a_non_public_event(db):
    assert import_registry(_drafted("parties")).ok
    restricted = json.loads(export_registry(restricted=True))["submissions"][0]
    public = json.loads(export_registry())["submissions"][0]
    comments = [d for d in restricted["deadlines"] if d["kind"] == "draft_comments"]
    # 45 days → Monday 15 January 2024, Martin Luther King Jr. Day at the TPA's seat: the 16th;
    # a working day in Montréal and in Guatemala City.
    due = {"us-peru-tpa": "2024-01-16", "usmca-cec": "2024-01-15", "cafta-dr": "2024-01-15"}[SLUG]
    assert [(d["party"], d["start_on"], d["due_on"]) for d in comments] == [
        (code, "2023-12-01", due) for code in CODES
    ]
    assert [d["kind"] for d in public["deadlines"]] == [
        "acknowledgement",
        "admissibility",
        "response_decision",
        "party_response",
        "factual_record_decision",
        "council_instruction",
        "draft_factual_record",
    ]
    assert "2023-12-01" in json.dumps(restricted)
    assert not any(d["start_on"] == "2023-12-01" for d in public["deadlines"])


def test_the_public_export_lists_the_periods_of_a_public_draft(db):
    assert import_registry(_drafted("public")).ok
    public = json.loads(export_registry())["submissions"][0]
    assert [d["party"] for d in public["deadlines"] if d["kind"] == "draft_comments"] == list(CODES)


def test_a_period_moved_by_the_requests_delivery_stays_public(db):
    payload = saca_as_profile()
    payload["submissions"] = payload["submissions"][1:]
    payload["submissions"][0]["events"].insert(4, {"on": "2023-05-09", "kind": "request_delivered"})
    assert import_registry(payload).ok
    public = json.loads(export_registry())["submissions"][0]
    response = next(d for d in public["deadlines"] if d["kind"] == "party_response")
    # TPA: 45 days, Friday 23 June 2023. CEC: 60 days, Saturday 8 July, moved to Monday 10.
    # CAFTA-DR: 45 days, Friday 23 June 2023 (no holiday in Guatemala).
    due = {"us-peru-tpa": "2023-06-23", "usmca-cec": "2023-07-10", "cafta-dr": "2023-06-23"}[SLUG]
    assert (response["start_on"], response["due_on"]) == ("2023-05-09", due)


# --- Optional keys -------------------------------------------------------------------------------


def _responded_with_details():
    payload = saca_as_profile()
    payload["submissions"] = payload["submissions"][1:]
    events = payload["submissions"][0]["events"]
    events[4]["proceeding"] = {
        "authority": "Sala Civil de Loreto",
        "case_number": "00231-2022",
        "status": "pending",
    }
    events[4]["information"] = ["i", "iii"]
    events.append(
        {
            "on": "2023-08-10",
            "kind": "correspondence",
            "title": "Traducción de la respuesta",
            "documents": [
                {
                    "language": "en",
                    "title": "Response of the Government of Peru (translation)",
                    "translation_of": [4, 0],
                    "official_translation": True,
                },
                {
                    "language": "en",
                    "title": "Annex (redacted translation)",
                    "redacted_version_of": [4, 1],
                },
            ],
        }
    )
    return payload


def test_a_responses_proceeding_and_information_round_trip(db, tmp_path):
    assert import_registry(_responded_with_details()).ok
    event = Event.objects.get(kind="party_responded")
    assert event.data["proceeding"] == {
        "authority": "Sala Civil de Loreto",
        "case_number": "00231-2022",
        "status": "pending",
    }
    assert event.data["information"] == ["i", "iii"]
    first = export_registry(restricted=True)
    response = json.loads(first)["submissions"][0]["events"][4]
    assert (response["proceeding"]["case_number"], response["information"]) == (
        "00231-2022",
        ["i", "iii"],
    )
    public = json.loads(export_registry())["submissions"][0]["events"][4]
    assert public["information"] == ["i", "iii"]

    _wipe()
    assert import_registry(json.loads(first)).ok
    assert export_registry(restricted=True) == first


def test_a_link_to_a_document_of_an_earlier_event_round_trips(db):
    assert import_registry(_responded_with_details()).ok
    translation_ = Event.objects.get(kind="correspondence").documents.order_by("position")
    response = Event.objects.get(kind="party_responded").documents.order_by("position")
    assert translation_[0].translation_of == response[0]
    assert translation_[0].official_translation
    assert translation_[1].redacted_version_of == response[1]
    first = export_registry(restricted=True)
    documents = json.loads(first)["submissions"][0]["events"][6]["documents"]
    assert (documents[0]["translation_of"], documents[1]["redacted_version_of"]) == (
        [4, 0],
        [4, 1],
    )
    _wipe()
    assert import_registry(json.loads(first)).ok
    assert export_registry(restricted=True) == first


def test_a_link_to_a_later_or_missing_document_is_refused(db):
    payload = _responded_with_details()
    bad = copy.deepcopy(payload)
    bad["submissions"][0]["events"][6]["documents"][0]["translation_of"] = [4, 5]
    report = import_registry(bad)
    assert [str(r) for r in report.refused] == [
        f"{saca(2)}: events[6] (correspondence): A document refers to a document of no "
        "earlier event."
    ]
    bad["submissions"][0]["events"][6]["documents"][0]["translation_of"] = [6, 0]
    assert not import_registry(bad).ok


def test_the_docket_lists_the_same_deadlines_as_the_public_export(client, db):
    """One rule (Deadline.objects.public) for the docket and the export: the comment periods
    an unpublished draft opened are on neither."""
    assert import_registry(_drafted("parties")).ok
    case = json.loads(export_registry())["submissions"][0]
    slug = Submission.objects.get(identifier=case["identifier"]).slug
    restricted = json.loads(export_registry(restricted=True))["submissions"][0]
    assert [d["state"] for d in restricted["deadlines"] if d["kind"] == "draft_comments"] == [
        "open"
    ] * len(CODES)
    page = client.get(f"/en/docket/{slug}/").content.decode()
    assert "Comments on the draft factual record" not in page


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_case_page_reads_the_items_of_an_imported_response(db, client, language):
    """The registry format gives a response's Art. 18.8.5(b) items as numbers; the case page
    read them as the portal's texts and failed (AttributeError: a list has no ``get``)."""
    import html

    from workflow.describe import INFORMATION_LABELS

    assert import_registry(_responded_with_details()).ok
    case = Event.objects.get(kind="party_responded").submission
    page = html.unescape(client.get(f"/{language}/docket/{case.slug}/").content.decode())
    with translation.override(language):
        first = str(INFORMATION_LABELS["earlier_proceedings"])
        third = str(INFORMATION_LABELS["capacity_building"])
        private = str(INFORMATION_LABELS["private_remedies"])
    assert first in page and third in page
    assert private not in page


def test_the_items_the_party_wrote_are_marked_in_the_cases_language(db, client):
    """Walk 31: "Recours privés (art. 24.27) : La PROFEPA atendió…" unmarked on a French
    page; the portal's items are the Party's own words, in the case's language."""
    from tests.helpers_cases import drive

    story = drive("awaiting_response")
    story.add(
        "party_responded",
        author=f"party:{A}",
        data={
            "pending_proceeding": False,
            "information": {"private_remedies": "La autoridad atendió la denuncia ciudadana."},
        },
    )
    page = client.get(f"/en/docket/{story.case.slug}/").content.decode()
    assert '<span lang="es">La autoridad atendió la denuncia ciudadana.</span>' in page
