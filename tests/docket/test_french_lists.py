"""Walk 31: French lists joined by a bare semicolon ("Coalition; Nom non divulgué…",
"Canada; Mexique"), on the public pages, the workspace and the formal documents; French puts
a non-breaking space before it, as before a colon."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from docx import Document as Docx

from notices import services as notices
from secretariat.portals.forms import AttachmentForm
from secretariat.workspace.forms.acts import RecordedCorrespondenceForm
from tests.helpers_cases import D, file_story, frozen
from tests.parties import PROFILE, A
from workflow import services

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "fr" not in PROFILE.languages, reason="fr is not a language of this profile"
    ),
]

FIRST, SECOND = "Asociación Amazónica", "Coalición Río Limpio"
JOINED_FR = f"{FIRST}\u00a0; {SECOND}"


def _case():
    story = file_story(
        submitters=[
            services.SubmitterInput(kind="organization", name=FIRST, nationality=A),
            services.SubmitterInput(kind="organization", name=SECOND, nationality=A),
        ]
    )
    return story


def test_the_public_pages_put_a_space_before_the_semicolon_in_french():
    story = _case()
    story.add("acknowledged")
    client = Client()
    for language, joined in (("fr", JOINED_FR), ("en", f"{FIRST}; {SECOND}")):
        with translation.override(language):
            case_url = reverse("docket_case", kwargs={"slug": story.case.slug})
            list_url = reverse("docket")
        assert joined in client.get(case_url).content.decode()
        assert joined in client.get(list_url).content.decode()


def test_the_french_documents_put_a_space_before_the_semicolon(officer):
    story = _case()
    with frozen(D(2023, 3, 13)):
        event = notices.record_with_documents(story.case, "acknowledged", actor=officer)
    texts = {}
    for document in event.documents.all():
        with document.file.open("rb") as handle:
            doc = Docx(io.BytesIO(handle.read()))
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        texts[document.language] = "\n".join(cells)
    assert JOINED_FR in texts["fr"]
    assert f"{FIRST}; {SECOND}" in texts["en"]


def test_a_portals_attachment_is_feminine_in_french():
    """Walk 31: "Qui peut le consulter" beside a *pièce jointe*; an event keeps "le"."""
    with translation.override("fr"):
        assert str(AttachmentForm().fields["visibility"].label) == "Qui peut la consulter"
        assert str(RecordedCorrespondenceForm.base_fields["event_visibility"].label) == (
            "Qui peut le consulter"
        )
