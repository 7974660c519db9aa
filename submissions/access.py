"""Who may see and do what. The one place that decides it, including the public gate.

Every view calls a helper from here first; every public surface (pages, search, feeds, API,
exports, sitemaps, generated public documents) takes its querysets and names from here, and
what it shows of each event's own text from ``submissions.published``.
django-guardian is used only in this module: a Party's and the Council's access to a case is an
object permission granted to a per-Party group by the workflow service that opens it.
"""

import enum
import logging

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q
from django.http import Http404
from guardian.models import GroupObjectPermission
from guardian.shortcuts import get_objects_for_group

from submissions import published
from submissions.models import (
    PARTY_CODES,
    AccessLogEntry,
    Document,
    Party,
    Submission,
    SubmissionSubmitter,
)
from submissions.roles import SECRETARIAT_ROLES, Role, roles_of
from submissions.stages import Visibility
from submissions.withheld import WITHHELD_LABEL

V = Visibility
logger = logging.getLogger(__name__)
ALL_LEVELS = frozenset(Visibility)
VIEW_PERMISSION = "submissions.view_submission"


def is_secretariat(user) -> bool:
    return bool(roles_of(user) & SECRETARIAT_ROLES)


def is_director(user) -> bool:
    return Role.DIRECTOR in roles_of(user)


def is_auditor(user) -> bool:
    return Role.AUDITOR in roles_of(user)


def is_staff_reader(user) -> bool:
    """Sees everything about every case: Secretariat staff and auditors (read-only)."""
    return is_secretariat(user) or is_auditor(user)


def party_of(user) -> str | None:
    return user.party.code if getattr(user, "party_id", None) else None


# --- Groups that carry case access -------------------------------------------------------------


def access_group_name(role: Role, party: str) -> str:
    return f"{role.value}:{party}"


class Audience(enum.Enum):
    PARTY_CONCERNED = "party_concerned"
    COUNCIL = "council"
    PARTIES_AND_COUNCIL = "parties_and_council"


def _audience_groups(submission, audience: Audience) -> list[str]:
    if audience is Audience.PARTY_CONCERNED:
        return [access_group_name(Role.FOCAL_POINT, submission.party.code)]
    councils = [access_group_name(Role.COUNCIL, p) for p in PARTY_CODES]
    if audience is Audience.COUNCIL:
        return councils
    return [access_group_name(Role.FOCAL_POINT, p) for p in PARTY_CODES] + councils


def grant_case_access(submission, audience: Audience) -> None:
    """Open a case to a Party's focal points or the Council (called by the workflow only)."""
    _grant_groups(submission, _audience_groups(submission, audience))


def party_sees(submission) -> bool:
    """Whether the focal points of the Party concerned see the case (it was sent to them)."""
    return GroupObjectPermission.objects.filter(
        content_type=ContentType.objects.get_for_model(submission),
        object_pk=str(submission.pk),
        permission__codename="view_submission",
        group__name=access_group_name(Role.FOCAL_POINT, submission.party.code),
    ).exists()


def _access_group_names() -> list[str]:
    return [access_group_name(r, p) for r in (Role.FOCAL_POINT, Role.COUNCIL) for p in PARTY_CODES]


def set_case_access(submission, audiences, *, current=None) -> None:
    """Make the Parties' and the Council's access to a case exactly ``audiences`` (called by
    the workflow after every event): grant what the events now open, revoke what they no
    longer do (a reopening that undid a request). ``current``: the audiences the caller knows
    the case has (an import's new case has none), to save the read."""

    wanted = {name for a in audiences for name in _audience_groups(submission, a)}
    if current is not None:
        held = {name for a in current for name in _audience_groups(submission, a)}
    else:
        held = set(
            GroupObjectPermission.objects.filter(
                content_type=ContentType.objects.get_for_model(submission),
                object_pk=str(submission.pk),
                permission__codename="view_submission",
                group__name__in=_access_group_names(),
            ).values_list("group__name", flat=True)
        )
    if wanted - held:
        _grant_groups(submission, sorted(wanted - held))
    if held - wanted:
        GroupObjectPermission.objects.filter(
            content_type=ContentType.objects.get_for_model(submission),
            object_pk=str(submission.pk),
            permission__codename="view_submission",
            group__name__in=sorted(held - wanted),
        ).delete()


def _grant_groups(submission, names) -> None:
    """Guardian's group object permissions in one statement: the importer grants access for
    thousands of cases, and guardian's assign_perm takes a dozen queries per group."""

    content_type = ContentType.objects.get_for_model(submission)  # cached by Django
    table = connection.ops.quote_name(GroupObjectPermission._meta.db_table)
    permissions = connection.ops.quote_name(Permission._meta.db_table)
    groups = connection.ops.quote_name(Group._meta.db_table)
    placeholders = ", ".join(["%s"] * len(names))
    sql = (
        f"INSERT INTO {table} (permission_id, content_type_id, object_pk, group_id) "  # noqa: S608
        f"SELECT p.id, %s, %s, g.id FROM {permissions} p, {groups} g "
        f"WHERE p.content_type_id = %s AND p.codename = %s AND g.name IN ({placeholders}) "
        "ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [content_type.pk, str(submission.pk), content_type.pk, "view_submission", *names]
        )


