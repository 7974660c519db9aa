"""Registry import/export (REGISTRY-FORMAT.md) and the hash chain (workflow.chain)."""

import copy
import datetime
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from submissions.models import Submission, Submitter, User
from tests.factories import file_case
from tests.parties import SLUG, A, B, identifier, tpa_data
from tests.roundtrip.generate import in_profile
from workflow import chain, services
from workflow.models import Event
from workflow.registry import export_registry, import_registry

DATA = Path(__file__).parent / "data"
SHARED_CASES = Path(settings.BASE_DIR).parent / "shared" / "domain" / "cases"
SACA = SHARED_CASES / "saca-seem-2023.json"


def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def saca_payload():
    if SACA.exists():
        return load(SACA)
    # CI runs in a clone with shared/ beside it; a copy keeps the test honest without it.
    return load(DATA / "saca-seem-2023.json")


def saca_as_profile():
    """The SACA cases as the installed profile's registry (tests.roundtrip.generate.in_profile):
    the real TPA cases under the default, a history of the same shape under another."""
    return in_profile(saca_payload())


def saca(number):
    """The identifier of the SACA file's ``number``-th case of 2023, in the profile's shape."""
    return identifier(A, number, 2023, "SACA-SEEM")


def deadlines_of(case_json):
    return {d["kind"]: d for d in case_json["deadlines"]}


@tpa_data(
    "real registry cases (SACA-SEEM 2023) and their hand-counted Washington dates",
    {
        "us-peru-tpa": "",
        "usmca-cec": "tests/profiles/test_cec_histories.py",
        "cafta-dr": "tests/profiles/test_cafta_histories.py",
    }[SLUG],
)
def test_saca_cases_import_and_export_with_their_deadlines(db):
    report = import_registry(saca_payload())
    assert report.ok, report.refused
    exported = json.loads(export_registry())
    cases = {c["identifier"]: c for c in exported["submissions"]}

    first = cases["SACA-SEEM/PE/001/2023"]
    assert (first["stage"], first["status"], first["closure_reason"]) == (
        "closed",
        "closed",
        "not_admissible",
    )
    assert deadlines_of(first)["revision"]["state"] == "cancelled"

    second = cases["SACA-SEEM/PE/002/2023"]
    assert second["stage"] == "awaiting_council"
    assert second["related"] == ["SACA-SEEM/PE/001/2023"]
    deadlines = deadlines_of(second)
    admissibility = deadlines["admissibility"]
    assert admissibility["due_on"] == "2023-04-10"  # 30th day, Sunday 9 April, moved
    assert admissibility["met_on"] == "2023-04-10"
    assert (
        "Sunday 9 April 2023, moved to the next working day, Monday 10 April 2023"
        in (admissibility["explanation"])
    )
    response = deadlines["party_response"]
    assert (response["due_on"], response["met_on"], response["late"]) == (
        "2023-06-21",
        "2023-07-06",
        True,
    )
    decision = deadlines["factual_record_decision"]
    assert (decision["due_on"], decision["met_on"], decision["late"]) == (
        "2023-09-05",
        "2023-08-03",
        False,
    )  # Labor Day, 4 September, moved
    assert (
        second["chain_hash"]
        == Submission.objects.get(identifier="SACA-SEEM/PE/002/2023").chain_head
    )
    assert second["events"][-1]["code"] == "SACA-SEEM/PE/002/2023/N"


def test_existing_identifier_is_refused_unless_replace(db, caplog):
    assert import_registry(saca_as_profile()).ok
    again = import_registry(saca_as_profile())
    assert not again.ok
    assert "--replace" in str(again.refused[0])
    assert Submission.objects.count() == 2
    replaced = import_registry(saca_as_profile(), replace=True)
    assert replaced.ok and len(replaced.replaced) == 2
    assert Submission.objects.count() == 2
    assert f"removing case {saca(1)}" in caplog.text


