"""The legal record of a case: events (a hash chain), deadlines, and the working-day calendar."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from submissions import profiles
from submissions.history import sealed_history
from submissions.models import Submission
from submissions.stages import Stage, Visibility, author_choices
from workflow.periods import KIND_LABELS, NORMALLY, NOT_BINDING, SPECS
from workflow.table import RULES, TABLE


def _era_labelled(key: str) -> bool:
    """Whether an earlier era of the installed profile names this step its own way."""
    return any(key in era.labels for era in profiles.installed().earlier_eras)


def _event_kind_choices():
    return [(rule.kind, rule.label) for rule in RULES]


EVENT_KIND_CHOICES = _event_kind_choices


class Event(models.Model):
    """One entry of a case's history. Append-only: the services write it, nothing updates it.

    ``hash`` is an HMAC-SHA256, under the key ``key_id`` names, over the previous event's hash and
    the canonical serialisation of this event's content (see ``workflow.chain``), so that any
    later change is detectable.
    """

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="events"
    )
    seq = models.PositiveIntegerField(_("sequence number"))
    kind = models.CharField(_("kind"), max_length=40, db_index=True, choices=EVENT_KIND_CHOICES)
    on = models.DateField(_("date"))
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = models.CharField(_("author"), max_length=20, choices=author_choices)
    stage_before = models.CharField(
        _("stage before"), max_length=40, choices=Stage.choices, blank=True
    )
    stage_after = models.CharField(
        _("stage after"), max_length=40, choices=Stage.choices, blank=True
    )
    data = models.JSONField(_("data"), default=dict, blank=True)
    visibility = models.CharField(_("visibility"), max_length=20, choices=Visibility.choices)
    code = models.CharField(_("code"), max_length=80, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Four eyes: an approval (the decision itself) or a return points at its proposal.
    proposal = models.ForeignKey(
        "self",
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="responses",
    )
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True)
    hash = models.CharField(_("hash"), max_length=64)
    # Which chain key (settings.SEM_CHAIN_KEYS) made ``hash``; empty: the unkeyed rule of the
    # events recorded before keys were introduced.
    key_id = models.CharField(_("chain key"), max_length=40, blank=True, default="")
    history = sealed_history()

    class Meta:
        ordering = ["submission_id", "seq"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.UniqueConstraint(fields=["submission", "seq"], name="unique_event_seq"),
        ]
        indexes = [
            models.Index(fields=["kind", "submission"]),
            # The docket's feed: the latest events, read in order instead of sorting them all.
            models.Index(fields=["-recorded_at", "-id"], name="sem_event_recent"),
        ]

    def __str__(self):
        return f"{self.submission} #{self.seq} {self.kind}"

    @property
    def proposal_label(self) -> str:
        """What a proposal (``proposed``) proposes, as its decision is named."""
        proposed = (self.data or {}).get("proposal") or {}
        rule = TABLE.get(proposed.get("kind"))
        return (
            rule.label_for(proposed.get("outcome"), proposed) if rule else proposed.get("kind", "")
        )

    @property
    def kind_label(self):
        rule = TABLE.get(self.kind)
        if rule is None:
            return self.kind
        data = self.data or {}
        label = rule.label_for(data.get("outcome"), data)
        key = "combined" if label == rule.combined_label else rule.kind
        if label in (rule.label, rule.combined_label) and _era_labelled(key):
            # A case of an earlier text names the step by that text's article (the CEC's
            # NAAEC-era cases: "Article 14(1)"); read only where the profile's eras name it.
            era = profiles.installed().era_for(self.submission.filed_on)
            return (era.labels.get(key) if era else None) or label
        return label


# Periods a member of the public may know of (the docket, the statistics, the public export):
# those a public event opened, those that follow another period's end, and those a non-public
# event only moved (the request's delivery re-bases the response period a public decision opened).
MOVED_STARTS = ("request_delivered",)


def last_revision(events):
    """The day of the last revised submission among ``events`` (a case's, in hand), or None:
    the answers given at filing may no longer hold after it (walk 65)."""
    return next((e.on for e in reversed(list(events)) if e.kind == "revision_filed"), None)


class DeadlineQuerySet(models.QuerySet):
    def public(self):
        return self.filter(
            models.Q(start_event__isnull=True)
            | models.Q(start_event__visibility=Visibility.PUBLIC)
            | models.Q(start_kind__in=MOVED_STARTS)
        )


class Deadline(models.Model):
    """A period the case waits on, with a one-line explanation a person can check."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        MET = "met", _("Met")
        MISSED = "missed", _("Missed")
        CANCELLED = "cancelled", _("Cancelled")
        # A period that binds no one to act (the submitter's revision, a Party's comments on
        # the draft, the Council's instruction) that passed unmet: no one's failure.
        LAPSED = "lapsed", _("Lapsed")
        # A legacy history's `unrecorded_steps` moved the case past it: its fate is not known.
        UNKNOWN = "unknown", _("Unknown")

    class Unit(models.TextChoices):
        DAYS = "days", _("calendar days")
        WORKING_DAYS = "working_days", _("working days")

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="deadlines"
    )
    kind = models.CharField(_("kind"), max_length=40)
    party = models.CharField(_("Party"), max_length=2, blank=True)
    rule = models.CharField(_("rule"), max_length=40)
    start_event = models.ForeignKey(
        Event,
        verbose_name=_("event that started it"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The event kind that started the period (or "response_period_end"), for the explanation.
    start_kind = models.CharField(_("what started it"), max_length=40)
    start_on = models.DateField(_("starts on"))
    length = models.PositiveIntegerField(_("length"))
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    due_on = models.DateField(_("due on"), db_index=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.OPEN, db_index=True
    )
    met_on = models.DateField(_("met on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    late = models.BooleanField(_("late"), default=False)
    explanation = models.CharField(_("explanation"), max_length=500)
    # deadline_missed_explained: the Secretariat's public reason and new target date.
    missed_reason = models.TextField(_("reason the target was missed"), blank=True)
    revised_due_on = models.DateField(_("new target date"), null=True, blank=True)
    # The computed due date a new target replaced: `due_on` becomes the new target, so that
    # overdue flags, reminders, lateness and missed states all measure against it.
    original_due_on = models.DateField(_("due date before the new target"), null=True, blank=True)
    history = sealed_history()

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        ordering = ["submission_id", "start_on", "id"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self):
        return f"{self.submission} {self.kind} {self.due_on}"

    @property
    def is_target(self) -> bool:
        """Whether its date is a target, never said "due": its period is the Secretariat's own
        setting, not the treaty's (walk 45: the Council's instruction "due on" a date the
        Secretariat chose; walk 46: the same date a target on one page, due on another). Or
        the treaty's own word for it is "normally" (``NORMALLY``; walk 52: "Publicación del
        expediente de hechos final: vence el…", of a record published "normally within 60
        days", which PROCESS.md calls "the 60-day target"). Not a revision's date where a late
        one is refused (``late_revision_refused``, CAFTA-DR; walk 56: "target date" under "by
        the date shown; if you do not, the case is closed")."""
        if self.kind == "revision" and profiles.installed().late_revision_refused:
            return False
        return self.kind in NORMALLY or (self.kind in SPECS and SPECS[self.kind].editable)

    @property
    def binds(self) -> bool:
        """Whether someone must act by its due date; past due, a period that binds no one (the
        submitter's revision, a Party's comments, the Council's instruction) is no one's
        failure, never "overdue" (PROCESS.md, Deadlines)."""
        return self.kind not in NOT_BINDING

    @property
    def past_due(self) -> bool:
        """Still open after its due date (the installation's today)."""
        return self.state == self.State.OPEN and self.due_on < timezone.localdate()

    @property
    def overdue(self) -> bool:
        """Past due and binding: someone failed to act by its date."""
        return self.past_due and self.binds

    @property
    def ended_unused(self) -> bool:
        """Past due and binding no one: the period ended, no one's failure."""
        return self.past_due and not self.binds

    def listed_publicly(self, hidden_events: set[int]) -> bool:
        """``DeadlineQuerySet.public`` for a deadline already loaded, given the primary keys of
        the case's events the public does not see."""
        return self.start_event_id not in hidden_events or self.start_kind in MOVED_STARTS

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)


class NonWorkingDay(models.Model):
    """An extra day the Secretariat's seat does not work (besides weekends and D.C. holidays).

    Edit through ``workflow.services.set_non_working_day`` so that open deadlines are
    recomputed and the recomputation recorded.
    """

    date = models.DateField(_("date"), unique=True)
    description = models.CharField(_("description"), max_length=200)
    history = sealed_history()

    class Meta:
        ordering = ["date"]
        verbose_name = _("non-working day")
        verbose_name_plural = _("non-working days")

    def __str__(self):
        return f"{self.date}: {self.description}"


class DeadlineLength(models.Model):
    """An editable length of a deadline that PROCESS.md marks [ours]. Treaty periods are not
    editable. Change through ``workflow.services.set_deadline_length``."""

    kind = models.CharField(_("kind"), max_length=40, unique=True)
    length = models.PositiveIntegerField(_("length"))
    history = sealed_history()

    class Meta:
        verbose_name = _("deadline length")
        verbose_name_plural = _("deadline lengths")

    def __str__(self):
        return f"{self.kind}: {self.length}"


class ChainStatement(models.Model):
    """The chain heads of every registered case on one day, signed with the Secretariat's
    Ed25519 key (``workflow.statements``) and published on the docket: once the public holds
    it, a rewrite of any earlier event contradicts it."""

    date = models.DateField(_("date"), unique=True)
    body = models.TextField()  # canonical JSON: the exact bytes signed
    signature = models.CharField(max_length=128)  # hex
    public_key = models.CharField(max_length=64)  # hex, of the key that signed
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("chain statement")
        verbose_name_plural = _("chain statements")

    def __str__(self):
        return f"chain statement {self.date.isoformat()}"


class ChainCheck(models.Model):
    """One check of every case's history (``workflow.checks``: the beat's nightly run, or
    ``manage.py verify_history``): how many cases, and those whose history does not verify.
    The workspace warns while the last check found any (walk 69: a date rewritten in the
    database showed only on that case's audit page)."""

    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)
    checked = models.PositiveIntegerField(_("cases checked"))
    # [{"submission": pk, "reference": "SEM/PE/003/2026", "problems": ["event 4: …", …]}]
    broken = models.JSONField(_("cases whose history does not verify"), default=list)

    class Meta:
        ordering = ["-checked_at", "-id"]
        verbose_name = _("check of the histories")
        verbose_name_plural = _("checks of the histories")

    def __str__(self):
        return f"chain check {self.checked_at:%Y-%m-%d %H:%M}: {len(self.broken)} broken"
