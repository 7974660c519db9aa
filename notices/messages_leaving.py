"""What the submitters and the Secretariat are told when submitters leave a case: a withdrawal
(for all who filed it), or one co-filer's leaving it to the others (``submitter_left``, ours;
walk 141). ``notices.messages`` serves them with the case's other steps.
"""

from django.utils.translation import gettext_lazy as _

from notices.message import Message

LEAVING_MESSAGES = {
    "withdrawn": Message(
        _("%(reference)s: the submission is withdrawn"),
        (
            _(
                "The submission was withdrawn on %(on)s through the private link of one of the "
                "people who filed it. The case is closed."
            ),
        ),
        _("Follow your submission"),
        # Walk 129: the co-filers who did not withdraw it were told nothing they could do.
        when=(
            (
                "several",
                _(
                    "A withdrawal is for all who filed the submission. If you did not want it "
                    "withdrawn, you may file a new submission."
                ),
            ),
        ),
    ),
    "withdrawn_goes_on": Message(
        _("%(reference)s: the withdrawal is recorded"),
        (
            _(
                "The withdrawal of the submission was recorded on %(on)s. A factual record was "
                "instructed before it, which the Secretariat must still prepare: the case goes "
                "on."
            ),
        ),
        _("Follow your submission"),
    ),
    "withdrawal_to_staff": Message(
        _("%(reference)s: submission withdrawn"),
        (_("The submitters withdrew the submission on %(on)s."),),
    ),
    "submitter_left": Message(
        _("%(reference)s: a submitter has left the submission"),
        (
            _(
                "One of the people who filed the submission left it on %(on)s. The submission "
                "goes on without that person, and the Secretariat's review continues."
            ),
        ),
        _("Follow your submission"),
        # Who (walk 151: the others were not told), as each reads the name (``cofilers``).
        when=(("who", _("Who left: %(who)s.")),),
    ),
    "you_left": Message(
        _("%(reference)s: you have left the submission"),
        (
            _(
                "You left submission %(reference)s, “%(title)s”, on %(on)s. The other "
                "submitters go on with it; your private link no longer opens it, and you will "
                "receive no more messages about it."
            ),
            _(
                "If you did not do this, write to the Secretariat at once: someone may have "
                "used your private link."
            ),
        ),
    ),
    "leaving_to_staff": Message(
        _("%(reference)s: a submitter left the submission"),
        (
            _(
                "A submitter left the submission on %(on)s; the others go on with it. The case "
                "page names who left."
            ),
        ),
    ),
}
