"""Storing the documents an event carries: streamed to storage, hashed, type sniffed."""

import contextvars
import os
import re
import unicodedata
from dataclasses import dataclass, replace

import filetype
from django.core.files import File

from submissions.models import Document, sha256_of
from submissions.stages import ClosureReason, Visibility

# The registry importer collects the names of files stored for a case, to remove them if the
# case is refused (a refused case leaves nothing behind in the media folder).
STORED_FILES: contextvars.ContextVar[list | None] = contextvars.ContextVar(
    "stored_files", default=None
)


def safe_name(name: str) -> str:
    """A file name safe to store: no directories, ASCII letters, digits, dots and dashes."""
    base = os.path.basename(name or "").strip()
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip(".-")
    if len(base) > 120:  # cut in its stem: the extension stays (walk 76)
        stem, extension = os.path.splitext(base)
        extension = extension[:16]
        base = stem[: 120 - len(extension)].rstrip(".-") + extension
    return base or "file"


def given_name(name: str) -> str:
    """A file's name as the person gave it, without folders, at most 255 characters (the
    column's): a longer one keeps its start and its extension. Pages and downloads use it;
    storage uses ``safe_name``."""
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    if len(base) > 255:
        stem, extension = os.path.splitext(base)
        base = stem[: 254 - len(extension)] + "…" + extension
    return base


def sniff(fileobj) -> str:
    """The content type read from the file's first bytes (not from its name)."""
    fileobj.seek(0)
    head = fileobj.read(8192)
    fileobj.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind else "application/octet-stream"


@dataclass
class DocumentInput:
    title: str
    language: str
    file: object = None  # a Django File/UploadedFile, or None (a document known only by title)
    visibility: str | None = None
    kind: str | None = None
    # An index in the same list, or a stored Document of an earlier event of the case.
    translation_of: "int | Document | None" = None
    official_translation: bool = False
    redacted_version_of: "int | Document | None" = None
    # When re-using an already stored file (four-eyes approval, import of known hashes).
    stored_name: str = ""
    sha256: str = ""
    size: int | None = None
    content_type: str = ""

    def restricted(self, kind: str) -> "DocumentInput":
        """The same document kept at Secretariat level (a proposal's draft), of ``kind`` (the
        proposed decision's) unless it says its own: its approval issues it as that."""
        return replace(self, visibility=Visibility.SECRETARIAT, kind=self.kind or kind)

    @classmethod
    def copy_of(cls, document: Document, visibility=None) -> "DocumentInput":
        return cls(
            title=document.title,
            language=document.language,
            visibility=visibility or document.visibility,
            kind=document.kind,
            official_translation=document.official_translation,
            stored_name=document.file.name if document.file else "",
            sha256=document.sha256,
            size=document.size,
            content_type=document.content_type,
        )


# The kinds of document that never take their event's code: a letter a decision issues.
UNCODED = frozenset({Document.Kind.REQUEST})


def default_level(rule, data) -> str:
    """The level of a document its input gives none: its rule's, except on closing a case as
    not a submission, never public as the case (walks 176, 178: its letter, filed "by the
    action's rules", was proposed as public and its approval refused)."""
    if rule.kind == "closed" and (data or {}).get("reason") == ClosureReason.NOT_A_SUBMISSION:
        return Visibility.SUBMITTER
    return rule.default_visibility


def prepare(event, inputs, rule) -> list[Document]:
    """The Document rows of an event, in order, with their files already in storage (streamed,
    hashed, sniffed) but the rows not yet saved: the event's hash covers them first."""
    rows = []
    for position, item in enumerate(inputs):
        visibility = item.visibility or default_level(rule, event.data)
        if rule.kind == "draft_submitted" and item.visibility is None:
            visibility = Visibility.PARTIES  # drafts are never public (Art. 18.9.5)
        if rule.kind == "final_submitted" and item.visibility is None:
            visibility = Visibility.PARTIES  # public only once published
        kind = item.kind or rule.document_kind
        document = Document(
            submission=event.submission,
            event=event,
            position=position,
            kind=kind,
            # The event's code is its decision's (PROCESS.md: determinations /D1, /D2…,
            # notifications /N): not the request for a response issued with one (walk 56: it
            # carried the 17.7.4 determination's D2).
            code="" if kind in UNCODED else event.code,
            title=item.title,
            language=item.language,
            author=event.author,
            date=event.on,
            visibility=visibility,
            initial_visibility=visibility,
            official_translation=item.official_translation,
            sha256=item.sha256,
            size=item.size,
            content_type=item.content_type,
        )
        for name in ("translation_of", "redacted_version_of"):
            target = getattr(item, name)
            if isinstance(target, Document):  # a document of an earlier event
                setattr(document, name, target)
            elif target is not None:
                setattr(document, name, rows[target])
        if item.stored_name:
            document.file.name = item.stored_name
        elif item.file is not None:
            fileobj = item.file
            if item.sha256 and item.size is not None and item.content_type:
                document.sha256, document.size = item.sha256, item.size
                document.content_type = item.content_type
            else:
                document.sha256, document.size = sha256_of(fileobj)
                document.content_type = sniff(fileobj)
            document.original_name = given_name(getattr(fileobj, "name", "") or "")
            if not isinstance(fileobj, File):
                fileobj = File(fileobj)
            document.file.save(safe_name(fileobj.name), fileobj, save=False)
            if STORED_FILES.get() is not None:
                STORED_FILES.get().append(document.file.name)
        rows.append(document)
    return rows


def save(event, rows, save_row) -> None:
    for document in rows:
        document.event = event
        save_row(document)
