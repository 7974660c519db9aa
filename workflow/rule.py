"""The shapes of the transition table's rows (``workflow.table`` holds the table itself): what
an event kind may do, and what it does per outcome."""

from dataclasses import dataclass, field

from submissions import profiles
from submissions.stages import ClosureReason, Stage, Visibility

S = Stage

# Who may record an event live. Import records history as it happened and checks no role.
SECRETARIAT = "secretariat"  # any Secretariat account: officer or Executive Director
DIRECTOR = "director"  # the Executive Director only
SUBMITTER = "submitter"  # a submitter of the case, through the tracking link
PARTY_CONCERNED = "party_concerned"  # a focal point of the Party the case is about
PARTY = "party"  # a focal point of either Party
COUNCIL = "council"  # a Council member of either Party
PUBLIC = "public"  # anyone, without an account
SYSTEM = "system"  # scheduled jobs and recomputations


@dataclass(frozen=True)
class Effect:
    """What an event does, for one outcome (``None``: the kind has no outcome)."""

    to: Stage | None = None
    closure: ClosureReason | None = None
    code: str | None = None  # "D" (determination) or "N" (notification to the Council)
    meets: tuple[str, ...] = ()
    opens: tuple[str, ...] = ()
    from_stages: frozenset | None = None  # limit the stage change to these stages
    meets_if_open: tuple[str, ...] = ()  # deadlines met only if open (never late)
    # A Council member's instruction: no effect until the members' instructions are the
    # Council's under the profile's rule (workflow.council).
    by_council_rule: bool = False
    # A Council member's vote against: no effect until the votes against leave too few
    # members to reach the Council's rule (workflow.council.refused).
    by_council_refusal: bool = False


@dataclass(frozen=True)
class EventRule:
    kind: str
    label: str
    stages: frozenset | None  # None: only as the first event of a case
    roles: frozenset
    public: bool = False  # "P" in REGISTRY-FORMAT.md
    visibility: Visibility | None = None  # default when not public
    decision: bool = False  # a Secretariat decision: four eyes when recorded live
    outcomes: dict = field(default_factory=dict)  # outcome -> Effect; {None: Effect} if none
    required: tuple[str, ...] = ()  # extra keys that must be given
    optional: tuple[str, ...] = ()  # extra keys that may be given
    guards: tuple[str, ...] = ()  # names of functions in workflow.guards
    document_kind: str = "other"
    # The widest level its documents may be filed at (a factual record: the Parties until its
    # publication); None: any.
    documents_at_most: Visibility | None = None
    # An outcome that is a different act for its reader, with its own name (a determination
    # that no record is warranted informs no one of a record).
    outcome_labels: dict = field(default_factory=dict)
    # Its name where it also determines the criteria (a profile's combined determination: the
    # event's data carries "criteria").
    combined_label: str | None = None
    # Its name where its data says what it is (a `correspondence` that records the public
    # texts): {data key: label}.
    data_labels: dict = field(default_factory=dict)

    def label_for(self, outcome=None, data=None) -> str:
        """Its name for ``outcome``; ``data``, the event's (or proposal's), where known."""
        if self.combined_label and (data or {}).get("criteria"):
            return self.combined_label
        for key, label in self.data_labels.items():
            if key in (data or {}):
                return label
        return self.outcome_labels.get(outcome, self.label)

    @property
    def may_close(self) -> bool:
        """Whether recording this kind can close the case (for some outcome)."""
        return any(effect.to == S.CLOSED for effect in self.outcomes.values())

    @property
    def default_visibility(self) -> Visibility:
        return Visibility.PUBLIC if self.public else (self.visibility or Visibility.SECRETARIAT)

    def effect(self, outcome=None) -> Effect:
        return self.outcomes.get(outcome) or self.outcomes.get(None) or Effect()

    def allowed_in(self, stage) -> bool:
        if self.stages is None:
            return not stage
        return stage in self.stages or stage in profile_stages(self.kind)


def event_rule(kind, label, stages, roles, **kwargs) -> EventRule:
    """A row of the transition table (``workflow.table``, ``workflow.profile_rules``)."""
    return EventRule(kind=kind, label=label, stages=stages, roles=frozenset(roles), **kwargs)


def profile_stages(kind: str) -> frozenset:
    """The stages the installation's profile adds for ``kind`` to the registry format's (its
    own transitions, such as the CEC's combined determination; none under the TPA)."""
    return profiles.installed().transitions.get(kind, frozenset())


def before_input(guard):
    """Mark a guard that needs none of the action's input: it is checked before the action is
    offered, with today's date and no data."""
    guard.before_input = True
    return guard
