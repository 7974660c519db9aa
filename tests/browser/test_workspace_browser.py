"""The Secretariat's day through a real browser: record a Spanish filing, register it, complete
the admissibility checklist and propose; the Executive Director approves."""

import re

import pytest

from tests.parties import CRITERIA, SLUG, A

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"  # tests/factories.py

# What differs per profile: the admissibility determination's article, the identifier's shape,
# whether criterion (f) is there to carry a suggestion, and the wording of the last criterion.
DETERMINATION = {
    "us-peru-tpa": "Determination under Article 18.8.2",
    "usmca-cec": "Determination under Article 24.27(2)",
    "cafta-dr": "Determination under Article 17.7.2",
}[SLUG]
IDENTIFIER = {
    "us-peru-tpa": r"SEM/PE/\d{3}/\d{4}",
    "usmca-cec": r"SEM-\d{2}-\d{3}",
    "cafta-dr": r"CAALA/\d{2}/\d{3}",
}[SLUG]
SUGGESTED = {"us-peru-tpa": True, "usmca-cec": False, "cafta-dr": True}[SLUG]
LAST_CRITERION = {
    "us-peru-tpa": "(f) is filed by a person of a Party",
    "usmca-cec": "(e) indicates whether the matter has been communicated in writing",
    "cafta-dr": "(f) is filed by a person of a Party",
}[SLUG]


def _sign_in(page, username):
    page.goto(page.base + "/en/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button").click()


def _open_action(page, label):
    page.locator("summary", has_text=label).first.click()
    return page.locator(f'form[aria-label="{label}"]')


def test_register_check_propose_and_approve(page, officer, director):
    _sign_in(page, "officer")
    page.goto(page.base + "/en/secretariat/file/")
    page.select_option("#id_party", A)
    page.select_option("#id_language", "es")
    page.fill("#id_title", "Tala ilegal en la reserva comunal")
    page.fill("#id_summary", "La autoridad forestal no fiscaliza las concesiones.")
    page.fill("#id_submitter_name", "Asociación Amazónica")
    page.select_option("#id_submitter_kind", "organization")
    page.fill("#id_nationality", A)
    page.fill("#id_law", "Ley Forestal y de Fauna Silvestre (Ley N.° 29763)")
    page.get_by_role("button", name="Record the filing").click()
    page.wait_for_url(re.compile(r"/en/secretariat/case/\d+/$"))
    assert "Filing recorded with receipt number R-" in page.content()

    # Registration: the acknowledgement assigns the identifier.
    form = _open_action(page, "Acknowledgement of receipt")
    form.get_by_role("button", name="Record").click()
    page.wait_for_load_state()
    assert re.search(IDENTIFIER, page.locator("h1").inner_text())
    case_url = page.url

    # The admissibility checklist, every criterion met, then the proposal.
    form = _open_action(page, DETERMINATION)
    # The TPA's and CAFTA-DR's criterion (f) comes with a suggestion; the USMCA has no (f)
    # (standing is in Art. 24.27(1)), so nothing is suggested (as tests/workspace/test_case_page.py
    # checks).
    assert ("Suggested: met." in form.inner_text()) is SUGGESTED
    for letter in CRITERIA:
        form.locator(f"#id_admissibility_determined-{letter}_finding_0").check()
        form.locator(f"#id_admissibility_determined-{letter}_reasons").fill(
            f"El criterio ({letter}) se cumple."
        )
    form.get_by_role("button", name="Propose").click()
    page.wait_for_load_state()
    assert "now awaits the Executive Director's approval" in page.content()
    assert page.locator("#case-stage").inner_text() == "Admissibility review"

    page.get_by_role("button", name="Sign out").click()
    _sign_in(page, "director")
    page.goto(page.base + "/en/secretariat/approvals/")
    assert DETERMINATION in page.content()
    assert LAST_CRITERION in page.content()
    page.get_by_role("button", name=re.compile(r"Approve proposal no\. 3")).click()
    page.wait_for_load_state()
    assert f"Approved: “{DETERMINATION}” is recorded" in page.content()

    page.goto(case_url)
    assert page.locator("#case-stage").inner_text() == "Deciding whether to request a response"
    proposal = page.locator("#event-3")
    assert "Decision proposed" in proposal.inner_text()
    assert "officer" in proposal.locator("dd").nth(2).inner_text()
    decision = page.locator("#event-4")
    text = decision.inner_text()
    assert DETERMINATION in text
    assert "Approved by director (proposal no. 3)" in text
    assert "director" in decision.locator("dd").nth(2).inner_text()
    assert "Outcome: meets the criteria" in text

    # The visibility form's "reasons" tick stands beside the decision only (walk 97: offered
    # for every entry, then refused for one without reasons): actions.js follows the choice.
    from submissions.models import Submission
    from workflow import services

    services.record_event(
        Submission.objects.get(), "correspondence", actor=officer, title="Carta de la Parte"
    )
    page.reload()
    form = _open_action(page, "Visibility of a document or of an entry's text")
    tick = form.locator('input[type="checkbox"][value="reasons"]')
    entry = form.locator("#id_visibility_changed-event")
    options = entry.locator("option").evaluate_all(
        "os => os.map(o => [o.value, o.textContent.trim()])"
    )
    decided = [value for value, label in options if label.startswith("4. ")]
    others = [value for value, label in options if "Carta de la Parte" in label]
    assert decided and others, options
    assert not tick.is_visible()  # no entry chosen yet (walk 104)
    # Nor "with the documents sent for the public" (walk 107): no entry here has any.
    documents = form.locator('input[name$="with_documents"]')
    assert not documents.is_visible()
    entry.select_option(decided[0])
    assert tick.is_visible() and not documents.is_visible()
    tick.check()
    entry.select_option(others[0])
    assert not tick.is_visible() and not tick.is_checked()
    assert not documents.is_visible()
