"""Acceptance 2: a focal point of Party A (Peru under the TPA, Mexico under the CEC, Guatemala
under CAFTA-DR) notifies exceptional circumstances on day 40 and responds in Spanish with an
annex on day 50; the case moves on, the deadline is met in time, and the Secretariat sees the
response."""

import datetime
import re

import pytest
import time_machine

from submissions.stages import Stage
from tests.helpers_cases import SEAT, drive
from tests.parties import SLUG, A
from tests.portals.conftest import PDF
from workflow.models import Deadline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The request is delivered on Sunday 7 May 2023. The extended period: TPA 60 calendar days
# (Art. 18.8.5) → Thursday 6 July 2023; CEC 90 calendar days (Art. 24.27(4)) → Saturday
# 5 August 2023, moved to the next working day in Montréal, Monday 7 August 2023 (Quebec keeps
# no holiday in August); CAFTA-DR 60 calendar days (Art. 17.7.5): 24 days to 31 May, 30 of June,
# 6 of July → Thursday 6 July 2023, a working day in Guatemala City (its July holiday, Army Day,
# is Monday 3 July).
EXTENDED_DUE = {
    "us-peru-tpa": datetime.date(2023, 7, 6),
    "usmca-cec": datetime.date(2023, 8, 7),
    "cafta-dr": datetime.date(2023, 7, 6),
}[SLUG]
EXTENDED_DUE_ES = {
    "us-peru-tpa": "6 de julio de 2023",
    "usmca-cec": "7 de agosto de 2023",
    "cafta-dr": "6 de julio de 2023",
}[SLUG]
EXTENDED_DAYS_ES = {
    "us-peru-tpa": "60 días calendario",
    "usmca-cec": "90 días calendario",
    "cafta-dr": "60 días calendario",
}[SLUG]
RESPONSE_TITLE = {
    "PE": "Respuesta del Gobierno del Perú",
    "MX": "Respuesta del Gobierno de México",
    "GT": "Respuesta del Gobierno de Guatemala",
}[A]


def at(day: datetime.date):
    # tick=True: the live server runs in a thread of this process and sees the same clock.
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, tzinfo=SEAT))


def sign_in(page, username, path):
    page.goto(f"{page.base}/es/accounts/login/?next={path}")
    page.fill("#id_username", username)
    page.fill("#id_password", "a-long-test-password")
    page.click("form.form button[type=submit]")


