"""Acceptance 3 of issue #18: under ``usmca-cec``, a filing in French goes through the
combined determination to the Council's vote, in a real browser, every role working in
French; no page a French reader sees carries English or Spanish text of the interface.

Runs in the usmca-cec browser pass of .ci/run (and of ``make test`` where Chromium is
installed).
"""

import re

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

from submissions import profiles
from submissions.models import Submission
from submissions.roles import Role
from submissions.stages import Stage
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        profiles.installed_slug() != "usmca-cec", reason="runs in the usmca-cec pass"
    ),
]
PASSWORD = "a-long-test-password"  # tests/factories.py
LOCALE = settings.BASE_DIR / "locale"


def _sentences(path, field) -> set[str]:
    """The catalogue's sentences worth looking for in a page (``field``: "id" or "string"):
    whole phrases, not single words that French shares ("Date", "Message"), without
    placeholders."""
    with open(path, "rb") as source:
        catalog = read_po(source)
    found = set()
    for message in catalog:
        text = getattr(message, field)
        text = text[0] if isinstance(text, tuple | list) else text
        if not text or "%" in text or "{" in text or len(text) < 14:
            continue
        if " " in text.strip():
            found.add(text.strip())
    return found


def foreign_sentences() -> set[str]:
    """English and Spanish sentences of the interface that French words otherwise."""
    french = _sentences(LOCALE / "fr/LC_MESSAGES/django.po", "string")
    french |= _sentences(LOCALE / "profiles/usmca-cec/fr/LC_MESSAGES/django.po", "string")
    foreign = _sentences(LOCALE / "fr/LC_MESSAGES/django.po", "id")
    foreign |= _sentences(LOCALE / "es/LC_MESSAGES/django.po", "string")
    for language in ("en", "es"):
        foreign |= _sentences(
            LOCALE / f"profiles/usmca-cec/{language}/LC_MESSAGES/django.po", "string"
        )
    return foreign - french


FOREIGN = None


def french_text(page) -> str:
    """The page's text a French reader is given as French: without what another language's
    ``lang`` marks (the language switcher, a document's own title) and the choices of a
    document, which name each by its own title."""
    return page.evaluate(
        """() => {
            const copy = document.body.cloneNode(true);
            copy.querySelectorAll('script, style, template').forEach(e => e.remove());
            // A list of the case's documents names each by its own title, in its language.
            copy.querySelectorAll('select[data-document-titles] option').forEach(e => e.remove());
            copy.querySelectorAll('[lang]').forEach(e => {
                if (!e.getAttribute('lang').startsWith('fr')) e.remove();
            });
            return copy.textContent.replace(/\\s+/g, ' ');
        }"""
    )


def assert_french(page, seen: list) -> None:
    global FOREIGN
    FOREIGN = FOREIGN or foreign_sentences()
    text = french_text(page)
    leaks = sorted(sentence for sentence in FOREIGN if sentence in text)
    where = [text[max(0, text.find(s) - 80) : text.find(s) + len(s) + 40] for s in leaks]
    assert leaks == [], f"{page.url}: {where}"
    assert re.search(r"\b18\.(?:8|9)\b|Pérou", text) is None, page.url
    seen.append(page.url)


def sign_in(page, username, password=PASSWORD):
    page.goto(page.base + "/fr/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main").get_by_role("button").click()
    page.wait_for_load_state()


def sign_out(page):
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state()


def open_action(page, label):
    page.locator("summary", has_text=label).first.click()
    return page.locator(f'form[aria-label="{label}"]')


def approve_all(page, seen):
    page.goto(page.base + "/fr/secretariat/approvals/")
    assert_french(page, seen)
    page.get_by_role("button", name=re.compile(r"^Approuver")).first.click()
    page.wait_for_load_state()


