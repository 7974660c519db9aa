"""Who the audiences of ``notices.rules`` are for one case, with their language and link."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from notices import rules
from submissions.models import User
from submissions.roles import Role


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str
    link: str


def absolute(path: str) -> str:
    return settings.SEM_SITE_URL.rstrip("/") + path


def url(name: str, kwargs: dict, fallback: str, language: str) -> str:
    """An absolute link in ``language``; the literal path when the page's route is not there
    (yet): the surfaces that own those pages are built separately."""
    with translation.override(language):
        try:
            path = reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            path = fallback
    return absolute(path)


def track_link(token: str, language: str) -> str:
    return url("track", {"token": token}, f"/{language}/track/{token}/", language)


def portal_link(submission, language: str) -> str:
    return url("portal", {}, f"/{language}/portal/", language)


def workspace_link(submission, language: str) -> str:
    if submission is None:
        return url("ws_queue", {}, f"/{language}/secretariat/", language)
    return url(
        "ws_case",
        {"pk": submission.pk},
        f"/{language}/secretariat/case/{submission.pk}/",
        language,
    )


def _language(value: str) -> str:
    return value if value in ("en", "es") else "en"


def _users(groups, party: str | None = None):
    users = User.objects.filter(is_active=True, groups__name__in=groups).exclude(email="")
    if party:
        users = users.filter(party__code=party)
    return users.distinct().order_by("pk")


def of(audience: str, submission, party: str | None = None) -> list[Recipient]:
    """The recipients of one audience for a case (``submission`` may be None for staff);
    ``party`` narrows the focal points or Council members to one Party."""
    if audience == rules.SUBMITTERS:
        memberships = (
            submission.memberships.select_related("submitter")
            .filter(token_revoked_at__isnull=True)
            .exclude(submitter__email="")
        )
        return [
            Recipient(
                m.submitter.email,
                m.submitter.name,
                _language(m.submitter.preferred_language),
                track_link(m.tracking_token, _language(m.submitter.preferred_language)),
            )
            for m in memberships
        ]
    if audience in (rules.PARTY_CONCERNED, rules.FOCAL_POINTS, rules.COUNCIL):
        role = Role.COUNCIL if audience == rules.COUNCIL else Role.FOCAL_POINT
        if audience == rules.PARTY_CONCERNED:
            party = submission.party.code
        users = _users([role.value], party)
        link = portal_link
    else:
        roles = [Role.DIRECTOR] if audience == rules.DIRECTOR else [Role.OFFICER, Role.DIRECTOR]
        users = _users([r.value for r in roles])
        link = workspace_link
    return [
        Recipient(
            u.email,
            u.get_full_name() or u.get_username(),
            _language(u.preferred_language),
            link(submission, _language(u.preferred_language)),
        )
        for u in users
    ]
