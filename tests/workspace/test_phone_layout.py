"""Issue 17: the workspace on a phone and the language of what people wrote.

The widths themselves are measured in Chromium (tests/browser/test_phone_widths.py); these
tests pin the markup the narrow layout depends on: tables whose cells name their column
(``data-label``, for the stacked rows of static/css/site.css), the case facts as a definition
list, the queue's filters in a fold, the "awaiting approval" badge on its own line, and a
``lang`` on every text a person wrote.
"""

import io
import re

import pytest
from django.urls import reverse

from notices import services as notices
from submissions.storage import DocumentInput
from tests.helpers_cases import ALL_MET, drive
from tests.parties import A

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name):
    buffer = io.BytesIO(PDF)
    buffer.name = name
    return buffer


def _table_cells_are_labelled(html: str) -> int:
    """Every row of every stacked table: its first cell heads it, every other names its
    column. Returns the number of rows checked."""
    rows = 0
    for table in re.findall(r'<table class="[^"]*stack-table[^"]*">(.*?)</table>', html, re.S):
        body = re.search(r"<tbody>(.*?)</tbody>", table, re.S)[1]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
            cells = re.findall(r"<td([^>]*)>", row)
            assert cells, row
            assert all('data-label="' in attrs for attrs in cells[1:]), row
            rows += 1
    return rows


@pytest.fixture
def proposed(officer, officer2):
    """A Spanish case awaiting the Director's approval of a determination."""
    case = drive("admissibility_review", party=A).case
    notices.record_with_documents(
        case,
        "admissibility_determined",
        actor=officer2,
        data={"outcome": "meets", "criteria": ALL_MET},
    )
    return case


def test_the_queue_folds_its_filters_and_stacks_its_rows(login, officer, proposed):
    client = login(officer)
    html = client.get(reverse("ws_queue")).content.decode()
    fold = re.search(r'<details class="filters"( open)?>\s*<summary id="filter-heading">', html)
    assert fold is not None and fold[1] is None  # folded while nothing is filtered
    assert re.search(r'</summary>\s*<form method="get"', html)
    assert _table_cells_are_labelled(html) == 1
    # The badge follows the link on its own line, outside the link.
    link = reverse("ws_case", args=[proposed.pk])
    assert re.search(
        rf'<a href="{link}">{re.escape(proposed.reference)}</a><br><span class="badge">'
        r"awaiting approval</span>",
        html,
    )
    # Filtered, the fold is open so that the filters in force show.
    html = client.get(reverse("ws_queue") + f"?party={A}").content.decode()
    assert '<details class="filters" open>' in html


def test_the_case_page_has_a_definition_list_and_stacked_deadlines(login, officer, proposed):
    html = login(officer).get(reverse("ws_case", args=[proposed.pk])).content.decode()
    facts = re.search(r'<dl class="facts">(.*?)</dl>', html, re.S)[1]
    terms = re.findall(r"<dt>([^<]+)</dt>\s*<dd", facts)
    assert terms[:3] == ["Stage", "Party concerned", "Language"]
    assert "Chain hash" in terms
    assert _table_cells_are_labelled(html) >= 2  # acknowledgement and admissibility
    assert 'class="case__facts"' not in html  # the old wrapping list of pairs


def test_the_audit_tables_stack(login, officer, proposed):
    html = login(officer).get(reverse("ws_audit", args=[proposed.pk])).content.decode()
    assert _table_cells_are_labelled(html) >= proposed.event_count


def test_what_people_wrote_carries_its_language(login, officer, director):
    """A Spanish case: the officer's note and title are in the case's language, an English
    document's title in English, the case title in the language it is written in."""
    story = drive("admissibility_review", party=A)
    case = story.case
    story.add(
        "correspondence",
        title="Carta a la autoridad forestal",
        note="Solicitamos información adicional.",
        documents_in=[
            DocumentInput(title="Letter from the agency", language="en", file=_pdf("l.pdf"))
        ],
    )
    html = login(officer).get(reverse("ws_case", args=[case.pk])).content.decode()
    assert case.language == "es"
    assert '<p lang="es"><strong>Carta a la autoridad forestal</strong></p>' in html
    assert '<p lang="es">Solicitamos información adicional.</p>' in html
    assert re.search(r'lang="en"[^>]*>Letter from the agency<', html)
    # The English page shows the Spanish title (no English one yet) marked as Spanish.
    assert re.search(r'<h1>.*<span lang="es">Concesiones forestales</span>', html, re.S)
    queue = login(officer).get(reverse("ws_queue")).content.decode()
    assert '<span lang="es">Concesiones forestales</span>' in queue


def test_approvals_mark_the_language_of_titles(login, director, proposed):
    html = login(director).get(reverse("ws_approvals")).content.decode()
    assert '<dl class="facts">' in html
    assert '<span lang="es">Concesiones forestales</span>' in html
    # The generated documents of the proposal, one per language, each marked.
    assert re.search(r'<a href="[^"]+" lang="en">', html)
    assert re.search(r'<a href="[^"]+" lang="es">', html)