def test_a_french_filing_reaches_the_councils_vote(page):
    # Each reads e-mails in another language: the French pages stay French for all of them.
    for username, role, language in (
        ("officer", Role.OFFICER, "en"),
        ("director", Role.DIRECTOR, "es"),
        ("mx_focal", (Role.FOCAL_POINT, "MX"), "es"),
        ("ca_council", (Role.COUNCIL, "CA"), "fr"),
        ("us_council", (Role.COUNCIL, "US"), "en"),
    ):
        UserFactory(username=username, role=role, preferred_language=language)
    seen = []
    page.set_viewport_size({"width": 390, "height": 844})

    # A Canadian organization files in French about Mexico.
    page.goto(page.base + "/fr/")
    assert_french(page, seen)
    page.goto(page.base + "/fr/file/")
    assert_french(page, seen)
    page.locator("#id_s0-kind_1").check()  # organization
    page.fill("#id_s0-name", "Coalition pour le golfe de Californie")
    page.fill("#id_s0-nationality", "Canada")
    page.fill("#id_s0-postal_address", "1200, rue Sainte-Catherine, Montréal")
    page.fill("#id_s0-email", "coalition@example.org")
    page.select_option("#id_s0-preferred_language", "fr")
    page.locator("input[name='f-party'][value='MX']").check()
    page.select_option("#id_f-language", "fr")
    page.fill("#id_f-title", "Pêche illégale dans le golfe de Californie")
    page.fill("#id_f-law_0_name", "Ley General de Vida Silvestre")
    page.fill("#id_f-law_0_provisions", "art. 60 bis")
    page.fill("#id_f-facts", "Les autorités ne surveillent pas la pêche au filet maillant.")
    page.fill("#id_f-authorities_communication", "Lettre à la PROFEPA du 3 mars 2025.")
    page.locator("input[name='f-relies_on_media_only'][value='no']").check()
    page.locator("#id_f-declaration").check()
    page.locator("button[type=submit].button").click()
    page.wait_for_url("**/fr/file/receipt/")
    assert_french(page, seen)
    case = Submission.objects.get()
    page.locator(".tracking-link a").click()
    page.wait_for_load_state()
    assert_french(page, seen)

    # The officer registers it and proposes the combined determination; the Director approves.
    page.context.clear_cookies()
    sign_in(page, "officer")
    case_url = f"{page.base}/fr/secretariat/case/{case.pk}/"
    page.goto(case_url)
    assert_french(page, seen)
    open_action(page, "Accusé de réception").get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    case.refresh_from_db()
    assert re.fullmatch(r"SEM-\d\d-001", case.identifier)
    # At 390 px a table's cells carry their heading, French style (walk 18: "Échéance: …").
    label = page.evaluate(
        "getComputedStyle(document.querySelector('.stack-table td[data-label]'), '::before')"
        ".content"
    )
    assert label.endswith('\u00a0: "'), label
    form = open_action(page, "Décision en vertu de l’article 24.27(2) et (3)")
    assert_french(page, seen)
    form.locator("input[name='response_decided-outcome'][value='request']").check()
    for letter in "abcde":
        form.locator(
            f"input[name='response_decided-criterion_{letter}_finding'][value='met']"
        ).check()
        form.locator(f"#id_response_decided-criterion_{letter}_reasons").fill(
            f"Critère ({letter}) satisfait."
        )
    for letter in "abcd":
        # (d) as the filing answered it (a "Yes" against its "No" asks for a confirmation).
        answer = "no" if letter == "d" else "yes"
        form.locator(f"input[name='response_decided-{letter}_finding'][value='{answer}']").check()
        form.locator(f"#id_response_decided-{letter}_reasons").fill(f"Facteur ({letter}).")
    form.get_by_role("button", name="Proposer").click()
    page.wait_for_load_state()
    assert_french(page, seen)
    sign_out(page)
    sign_in(page, "director")
    approve_all(page, seen)
    case.refresh_from_db()
    assert case.stage == Stage.AWAITING_RESPONSE

    # Mexico's focal point responds through its portal.
    sign_out(page)
    sign_in(page, "mx_focal")
    page.goto(f"{page.base}/fr/party/cases/{case.pk}/")
    assert_french(page, seen)
    page.goto(f"{page.base}/fr/party/cases/{case.pk}/respond/")
    assert_french(page, seen)
    page.check("input[name=pending_proceeding][value=no]")
    page.select_option("#id_language", "fr")
    page.fill("#id_document_title", "Réponse du Gouvernement du Mexique")
    page.set_input_files(
        "#id_document",
        files=[{"name": "reponse.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"**/fr/party/cases/{case.pk}/receipts/**")
    assert_french(page, seen)
    case.refresh_from_db()
    assert case.stage == Stage.FACTUAL_RECORD_DECISION

    # The Secretariat notifies the Council that a factual record is warranted.
    sign_out(page)
    sign_in(page, "officer")
    page.goto(case_url)
    form = open_action(page, "Notification au Conseil en vertu de l’article 24.28")
    assert_french(page, seen)
    form.locator("input[value='warranted']").check()
    form.locator("textarea").first.fill("Les faits allégués méritent un dossier factuel.")
    form.get_by_role("button", name="Proposer").click()
    page.wait_for_load_state()
    sign_out(page)
    sign_in(page, "director")
    approve_all(page, seen)
    case.refresh_from_db()
    assert case.stage == Stage.AWAITING_COUNCIL

    # Two of the three Council members instruct a factual record: after the first, the case
    # still waits.
    for count, member in enumerate(("ca_council", "us_council"), start=1):
        sign_out(page)
        sign_in(page, member)
        page.goto(f"{page.base}/fr/council/cases/{case.pk}/")
        assert_french(page, seen)
        page.goto(f"{page.base}/fr/council/cases/{case.pk}/instruct/")
        assert_french(page, seen)
        page.check("#id_confirm")
        page.click("form.form button[type=submit]")
        page.wait_for_load_state()
        assert_french(page, seen)
        case.refresh_from_db()
        assert case.stage == (
            Stage.FACTUAL_RECORD_PREPARATION if count == 2 else Stage.AWAITING_COUNCIL
        )

    # The public case page and the docket, in French.
    page.goto(f"{page.base}/fr/docket/")
    assert_french(page, seen)
    page.goto(f"{page.base}/fr/docket/{case.slug}/")
    assert_french(page, seen)
    assert "Mexique" in page.content() and "Mexico" not in french_text(page)
    assert len(seen) >= 18


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
