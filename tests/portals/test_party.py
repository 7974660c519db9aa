import datetime
import io
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.formats import date_format
from docx import Document as Docx

from notices import phrases, receipts, sending
from notices.models import Notice
from submissions import access, published
from submissions.models import Document, Submission
from submissions.stages import Stage
from tests.filing.test_tracking import link_of
from tests.helpers_cases import TIMELINE, drive, frozen
from tests.parties import SLUG, A, B
from tests.portals.conftest import PDF, pdf
from workflow import services
from workflow.exceptions import WorkflowError
from workflow.models import Deadline, Event

D = datetime.date
REQUESTED = TIMELINE["response_decided"]  # Sunday 7 May 2023

# The Party's response period from the request of 7 May 2023, and its extension for
# exceptional circumstances:
# - TPA Art. 18.8.5: 45 days → Wednesday 21 June; 60 → Thursday 6 July.
# - CEC (USMCA Art. 24.27(4)): 60 days → Thursday 6 July; 90 → Saturday 5 August, moved to
#   Monday 7 August 2023 (not a holiday in Montréal: Quebec keeps no Civic Holiday).
# - CAFTA-DR Art. 17.7.5: 45 days → Wednesday 21 June; 60 → Thursday 6 July 2023 (neither a
#   holiday in Guatemala City: its Army Day was kept on Monday 3 July).
PERIOD = {
    "us-peru-tpa": {"days": 45, "extended": 60, "extended_due": D(2023, 7, 6)},
    "usmca-cec": {"days": 60, "extended": 90, "extended_due": D(2023, 8, 7)},
    "cafta-dr": {"days": 45, "extended": 60, "extended_due": D(2023, 7, 6)},
}[SLUG]
# The first day after the period, when exceptional circumstances can no longer be notified:
# TPA day 46 (Thursday 22 June); CEC day 61 (Friday 7 July); CAFTA-DR day 46 (Thursday 22 June).
PERIOD_OVER = {
    "us-peru-tpa": D(2023, 6, 22),
    "usmca-cec": D(2023, 7, 7),
    "cafta-dr": D(2023, 6, 22),
}[SLUG]
# The title Party A's government gives its response.
RESPONSE_TITLE = {
    "us-peru-tpa": "Respuesta del Gobierno del Perú",
    "usmca-cec": "Respuesta del Gobierno de México",
    "cafta-dr": "Respuesta del Gobierno de Guatemala",
}[SLUG]
# The information a Party sends with its response, under the profile's article.
PRIVATE_REMEDIES = {
    "us-peru-tpa": "Private remedies (Art. 18.8.5(b)(ii))",
    "usmca-cec": "Private remedies (Art. 24.27)",
    "cafta-dr": "Private remedies (Art. 17.7.5(b)(ii))",
}[SLUG]


def respond_post(case, **overrides):
    data = {
        "event_count": case.event_count,
        "pending_proceeding": "no",
        "earlier_proceedings": "Ninguno.",
        "private_remedies": "Acción de amparo disponible, no ejercida.",
        "capacity_building": "Programa forestal 2022.",
        "language": "es",
        "document_title": RESPONSE_TITLE,
        "document": pdf("respuesta.pdf"),
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-0-file": pdf("anexo.pdf"),
        "attachments-0-title": "Anexo 1",
        "attachments-0-language": "es",
        "attachments-0-visibility": "party_concerned",
    }
    data.update(overrides)
    return data


def propose_publishing_text(case, officer, event, day):
    """The officer proposes making public the title and note of ``event`` (held for review)."""
    with frozen(day):
        return services.record_event(
            case,
            "visibility_changed",
            actor=officer,
            data={
                "event": event.seq - 1,  # 0-based event index
                "fields": ["title", "note"],
                "from": "parties",
                "to": "public",
                "reason": "Pedido por la Parte.",
            },
        )


def propose_publishing_document(case, officer, event, document, day):
    """The officer proposes making public ``document`` of ``event`` (held at parties)."""
    with frozen(day):
        return services.record_event(
            case,
            "visibility_changed",
            actor=officer,
            data={
                "document": [event.seq - 1, document.position],  # 0-based event index
                "from": "parties",
                "to": "public",
                "reason": "Pedido por la Parte.",
            },
        )


def test_party_a_gets_404_on_a_b_case_and_before_the_request(client, a_focal, officer, director):
    b_case = drive("awaiting_response", party=B).case
    a_before = drive("response_decision", party=A).case
    with frozen(D(2023, 5, 8)):
        # A request proposed but not yet approved (four eyes) is not a delivered request.
        services.record_event(
            a_before, "response_decided", actor=officer, data={"outcome": "request"}
        )
    client.force_login(a_focal)
    for case in (b_case, a_before):
        assert client.get(reverse("party_case", kwargs={"pk": case.pk})).status_code == 404
        assert client.get(reverse("party_respond", kwargs={"pk": case.pk})).status_code == 404
    assert b_case.reference not in client.get(reverse("party_home")).content.decode()
    with frozen(D(2023, 5, 10)):
        proposal = a_before.events.get(kind="proposed")
        services.approve_proposal(a_before, proposal.seq, actor=director)
    assert client.get(reverse("party_case", kwargs={"pk": a_before.pk})).status_code == 200