def assign_role(user, role: Role, party: str | None = None) -> None:
    """Give an account a role; Party-bound roles also join their Party's access group."""

    user.groups.add(Group.objects.get(name=role.value))
    if role in (Role.FOCAL_POINT, Role.COUNCIL):
        if party is None:
            raise ValueError("a focal point or Council member speaks for one Party")
        user.party = Party.objects.get(code=party)
        user.save(update_fields=["party"])
        group, _created = Group.objects.get_or_create(name=access_group_name(role, party))
        user.groups.add(group)
    user._sem_roles = None


def _has_case_access(user, submission) -> bool:
    party = party_of(user)
    if not party:
        return False
    roles = roles_of(user)
    names = [access_group_name(r, party) for r in (Role.FOCAL_POINT, Role.COUNCIL) if r in roles]
    if not names:
        return False
    cache = getattr(user, "_sem_case_ids", None)
    if cache is None:
        cache = set()
        for group in Group.objects.filter(name__in=names):
            cache |= set(
                get_objects_for_group(
                    group, VIEW_PERMISSION, accept_global_perms=False
                ).values_list("pk", flat=True)
            )
        user._sem_case_ids = cache
    return submission.pk in cache


# --- What a viewer sees of a case ----------------------------------------------------------------


def is_public(submission) -> bool:
    """The public gate for a case: registered (acknowledged). A case closed as not a submission
    is never acknowledged, so it never passes."""
    return submission.registered_on is not None


def visible_levels(user, submission, membership=None) -> frozenset:
    """The visibility levels of this case that a viewer may see (empty: not even the case).

    ``membership`` is the submitter's membership when the viewer came by a tracking link.
    """
    levels = {V.PUBLIC} if is_public(submission) else set()
    if (
        membership is not None
        and membership.submission_id == submission.pk
        and membership.token_revoked_at is None
    ):
        levels |= {V.PUBLIC, V.SUBMITTER}
    if is_staff_reader(user):
        return ALL_LEVELS
    if (
        user is not None
        and getattr(user, "is_authenticated", False)
        and _has_case_access(user, submission)
    ):
        roles = roles_of(user)
        levels |= {V.PUBLIC, V.PARTIES}
        if Role.FOCAL_POINT in roles and party_of(user) == submission.party.code:
            levels.add(V.PARTY_CONCERNED)
    return frozenset(levels)


def shows_identity(user, submission, membership=None) -> bool:
    """Whether a viewer sees withheld submitter names: the Secretariat, auditors, the Party
    concerned (with access), and the submitters themselves."""
    return V.PARTY_CONCERNED in visible_levels(user, submission, membership) or (
        V.SUBMITTER in visible_levels(user, submission, membership)
    )


def submitter_name(submitter, show_identity: bool) -> str:
    if submitter.confidential and not show_identity:
        return str(WITHHELD_LABEL)
    return submitter.name


def get_submission_for_user(user, queryset, membership=None, **lookup):
    """The case, or 404 for anyone who may not see it. First line of every case view."""
    try:
        submission = queryset.select_related("party").get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
    if not visible_levels(user, submission, membership):
        raise Http404
    return submission


def require_staff_reader(user, *, act: bool = False) -> None:
    """Pages of the Secretariat's workspace that are not about one case (the queue, the
    approval list): staff and auditors read them, only the Secretariat acts (else 403)."""

    if not is_staff_reader(user) or (act and not is_secretariat(user)):
        raise PermissionDenied


def get_submission_for_staff(user, queryset, *, act: bool = False, **lookup):
    """The case in the Secretariat's workspace: 404 for anyone who may not see the case, 403
    for someone who may see it but not here (not staff) or, with ``act``, may not act (an
    auditor reads only)."""

    submission = get_submission_for_user(user, queryset, **lookup)
    if not is_staff_reader(user) or (act and not is_secretariat(user)):
        raise PermissionDenied
    return submission


def get_submission_for_portal(user, queryset, **lookup):
    """The case in a Party's or the Council's portal: 404 unless the workflow opened it to the
    account (a registered case is public, but its portal page is not), or the account is staff
    (whom the portal then refuses with 403)."""
    submission = get_submission_for_user(user, queryset, **lookup)
    if not (is_staff_reader(user) or _has_case_access(user, submission)):
        raise Http404
    return submission


# --- The public gate for querysets ---------------------------------------------------------------


def public_submissions(queryset=None):

    queryset = Submission.objects.all() if queryset is None else queryset
    return queryset.filter(registered_on__isnull=False)


def public_events(queryset):
    """The events the public sees: public ones, and Parties' items the Secretariat published.
    Their text as the public sees it comes from ``public_timeline``."""
    return queryset.filter(
        Q(visibility=V.PUBLIC) | Q(pk__in=published.event_pks(queryset.model)),
        submission__registered_on__isnull=False,
    )


