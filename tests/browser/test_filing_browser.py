"""Filing in the browser: Spanish with two attachments and a withheld identity, then the
tracking link; English about the United States for an organization of Party A (Peru under the
TPA, Mexico under the CEC, Guatemala under CAFTA-DR)."""

import pytest

from submissions.models import Submission
from tests.parties import SLUG, A, name

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def fill_common(page, *, party, language):
    page.locator("#id_s0-kind_1").check()  # organization
    page.fill("#id_s0-name", "Asociación Amazónica")
    page.fill("#id_s0-nationality", name(A, "es"))  # Perú, México, Guatemala
    page.fill("#id_s0-postal_address", "Jr. Lima 123, Iquitos")
    page.fill("#id_s0-email", "amazonica@example.org")
    page.select_option("#id_s0-preferred_language", language)
    page.locator(f"input[name='f-party'][value='{party}']").check()
    page.select_option("#id_f-language", language)
    page.fill("#id_f-law_0_name", "Ley Forestal y de Fauna Silvestre (Ley N.° 29763)")
    page.fill("#id_f-law_0_provisions", "Art. 2")
    page.fill("#id_f-facts", "Se tala sin permiso en la cuenca del Nanay desde 2022.")
    page.fill("#id_f-authorities_communication", "Carta al SERFOR del 3 de marzo de 2023.")
    page.locator("input[name='f-relies_on_media_only'][value='no']").check()
    page.locator("#id_f-declaration").check()


