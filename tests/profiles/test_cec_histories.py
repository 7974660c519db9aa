"""Acceptance 2 of issue #18, for the CEC: six real histories of its registry import under
the ``usmca-cec`` profile, with their stages, closures and due dates checked against the
dates the CEC's own documents give (each event's ``note`` in tests/data/cec_histories.json
names its source; docs/profiles-histories.md has them all). Each history stops where the
sources read stop; the steps they leave undated are an ``unrecorded_steps`` event, so their
periods read "unknown".

Runs in the usmca-cec pass of ``make test``; the default profile refuses the file whole.
"""

import datetime
import json
from pathlib import Path

import pytest

from submissions import profiles
from submissions.models import Submission
from workflow.models import Deadline
from workflow.registry import export_registry, import_registry

D = datetime.date

pytestmark = pytest.mark.django_db
HISTORIES = Path(__file__).parent.parent / "data" / "cec_histories.json"
CEC = profiles.installed_slug() == "usmca-cec"
only_cec = pytest.mark.skipif(not CEC, reason="runs in the usmca-cec pass of make test")


def payload():
    return json.loads(HISTORIES.read_text(encoding="utf-8"))


@pytest.fixture
def imported():
    report = import_registry(payload())
    assert report.ok, [str(refused) for refused in report.refused]
    return {case.identifier: case for case in Submission.objects.all()}


def due(case, kind):
    return {
        d.party: (d.start_on.isoformat(), d.due_on.isoformat(), d.state)
        for d in Deadline.objects.filter(submission=case, kind=kind)
    }


@pytest.mark.skipif(CEC, reason="the default profile's refusal; the histories import below")
def test_another_profile_refuses_the_cec_histories_whole():
    report = import_registry(payload())
    assert not report.ok and not Submission.objects.exists()
    assert "usmca-cec" in str(report.refused[0])


@only_cec
def test_six_cec_histories_import_with_their_stages_and_closures(imported):
    assert {
        identifier: (
            case.stage,
            case.closure_reason,
            case.party.code,
            case.procedure,
            case.registered_on.isoformat(),
        )
        for identifier, case in imported.items()
    } == {
        # Registered, at the latest, by the first step the sources date after the filing.
        "SEM-04-005": ("draft_comment_period", "", "US", "usmca-cec", "2005-04-25"),
        "SEM-11-003": ("awaiting_council", "", "CA", "usmca-cec", "2013-01-24"),
        "SEM-16-001": ("factual_record_decision", "", "MX", "usmca-cec", "2016-03-02"),
        "SEM-17-001": ("awaiting_council", "", "CA", "usmca-cec", "2017-11-10"),
        "SEM-18-001": (
            "closed",
            "factual_record_not_warranted",
            "MX",
            "usmca-cec",
            "2018-06-22",
        ),
        "SEM-20-001": ("awaiting_council", "", "MX", "usmca-cec", "2021-07-27"),
    }


@only_cec
def test_the_supplemental_information_of_sem_04_005_is_its_own_step(imported):
    """The United States' "supplemental information" of 30 September 2005, five months after
    its response (CEC news of 12 October 2005): its own kind, by the Party, moving nothing."""
    steps = list(
        imported["SEM-04-005"]
        .events.filter(kind__in=("party_responded", "party_information_added"))
        .order_by("seq")
        .values_list("kind", "on", "author", "stage_before", "stage_after")
    )
    assert steps == [
        (
            "party_responded",
            D(2005, 4, 25),
            "party:US",
            "awaiting_response",
            "factual_record_decision",
        ),
        (
            "party_information_added",
            D(2005, 9, 30),
            "party:US",
            "factual_record_decision",
            "factual_record_decision",
        ),
    ]


