"""A late revised submission, per profile (issue #18): the TPA accepts it and marks the
revision period met late (PROCESS.md); CAFTA-DR's Secretariat does not consider it and closes
the case ("presented extemporaneously", El Salvador 2011), which a profile says with
``late_revision_refused``."""

import dataclasses
import datetime

import pytest
from django.urls import reverse

from submissions import profiles
from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from tests.parties import PROFILE, SLUG, profile_data
from workflow.exceptions import RuleViolation
from workflow.models import Deadline
from workflow.periods import SPECS

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def refused(monkeypatch):
    """The installed profile, refusing a late revision (CAFTA-DR's practice)."""
    profile = dataclasses.replace(PROFILE, late_revision_refused=True)
    monkeypatch.setitem(profiles.PROFILES, SLUG, profile)


@pytest.fixture
def accepted(monkeypatch):
    """The installed profile, accepting a late revision (the TPA's practice, and the CEC's)."""
    profile = dataclasses.replace(PROFILE, late_revision_refused=False)
    monkeypatch.setitem(profiles.PROFILES, SLUG, profile)


# Whether the installed profile itself refuses a late revision: CAFTA-DR's does.
REFUSES = {"us-peru-tpa": False, "usmca-cec": False, "cafta-dr": True}[SLUG]


def test_the_installed_profile_accepts_or_refuses_a_late_revision():
    assert PROFILE.late_revision_refused is REFUSES
    story = drive(Stage.AWAITING_REVISION)
    late = _due(story) + datetime.timedelta(days=3)
    if REFUSES:
        with pytest.raises(RuleViolation) as refusal:
            story.add("revision_filed", late, author="submitter")
        assert refusal.value.rule == "late revision refused"
        assert story.stage == Stage.AWAITING_REVISION
    else:
        story.add("revision_filed", late, author="submitter")
        assert story.stage == Stage.ADMISSIBILITY_REVIEW


def _due(story):
    return Deadline.objects.get(submission=story.case, kind="revision").due_on


def test_the_tpa_accepts_a_late_revision_and_marks_it_late(accepted):
    story = drive(Stage.AWAITING_REVISION)
    story.add("revision_filed", _due(story) + datetime.timedelta(days=3), author="submitter")
    assert story.stage == Stage.ADMISSIBILITY_REVIEW
    revision = Deadline.objects.get(submission=story.case, kind="revision")
    assert (revision.state, revision.late) == ("met", True)


def test_where_the_profile_refuses_it_the_case_is_closed_instead(refused):
    story = drive(Stage.AWAITING_REVISION)
    due = _due(story)
    with pytest.raises(RuleViolation) as refusal:
        story.add("revision_filed", due + datetime.timedelta(days=1), author="submitter")
    assert refusal.value.rule == "late revision refused"
    assert f"ended on {due.day} " in str(refusal.value)
    assert story.stage == Stage.AWAITING_REVISION
    story.add("closed", due + datetime.timedelta(days=2), data={"reason": "not_admissible"})
    assert (story.stage, story.case.closure_reason) == (Stage.CLOSED, "not_admissible")


def test_on_the_last_day_it_is_still_in_time(refused):
    story = drive(Stage.AWAITING_REVISION)
    story.add("revision_filed", _due(story), author="submitter")
    assert story.stage == Stage.ADMISSIBILITY_REVIEW


def test_the_tracking_page_no_longer_offers_it(refused, client):
    story = drive(Stage.AWAITING_REVISION)
    membership = story.case.memberships.first()
    link = reverse("track", kwargs={"token": membership.tracking_token})
    with frozen(_due(story)):
        in_time = client.get(link, follow=True).content.decode()
    with frozen(_due(story) + datetime.timedelta(days=1)):
        late = client.get(link, follow=True).content.decode()
    assert 'name="revision_filed-' in in_time
    assert 'name="revision_filed-' not in late


@pytest.mark.parametrize("refuses", [True, False])
def test_a_refused_late_revision_has_a_due_date_else_a_target(monkeypatch, client, refuses):
    """Walk 56: under CAFTA-DR the tracking page called the revision's date a "target date"
    right under "by the date shown; if you do not, the case is closed". Where a late revision
    is refused, its date is a due date on every page; where one is accepted, a target if the
    Secretariat sets its length (the TPA, CAFTA-DR), a due date if a text does (the CEC's
    Guidelines 6.2)."""
    profile = dataclasses.replace(PROFILE, late_revision_refused=refuses)
    monkeypatch.setitem(profiles.PROFILES, SLUG, profile)
    story = drive(Stage.AWAITING_REVISION)
    deadline = Deadline.objects.get(submission=story.case, kind="revision")
    target = not refuses and SPECS["revision"].editable
    assert deadline.is_target is target
    page = client.get(reverse("docket_case", args=[story.case.slug])).content.decode()
    line = page.split("Revised submission", 1)[1].split("</li>", 1)[0]
    assert ("due on" in line) is not target and ("target date" in line) is target


@profile_data("cafta-dr", "wording of the revision's deadline")
def test_cafta_drs_submitters_read_that_a_late_revision_is_not_considered(client):
    """Walk 58: CAFTA-DR's tracking page said "by the target date shown" of a period after
    which a revision is refused."""
    from tests.filing.test_tracking import link_of

    story = drive(Stage.AWAITING_REVISION)
    _membership, url = link_of(story.case, client=client)
    page = " ".join(client.get(url).content.decode().split())
    assert "by the date shown: a later one is not considered." in page
    assert "target date" not in page
