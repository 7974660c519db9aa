"""Issue 14, acceptance 5: each decision's formal document beside it, for everyone who reads.

A Spanish case with a withheld name goes to the Council with every decision issuing its
documents (through notices.services, as the workspace does). In English and in Spanish the
Secretariat's case page, the Party's portal and the Council's portal show each document beside
its decision; the anonymous docket links each public one to its reading view, which axe-core
finds free of serious and critical violations in both languages, and which names no one whose
name is withheld."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from notices import services as documents
from submissions.models import Document
from tests.factories import file_case
from tests.parties import CRITERIA, FACTORS, SLUG
from workflow import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"  # tests/factories.py
WITHHELD = "Asociación Amazónica"
# Each decision's documents come in each of the profile's languages (the CEC's French too): the
# acknowledgement, the determination (D1), the decision to request a response (D2) with the
# request letter to the Party, and the notification (N).
LANGUAGES = {
    "us-peru-tpa": ("en", "es"),
    "usmca-cec": ("en", "es", "fr"),
    "cafta-dr": ("en", "es"),
}[SLUG]
ISSUED = {"us-peru-tpa": 2 + 2 + 4 + 2, "usmca-cec": 3 + 3 + 6 + 3, "cafta-dr": 2 + 2 + 4 + 2}[SLUG]
PUBLIC = {"us-peru-tpa": 8, "usmca-cec": 12, "cafta-dr": 8}[SLUG]
# The determination's criteria, each with its reasons: the TPA's and CAFTA-DR's (a)–(f), the
# USMCA's (a)–(e).
CRITERION, CRITERIA_COUNT = {
    "us-peru-tpa": (r"\([a-f]\) ", 6),
    "usmca-cec": (r"\([a-e]\) ", 5),
    "cafta-dr": (r"\([a-f]\) ", 6),
}[SLUG]


def _sign_in(page, username, language):
    page.goto(f"{page.base}/{language}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button").click()
    page.wait_for_load_state()


def _sign_out(page):
    page.context.clear_cookies()


def _decide(case, kind, officer, director, **kwargs):
    proposal = documents.record_with_documents(case, kind, actor=officer, **kwargs)
    return services.approve_proposal(case, proposal.seq, actor=director)


@pytest.fixture
def case_at_council(officer, director, a_focal, a_council):
    """Filed, acknowledged and decided up to the notification to the Council, today."""
    case = file_case(actor=officer)
    case.memberships.get().submitter.__class__.objects.update(confidential=True)
    documents.record_with_documents(case, "acknowledged", actor=officer)
    criteria = {c: {"met": True, "reasons": f"Criterio ({c}) cumplido."} for c in CRITERIA}
    _decide(
        case,
        "admissibility_determined",
        officer,
        director,
        data={"outcome": "meets", "criteria": criteria},
    )
    factors = {c: {"met": c in "ab", "reasons": f"Factor ({c})."} for c in FACTORS}
    _decide(
        case,
        "response_decided",
        officer,
        director,
        data={"outcome": "request", "factors": factors},
    )
    services.record_event(case, "party_responded", actor=a_focal, data={})
    _decide(
        case,
        "factual_record_notified",
        officer,
        director,
        data={"outcome": "warranted"},
        note="La respuesta no aborda la tala.",
    )
    case.refresh_from_db()
    return case


def _codes(case):
    return {
        "D1": f"{case.identifier}/D1",
        "D2": f"{case.identifier}/D2",
        "N": f"{case.identifier}/N",
    }


def test_everyone_sees_each_document_beside_its_decision(page, case_at_council):
    case = case_at_council
    issued = Document.objects.filter(
        submission=case,
        event__kind__in=[
            "acknowledged",
            "admissibility_determined",
            "response_decided",
            "factual_record_notified",
        ],
    )
    assert issued.count() == ISSUED

    for language in ("en", "es"):
        # The Secretariat: every document of every decision, under its event.
        _sign_in(page, "officer", language)
        page.goto(f"{page.base}/{language}/secretariat/case/{case.pk}/")
        for document in issued:
            event = page.locator(f"#event-{document.event.seq}")
            assert event.locator(f"a[href$='/documents/{document.pk}/']").count() == 1, (
                language,
                document.title,
            )
        _sign_out(page)

        # The Party concerned: the determinations and its request letter, in both languages.
        _sign_in(page, "a_focal", language)
        page.goto(f"{page.base}/{language}/party/cases/{case.pk}/")
        content = page.content()
        for document in issued.filter(visibility__in=["public", "party_concerned"]):
            assert f"/documents/{document.pk}/" in content, (language, document.title)
        request = issued.get(kind="request", language="es")
        assert request.visibility == "party_concerned"
        _sign_out(page)

        # The Council: the public documents and the notification with its reasons.
        _sign_in(page, "a_council", language)
        page.goto(f"{page.base}/{language}/council/cases/{case.pk}/")
        content = page.content()
        for document in issued.filter(visibility="public"):
            assert f"/documents/{document.pk}/" in content, (language, document.title)
        assert f"/documents/{request.pk}/" not in content
        _sign_out(page)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_reading_view_is_linked_readable_and_accessible(page, case_at_council, language):
    case = case_at_council
    axe = Axe()
    page.goto(f"{page.base}/{language}/docket/{case.slug}/")
    assert WITHHELD not in page.content()
    # The Spanish words come from the catalogue.
    label = "Read in Spanish on this page" if language == "en" else "Leer en español en esta página"
    page_content = page.content()
    links = page.locator("a[href$='/read/']")
    public = Document.objects.filter(
        submission=case,
        visibility="public",
        event__kind__in=[
            "acknowledged",
            "admissibility_determined",
            "response_decided",
            "factual_record_notified",
        ],
    )
    assert links.count() == public.count() == PUBLIC
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    problems = []
    for href in hrefs:
        page.goto(page.base + href)
        article = page.locator("article.formal-document")
        document_language = article.get_attribute("lang")
        assert document_language in LANGUAGES
        assert page.locator("html").get_attribute("lang") == language
        text = article.inner_text()
        assert WITHHELD not in text
        assert case.identifier in text
        if "/D1" in text:
            assert len(re.findall(CRITERION, text)) >= CRITERIA_COUNT
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                for node in violation["nodes"]:
                    problems.append(f"{href}: {violation['id']} {node['target']}")
    assert problems == [], "\n".join(problems)
    # The decision's page names its code beside the reading link.
    page.goto(f"{page.base}/{language}/docket/{case.slug}/")
    for code in _codes(case).values():
        assert code in page.content()
    assert label in page_content
