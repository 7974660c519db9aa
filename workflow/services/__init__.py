"""Every change to a case goes through here, split by noun: recording an event (the one writer
of a case's stage), filing, four eyes, the calendar, the Secretariat's edits, and which actions
an actor may take now. Views, admin actions, Celery tasks, management commands and the registry
importer call these; nothing else writes a submission's stage."""

from submissions.storage import DocumentInput
from workflow.actors import Actor
from workflow.services.actions import available_actions
from workflow.services.calendar import (
    due_deadlines,
    open_lapsed_deadlines,
    recompute_deadlines,
    remove_non_working_day,
    set_deadline_length,
    set_non_working_day,
)
from workflow.services.cases import (
    add_document_version,
    link_related,
    set_public_texts,
    unlink_related,
)
from workflow.services.context import Context, ImportOptions, today
from workflow.services.effects import published_with_the_record
from workflow.services.filing import FilingInput, LawInput, SubmitterInput, file_submission
from workflow.services.four_eyes import approve_proposal, return_proposal
from workflow.services.recording import date_order_error, flush_deferred, record_event

__all__ = [
    "Actor",
    "Context",
    "DocumentInput",
    "FilingInput",
    "ImportOptions",
    "LawInput",
    "SubmitterInput",
    "add_document_version",
    "approve_proposal",
    "available_actions",
    "date_order_error",
    "due_deadlines",
    "file_submission",
    "flush_deferred",
    "link_related",
    "open_lapsed_deadlines",
    "published_with_the_record",
    "recompute_deadlines",
    "record_event",
    "remove_non_working_day",
    "return_proposal",
    "set_deadline_length",
    "set_non_working_day",
    "set_public_texts",
    "today",
    "unlink_related",
]
