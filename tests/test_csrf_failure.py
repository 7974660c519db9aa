"""A form refused for its security token (walk 120: a focal point whose cookies were gone got
Django's bare 403 page, in English and informal Spanish, 980 px wide, with no way on)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_sites_page_says_nothing_was_recorded_and_how_to_go_on(language):
    client = Client(enforce_csrf_checks=True)
    form = f"/{language}/file/"
    response = client.post(form, {"f-title": "x"}, HTTP_REFERER=f"http://testserver{form}")
    assert response.status_code == 403
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    heading = {"en": "The form could not be sent", "es": "No se pudo enviar el formulario"}
    assert f"<h1 data-draft-kept>{heading[language]}</h1>" in page
    assert f'href="/{language}/accounts/login/?next=/{language}/file/"' in page
    assert f'href="/{language}/file/"' in page
    assert "CSRF" not in page and "Forbidden" not in page


def test_a_foreign_referer_is_not_offered_as_the_way_back():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/file/", {}, HTTP_REFERER="https://evil.example/form/")
    page = response.content.decode()
    assert "evil.example" not in page
    assert 'href="/en/accounts/login/"' in page
