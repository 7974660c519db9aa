"""Staff revoke or reissue a submitter's private tracking link from the case page."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from notices.models import Notice
from submissions.models import SubmissionSubmitter
from tests.helpers_cases import drive

pytestmark = pytest.mark.django_db


def _url(case, membership):
    return reverse("ws_tracking_link", kwargs={"pk": case.pk, "membership_pk": membership.pk})


def test_the_case_page_offers_both(client, officer):
    case = drive("admissibility_review").case
    membership = case.memberships.get()
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    assert f'action="{_url(case, membership)}"' in page
    assert 'name="action" value="revoke"' in page
    assert 'name="action" value="reissue"' in page


def test_revoking_ends_the_link_in_an_open_session_and_is_recorded(client, officer):
    case = drive("admissibility_review").case
    membership = case.memberships.get()
    submitter = Client()
    page = submitter.get(f"/en/track/{membership.tracking_token}/", follow=True)
    assert page.status_code == 200

    client.force_login(officer)
    response = client.post(_url(case, membership), {"action": "revoke"})
    assert response.status_code == 302
    assert response["Location"] == reverse("ws_case", kwargs={"pk": case.pk})

    assert submitter.get(page.request["PATH_INFO"]).status_code == 404
    revoked = submitter.get(f"/es/track/{membership.tracking_token}/")
    assert revoked.status_code == 404
    # Said in words, with the way to live links (walk 97: the bare "page not found"); alike
    # for a link that never was, so that it tells nothing.
    for page in (revoked, submitter.get(f"/es/track/{'x' * 40}/")):
        text = page.content.decode()
        assert page.status_code == 404 and "Este enlace privado no funciona" in text
        assert f'href="{reverse("track_lost")}"'.replace("/en/", "/es/") in text
    row = SubmissionSubmitter.history.filter(id=membership.pk).latest("history_date")
    assert (row.history_user_id, row.history_change_reason) == (officer.pk, "tracking link revoked")
    assert row.token_revoked_at is not None
    audit = client.get(reverse("ws_audit", kwargs={"pk": case.pk})).content.decode()
    assert "<code>token_revoked_at</code>" in audit


def test_reissuing_emails_a_new_link_and_the_old_one_stops(
    client, officer, mailoutbox, django_capture_on_commit_callbacks
):
    case = drive("admissibility_review").case
    membership = case.memberships.select_related("submitter").get()
    old = membership.tracking_token
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(case, membership), {"action": "reissue"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.tracking_token != old and membership.token_revoked_at is None
    assert Client().get(f"/en/track/{old}/").status_code == 404
    assert Client().get(f"/en/track/{membership.tracking_token}/").status_code == 302
    notice = Notice.objects.get(message="tracking_links")
    assert notice.recipient_email == membership.submitter.email
    assert old not in str(notice.context) and membership.tracking_token not in str(notice.context)
    (message,) = [m for m in mailoutbox if m.to == [membership.submitter.email]]
    assert f"/track/{membership.tracking_token}/" in message.body
    assert old not in message.body
    # The Secretariat replaced it: the email does not say someone asked for it (walk 97).
    with translation.override(membership.submitter.preferred_language):
        replaced = ngettext(
            "The Secretariat has replaced your private link to follow your submission; the "
            "earlier one no longer works. Here is your new link:",
            "The Secretariat has replaced your private links to follow your submissions; the "
            "earlier ones no longer work. Here are your new links:",
            1,
        )
        asked = ngettext(
            "Someone asked for the private link to follow the submission filed with this "
            "email address. Here it is:",
            "Someone asked for the private links to follow the submissions filed with this "
            "email address. Here they are:",
            1,
        )
    assert replaced in message.body and asked not in message.body
    # One link, told of as one (walk 144: "Here are your links:" above a single link).
    assert "Here are your" not in message.body and "Sus enlaces" not in message.body
    row = SubmissionSubmitter.history.filter(id=membership.pk).latest("history_date")
    assert (row.history_user_id, row.history_change_reason) == (
        officer.pk,
        "tracking link reissued",
    )


def test_a_submitter_with_no_email_is_not_offered_a_new_link(
    client, officer, django_capture_on_commit_callbacks
):
    """Walk 97: a submitter with no email address on record (a filing received on paper) had
    their link revoked, then "a new private link was emailed" to them: nothing was sent, and
    nothing could be. The page offers no such button and says why; a post is refused and
    changes nothing."""
    case = drive("admissibility_review").case
    membership = case.memberships.select_related("submitter").get()
    membership.submitter.email = ""
    membership.submitter.save()
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    assert 'name="action" value="reissue"' not in page
    assert "No email address on record: the Secretariat writes to them by post." in page
    client.post(_url(case, membership), {"action": "revoke"})
    old = SubmissionSubmitter.objects.get(pk=membership.pk).tracking_token
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(case, membership), {"action": "reissue"}, follow=True)
    said = response.content.decode()
    assert "has no email address on record: no new link can be sent." in said
    assert "was emailed" not in said
    kept = SubmissionSubmitter.objects.get(pk=membership.pk)
    assert kept.tracking_token == old and kept.token_revoked_at is not None
    assert not Notice.objects.filter(message="tracking_links").exists()


@pytest.mark.parametrize("role", ["auditor", "a_focal"])
def test_only_the_secretariat_acts(client, request, role):
    case = drive("admissibility_review").case
    membership = case.memberships.get()
    client.force_login(request.getfixturevalue(role))
    assert client.post(_url(case, membership), {"action": "revoke"}).status_code == 403
    membership.refresh_from_db()
    assert membership.token_revoked_at is None


def test_a_membership_of_another_case_is_not_found(client, officer):
    case = drive("admissibility_review").case
    other = drive("admissibility_review").case.memberships.get()
    client.force_login(officer)
    assert client.post(_url(case, other), {"action": "revoke"}).status_code == 404


def test_revoke_wants_post(client, officer):
    case = drive("admissibility_review").case
    client.force_login(officer)
    membership = case.memberships.get()
    response = client.get(_url(case, membership))
    assert (response.status_code, response["Location"]) == (302, f"/en/secretariat/case/{case.pk}/")
    assert client.delete(_url(case, membership)).status_code == 405
    membership.refresh_from_db()
    assert membership.token_revoked_at is None
