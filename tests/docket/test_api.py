"""The open-data API: registry-format names, the OpenAPI schema, and a schemathesis fuzz."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from secretariat.public import api_urls
from submissions.search import DocketFilterForm
from tests.docket.conftest import SACA_2, SECRET_DOCUMENT, SECRET_ID, SECRET_NAME, SECRET_SLUG
from tests.parties import PROFILE, SLUG, A, es, slug

pytestmark = pytest.mark.django_db


def test_list_uses_registry_names(client, saca, secret_case):
    data = client.get("/api/v1/submissions/?q=mercury").json()
    assert data["count"] == 1
    assert data["next"] is None and data["previous"] is None
    item = data["results"][0]
    assert item["identifier"] == SECRET_ID
    assert item["url"] == f"http://testserver/api/v1/submissions/{SECRET_SLUG}/"
    assert item["stage"] == "response_decision"
    assert item["status"] == "open"
    assert item["closure_reason"] is None
    assert item["chain_hash"] == secret_case.chain_head
    # A withheld identity is withheld whole: no kind or country (walks 111, 112).
    assert item["submitters"] == [
        {"confidential": True},
        {
            "name": "Derecho Ambiental Abierto",
            "kind": "organization",
            "country": A,
            "confidential": False,
        },
    ]


def test_detail_is_the_public_export(client, saca, secret_case):
    response = client.get(f"/api/v1/submissions/{SECRET_SLUG}/")
    assert response.status_code == 200
    data = response.json()
    assert [e["kind"] for e in data["events"]] == [
        "filed",
        "acknowledged",
        "admissibility_determined",
    ]
    assert [d["title"] for d in data["events"][0]["documents"]] == [
        "Public submission text",
        "Texto de la petición",
    ]
    # Each public document links to its file (walk 22: titles, but no way to the files).
    # Each under its own language's pages (walk 48: all under /en/).
    for document in (d for e in data["events"] for d in e.get("documents", ())):
        language = document["language"]
        assert document["url"].startswith(
            f"http://testserver/{language}/docket/{SECRET_SLUG}/documents/"
        )
        assert client.get(document["url"]).status_code == 200
        # The submission's own text is no formal document: no reading page (walk 69).
        assert "read_url" not in document
    assert data["chain_hash"] == secret_case.chain_head
    assert data["deadlines"][-1] == {
        "kind": "response_decision",
        "party": None,
        "rule": "setting",
        "start_on": "2024-03-01",
        # 30 days: Sunday 31 March 2024, so Monday 1 April at either seat.
        "due_on": "2024-04-01",
        "state": "open",
        "met_on": None,
        "late": False,
        "explanation": data["deadlines"][-1]["explanation"],
        "explanations": data["deadlines"][-1]["explanations"],
    }
    # The format's explanation in English, and in each of the docket's languages (walk 112:
    # English alone for a Spanish or French reader).
    explained = data["deadlines"][-1]["explanations"]
    assert set(explained) == set(PROFILE.languages)
    assert explained["en"] == data["deadlines"][-1]["explanation"]
    assert explained["es"].startswith("30 días calendario desde la determinación")
    text = response.content.decode()
    assert SECRET_NAME not in text
    assert SECRET_DOCUMENT not in text


def test_detail_of_unknown_or_unregistered_case_is_404(client, db):
    response = client.get(f"/api/v1/submissions/{slug(A, 999, 2024)}/")
    assert response.status_code == 404
    assert "errors" in response.json()


def test_a_404_speaks_the_readers_language(client, db):
    """Walk 18: the validation errors were French, the 404 English."""
    url = f"/api/v1/submissions/{slug(A, 999, 2024)}/"
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    assert response.json()["errors"]["slug"] == [
        es("Ninguna comunicación pública tiene este identificador.")
    ]


def test_an_address_the_api_does_not_serve_is_a_json_404(client, db):
    """Walk 112: /api/v1/nothing/ answered the site's HTML 404 page."""
    for path in ("/api/v1/nothing/", "/api/v1/submissions/x/y/", "/api/v1/openapi.yaml"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="es")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {
            "errors": {
                "path": [
                    es("La API no sirve esa dirección; empiece por http://testserver/api/v1/.")
                ]
            }
        }


def test_openapi_describes_the_keys_of_what_was_sent_for_the_public(client, db):
    """Walk 109: the public export writes them; the schema named none."""
    schema = client.get("/api/v1/openapi.json").json()
    detail = schema["paths"]["/api/v1/submissions/{slug}/"]["get"]["responses"]["200"]
    event = detail["content"]["application/json"]["schema"]["properties"]["events"]["items"]
    for key in ("publish_requested", "for_public", "with_comments", "corrects"):
        assert event["properties"][key]["description"], key


