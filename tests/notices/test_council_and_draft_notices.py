"""Walk 45: when one Council member's instruction made the Council's, the other members heard
nothing; and the submitters heard nothing between the instruction and the final factual
record, months apart, though the draft's submission is on the public docket."""

import pytest

from notices import dispatch
from notices.models import Notice
from tests.helpers_cases import drive
from tests.parties import ALL_MET, OTHERS, A, B, council_members

pytestmark = pytest.mark.django_db


def _told(rows, message) -> set:
    return {row.recipient_email for row in rows if row.message == message}


@pytest.mark.parametrize(
    ("kind", "stage", "message"),
    [
        ("council_instructed", "awaiting_council", "instruction_to_staff"),
        ("publication_instructed", "final_factual_record", "publication_to_staff"),
    ],
)
def test_the_other_council_members_hear_of_the_councils_instruction(
    a_council, b_council, kind, stage, message
):
    story = drive(stage)
    members = council_members(kind)
    for member in members:
        event = story.add(kind, author=f"council:{member}", data={"party": member})
        rows = dispatch.queue_notices(event)
        if member != members[-1]:  # a vote the Council's rule still waits on: no one yet
            assert not _told(rows, message) & {a_council.email, b_council.email}
    # The instruction that made it the Council's: each member but the one who gave it.
    deciding = members[-1]
    others = {u.email for u in (a_council, b_council) if u.party.code != deciding}
    assert _told(rows, message) & {a_council.email, b_council.email} == others
    assert others  # the fixture has a member who did not give it


def test_the_submitters_hear_of_the_councils_instruction_to_publish():
    """Walk 47: told of the instruction to prepare the record, not of the one to publish it."""
    story = drive("final_factual_record")
    submitter = story.case.memberships.get().submitter.email
    members = council_members("publication_instructed")
    for member in members:
        event = story.add(
            "publication_instructed", author=f"council:{member}", data={"party": member}
        )
        told = _told(dispatch.queue_notices(event), "publication_instructed")
        assert told == ({submitter} if member == members[-1] else set()), member


def test_the_submitters_hear_that_the_draft_went_to_the_council():
    story = drive("factual_record_preparation")
    submitter = story.case.memberships.get().submitter.email
    rows = dispatch.queue_notices(story.add("draft_submitted"))
    assert _told(rows, "draft_submitted") == {submitter}


def test_the_submitters_hear_when_the_partys_response_is_published(officer, settings):
    """Walk 47: told that the response arrived, the submitters never heard that they could
    read it once the Secretariat published it; a decision on another entry tells them
    nothing."""
    import re

    from django.core import mail
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import gettext as _

    from notices import sending
    from tests.parties import A
    from workflow import services

    settings.SEM_FOUR_EYES = False
    story = drive("awaiting_response")
    submitter = story.case.memberships.get().submitter.email
    response = story.add(
        "party_responded",
        author=f"party:{A}",
        data={"party": A, "pending_proceeding": False, "publish_requested": True},
        note="Respuesta.",
    )
    letter = story.add(
        "correspondence",
        author=f"party:{A}",
        visibility="public",
        data={"publish_requested": True},
        note="Carta.",
    )

    def publish(entry):
        data = {"event": entry.seq - 1, "fields": ["note"], "from": "parties", "to": "public"}
        return services.record_event(
            story.case, "visibility_changed", actor=officer, data={**data, "reason": "Pedido."}
        )

    def told(decision) -> set:  # recorded live: its notices are queued with it
        rows = Notice.objects.filter(event=decision, message="response_published")
        return set(rows.values_list("recipient_email", flat=True))

    assert told(publish(letter)) == set()
    assert told(publish(response)) == {submitter}
    # Walk 139: the email sent them to their private page only; it links the public one too.
    notice = Notice.objects.get(message="response_published")
    sending.send_pending()
    with translation.override(notice.language):
        label = _("Read the response on the public docket")
        public_page = settings.SEM_SITE_URL.rstrip("/") + reverse(
            "docket_case", kwargs={"slug": story.case.slug}
        )
    (email,) = [m for m in mail.outbox if m.to == [submitter] and public_page in m.body]
    assert f"{label}: {public_page}" in email.body
    # The day leads the sentence, not a bare date in brackets at its end (the last note's
    # low: "… a su comunicación (7 de diciembre de 2026).").
    from submissions.dates import long_date

    with translation.override(notice.language):
        on = long_date(notice.event.on)
    body = " ".join(email.body.split())
    assert re.search(rf"\b{re.escape(on)}, ", body), body
    assert f"({on})" not in body
    # And the date of what follows, the Council informed (walk 175: no date).
    from workflow.models import Deadline

    due = Deadline.objects.get(submission=story.case, kind="factual_record_decision", state="open")
    with translation.override(notice.language):
        assert long_date(due.due_on) in body


