"""Staff revoke or reissue a submitter's private tracking link from the case page.

A link that leaked (forwarded, seen over a shoulder) reveals a withheld submitter's identity and
allows withdrawing the submission. Revoking it ends it at once, in every browser that opened it
(``secretariat.public.tracking_views`` keeps a hash of the token in the session); reissuing
replaces it with a new one and emails the submitter their live links through the outbox. Each is
a history row of the membership, attributed to the officer with its reason (a code), which the
case's audit page shows.
"""

import logging

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from notices import outbox
from secretariat.web import actions as posted
from secretariat.web.forms import AccessibleForm
from submissions import access
from submissions.history import acting_user
from submissions.models import Submission, SubmissionSubmitter, new_tracking_token
from workflow import cofilers

log = logging.getLogger(__name__)

REVOKED = "tracking link revoked"
REISSUED = "tracking link reissued"


def revoke_tracking_link(membership: SubmissionSubmitter, *, actor) -> None:
    """End a submitter's private link now (404 from then on, even in an open session)."""
    with transaction.atomic(), acting_user(actor):
        membership = SubmissionSubmitter.objects.select_for_update().get(pk=membership.pk)
        membership.token_revoked_at = timezone.now()
        membership._change_reason = REVOKED
        membership.save()
    log.info("user %s revoked the tracking link of membership %s", actor.pk, membership.pk)


def reissue_tracking_link(membership: SubmissionSubmitter, *, actor) -> None:
    """Replace a submitter's private link with a new one (the old one stops working) and email
    them their live links, after commit, in their language (the view offers it only to a
    submitter with an email address)."""
    with transaction.atomic(), acting_user(actor):
        membership = (
            SubmissionSubmitter.objects.select_for_update()
            .select_related("submitter")
            .get(pk=membership.pk)
        )
        membership.tracking_token = new_tracking_token()
        membership.token_revoked_at = None
        membership._change_reason = REISSUED
        membership.save()
        outbox.queue_tracking_links(membership.submitter.email, reissued=True)
    log.info("user %s reissued the tracking link of membership %s", actor.pk, membership.pk)


class TrackingLinkForm(AccessibleForm):
    action = forms.ChoiceField(choices=[("revoke", "revoke"), ("reissue", "reissue")])


@never_cache
@login_required
@posted.posted_from("ws_case")
def tracking_link(request, pk, membership_pk):
    case = access.get_submission_for_staff(request.user, Submission.objects, act=True, pk=pk)
    membership = get_object_or_404(
        SubmissionSubmitter.objects.select_related("submitter"), pk=membership_pk, submission=case
    )
    form = TrackingLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to revoke or reissue the link."))
    elif form.cleaned_data["action"] == "revoke":
        revoke_tracking_link(membership, actor=request.user)
        messages.success(
            request,
            _("The private link of %(name)s no longer works.")
            % {"name": membership.submitter.name},
        )
    elif case.events.filter(
        kind="submitter_left", data__submitter=cofilers.position(membership)
    ).exists():
        # Their link ended when they left the submission (the case page offers no button).
        messages.error(
            request,
            _("%(name)s left the submission: no new private link is sent.")
            % {"name": membership.submitter.name},
        )
    elif not membership.submitter.email:
        # Walk 97: "a new private link was emailed" to a submitter with no address on record,
        # whose old link had been revoked; nothing was sent. The page offers no such button.
        messages.error(
            request,
            _(
                "%(name)s has no email address on record: no new link can be sent. The "
                "Secretariat writes to them by post."
            )
            % {"name": membership.submitter.name},
        )
    else:
        reissue_tracking_link(membership, actor=request.user)
        messages.success(
            request,
            _("A new private link was emailed to %(name)s; the old one no longer works.")
            % {"name": membership.submitter.name},
        )
    return redirect("ws_case", pk=case.pk)
