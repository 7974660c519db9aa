"""The one upload policy: every file a person or the staff uploads (public filing and tracking,
the information form, the portals, the workspace) is checked here, and the public forms' files
are kept across a failed validation and handed to the workflow.

The types (``SEM_FILING_TYPES``, narrowed by ``SEM_FILING_ALLOWED_EXTENSIONS``), the limit per
file (``SEM_FILING_MAX_FILE_BYTES``) and for all files of one form together
(``SEM_FILING_MAX_TOTAL_BYTES``) come from the settings, for every website alike. The form
field that applies it is ``secretariat.web.forms.DocumentField``.

A file is checked before anything else is done with it: an allowed extension, a size within the
per-file limit, and first bytes that show the type its extension claims (a program renamed
``report.pdf`` is refused), then the optional virus scan (clamd), which quarantines a flagged
file. A file that passes is streamed to a temporary area of the default storage
(``pending/<random>/``) and referred to by a signed token in a hidden field, so that a person
whose form comes back with an error does not upload it again. On success it becomes a
``DocumentInput`` that the workflow streams to its final place and hashes; files are never read
whole into memory.
"""

import contextlib
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from submissions import virusscan
from submissions.models import sha256_of
from submissions.storage import DocumentInput, given_name, safe_name, sniff

SALT = "submissions.uploads.pending"
PENDING_ROOT = "pending"
QUARANTINE_ROOT = "quarantine"

logger = logging.getLogger("submissions.quarantine")


@dataclass(frozen=True)
class PendingFile:
    """A checked upload waiting in temporary storage for its form to be valid."""

    stored_name: str
    original_name: str
    size: int
    sha256: str
    content_type: str

    @property
    def token(self) -> str:
        return signing.dumps(
            {
                "n": self.stored_name,
                "o": self.original_name,
                "z": self.size,
                "h": self.sha256,
                "c": self.content_type,
            },
            salt=SALT,
            compress=True,
        )

    def open(self):
        """The stored file, named as the person named it (the workflow keeps that name)."""
        fileobj = default_storage.open(self.stored_name, "rb")
        fileobj.name = self.original_name
        return fileobj

    def delete(self) -> None:
        if not self.stored_name.startswith(PENDING_ROOT + "/"):
            return
        default_storage.delete(self.stored_name)
        with contextlib.suppress(OSError):  # not empty, or a storage without folders
            default_storage.delete(os.path.dirname(self.stored_name))  # its random folder


def allowed_extensions() -> list[str]:
    return [e.lower() for e in settings.SEM_FILING_ALLOWED_EXTENSIONS]


def accept_attribute() -> str:
    """The ``accept`` attribute of the file inputs: a hint for the browser's picker only."""
    return ",".join(f".{e}" for e in allowed_extensions())


def extension_of(name: str) -> str:
    return os.path.splitext(name or "")[1].lstrip(".").lower()


def check(upload, *, reference: str = "") -> str:
    """Check one uploaded file and return its sniffed content type, or raise ValidationError
    with a message for the person. ``reference`` (the case's receipt number, when there is a
    case) goes into the log if the file is quarantined."""
    name = os.path.basename(getattr(upload, "name", "") or "")
    extension = extension_of(name)
    allowed = allowed_extensions()
    if extension not in allowed:
        raise ValidationError(
            _("“%(name)s” is not an accepted type of file. Accepted types: %(types)s.")
            % {"name": name, "types": ", ".join(e.upper() for e in allowed)},
            code="type",
        )
    size = getattr(upload, "size", None) or 0
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    if size > settings.SEM_FILING_MAX_FILE_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s; each file may be at most %(limit)s.")
            % {
                "name": name,
                **_over(size, settings.SEM_FILING_MAX_FILE_BYTES),
            },
            code="size",
        )
    content_type = sniff(upload)
    expected = settings.SEM_FILING_TYPES.get(extension)
    if content_type != expected:
        raise ValidationError(
            _(
                "“%(name)s” does not contain what its name says: its content is not a "
                "%(type)s file. Save it again in that format, or give it the right extension."
            )
            % {"name": name, "type": extension.upper()},
            code="mismatch",
        )
    screen(upload, name, content_type, reference=reference)
    return content_type


CHECKED = "sem_checked_content_type"  # set on an upload that passed ``check``


def checked_type(upload, *, reference: str = "") -> str:
    """``check`` an upload once: its sniffed content type, remembered on the upload, so a form
    field's check and the keeping of the file (``stash``) do not scan it twice."""
    content_type = getattr(upload, CHECKED, None)
    if content_type is None:
        content_type = check(upload, reference=reference)
        setattr(upload, CHECKED, content_type)
    return content_type


def help_text() -> str:
    """What a file input may take, for its help text."""
    return _("Accepted types: %(types)s; each file at most %(limit)s.") % {
        "types": ", ".join(e.upper() for e in allowed_extensions()),
        "limit": filesizeformat(settings.SEM_FILING_MAX_FILE_BYTES),
    }