def _counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def _media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_a_history_that_breaks_a_rule_is_refused_and_leaves_nothing(db, tmp_path):
    payload = in_profile(load(DATA / "every_kind.json"))
    # Keep the first case only, with its documents' files, and put a response before any
    # request: party_responded right after the acknowledgement.
    case = payload["submissions"][0]
    for item in case["events"]:
        for doc in item.get("documents", []):
            if doc.get("file"):
                doc["file"] = str(DATA / doc["file"])
    bad = copy.deepcopy(case)
    bad["events"].insert(
        2,
        {
            "on": "2024-01-03",
            "kind": "party_responded",
            "author": f"party:{A}",
            "pending_proceeding": False,
        },
    )
    good = copy.deepcopy(payload["submissions"][2])
    before, media_before = _counts(), _media_files()

    report = import_registry(dict(payload, submissions=[bad]))
    assert not report.ok
    message = str(report.refused[0])
    assert identifier(A, 7, 2024) in message
    assert "events[2] (party_responded)" in message
    assert "cannot be recorded while the case is in" in message
    assert "[rule: party_responded not allowed in admissibility_review]" in message
    assert _counts() == before
    assert _media_files() == media_before

    # One refused case does not stop the others.
    mixed = import_registry(dict(payload, submissions=[bad, good]))
    assert [str(r.reference) for r in mixed.refused] == [identifier(A, 7, 2024)]
    assert mixed.imported == [identifier(B, 1, 2024)]


def test_a_response_on_a_case_where_none_was_requested_is_refused(db):
    payload = saca_as_profile()
    payload["submissions"][0]["events"].append(
        {"on": "2023-04-01", "kind": "party_responded", "author": f"party:{A}"}
    )
    report = import_registry(payload)
    assert [str(r) for r in report.refused] == [
        f"{saca(1)}: events[4] (party_responded): No response has been requested "
        "from the Party on this case. [rule: party_responded needs a response_decided "
        "(request)]"
    ]


@pytest.mark.parametrize(
    ("key", "value", "what"),
    [
        ("on", "2023-02-30", "date (YYYY-MM-DD)"),
        ("on", 20230301, "date (YYYY-MM-DD)"),
        ("recorded_at", "yesterday", "moment (ISO 8601)"),
    ],
)
def test_a_date_that_is_not_one_is_named_with_its_value(db, key, value, what):
    # Walk 84: "Malformed event: day is out of range for month", naming neither.
    payload = saca_as_profile()
    payload["submissions"][0]["events"][1][key] = value
    report = import_registry(payload)
    [refused] = [str(r) for r in report.refused]
    shown = json.dumps(value)
    assert refused.endswith(f"events[1] (acknowledged): “{key}” is not a valid {what}: {shown}")


def test_the_import_command_exits_non_zero_when_a_case_is_refused(db, tmp_path):
    payload = saca_as_profile()
    payload["submissions"][0]["events"].insert(1, {"on": "2023-02-27", "kind": "published"})
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(payload))
    with pytest.raises(CommandError):
        call_command("import_registry", str(path))
    assert Submission.objects.filter(identifier=saca(1)).count() == 0
    assert Submission.objects.filter(identifier=saca(2)).count() == 1


def _wipe_cases():
    Submission.objects.all().delete()
    Submitter.objects.all().delete()
    User.objects.all().delete()


def test_restricted_export_round_trip_is_byte_identical(db, tmp_path):
    path = DATA / "every_kind.json"
    report = import_registry(in_profile(load(path)), base_dir=path.parent)
    assert report.ok, [str(r) for r in report.refused]
    first = export_registry(restricted=True)
    kinds = {e["kind"] for c in json.loads(first)["submissions"] for e in c["events"]}
    from workflow.table import EVENT_KINDS

    # The test file uses every event kind of the registry format; a profile's own kinds (the
    # CEC's council_declined: tests/test_council_vote.py, consolidated:
    # tests/test_consolidation.py, and party_information_added:
    # tests/test_supplemental_information.py; CAFTA-DR's erratum: tests/test_errata.py) are
    # not in it.
    own = {
        "us-peru-tpa": set(),
        "usmca-cec": {"council_declined", "consolidated", "party_information_added"},
        "cafta-dr": {"erratum"},
    }[SLUG]
    assert kinds | own == set(EVENT_KINDS)
    assert not kinds & own

    _wipe_cases()
    assert Event.objects.count() == 0
    (tmp_path / "export.json").write_text(first, encoding="utf-8")
    report = import_registry(json.loads(first), base_dir=tmp_path)
    assert report.ok, [str(r) for r in report.refused]
    second = export_registry(restricted=True)
    assert second == first
    placeholder = (
        User.objects.get(username="officer1")
        if User.objects.filter(username="officer1").exists()
        else None
    )
    assert placeholder is None or not placeholder.is_active


