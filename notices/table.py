"""The "who is told what" table (notices/rules.py) as Markdown, for the README."""

import re

from django.utils import translation

from notices.messages import MESSAGES
from notices.rules import APPROVED, AUDIENCE_LABELS, MOVES, REMINDER_THRESHOLDS, RULES, SCHEDULED
from workflow.table import TABLE

# A Council member's instruction, by where it leaves the Council's rule (rules.Rule.council).
COUNCIL_WHEN = {
    "decides": ", when it makes the Council's instruction",
    "met": ", once the Council's rule is met",
    "short": ", while the Council's rule is not met (a vote)",
}


def markdown() -> str:
    days = ", ".join(str(n) for n in REMINDER_THRESHOLDS)
    with translation.override("en"):
        lines = [
            "| When | Outcome | Who is told | Subject |",
            "|---|---|---|---|",
        ]
        for rule in RULES:
            when = {
                MOVES: "any step that moves the case to another stage",
                APPROVED: "any decision the Executive Director approves",
            }.get(rule.kind) or f"`{rule.kind}` ({TABLE[rule.kind].label})"
            if rule.public_only:
                when += ", when public"
            if rule.closed_only:
                when += ", when it closes the case"
            if rule.open_only:
                when += ", when the case goes on"
            if rule.by_party:
                when += ", when a Party sends it"
            if rule.by_council:
                when += ", when a Council member makes it"
            if rule.publishes:
                when += f", when it publishes the text of a `{rule.publishes}`"
            if rule.party_sees:
                when += ", once the case was sent to the Party"
            when += COUNCIL_WHEN.get(rule.council, "")
            lines.append(
                f"| {when} | {rule.outcome or 'any'} | {AUDIENCE_LABELS[rule.audience]} "
                f"| {MESSAGES[rule.message].subject} |"
            )
        for kind, audience, message in SCHEDULED:
            when = {
                "daily": "daily digest of due-soon and overdue deadlines",
                "histories": "a check of every history (nightly) finds a case broken",
            }.get(kind, f"`{kind}` due in {days} days")
            lines.append(
                f"| {when} | — | {AUDIENCE_LABELS[audience]} | {MESSAGES[message].subject} |"
            )
    # Placeholders read as <reference>, <code>… in the table.
    return re.sub(r"%\((\w+)\)s", r"<\1>", "\n".join(lines)) + "\n"
