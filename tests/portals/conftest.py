import io

import pytest

from submissions.storage import DocumentInput
from tests.helpers_cases import drive

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="annex.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def stored_pdf(name="confidential.pdf"):
    buffer = io.BytesIO(PDF)
    buffer.name = name
    return buffer


@pytest.fixture
def a_awaiting(db):
    """A case of Party A awaiting its response, with a confidential annex forwarded to it."""
    story = drive("response_decision")
    story.add(
        "information_added",
        after=1,
        author="submitter",
        visibility="party_concerned",
        documents_in=[
            DocumentInput(
                title="Anexo confidencial",
                language="es",
                file=stored_pdf(),
                visibility="party_concerned",
                kind="annex",
            )
        ],
    )
    story.add("response_decided", data={"outcome": "request"}, after=1)
    return story
