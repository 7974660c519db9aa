"""Walk 84: nothing linked the open-data API, and the CSV's columns and codes were explained
nowhere. The open-data page says what the public may take and how to read it, in the
reader's language, from the same columns and choices the data uses."""

import csv
import html
import io

import pytest
from django.urls import reverse
from django.utils import translation

from secretariat.public.docket_views import CSV_COLUMNS
from submissions.stages import ClosureReason, Stage
from tests.helpers_cases import drive
from workflow.models import Deadline

pytestmark = pytest.mark.django_db


def _page(client, language="en") -> str:
    with translation.override(language):
        url = reverse("open_data")
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(" ".join(response.content.decode().split()))


def test_it_links_every_form_of_the_data(client):
    page = _page(client)
    for name in ("docket_export_csv", "api_index", "api_openapi", "docket_statements"):
        assert f'href="{reverse(name)}"' in page, name
    assert "import it instead, choosing the comma" in page


def test_every_column_of_the_csv_is_explained_under_the_name_the_export_gives_it(client):
    drive("awaiting_response")
    for language in ("en", "es"):
        with translation.override(language):
            export = client.get(reverse("docket_export_csv")).content.decode("utf-8-sig")
        header = next(csv.reader(io.StringIO(export)))
        assert len(header) == len(CSV_COLUMNS)
        page = _page(client, language)
        for name in header:
            assert f"<code>{name}</code></th>" in page, (language, name)
    page = _page(client)
    assert "<code>chain_hash</code></th><td" in page
    assert "compare it with the signed statements of the chain hashes" in page
    # Each title column names its language (walk 134: "in that language" named none).
    assert "in that language" not in page
    cell = '<code>title_es</code></th><td data-label="What it holds">'
    assert f"{cell}The case's public title in Spanish" in page


def test_every_code_has_its_meaning_in_the_readers_language(client):
    page = _page(client)
    for code, label in (*Stage.choices, *ClosureReason.choices, *Deadline.State.choices):
        assert f'<code>{code}</code></th><td data-label="Meaning">{label}' in page, code
    assert "<code>party_responded</code>" in page
    spanish = _page(client, "es")
    with translation.override("es"):
        closed = str(Stage.CLOSED.label)
    assert closed != "Closed" and "<code>closed</code></th>" in spanish and closed in spanish


def test_the_openapi_description_lists_every_state_of_a_period(client):
    schema = client.get(reverse("api_openapi")).json()
    states = set()

    def walk(node):
        if isinstance(node, dict):
            if set(node.get("enum") or ()) >= {"open", "met", "missed"}:
                states.update(node["enum"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert states == set(Deadline.State.values)
    assert {"lapsed", "unknown"} <= states


def test_the_docket_links_the_open_data_page(client):
    page = client.get(reverse("docket")).content.decode()
    assert f'<a href="{reverse("open_data")}">Open data: what each column and code means</a>' in (
        page
    )


def test_every_page_links_the_open_data_page_in_its_footer(client):
    for url in (reverse("home"), reverse("privacy"), reverse("file")):
        footer = client.get(url).content.decode().split('class="site-footer"')[1]
        assert f'<a href="{reverse("open_data")}">Open data</a>' in footer, url


def test_the_comment_period_gives_both_its_names(client):
    # Walk 85: the docket read "comments in, final record in preparation" for a code this page
    # called the comment period alone.
    page = _page(client)
    row = page.split("<code>draft_comment_period</code></th>")[1].split("</tr>")[0]
    assert "Draft factual record: comment period; once every Party's comments are in" in row
    assert "Draft factual record: comments in, final record in preparation" in row
