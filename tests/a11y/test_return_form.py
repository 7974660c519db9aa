"""Walk 83: the Executive Director's return of a proposal behaves like every other form: the
server checks it (novalidate), its comment is marked required, and an empty one comes back with
the site's error summary, not the browser's bubble."""

import re

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from tests.parties import ALL_MET
from workflow import services
from workflow.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(officer, review_case):
    return services.record_event(
        review_case,
        "admissibility_determined",
        actor=officer,
        data={"outcome": "meets", "criteria": ALL_MET},
    )


def _return_form(tree, proposal):
    (form,) = tree.xpath(f'//form[contains(@action, "/proposals/{proposal.seq}/return/")]')
    return form


def test_the_return_form_is_checked_by_the_server(client, director, proposal):
    client.force_login(director)
    tree = lxml_html.fromstring(client.get(reverse("ws_approvals")).text)
    form = _return_form(tree, proposal)
    assert form.get("novalidate") is not None
    (label,) = form.xpath(f'.//label[@for="return-comment-{proposal.pk}"]')
    assert "(required)" in label.text_content()


@pytest.mark.parametrize("back", ["list", "case"])
def test_an_empty_comment_comes_back_with_the_error_summary(client, director, proposal, back):
    client.force_login(director)
    case = proposal.submission
    case.refresh_from_db()
    url = reverse("ws_return", kwargs={"pk": case.pk, "seq": proposal.seq})
    response = client.post(url, {"comment": "", "event_count": case.event_count, "back": back})
    assert response.status_code == 200
    page = response.content.decode()
    assert not Event.objects.filter(submission=case, kind="returned").exists()
    tree = lxml_html.fromstring(page)
    form = _return_form(tree, proposal)
    (summary,) = form.xpath('.//*[@id="error-summary"]')
    (link,) = summary.xpath(".//a")
    assert link.get("href") == f"#return-comment-{proposal.pk}"
    assert "Say why the proposal is returned." in link.text_content()
    (comment,) = form.xpath(".//textarea")
    assert comment.get("aria-invalid") == "true"
    assert form.getparent().tag != "details" or form.getparent().get("open") is not None
    assert re.search(r"<title>Error: ", page)


def test_a_comment_returns_the_proposal(client, director, proposal):
    client.force_login(director)
    case = proposal.submission
    case.refresh_from_db()
    url = reverse("ws_return", kwargs={"pk": case.pk, "seq": proposal.seq})
    data = {"comment": "Revise (b).", "event_count": case.event_count, "back": "list"}
    assert client.post(url, data).status_code == 302
    assert Event.objects.filter(submission=case, kind="returned").exists()
