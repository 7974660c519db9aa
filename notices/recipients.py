"""Who the audiences of ``notices.rules`` are for one case, with their language and link.

A submitter's link carries the private tracking token: it is not stored in the outbox row (which
keeps the membership instead) but made when the message is sent (``link_of``), so a link revoked
meanwhile is never sent and no token sits in a row."""

from dataclasses import dataclass, replace

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from notices import rules
from submissions.models import Submission, SubmissionSubmitter, User
from submissions.roles import Role
from workflow import cofilers, lapsing
from workflow.models import Event


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str
    link: str = ""  # a page of the portals or the workspace
    membership: int | None = None  # a submitter: the link is made when the message is sent
    proposal: object = None  # a lapsed proposal (an Event) this person is told of
    # Whether this person may read the names of the case's submitters who withheld them (the
    # Secretariat, the Party concerned, the submitters): else the title's words are masked.
    sees_identity: bool = True
    # The withheld names this person does not read even so: a submitter, those of the
    # strangers who joined the case later, or whom it joined (workflow.cofilers).
    unread: tuple = ()
    # A submitter that is an organization, greeted as one, where no link names its membership
    # (the one who left: walk 151, "Estimado/a Asociación …").
    organisation: bool = False
    # A submitter who asked that her name be withheld from the public (her receipt says so).
    withheld: bool = False

    def hidden(self, names) -> tuple:
        """Of the case's withheld ``names``, those masked for this person."""
        return tuple(self.unread) if self.sees_identity else tuple(names)

    @property
    def link_context(self) -> dict:
        """What an outbox row keeps to make this person's link when it is sent."""
        if self.membership is not None:
            return {"membership": self.membership}
        return {"link": self.link}


def absolute(path: str) -> str:
    return settings.SEM_SITE_URL.rstrip("/") + path


def url(name: str, kwargs: dict, language: str) -> str:
    """An absolute link to a named page, in ``language``."""
    with translation.override(language):
        return absolute(reverse(name, kwargs=kwargs or None))


def track_link(token: str, language: str) -> str:
    return url("track", {"token": token}, language)


def portal_link(submission, language: str) -> str:
    if submission is None:
        return url("portal", {}, language)
    return url("portal_case", {"pk": submission.pk}, language)


def workspace_link(submission, language: str) -> str:
    if submission is None:
        return url("ws_queue", {}, language)
    return url("ws_case", {"pk": submission.pk}, language)


def link_of(context: dict, language: str) -> str:
    """The link of an outbox row's context: a page, or a submitter's tracking page while the
    link is live (empty once revoked)."""
    if "membership" not in context:
        return context.get("link", "")
    token = (
        SubmissionSubmitter.objects.filter(pk=context["membership"], token_revoked_at__isnull=True)
        .values_list("tracking_token", flat=True)
        .first()
    )
    return track_link(token, language) if token else ""


def spoken(value: str | None) -> str:
    """A person's language if the installation speaks it, else the first of its languages."""
    languages = [code for code, _name in settings.LANGUAGES]
    return value if value in languages else languages[0]


def lapsed_by(event) -> list:
    """The proposals ``event`` left behind: unanswered, made in the stage it moved the case
    out of, of a kind that does not outlive it (``workflow.lapsing``: such a proposal can no
    longer be approved)."""
    if event.stage_after == event.stage_before:
        return []
    answered = Event.objects.filter(submission_id=event.submission_id, proposal__isnull=False)
    return list(
        Event.objects.filter(
            submission_id=event.submission_id, kind="proposed", stage_after=event.stage_before
        )
        .exclude(data__proposal__kind__in=lapsing.OUTLIVES_STAGE)
        .exclude(pk__in=answered.values("proposal_id"))
        .select_related("recorded_by")
        .order_by("seq")
    )


def _users(groups, party: str | None = None):
    users = User.objects.filter(is_active=True, groups__name__in=groups).exclude(email="")
    if party:
        users = users.filter(party__code=party)
    return users.distinct().order_by("pk")


