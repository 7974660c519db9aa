"""The Secretariat's workspace, split by noun: the queue, a case, approvals, documents, audit."""

from secretariat.workspace.views.approvals import approvals, approve, return_proposal
from secretariat.workspace.views.audit import (
    audit,
    audit_access_log,
    audit_export,
    audit_row_history,
)
from secretariat.workspace.views.case import action, case, file_case
from secretariat.workspace.views.documents import download
from secretariat.workspace.views.editing import document_version, link_related, public_texts
from secretariat.workspace.views.queue import queue
from secretariat.workspace.views.tracking import tracking_link

__all__ = [
    "action",
    "approvals",
    "approve",
    "audit",
    "audit_access_log",
    "audit_export",
    "audit_row_history",
    "case",
    "document_version",
    "download",
    "file_case",
    "link_related",
    "public_texts",
    "queue",
    "return_proposal",
    "tracking_link",
]
