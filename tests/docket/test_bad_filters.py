"""An export or a feed with filters the docket refuses says which, in the reader's language
(walk 76: the CSV said only "The export's parameters are not valid." and the feed answered
Django's bare "Bad Request (400)", in English on a Spanish address)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("/es/docket/export.csv?party=XX", "Parte en cuestión: Escoja una opción válida."),
        ("/es/docket/feed/?stage=nonsense", "Etapa: Escoja una opción válida."),
        ("/es/docket/feed/?year=abc", "Año de presentación: Introduzca un número entero."),
        ("/en/docket/feed/?year=abc", "Year filed: Enter a whole number."),
        ("/fr/docket/feed/?year=abc", "Année de dépôt\u00a0: Saisissez un nombre entier."),
        # A page or sort the feed does not use, checked as the CSV and the API check them
        # (walk 127: ?page=0 was 400 there, 200 here).
        ("/en/docket/feed/?page=0", "Page: Ensure this value is greater than or equal to 1."),
        ("/en/docket/export.csv?page=0", "Page: Ensure this value is greater than or equal to 1."),
        ("/en/docket/feed/?sort=oldest", "Sort by: Select a valid choice."),
        # The limit said as it is, as the docket's page says it (walk 134: "menos de 200").
        (
            "/es/docket/export.csv?q=" + "x" * 300,
            "Buscar: Como máximo 200 caracteres (este texto tiene 300).",
        ),
        ("/en/docket/feed/?law=" + "x" * 201, "At most 200 characters (this text has 201)."),
    ],
)
def test_wrong_filters_are_named_with_what_is_wrong(url, said, settings):
    if url[1:3] not in dict(settings.LANGUAGES):
        pytest.skip("the profile has no such language")
    response = Client().get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert said in response.content.decode()


def test_a_feed_with_good_filters_still_answers():
    response = Client().get("/es/docket/feed/?year=2023")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")


def test_a_request_django_refuses_gets_the_sites_page(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = Client().get("/en/", HTTP_HOST="elsewhere.example")
    assert response.status_code == 400
    assert "The request could not be understood" in response.content.decode()


def test_the_statements_feed_takes_no_filters_and_refuses_none():
    """Walk 79: ?year=abc on the statements' feed was refused with the filing year's label,
    though ?year=2020 was ignored: the docket's filters do not apply to it."""
    for query in ("", "?year=abc", "?party=XX"):
        response = Client().get(f"/es/docket/statements.atom{query}")
        assert response.status_code == 200, query
        assert response["Content-Type"].startswith("application/atom+xml")
