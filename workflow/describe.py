"""What an event's data says, as lines a person reads in the timeline."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secretariat.workspace.forms import CRITERIA, FACTORS
from submissions.stages import ClosureReason, Stage, Visibility
from workflow.deadlines import KIND_LABELS
from workflow.table import TABLE

OUTCOME_LABELS = {
    "meets": gettext_lazy("meets the criteria"),
    "does_not_meet": gettext_lazy("does not meet the criteria"),
    "request": gettext_lazy("request a response"),
    "no_request": gettext_lazy("no response requested"),
    "warranted": gettext_lazy("a factual record is warranted"),
    "not_warranted": gettext_lazy("a factual record is not warranted"),
}


def _label(choices, value):
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _findings(items, labels, yes, no):
    for letter, finding in (items or {}).items():
        if isinstance(finding, dict):
            verdict = yes if finding.get("met") else no
            yield str(labels.get(letter, letter)), f"{verdict} — {finding.get('reasons', '')}"


def describe(event) -> list[tuple[str, str]]:
    """(label, value) pairs for the data of one event (a proposal shows what it proposes)."""
    data = dict(event.data or {})
    lines = []
    if event.kind == "proposed":
        proposal = dict(data.get("proposal") or {})
        rule = TABLE.get(proposal.get("kind"))
        lines.append((_("Proposed decision"), str(rule.label) if rule else proposal.get("kind")))
        if proposal.get("note"):
            lines.append((_("Reasons"), proposal["note"]))
        data = proposal
    if data.get("outcome"):
        lines.append((_("Outcome"), str(OUTCOME_LABELS.get(data["outcome"], data["outcome"]))))
    lines.extend(_findings(data.get("criteria"), CRITERIA, _("Met"), _("Not met")))
    lines.extend(_findings(data.get("factors"), FACTORS, _("Yes"), _("No")))
    simple = {
        "delivered_on": _("Delivered on"),
        "officer": _("Officer"),
        "party": _("Party"),
        "comment": _("Comment"),
        "closes_on": _("Call closes on"),
        "new_due_on": _("New target date"),
        "date_reason": _("Reason for the earlier date"),
        "name": _("Name"),
        "organization": _("Organization"),
    }
    for key, label in simple.items():
        if data.get(key):
            lines.append((label, str(data[key])))
    if event.kind == "closed" and data.get("reason"):
        lines.append((_("Closure reason"), _label(ClosureReason, data["reason"])))
    elif data.get("reason"):
        lines.append((_("Reason"), str(data["reason"])))
    if data.get("to_stage"):
        lines.append((_("Returns to"), _label(Stage, data["to_stage"])))
    if data.get("deadline"):
        lines.append((_("Target"), str(KIND_LABELS.get(data["deadline"], data["deadline"]))))
    if "pending_proceeding" in data:
        lines.append(
            (_("Pending proceeding declared"), _("Yes") if data["pending_proceeding"] else _("No"))
        )
    if event.kind == "visibility_changed":
        lines.append(
            (
                _("Visibility"),
                f"{_label(Visibility, data.get('from'))} → {_label(Visibility, data.get('to'))}",
            )
        )
    for person in data.get("submitters") or []:
        lines.append((_("Joined"), person.get("name", "")))
    return lines
