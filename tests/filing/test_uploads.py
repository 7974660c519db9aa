"""Attachment checks: each accepted type by its first bytes, and mismatches refused."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from submissions import uploads
from tests.filing.conftest import EXE, PDF, PNG


def zipped(*names) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in names:
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zipped(("[Content_Types].xml", "<x/>"), ("word/document.xml", "<x/>"))
XLSX = zipped(("[Content_Types].xml", "<x/>"), ("xl/workbook.xml", "<x/>"))
ODT = zipped(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>"))
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.pdf", PDF, "application/pdf"),
        ("a.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("a.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("a.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("a.mp4", MP4, "video/mp4"),
        ("a.JPG", JPEG, "image/jpeg"),
        ("a.jpeg", JPEG, "image/jpeg"),
        ("a.png", PNG, "image/png"),
    ],
)
def test_each_accepted_type(name, content, expected):
    assert uploads.check(SimpleUploadedFile(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("a.pdf", EXE, "mismatch"),
        ("a.docx", PDF, "mismatch"),
        ("a.png", JPEG, "mismatch"),
        ("a.exe", EXE, "type"),
        ("noextension", PDF, "type"),
        ("a.pdf", b"", "empty"),
    ],
)
def test_refused(name, content, code):
    with pytest.raises(ValidationError) as error:
        uploads.check(SimpleUploadedFile(name, content))
    assert error.value.code == code


def test_a_token_that_was_tampered_with_is_forgotten(db):
    assert uploads.from_token("") is None
    assert uploads.from_token("x" * 3000) is None
    assert uploads.from_token("eyJuIjoiLi4vLi4vZXRjL3Bhc3N3ZCJ9:abc") is None


def test_a_file_just_over_the_limit_reads_over_it(settings):
    """Walk 87: a file of 25 MB and one byte read "25.0 MB; each file may be at most
    25.0 MB". When the rounded sizes read the same, both are given in bytes."""
    from django.utils import translation

    settings.SEM_FILING_MAX_FILE_BYTES = 25 * 1024 * 1024
    upload = SimpleUploadedFile("big.pdf", PDF)
    upload.size = 25 * 1024 * 1024 + 1
    with pytest.raises(ValidationError) as refused:
        uploads.checked_type(upload)
    assert refused.value.messages == [
        "“big.pdf” is 26,214,401 bytes; each file may be at most 26,214,400 bytes."
    ]
    with translation.override("es"), pytest.raises(ValidationError) as refused:
        uploads.checked_type(upload)
    assert "pesa 26\xa0214\xa0401 bytes;" in refused.value.messages[0]
    upload.size = 30 * 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        uploads.checked_type(upload)
    assert refused.value.messages == [
        "“big.pdf” is 30.0\xa0MB; each file may be at most 25.0\xa0MB."
    ]
