"""A Party's letter in the demo, as a small .docx (seed_demo and its profiles' cases)."""

import io

import docx
from django.core.files.base import ContentFile

from workflow import services

RESPONSE_TEXT = (
    "The United States has reviewed the submission and describes below the enforcement "
    "actions taken under the Lacey Act in the period the submission covers. (Demo text.)"
)


def letter(title: str, language: str, text: str = RESPONSE_TEXT) -> services.DocumentInput:
    """A Party's letter (its response by default) as a small .docx, so that the demo's public
    response downloads (walk 69: it was listed with no file), and a record made on a Party's
    behalf carries its evidence (walk 84), as the workspace's form requires."""
    letter = docx.Document()
    letter.add_heading(title, level=1)
    letter.add_paragraph(text)
    buffer = io.BytesIO()
    letter.save(buffer)
    name = "letter.docx" if text != RESPONSE_TEXT else "response.docx"
    return services.DocumentInput(
        title=title, language=language, file=ContentFile(buffer.getvalue(), name=name)
    )