def test_importing_an_altered_restricted_export_fails_the_hash_check(db):
    assert import_registry(saca_as_profile()).ok
    exported = json.loads(export_registry(restricted=True))
    exported["submissions"][1]["events"][2]["on"] = "2023-04-09"  # a date rewritten
    _wipe_cases()
    report = import_registry(exported)
    assert [r.reference for r in report.refused] == [saca(2)]
    # Named by the file's own index (the audit page counts the history from 1), and without
    # blaming the export: the rows may have been rewritten before it (walk 69).
    assert str(report.refused[0]) == (
        f"{saca(2)}: events[2] ({exported['submissions'][1]['events'][2]['kind']}): The "
        "recomputed hash does not match the archive's: the history was altered, in the file "
        "or before it was exported. [rule: hash check]"
    )


def test_public_export_holds_only_what_the_docket_shows(db):
    path = DATA / "every_kind.json"
    assert import_registry(in_profile(load(path)), base_dir=path.parent).ok
    text = export_registry()
    public = json.loads(text)
    assert [c["identifier"] for c in public["submissions"]] == [
        identifier(A, 1, 2018, "SACA-SEEM"),  # a legacy history with unrecorded steps
        identifier(A, 7, 2024),
        identifier(B, 1, 2024),
    ]  # never the case closed as not a submission
    for name in (
        "Rosa Quispe",
        "Madre de Dios Watch",
        "Spam Sender",
        "rosa@example.org",
        "Ana Pérez",
        "recorded_at",
        "Falta la firma",
    ):
        assert name not in text
    case = public["submissions"][1]
    assert all(s.get("confidential") for s in case["submitters"])
    visible_kinds = {e["kind"] for e in case["events"]}
    assert not visible_kinds & {
        "assigned",
        "proposed",
        "returned",
        "form_errors_noted",
        "identity_withheld",
        "information_added",
        "visibility_changed",
    }
    # The information a member of the public sent, whose document the Secretariat published:
    # listed for that document, without her name or email (published.OPENED).
    (sent,) = [e for e in case["events"] if e["kind"] == "information_submitted"]
    assert [d["title"] for d in sent["documents"]] == ["Aporte de información"]
    assert set(sent) <= {"on", "kind", "author", "documents"}
    filed = case["events"][0]
    assert [d["title"] for d in filed["documents"]] == ["Comunicación (versión pública)"]
    assert "redacted_version_of" not in filed["documents"][0]


# --- The chain ----------------------------------------------------------------------------------


def _live_case(officer):
    case = file_case(on=datetime.date(2024, 1, 2))
    services.record_event(
        case,
        "acknowledged",
        actor=officer,
        on=datetime.date(2024, 1, 3),
        reason="acknowledged on paper",
    )
    services.record_event(
        case,
        "correspondence",
        actor=officer,
        title="Carta",
        on=datetime.date(2024, 1, 4),
        reason="sent by post",
    )
    services.record_event(
        case,
        "information_added",
        actor=officer,
        on=datetime.date(2024, 1, 5),
        reason="received by email",
    )
    return Submission.objects.get(pk=case.pk)


@pytest.fixture
def chained(db, officer):
    assert import_registry(saca_as_profile()).ok
    return _live_case(officer)


def test_verify_history_passes_on_imported_and_live_cases(chained, capsys):
    call_command("verify_history")
    assert "3 case(s) checked, 0 broken" in capsys.readouterr().out


def _verify_fails(capsys, expected):
    with pytest.raises(CommandError):
        call_command("verify_history")
    err = capsys.readouterr().err
    assert expected in err, err
    return err


