"""Acceptance (issue 12, item 3): no code but the outbox sender sends mail.

Every way of sending is guarded for the whole run (``EmailMessage.send`` and the test mail
backend itself, which ``send_mass_mail`` and direct connections reach): a send that does not
come from ``notices.sending.send_one`` fails the test. Then a full run — a filing through the
web form, a lost-link request, an invitation by the Director, determinations, a request to the
Party, an extension and the response through the portal — and every message that arrived
must be one sent outbox row, in its recipient's language, with that language's letterhead.
"""

import datetime
import re
import sys
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from notices import sending
from notices import services as notice_services
from notices.models import Notice
from submissions.models import Submission, User
from tests.filing.conftest import filing_data
from tests.helpers_cases import frozen
from tests.parties import ALL_MET, A
from tests.portals.test_party import respond_post
from workflow import services

pytestmark = pytest.mark.django_db

INVITED = "ana.quispe@minam.gob.pe"
# Who speaks which language in this run (the staff accounts keep the default, English).
LANGUAGE = {
    "amazonica@example.org": "es",
    "john@example.org": "en",
    INVITED: "es",
    "officer@example.org": "en",
    "director@example.org": "en",
}
AUTOMATIC = "This message was sent automatically. Please do not reply to it."
CONTACT = "secretariat@sem.example.org"  # settings.SEM_CONTACT_EMAIL's default


def _from_send_one() -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code is sending.send_one.__code__:
            return True
        frame = frame.f_back
    return False


@contextmanager
def only_the_outbox_sends():
    """Fail any send that does not come from ``sending.send_one``; yield the list of such
    attempts (also raised at once, so a caller that swallows errors still leaves a trace)."""
    bypasses = []
    real_send = EmailMessage.send
    real_send_messages = EmailBackend.send_messages

    def check(what):
        if not _from_send_one():
            bypasses.append(what)
            raise AssertionError(f"mail sent outside the outbox: {what}")

    def send(message, fail_silently=False):
        check(f"EmailMessage.send to {message.to}")
        return real_send(message, fail_silently)

    def send_messages(backend, messages):
        check(f"backend.send_messages to {[m.to for m in messages]}")
        return real_send_messages(backend, messages)

    with (
        mock.patch.object(EmailMessage, "send", send),
        mock.patch.object(EmailBackend, "send_messages", send_messages),
    ):
        yield bypasses


def test_the_guard_fails_a_send_outside_the_outbox():
    with only_the_outbox_sends() as bypasses:
        with pytest.raises(AssertionError, match="outside the outbox"):
            EmailMessage("Hello", "Body", to=["someone@example.org"]).send()
        with pytest.raises(AssertionError, match="outside the outbox"):
            mail.send_mass_mail([("Hello", "Body", None, ["someone@example.org"])])
    assert len(bypasses) == 2
    assert mail.outbox == []


def _notice_of(message) -> Notice:
    match = re.fullmatch(r"<notice-(\d+)@[^>]+>", message.extra_headers.get("Message-ID", ""))
    assert match, f"{message.to} {message.subject!r} carries no outbox Message-ID"
    return Notice.objects.get(pk=int(match.group(1)))