def public_documents(queryset):
    """The public documents of the public entries (and of the Parties' entries the Secretariat
    published), and the public translations of those: a translation added by an entry of its
    own, kept with the Parties until the final record's publication made it public with its
    original, stood on no public page (walk 146: the English final record)."""
    events = queryset.model._meta.get_field("event").related_model
    published_events = published.event_pks(events)
    shown = Q(event__visibility=V.PUBLIC) | Q(event__in=published_events)
    beside = Q(translation_of__visibility=V.PUBLIC) & (
        Q(translation_of__event__visibility=V.PUBLIC)
        | Q(translation_of__event__in=published_events)
    )
    return queryset.filter(
        shown | beside,
        visibility=V.PUBLIC,
        submission__registered_on__isnull=False,
    )


def visible_events(queryset, levels):
    """The events a viewer at ``levels`` sees: those at one of them and, as the public does,
    the Parties' items the Secretariat published (walk 21: the submitters' page left out a
    Party's letter and the comments published with the final record, which the docket
    showed). Their text as the public reads it comes from ``public_timeline``."""
    shown = Q(visibility__in=levels)
    if _beyond(levels):
        shown |= Q(pk__in=published.event_pks(queryset.model))
    return queryset.filter(shown)


def visible_documents(queryset, levels):
    """The documents at one of ``levels`` whose event the viewer sees (``visible_events``)."""
    events = queryset.model._meta.get_field("event").related_model
    shown = Q(event__visibility__in=levels)
    if _beyond(levels):
        shown |= Q(event__in=published.event_pks(events))
    return queryset.filter(shown, visibility__in=levels)


def submitters_own_kept(levels) -> Q:
    """For the submitters (a viewer at *submitter*, below the Parties): the files they sent
    themselves (their submission, a revision, information added) that are kept from them at
    a level they do not read, such as a confidential annex for the Party concerned. Their
    page lists them as received (walk 24: the one who sent it never saw it acknowledged) but
    never serves them: the tracking link is a bearer link, and a leaked one must not open a
    confidential file. Not a file the Secretariat keeps to itself."""
    if V.SUBMITTER not in levels or V.PARTIES in levels:
        return Q(pk__in=[])
    return Q(event__author="submitter") & ~Q(visibility__in=levels) & ~Q(visibility=V.SECRETARIAT)


def _beyond(levels) -> bool:
    """Whether a viewer at ``levels`` may see published items above them: one who sees what
    the public sees but not the Parties' level (a submitter). The Secretariat publishes the
    Parties' items, which the Parties and the Council already see."""
    return V.PUBLIC in levels and V.PARTIES not in levels


def get_document_for_user(user, submission, pk):
    """A document of a case the viewer already passed the case gate for, or 404 unless it
    and its event are at one of the viewer's levels. The download gate of the workspace and
    the portals (the page never linked to what this refuses)."""

    document = visible_documents(
        Document.objects.filter(submission=submission, pk=pk), visible_levels(user, submission)
    ).first()
    if document is None:
        raise Http404
    document.submission = submission
    return document


def get_public_document(slug, pk):
    """A public document of a public case, or 404: the docket's download gate, open to all."""

    document = (
        public_documents(Document.objects.filter(pk=pk, submission__slug=slug))
        .select_related("submission")
        .first()
    )
    if document is None:
        raise Http404
    return document


def staff_submissions(user, queryset=None):
    """The cases a signed-in account may list: all for staff and auditors; for Parties and the
    Council, those opened to them."""

    queryset = Submission.objects.all() if queryset is None else queryset
    if is_staff_reader(user):
        return queryset
    if not party_of(user):
        return queryset.none()
    _has_case_access(user, Submission(pk=0))  # fill the cache
    return queryset.filter(pk__in=user._sem_case_ids)


# --- Submitters' private tracking links ----------------------------------------------------------


def membership_for_token(token):
    """The membership a private tracking link stands for, or 404: unknown, or revoked by staff."""

    if not isinstance(token, str) or not 20 <= len(token) <= 64:
        raise Http404
    membership = (
        SubmissionSubmitter.objects.select_related("submission__party", "submitter")
        .filter(tracking_token=token, token_revoked_at__isnull=True)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


# --- The access log --------------------------------------------------------------------------


def log_access(request, submission, document=None) -> None:
    """Record that a signed-in person viewed a case's restricted pages or downloaded one of its
    restricted documents (PROCESS.md: every such view is logged and shown to auditors).

    Called by the view after its access check passed. Public documents and anonymous visitors
    are not logged: the public docket is open to all.
    """

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    if document is not None and document.visibility == V.PUBLIC:
        return
    what = AccessLogEntry.What.DOWNLOAD if document is not None else AccessLogEntry.What.VIEW
    AccessLogEntry.objects.create(
        user=user,
        submission=submission,
        document=document,
        what=what,
        path=request.path[:500],
    )
    logger.info(
        "access %s case=%s document=%s user=%s",
        what,
        submission.pk,
        document.pk if document is not None else None,
        user.pk,
        extra={
            "access": what.value,
            "case": submission.pk,
            "document": document.pk if document is not None else None,
            "user": user.pk,
        },
    )
