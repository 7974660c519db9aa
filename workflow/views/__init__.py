"""The Secretariat's workspace, split by noun: the queue, a case, approvals, documents, audit."""

from .approvals import approvals, approve, return_proposal
from .audit import audit
from .case import action, case, file_case
from .documents import download
from .queue import queue

__all__ = [
    "action",
    "approvals",
    "approve",
    "audit",
    "case",
    "download",
    "file_case",
    "queue",
    "return_proposal",
]
