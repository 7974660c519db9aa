"""What each stage means to the person who filed, in plain words (the tracking page).

The third walk: the citizen's own page showed each step as a date and a title, with no word of
what was decided or what comes next; the public case page and the receipt said more. Target dates
are not repeated here: the page lists them, with their explanations, beside this text.
"""

from django.utils.translation import gettext_lazy as _

from submissions.stages import ClosureReason, Stage
from workflow import council

NOW = {
    Stage.ADMISSIBILITY_REVIEW: _(
        "The Secretariat is checking whether your submission meets the criteria of Article "
        "18.8.2: written in English or Spanish, identifying you, with enough information and "
        "evidence, aimed at promoting enforcement, saying whether the matter was raised with the "
        "authorities, and filed by a person of a Party. You will be told of its determination."
    ),
    Stage.AWAITING_REVISION: _(
        "The Secretariat found that your submission does not meet every criterion of Article "
        "18.8.2; its determination says why. You may send a revised submission below, by the "
        "target date shown. Without one, the case closes."
    ),
    Stage.RESPONSE_DECISION: _(
        "Your submission meets the criteria. The Secretariat is deciding whether it merits a "
        "response from the Party concerned (Article 18.8.4)."
    ),
    Stage.AWAITING_RESPONSE: _(
        "The Secretariat has asked the Party concerned for a response and sent it your "
        "submission. The Party has 45 days from receiving the request, or 60 in exceptional "
        "circumstances (Article 18.8.5)."
    ),
    Stage.FACTUAL_RECORD_DECISION: _(
        "The Party has responded. The Secretariat is deciding whether a factual record is "
        "warranted; if it is, it informs the Council (Article 18.9.1)."
    ),
    Stage.AWAITING_COUNCIL: _(
        "The Secretariat has informed the Council that a factual record is warranted. It "
        "prepares one only if a member of the Council instructs it to (Article 18.9.2)."
    ),
    Stage.FACTUAL_RECORD_PREPARATION: _(
        "A member of the Council has instructed the Secretariat to prepare a factual record. "
        "The Secretariat is gathering information and preparing a draft (Article 18.9.4)."
    ),
    Stage.DRAFT_COMMENT_PERIOD: _(
        "The Secretariat has submitted a draft factual record to the Council. Each Party may "
        "comment on its accuracy within 45 days (Article 18.9.5). Drafts are not made public."
    ),
    Stage.FINAL_FACTUAL_RECORD: _(
        "The Secretariat has submitted the final factual record to the Council. It is made "
        "public if a member of the Council instructs the Secretariat to publish it (Article "
        "18.9.7)."
    ),
    Stage.CLOSED: _("This case is closed. Its history stays on the public docket."),
}
# The final factual record once the Council's rule for publishing it is met: the stage is
# the same until the Secretariat publishes it (the eleventh walk found the page still saying
# "it is made public if a member instructs" after the instruction).
PUBLICATION_INSTRUCTED = _(
    "The Council has instructed the Secretariat to publish the final factual record. It "
    "appears on the public docket on the day it is published."
)
# Where one member's instruction is the Council's (walk 153: "El Consejo ha dado instrucciones"
# where one member did; Art. 18.9.7).
PUBLICATION_INSTRUCTED_BY_A_MEMBER = _(
    "A member of the Council has instructed the Secretariat to publish the final factual "
    "record. It appears on the public docket on the day it is published."
)

# Awaiting the response once the Party's time has passed without one: the Secretariat may go on
# (PROCESS.md) and the case stays in its stage until it does. Walks 45 and 46: the page said
# "the Party has 45 days" after they had passed, then "the Party has responded, or its time to
# respond has passed" once it had responded, which the page knows.
NO_RESPONSE = _(
    "The Party's time to respond has passed without a response. The Secretariat is deciding "
    "whether a factual record is warranted; if it is, it informs the Council (Article 18.9.1)."
)

# The draft's comment period once every Party has commented or its time has passed (walk 44:
# the page still said "each Party may comment within 45 days" after both had). The stage is the
# same until the final factual record is submitted.
COMMENTS_IN = _(
    "The Parties have commented on the draft factual record, or their time to comment has "
    "passed. The Secretariat is preparing the final factual record, incorporating the comments "
    "as appropriate (Article 18.9.6)."
)


# Received, not yet acknowledged (walk 48: the page said the Secretariat "is checking" the
# criteria under "Received: awaiting the Secretariat's acknowledgement").
RECEIVED = _(
    "Your submission has been received. The Secretariat first acknowledges it and puts it on "
    "the public docket; it then checks whether it meets the criteria for admission."
)


# A case closed before it was acknowledged (withdrawn, not a submission): walk 23 read "its
# history stays on the public docket" about a case the docket never showed.
CLOSED_UNSEEN = _(
    "This case is closed. It never reached the public docket and does not appear there."
)


# Closed by the publication of the final factual record (walk 50: the page said only "This
# case is closed", never that the record it was waiting for is out, nor where).
RECORD_PUBLISHED = _(
    "The Secretariat has published the final factual record, and the case is closed. The "
    "record is on the case's page of the public docket."
)


def now(
    stage: str,
    publication_instructed: bool = False,
    registered: bool = True,
    comments_in: bool = False,
    response_overdue: bool = False,
    closure_reason: str = "",
) -> str:
    if stage == Stage.CLOSED and closure_reason == ClosureReason.FACTUAL_RECORD_PUBLISHED:
        return str(RECORD_PUBLISHED)
    if stage == Stage.FINAL_FACTUAL_RECORD and publication_instructed:
        if council.needed("publication_instructed") > 1:
            return str(PUBLICATION_INSTRUCTED)
        return str(PUBLICATION_INSTRUCTED_BY_A_MEMBER)
    if stage == Stage.DRAFT_COMMENT_PERIOD and comments_in:
        return str(COMMENTS_IN)
    if stage == Stage.AWAITING_RESPONSE and response_overdue:
        return str(NO_RESPONSE)
    if stage == Stage.ADMISSIBILITY_REVIEW and not registered:
        return str(RECEIVED)
    if stage == Stage.CLOSED and not registered:
        return str(CLOSED_UNSEEN)
    return str(NOW.get(stage, ""))
