"""Messages to one person that no rule of ``notices.rules`` covers: the private tracking links
someone asked for, an account's invitation, a receipt for what an account recorded through a
portal. Each is an outbox row like any notice; this module says what such a row's email says.

Their rows hold primary keys, never secrets: the links (tracking tokens, the one-time
set-password token) are computed here, at sending time, in the recipient's language. So a
retried row still carries a valid link, and no token sits in the outbox. Each ``values``
function runs under ``translation.override(notice.language)`` and returns the template's
context, with the ``subject`` already in words.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notices import phrases, receipts, recipients
from submissions.models import SubmissionSubmitter, Submitter, User
from submissions.roles import Role
from workflow.models import Event

TRACKING_LINKS = "tracking_links"
INVITATION = "invitation"
PORTAL_RECEIPT = "portal_receipt"
SECOND_FACTOR_RESET = "second_factor_reset"

# The audience recorded on a personal row (``Notice.audience``): one named person.
PERSON = "person"


@dataclass(frozen=True)
class Personal:
    template: str  # without extension: ``.txt`` and ``.html`` are both rendered
    values: Callable


def _tracking_links(notice) -> dict:
    """The links still live when the row is sent (a link revoked meanwhile is left out)."""
    memberships = list(
        SubmissionSubmitter.objects.filter(
            pk__in=notice.context.get("memberships", []), token_revoked_at__isnull=True
        )
        .select_related("submission", "submitter")
        .order_by("-submission__filed_on", "-id")
    )
    links = []
    latest = memberships[0].submitter if memberships else None
    for m in memberships:
        title, title_lang = m.submission.shown_text("title", notice.language)
        links.append(
            {
                "reference": m.submission.reference,
                "title": title,
                # The language the title is written in, for its lang in the HTML part.
                "title_lang": title_lang,
                "url": recipients.track_link(m.tracking_token, notice.language),
            }
        )
    return {
        "subject": ngettext(
            "Your private link to follow your submission",
            "Your private links to follow your submissions",
            len(links),
        ),
        "links": links,
        # Replaced by the Secretariat, not asked for (walk 97: "if you did not ask for them").
        "reissued": bool(notice.context.get("reissued")),
        # Greeted as every other email greets (walk 122: "Hello", not "Dear"), an
        # organisation as one.
        "organisation": latest is not None and latest.kind == Submitter.Kind.ORGANIZATION,
    }


def invitation_url(user: User, language: str) -> str:
    """The one-time set-password link (Django's password-reset token: it stops working once
    the password is set, or after ``PASSWORD_RESET_TIMEOUT``)."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return recipients.url("account_set_password", {"uidb64": uidb64, "token": token}, language)


def _invitation(notice) -> dict:
    user = User.objects.select_related("party").get(pk=notice.context["user"])
    groups = set(user.groups.values_list("name", flat=True))
    renewal = bool(notice.context.get("renewal"))
    return {
        "subject": _("A link to set a new password for your account")
        if renewal
        else _("Your account with the Secretariat for Environmental Matters"),
        "renewal": renewal,
        "user": user,
        "url": invitation_url(user, notice.language),
        "role": ", ".join(str(role.label) for role in Role if role.value in groups),
        "for_party": phrases.for_party(user.party.code) if user.party_id else "",
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }


def _portal_receipt(notice) -> dict:
    event = Event.objects.select_related("submission", "recorded_by").get(pk=notice.event_id)
    portal = notice.context["portal"]
    return receipts.receipt_context(event) | {
        # Greeted as every other email is (walk 38: the receipts alone began without).
        "name": notice.recipient_name,
        # The reference first, as every other subject of a case (walk 144: it came last).
        "subject": _("%(case)s: receipt for “%(event)s”")
        % {"event": event.kind_label, "case": event.submission.reference},
        "url": recipients.url(
            f"{portal}_receipt",
            {"pk": event.submission_id, "seq": event.seq},
            notice.language,
        ),
    }


def _second_factor_reset(notice) -> dict:
    user = User.objects.get(pk=notice.context["user"])
    by = User.objects.filter(pk=notice.context.get("by")).first()
    return {
        "subject": _("The second factor of your account was reset"),
        "user": user,
        "by": (by.get_full_name() or by.get_username()) if by is not None else "—",
        "at": notice.created_at,
    }


MESSAGES = {
    TRACKING_LINKS: Personal("notices/email/tracking_links", _tracking_links),
    INVITATION: Personal("notices/email/invitation", _invitation),
    PORTAL_RECEIPT: Personal("notices/email/portal_receipt", _portal_receipt),
    SECOND_FACTOR_RESET: Personal("notices/email/second_factor_reset", _second_factor_reset),
}