def screen(upload, name: str, content_type: str, *, reference: str = "") -> None:
    """Scan an upload with clamd when one is configured. A file found infected, or one that
    could not be scanned (unless ``SEM_CLAMD_FAIL_OPEN``), is not lost: it is moved to
    ``quarantine/<random>/`` and logged with its SHA-256 and a signed token naming it, and the
    person is told it was held for review (ValidationError, code "held")."""
    if not virusscan.enabled():
        return
    try:
        found = virusscan.scan(upload)
    except virusscan.ScanUnavailable as error:
        if settings.SEM_CLAMD_FAIL_OPEN:
            logger.warning("virus scan unavailable, %s accepted unscanned: %s", name, error)
            return
        held = quarantine(
            upload, content_type, reason=f"scan unavailable: {error}", reference=reference
        )
        raise ValidationError(
            _(
                "“%(name)s” could not be checked for viruses just now, so it was held for review "
                "by the Secretariat and not attached. Your other answers are kept: send the form "
                "again later with the file, or without it."
            )
            % {"name": name},
            code="held",
            params={"token": held.token},
        ) from error
    if found is None:
        return
    held = quarantine(upload, content_type, reason=f"found {found}", reference=reference)
    raise ValidationError(
        _(
            "“%(name)s” was held for review by the Secretariat because a virus check flagged "
            "it, and it was not attached. Your other answers are kept: you may send the form "
            "without it, or with a clean copy."
        )
        % {"name": name},
        code="held",
        params={"token": held.token},
    )


def quarantine(upload, content_type: str, *, reason: str, reference: str = "") -> PendingFile:
    """Move an upload to ``quarantine/<random>/`` and log where, its hash and why."""
    digest, size = sha256_of(upload)
    original = safe_name(upload.name)
    stored = default_storage.save(f"{QUARANTINE_ROOT}/{secrets.token_hex(16)}/{original}", upload)
    held = PendingFile(stored, original, size, digest, content_type)
    logger.warning(
        "upload quarantined (%s): %s sha256=%s size=%s receipt=%s token=%s",
        reason,
        stored,
        digest,
        size,
        reference or "-",
        held.token,
        extra={
            "sha256": digest,
            "stored_name": stored,
            "receipt_number": reference,
            "token": held.token,
        },
    )
    return held


def _over(size: int, limit: int) -> dict:
    """A size over a limit and the limit, as a person reads them: in bytes when the rounded
    sizes would read the same (walk 87: a file of 25 MB and one byte was "25.0 MB; at most
    25.0 MB")."""
    shown, most = filesizeformat(size), filesizeformat(limit)
    if shown == most:
        shown, most = _bytes(size), _bytes(limit)
    return {"size": shown, "limit": most}


def _bytes(count: int) -> str:
    return ngettext("%(count)s byte", "%(count)s bytes", count) % {
        "count": number_format(count, force_grouping=True)
    }


def check_total(sizes) -> None:
    total = sum(sizes)
    if total > settings.SEM_FILING_MAX_TOTAL_BYTES:
        raise ValidationError(
            _("The files together are %(size)s; the limit for all files is %(limit)s.")
            % _over(total, settings.SEM_FILING_MAX_TOTAL_BYTES),
            code="total",
        )


def stash(upload) -> PendingFile:
    """Check an upload (once) and stream it to temporary storage (raises ValidationError)."""
    content_type = checked_type(upload)
    digest, size = sha256_of(upload)
    # Kept under a safe name, shown and recorded under the person's own (walk 76: "Informe de
    # campaña ñandú.pdf" came back as "Informe-de-campana-nandu.pdf").
    folder = f"{PENDING_ROOT}/{secrets.token_hex(16)}"
    stored = default_storage.save(f"{folder}/{safe_name(upload.name)}", upload)
    return PendingFile(stored, given_name(upload.name), size, digest, content_type)


def stale_pending(max_age: int | None = None, now=None) -> list[str]:
    """The stored names of pending files older than ``max_age`` seconds (default
    ``SEM_FILING_PENDING_MAX_AGE``: their tokens no longer open them). A filing that fails
    validation leaves its valid files here (up to the total limit a request), and nothing else
    removes them."""
    max_age = settings.SEM_FILING_PENDING_MAX_AGE if max_age is None else max_age
    cutoff = (now or timezone.now()) - timedelta(seconds=max_age)
    try:
        folders, _files = default_storage.listdir(PENDING_ROOT)
    except (FileNotFoundError, NotADirectoryError):
        return []
    stale = []
    for folder in folders:
        _subfolders, files = default_storage.listdir(f"{PENDING_ROOT}/{folder}")
        for name in files:
            stored = f"{PENDING_ROOT}/{folder}/{name}"
            if default_storage.get_modified_time(stored) < cutoff:
                stale.append(stored)
    return stale


def purge_pending(max_age: int | None = None, now=None) -> int:
    """Delete the stale pending files (and their folders); the number of files deleted."""
    names = stale_pending(max_age, now)
    for stored in names:
        PendingFile(stored, "", 0, "", "").delete()
    if names:
        logging.getLogger(__name__).info("purged %s stale pending upload(s)", len(names))
    return len(names)


def from_token(token: str) -> PendingFile | None:
    """The pending file a signed token stands for, if the token is genuine, recent, and the
    file still there; else None (a forged or stale token is simply forgotten)."""
    if not token or len(token) > 2000:
        return None
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.SEM_FILING_PENDING_MAX_AGE)
        pending = PendingFile(
            stored_name=str(data["n"]),
            original_name=str(data["o"]),
            size=int(data["z"]),
            sha256=str(data["h"]),
            content_type=str(data["c"]),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if not pending.stored_name.startswith(PENDING_ROOT + "/") or ".." in pending.stored_name:
        return None
    if not default_storage.exists(pending.stored_name):
        return None
    return pending


def document_input(
    pending: PendingFile, *, title: str, language: str, confidential: bool, kind=None
) -> DocumentInput:
    """A pending file as a document of an event. Confidential attachments are forwarded to the
    Party concerned if a response is requested, and never published (PROCESS.md)."""
    return DocumentInput(
        title=title,
        language=language,
        file=pending.open(),
        visibility="party_concerned" if confidential else "public",
        kind=kind,
        # Checked and hashed once, when it was stashed: the storage need not read it again.
        sha256=pending.sha256,
        size=pending.size,
        content_type=pending.content_type,
    )