@only_cec
def test_the_draft_of_sem_04_005_opens_a_comment_period_for_each_of_the_three_parties(imported):
    # NAAEC 15(5): "within 45 days" of the draft of Friday 25 October 2013: Monday 9 December
    # 2013, for Canada, Mexico and the United States alike. The CEC's release of 28 October
    # 2013 gave the Parties "45 business days": its practice, not the treaty's text, which
    # the profile follows (docs/profiles.md, "Note on units").
    assert due(imported["SEM-04-005"], "draft_comments") == {
        "CA": ("2013-10-25", "2013-12-09", "open"),
        "MX": ("2013-10-25", "2013-12-09", "open"),
        "US": ("2013-10-25", "2013-12-09", "open"),
    }
    # The Council's decision of 23 June 2008 and the steps before it are undated here: the
    # periods they skipped are not invented.
    assert not Deadline.objects.filter(
        submission=imported["SEM-04-005"], kind="council_instruction"
    ).exists()
    assert due(imported["SEM-04-005"], "factual_record_decision")[""][2] == "unknown"


@only_cec
def test_each_notification_opens_the_councils_period_from_its_own_date(imported):
    # 60 days (the setting: no treaty period) from each notification the CEC dated.
    assert due(imported["SEM-11-003"], "council_instruction") == {
        "": ("2013-11-07", "2014-01-06", "open")
    }
    assert due(imported["SEM-17-001"], "council_instruction") == {
        "": ("2018-04-19", "2018-06-18", "open")
    }
    assert due(imported["SEM-20-001"], "council_instruction") == {
        "": ("2021-07-27", "2021-09-27", "open")  # Saturday 25 September → Monday
    }


@only_cec
def test_the_factual_record_decision_counts_from_the_partys_response(imported):
    # Canada's responses, 24 January 2013 and 10 November 2017, met in the next step.
    assert due(imported["SEM-11-003"], "factual_record_decision") == {
        "": ("2013-01-24", "2013-03-25", "met")
    }
    assert due(imported["SEM-17-001"], "factual_record_decision") == {
        "": ("2017-11-10", "2018-01-09", "met")
    }


@only_cec
def test_sem_16_001_revised_within_the_guidelines_sixty_working_days(imported):
    # Determination of Wednesday 2 March 2016 that the submission did not meet Art. 14(1):
    # sixty working days at the seat (Guidelines 6.2), Good Friday and National Patriots'
    # Day excluded, end on Friday 27 May 2016; the revision came on 29 April, in time.
    case = imported["SEM-16-001"]
    assert due(case, "revision") == {"": ("2016-03-02", "2016-05-27", "met")}
    revision = Deadline.objects.get(submission=case, kind="revision")
    assert (revision.unit, revision.length, revision.late) == ("working_days", 60, False)
    # The revision opens 30 days for the determination (to Sunday 29 May, so Monday 30 May);
    # the combined determination of 13 June came after them.
    review = Deadline.objects.filter(submission=case, kind="admissibility").latest("id")
    assert (review.due_on.isoformat(), review.met_on.isoformat(), review.late) == (
        "2016-05-30",
        "2016-06-13",
        True,
    )
    # NAAEC 14(3): 30 days from the request of 13 June, to 13 July; Mexico's response came on
    # 5 September 2016.
    response = Deadline.objects.get(submission=case, kind="party_response")
    assert (response.length, response.due_on.isoformat(), response.late) == (30, "2016-07-13", True)
    assert due(case, "factual_record_decision") == {"": ("2016-09-05", "2016-11-04", "open")}
    # The acknowledgement was never dated: its period's fate is unknown, not missed.
    assert due(case, "acknowledgement")[""][2] == "unknown"


@only_cec
def test_sem_18_001_closes_on_the_secretariats_decision_not_to_recommend_a_record(imported):
    case = imported["SEM-18-001"]
    assert (case.stage, case.closure_reason) == ("closed", "factual_record_not_warranted")
    # The period for the first determination, from the filing of 10 January 2018, was passed
    # by undated steps: unknown.
    assert due(case, "admissibility") == {"": ("2018-01-10", "2018-02-09", "unknown")}


