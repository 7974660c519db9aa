"""The periods of REGISTRY-FORMAT.md's deadline table, as data: what starts each, its default
length, whether it counts working days, its basis (a treaty article, or a setting the Secretariat
may change in ``DeadlineLength``), and the stages in which a case still waits for it. The
length, unit and basis are the procedure profile's (submissions.profiles)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from submissions import profiles
from submissions.stages import OPEN_STAGES, Stage

S = Stage


@dataclass(frozen=True)
class DeadlineSpec:
    kind: str
    label: str
    length: int
    working_days: bool
    rule: str  # "setting" or the article
    alive_in: frozenset  # stages in which the case still waits for it
    late_accepted: bool = False  # a met-after-missed flips it to met (late)
    # False for the periods that bind no one to act (PROCESS.md, Deadlines): past due and
    # unmet they end as lapsed, not missed.
    binds: bool = True

    @property
    def editable(self) -> bool:
        return self.rule == "setting"


PERIODS = profiles.installed().periods


def _spec(kind: str, label, alive_in, **flags) -> DeadlineSpec:
    """The process's part of a period (what it is, when a case waits for it) with the
    profile's part (its length, unit and basis)."""
    period = PERIODS[kind]
    return DeadlineSpec(
        kind, label, period.length, period.working_days, period.basis, alive_in, **flags
    )


SPECS = {
    spec.kind: spec
    for spec in [
        _spec("acknowledgement", _("Acknowledgement of receipt"), OPEN_STAGES),
        _spec(
            "admissibility",
            _("Admissibility determination"),
            frozenset({S.ADMISSIBILITY_REVIEW}),
        ),
        _spec(
            "revision",
            _("Revised submission"),
            frozenset({S.AWAITING_REVISION}),
            binds=False,
        ),
        _spec(
            "response_decision",
            _("Decision on requesting a response"),
            frozenset({S.RESPONSE_DECISION}),
        ),
        _spec(
            "party_response",
            _("Response of the Party"),
            frozenset({S.AWAITING_RESPONSE}),
            late_accepted=True,
        ),
        _spec(
            "factual_record_decision",
            _("Decision on a factual record"),
            frozenset({S.FACTUAL_RECORD_DECISION, S.AWAITING_RESPONSE}),
        ),
        _spec(
            "council_instruction",
            _("Council instruction"),
            frozenset({S.AWAITING_COUNCIL}),
            binds=False,
        ),
        _spec(
            "draft_factual_record",
            _("Draft factual record"),
            frozenset({S.FACTUAL_RECORD_PREPARATION}),
        ),
        _spec(
            "draft_comments",
            _("Comments on the draft factual record"),
            frozenset({S.DRAFT_COMMENT_PERIOD}),
            late_accepted=True,
            binds=False,
        ),
        _spec(
            "publication",
            _("Publication of the final factual record"),
            frozenset({S.FINAL_FACTUAL_RECORD}),
        ),
    ]
}
KIND_LABELS = {kind: spec.label for kind, spec in SPECS.items()}
# The periods that bind no one to act: past due, they are no one's failure (never "overdue").
NOT_BINDING = frozenset(kind for kind, spec in SPECS.items() if not spec.binds)
# The periods the treaty gives as what happens "normally" (TPA Art. 18.9.7, CAFTA-DR 17.8.7,
# NAAEC 15(7): the final record is published "normally within 60 days"): their date is a
# target, as PROCESS.md calls it, not a date something is due.
NORMALLY = frozenset({"publication"})
