"""What the notices of the Secretariat's own work say: proposals under four eyes, reminders of
deadlines, the digest of deadlines and the check of the case histories. The case's own steps
are in ``notices.messages``, which serves both.
"""

from django.utils.translation import gettext_lazy as _

from notices.message import Message

WORK_MESSAGES = {
    "proposal_awaiting": Message(
        _("%(reference)s: a proposal awaits your approval"),
        (_("A proposed decision awaits your approval: %(proposal)s."),),
        _("Open the case"),
        # Walk 73: the email did not say what approving a publication makes public.
        when=(
            (
                "makes_public",
                _("Approving it also makes these documents public: %(makes_public)s."),
            ),
        ),
    ),
    "proposal_returned": Message(
        _("%(reference)s: your proposal was returned"),
        (
            _(
                "The Executive Director returned your proposal “%(proposal)s” on case "
                "%(reference)s with this comment:"
            ),
            "%(comment)s",
            _("Nothing was recorded. Propose again, changed, from the case page."),
        ),
        _("Open the case"),
    ),
    "proposal_approved": Message(
        _("%(reference)s: your proposal was approved"),
        (
            _(
                "The Executive Director approved your proposal no. %(proposal_event)s, "
                "“%(proposal)s”, on case %(reference)s. It is recorded on %(on)s."
            ),
        ),
        _("Open the case"),
    ),
    "proposal_lapsed": Message(
        _("%(reference)s: your proposal lapsed"),
        (
            _(
                "Your proposal no. %(proposal_event)s, “%(proposal)s”, on case %(reference)s can "
                "no longer be approved: “%(step)s” moved the case on, on %(on)s, before the "
                "Executive Director decided on it."
            ),
            _("Nothing was recorded. Propose it again from the case page if it still applies."),
        ),
        _("Open the case"),
    ),
    "reminder_response": Message(
        _("%(reference)s: response due on %(due_on)s"),
        (
            _(
                "Reminder: the response %(from_party)s to the Secretariat's request on "
                "submission %(reference)s is due on %(due_on)s (days remaining: %(days)s)."
            ),
        ),
        _("Open the case in the portal"),
    ),
    "reminder_comments": Message(
        _("%(reference)s: comments due on %(due_on)s"),
        (
            _(
                "Reminder: comments on the draft factual record on submission %(reference)s "
                "are due on %(due_on)s (days remaining: %(days)s)."
            ),
        ),
        _("Open the case in the portal"),
    ),
    "reminder_instruction": Message(
        _("%(reference)s: the Secretariat awaits the Council's instruction"),
        (
            _(
                "Reminder: the Secretariat notified the Council that submission %(reference)s "
                "warrants a factual record. The target for an instruction is %(due_on)s "
                "(days remaining: %(days)s)."
            ),
        ),
        _("Open the case in the portal"),
    ),
    "digest": Message(
        _("Deadlines due soon or overdue on %(on)s"),
        (_("Open deadlines that are overdue or due within 14 days:"),),
        _("Open the workspace"),
    ),
    "histories_broken": Message(
        _("Case histories that do not verify (check of %(on)s)"),
        (_("What is stored no longer matches what was recorded for: %(references)s."),),
        _("Open the workspace"),
    ),
}