def test_party_a_responds_in_spanish_after_an_extension(page, a_focal, officer, director, tmp_path):
    case = drive("awaiting_response", party=A).case  # request delivered 7 May 2023
    annex = tmp_path / "anexo.pdf"
    annex.write_bytes(PDF)
    letter = tmp_path / "respuesta.pdf"
    letter.write_bytes(PDF)

    with at(datetime.date(2023, 6, 16)):  # day 40
        sign_in(page, "a_focal", "/es/party/")
        page.click(f"a[href='/es/party/cases/{case.pk}/']")
        page.click(f"a[href='/es/party/cases/{case.pk}/extension/']")
        page.fill("#id_circumstances", "Emergencia climática en Loreto.")
        page.click("form.form button[type=submit]")
        page.wait_for_url(f"**/es/party/cases/{case.pk}/receipts/**")
        page.goto(f"{page.base}/es/party/cases/{case.pk}/")
        assert EXTENDED_DUE_ES in page.content()

    with at(datetime.date(2023, 6, 26)):  # day 50
        # Ten days later the session has expired (SESSION_COOKIE_AGE, 8 hours): sign in again.
        sign_in(page, "a_focal", f"/es/party/cases/{case.pk}/respond/")
        page.check("input[name=pending_proceeding][value=no]")
        page.fill("#id_earlier_proceedings", "No hubo procedimientos anteriores.")
        page.select_option("#id_language", "es")
        page.fill("#id_document_title", RESPONSE_TITLE)
        page.set_input_files("#id_document", str(letter))
        page.set_input_files("#id_attachments-0-file", str(annex))
        page.fill("#id_attachments-0-title", "Anexo 1: informe de OSINFOR")
        page.select_option("#id_attachments-0-language", "es")
        page.click("form.form button[type=submit]")
        page.wait_for_url(f"**/es/party/cases/{case.pk}/receipts/**")
        assert "Anexo 1: informe de OSINFOR" in page.content()

        case.refresh_from_db()
        assert case.stage == Stage.FACTUAL_RECORD_DECISION
        deadline = Deadline.objects.get(submission=case, kind="party_response")
        assert (deadline.state, deadline.late, deadline.due_on, deadline.met_on) == (
            "met",
            False,
            EXTENDED_DUE,
            datetime.date(2023, 6, 26),
        )
        page.goto(f"{page.base}/es/party/cases/{case.pk}/")
        deadlines = page.locator(".deadline").inner_text()
        assert "26 de junio de 2023" in deadlines
        assert EXTENDED_DAYS_ES in deadlines

        if SLUG == "usmca-cec":
            # The CEC's step after the response (SEM-04-005): supplemental information, sent
            # for the public; it waits for the Secretariat and moves no deadline.
            page.get_by_role("link", name="Enviar información complementaria").click()
            page.fill("#id_summary", "El procedimiento ante la PROFEPA sigue en curso.")
            page.select_option("#id_language", "es")
            page.fill("#id_document_title", "Información complementaria de México")
            page.set_input_files("#id_document", str(letter))
            page.check("#id_make_public")
            page.click("form.form button[type=submit]")
            page.wait_for_url(f"**/es/party/cases/{case.pk}/receipts/**")
            assert "Información complementaria de la Parte" in page.content()
            supplement = case.events.get(kind="party_information_added")
            assert (supplement.visibility, supplement.data["publish_requested"]) == (
                "parties",
                True,
            )

        page.click("nav .link-button")  # sign out
        sign_in(page, "officer", "/es/secretariat/accounts/activity/")
        page.wait_for_url("**/es/secretariat/accounts/activity/")
        activity = page.locator("table.activity").inner_text()
        assert case.reference in activity
        assert "a_focal" in activity
        assert "Anexo 1: informe de OSINFOR" in activity

        # The Secretariat's page says the response's text waits for its review, and the link
        # beside it opens the form that publishes it.
        page.goto(f"{page.base}/es/secretariat/case/{case.pk}/")
        assert "el público ve que se remitió, y su texto cuando se publique" in page.content()
        form = page.locator("#action-visibility_changed")
        assert form.get_attribute("open") is None
        # The held entry's own link (walk 99: the box's "Publicar una" chose nothing).
        response = case.events.get(kind="party_responded")
        held = page.locator(
            "section[aria-labelledby='held-heading'] li",
            has=page.locator(f"a[href='#event-{response.seq}']"),
        )
        held.get_by_role("link", name="Revisar y publicar").click()
        page.wait_for_selector("#action-visibility_changed[open]")
        assert f"?publish={response.seq}" in page.url

        # One proposal publishes its words and the documents it sent for the public (walks
        # 40 and 41: three decisions before, and the annex was forgotten); the Director
        # approves it, and the public page shows the response's letter.
        assert form.locator("select[name='visibility_changed-event']").input_value() == str(
            response.pk
        )
        assert form.locator("input[name='visibility_changed-with_documents']").is_checked()
        form.locator("textarea[name='visibility_changed-reason']").fill("Pedido por la Parte.")
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        page.click("nav .link-button")  # sign out
        sign_in(page, "director", "/es/secretariat/approvals/")
        page.wait_for_url("**/es/secretariat/approvals/")
        assert "Documentos publicados con ella" in page.content()
        page.get_by_role("button", name=re.compile(r"Aprobar la propuesta")).click()
        page.wait_for_load_state()
        public = page.context.browser.new_page()
        public.goto(f"{page.base}/es/docket/{case.slug}/")
        assert RESPONSE_TITLE in public.content()
        # The annex went to the Parties only (the form's default): it stays there.
        annex = response.documents.get(title="Anexo 1: informe de OSINFOR")
        assert (annex.visibility, response.data["for_public"]) == ("parties", [0])
        assert "Anexo 1: informe de OSINFOR" not in public.content()
        public.close()
