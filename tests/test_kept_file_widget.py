"""Walk 83: a file kept from the last post (``AccessibleForm.keeps_files``: the portals' and the
workspace's forms) is named by its input, whose aria-describedby points at the "Kept from your
last attempt: <name>" paragraph as well as at its help and errors, and its "Remove" box names
the file it removes; the input read only "File, no file chosen"."""

import lxml.html
import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string

from secretariat.web.forms import AccessibleForm, DocumentField
from tests.filing.conftest import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


class _Letter(AccessibleForm):
    keeps_files = True
    title = forms.CharField(label="Title")
    letter = DocumentField(label="Letter", help_text="A PDF.")
    annex = DocumentField(label="Annex", required=False)


def _render(form):
    html = "".join(render_to_string("forms/_field.html", {"field": field}) for field in form)
    return lxml.html.fromstring(f"<div>{html}</div>")


def test_a_kept_file_is_named_by_its_input_and_its_remove_box():
    form = _Letter(data={"title": ""}, files={"letter": SimpleUploadedFile("carta.pdf", PDF)})
    assert not form.is_valid()
    form.keep_files()
    page = _render(form)
    described = page.get_element_by_id("id_letter").get("aria-describedby").split()
    assert described == ["id_letter-help", "id_letter-kept"]
    assert "carta.pdf" in page.get_element_by_id("id_letter-kept").text_content()
    (label,) = page.xpath("//label[@for='id_letter-drop']")
    assert label.text_content().strip() == "Remove carta.pdf"
    # A slot that keeps nothing points at nothing more.
    assert not page.get_element_by_id("id_annex").get("aria-describedby")
    form.forget_kept()
