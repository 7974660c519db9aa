"""The Secretariat's workspace, split by noun: the queue, a case, approvals, documents, audit."""

from .approvals import approvals, approve, return_proposal
from .audit import audit
from .case import action, case, file_case
from .documents import download
from .editing import document_version, link_related, public_texts
from .queue import queue

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