def test_openapi_lists_every_route_and_filter(client):
    schema = client.get("/api/v1/openapi.json").json()
    routes = {
        "/api/v1/" + str(pattern.pattern).replace("<slug:slug>", "{slug}")
        for pattern in api_urls.urlpatterns
        if pattern.name  # not the catch-all that answers a 404 in JSON
    }
    assert routes == set(schema["paths"])
    listing = schema["paths"]["/api/v1/submissions/"]["get"]
    assert {p["name"] for p in listing["parameters"]} == set(DocketFilterForm.base_fields)
    assert {p["name"] for p in listing["parameters"]} == {
        "q",
        "party",
        "status",
        "stage",
        "year",
        "law",
        "sort",
        "page",
    }


def test_the_index_links_to_every_route_and_the_other_open_data(client, saca):
    """/api/v1/ answers a data taker's first question: what is here, and where the rest is."""
    from submissions import profiles

    index = client.get("/api/v1/").json()
    assert (index["version"], index["format"], index["profile"]) == ("1", "sem-registry/1", SLUG)
    assert index["languages"] == list(profiles.installed().languages)
    assert index["submissions"] == "http://testserver/api/v1/submissions/"
    assert index["openapi"] == "http://testserver/api/v1/openapi.json"
    slug = client.get(index["submissions"]).json()["results"][0]["slug"]
    assert client.get(index["submission"].replace("{slug}", slug)).json()["slug"] == slug
    assert client.get(index["openapi"]).status_code == 200
    assert sorted(index["other_data"]) == sorted(index["languages"])
    for language, links in index["other_data"].items():
        assert links["docket"] == f"http://testserver/{language}/docket/"
        for name, url in links.items():
            response = client.get(url.replace("{slug}", slug))
            assert response.status_code == 200, (language, name, url)


# What the schema says of the installation, by profile (walk 18: the CEC's named the TPA).
DESCRIBED = {
    "us-peru-tpa": (
        "United States–Peru Trade Promotion Agreement: submissions in English and Spanish",
        "18.8",
    ),
    "usmca-cec": (
        "Commission for Environmental Cooperation — Submissions on Enforcement Matters: "
        "submissions in English, French, and Spanish",
        "Peru",
    ),
    "cafta-dr": (
        "Central America–United States Free Trade Agreement (CAFTA-DR): submissions in "
        "English and Spanish",
        "Peru",
    ),
}[SLUG]


def test_openapi_describes_the_installed_profile(client):
    schema = client.get("/api/v1/openapi.json").json()
    described, foreign = DESCRIBED
    assert described in schema["info"]["description"]
    if foreign != "18.8":
        assert foreign not in schema["info"]["description"]
    [search] = [
        p for p in schema["paths"]["/api/v1/submissions/"]["get"]["parameters"] if p["name"] == "q"
    ]
    languages = described.rsplit("submissions in ", 1)[1]
    assert f"public submitters' names, in {languages} (" in search["description"]


def test_schemathesis_finds_no_server_error(saca, secret_case):
    """Every operation of the schema, fuzzed from its own description: no 5xx, and every
    response conforms to the schema (status code, content type, body)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    # As Django's test client does: a request must not close the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        _fuzz_every_operation()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _fuzz_every_operation():
    from django.core.wsgi import get_wsgi_application

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    # (schemathesis leaves out the schema's own route)
    assert {op.label for op in operations} >= {
        "GET /api/v1/submissions/",
        "GET /api/v1/submissions/{slug}/",
    }
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=int(os.environ.get("SEM_FUZZ_EXAMPLES", "60")),
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case):
            case.call_and_validate()

        fuzz()


def test_nul_characters_in_free_text_are_dropped_not_refused(client, saca):
    response = client.get("/api/v1/submissions/?q=forest%00+concessions&law=%00")
    assert response.status_code == 200
    assert [r["identifier"] for r in response.json()["results"]] == [SACA_2]


def test_a_page_past_the_last_is_a_404_not_the_first_page_again(client, saca):
    """Walk 69: ?page=2 of one page answered page 1, so a script reading page after page
    read the same cases twice. The docket's page says the same, in the reader's language."""
    data = client.get("/api/v1/submissions/").json()
    assert data["pages"] == 1
    response = client.get("/api/v1/submissions/?page=2", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404
    assert response.json() == {
        "errors": {"page": ["No hay página 2: los resultados caben en una página."]}
    }
    page = client.get("/es/docket/?page=2")
    assert page.status_code == 404
    assert "No hay página 2: los resultados caben en una página." in page.content.decode()
    assert client.get("/es/docket/?page=1").status_code == 200


def test_a_method_the_api_does_not_serve_is_answered_in_json():
    """Walk 134: a POST met the site's HTML page (a 403 for its missing CSRF token): the API
    only reads, and says so in JSON with the methods it serves."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    for url in ("/api/v1/", "/api/v1/submissions/", "/api/v1/openapi.json"):
        response = client.post(url, {})
        assert response.status_code == 405, url
        assert response["Allow"] == "GET, HEAD"
        assert response.json()["errors"]["method"] == [
            "This API only reads: POST is not served; use GET."
        ]
    response = client.put("/api/v1/elsewhere/")
    assert response.status_code == 404 and "errors" in response.json()
    assert client.get("/api/v1/").status_code == 200