def test_response_with_annex_moves_the_case_and_sends_a_receipt(
    client, a_focal, django_capture_on_commit_callbacks
):
    story = drive("awaiting_response")
    case = story.case
    a_focal.first_name, a_focal.last_name = "Lucía", "Paredes"
    a_focal.save()
    client.force_login(a_focal)
    with frozen(D(2023, 6, 10)), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("party_respond", kwargs={"pk": case.pk}), respond_post(case))
    event = Event.objects.get(submission=case, kind="party_responded")
    assert response.status_code == 302
    assert response["Location"] == f"/en/party/cases/{case.pk}/receipts/{event.seq}/"
    case.refresh_from_db()
    assert case.stage == Stage.FACTUAL_RECORD_DECISION
    assert event.author == f"party:{A}"
    assert event.recorded_by == a_focal
    assert event.data == {
        "pending_proceeding": False,
        "information": {
            "earlier_proceedings": "Ninguno.",
            "private_remedies": "Acción de amparo disponible, no ejercida.",
            "capacity_building": "Programa forestal 2022.",
        },
        # Its public document waits at parties for the Secretariat's act (PROCESS.md); the
        # annex went to the Party concerned only.
        "publish_requested": True,
        "for_public": [0],
    }
    docs = list(event.documents.order_by("position").values_list("title", "kind", "visibility"))
    assert docs == [
        (RESPONSE_TITLE, "response", "parties"),
        ("Anexo 1", "annex", "party_concerned"),
    ]
    deadline = Deadline.objects.get(submission=case, kind="party_response")
    assert (deadline.state, deadline.met_on, deadline.late) == ("met", D(2023, 6, 10), False)
    # The notices outbox tells the Party concerned of its response: no second receipt email.
    to_focal = [m for m in mail.outbox if m.to == ["a_focal@example.org"]]
    assert [m.subject for m in to_focal] == [f"{case.reference}: your response has been received"]
    # It says where its receipt is, with what it lists (walk 146: it said no more).
    assert "Its receipt, in the case's history in the portal, lists each document" in " ".join(
        to_focal[0].body.split()
    )
    # Every request renews the session (SESSION_SAVE_EVERY_REQUEST): the one renewed on the
    # frozen day of 2023 has long expired by today's clock.
    client.force_login(a_focal)
    receipt = client.get(response["Location"])
    assert event.hash in receipt.content.decode()
    # Not "was sent by email" (walk 43): the notice above tells the Party, and the receipt
    # says so (walk 55).
    assert (
        "Your receipt is below; your Party&#x27;s focal points, you included, are told by email "
        "that the Secretariat received it." in receipt.content.decode()
    )
    # Sent for the public, held for the Secretariat: the receipt says so (the helper's walk).
    note = "What you sent for the public waits for the Secretariat"
    assert note in receipt.content.decode()
    assert "Since then" not in receipt.content.decode()  # nothing published yet
    # Who recorded it, by name and account (walk 44: "Recorded by a_focal").
    assert "Lucía Paredes (a_focal)" in receipt.content.decode()
    document = client.get(
        reverse("party_receipt_document", kwargs={"pk": case.pk, "seq": event.seq})
    )
    assert document.status_code == 200
    assert document.content[:2] == b"PK"  # a Word (zip) file
    import io

    from docx import Document as Docx

    paragraphs = [p.text for p in Docx(io.BytesIO(document.content)).paragraphs]
    assert any(text.startswith(note) for text in paragraphs)
    assert any("by Lucía Paredes (a_focal)" in text for text in paragraphs)


def test_a_pending_proceedings_details_wait_for_the_secretariat(client, a_focal):
    """Walk 19: the response's receipt said what it sent for the public waits for the
    Secretariat, and the docket showed only "pending proceeding: yes", but the API already
    gave the court, the case number and its status."""
    import json

    from django.core.management import call_command
    from django.test import Client

    case = drive("awaiting_response").case
    client.force_login(a_focal)
    details = {
        "pending_proceeding": "yes",
        "proceeding_authority": "Juzgado Primero",
        "proceeding_case_number": "EXP-SECRETO-777",
        "proceeding_status": "En trámite",
    }
    with frozen(D(2023, 6, 10)):
        client.post(reverse("party_respond", kwargs={"pk": case.pk}), respond_post(case, **details))
    event = Event.objects.get(submission=case, kind="party_responded")
    assert event.data["proceeding"]["case_number"] == "EXP-SECRETO-777"
    api = Client().get(reverse("api_submission", args=[case.slug])).content.decode()
    page = Client().get(f"/es/docket/{case.slug}/").content.decode()
    out = io.StringIO()
    call_command("export_registry", stdout=out)
    for public in (api, page, out.getvalue()):
        assert "EXP-SECRETO-777" not in public and "Juzgado Primero" not in public
    assert json.loads(api)["events"]  # the response itself is listed