@pytest.mark.parametrize(
    "field, value",
    [
        ("kind", "withdrawn"),
        ("on", datetime.date(2024, 1, 1)),
        ("author", f"party:{A}"),
        ("data", {"forged": True}),
        ("visibility", "secretariat"),
        ("code", "X/D9"),
        ("title", "Forged"),
        ("note", "forged"),
        ("stage_after", "closed"),
        ("recorded_at", datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)),
    ],
)
def test_verify_history_reports_a_changed_field(chained, capsys, field, value):
    event = Event.objects.get(submission=chained, seq=3)
    Event.objects.filter(pk=event.pk).update(**{field: value})
    _verify_fails(capsys, f"{chained.reference}: event 3: content changed")


def test_verify_history_reports_a_changed_recorder_or_document(chained, capsys, outsider):
    Event.objects.filter(submission=chained, seq=2).update(recorded_by=outsider)
    _verify_fails(capsys, "event 2: content changed")


def test_verify_history_reports_two_events_swapped(chained, capsys):
    second = Event.objects.get(submission=chained, seq=2)
    third = Event.objects.get(submission=chained, seq=3)
    Event.objects.filter(pk=second.pk).update(seq=99)
    Event.objects.filter(pk=third.pk).update(seq=2)
    Event.objects.filter(pk=second.pk).update(seq=3)
    _verify_fails(capsys, "event 2: does not follow the previous event")


def test_verify_history_reports_a_middle_event_deleted(chained, capsys):
    Event.objects.filter(submission=chained, seq=2).delete()
    _verify_fails(capsys, "event 2 is missing")


def test_verify_history_reports_the_last_event_deleted(chained, capsys):
    Event.objects.filter(submission=chained, seq=4).delete()
    _verify_fails(capsys, "the last ones were deleted")


def test_chain_head_is_the_last_event_hash(chained):
    last = Event.objects.filter(submission=chained).order_by("-seq").first()
    assert chained.chain_head == last.hash == chain.hash_event(last, [])
    assert chain.verify_submission(chained) is None


def test_workflow_graph_prints_mermaid(capsys):
    call_command("workflow_graph")
    out = capsys.readouterr().out
    assert out.startswith("stateDiagram-v2")
    assert "AR --> RD: admissibility_determined: meets" in out
    assert "FD --> CL: closed: pending_proceeding" in out


def test_shared_sample_is_copied_unchanged():
    """tests/data keeps a copy of the shared sample for machines without shared/."""
    if not SACA.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert load(DATA / "saca-seem-2023.json") == load(SACA)


def test_an_import_writes_each_rows_history_once(db):
    """The importer inserts events, documents and deadlines in bulk at the end of a case; their
    row history is written in bulk too, once per row, attributed to the recorder."""
    path = DATA / "every_kind.json"
    assert import_registry(in_profile(load(path)), base_dir=path.parent).ok
    from submissions.models import Document
    from workflow.models import Deadline

    for model in (Event, Document, Deadline, Submission):
        assert model.history.filter(history_type="+").count() == model.objects.count(), model
    assert all(chain.verify_submission(s) is None for s in Submission.objects.all())

    clerk_case = saca_as_profile()
    clerk_case["submissions"] = clerk_case["submissions"][:1]
    clerk_case["submissions"][0]["events"][1]["recorded_by"] = "clerk"
    assert import_registry(clerk_case).ok
    event = Event.objects.get(recorded_by__username="clerk")
    assert event.kind == "acknowledged"
    assert event.history.get().history_user == event.recorded_by


@tpa_data("diagram in the README (the README describes the default profile)")
def test_the_readme_shows_the_current_diagram(capsys):
    call_command("workflow_graph")
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert capsys.readouterr().out in readme


def test_a_case_filed_without_a_summary_round_trips(db):
    """Walk 19: a citizen's filing has no summary until the Secretariat writes the public one,
    and the audit page's history of such a case was refused on import ("summary" needs a
    text). An empty summary is exported as {} and imported as such."""
    from tests.factories import file_case

    case = file_case(on=datetime.date(2023, 3, 10), summary="")
    first = export_registry(restricted=True)
    assert json.loads(first)["submissions"][0]["summary"] == {}
    _wipe_cases()
    report = import_registry(json.loads(first))
    assert report.ok, [str(r) for r in report.refused]
    assert export_registry(restricted=True) == first
    assert Submission.objects.get().reference == case.reference
    # A title is still asked for.
    payload = json.loads(first)
    payload["submissions"][0]["title"] = {}
    _wipe_cases()
    assert not import_registry(payload).ok
