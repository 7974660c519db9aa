"""An attachment's title typed without its file is refused with a message, never dropped in
silence (the walk of 3 December 2026 found the Party's comments recorded without the annex
it had named)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from tests.helpers_cases import drive, frozen
from tests.portals.test_party import respond_post
from workflow.models import Event

pytestmark = pytest.mark.django_db


def test_a_title_without_its_file_is_refused_and_the_title_kept(client, a_focal):
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    post = respond_post(case, **{"attachments-0-title": "Informe de SERFOR"})
    del post["attachments-0-file"]
    with frozen(datetime.date(2023, 6, 10)), translation.override("es"):
        response = client.post(reverse("party_respond", kwargs={"pk": case.pk}), post)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Elija el archivo de este anexo o borre su título." in body
    assert 'value="Informe de SERFOR"' in body
    assert not Event.objects.filter(submission=case, kind="party_responded").exists()


def test_an_empty_attachment_row_is_still_no_attachment(client, a_focal):
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    post = respond_post(case, **{"attachments-0-title": ""})
    del post["attachments-0-file"]
    with frozen(datetime.date(2023, 6, 10)):
        response = client.post(reverse("party_respond", kwargs={"pk": case.pk}), post)
    assert response.status_code == 302
    assert Event.objects.filter(submission=case, kind="party_responded").exists()


def test_an_optional_rows_lists_are_not_marked_required(client, a_focal):
    """Walk 49: every unused row of "Anexos (opcional)" read "Idioma (obligatorio)" and
    "Quién puede verlo (obligatorio)". The rows' fields are not marked; the document's are.
    An attachment sent with its lists left as they come keeps their choices."""
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(datetime.date(2023, 6, 10)):
        page = client.get(reverse("party_respond", kwargs={"pk": case.pk})).content.decode()
    rows = page[page.index('name="attachments-0-file"') :]
    assert "(required)" not in rows[: rows.index("</fieldset>")]
    assert "(required)" in page[: page.index('name="attachments-0-file"')]
    post = respond_post(case, **{"attachments-0-title": "Informe de SERFOR"})
    with frozen(datetime.date(2023, 6, 10)):
        client.post(reverse("party_respond", kwargs={"pk": case.pk}), post)
    annex = Event.objects.get(submission=case, kind="party_responded").documents.get(
        title="Informe de SERFOR"
    )
    assert (annex.language, annex.visibility) == (
        post["attachments-0-language"],
        post["attachments-0-visibility"],
    )
