"""Walk 83: every id on a page is unique, and every label points at an element that exists.

Three forms of the staff case page each had ``<textarea id="id_reason">``: two had no name for
a screen reader, the first had all three labels, a click on "Note" focused another form's
field. Parsed here on the pages with several forms: the case page in several stages, the
approvals, the portals' case pages.
"""

from collections import Counter

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from tests.helpers_cases import drive
from tests.parties import ALL_MET
from workflow import services

pytestmark = pytest.mark.django_db


def id_problems(page: str) -> list[str]:
    """Duplicate ids, and ``for``/``aria-describedby``/``aria-labelledby`` naming no element."""
    tree = lxml_html.fromstring(page)
    ids = Counter(element.get("id") for element in tree.iter() if element.get("id"))
    problems = [f"duplicate id {name!r} ({count}×)" for name, count in ids.items() if count > 1]
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "label" and element.get("for") and element.get("for") not in ids:
            problems.append(f"label for={element.get('for')!r} names no element")
        for attribute in ("aria-describedby", "aria-labelledby"):
            for name in (element.get(attribute) or "").split():
                if name not in ids:
                    problems.append(f"{attribute}={name!r} names no element")
    return problems


def test_the_parser_finds_a_duplicate_and_a_dangling_label():
    page = '<div id="a"></div><p id="a"></p><label for="b">B</label>'
    assert id_problems(page) == ["duplicate id 'a' (2×)", "label for='b' names no element"]


@pytest.mark.parametrize(
    "stage",
    [
        "admissibility_review",
        "awaiting_response",
        "factual_record_decision",
        "factual_record_preparation",
        "draft_comment_period",
    ],
)
def test_the_case_page_has_unique_ids(client, officer, stage):
    case = drive(stage).case
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    # The three edits and the steps of the stage are all on it.
    assert page.count("<form") > 5
    assert id_problems(page) == []


def test_the_case_page_sent_back_with_errors_has_unique_ids(client, officer, review_case):
    client.force_login(officer)
    for name in ("ws_link_related", "ws_texts", "ws_document_version"):
        url = reverse(name, kwargs={"pk": review_case.pk})
        response = client.post(url, {"reason": ""})
        page = response.content.decode()
        assert 'class="error-summary"' in page
        assert id_problems(page) == [], name


def test_each_reason_is_named_by_its_own_label(client, officer, review_case):
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": review_case.pk})).content.decode()
    tree = lxml_html.fromstring(page)
    for action, label in (
        ("/related/", "Reason"),
        ("/texts/", "Reason"),
        ("/document-version/", "Note"),
    ):
        (form,) = tree.xpath(
            f'//form[substring(@action, string-length(@action) - {len(action) - 1}) = "{action}"]'
        )
        (textarea,) = form.xpath('.//textarea[@name="reason"]')
        (named,) = tree.xpath(f'//label[@for="{textarea.get("id")}"]')
        assert named.text_content().startswith(label)
        assert form in named.iterancestors()
        for help_id in textarea.get("aria-describedby").split():
            assert form in tree.get_element_by_id(help_id).iterancestors()


def test_the_approvals_have_unique_ids(client, officer, director):
    cases = [drive("admissibility_review").case for _ in range(2)]
    for case in cases:
        services.record_event(
            case,
            "admissibility_determined",
            actor=officer,
            data={"outcome": "meets", "criteria": ALL_MET},
        )
    client.force_login(director)
    page = client.get(reverse("ws_approvals")).content.decode()
    assert page.count('action="/en/secretariat/case/') >= 4
    assert id_problems(page) == []


def test_the_portals_case_pages_have_unique_ids(client, a_focal, a_council):
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    page = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
    assert id_problems(page) == []
    council_case = drive("awaiting_council").case
    client.force_login(a_council)
    page = client.get(reverse("council_case", kwargs={"pk": council_case.pk})).content.decode()
    assert id_problems(page) == []