def test_the_submitters_are_told_what_comes_next_while_they_wait():
    """Walk 150's low, for the steps after the acknowledgement: the response received, the
    Council informed and its instruction each said what had happened, never what follows."""
    from django.utils import translation

    from notices import emails, messages
    from tests.parties import A

    story = drive("awaiting_response")
    submitter = story.case.memberships.get().submitter.email
    steps = [
        (
            story.add("party_responded", author=f"party:{A}", data={"party": A}),
            "party_responded",
            messages.NEXT_AFTER_RESPONSE,
        ),
        (
            story.add("factual_record_notified", data={"outcome": "warranted"}),
            "factual_record_warranted",
            messages.NEXT_AFTER_NOTIFICATION,
        ),
    ]
    for member in council_members("council_instructed"):
        instruction = story.add(
            "council_instructed", author=f"council:{member}", data={"party": member}
        )
    steps.append((instruction, "record_instructed", messages.NEXT_AFTER_INSTRUCTION))
    for event, message, next_step in steps:
        (row,) = [
            row
            for row in dispatch.queue_notices(event)
            if row.message == message and row.recipient_email == submitter
        ]
        for language in ("en", "es"):
            row.language = language
            _subject, text, html = emails.render(row)
            with translation.override(language):
                said = str(next_step)
            if language == "es":  # translated, not the English (msgid) again
                with translation.override("en"):
                    assert said != str(next_step)
            assert said in " ".join(text.split()), (message, language)
            assert said in " ".join(html.split()).replace("&#x27;", "'"), (message, language)


def test_the_submitters_are_told_the_day_the_record_was_published():
    """Walk 159: "The factual record on your submission has been published." alone gave no
    day, where every other email of a step does."""
    from django.utils import translation

    from notices import emails
    from submissions.dates import long_date

    story = drive("final_factual_record")
    submitter = story.case.memberships.get().submitter.email
    for member in council_members("publication_instructed"):
        story.add("publication_instructed", author=f"council:{member}", data={"party": member})
    publication = story.add("published", data={"documents": []})
    (row,) = [
        row
        for row in dispatch.queue_notices(publication)
        if row.message == "published" and row.recipient_email == submitter
    ]
    for language in ("en", "es"):
        row.language = language
        with translation.override(language):
            on = long_date(publication.on)
        body = " ".join(emails.render(row)[1].split())
        assert on in body, (language, body)


def test_the_submitters_are_told_the_date_of_what_they_wait_for():
    """Walk 159's low: the acknowledgement said "the Secretariat determines", the notification
    "the Council decides", the draft "within 45 days", with no date, where the case's page
    showed one. Each email now gives the due date of the deadline its step opened."""
    from django.utils import translation

    from notices import emails
    from submissions.dates import long_date
    from tests.parties import A
    from workflow.models import Deadline

    story = drive("admissibility_review", acknowledged=False)
    submitter = story.case.memberships.get().submitter.email
    told = {}

    def step(message, deadline, *args, **kwargs):
        event = story.add(*args, **kwargs)
        (row,) = [
            row
            for row in dispatch.queue_notices(event)
            if row.message == message and row.recipient_email == submitter
        ]
        due = Deadline.objects.filter(submission=story.case, kind=deadline, state="open")
        told[message] = (row, min(due.values_list("due_on", flat=True)))

    step("acknowledged", "admissibility", "acknowledged")
    story.add("admissibility_determined", data={"outcome": "meets", "criteria": ALL_MET})
    story.add("response_decided", data={"outcome": "request"})
    step(
        "party_responded",
        "factual_record_decision",
        "party_responded",
        author=f"party:{A}",
        data={"party": A},
    )
    step(
        "factual_record_warranted",
        "council_instruction",
        "factual_record_notified",
        data={"outcome": "warranted"},
    )
    members = council_members("council_instructed")
    for member in members[:-1]:
        story.add("council_instructed", author=f"council:{member}", data={"party": member})
    step(
        "record_instructed",
        "draft_factual_record",
        "council_instructed",
        author=f"council:{members[-1]}",
        data={"party": members[-1]},
    )
    step("draft_submitted", "draft_comments", "draft_submitted")
    for message, (row, due_on) in told.items():
        for language in ("en", "es"):
            row.language = language
            with translation.override(language):
                day = long_date(due_on)
            _subject, text, html = emails.render(row)
            assert day in " ".join(text.split()), (message, language, text)
            assert day in " ".join(html.split()), (message, language)