def test_a_full_run_sends_every_message_through_the_outbox(
    client, officer, director, settings, django_capture_on_commit_callbacks
):
    settings.SEM_FOUR_EYES = False
    cache.clear()  # the public forms' rate limit
    with only_the_outbox_sends() as bypasses, frozen(datetime.date(2024, 5, 6)):
        # A filing through the public form, by a Spanish and an English submitter.
        data = filing_data(
            **{
                "s1-kind": "individual",
                "s1-name": "John Smith",
                "s1-nationality": "US",
                "s1-residence": A,
                "s1-email": "john@example.org",
                "s1-preferred_language": "en",
            }
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post("/en/file/", data).status_code == 302
        case = Submission.objects.get()

        # Lost links: the view only writes the row; the email goes after commit.
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            before = len(mail.outbox)
            assert client.post("/en/track/lost/", {"email": "amazonica@example.org"}).status_code
            assert len(mail.outbox) == before  # nothing sent inside the request
        assert callbacks
        assert len(mail.outbox) == before + 1

        # The Director invites Party A's focal point, who prefers Spanish, and she sets a password
        # with the link of the email (made when it was sent).
        client.force_login(director)
        invite = {
            "email": INVITED,
            "first_name": "Ana",
            "last_name": "Quispe",
            "role": "party_focal_point",
            "party": A,
            "preferred_language": "es",
        }
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(reverse("account_invite"), invite).status_code == 302
        invitation = mail.outbox[-1]
        assert invitation.to == [INVITED]
        link = re.search(r"http://\S+/es/secretariat/accounts/welcome/\S+/\S+/", invitation.body)
        client.logout()
        form_url = client.get(link.group(0).split("8000", 1)[1])["Location"]
        password = {
            "new_password1": "un-largo-secreto-2024",
            "new_password2": "un-largo-secreto-2024",
        }
        assert client.post(form_url, password).status_code == 302
        assert client.login(username=INVITED, password="un-largo-secreto-2024")

        # The Secretariat's determinations (no four eyes in this run).
        with django_capture_on_commit_callbacks(execute=True):
            notice_services.record_with_documents(case, "acknowledged", actor=officer)
            notice_services.record_with_documents(
                case,
                "admissibility_determined",
                actor=officer,
                data={"outcome": "meets", "criteria": ALL_MET},
            )
            services.record_event(
                case, "response_decided", actor=officer, data={"outcome": "request"}
            )
        case.refresh_from_db()

        # Party A, through the portal: an extension (told to its focal points with the new
        # due date), its response, then a letter to the Secretariat (a portal receipt).
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("party_extension", kwargs={"pk": case.pk}),
                {"event_count": case.event_count, "circumstances": "Huelga."},
            )
            assert response.status_code == 302
        case.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("party_respond", kwargs={"pk": case.pk}), respond_post(case)
            )
            assert response.status_code == 302
        case.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("party_correspondence", kwargs={"pk": case.pk}),
                {
                    "event_count": case.event_count,
                    "subject": "Nota",
                    "message": "Texto.",
                    "visibility": "secretariat",
                    "attachments-TOTAL_FORMS": "0",
                    "attachments-INITIAL_FORMS": "0",
                },
            )
            assert response.status_code == 302

    assert bypasses == []
    sent = Notice.objects.filter(state=Notice.State.SENT)
    assert not Notice.objects.exclude(state=Notice.State.SENT).exists()
    # One row per message, one message per row.
    rows = [_notice_of(message) for message in mail.outbox]
    assert len({row.pk for row in rows}) == len(mail.outbox) == sent.count()
    assert {row.message for row in rows} >= {
        "receipt",
        "new_filing",
        "tracking_links",
        "invitation",
        "acknowledged",
        "admissible",
        "request_sent",
        "request_to_party",
        "extension_received",
        "extension_to_submitters",
        "portal_receipt",
        "response_received",
    }
    for message, row in zip(mail.outbox, rows, strict=True):
        (address,) = message.to
        language = LANGUAGE[address]
        assert row.recipient_email == address and row.language == language, row
        html, content_type = message.alternatives[0]
        assert content_type == "text/html"
        other = settings.SEM_LETTERHEAD if language == "es" else settings.SEM_LETTERHEAD_ES
        own = settings.SEM_LETTERHEAD_ES if language == "es" else settings.SEM_LETTERHEAD
        with translation.override(language):
            footer = gettext(AUTOMATIC)
            write = f"{gettext('To write to the Secretariat')}: {CONTACT}"
        for part in (message.body, html.replace(f'<a href="mailto:{CONTACT}">', "")):
            assert own in part, (row.message, address)
            assert other not in part, (row.message, address)
            assert footer in part, (row.message, address)
            # Where to write, in every email (walk 151: "write to the Secretariat", no address).
            assert write in part, (row.message, address)
        if language == "es":
            assert AUTOMATIC not in message.body

    first = {}
    for message, row in zip(mail.outbox, rows, strict=True):
        first.setdefault(row.message, message)

    def subject(message_kind):
        return first[message_kind].subject

    with translation.override("es"):
        links = len(first["tracking_links"].body.split("/track/")) - 1
        assert subject("tracking_links") == ngettext(
            "Your private link to follow your submission",
            "Your private links to follow your submissions",
            links,
        )
        assert subject("invitation") == gettext(
            "Your account with the Secretariat for Environmental Matters"
        )
        letter = case.events.get(kind="correspondence", author__startswith="party:")
        # The reference first, as in every other subject of a case.
        assert subject("portal_receipt") == f"{case.reference}: recibo de «{letter.kind_label}»"
        # Greeted as every other message is (walk 38: the receipts alone began without).
        receipt_row = next(row for row in rows if row.message == "portal_receipt")
        greeting = gettext("Dear %(name)s,") % {"name": receipt_row.recipient_name}
        assert first["portal_receipt"].body.startswith(greeting), first["portal_receipt"].body
        # The acknowledgement says what comes next (walk 150: what happened, never what next).
        assert gettext(
            "Next, the Secretariat determines whether the submission meets the criteria for "
            "admission. You will be told of its determination by email."
        ) in " ".join(first["acknowledged"].body.split())
    assert not subject("tracking_links").startswith("Your private link")
    # The secrets of the personal messages are made when sending, not kept in the outbox.
    tokens = [m.tracking_token for m in case.memberships.all()]
    lost = Notice.objects.get(message="tracking_links")
    assert not any(token in str(lost.context) for token in tokens)
    own = case.memberships.get(submitter__email="amazonica@example.org").tracking_token
    assert f"http://127.0.0.1:8000/es/track/{own}/" in first["tracking_links"].body
    assert Notice.objects.get(message="invitation").context == {
        "user": User.objects.get(email=INVITED).pk
    }
