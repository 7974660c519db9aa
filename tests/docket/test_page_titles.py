"""Every page's title ends with the site's name after one separator, " · " (walk 86: public
pages used "—", staff pages "·", and the docket's case and document pages left out the site's
name)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from submissions.models import Document

pytestmark = pytest.mark.django_db


def _title(response) -> str:
    assert response.status_code == 200
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


@pytest.mark.parametrize("language", ["en", "es"])
def test_public_pages_end_with_the_sites_name(client, public_determination, language):
    case, decision = public_determination
    document = Document.objects.filter(event=decision, language=language).first()
    with translation.override(language):
        site = translation.gettext("Secretariat for Environmental Matters")
        urls = [
            reverse("docket"),
            reverse("docket_case", kwargs={"slug": case.slug}),
            reverse("document_read", kwargs={"slug": case.slug, "pk": document.pk}),
            reverse("docket_statements"),
            f"/{language}/file/",
            reverse("statistics"),
            f"/{language}/data/",
        ]
    for url in urls:
        title = _title(client.get(url))
        assert title.endswith(f" · {site}"), (url, title)
        assert " — " not in title.removesuffix(site), (url, title)  # the CEC's name has one


def test_the_case_and_document_titles_name_what_they_show(client, public_determination):
    case, decision = public_determination
    document = Document.objects.filter(event=decision, language="en").first()
    case_title = _title(
        client.get(reverse("docket_case", kwargs={"slug": case.slug}), HTTP_ACCEPT_LANGUAGE="en")
    )
    assert case_title.startswith(f"{case.identifier} · ")
    read = reverse("document_read", kwargs={"slug": case.slug, "pk": document.pk})
    assert _title(client.get(read)).startswith(
        f"{document.title} · {document.code or case.identifier} · "
    )
