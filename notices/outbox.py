"""The ways into the outbox for messages to one person (``notices.personal``): the websites call
these, never a mail function. Each writes a ``Notice`` row in the caller's transaction (or its
own) and hands it to the workers once that transaction commits; nothing is sent inside a
request. The notices that recorded events cause are written by ``notices.dispatch``.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from notices import dispatch, personal, recipients, rules
from notices.models import Notice
from submissions.models import SubmissionSubmitter, User


def queue(
    message: str,
    *,
    email: str,
    name: str = "",
    language: str,
    context: dict,
    submission=None,
    event=None,
    dedupe_key: str | None = None,
) -> Notice:
    """Write one outbox row for one person and send it after commit. ``context`` holds primary
    keys and codes, never a secret (it is kept out of the row's history, but not out of
    backups): the links are computed when the row is sent. With a ``dedupe_key`` already in
    the outbox, nothing new is written."""
    if message not in personal.MESSAGES:
        raise ValueError(f"{message!r} is not a message to one person")
    with transaction.atomic():
        if dedupe_key:
            existing = Notice.objects.filter(dedupe_key=dedupe_key).first()
            if existing is not None:
                return existing
        row = Notice.objects.create(
            submission=submission,
            event=event,
            audience=personal.PERSON,
            message=message,
            recipient_email=email,
            recipient_name=name,
            language=recipients.spoken(language),
            context=context,
            dedupe_key=dedupe_key,
        )
        pk = row.pk
        transaction.on_commit(lambda: dispatch.enqueue([pk]))
    return row


# How long after sending an address its links "Lost your link?" sends them again.
LOST_LINKS_INTERVAL = datetime.timedelta(minutes=15)


def queue_tracking_links(email: str, reissued: bool = False) -> int:
    """Queue the live tracking links of an address, in the language of its latest filing
    (``reissued``: the Secretariat replaced one of them, and the email says so rather than
    "someone asked for them"). Returns the number of links (0: the address is not on file and
    nothing is written). The caller must answer the same either way, so that no one learns who
    has filed."""
    if not email:  # an empty address would match every submitter who has none
        return 0
    memberships = list(
        SubmissionSubmitter.objects.filter(
            submitter__email__iexact=email, token_revoked_at__isnull=True
        )
        .select_related("submitter")
        .order_by("-submission__filed_on", "-id")
    )
    if not memberships:
        return 0
    latest = memberships[0].submitter
    if (
        not reissued
        and Notice.objects.filter(
            message=personal.TRACKING_LINKS,
            recipient_email__iexact=latest.email,
            created_at__gte=timezone.now() - LOST_LINKS_INTERVAL,
        ).exists()
    ):
        # Asked again within minutes: the links already went (walk 122: three requests in a
        # few seconds sent three emails, a way to flood a submitter's inbox). The page answers
        # the same.
        return len(memberships)
    queue(
        personal.TRACKING_LINKS,
        email=latest.email,
        name=latest.name,
        language=latest.preferred_language,
        context={"memberships": [m.pk for m in memberships], "reissued": reissued},
    )
    return len(memberships)


def queue_invitation(user: User, *, renewal: bool = False) -> Notice:
    """Queue an account's invitation (or its second sending; with ``renewal``, a link to set a
    new password for an account in use). The one-time link is made when the row is sent, so a
    retried row still carries a link that works."""
    return queue(
        personal.INVITATION,
        email=user.email,
        name=user.get_full_name(),
        language=user.preferred_language,
        context={"user": user.pk, **({"renewal": True} if renewal else {})},
    )


def queue_second_factor_reset(user: User, *, actor: User) -> Notice:
    """Tell an account's owner at once that their second factor was reset, and by whom: if
    they did not ask for it, someone may be trying to sign in as them."""
    return queue(
        personal.SECOND_FACTOR_RESET,
        email=user.email,
        name=user.get_full_name(),
        language=user.preferred_language,
        context={"user": user.pk, "by": actor.pk},
    )


def notices_cover(event, portal: str) -> bool:
    """Whether a rule of ``notices.rules`` already tells the acting account about this event
    (the Party concerned hears of its own response from there): then no second email."""
    if portal == "council":
        audiences = {rules.COUNCIL}
    else:
        audiences = {rules.FOCAL_POINTS}
        if event.author == f"party:{event.submission.party.code}":
            audiences.add(rules.PARTY_CONCERNED)
    return any(
        rule.audience in audiences
        for rule in rules.rules_for(event.kind, event.data.get("outcome"))
    )


def queue_portal_receipt(event, user: User, portal: str) -> Notice | None:
    """Queue the receipt for what ``user`` recorded through ``portal`` ("party" or "council"),
    in the account's language, unless the account has no email or a notice already covers
    the event. Once per event and account."""
    if not user.email or notices_cover(event, portal):
        return None
    return queue(
        personal.PORTAL_RECEIPT,
        email=user.email,
        name=user.get_full_name(),
        language=user.preferred_language,
        context={"portal": portal},
        submission=event.submission,
        event=event,
        dedupe_key=f"receipt:{event.pk}:{user.pk}",
    )
