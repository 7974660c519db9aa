"""Acceptance 3 of issue 13: a real SACA-SEEM history whose registry never dated the draft and
the final factual record imports with ``unrecorded_steps``, shows on the docket with the gap
stated in words, and its skipped deadline reads "unknown"."""

import json
from pathlib import Path

import pytest

from submissions.models import Submission, Submitter, User
from tests.parties import SLUG, A, identifier
from tests.roundtrip.generate import in_profile
from workflow.chain import verify_submission
from workflow.models import Deadline
from workflow.registry import export_registry, import_registry

LEGACY = Path(__file__).parent / "data" / "legacy_unrecorded.json"
# The history runs under every profile as tests.roundtrip.generate.in_profile writes it: under
# the CEC's, each Council instruction is joined by a second member's (two of three), so the
# gap is one event later; under CAFTA-DR's, as under the TPA's, one member instructs.
GAP = {"us-peru-tpa": 7, "usmca-cec": 8, "cafta-dr": 7}[SLUG]
INSTRUCTIONS = {"us-peru-tpa": 1, "usmca-cec": 2, "cafta-dr": 1}[SLUG]


def _payload():
    return json.loads(LEGACY.read_text(encoding="utf-8"))


@pytest.fixture
def legacy(db):
    report = import_registry(in_profile(_payload()))
    assert report.ok, [str(r) for r in report.refused]
    return Submission.objects.get(identifier=identifier(A, 3, 2018, "SACA-SEEM"))


def test_the_legacy_history_imports_to_publication(legacy):
    assert (legacy.stage, legacy.closure_reason) == ("closed", "factual_record_published")
    stages = list(legacy.events.order_by("seq").values_list("kind", "stage_after"))
    assert stages[-2 - INSTRUCTIONS :] == [
        ("unrecorded_steps", "final_factual_record"),
        *[("publication_instructed", "final_factual_record")] * INSTRUCTIONS,
        ("published", "closed"),
    ]
    deadlines = {d.kind: d for d in Deadline.objects.filter(submission=legacy)}
    skipped = deadlines["draft_factual_record"]
    assert (skipped.start_on.isoformat(), skipped.due_on.isoformat()) == (
        "2018-08-20",
        "2018-12-18",
    )
    assert (skipped.state, skipped.met_on, skipped.late) == ("unknown", None, False)
    assert skipped.ended_on.isoformat() == "2020-10-15"
    # No period is opened for the steps skipped: no comments on a draft never dated.
    assert "draft_comments" not in deadlines
    assert deadlines["council_instruction"].state == "met"


def test_the_export_says_unknown_and_round_trips(legacy):
    public = json.loads(export_registry())["submissions"][0]
    skipped = next(d for d in public["deadlines"] if d["kind"] == "draft_factual_record")
    assert (skipped["state"], skipped["met_on"]) == ("unknown", None)
    gap = next(e for e in public["events"] if e["kind"] == "unrecorded_steps")
    assert (gap["on"], gap["stage"]) == ("2020-10-15", "final_factual_record")

    first = export_registry(restricted=True)
    Submission.objects.all().delete()
    Submitter.objects.all().delete()
    User.objects.all().delete()
    assert import_registry(json.loads(first)).ok
    assert export_registry(restricted=True) == first


def test_the_docket_states_the_gap_and_the_unknown_deadline(client, legacy):
    page = client.get(f"/en/docket/{legacy.slug}/").content.decode()
    assert (
        "Steps not recorded in the registry: the case reached “Final factual record” by "
        "15 October 2020; the steps in between and their dates are unknown."
    ) in page
    assert "due on 18 December 2018 — unknown" in " ".join(page.split())
    # Listed apart from the open deadlines (walk 18), under their own heading.
    unknown = page[page.index("Periods the registry does not tell") :]
    assert "due on 18 December 2018" in " ".join(unknown.split())
    if "Open deadlines" in page:
        open_part = page[page.index("Open deadlines") : page.index("Periods the registry")]
        assert "unknown" not in open_part
    assert "Expediente de hechos final" in page  # the published record