def test_a_pending_proceeding_needs_its_details(client, a_focal):
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(D(2023, 6, 10)):
        response = client.post(
            reverse("party_respond", kwargs={"pk": case.pk}),
            respond_post(case, pending_proceeding="yes"),
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="#id_proceeding_authority"' in body
    assert 'aria-describedby="id_proceeding_authority-error"' in body
    assert not Event.objects.filter(submission=case, kind="party_responded").exists()
    # Walks 22 and 24: the valid files came back as "No file chosen". They are kept: each
    # says so, and the next post, with the details and no file chosen again, sends them.
    assert "Kept from your last attempt: respuesta.pdf" in body
    assert "Kept from your last attempt: anexo.pdf" in body
    tokens = dict(re.findall(r'name="([\w-]+_kept)" value="([^"]+)"', body))
    assert set(tokens) == {"document_kept", "attachments-0-file_kept"}
    again = respond_post(case, pending_proceeding="yes", **tokens)
    del again["document"], again["attachments-0-file"]
    again.update(
        proceeding_authority="Tribunal Ambiental",
        proceeding_case_number="123-2023",
        proceeding_status="En trámite.",
    )
    with frozen(D(2023, 6, 10)):
        response = client.post(reverse("party_respond", kwargs={"pk": case.pk}), again)
    assert response.status_code == 302
    event = Event.objects.get(submission=case, kind="party_responded")
    stored = {d.title: d for d in event.documents.all()}
    assert set(stored) == {RESPONSE_TITLE, "Anexo 1"}
    assert stored["Anexo 1"].visibility == "party_concerned"
    assert stored[RESPONSE_TITLE].file.read() == PDF


def test_a_stale_form_is_refused_with_a_message(client, a_focal):
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(D(2023, 6, 10)):
        response = client.post(
            reverse("party_respond", kwargs={"pk": case.pk}),
            respond_post(case, event_count=case.event_count - 1),
        )
    assert response.status_code == 409
    assert "This case has moved on since you opened it" in response.content.decode()


def test_extension_while_the_response_period_runs_lengthens_it(
    client, a_focal, django_capture_on_commit_callbacks
):
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    url = reverse("party_extension", kwargs={"pk": case.pk})
    with frozen(D(2023, 6, 16)), django_capture_on_commit_callbacks(execute=True):  # day 40
        response = client.post(url, {"event_count": case.event_count, "circumstances": "Huelga."})
    assert response.status_code == 302
    deadline = Deadline.objects.get(submission=case, kind="party_response", state="open")
    assert (deadline.length, deadline.due_on) == (PERIOD["extended"], PERIOD["extended_due"])
    # Its receipt is the Secretariat's acknowledgement, with the new due date (walk 128).
    (receipt,) = [m for m in mail.outbox if m.to == ["a_focal@example.org"]]
    assert receipt.subject == (
        f"{case.reference}: your notice of exceptional circumstances has been received"
    )
    assert date_format(deadline.due_on) in " ".join(receipt.body.split())
    assert date_format(deadline.due_on) in receipt.alternatives[0][0]
    assert Event.objects.get(submission=case, kind="extension_notified").note == "Huelga."
    # The page says so (walk 140: "keep it, or find it again from the case's history").
    page = client.get(response["Location"]).content.decode()
    assert "are told by email that the Secretariat received it." in page


def test_extension_after_the_response_period_is_refused(client, a_focal):
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(PERIOD_OVER):
        response = client.post(
            reverse("party_extension", kwargs={"pk": case.pk}),
            {"event_count": case.event_count, "circumstances": "Tarde."},
            follow=True,
        )
    # Not offered now: the post goes back to the case page with the workflow's reason.
    assert response.redirect_chain == [(f"/en/party/cases/{case.pk}/", 302)]
    page = response.content.decode()
    assert "This is not offered on this case:" in page
    assert f"only while the {PERIOD['days']} days for the response are running" in page
    assert not Event.objects.filter(submission=case, kind="extension_notified").exists()


def test_the_party_sees_confidential_annexes_but_not_secretariat_items(client, a_focal, a_awaiting):
    case = a_awaiting.case
    a_awaiting.add("correspondence", visibility="secretariat", title="Nota interna")
    client.force_login(a_focal)
    body = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
    assert "Anexo confidencial" in body
    assert "Nota interna" not in body
    assert f"{PERIOD['days']} calendar days from delivery of the request on 12 April 2023" in body


def test_both_parties_comment_on_a_draft_with_their_own_party(client, b_focal):
    case = drive("draft_comment_period").case
    client.force_login(b_focal)
    with frozen(D(2023, 10, 20)):
        response = client.post(
            reverse("party_comment", kwargs={"pk": case.pk}),
            {
                "event_count": case.event_count,
                "language": "en",
                "document_title": "Comments of the United States",
                "document": pdf("comments.pdf"),
                "attachments-TOTAL_FORMS": "0",
                "attachments-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302
    event = Event.objects.get(submission=case, kind="draft_commented")
    assert (event.data, event.author, event.visibility) == ({"party": "US"}, "party:US", "parties")
    met = Deadline.objects.get(submission=case, kind="draft_comments", party="US")
    assert (met.state, met.late) == ("met", False)


def test_a_party_that_commented_is_not_offered_more_once_the_final_record_is_in(
    client, a_focal, b_focal
):
    """Walk 46: Peru, having commented, was offered further comments on the draft (and they
    were recorded) after the final record had gone to the Council. A Party that did not
    comment in time is still offered late comments."""
    case = drive("final_factual_record", comments=(A,)).case
    label = "Comment on the draft factual record"
    client.force_login(a_focal)
    assert label not in client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
    refused = client.get(reverse("party_comment", kwargs={"pk": case.pk}), follow=True)
    assert "your comments on the draft are on record" in refused.content.decode()
    client.force_login(b_focal)
    assert label in client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()


def test_a_party_that_commented_is_offered_further_comments_as_such(client, a_focal, b_focal):
    """While the period runs a Party may comment again: its button and form say "further"
    (it read "Comment on the draft" as if none were sent); another Party's do not."""
    story = drive("draft_comment_period")
    story.add("draft_commented", author=f"party:{A}", data={"party": A})
    case = story.case
    further = "Send further comments on the draft factual record"
    client.force_login(a_focal)
    page = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
    assert further in page and "Comment on the draft factual record" not in page
    form = client.get(reverse("party_comment", kwargs={"pk": case.pk})).content.decode()
    assert further in form
    client.force_login(b_focal)
    page = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
    assert "Comment on the draft factual record" in page and further not in page


def test_council_member_may_see_a_draft_but_not_comment(client, a_council):
    case = drive("draft_comment_period").case
    client.force_login(a_council)
    response = client.post(reverse("party_comment", kwargs={"pk": case.pk}), {})
    assert response.status_code == 403


def _letter(client, case, subject, message, visibility, attachments=(), **options):
    """Post a letter through the Party's portal ("Write to the Secretariat"), with
    ``attachments`` as (title, file) pairs at the letter's visibility."""
    data = {
        "event_count": case.event_count,
        "subject": subject,
        "message": message,
        "visibility": visibility,
        "attachments-TOTAL_FORMS": str(len(attachments)),
        "attachments-INITIAL_FORMS": "0",
    }
    for index, (title, file) in enumerate(attachments):
        data |= {
            f"attachments-{index}-title": title,
            f"attachments-{index}-language": "es",
            f"attachments-{index}-visibility": visibility,
            f"attachments-{index}-file": file,
        }
    return client.post(reverse("party_correspondence", kwargs={"pk": case.pk}), data, **options)


def test_correspondence_keeps_its_visibility(client, a_focal, a_awaiting, officer):
    case = a_awaiting.case
    client.force_login(a_focal)
    with frozen(D(2023, 4, 20)):
        response = _letter(
            client, case, "Consulta", "¿Podrían aclarar el plazo?", "party_concerned"
        )
    assert response.status_code == 302
    event = Event.objects.filter(submission=case, kind="correspondence").latest("seq")
    assert (event.title, event.visibility, event.author) == (
        "Consulta",
        "party_concerned",
        f"party:{A}",
    )
    # The Secretariat is told of the letter (it told no one), the Secretariat's own not.
    sending.send_pending()
    letters = [m for m in mail.outbox if m.to == [officer.email]]
    assert [m.subject for m in letters] == [f"{case.reference}: a letter {phrases.from_party(A)}"]
    assert "was received through its portal on 20 April 2023" in letters[0].body
    services.record_event(case, "correspondence", actor=officer, title="Respuesta")
    assert not Notice.objects.filter(event__seq=case.events.count(), message="letter_to_staff")


@pytest.mark.parametrize("name", ["party_respond", "party_extension", "party_correspondence"])
def test_wrong_method_is_405(client, a_focal, a_awaiting, name):
    client.force_login(a_focal)
    response = client.put(reverse(name, kwargs={"pk": a_awaiting.case.pk}))
    assert response.status_code == 405


def test_case_list_query_count(client, a_focal, django_assert_max_num_queries):
    for _ in range(3):
        drive("awaiting_response")
    client.force_login(a_focal)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("party_home"))
    assert response.content.decode().count("/en/party/cases/") == 3


def test_a_met_deadline_says_its_target_date_in_the_past(client, a_focal):
    """The helper's walk: "met on 3 December 2026, in time — due 19 January 2027" read as if
    the response were still due."""
    case = drive("factual_record_decision").case
    client.force_login(a_focal)
    page = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
    deadline = Deadline.objects.get(submission=case, kind="party_response")
    assert deadline.state == "met"
    due = f"{deadline.due_on.day} {deadline.due_on:%B %Y}"
    item = page.split("deadline--met", 1)[1].split("</li>", 1)[0]
    # The treaty's period was due; a period the Secretariat sets has a target date (walk 46).
    assert f"(it was due on {due})" in " ".join(item.split())
    assert "— due" not in item


def test_comments_sent_for_the_public_are_listed_for_the_secretariats_review(
    client, b_focal, officer, director
):
    """The helper's walk: a Party asked for its comments to be public, and publishing the
    record left them unpublished with nothing in the workspace to say so."""
    case = drive("draft_comment_period").case
    client.force_login(b_focal)
    with frozen(D(2023, 10, 20)):
        client.post(
            reverse("party_comment", kwargs={"pk": case.pk}),
            {
                "event_count": case.event_count,
                "language": "en",
                "make_public": "on",
                "document_title": "Comments of the United States",
                "document": pdf("comments.pdf"),
                "attachments-TOTAL_FORMS": "0",
                "attachments-INITIAL_FORMS": "0",
            },
        )
    event = Event.objects.get(submission=case, kind="draft_commented")
    assert event.data.get("publish_requested") is True
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    held = page.split('id="held-heading"', 1)[1].split("</section>", 1)[0]
    assert f'href="#event-{event.seq}"' in held
    document = event.documents.get()
    proposal = propose_publishing_document(case, officer, event, document, D(2023, 10, 21))
    with frozen(D(2023, 10, 21)):
        services.approve_proposal(case, proposal.seq, actor=director)
    document.refresh_from_db()
    assert document.visibility == "public"
    # Its event is shown for it, the event's own (empty) text withheld: nothing is left to
    # review (walk 32: it stayed off the docket until the empty title was published too).
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    assert 'id="held-heading"' not in page
    # Naming the entry that did (walk 105: "a later entry").
    assert (
        f"for a document entry no. {proposal.seq + 1} made public; its own text is not public"
        in page
    )
    public = Client().get(f"/en/docket/{case.slug}/").content.decode()
    assert "Comments of the United States" in public
    proposal = propose_publishing_text(case, officer, event, D(2023, 10, 22))
    with frozen(D(2023, 10, 22)):
        services.approve_proposal(case, proposal.seq, actor=director)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    assert 'id="held-heading"' not in page
    assert "made public; its own text is not public" not in page
    assert f"now public: entry no. {proposal.seq + 1} published it" in page
    public = Client().get(f"/en/docket/{case.slug}/").content.decode()
    assert "Comments of the United States" in public
    timeline = published.public_timeline(case.events.order_by("seq"))
    assert set(published.public_documents_of(timeline)) == set(
        access.public_documents(Document.objects.filter(submission=case))
    )
    assert f"/en/docket/{case.slug}/documents/{document.pk}/" in public
    # The submitters see at least what the public sees (walk 21: their page left it out).
    submitter = Client()
    _membership, page_url = link_of(case, client=submitter)
    tracking = submitter.get(page_url).content.decode()
    assert "Comments of the United States" in tracking
    download = f"{page_url}documents/{document.pk}/"
    assert download in tracking
    assert submitter.get(download).status_code == 200


def test_a_partys_information_waits_for_review_in_the_api_and_the_director_reads_it(
    client, a_focal, officer, director
):
    """The third walk: the Art. 18.8.5(b) information a Party sent with its response was in the
    open-data API at once, while every page held it for review, and no page showed it to the
    Secretariat."""
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(D(2023, 6, 10)):
        client.post(reverse("party_respond", kwargs={"pk": case.pk}), respond_post(case))
    event = Event.objects.get(submission=case, kind="party_responded")
    case.refresh_from_db()
    api = f"/api/v1/submissions/{case.slug}/"
    assert "Acción de amparo" not in Client().get(api).content.decode()
    # Its Art. 18.8.5(a) declaration is its words too (walk 40: the docket and the feed said
    # "pending proceeding declared: no" before the Secretariat published the response).
    docket = f"/en/docket/{case.slug}/"
    assert "Response of the Party" in Client().get(docket).content.decode()
    for public in (api, docket, reverse("case_feed", args=[case.slug])):
        assert "pending_proceeding" not in Client().get(public).content.decode()
        assert "Pending proceeding declared" not in Client().get(public).content.decode()
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    # In the case's language, marked so (walk 31).
    assert f'{PRIVATE_REMEDIES}: <span lang="es">Acción de amparo disponible' in page
    # The officer's form offers the response's text to publish, though its title and note are
    # empty (the fourth walk: the information could never be published from the page).
    form = page.split('name="visibility_changed-event"', 1)[1].split("</select>", 1)[0]
    author = event.get_author_display()
    # And what the public reads of it now (walk 95: entries already public were offered as if
    # still to be published): the response, its words held for review.
    assert (
        f'<option value="{event.pk}">{event.seq}. Response of the Party ({author})'
        " (now: public but for: note)</option>"
    ) in form
    # Publishing the note publishes the information sent with it: the choice says so.
    assert "Note, with any information sent with it" in page
    proposal = propose_publishing_text(case, officer, event, D(2023, 6, 12))
    client.force_login(director)
    approvals = client.get(reverse("ws_approvals")).content.decode()
    assert "Public text: Entry no." in approvals
    # Walk 24: named for what it changes, not "Visibility of a document changed"; the
    # participle before the fields ("titre, note rendu(s) public(s)" in French).
    assert "Visibility of an entry&#x27;s text changed" in approvals
    assert ": text made public (" in approvals
    # And so does the email that asks for the approval (walk 68: "Visibility of a document
    # changed").
    from notices import emails
    from notices.models import Notice

    awaiting = Notice.objects.get(event=proposal, message="proposal_awaiting")
    _subject, text, _html = emails.render(awaiting)
    assert "A proposed decision awaits your approval: Visibility of an entry's text changed." in (
        text
    )
    with frozen(D(2023, 6, 12)):
        services.approve_proposal(case, proposal.seq, actor=director)
    assert "Acción de amparo disponible" in Client().get(api).content.decode()
    assert '"pending_proceeding": false' in Client().get(api).content.decode()
    assert "Pending proceeding declared" in Client().get(docket).content.decode()
    # Its letter waits still; the Director reads which document a proposal would publish.
    letter = event.documents.get(visibility="parties")
    proposal = propose_publishing_document(case, officer, event, letter, D(2023, 6, 13))
    approvals = client.get(reverse("ws_approvals")).content.decode()
    assert f"Document: {RESPONSE_TITLE} (entry no. {event.seq})" in approvals
    with frozen(D(2023, 6, 13)):
        services.approve_proposal(case, proposal.seq, actor=director)
    # Once reviewed, the officer's timeline no longer says the entry awaits review.
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    entry = page.split(f'id="event-{event.seq}"', 1)[1].split("</li>", 1)[0]
    # By the entry that did it last (walk 107: the response named none).
    assert f"Published by the Secretariat after its review: entry no. {proposal.seq + 1}." in (
        entry
    )
    assert "Awaiting the Secretariat's review" not in entry


def test_an_attachment_sent_to_the_parties_only_does_not_keep_the_entry_held(
    client, a_focal, officer, director
):
    """Walk 19: once the response's letter and text were published, the workspace still said
    the response awaited review: its annex, sent to the Parties only, stays at *parties* too."""
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(D(2023, 6, 10)):
        client.post(
            reverse("party_respond", kwargs={"pk": case.pk}),
            respond_post(case, **{"attachments-0-visibility": "parties"}),
        )
    event = Event.objects.get(submission=case, kind="party_responded")
    assert event.documents.filter(visibility="parties").count() == 2
    for on, propose in ((D(2023, 6, 12), "text"), (D(2023, 6, 13), "letter")):
        if propose == "text":
            proposal = propose_publishing_text(case, officer, event, on)
        else:
            letter = event.documents.get(title=RESPONSE_TITLE)
            proposal = propose_publishing_document(case, officer, event, letter, on)
        with frozen(on):
            services.approve_proposal(case, proposal.seq, actor=director)
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    entry = page.split(f'id="event-{event.seq}"', 1)[1].split("</li>", 1)[0]
    assert f"Published by the Secretariat after its review: entry no. {proposal.seq + 1}." in (
        entry
    )
    assert "still awaits your review" not in page


def test_each_document_sent_for_the_public_is_awaited_until_published(
    client, a_focal, officer, director
):
    """The post names the documents it sent for the public (``for_public``): an annex sent to
    the Parties only never keeps the entry waiting, and one sent for the public does until the
    Secretariat publishes it (the heuristic before took the entry as reviewed once any one of
    its documents was decided on)."""
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(D(2023, 6, 10)):
        client.post(
            reverse("party_respond", kwargs={"pk": case.pk}),
            respond_post(case, **{"attachments-0-visibility": "public"}),
        )
    event = Event.objects.get(submission=case, kind="party_responded")
    assert event.data["publish_requested"] is True
    assert event.data["for_public"] == [0, 1]
    assert event.documents.filter(visibility="parties").count() == 2

    def held() -> bool:
        client.force_login(officer)
        page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
        return 'id="held-heading"' in page

    letter, annex = event.documents.order_by("position")
    steps = (
        (D(2023, 6, 12), lambda on: propose_publishing_text(case, officer, event, on), True),
        (
            D(2023, 6, 13),
            lambda on: propose_publishing_document(case, officer, event, letter, on),
            True,
        ),
        (
            D(2023, 6, 14),
            lambda on: propose_publishing_document(case, officer, event, annex, on),
            False,
        ),
    )
    for on, propose, still_held in steps:
        proposal = propose(on)
        with frozen(on):
            services.approve_proposal(case, proposal.seq, actor=director)
        assert held() is still_held, on


def test_for_public_lists_positions(officer):
    case = drive("awaiting_response").case
    with pytest.raises(WorkflowError, match="positions of documents"):
        services.record_event(
            case, "correspondence", actor=officer, data={"for_public": ["letter"]}
        )


def test_the_party_concerned_reads_the_whole_submission_once_it_is_forwarded(
    client, a_focal, b_focal
):
    """Walk 23: the request forwards the submission and all its supporting information
    (Art. 18.8.4), but the Party's portal showed only the facts: not the laws, the
    communication with the authorities, their answer, the private remedies or the harm."""
    case = drive("draft_comment_period").case
    Submission.objects.filter(pk=case.pk).update(
        facts="Vertimientos al río.",
        authorities_communication="Denuncia ante el OEFA, expediente 123-2025.",
        private_remedies="Amparo en trámite.",
        harm="Peces muertos.",
        relies_on_media_only=False,
    )
    client.force_login(a_focal)
    body = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
    assert 'id="request-title"' in body
    section = body.split('id="submission-title"', 1)[1].split("</section>", 1)[0]
    for text in (
        "Ley Forestal (Ley N.° 29763)",
        "Vertimientos al río.",
        "Denuncia ante el OEFA, expediente 123-2025.",
        "Amparo en trámite.",
        "Peces muertos.",
    ):
        assert text in section
    # The other Party reads the draft, not what was forwarded to the Party concerned.
    client.force_login(b_focal)
    body = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
    assert "Denuncia ante el OEFA" not in body
    assert 'id="request-title"' not in body  # the request is the Party concerned's
    assert "to the Party concerned with its request for a response" in body


def test_a_past_due_period_reads_overdue_or_ended_in_the_portals(client, a_focal, a_council):
    """Walk 25: after its due date a Party's response still read "Open — due …" on its
    portal (no mark in its list), and the Council's period read "Open" too."""
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(PERIOD_OVER):
        page = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
        listing = client.get(reverse("party_home")).content.decode()
    deadlines = page.split('id="deadlines-title"', 1)[1].split("</section>", 1)[0]
    assert "<strong>overdue</strong>" in deadlines
    assert "Open\n" not in deadlines
    row = listing.split(f">{case.reference}<", 1)[1].split("</tr>", 1)[0]
    assert "<strong>overdue</strong>" in row
    council = drive("awaiting_council").case
    client.force_login(a_council)
    with frozen(D(2024, 6, 1)):  # long after the Council's period
        page = client.get(reverse("council_case", kwargs={"pk": council.pk})).content.decode()
    deadlines = page.split('id="deadlines-title"', 1)[1].split("</section>", 1)[0]
    assert "ended on 12 September 2023; it binds no one" in deadlines


def test_a_kept_annex_can_be_removed_before_sending(client, a_focal):
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(D(2023, 6, 10)):
        body = client.post(
            reverse("party_respond", kwargs={"pk": case.pk}),
            respond_post(case, pending_proceeding="yes"),
        ).content.decode()
        tokens = dict(re.findall(r'name="([\w-]+_kept)" value="([^"]+)"', body))
        again = respond_post(case, **tokens)
        del again["document"], again["attachments-0-file"]
        again.update({"attachments-0-file_drop": "1", "attachments-0-title": ""})
        response = client.post(reverse("party_respond", kwargs={"pk": case.pk}), again)
    assert response.status_code == 302
    event = Event.objects.get(submission=case, kind="party_responded")
    assert [d.title for d in event.documents.all()] == [RESPONSE_TITLE]


def test_a_letter_for_the_secretariat_only_stays_its_senders(client, a_focal, a_awaiting, officer):
    """Walk 39: Peru's letter "for the Secretariat only" led to a receipt that was a 404 (the
    email's link too) and was missing from Peru's own history. What a Party sends is its own
    to read, whatever level it chose; a Secretariat-only note about it is not."""
    case = a_awaiting.case
    client.force_login(a_focal)
    with frozen(D(2023, 4, 20)):
        response = _letter(
            client,
            case,
            "Nota reservada",
            "Solo para la Secretaría.",
            "secretariat",
            [("Anexo reservado", pdf("reservado.pdf"))],
            follow=True,
        )
        assert response.status_code == 200, response.redirect_chain
        assert "Anexo reservado" in response.content.decode()  # the receipt lists it
        event = Event.objects.get(submission=case, title="Nota reservada")
        assert event.visibility == "secretariat"
        page = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
        assert "Nota reservada" in page
        document = event.documents.get()
        url = reverse("party_document", kwargs={"pk": case.pk, "document_pk": document.pk})
        assert client.get(url).status_code == 200
        # The Secretariat's own note in the Party's name, recorded on its behalf: not shown.
        services.record_event(
            case,
            "correspondence",
            actor=officer,
            author=f"party:{A}",
            title="Nota interna de la Secretaría",
            visibility="secretariat",
        )
        page = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
        assert "Nota interna de la Secretaría" not in page


def test_the_partys_history_says_who_sees_what_it_sent_and_links_each_receipt(
    client, a_focal, officer, director
):
    """Walk 40: the Party's history and its receipts did not say who may read what it sent,
    and a past receipt could be found only from its email."""
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(D(2023, 6, 10)):
        client.post(reverse("party_respond", kwargs={"pk": case.pk}), respond_post(case))
        case.refresh_from_db()
        _letter(client, case, "Nota reservada", "Solo para la Secretaría.", "secretariat")
        case.refresh_from_db()
        _letter(client, case, "Carta abierta", "Para el público.", "public")
    response = Event.objects.get(submission=case, kind="party_responded")
    letter = Event.objects.get(submission=case, title="Nota reservada")
    public_letter = Event.objects.get(submission=case, title="Carta abierta")
    assert public_letter.visibility == "parties"  # until the Secretariat publishes it

    def entry(event):
        page = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
        receipt = reverse("party_receipt", kwargs={"pk": case.pk, "seq": event.seq})
        assert page.count(f'href="{receipt}"') == 1
        return next(e for e in page.split('<li class="event') if f'href="{receipt}"' in e)

    assert "Visible to: Secretariat only." in entry(letter)
    # Each document sent for the public says it waits too (walk 42); the annex sent to the
    # Party concerned does not.
    documents = entry(response).split('class="documents"', 1)[1]
    waits = "sent for the public, it awaits the Secretariat's review"
    assert documents.count(waits) == 1
    assert documents.split(waits, 1)[0].count("<li>") == 1  # the letter, the first document
    assert "sent for the public, it awaits the Secretariat's review" in entry(public_letter)
    held = "Visible to: Public — the public sees that it was sent, and its text once it is"
    assert held in entry(response)
    # Others' entries and the requests the Party received link no receipt.
    assert (
        client.get(reverse("party_case", kwargs={"pk": case.pk}))
        .content.decode()
        .count("/receipts/")
        == 3
    )
    receipt = client.get(reverse("party_receipt", kwargs={"pk": case.pk, "seq": letter.seq}))
    assert "<dt>This entry is visible to</dt><dd>Secretariat only</dd>" in receipt.content.decode()
    # The response's receipt says what of it waits (walk 42: "Visible to: Public" above "only
    # the Secretariat, the Parties and the Council see it").
    receipt = client.get(reverse("party_receipt", kwargs={"pk": case.pk, "seq": response.seq}))
    assert (
        "<dt>This entry is visible to</dt><dd>Public — the public sees that it was sent, and its "
        "text once it is published</dd>"
    ) in receipt.content.decode()
    # The entry's audience, not its documents' (walk 144: "Visible to: Public" above documents
    # for the Secretariat, the Parties and the Council); each document says its own.
    _name, _type, content = receipts.render_receipt_document(response, "en")
    words = [p.text for p in Docx(io.BytesIO(content)).paragraphs]
    assert any(w.startswith("This entry is visible to: Public — ") for w in words)
    assert "Document: Anexo 1 (Spanish; Secretariat and the Party concerned)" in " ".join(words)
    proposal = propose_publishing_text(case, officer, response, D(2023, 6, 12))
    with frozen(D(2023, 6, 12)):
        services.approve_proposal(case, proposal.seq, actor=director)
    client.force_login(a_focal)
    assert "sent for the public, the Secretariat has published it" in entry(response)


def test_the_party_and_the_council_read_what_the_response_declared(client, a_focal, a_council):
    """Walk 42: the response's declaration of no pending proceeding and its Art. 18.8.5(b)
    information were on the public page once published, and on the officer's, but neither the
    Party that wrote them nor the Council, which weighs them, could read them in its portal. A
    name withheld since reads as the label for the Council."""
    from workflow.actors import Actor

    case = drive("awaiting_response").case
    membership = case.memberships.get()
    client.force_login(a_focal)
    named = f"Acción de amparo de {membership.submitter.name}, no ejercida."
    with frozen(D(2023, 6, 10)):
        client.post(
            reverse("party_respond", kwargs={"pk": case.pk}),
            respond_post(case, private_remedies=named),
        )
        # She withholds her name afterwards.
        services.record_event(
            case, "identity_withheld", actor=Actor.submitter(membership), data={"submitter": 0}
        )
    client.force_login(a_focal)  # the session renewed on the frozen day has expired
    party = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
    assert "Pending proceeding declared: No" in party
    assert f'<span lang="es">{named}</span>' in party
    # The Council reads the case once the Secretariat notifies it (Art. 18.9.1).
    from tests.helpers_cases import Story

    Story(case, D(2023, 6, 10)).add(
        "factual_record_notified",
        D(2023, 7, 14),
        data={"outcome": "warranted"},
        note=f"Las aseveraciones de {membership.submitter.name} sobre la tala ilegal.",
    )
    client.force_login(a_council)
    council = client.get(reverse("council_case", kwargs={"pk": case.pk})).content.decode()
    assert "Pending proceeding declared: No" in council
    assert "Programa forestal 2022." in council
    assert membership.submitter.name not in council
    # Her name inside a sentence reads as the docket writes it, not as the list's label (walk
    # 157: "las aseveraciones de Nombre reservado a solicitud de la persona interesada sobre").
    phrase = "una persona cuyo nombre se reserva a su solicitud"
    assert f"Acción de amparo de {phrase}, no ejercida." in council
    assert f"Las aseveraciones de {phrase} sobre la tala ilegal." in council


@pytest.mark.parametrize(
    "stage, said",
    [
        ("awaiting_response", "The Council and the other Parties do not see this case yet"),
        ("awaiting_council", "The other Parties do not see this case yet: they do once the"),
        ("draft_comment_period", None),
    ],
)
def test_the_party_concerned_is_told_who_does_not_see_its_case_yet(
    client, a_focal, b_focal, a_council, stage, said
):
    """Walk 114: Guatemala sent its response "for the Secretariat, the Parties and the
    Council" while neither Honduras nor the Council could open the case; nothing said so."""
    case = drive(stage).case
    client.force_login(a_focal)
    page = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
    if said is None:
        assert 'id="not-reached"' not in page
    else:
        note = page.split('id="not-reached">', 1)[1].split("</p>", 1)[0]
        assert note.startswith(said.replace("'", "&#x27;"))
        offered = re.search(r'href="(/en/party/cases/\d+/[a-z-]+/)"', page).group(1)
        assert said.replace("'", "&#x27;") in client.get(offered).content.decode()
        # And the receipt of what it sends (walk 115: "only the Secretariat, the Parties and
        # the Council see it", as if they did already).
        with frozen(case.last_event_on + datetime.timedelta(days=1)):
            _letter(client, case, "Carta abierta", "Para el público.", "public")
        sent = Event.objects.get(submission=case, title="Carta abierta")
        receipt = client.get(reverse("party_receipt", kwargs={"pk": case.pk, "seq": sent.seq}))
        assert said.replace("'", "&#x27;") in receipt.content.decode()
        # Nor, above it, that they see it meanwhile (walk 117).
        assert "the Parties and the Council see it" not in receipt.content.decode()
        assert "the public sees it once the Secretariat publishes it" in receipt.content.decode()
    # Its audience sees it: the Council once notified, another Party once the draft is in.
    client.force_login(b_focal)
    other = client.get(reverse("party_case", kwargs={"pk": case.pk}))
    assert other.status_code == (200 if stage == "draft_comment_period" else 404)
    assert 'id="not-reached"' not in other.content.decode()
    client.force_login(a_council)
    council = client.get(reverse("council_case", kwargs={"pk": case.pk}))
    assert council.status_code == (404 if stage == "awaiting_response" else 200)


def test_a_party_finds_the_draft_at_the_top_of_its_case_and_on_the_comment_form(client, b_focal):
    """Walk 167: the draft a Party is asked to comment on was listed only in the case's
    history, thousands of pixels down on a phone, and the comment form did not link it."""
    from submissions.storage import DocumentInput
    from tests.portals.conftest import stored_pdf

    story = drive("factual_record_preparation")
    story.add(
        "draft_submitted",
        documents_in=[
            DocumentInput(
                title="Draft factual record",
                language="en",
                file=stored_pdf("draft.pdf"),
                visibility="parties",
                kind="draft_factual_record",
            )
        ],
    )
    case = story.case
    draft = Document.objects.get(event__submission=case, kind="draft_factual_record")
    link = reverse("party_document", kwargs={"pk": case.pk, "document_pk": draft.pk})
    client.force_login(b_focal)
    page = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
    records = page.index('id="records-title"')
    assert records < page.index('id="submission-title"') < page.index('id="history-title"')
    assert link in page[records : page.index('id="submission-title"')]
    form = client.get(reverse("party_comment", kwargs={"pk": case.pk})).content.decode()
    assert 'id="draft-title"' in form
    assert link in form.split('id="draft-title"', 1)[1].split("</section>", 1)[0]
    # Each attachment starts where the comments go, not at "Public" (walk 168).
    assert '<option value="parties" selected>' in form
    assert '<option value="public" selected>' not in form


def test_the_parties_portal_links_the_published_record_on_the_docket(client, a_focal):
    """Walk 168: once the record was published, the Party's portal gave no way to it; the
    submitters' page and the Council's portal link it."""
    story = drive("final_factual_record")
    story.council("publication_instructed")
    client.force_login(a_focal)
    words = "The final factual record on the public docket"
    url = reverse("party_case", kwargs={"pk": story.case.pk})
    assert words not in client.get(url).content.decode()
    story.add("published", data={"documents": []})
    page = client.get(url).content.decode()
    assert words in page
    assert f'href="{reverse("docket_case", args=[story.case.slug])}#record-heading"' in page


def test_the_extension_form_says_the_notification_is_public(client, a_focal):
    """Walk 170: who reads a notification of exceptional circumstances was said only on its
    receipt, once sent."""
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(D(2023, 6, 16)):
        page = client.get(reverse("party_extension", kwargs={"pk": case.pk}))
    assert "A notification of exceptional circumstances is public" in page.content.decode()