def test_filing_in_spanish_with_two_attachments_and_a_withheld_identity(page):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(page.base + "/es/file/")
    fill_common(page, party=A, language="es")
    page.fill("#id_f-title", "Tala ilegal en Loreto")
    page.locator("#id_s0-confidential").check()
    page.set_input_files(
        "#id_f-attachment_0",
        files=[{"name": "informe.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.set_input_files(
        "#id_f-attachment_1",
        files=[{"name": "fotos.png", "mimeType": "image/png", "buffer": PNG}],
    )
    page.locator("#id_f-attachment_1_confidential").check()
    page.locator("button[type=submit].button").click()
    page.wait_for_url("**/es/file/receipt/")
    # The receipt's heading has the focus: a screen reader starts with "received" (walk 87).
    page.wait_for_selector("#page-heading:focus")
    assert page.evaluate("document.activeElement.tagName") == "H1"
    assert page.evaluate("document.activeElement.textContent").startswith("Se recibió su ")
    receipt = page.content()
    submission = Submission.objects.get()
    assert submission.receipt_number in receipt
    assert submission.memberships.get().submitter.confidential is True
    assert sorted(submission.documents.values_list("visibility", flat=True)) == [
        "party_concerned",
        "public",
    ]
    page.locator(".tracking-link a").click()
    # The link's token is exchanged for the session: the page's own URL does not hold it.
    membership = submission.memberships.get()
    page.wait_for_url(f"**/es/track/case/{membership.pk}/")
    assert membership.tracking_token not in page.url
    # Not yet acknowledged (walk 40: it read "Revisión de admisibilidad" at once).
    assert page.locator(".stage").inner_text() == "Recibida: pendiente del acuse de recibo " + (
        "del Secretariado" if SLUG == "usmca-cec" else "de la Secretaría"
    )
    # The page fits a 360-pixel screen: nothing wider than the viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_filing_in_english_about_the_us_for_an_organization_of_party_a(page):
    page.goto(page.base + "/en/file/")
    fill_common(page, party="US", language="en")
    page.fill("#id_f-title", "Unenforced mining rules in Nevada")
    page.locator("button[type=submit].button").click()
    page.wait_for_url("**/en/file/receipt/")
    assert "Before you file" not in page.content()  # a person of A may file about the US
    submission = Submission.objects.get()
    assert (submission.party.code, submission.language) == ("US", "en")
    assert submission.title_en == "Unenforced mining rules in Nevada"
    assert submission.receipt_number in page.locator(".receipt__number").inner_text()


def test_add_another_submitter_with_script_adds_an_empty_fieldset_in_place(page):
    page.goto(page.base + "/en/file/")
    fill_common(page, party=A, language="en")
    page.fill("#id_f-title", "Two submitters")
    page.evaluate("window.samePage = true")
    page.locator("button[name='add_submitter']").click()
    page.wait_for_selector("#id_s1-name")
    assert page.evaluate("window.samePage === true")  # no round trip: added on the page
    assert page.locator("input[name='submitters']").input_value() == "2"
    assert page.locator("#id_s1-name").input_value() == ""
    assert page.locator("#id_s0-name").input_value() == "Asociación Amazónica"
    assert page.locator("label[for='id_s1-nationality']").count() == 1
    assert page.locator("#co-submitter-1 > legend").inner_text() == "Co-submitter 1"
    page.locator("#id_s1-kind_0").check()
    page.fill("#id_s1-name", "Rosa Quispe")
    page.fill("#id_s1-nationality", name(A, "en"))  # Peru, Mexico, Guatemala
    page.fill("#id_s1-email", "rosa@example.org")
    page.locator("button[type=submit].button").click()
    page.wait_for_url("**/en/file/receipt/")
    submission = Submission.objects.get()
    people = submission.memberships.order_by("position").values_list(
        "submitter__name", "submitter__nationality"
    )
    assert list(people) == [("Asociación Amazónica", A), ("Rosa Quispe", A)]


def test_a_co_submitter_added_by_mistake_is_removed_and_the_next_moves_up(page):
    # A block added by mistake could only be emptied (walk 120): each has its own button.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/es/file/")
    fill_common(page, party=A, language="es")
    page.fill("#id_f-title", "Tala ilegal en Loreto")
    add = page.locator("button[name='add_submitter']")
    add.click()
    page.wait_for_selector("#id_s1-name")
    page.fill("#id_s1-name", "Por error")
    add.click()
    page.wait_for_selector("#id_s2-name")
    page.locator("#id_s2-kind_0").check()
    page.fill("#id_s2-name", "Rosa Quispe")
    page.fill("#id_s2-nationality", name(A, "es"))
    page.fill("#id_s2-email", "rosa@example.org")
    remove = page.locator("#co-submitter-1 .remove-submitter button")
    who = "remitente" if SLUG == "us-peru-tpa" else "peticionario"  # the profiles' Spanish
    assert remove.inner_text() == f"Quitar el {who} adicional 1"
    remove.click()
    # Rosa's block is now co-submitter 1, its fields renamed, and has the focus.
    assert page.locator("fieldset.co-submitter").count() == 1
    assert page.locator("#id_s2-name").count() == 0
    assert page.locator("#id_s1-name").input_value() == "Rosa Quispe"
    assert page.locator("label[for='id_s1-name']").count() == 1
    assert page.locator("#co-submitter-1 > legend").inner_text().endswith(" 1")
    assert page.evaluate("document.activeElement.tagName") == "LEGEND"
    assert page.locator("input[name='submitters']").input_value() == "2"
    assert page.locator("#co-submitter-1 .remove-submitter button").inner_text().endswith(" 1")
    page.locator("button[type=submit].button").click()
    page.wait_for_url("**/es/file/receipt/")
    people = Submission.objects.get().memberships.order_by("position")
    assert [m.submitter.name for m in people] == ["Asociación Amazónica", "Rosa Quispe"]


def test_removing_a_block_takes_its_errors_out_of_the_summary(page):
    # Walk 129: the summary kept the removed block's line, its link now on the next person's
    # field.
    page.goto(page.base + "/es/file/")
    fill_common(page, party=A, language="es")
    page.fill("#id_f-title", "Tala ilegal en Loreto")
    add = page.locator("button[name='add_submitter']")
    add.click()
    page.wait_for_selector("#id_s1-name")
    page.locator("#id_s1-kind_0").check()
    page.fill("#id_s1-name", "Beto Mal")
    page.fill("#id_s1-nationality", name(A, "es"))
    page.fill("#id_s1-email", "no-es-un-correo")
    add.click()
    page.wait_for_selector("#id_s2-name")
    page.locator("#id_s2-kind_0").check()
    page.fill("#id_s2-name", "Rosa Quispe")
    page.fill("#id_s2-nationality", name(A, "es"))
    page.fill("#id_s2-email", "rosa@example.org")
    page.fill("#id_s2-phone", "+51 1 555 0100")
    page.locator("button[type=submit].button").click()
    page.wait_for_selector("#error-summary a[href='#id_s1-email']")
    page.fill("#id_s2-phone", "+51 1 555 0199")  # the second block's phone, then it moves up
    page.locator("#co-submitter-1 .remove-submitter button").click()
    assert page.locator("#error-summary a[href^='#id_s1-']").count() == 0
    assert page.locator("#error-summary a[href^='#id_s2-']").count() == 0
    assert page.locator("#error-summary").is_hidden()
    assert page.locator("#id_s1-name").input_value() == "Rosa Quispe"
    page.locator("button[type=submit].button").click()
    page.wait_for_url("**/es/file/receipt/")
    people = Submission.objects.get().memberships.order_by("position")
    assert [m.submitter.name for m in people] == ["Asociación Amazónica", "Rosa Quispe"]


def test_without_script_another_submitter_comes_back_in_view(browser, live_server):
    # Walk 129: without script the form came back at its top, the new block far below.
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(live_server.url + "/es/file/")
        page.locator("button[name='add_submitter']").click()
        page.wait_for_selector("#id_s1-name")
        assert page.url.endswith("#co-submitter-1")
        top = page.locator("#co-submitter-1").bounding_box()["y"]
        assert -2 <= top < 844  # scrolled to it (sub-pixel)
    finally:
        context.close()


def test_after_a_refused_filing_the_error_summary_is_in_view_with_the_focus(page):
    # On a phone the summary sat below the first screen with nothing focused: a filer saw
    # the top of an unchanged page and no sign of the problem.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/es/file/")
    fill_common(page, party=A, language="es")
    page.fill("#id_f-title", "Tala ilegal en Loreto")
    page.fill("#id_s0-nationality", "Atlántida")  # not a country: refused by the server
    page.locator("button[type=submit].button").click()
    page.wait_for_selector("#error-summary")
    # A CSS wait, not wait_for_function: polling a JavaScript predicate needs eval, which the
    # site's Content Security Policy refuses (it failed whenever the focus came late).
    page.wait_for_selector("#error-summary:focus")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    top = page.evaluate("document.getElementById('error-summary').getBoundingClientRect().top")
    assert 0 <= top < 844
    example = {"us-peru-tpa": "Perú", "usmca-cec": "Canadá", "cafta-dr": "Costa Rica"}[SLUG]
    assert f"Elija un país de la lista (por ejemplo, {example})." in page.content()
    assert not Submission.objects.exists()


def test_files_over_the_limits_are_named_before_anything_is_sent(page, settings):
    """Walk 76: five files of 21 MB (each allowed, 105 MB together) were sent, refused whole,
    and the browser could not put them back. The page checks the sizes first: nothing is
    sent, the files stay chosen, and the summary says which limit."""
    settings.SEM_FILING_MAX_FILE_BYTES = 4000
    settings.SEM_FILING_MAX_TOTAL_BYTES = 6000
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/es/file/")
    fill_common(page, party=A, language="es")
    page.fill("#id_f-title", "Tala ilegal en Loreto")
    padded = PDF + b"%" + b"x" * 3400 + b"\n"
    for index in (0, 1):
        page.set_input_files(
            f"#id_f-attachment_{index}",
            files=[{"name": f"parte-{index}.pdf", "mimeType": "application/pdf", "buffer": padded}],
        )
    # Said as soon as the files are chosen (walk 77), and again when sending is tried.
    summary = page.locator("[data-upload-check]")
    summary.wait_for()
    assert "Los archivos elegidos suman" in summary.inner_text()
    page.locator("button[type=submit].button").click()
    text = summary.inner_text()
    assert "Hay un problema" in text
    # Sizes as the server writes them (filesizeformat: a no-break space before the unit).
    assert "Los archivos elegidos suman 6,7\u00a0KB" in text and "como máximo 5,9\u00a0KB" in text
    assert page.url.endswith("/es/file/") and Submission.objects.count() == 0
    # The choices are still there, and the summary has the focus (a phone shows it).
    assert page.evaluate("document.getElementById('id_f-attachment_1').files.length") == 1
    assert page.evaluate("document.activeElement.hasAttribute('data-upload-check')")
    # One file over the limit for each is named.
    page.set_input_files(
        "#id_f-attachment_1",
        files=[{"name": "grande.pdf", "mimeType": "application/pdf", "buffer": padded * 2}],
    )
    text = summary.inner_text()
    assert (
        "«grande.pdf» pesa 6,7\u00a0KB; cada archivo puede pesar como máximo 3,9\u00a0KB." in text
    )
    # Within the limits, it is sent.
    page.set_input_files(
        "#id_f-attachment_1",
        files=[{"name": "fotos.png", "mimeType": "image/png", "buffer": PNG}],
    )
    page.locator("button[type=submit].button").click()
    page.wait_for_url("**/es/file/receipt/")
    assert Submission.objects.get().documents.count() == 2


def test_a_file_over_the_limit_joins_the_summary_the_server_sent(page, settings):
    """Walk 79: after the server's "there is a problem" (a field left empty), a file over
    the limit put a second box below the first."""
    settings.SEM_FILING_MAX_FILE_BYTES = 4000
    page.goto(page.base + "/en/file/")
    page.locator("button[type=submit].button").click()  # everything empty
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    page.set_input_files(
        "#id_f-attachment_0",
        files=[{"name": "big.pdf", "mimeType": "application/pdf", "buffer": PDF * 200}],
    )
    summary = page.locator(".error-summary")
    assert summary.count() == 1
    assert "“big.pdf” is" in summary.inner_text()
    assert "This field is required." in summary.inner_text()  # the server's, still there
    # Chosen again within the limit, its line goes; the server's stay.
    page.set_input_files(
        "#id_f-attachment_0",
        files=[{"name": "small.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    assert "“big.pdf” is" not in summary.inner_text()
    assert "This field is required." in summary.inner_text()


def test_errors_of_answers_changed_since_go_and_a_file_over_the_limit_is_named_by_it(
    page, settings
):
    """Walk 111: refused for its email and an .exe, the form kept both errors, beside the
    fields and in the summary, after the email was corrected and another file chosen; the
    new file's size was said in the summary alone."""
    settings.SEM_FILING_MAX_FILE_BYTES = 4000
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/es/file/")
    fill_common(page, party=A, language="es")
    page.fill("#id_f-title", "Tala ilegal en Loreto")
    page.fill("#id_s0-email", "no-es-un-correo")
    page.set_input_files(
        "#id_f-attachment_0",
        files=[{"name": "programa.exe", "mimeType": "application/octet-stream", "buffer": PNG}],
    )
    page.locator("button[type=submit].button").click()
    page.wait_for_selector("#error-summary:focus")
    summary = page.locator("#error-summary")
    assert "programa.exe" in summary.inner_text() and "Correo electrónico" in summary.inner_text()
    email_error = page.locator("#id_s0-email-error")
    file_error = page.locator("#id_f-attachment_0-error")
    assert email_error.is_visible() and file_error.is_visible()
    page.fill("#id_s0-email", "amazonica@example.org")
    assert not email_error.is_visible()
    assert page.locator("#id_s0-email").get_attribute("aria-invalid") is None
    assert "Correo electrónico" not in summary.inner_text()
    page.set_input_files(
        "#id_f-attachment_0",
        files=[{"name": "grande.pdf", "mimeType": "application/pdf", "buffer": PDF * 200}],
    )
    assert not file_error.is_visible() and "programa.exe" not in summary.inner_text()
    too_big = "«grande.pdf» pesa"
    assert too_big in summary.inner_text()
    field = page.locator(".field:has(#id_f-attachment_0)")
    assert too_big in field.locator("[data-upload-item]").inner_text()
    assert page.locator("#id_f-attachment_0").get_attribute("aria-invalid") == "true"
    # Nothing left to say once the file is within the limit: no empty box.
    page.set_input_files(
        "#id_f-attachment_0",
        files=[{"name": "acta.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    assert not summary.is_visible()
    assert page.locator("#id_f-attachment_0").get_attribute("aria-invalid") is None
    page.locator("button[type=submit].button").click()
    page.wait_for_url("**/es/file/receipt/")
    assert Submission.objects.get().documents.count() == 1


def test_a_question_of_choices_answered_leaves_the_summary(page):
    """Walk 119: after an empty filing, the radio questions answered stayed in the summary
    (its links name a group by its first choice, id_x_0), the text fields' went."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/es/file/")
    page.locator("button[type=submit].button").click()
    page.wait_for_selector("#error-summary:focus")
    summary = page.locator("#error-summary")
    kind = summary.locator("a[href='#id_s0-kind_0']")
    media = summary.locator("a[href='#id_f-relies_on_media_only_0']")
    assert kind.is_visible() and media.is_visible()
    page.locator("#id_s0-kind_0").check()
    assert not kind.is_visible() and media.is_visible()
    page.locator("input[name='f-relies_on_media_only'][value='no']").check()
    assert not media.is_visible()
    assert not Submission.objects.exists()