def test_the_spanish_docket_states_the_gap(client, legacy):
    page = " ".join(client.get(f"/es/docket/{legacy.slug}/").content.decode().split())
    assert "Vacío en el registro" in page
    assert "se desconocen las etapas intermedias y sus fechas" in page
    assert "— desconocido" in page


def test_unrecorded_steps_to_an_earlier_stage_are_refused(db):
    payload = in_profile(_payload())
    events = payload["submissions"][0]["events"]
    gap = GAP
    assert events[gap]["kind"] == "unrecorded_steps"  # event 7 of the file
    events[gap]["stage"] = "awaiting_council"
    report = import_registry(payload)
    assert [r.index for r in report.refused] == [gap]
    assert "[rule: unrecorded_steps: a later stage]" in str(report.refused[0])


def _undated_registration():
    """A legacy history that never dates the acknowledgement nor the request for a response
    (the CEC's registries are like this: tests/data/cec_histories.json)."""
    payload = _payload()
    case = payload["submissions"][0]
    case["identifier"] = "SACA-SEEM/PE/004/2018"  # in_profile gives it the profile's shape
    case["events"] = [
        {"on": "2018-02-05", "kind": "filed", "author": "submitter"},
        {
            "on": "2018-03-07",
            "kind": "unrecorded_steps",
            "stage": "admissibility_review",
            "note": "The acknowledgement is not dated.",
            "author": "secretariat",
        },
        {
            "on": "2018-03-07",
            "kind": "admissibility_determined",
            "outcome": "meets",
            "author": "secretariat",
        },
        {
            "on": "2018-05-16",
            "kind": "unrecorded_steps",
            "stage": "awaiting_response",
            "note": "The request is not dated.",
            "author": "secretariat",
        },
        {
            "on": "2018-05-16",
            "kind": "party_responded",
            "pending_proceeding": False,
            "author": "party:PE",
        },
    ]
    return in_profile(payload)


def test_an_undated_acknowledgement_registers_the_case_by_its_first_dated_step(db):
    report = import_registry(_undated_registration())
    assert report.ok, [str(r) for r in report.refused]
    case = Submission.objects.get(identifier=identifier(A, 4, 2018, "SACA-SEEM"))
    assert (case.registered_on.isoformat(), case.stage) == ("2018-03-07", "factual_record_decision")
    deadlines = {d.kind: d for d in Deadline.objects.filter(submission=case)}
    # Neither missed nor met: the registry never said when it was acknowledged.
    assert deadlines["acknowledgement"].state == "unknown"
    # The request stands among the undated steps: the Party's response is accepted.
    assert deadlines["factual_record_decision"].start_on.isoformat() == "2018-05-16"
    assert verify_submission(case) is None


def test_an_unrecorded_registration_is_refused_once_the_case_was_acknowledged(db):
    payload = _undated_registration()
    events = payload["submissions"][0]["events"]
    events.insert(1, {"on": "2018-02-06", "kind": "acknowledged", "author": "secretariat"})
    report = import_registry(payload)
    assert [r.index for r in report.refused] == [2]
    assert "[rule: unrecorded_steps: a later stage]" in str(report.refused[0])


def test_a_response_after_the_case_moved_on_reads_as_late_on_the_docket(client, db):
    from tests.helpers_cases import D, drive

    story = drive("closed")  # withdrawn while the Party's response was awaited
    story.add("party_responded", D(2023, 6, 1), author=f"party:{A}")
    assert story.stage == "closed"
    page = " ".join(client.get(f"/en/docket/{story.case.slug}/").content.decode().split())
    # Walk 141: not "late" (the case closed before the response was due), and one colon.
    assert "Received: after the case was closed" in page
    later = drive("factual_record_decision")
    later.add("party_responded", author=f"party:{A}")
    page = " ".join(client.get(f"/en/docket/{later.case.slug}/").content.decode().split())
    assert (
        "Received: after the stage of the Party&#x27;s response, as a late or further response"
        in page
    )
