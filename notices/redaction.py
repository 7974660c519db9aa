"""A public file without the names of the submitters who withhold their identity.

``notices.services.public_copy`` serves a public document's file through here when its case
has such a submitter. A formal document the Secretariat issued is handled there (a Word file
redacted in its text by ``documents.redact_names``, a PDF composed again); this module takes
the names out of everything else a file carries, and out of the files people upload, where a
name hides in places nobody reads on screen (walk 30: a Word file's author, ``dc:creator``,
and a PDF's ``/Author``, served as uploaded although the submitter's name was withheld):

- a ZIP-based office file (Word, OpenDocument, Excel): every XML part, its metadata
  (``docProps/core.xml``, ``docProps/app.xml``, ``meta.xml``) included, each name replaced by
  the withheld label; the archive is written again with its parts in their order and
  compression (OpenDocument's ``mimetype`` stays first and stored);
- any other file (PDF, JPEG, PNG, MP4): each name, in the encodings files write text in, is
  overwritten by as many ``X`` bytes, so no offset moves (a PDF's cross-reference table stays
  right); a PNG's chunks get their checksums computed again.

A name written otherwise (compressed inside a PDF's page streams, split across a Word file's
runs in a part python-docx does not read) is not found here: the Secretariat checks a public
file's text and publishes a redacted version where it names someone (PROCESS.md).
"""

import io
import struct
import zipfile
import zlib
from xml.sax.saxutils import escape

from django.utils import translation

from submissions import access

ZIP_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text",
}
ENCODINGS = ("utf-8", "cp1252", "utf-16-be", "utf-16-le")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def without_names(content: bytes, content_type: str, names: list[str], language: str):
    """``content`` with each of ``names`` taken out as above, or ``None`` where it names none
    of them."""
    names = [name for name in names if name]
    if not names:
        return None
    if content_type in ZIP_TYPES and zipfile.is_zipfile(io.BytesIO(content)):
        with translation.override(language):
            label = str(access.WITHHELD_LABEL)
        return _zip_without(content, names, label)
    return _bytes_without(content, names)


def _zip_without(content: bytes, names: list[str], label: str) -> bytes | None:
    source = zipfile.ZipFile(io.BytesIO(content))
    parts = []
    found = False
    for info in source.infolist():
        data = source.read(info)
        if info.filename.endswith((".xml", ".rels")):
            text = data.decode("utf-8", errors="surrogateescape")
            for name in names:
                for written in {name, escape(name)}:
                    if written in text:
                        found = True
                        text = text.replace(written, escape(label))
            data = text.encode("utf-8", errors="surrogateescape")
        parts.append((info, data))
    if not found:
        return None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info, data in parts:
            target.writestr(info, data, compress_type=info.compress_type)
    return out.getvalue()


def _bytes_without(content: bytes, names: list[str]) -> bytes | None:
    found = False
    for name in names:
        for encoding in ENCODINGS:
            try:
                written = name.encode(encoding)
            except UnicodeEncodeError:
                continue
            if written in content:
                found = True
                filler = ("X" * len(name)).encode(encoding)  # "X" in the name's own encoding
                if len(filler) != len(written):  # UTF-8's accents take two bytes
                    filler = b"X" * len(written)
                content = content.replace(written, filler)
    if not found:
        return None
    return _png_checksums(content) if content.startswith(PNG_SIGNATURE) else content


def _png_checksums(content: bytes) -> bytes:
    """A PNG with every chunk's CRC computed again (a changed text chunk would fail its own)."""
    out = bytearray(content[:8])
    at = 8
    while at + 8 <= len(content):
        (length,) = struct.unpack(">I", content[at : at + 4])
        kind_and_data = content[at + 4 : at + 8 + length]
        out += content[at : at + 4] + kind_and_data
        out += struct.pack(">I", zlib.crc32(kind_and_data) & 0xFFFFFFFF)
        at += 12 + length
    out += content[at:]
    return bytes(out)
