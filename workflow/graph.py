"""The transition table drawn as a Mermaid state diagram (README, `manage.py workflow_graph`)."""

from submissions.stages import Stage
from workflow import table
from workflow.table import CLOSURE_BY_STAGE, RULES

ABBREVIATIONS = {
    Stage.ADMISSIBILITY_REVIEW: "AR",
    Stage.AWAITING_REVISION: "AV",
    Stage.RESPONSE_DECISION: "RD",
    Stage.AWAITING_RESPONSE: "AW",
    Stage.FACTUAL_RECORD_DECISION: "FD",
    Stage.AWAITING_COUNCIL: "AC",
    Stage.FACTUAL_RECORD_PREPARATION: "FP",
    Stage.DRAFT_COMMENT_PERIOD: "DC",
    Stage.FINAL_FACTUAL_RECORD: "FF",
    Stage.CLOSED: "CL",
}


def edges() -> list[tuple[str, str, str]]:
    """(from, to, label) for every stage change the table allows."""
    result = []
    for rule in RULES:
        for outcome, effect in rule.outcomes.items():
            if not effect.to and rule.kind != "reopened":
                continue
            sources = (
                [""]
                if rule.stages is None
                else sorted(rule.stages | table.profile_stages(rule.kind))
            )
            if effect.from_stages is not None:
                sources = [s for s in sources if s in effect.from_stages]
            label = rule.kind + (f": {outcome}" if outcome else "")
            if rule.kind == "closed":
                for source in sources:
                    result.append((source, Stage.CLOSED, f"closed: {CLOSURE_BY_STAGE[source]}"))
                continue
            for source in sources:
                if source != effect.to:
                    result.append((source, effect.to, label))
    result.append((Stage.CLOSED, "*", "reopened: to_stage"))
    return result


def mermaid() -> str:
    lines = ["stateDiagram-v2"]
    for stage, abbreviation in ABBREVIATIONS.items():
        lines.append(f"    {abbreviation}: {stage.value}")
    for source, target, label in edges():
        start = ABBREVIATIONS.get(source, "[*]")
        end = "[*]" if target == "*" else ABBREVIATIONS[target]
        if target == "*":
            lines.append(f"    {start} --> AR: {label} (the stage it was closed from)")
            continue
        lines.append(f"    {start} --> {end}: {label}")
    return "\n".join(lines) + "\n"
