"""Walk 55: the portals listed each language version of a generated document as its own
item, the English one under its English title on the Spanish page. As on the docket and the
tracking page, a document is one item, read in the page's language, its other versions
beneath it."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from submissions.models import Document
from tests.helpers_cases import drive
from workflow import services

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("portal", ["party", "council"])
def test_a_documents_language_versions_are_one_item(client, a_focal, a_council, portal):
    story = drive("awaiting_council")  # the Party concerned and the Council see the case
    story.add(
        "correspondence",
        title="Carta",
        visibility="parties",
        documents_in=[
            services.DocumentInput(
                title="Carta a las Partes",
                language="es",
                file=ContentFile(PDF, name="es.pdf"),
                visibility="parties",
            ),
            services.DocumentInput(
                title="Letter to the Parties",
                language="en",
                file=ContentFile(PDF, name="en.pdf"),
                translation_of=0,
                official_translation=True,
                visibility="parties",
            ),
        ],
    )
    versions = dict(
        Document.objects.filter(
            submission=story.case, title__in=["Carta a las Partes", "Letter to the Parties"]
        ).values_list("language", "pk")
    )
    client.force_login(a_focal if portal == "party" else a_council)
    for language, other_name in (("es", "Inglés"), ("en", "Spanish")):
        with translation.override(language):
            page = client.get(reverse(f"{portal}_case", kwargs={"pk": story.case.pk}))
            link = reverse(
                f"{portal}_document",
                kwargs={"pk": story.case.pk, "document_pk": versions[language]},
            )
        page = page.content.decode()
        item = page.split(f'href="{link}"', 1)[1].split("</li>\n", 1)[0]
        beneath = item.split('class="document__versions">', 1)[1]
        for other, pk in versions.items():
            if other != language:  # once, beneath the item in the page's language
                assert page.count(f"/documents/{pk}/") == 1, other
                assert f"/documents/{pk}/" in beneath
        # Named to a screen reader by the document too, as on the docket (walk 119: six links
        # all called "Inglés" on the Party's case page).
        title = {"es": "Letter to the Parties", "en": "Carta a las Partes"}[language]
        assert f'>{other_name}<span class="visually-hidden">: ' in beneath
        assert title in beneath.split('class="visually-hidden">', 1)[1].split("</a>", 1)[0]
        assert ("traducción oficial" if language == "es" else "— original") in beneath
