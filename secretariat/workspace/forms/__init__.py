"""The workspace's forms, by noun: what every action asks (``actions``), the determinations
(``decisions``), acts recorded for others and housekeeping (``acts``), which form each action
uses (``kinds``), the paper filing (``filing``) and the queue's filters (``queue``)."""

from secretariat.workspace.forms.actions import ActionForm
from secretariat.workspace.forms.filing import PaperFilingForm, ReturnForm
from secretariat.workspace.forms.kinds import FORMS, action_form
from secretariat.workspace.forms.queue import QueueFilterForm

__all__ = [
    "FORMS",
    "ActionForm",
    "PaperFilingForm",
    "QueueFilterForm",
    "ReturnForm",
    "action_form",
]
