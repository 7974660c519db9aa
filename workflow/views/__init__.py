"""The Secretariat's workspace, split by noun: the queue, a case, approvals, documents, audit."""

from workflow.views.approvals import approvals, approve, return_proposal
from workflow.views.audit import audit
from workflow.views.case import action, case, file_case
from workflow.views.documents import download
from workflow.views.editing import document_version, link_related, public_texts
from workflow.views.queue import queue

__all__ = [
    "action",
    "approvals",
    "approve",
    "audit",
    "case",
    "document_version",
    "download",
    "file_case",
    "link_related",
    "public_texts",
    "queue",
    "return_proposal",
]
