"""What each notice of ``notices.rules`` says: its subject, its paragraphs and its link's
words, with named placeholders filled from the notice's context at sending time (in the
recipient's language). ``RULES`` there says who receives which, and when.
"""

from django.utils.translation import gettext_lazy as _

from notices.message import Message
from notices.messages_extension import EXTENSION_MESSAGES
from notices.messages_leaving import LEAVING_MESSAGES
from notices.messages_next import (
    AFTER_FINAL_RECORD,
    MEMBERS_SO_FAR,
    MORE_TIME,
    NEXT_AFTER_INSTRUCTION,
    NEXT_AFTER_NOTIFICATION,
    NEXT_AFTER_RESPONSE,
    TARGET_OF_ACKNOWLEDGEMENT,
    TARGET_OF_ADMISSIBILITY,
    TARGET_OF_COMMENTS,
    TARGET_OF_DRAFT,
    TARGET_OF_INSTRUCTION,
    TARGET_OF_NOTIFICATION,
    TARGET_OF_PUBLICATION,
    TARGET_OF_RESPONSE_DECISION,
)
from notices.messages_work import WORK_MESSAGES

MESSAGES = {
    "receipt": Message(
        _("Receipt %(reference)s: your submission has been received"),
        (
            _(
                "Your submission “%(title)s” was received on %(on)s. Its receipt number is "
                "%(reference)s."
            ),
            _(
                "This is an automatic receipt, not yet the Secretariat's acknowledgement. Keep "
                "the link below: it is your private page to follow the case, add information "
                "or withdraw."
            ),
        ),
        _("Follow your submission"),
        when=(
            TARGET_OF_ACKNOWLEDGEMENT,
            # Walk 177: the withholding she asked for was confirmed on her tracking page alone.
            (
                "withheld",
                _(
                    "As you asked, your name is withheld from the public: wherever the public "
                    "reads the case, it reads “%(withheld)s” in its place."
                ),
            ),
        ),
    ),
    "new_filing": Message(
        _("%(reference)s: new submission filed"),
        (_("A new submission, “%(title)s”, %(concerning_party)s, was filed on %(on)s."),),
        when=(TARGET_OF_ACKNOWLEDGEMENT,),
    ),
    "acknowledged": Message(
        _("%(reference)s: acknowledgement of receipt"),
        (
            _(
                "The Secretariat has acknowledged receipt of your submission “%(title)s”. "
                "Its identifier is %(reference)s and it now appears on the public docket."
            ),
            # What comes next (walk 150: the emails said what happened, never what follows).
            _(
                "Next, the Secretariat determines whether the submission meets the criteria "
                "for admission. You will be told of its determination by email."
            ),
        ),
        _("Follow your submission"),
        when=(TARGET_OF_ADMISSIBILITY,),
    ),
    "form_errors": Message(
        _("%(reference)s: minor errors of form in your submission"),
        (
            _(
                "The Secretariat has pointed out minor errors of form in your submission. "
                "Please see the details on your page and correct them; the review goes on."
            ),
        ),
        _("Follow your submission"),
    ),
    "admissible": Message(
        _("%(reference)s: determination %(code)s under Article 18.8.2"),
        (
            _(
                "The Secretariat has determined (%(code)s) that your submission meets the "
                "criteria of Article 18.8.2. It will now consider whether to request a "
                "response from the Party."
            ),
        ),
        _("Follow your submission"),
        when=(TARGET_OF_RESPONSE_DECISION,),
    ),
    "revision_window": Message(
        _("%(reference)s: determination %(code)s under Article 18.8.2"),
        (
            _(
                "The Secretariat has determined (%(code)s) that your submission does not meet "
                "the criteria of Article 18.8.2."
            ),
            _("You may file a revised submission until %(due_on)s."),
        ),
        _("Follow your submission"),
        # Walk 65: "does not meet the criteria" read as failing every one; one had failed.
        when=(
            (
                "unmet",
                _(
                    "Criteria not met: %(unmet)s. Your private page gives the reasons for each "
                    "criterion."
                ),
            ),
        ),
    ),
    "request_sent": Message(
        _("%(reference)s: a response has been requested from the Party"),
        (
            _(
                "The Secretariat has determined (%(code)s) that your submission merits "
                "requesting a response %(from_party)s, and has sent the request."
            ),
            # Walk 145: the Party was told the date, the submitters were not.
            _("The response is due on %(due_on)s (Article 18.8.5)."),
        ),
        _("Follow your submission"),
    ),
    "determination_closed": Message(
        _("%(reference)s: determination %(code)s"),
        (
            _("The Secretariat has issued its determination %(code)s on your submission."),
            _("The case is now closed: %(closure)s."),
        ),
        _("Follow your submission"),
    ),
    "request_to_party": Message(
        _("%(reference)s: request for a response (Article 18.8.4)"),
        (
            _(
                "The Secretariat requests a response %(from_party)s to submission "
                "%(reference)s, “%(title)s”."
            ),
            _(
                "The submission and all its supporting documents, confidential ones included, "
                "are available to you in the portal."
            ),
            _("The response is due on %(due_on)s (Article 18.8.5)."),
            MORE_TIME,
        ),
        _("Open the case in the portal"),
    ),
    "party_responded": Message(
        _("%(reference)s: the Party has responded"),
        (
            _(
                "The response %(from_party)s to the Secretariat's request about your "
                "submission has been received."
            ),
            NEXT_AFTER_RESPONSE,
        ),
        _("Follow your submission"),
        when=(TARGET_OF_NOTIFICATION,),
    ),
    "response_received": Message(
        _("%(reference)s: your response has been received"),
        (
            _("The Secretariat has received the response %(from_party)s on %(on)s."),
            # Walk 146: the email said no more; the receipt is where the rest is.
            _(
                "Its receipt, in the case's history in the portal, lists each document "
                "received, who sees it, and its SHA-256 fingerprint."
            ),
        ),
        _("Open the case in the portal"),
        when=(TARGET_OF_NOTIFICATION,),
    ),
    "response_to_staff": Message(
        _("%(reference)s: the Party has responded"),
        (_("The response %(from_party)s to the Secretariat's request was received on %(on)s."),),
        when=(TARGET_OF_NOTIFICATION,),
    ),
    "factual_record_warranted": Message(
        _("%(reference)s: the Secretariat has informed the Council"),
        (
            _(
                "The Secretariat considers that your submission warrants a factual record and "
                "has informed the Environmental Affairs Council (%(code)s)."
            ),
            NEXT_AFTER_NOTIFICATION,
        ),
        _("Follow your submission"),
        when=(TARGET_OF_INSTRUCTION,),
    ),
    "council_notification": Message(
        # No code: its lone "N" read as a riddle (walk 140); the body gives the whole code.
        _("%(reference)s: notification under Article 18.9.1"),
        (
            _(
                "The Secretariat informs the Council that submission %(reference)s, "
                "“%(title)s”, warrants the development of a factual record (%(code)s)."
            ),
            _("Any member of the Council may instruct the Secretariat to prepare it."),
        ),
        _("Open the case in the portal"),
        when=(TARGET_OF_INSTRUCTION,),
    ),
    "record_instructed": Message(
        _("%(reference)s: a factual record will be prepared"),
        (
            _(
                "On %(on)s, the Environmental Affairs Council instructed the Secretariat to "
                "prepare a factual record on your submission."
            ),
            NEXT_AFTER_INSTRUCTION,
        ),
        _("Follow your submission"),
        when=(TARGET_OF_DRAFT,),
    ),
    "instruction_to_staff": Message(
        _("%(reference)s: the Council instructs a factual record"),
        (
            _(
                "A member of the Council %(from_acting_party)s instructed the Secretariat on "
                "%(on)s to prepare a factual record on submission %(reference)s, “%(title)s”."
            ),
        ),
        when=(TARGET_OF_DRAFT,),
        together=Message(
            _("%(reference)s: the Council instructs a factual record"),
            (
                _(
                    "The Council has instructed the Secretariat to prepare a factual record on "
                    "submission %(reference)s, “%(title)s”."
                ),
                MEMBERS_SO_FAR,
            ),
            when=(TARGET_OF_DRAFT,),
        ),
    ),
    # Walk 61: the focal points of the Party concerned heard nothing of the instruction.
    "record_instructed_party": Message(
        _("%(reference)s: the Council instructs a factual record"),
        (
            _(
                "On %(on)s, the Council instructed the Secretariat to prepare a factual record on "
                "submission %(reference)s, “%(title)s”, %(concerning_party)s. Your Party will be "
                "invited to comment on its draft."
            ),
        ),
        _("Open the case in the portal"),
        when=(TARGET_OF_DRAFT,),
    ),
    "vote_to_staff": Message(
        _("%(reference)s: a Council member's vote for a factual record"),
        (
            _(
                "A member of the Council %(from_acting_party)s voted on %(on)s for a factual "
                "record on submission %(reference)s, “%(title)s”."
            ),
            _(
                "Members who have voted so far: %(votes)s of the %(needed)s the Council's rule "
                "asks for. The case waits for the others."
            ),
        ),
    ),
    "council_draft": Message(
        _("%(reference)s: draft factual record"),
        (
            _(
                "The Secretariat has submitted the draft factual record on submission "
                "%(reference)s to the Council."
            ),
        ),
        _("Open the case in the portal"),
        when=(TARGET_OF_COMMENTS,),
    ),
    "draft_for_comment": Message(
        _("%(reference)s: draft factual record for comment"),
        (
            _(
                "The draft factual record on submission %(reference)s is available. Each "
                "Party may comment on its accuracy until %(due_on)s (Article 18.9.5)."
            ),
        ),
        _("Open the case in the portal"),
    ),
    "comments_to_staff": Message(
        _("%(reference)s: comments on the draft factual record"),
        (
            _(
                "Comments %(from_acting_party)s on the draft factual record on submission "
                "%(reference)s were received on %(on)s."
            ),
        ),
    ),
    "council_final": Message(
        _("%(reference)s: final factual record"),
        (
            _(
                "The Secretariat has submitted the final factual record on submission "
                "%(reference)s to the Council."
            ),
            AFTER_FINAL_RECORD,
        ),
        _("Open the case in the portal"),
    ),
    "draft_submitted": Message(
        _("%(reference)s: draft factual record submitted to the Council"),
        (
            _(
                "On %(on)s, the Secretariat submitted the draft factual record on your submission "
                "to the Environmental Affairs Council. Each Party may comment on its accuracy "
                "within 45 days (Article 18.9.5); the draft is not made public. The Secretariat "
                "then prepares the final factual record."
            ),
        ),
        _("Follow your submission"),
        when=(TARGET_OF_COMMENTS,),
    ),
    "final_record_submitted": Message(
        _("%(reference)s: final factual record submitted to the Council"),
        (
            _(
                "On %(on)s, the Secretariat submitted the final factual record on your submission "
                "to the Environmental Affairs Council. It will be published if a member of the "
                "Council so instructs."
            ),
        ),
        _("Follow your submission"),
    ),
    "publication_to_staff": Message(
        _("%(reference)s: the Council instructs publication"),
        (
            _(
                "A member of the Council %(from_acting_party)s instructed the Secretariat on "
                "%(on)s to publish the final factual record on submission %(reference)s."
            ),
        ),
        when=(TARGET_OF_PUBLICATION,),
        together=Message(
            _("%(reference)s: the Council instructs publication"),
            (
                _(
                    "The Council has instructed the Secretariat to publish the final factual "
                    "record on submission %(reference)s."
                ),
                MEMBERS_SO_FAR,
            ),
            when=(TARGET_OF_PUBLICATION,),
        ),
    ),
    "publication_vote_to_staff": Message(
        _("%(reference)s: a Council member's vote to publish the factual record"),
        (
            _(
                "A member of the Council %(from_acting_party)s voted on %(on)s to publish the "
                "final factual record on submission %(reference)s."
            ),
            _(
                "Members who have voted so far: %(votes)s of the %(needed)s the Council's rule "
                "asks for. The record is published once they are reached."
            ),
        ),
    ),
    "response_published": Message(
        _("%(reference)s: the Party's response is public"),
        (
            _(
                "On %(on)s, the Secretariat published the response of the Party concerned to your "
                "submission. It is on the case's page."
            ),
        ),
        _("Follow your submission"),
        public_link_label=_("Read the response on the public docket"),
        when=(TARGET_OF_NOTIFICATION,),
    ),
    "publication_instructed": Message(
        _("%(reference)s: the factual record will be published"),
        (
            _(
                "On %(on)s, the Environmental Affairs Council instructed the Secretariat to "
                "publish the final factual record on your submission. You will be told by email "
                "when it is published."
            ),
        ),
        _("Follow your submission"),
        when=(TARGET_OF_PUBLICATION,),
    ),
    "published": Message(
        _("%(reference)s: factual record published"),
        # Dated, as every other email of a step (walk 159: this one alone said no day).
        (
            _(
                "On %(on)s, the final factual record on your submission was published. The "
                "case is closed."
            ),
        ),
        _("Follow your submission"),
        public_link_label=_("Read the factual record on the public docket"),
    ),
    "record_published": Message(
        _("%(reference)s: factual record published"),
        (
            _(
                "The Secretariat published the final factual record on submission "
                "%(reference)s on %(on)s. The case is closed."
            ),
        ),
        _("Open the case in the portal"),
        public_link_label=_("Read the factual record on the public docket"),
    ),
    "withholding_to_staff": Message(
        _("%(reference)s: a submitter's identity withheld from the public"),
        (
            _(
                "On %(on)s a submitter of submission %(reference)s asked that their identity "
                "be withheld from the public. The public surfaces now show the label in their "
                "name's place; reword any public title, summary or document that names them."
            ),
        ),
    ),
    "erratum": Message(
        _("%(reference)s: erratum to a decision"),
        (
            _(
                "On %(on)s the Secretariat issued an erratum to one of its decisions on your "
                "submission. The decision and its erratum are both on the case's page."
            ),
        ),
        _("Follow your submission"),
    ),
    "consolidated": Message(
        _("%(reference)s: consolidated with an earlier submission"),
        (
            _(
                "On %(on)s the Secretariat consolidated your submission with %(with)s, an "
                "earlier submission about the same facts: the two are considered together. The "
                "pages of both in the public docket link to each other, and yours gives the "
                "reasons."
            ),
        ),
        _("Follow your submission"),
    ),
    "consolidated_into": Message(
        _("%(with)s: a later submission was consolidated with yours"),
        (
            _(
                "On %(on)s the Secretariat consolidated %(reference)s, a later submission about "
                "the same facts, with yours: the two are considered together. The pages of "
                "both in the public docket link to each other."
            ),
        ),
        _("Follow your submission"),
    ),
    "case_closed": Message(
        _("%(reference)s: the case is closed"),
        (_("The case of your submission is now closed: %(closure)s."),),
        _("Follow your submission"),
        when=(("reasons", _("Your private page gives the Secretariat's reasons.")),),
    ),
    "revision_received": Message(
        _("%(reference)s: revised submission received"),
        (
            _(
                "A revised submission was filed on your case on %(on)s. The Secretariat checks "
                "it against the criteria again and tells you of its determination; the public "
                "sees its files once the Secretariat has reviewed them."
            ),
        ),
        _("Follow your submission"),
        when=(TARGET_OF_ADMISSIBILITY,),
    ),
    "joined": Message(
        _("%(reference)s: you have joined the submission"),
        (
            _(
                "The Secretariat has recorded on %(on)s that you join the submission "
                "“%(title)s” (%(reference)s) as a submitter."
            ),
            _(
                "Keep the link below: it is your private page to follow the case, add "
                "information or withdraw."
            ),
        ),
        _("Follow your submission"),
    ),
    "information_received": Message(
        _("%(reference)s: information added to your case"),
        (
            _(
                "Information was added to your case on %(on)s. The Secretariat and the "
                "submitters see it; it is not published."
            ),
        ),
        _("Follow your submission"),
    ),
    "revision_to_staff": Message(
        _("%(reference)s: revised submission filed"),
        (
            _(
                "The submitters filed a revised submission on %(on)s. Its files wait for your "
                "review before the public sees them."
            ),
        ),
        when=(TARGET_OF_ADMISSIBILITY,),
    ),
    "information_thanks": Message(
        _("%(reference)s: the information you sent has been received"),
        (
            _(
                "The Secretariat received on %(on)s the information you sent for the factual "
                "record on the submission “%(title)s”. It will consider it in preparing the "
                "record; what you sent is not published unless the Secretariat decides so."
            ),
        ),
        _("See the case on the public docket"),
    ),
    "public_information_to_staff": Message(
        _("%(reference)s: information sent for the factual record"),
        (_("Information for the factual record was sent through the docket on %(on)s."),),
    ),
    "information_to_staff": Message(
        _("%(reference)s: information added by the submitters"),
        (_("The submitters added information to the case on %(on)s."),),
    ),
    "recommendation_to_staff": Message(
        _("%(reference)s: a Council member's recommendation"),
        (
            _(
                "A member of the Council %(from_acting_party)s made a recommendation on "
                "submission %(reference)s on %(on)s. Where it was sent for the public, its text "
                "awaits your review."
            ),
        ),
    ),
    "supplement_to_staff": Message(
        _("%(reference)s: supplemental information from the Party"),
        (
            _(
                "The Party concerned sent supplemental information on submission "
                "%(reference)s on %(on)s, after its response."
            ),
        ),
    ),
    "vote_against_to_staff": Message(
        _("%(reference)s: a Council member's vote against a factual record"),
        (
            _(
                "A member of the Council %(from_acting_party)s voted on %(on)s against "
                "preparing a factual record on submission %(reference)s."
            ),
        ),
    ),
    # Walk 130: the Council members who had not voted and the Party concerned heard nothing
    # when the votes against closed the case.
    "council_declined_portal": Message(
        _("%(reference)s: no factual record; the case is closed"),
        (
            _(
                "A member of the Council %(from_acting_party)s voted on %(on)s against "
                "preparing a factual record on submission %(reference)s, “%(title)s”. With "
                "that vote the Council can no longer instruct one: the case is closed."
            ),
        ),
        _("Open the case in the portal"),
    ),
    # Walk 141: a Party asked for its response was not told that the case closed.
    "closed_to_party": Message(
        _("%(reference)s: the case is closed"),
        (
            _(
                "Submission %(reference)s, “%(title)s”, was closed on %(on)s: %(closure)s. "
                "Nothing more is asked of your Party on it."
            ),
        ),
        _("Open the case in the portal"),
    ),
    "letter_to_staff": Message(
        _("%(reference)s: a letter %(from_acting_party)s"),
        (
            _(
                "A letter %(from_acting_party)s on submission %(reference)s was received "
                "through its portal on %(on)s."
            ),
        ),
    ),
    **EXTENSION_MESSAGES,
    **LEAVING_MESSAGES,
    **WORK_MESSAGES,
}