def of(audience: str, submission, party: str | None = None, event=None) -> list[Recipient]:
    """The recipients of one audience for a case (``submission`` may be None for staff);
    ``party`` narrows the focal points or Council members to one Party; ``event`` is the
    event that causes the message (the proposer is the author of the proposal it answers)."""
    if audience == rules.EARLIER_SUBMITTERS:
        # The case a consolidation names: its own submitters, by their own tracking links.
        named = event.data.get("with") if event is not None else None
        earlier = Submission.objects.filter(identifier=named).first() if named else None
        # Told of the later case: not its submitters' withheld names.
        return (
            [replace(r, sees_identity=False) for r in of(rules.SUBMITTERS, earlier)]
            if earlier is not None
            else []
        )
    if audience == rules.LAPSED_PROPOSERS:
        return [
            Recipient(
                p.recorded_by.email,
                # Not the username (walk 41: "Estimado/a gt_focal:"): none greets "colleague".
                p.recorded_by.get_full_name(),
                spoken(p.recorded_by.preferred_language),
                workspace_link(submission, spoken(p.recorded_by.preferred_language)),
                proposal=p,
            )
            for p in lapsed_by(event)
            if p.recorded_by is not None and p.recorded_by.is_active and p.recorded_by.email
        ]
    if audience == rules.INFORMANT:
        return _informant(submission, event)
    if audience == rules.LEAVER:
        return _leaver(submission, event)
    if audience in (rules.SUBMITTERS, rules.JOINED):
        memberships = list(
            submission.memberships.select_related("submitter").order_by("position", "id")
        )
        groups = cofilers.groups(submission, total=len(memberships))
        # Those a submitters_joined added: its group (the filers are 0, each adhesion after).
        joined = cofilers.group_of(event) if audience == rules.JOINED else None
        return [
            Recipient(
                m.submitter.email,
                m.submitter.name,
                spoken(m.submitter.preferred_language),
                membership=m.pk,
                withheld=m.submitter.confidential,
                unread=tuple(
                    other.submitter.name
                    for other, number in zip(memberships, groups, strict=True)
                    if other.submitter.confidential and number != group
                ),
            )
            for m, group in zip(memberships, groups, strict=True)
            if m.token_revoked_at is None and m.submitter.email and joined in (None, group)
        ]
    if audience in (rules.PARTY_CONCERNED, rules.FOCAL_POINTS, rules.COUNCIL):
        role = Role.COUNCIL if audience == rules.COUNCIL else Role.FOCAL_POINT
        if audience == rules.PARTY_CONCERNED:
            party = submission.party.code
        users = _users([role.value], party)
        link = portal_link
    elif audience == rules.OTHER_COUNCIL:
        acting = (event.data or {}).get("party") if event is not None else None
        users = _users([Role.COUNCIL.value]).exclude(party__code=acting)
        link = portal_link
    elif audience == rules.PROPOSER:
        user = event.proposal.recorded_by if event is not None and event.proposal_id else None
        users = [user] if user is not None and user.is_active and user.email else []
        link = workspace_link
    else:
        roles = [Role.DIRECTOR] if audience == rules.DIRECTOR else [Role.OFFICER, Role.DIRECTOR]
        users = _users([r.value for r in roles])
        link = workspace_link
    concerned = submission.party_id if submission is not None else None
    return [
        Recipient(
            u.email,
            u.get_full_name(),
            spoken(u.preferred_language),
            link(submission, spoken(u.preferred_language)),
            sees_identity=role_sees_identity(audience, u.party_id == concerned),
        )
        for u in users
    ]


def _informant(submission, event) -> list[Recipient]:
    """Who sent information for the factual record (author *public*) at the address she gave,
    through the docket's form or by a letter the Secretariat recorded; in the language of the
    page it was sent or recorded from."""
    if event is None or event.author != "public" or not (event.data or {}).get("email"):
        return []
    data = event.data
    language = spoken(translation.get_language())
    link = url("docket_case", {"slug": submission.slug}, language)
    return [Recipient(data["email"], data.get("name", ""), language, link, sees_identity=False)]


def _leaver(submission, event) -> list[Recipient]:
    """The co-filer a ``submitter_left`` names, at her address, without a link (hers ended);
    not reading the withheld names of those who did not file with her (``cofilers``)."""
    index = (event.data or {}).get("submitter") if event is not None else None
    memberships = list(
        submission.memberships.select_related("submitter").order_by("position", "id")
    )
    if type(index) is not int or not 0 <= index < len(memberships):
        return []
    groups = cofilers.groups(submission, total=len(memberships))
    leaver = memberships[index].submitter
    if not leaver.email:
        return []
    unread = tuple(
        m.submitter.name
        for m, group in zip(memberships, groups, strict=True)
        if m.submitter.confidential and group != groups[index]
    )
    return [
        Recipient(
            leaver.email,
            leaver.name,
            spoken(leaver.preferred_language),
            unread=unread,
            organisation=leaver.kind == leaver.Kind.ORGANIZATION,
        )
    ]


def role_sees_identity(audience: str, of_party_concerned: bool) -> bool:
    """Whether a member of ``audience`` reads withheld names (``access.shows_identity``): the
    Secretariat, and a focal point of the Party concerned; not the Council, nor another
    Party's focal point."""
    if audience in (rules.COUNCIL, rules.OTHER_COUNCIL):
        return False
    if audience in (rules.PARTY_CONCERNED, rules.FOCAL_POINTS):
        return of_party_concerned
    return True
