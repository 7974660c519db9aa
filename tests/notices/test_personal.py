"""Messages to one person through the outbox (``notices.outbox``): lost links, invitations and
portal receipts are rows first, sent after commit, with their links made at sending time."""

import io
import re
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from docx import Document as Docx

from notices import letterhead, outbox, receipts, sending
from notices.models import Notice
from submissions.roles import Role
from tests.factories import UserFactory
from tests.helpers_cases import drive
from tests.parties import A
from workflow.models import Event

pytestmark = pytest.mark.django_db


def test_the_letterhead_follows_the_language(settings):
    settings.SEM_LETTERHEAD = "EN HEAD"
    settings.SEM_LETTERHEAD_ES = "ES HEAD"
    assert letterhead.for_language("es") == "ES HEAD"
    assert letterhead.for_language("es-pe") == "ES HEAD"
    assert letterhead.for_language("en") == letterhead.for_language(None) == "EN HEAD"


def test_a_spanish_receipt_document_carries_the_spanish_letterhead(settings):
    settings.SEM_LETTERHEAD_ES = "Membrete en español"
    event = drive("awaiting_response").case.events.order_by("-seq").first()
    _name, _type, content = receipts.render_receipt_document(event, "es")
    paragraphs = [p.text for p in Docx(io.BytesIO(content)).paragraphs]
    assert paragraphs[0] == "Membrete en español"


def test_an_invitation_retried_after_a_refusal_still_carries_a_working_link(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(username="ana", role=(Role.FOCAL_POINT, A))
    user.set_unusable_password()
    user.save()
    down = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=down),
        django_capture_on_commit_callbacks(execute=True),
    ):
        row = outbox.queue_invitation(user)
    row.refresh_from_db()
    assert (row.state, row.attempts) == ("pending", 1)
    assert row.context == {"user": user.pk}  # no token in the outbox
    row.next_attempt_at = None
    row.save()
    assert sending.send_one(row.pk) is sending.Outcome.SENT
    (message,) = mail.outbox
    link = re.search(r"http://\S+/en/secretariat/accounts/welcome/\S+/\S+/", message.body)
    response = client.get(link.group(0).split("8000", 1)[1])
    assert response.status_code == 302  # a valid token: on to the set-password form


def test_resending_an_invitation_writes_a_row_and_sends_after_commit(
    client, officer, django_capture_on_commit_callbacks
):
    user = UserFactory(username="ana", role=(Role.FOCAL_POINT, A))
    user.set_unusable_password()
    user.save()
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_resend", kwargs={"pk": user.pk}))
        assert mail.outbox == []
    assert response.status_code == 302
    assert Notice.objects.get().message == "invitation"
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]


def test_a_link_revoked_before_sending_is_left_out():
    first = drive("admissibility_review").case.memberships.get()
    second = drive("admissibility_review").case.memberships.get()
    assert outbox.queue_tracking_links("amazonica@example.org") == 2
    assert outbox.queue_tracking_links("nobody@example.org") == 0
    first.token_revoked_at = timezone.now()
    first.save()
    assert sending.send_pending()["sent"] == 1
    (message,) = mail.outbox
    assert second.tracking_token in message.body
    assert first.tracking_token not in message.body


def test_a_portal_receipt_is_queued_once_and_not_when_a_notice_covers_it(a_focal):
    case = drive("factual_record_decision").case
    response = Event.objects.get(submission=case, kind="party_responded")
    # The Party concerned is told of its own response by a notice: no receipt too.
    assert outbox.notices_cover(response, "party")
    assert outbox.queue_portal_receipt(response, a_focal, "party") is None
    # An event no rule tells the acting account of gets one receipt, however often queued.
    filed = Event.objects.get(submission=case, kind="filed")
    assert not outbox.notices_cover(filed, "party")
    row = outbox.queue_portal_receipt(filed, a_focal, "party")
    assert outbox.queue_portal_receipt(filed, a_focal, "party") == row
    assert Notice.objects.filter(message="portal_receipt").count() == 1
    assert (row.event, row.submission, row.context) == (filed, case, {"portal": "party"})


def test_no_address_queues_nothing():
    """The links of an empty address would be those of every submitter with no address on
    record (a filing received on paper): none is queued."""
    case = drive("admissibility_review").case
    submitter = case.memberships.get().submitter
    submitter.email = ""
    submitter.save()
    assert outbox.queue_tracking_links("") == 0
    assert not Notice.objects.exists()