@only_cec
def test_the_histories_are_naaec_or_usmca_by_their_filing_date(imported):
    procedure = profiles.installed()
    assert {
        identifier: (
            procedure.era_for(case.filed_on).name if procedure.era_for(case.filed_on) else "USMCA"
        )
        for identifier, case in imported.items()
    } == {
        "SEM-04-005": "NAAEC",
        "SEM-11-003": "NAAEC",
        "SEM-16-001": "NAAEC",
        "SEM-17-001": "NAAEC",
        "SEM-18-001": "NAAEC",
        "SEM-20-001": "USMCA",
    }


@only_cec
def test_each_period_cites_the_article_of_its_cases_treaty(imported):
    """NAAEC Art. 14 sets no period for the determinations: a NAAEC-era case's period is the
    Secretariat's own target, never the USMCA's Art. 24.27(3), which it was not under."""
    rules = {
        (identifier, d.kind): d.rule
        for identifier, case in imported.items()
        for d in Deadline.objects.filter(
            submission=case, kind__in=("admissibility", "party_response")
        )
    }
    assert rules == {
        ("SEM-04-005", "admissibility"): "setting",
        ("SEM-11-003", "admissibility"): "setting",
        ("SEM-16-001", "admissibility"): "setting",
        ("SEM-16-001", "party_response"): "NAAEC Art. 14(3)",
        ("SEM-17-001", "admissibility"): "setting",
        ("SEM-18-001", "admissibility"): "setting",
        ("SEM-20-001", "admissibility"): "Art. 24.27(3)",
    }


@only_cec
def test_the_histories_export_with_their_profile_and_round_trip(imported):
    first = export_registry(restricted=True)
    assert json.loads(first)["profile"] == "usmca-cec"
    Submission.objects.all().delete()
    assert import_registry(json.loads(first)).ok
    assert export_registry(restricted=True) == first


@only_cec
def test_each_step_is_named_by_its_own_treatys_article(imported, client):
    """A NAAEC-era case's steps cite NAAEC (the CEC's own title of SEM-16-001's combined
    determination is "Determinación 14(1)(2)"); a USMCA case's cite the USMCA."""

    def timeline(identifier, language="en"):
        slug = Submission.slug_for(identifier)
        return client.get(f"/{language}/docket/{slug}/").content.decode()

    sem_16 = timeline("SEM-16-001")
    assert "Determination under Article 14(1)" in sem_16
    assert "Determination under Articles 14(1) and (2)" in sem_16
    assert "Determination under Article 24.27" not in sem_16
    assert "Determinación conforme a los artículos 14(1) y (2)" in timeline("SEM-16-001", "es")
    assert "Décision en vertu des articles 14(1) et (2)" in timeline("SEM-16-001", "fr")
    assert "Notification to the Council under Article 15(1)" in timeline("SEM-17-001")
    assert "Notification to the Council under Article 15(1)" in timeline("SEM-11-003")
    sem_20 = timeline("SEM-20-001")
    assert "Notification to the Council under Article 24.28" in sem_20
    assert "15(1)" not in sem_20


@only_cec
def test_a_notification_keeps_the_code_the_cec_gave_it(imported, client):
    """The CEC codes its documents its own way (``A24.28/SEM/20-001/25/ADV``, the header of
    SEM-20-001's notification); the importer refused any code not written ``<identifier>/…``.
    It takes the case's own, and still refuses another case's."""
    notification = imported["SEM-20-001"].events.get(kind="factual_record_notified")
    assert notification.code == "A24.28/SEM/20-001/25/ADV"
    page = client.get("/en/docket/sem-20-001/").content.decode()
    assert "A24.28/SEM/20-001/25/ADV" in page
    data = payload()
    (case,) = [c for c in data["submissions"] if c["identifier"] == "SEM-20-001"]
    case["identifier"] = "SEM-20-002"
    case["events"][-1]["code"] = "A24.28/SEM/20-001/25/ADV"
    data["submissions"] = [case]
    report = import_registry(data)
    assert not report.ok
    assert "belongs to another case" in str(report.refused[0])
