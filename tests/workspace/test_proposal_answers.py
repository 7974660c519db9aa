"""What the officer learns of the Executive Director's answer, and what the Director reads of a
proposal (the second walk: a return e-mailed no one and left no mark in the queue; a finding
that no record is warranted was proposed under the notification's general name; a case could
be closed while a Party's response waited for the Secretariat's review, with no word of it)."""

import datetime
import html
import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.helpers_cases import ALL_MET, drive, frozen
from tests.parties import CRITERIA, A, B
from tests.portals.test_party import respond_post
from workflow import services
from workflow.models import Event
from workflow.table import TABLE

pytestmark = pytest.mark.django_db

D = datetime.date
NOT_WARRANTED = "Determination that the submission does not warrant a factual record"


def _queue_row(client, case) -> str:
    page = client.get(reverse("ws_queue")).content.decode()
    return page.split(f">{case.reference}</a>", 1)[1].split("</td>", 1)[0]


def test_a_returned_proposal_is_emailed_to_its_officer_and_marked_in_the_queue(
    client, officer, officer2, director, django_capture_on_commit_callbacks
):
    case = drive("admissibility_review").case
    with frozen(D(2023, 4, 3)):
        proposal = services.record_event(
            case,
            "admissibility_determined",
            actor=officer,
            data={"outcome": "meets", "criteria": ALL_MET},
        )
    client.force_login(officer)
    assert "proposal returned" not in _queue_row(client, case)
    client.force_login(director)
    mail.outbox.clear()
    case.refresh_from_db()
    with frozen(D(2023, 4, 5)), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("ws_return", kwargs={"pk": case.pk, "seq": proposal.seq}),
            {"comment": "Criterion (c) needs the annex's pages.", "event_count": case.event_count},
        )
    assert response.status_code == 302
    # Only the officer who proposed is told; not the other officer, not the Director.
    assert [m.to for m in mail.outbox] == [[officer.email]]
    message = mail.outbox[0]
    assert message.subject == f"{case.reference}: your proposal was returned"
    assert "with this comment:\n\nCriterion (c) needs the annex's pages.\n" in message.body
    assert f"“{TABLE['admissibility_determined'].label}”" in message.body
    assert reverse("ws_case", kwargs={"pk": case.pk}) in message.body

    client.force_login(officer)
    assert "proposal returned" in _queue_row(client, case)
    # The case page holds the proposal again in its form, open, with the comment.
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    form = page.split('<details class="action" id="action-admissibility_determined" open>', 1)[1]
    form = form.split("</details>", 1)[0]
    assert "/act/admissibility_determined/" in form
    assert "Criterion (c) needs the annex&#x27;s pages." in form
    assert "(c) is met.</textarea>" in form
    checked = re.findall(
        r'<input type="radio" name="admissibility_determined-(\w)_finding" '
        r'value="(\w+)"[^>]*checked',
        form,
    )
    assert sorted(checked) == [(letter, "met") for letter in CRITERIA]
    # And said at the top of the page, before the history (walk 176: only its timeline
    # entry said so, ~5,800 px down a phone), with the next deadline.
    top = page.split('id="next-step">', 1)[1].split("</div>", 1)[0]
    assert "The Executive Director returned the proposal “" in html.unescape(top)
    assert 'href="#action-admissibility_determined"' in top
    assert "Next deadline: Admissibility determination, " in top
    assert page.index('id="next-step"') < page.index('id="facts-heading"')
    # Proposed again, the mark gives way to "awaiting approval".
    case.refresh_from_db()
    with frozen(D(2023, 4, 6)):
        services.record_event(
            case,
            "admissibility_determined",
            actor=officer,
            data={"outcome": "meets", "criteria": ALL_MET},
        )
    row = _queue_row(client, case)
    assert "proposal returned" not in row
    assert "awaiting approval" in row


def test_a_proposal_that_no_record_is_warranted_is_named_as_that_act(
    client, officer, director, django_capture_on_commit_callbacks
):
    case = drive("factual_record_decision").case
    officer.first_name, officer.last_name = "María", "Quispe"
    officer.save()
    client.force_login(officer)
    mail.outbox.clear()
    with frozen(D(2023, 7, 20)), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("ws_action", kwargs={"pk": case.pk, "kind": "factual_record_notified"}),
            {
                "event_count": case.event_count,
                "factual_record_notified-outcome": "not_warranted",
                "factual_record_notified-note": "La respuesta explica la aplicación de la ley.",
            },
            follow=True,
        )
    page = response.content.decode()
    assert f"Proposed: “{NOT_WARRANTED}”" in page
    to_director = [m for m in mail.outbox if m.to == [director.email]]
    assert len(to_director) == 1
    assert NOT_WARRANTED in to_director[0].body
    client.force_login(director)
    approvals = client.get(reverse("ws_approvals")).content.decode()
    assert f"{case.reference}</a>: {NOT_WARRANTED}</h2>" in approvals
    # Named as the receipts name people (walk 46: "Proposed by officer").
    assert "<dd>María Quispe (officer), " in approvals
    # Walk 28: the reasons, in the case's language, were marked as the page's.
    reasons = f'<span lang="{case.language}">La respuesta explica la aplicación de la ley.</span>'
    assert reasons in approvals
    case_page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    assert reasons in case_page
    # Walk 65: the case page's pending block said "Proposal no. 4 by …" beside "Approve", not
    # what it proposed; it names the act and links the proposal's entry.
    pending = case_page.split('id="pending-heading"', 1)[1].split("</section>", 1)[0]
    proposal = case.events.get(kind="proposed")
    assert f'<a href="#event-{proposal.seq}">Proposal no. {proposal.seq} by ' in pending
    assert f"</a>: <strong>{NOT_WARRANTED}</strong>" in pending
    # Walk 45: the return's comment box stood right under "Approve", whose press lost a comment
    # typed there. The return is folded apart, after the approval's form.
    approve, after = approvals.split("Approve proposal no.", 1)
    assert "Comment for the officer" not in approve
    folded = after.split("<details", 1)[1].split("</details>", 1)[0]
    # On the list of every case's proposals both name the case (walk 91: two cases' buttons
    # read "Approve proposal no. 4").
    assert f"to the officer, with a comment ({case.reference})</summary>" in folded
    assert after.split("</button>", 1)[0].endswith(f" ({case.reference})")
    assert 'name="comment"' in folded and "Return proposal no." in folded


