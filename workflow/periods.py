"""The periods of REGISTRY-FORMAT.md's deadline table, as data: what starts each, its default
length, whether it counts working days, its basis (a treaty article, or a setting the Secretariat
may change in ``DeadlineLength``), and the stages in which a case still waits for it."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

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


SPECS = {
    spec.kind: spec
    for spec in [
        DeadlineSpec(
            "acknowledgement", _("Acknowledgement of receipt"), 5, True, "setting", OPEN_STAGES
        ),
        DeadlineSpec(
            "admissibility",
            _("Admissibility determination"),
            30,
            False,
            "setting",
            frozenset({S.ADMISSIBILITY_REVIEW}),
        ),
        DeadlineSpec(
            "revision",
            _("Revised submission"),
            30,
            False,
            "setting",
            frozenset({S.AWAITING_REVISION}),
            binds=False,
        ),
        DeadlineSpec(
            "response_decision",
            _("Decision on requesting a response"),
            30,
            False,
            "setting",
            frozenset({S.RESPONSE_DECISION}),
        ),
        DeadlineSpec(
            "party_response",
            _("Response of the Party"),
            45,
            False,
            "Art. 18.8.5",
            frozenset({S.AWAITING_RESPONSE}),
            late_accepted=True,
        ),
        DeadlineSpec(
            "factual_record_decision",
            _("Decision on a factual record"),
            60,
            False,
            "setting",
            frozenset({S.FACTUAL_RECORD_DECISION, S.AWAITING_RESPONSE}),
        ),
        DeadlineSpec(
            "council_instruction",
            _("Council instruction"),
            60,
            False,
            "setting",
            frozenset({S.AWAITING_COUNCIL}),
            binds=False,
        ),
        DeadlineSpec(
            "draft_factual_record",
            _("Draft factual record"),
            120,
            False,
            "setting",
            frozenset({S.FACTUAL_RECORD_PREPARATION}),
        ),
        DeadlineSpec(
            "draft_comments",
            _("Comments on the draft factual record"),
            45,
            False,
            "Art. 18.9.5",
            frozenset({S.DRAFT_COMMENT_PERIOD}),
            late_accepted=True,
            binds=False,
        ),
        DeadlineSpec(
            "publication",
            _("Publication of the final factual record"),
            60,
            False,
            "Art. 18.9.7",
            frozenset({S.FINAL_FACTUAL_RECORD}),
        ),
    ]
}
KIND_LABELS = {kind: spec.label for kind, spec in SPECS.items()}
EXTENDED_PARTY_RESPONSE = 60  # Art. 18.8.5: exceptional circumstances, on notification