def test_each_email_that_leaves_someone_waiting_gives_the_date(a_council, a_focal):
    """Walks 170 and 171: the receipt, the admissibility determination, the revision received,
    the Council's notification and the Party's news of the instruction said what comes next
    with no date, where the case's page showed one; the Party's request did not say it may
    ask for more time, nor the Council's final record what it is for."""
    from django.utils import translation

    from notices import emails, messages
    from submissions.dates import long_date
    from tests.helpers_cases import file_story
    from workflow.models import Deadline

    def rendered(event, message):
        rows = [row for row in dispatch.queue_notices(event) if row.message == message]
        assert rows, message
        return rows[0]

    def says_due(event, message, deadline):
        row = rendered(event, message)
        due = Deadline.objects.filter(submission=event.submission, kind=deadline, state="open")
        day = min(due.values_list("due_on", flat=True))
        for language in ("en", "es"):
            row.language = language
            with translation.override(language):
                said = long_date(day)
            assert said in " ".join(emails.render(row)[1].split()), (message, language)

    story = file_story()
    says_due(story.case.events.get(kind="filed"), "receipt", "acknowledgement")
    story.add("acknowledged")
    story.add("admissibility_determined", data={"outcome": "does_not_meet"})
    says_due(story.add("revision_filed", author="submitter"), "revision_received", "admissibility")
    met = story.add("admissibility_determined", data={"outcome": "meets", "criteria": ALL_MET})
    says_due(met, "admissible", "response_decision")
    request = story.add("response_decided", data={"outcome": "request"})
    text = emails.render(rendered(request, "request_to_party"))[1]
    assert str(messages.MORE_TIME).split(";")[0] in " ".join(text.split())
    responded = story.add("party_responded", author=f"party:{A}", data={"party": A})
    says_due(responded, "response_received", "factual_record_decision")  # walk 175
    warranted = story.add("factual_record_notified", data={"outcome": "warranted"})
    says_due(warranted, "council_notification", "council_instruction")
    instruction = story.council()
    says_due(instruction, "record_instructed_party", "draft_factual_record")
    says_due(story.add("draft_submitted"), "council_draft", "draft_comments")  # walk 175
    for member in (A, B, *OTHERS):
        story.add("draft_commented", author=f"party:{member}", data={"party": member})
    final = story.add("final_submitted")
    row = rendered(final, "council_final")
    row.language = "es"
    with translation.override("es"):
        next_step = str(messages.AFTER_FINAL_RECORD)
    assert next_step in " ".join(emails.render(row)[1].split())
    assert "portal" not in str(next_step)  # walk 175: the Parties' focal points read it too
    says_due(story.council("publication_instructed"), "publication_instructed", "publication")


def test_the_staffs_notices_give_the_date_of_their_next_step(officer, a_council):
    """Walk 175: the staff's notices ("new submission filed", the Party's response, the
    Council's instructions, a revision) said what happened, never by when the Secretariat
    must act on it, which the workspace showed."""
    from django.utils import translation

    from notices import emails
    from submissions.dates import long_date
    from tests.helpers_cases import file_story
    from workflow.models import Deadline

    def says_due(event, message, deadline):
        rows = [row for row in dispatch.queue_notices(event) if row.message == message]
        assert rows, message
        due = Deadline.objects.filter(submission=event.submission, kind=deadline, state="open")
        day = min(due.values_list("due_on", flat=True))
        for language in ("en", "es"):
            rows[0].language = language
            with translation.override(language):
                said = long_date(day)
            assert said in " ".join(emails.render(rows[0])[1].split()), (message, language)

    story = file_story()
    says_due(story.case.events.get(kind="filed"), "new_filing", "acknowledgement")
    story.add("acknowledged")
    story.add("admissibility_determined", data={"outcome": "does_not_meet"})
    says_due(story.add("revision_filed", author="submitter"), "revision_to_staff", "admissibility")
    story.add("admissibility_determined", data={"outcome": "meets", "criteria": ALL_MET})
    story.add("response_decided", data={"outcome": "request"})
    responded = story.add("party_responded", author=f"party:{A}", data={"party": A})
    says_due(responded, "response_to_staff", "factual_record_decision")
    story.add("factual_record_notified", data={"outcome": "warranted"})
    says_due(story.council(), "instruction_to_staff", "draft_factual_record")
    story.add("draft_submitted")
    for member in (A, B, *OTHERS):
        story.add("draft_commented", author=f"party:{member}", data={"party": member})
    story.add("final_submitted")
    says_due(story.council("publication_instructed"), "publication_to_staff", "publication")