def test_closing_forms_warn_of_what_still_awaits_review(client, a_focal, officer):
    case = drive("awaiting_response", party=A).case
    client.force_login(a_focal)
    with frozen(D(2023, 6, 10)):
        client.post(reverse("party_respond", kwargs={"pk": case.pk}), respond_post(case))
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    # Walk 42: on the publication form it said "closing the case"; each step says "this step".
    warning = "This step does not publish it"
    forms = [form for form in page.split('<details class="action"')[1:] if "/act/" in form]
    assert forms, "the officer is offered actions"
    warned = [form.split("</summary>", 1)[0] for form in forms if warning in form]
    kinds = [form.split("/act/", 1)[1].split("/", 1)[0] for form in forms if warning in form]
    assert "factual_record_notified" in kinds
    assert all(TABLE[kind].may_close for kind in kinds), warned
    # Naming the entry it leaves (walk 107: "2 items", not which).
    response = Event.objects.get(submission=case, kind="party_responded")
    assert all(
        f'<a href="#event-{response.seq}">{response.seq}. ' in form
        for form in forms
        if warning in form
    )
    not_warned = [
        form.split("/act/", 1)[1].split("/", 1)[0] for form in forms if warning not in form
    ]
    assert not_warned and not any(TABLE[kind].may_close for kind in not_warned)


def test_a_proposal_the_case_moved_past_is_marked_lapsed_on_the_case_page(
    client, officer, director
):
    """A Council member's instruction moved the case on while the officer's proposal to close
    it awaited the Director: it left the approvals, and the history says why, until the
    Director returns it."""
    story = drive("awaiting_council")
    with frozen(D(2023, 9, 13)):
        proposal = services.record_event(
            story.case, "closed", actor=officer, data={"reason": "no_council_instruction"}
        )
    client.force_login(officer)
    url = reverse("ws_case", kwargs={"pk": story.case.pk})
    lapsed = "Lapsed: the case moved on before the Executive Director decided on it"
    assert lapsed not in client.get(url).content.decode()
    story.add("council_instructed", D(2023, 9, 14), author=f"council:{A}", data={"party": A})
    story.add("council_instructed", D(2023, 9, 20), author="council:US", data={"party": "US"})
    page = client.get(url).content.decode()
    entry = page.split(f'id="event-{proposal.seq}"', 1)[1].split("</li>", 1)[0]
    assert lapsed in entry
    assert "Awaiting the Executive Director" not in page
    # The proposal's own words, not its codes (walk 25: "Motivo: no_council_instruction").
    whole = page.split(f'id="event-{proposal.seq}"', 1)[1].split('id="event-', 1)[0]
    assert "Closure reason: No instruction from the Council" in whole
    assert "no_council_instruction" not in whole
    return_url = reverse("ws_return", kwargs={"pk": story.case.pk, "seq": proposal.seq})
    assert return_url not in entry  # the officer does not return proposals
    # Walk 25: the Director could return it only by a hand-made post.
    client.force_login(director)
    entry = client.get(url).content.decode().split(f'id="event-{proposal.seq}"', 1)[1]
    assert f'action="{return_url}"' in entry.split("</li>", 1)[0]
    story.case.refresh_from_db()
    with frozen(D(2023, 9, 21)):
        response = client.post(
            return_url,
            {"comment": "Superado.", "event_count": story.case.event_count, "back": "case"},
        )
    assert response.status_code == 302
    client.force_login(officer)
    page = client.get(url).content.decode()
    assert lapsed not in page.split(f'id="event-{proposal.seq}"', 1)[1].split("</li>", 1)[0]


def test_the_officer_is_told_when_a_step_makes_their_proposal_lapse(
    officer, a_council, b_council, django_capture_on_commit_callbacks
):
    """The Council's instruction moved the case on while the officer's proposal to close it
    awaited the Director: its author is emailed, once, naming the proposal and the step."""
    story = drive("awaiting_council")
    with frozen(D(2023, 9, 13)):
        proposal = services.record_event(
            story.case, "closed", actor=officer, data={"reason": "no_council_instruction"}
        )
    mail.outbox.clear()
    # Live, through the Council's accounts (the CEC's rule needs two members).
    with frozen(D(2023, 9, 14)), django_capture_on_commit_callbacks(execute=True):
        for member, party in ((a_council, A), (b_council, B)):
            story.case.refresh_from_db()
            if story.case.stage == "awaiting_council":
                services.record_event(
                    story.case, "council_instructed", actor=member, data={"party": party}
                )
    story.case.refresh_from_db()
    assert story.case.stage == "factual_record_preparation"
    lapsed = [m for m in mail.outbox if "lapsed" in m.subject]
    assert [(m.to, m.subject) for m in lapsed] == [
        ([officer.email], f"{story.case.reference}: your proposal lapsed")
    ]
    body = lapsed[0].body
    assert f"Your proposal no. {proposal.seq}, “{TABLE['closed'].label}”," in body
    assert f"“{TABLE['council_instructed'].label}” moved the case on" in body
    assert reverse("ws_case", kwargs={"pk": story.case.pk}) in body
