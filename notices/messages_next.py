"""What comes next, told to the submitters with each step that leaves them waiting, and the
date the case's page shows for it (``notices.messages`` uses them).

A target's paragraph is said only where the step opened that deadline (``dispatch.DUE_DATE_OF``
names which): ``(key, paragraph)`` pairs for ``Message.when``.
"""

from django.utils.translation import gettext_lazy as _

# How many members have given a Council's instruction, and how many its rule asks for.
MEMBERS_SO_FAR = _(
    "With the instruction given on %(on)s %(by_acting_member)s, %(votes)s members have given "
    "it; the Council's rule asks for %(needed)s."
)

# What comes next, told to the submitters with each step that leaves them waiting (walk 150:
# the emails said what had happened, never what follows; the acknowledgement's is its own).
NEXT_AFTER_RESPONSE = _(
    "Next, the Secretariat considers whether, in the light of the response, the submission "
    "warrants a factual record, and informs the Council. You will be told by email."
)
NEXT_AFTER_NOTIFICATION = _(
    "It is for the Council to decide whether the Secretariat prepares the factual record. You "
    "will be told by email if it so instructs."
)
NEXT_AFTER_INSTRUCTION = _(
    "The Secretariat now prepares a draft factual record, on which the Parties may comment, "
    "then the final factual record. You will be told by email when each goes to the Council."
)

# Walk 159's low: "the Secretariat determines", "the Council decides", "within 45 days", with
# no date, where the case's page showed the target.
TARGET_OF_ADMISSIBILITY = (
    "due_on",
    _("The Secretariat's target date for that determination is %(due_on)s."),
)
TARGET_OF_NOTIFICATION = (
    "due_on",
    _("The Secretariat's target date for informing the Council is %(due_on)s."),
)
TARGET_OF_INSTRUCTION = (
    "due_on",
    # A target of ours, not the treaty's (walk 174: read as a threat with no basis); past it
    # the Secretariat may close the case (REGISTRY-FORMAT: ``closed`` from AC).
    _(
        "The target date for the Council's instruction is %(due_on)s; if none has been given "
        "by then, the Secretariat may close the case."
    ),
)
TARGET_OF_DRAFT = (
    "due_on",
    _("The Secretariat's target date for the draft factual record is %(due_on)s."),
)
TARGET_OF_COMMENTS = ("due_on", _("The period for the Parties' comments ends on %(due_on)s."))
# Walk 171: the receipt, the admissibility determination and the revision received said
# "the Secretariat checks", with no date; walk 170: the Council's and the Parties' emails.
TARGET_OF_ACKNOWLEDGEMENT = (
    "due_on",
    _("The Secretariat's target date for acknowledging it is %(due_on)s."),
)
TARGET_OF_RESPONSE_DECISION = (
    "due_on",
    _("The Secretariat's target date for that decision is %(due_on)s."),
)
# Walk 170: the Party was not told it may ask for more time (the portal said so).
MORE_TIME = _(
    "If exceptional circumstances arise, your Party may notify them in the portal before that "
    "date; the portal shows the longer period that then applies."
)
# Walk 170: the Council was told the final record was submitted, not what follows; walk 173:
# the 60 days are counted from its submission, as the treaty says; walk 175: "through the
# portal" misled the Parties' focal points, who receive it too.
AFTER_FINAL_RECORD = _(
    "It is made public if a member of the Council so instructs: normally within 60 days of its "
    "submission."
)
# Walk 175: the submitters were told the record "will be published", with no date.
TARGET_OF_PUBLICATION = (
    "due_on",
    _("The Secretariat's target date for publishing it is %(due_on)s."),
)
