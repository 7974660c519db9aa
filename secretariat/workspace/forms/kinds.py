"""Which form each action of the transition table uses."""

from secretariat.workspace.forms.actions import ActionForm
from secretariat.workspace.forms.acts import (
    AssignForm,
    CallForm,
    CouncilActForm,
    IdentityForm,
    JoinForm,
    LeavingForm,
    MissedTargetForm,
    PartyConcernedForm,
    PartyForm,
    RecomputeForm,
    RecordedCommentForm,
    RecordedCorrespondenceForm,
    RecordedInformationForm,
    RecordedRecommendationForm,
    RecordedResponseForm,
    RequestDeliveredForm,
    SubmitterActForm,
)
from secretariat.workspace.forms.decisions import (
    AdmissibilityForm,
    ClosureForm,
    ConsolidationForm,
    ErratumForm,
    FactualRecordForm,
    MessageForm,
    OutcomeForm,
    ReopenForm,
    ResponseDecisionForm,
)
from secretariat.workspace.forms.publication import PublicationForm
from secretariat.workspace.forms.review import AcknowledgementForm
from secretariat.workspace.forms.visibility import VisibilityForm
from workflow.table import TABLE

FORMS = {
    "acknowledged": AcknowledgementForm,
    "admissibility_determined": AdmissibilityForm,
    "response_decided": ResponseDecisionForm,
    "factual_record_notified": OutcomeForm,
    "form_errors_noted": MessageForm,
    "closed": ClosureForm,
    "reopened": ReopenForm,
    "assigned": AssignForm,
    "council_instructed": CouncilActForm,
    "publication_instructed": CouncilActForm,
    "council_declined": PartyForm,
    "erratum": ErratumForm,
    "consolidated": ConsolidationForm,
    "published": PublicationForm,
    "draft_submitted": FactualRecordForm,
    "final_submitted": FactualRecordForm,
    "draft_commented": RecordedCommentForm,
    "recommendation_made": RecordedRecommendationForm,
    "extension_notified": PartyConcernedForm,
    "party_responded": RecordedResponseForm,
    "party_information_added": PartyConcernedForm,
    "revision_filed": SubmitterActForm,
    "information_added": SubmitterActForm,
    "withdrawn": SubmitterActForm,
    "identity_withheld": IdentityForm,
    "submitter_left": LeavingForm,
    "submitters_joined": JoinForm,
    "information_called": CallForm,
    "information_submitted": RecordedInformationForm,
    "correspondence": RecordedCorrespondenceForm,
    "visibility_changed": VisibilityForm,
    "deadline_missed_explained": MissedTargetForm,
    "request_delivered": RequestDeliveredForm,
    "deadlines_recomputed": RecomputeForm,
}


def action_form(kind: str, submission, data=None, files=None) -> ActionForm:
    rule = TABLE[kind]
    cls = FORMS.get(kind, ActionForm)
    return cls(data, files, submission=submission, rule=rule)
