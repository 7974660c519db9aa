"""A withheld name that the case's title still writes (written before the submitter withheld
it) is sent to nobody who may not read it. The Council and another Party's focal points read
the label in its place, by email and in reminders. The Party concerned, the Secretariat and the
submitters read the title as written. A formal document meant for the public writes the label
too."""

import datetime

import pytest
from django.utils import translation

from notices import dispatch, reminders
from notices.models import Notice
from notices.services import facts_for
from submissions import withheld
from submissions.models import Submission
from tests.helpers_cases import drive, frozen
from tests.parties import B
from workflow.models import Deadline

pytestmark = pytest.mark.django_db


def _naming_her(stage: str):
    story = drive(stage)
    membership = story.case.memberships.order_by("position", "id").first()
    story.add("identity_withheld", author="submitter", data={"submitter": 0})
    name = membership.submitter.name
    texts = {f"title_{code}": f"Logging reported by {name}" for code in ("en", "es", "fr")}
    Submission.objects.filter(pk=story.case.pk).update(**texts)
    story.case.refresh_from_db()
    with translation.override("en"):
        label = str(withheld.WITHHELD_LABEL)
    return story, name, label


def _joined(story, submitters):
    """The first filer, at an address, and ``submitters`` joined later (an adhesion)."""
    filer = story.case.memberships.order_by("position", "id").first().submitter
    filer.email, filer.preferred_language = "filer@example.org", "en"
    filer.save()
    story.add("submitters_joined", data={"submitters": submitters})


def test_the_council_and_another_party_read_the_label_in_the_emails(
    officer, a_focal, b_focal, a_council, b_council
):
    story, name, label = _naming_her("factual_record_preparation")
    event = story.add("draft_submitted")
    titles = {row.recipient_email: row.context["title"] for row in dispatch.queue_notices(event)}
    for user in (a_council, b_council, b_focal):
        assert titles[user.email] == f"Logging reported by {label}", user.username
    assert titles[a_focal.email] == f"Logging reported by {name}"  # the Party concerned


def test_a_formal_document_for_the_public_writes_the_label():
    story, name, label = _naming_her("response_decision")
    public = facts_for(story.case, "response_decided", "en", visibility="public")
    assert public.title == f"Logging reported by {label}"
    concerned = facts_for(story.case, "response_decided", "en", visibility="party_concerned")
    assert concerned.title == f"Logging reported by {name}"


def test_another_partys_reminder_to_comment_reads_the_label(a_focal, b_focal):
    story, name, label = _naming_her("draft_comment_period")
    due = Deadline.objects.get(submission=story.case, kind="draft_comments", party=B)
    with frozen(due.due_on - datetime.timedelta(days=1)):
        reminders.sweep()
    titles = {
        row.recipient_email: row.context["title"]
        for row in Notice.objects.filter(message="reminder_comments")
    }
    assert titles[b_focal.email] == f"Logging reported by {label}"
    assert titles[a_focal.email] == f"Logging reported by {name}"


def test_who_joined_later_reads_the_label_and_the_filer_reads_it_for_them():
    """Those who filed read each other's withheld names; a stranger who joined later does not
    read theirs, nor they the stranger's (workflow.cofilers)."""
    story, name, label = _naming_her("awaiting_response")
    _joined(
        story,
        [
            {
                "name": "Rosa Huamán",
                "kind": "individual",
                "country": story.case.party.code,
                "email": "rosa@example.org",
                "confidential": True,
            }
        ],
    )
    texts = {
        f"title_{code}": f"Logging reported by {name} and Rosa Huamán"
        for code in ("en", "es", "fr")
    }
    Submission.objects.filter(pk=story.case.pk).update(**texts)
    story.case.refresh_from_db()
    event = story.add("party_responded", author=f"party:{story.case.party.code}")
    titles = {row.recipient_email: row.context["title"] for row in dispatch.queue_notices(event)}
    assert titles["rosa@example.org"] == f"Logging reported by {label} and Rosa Huamán"
    assert titles["filer@example.org"] == f"Logging reported by {name} and {label}"


def test_who_left_is_named_to_the_others_as_each_may_read_the_name():
    """Walk 151: the others were told "one of the people who filed it" left, not who. Those
    who filed with her read her withheld name; a stranger who joined later reads the label."""
    story, name, label = _naming_her("awaiting_response")
    _joined(
        story,
        [
            {"name": "Rosa Huamán", "kind": "individual", "email": "rosa@example.org"},
            {"name": "Luis Soto", "kind": "individual", "email": "luis@example.org"},
        ],
    )
    event = story.add("submitter_left", author="submitter", data={"submitter": 0})
    told = {
        row.recipient_email: row.context["who"]
        for row in dispatch.queue_notices(event)
        if row.message == "submitter_left"
    }
    assert told == {"rosa@example.org": label, "luis@example.org": label}
    left = story.add("submitter_left", author="submitter", data={"submitter": 1})
    told = {
        row.recipient_email: row.context["who"]
        for row in dispatch.queue_notices(left)
        if row.message == "submitter_left"
    }
    assert told == {"luis@example.org": "Rosa Huamán"}
    assert name not in str(told)
