"""Walk 32: a Council member sent its reasons for the public; the officer made the note
public (the instruction had no title), and the workspace still listed it as held for review
and counted it among the items awaiting review."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from tests.helpers_cases import (
    drive,
    publish_text,
    reasons_for_the_public,
    response_for_the_public,
)
from workflow import services

pytestmark = pytest.mark.django_db


def publish_the_note(story, event, officer):
    """The officer publishes, or proposes to publish, the note of ``event``."""
    return services.record_event(
        story.case,
        "visibility_changed",
        actor=officer,
        data={
            "event": event.seq - 1,
            "fields": ["note"],
            "from": "parties",
            "to": "public",
            "reason": "Pedido por el miembro.",
        },
    )


def _held(client, case) -> bool:
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    return "Sent for the public, awaiting your review" in page


def test_reasons_made_public_are_no_longer_held(client, officer, settings):
    settings.SEM_FOUR_EYES = False
    story = drive("awaiting_council")
    event = reasons_for_the_public(story)
    client.force_login(officer)
    assert _held(client, story.case)
    publish_the_note(story, event, officer)
    assert not _held(client, story.case)


def test_each_held_entry_links_the_form_opened_on_it(client, officer, settings):
    """Walk 60: the list of what awaits review linked only the form, with nothing chosen; the
    officer had to find the entry again in a long list. Each item opens the form on it."""
    settings.SEM_FOUR_EYES = False
    story = drive("awaiting_council")
    event = reasons_for_the_public(story)
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": story.case.pk})).content.decode()
    held = page.split('id="held-heading"', 1)[1].split("</section>", 1)[0]
    item = held.split(f'href="#event-{event.seq}"', 1)[1].split("</li>", 1)[0]
    assert f'href="?publish={event.seq}#action-visibility_changed"' in item
    # Walk 148: named for what it does there, not "Change its visibility".
    assert 'action-visibility_changed">Review and publish it</a>' in item
    opened = client.get(reverse("ws_case", kwargs={"pk": story.case.pk}) + f"?publish={event.seq}")
    form = opened.content.decode().split('name="visibility_changed-event"', 1)[1]
    assert f'<option value="{event.pk}" selected>' in form.split("</select>", 1)[0]


def test_the_form_opened_to_publish_says_it_proposes_publication(client, officer, settings):
    """Walk 75: "Registrar, o proponer un público más amplio" on a form opened to publish an
    entry, under four eyes, where the step can only be a proposal."""
    settings.SEM_FOUR_EYES = True
    story = drive("awaiting_council")
    event = reasons_for_the_public(story)
    client.force_login(officer)
    with translation.override("es"):
        url = reverse("ws_case", kwargs={"pk": story.case.pk})
        opened = client.get(url + f"?publish={event.seq}").content.decode()
        plain = client.get(url).content.decode()
    form = opened.split('id="action-visibility_changed"', 1)[1].split("</form>", 1)[0]
    assert '<button type="submit" class="button">Proponer la publicación</button>' in form
    # Walk 149: headed "Visibilidad de un documento modificada" while it publishes a text.
    assert "<summary>Visibilidad de un documento o del texto de una actuación" in form
    # And one "Título" only, the tick of the entry's title (not a box for the decision's own).
    assert 'name="visibility_changed-title"' not in form
    assert 'name="visibility_changed-note"' not in form
    form = plain.split('id="action-visibility_changed"', 1)[1].split("</form>", 1)[0]
    assert "Registrar, o proponer un público más amplio" in form


def test_the_spanish_box_agrees_with_its_entries(client, officer, settings):
    """Walk 62: "Estas entradas … cuando la Secretaría los publica … Publicar uno": the
    pronouns still agreed with the "eventos" the box named before session 20."""
    settings.SEM_FOUR_EYES = False
    story = drive("awaiting_council")
    reasons_for_the_public(story)
    client.force_login(officer)
    with translation.override("es"):
        page = client.get(reverse("ws_case", kwargs={"pk": story.case.pk})).content.decode()
    held = " ".join(page.split('id="held-heading"', 1)[1].split("</section>", 1)[0].split())
    assert "las publica" in held and "no las publica" in held
    assert "los publica" not in held
    # Walk 99: no "Publicar una" link choosing nothing; each entry's link chooses it.
    assert "Publicar un" not in held and "?publish=" in held


def test_a_pending_publication_says_which_entry_on_the_case_page(client, officer, settings):
    """Walk 78: the case page's box of proposals read "Visibility of an entry's text
    changed", not which entry nor to whom; the approvals page said it."""
    settings.SEM_FOUR_EYES = True
    story = drive("awaiting_council")
    event = reasons_for_the_public(story)
    proposal = publish_the_note(story, event, officer)
    assert proposal.kind == "proposed"
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": story.case.pk})).content.decode()
    box = page.split('id="pending-heading"', 1)[1].split("</section>", 1)[0]
    assert f"Entry no. {event.seq}" in box


def test_on_a_case_with_a_withheld_name_each_document_is_to_be_read(client, officer, director):
    """Walk 150: a Party's response whose file named the submitter, whose name is withheld,
    was published: nothing said that no file's text is checked for it. The visibility form,
    and the Director's card of a proposal that makes documents public, say so; a case with
    no withheld name does not."""
    from submissions.storage import DocumentInput
    from tests.portals.conftest import stored_pdf

    story = drive("awaiting_response")
    url = reverse("ws_case", kwargs={"pk": story.case.pk})
    client.force_login(officer)
    warning = "the text of a file is not checked for it"
    assert warning not in html.unescape(client.get(url).content.decode())
    person = story.case.memberships.get().submitter
    person.confidential = True
    person.save()
    document = DocumentInput("Respuesta", "es", stored_pdf(), "parties")
    response = response_for_the_public(story, "Respuesta.", [document])
    page = html.unescape(client.get(url + f"?publish={response.seq}").content.decode())
    form = page.split('id="action-visibility_changed"', 1)[1].split("</form>", 1)[0]
    assert "read each document before making it public" in form
    assert "“Add a translation or a redacted version”" in form
    publish_text(story, officer, response, "Pedido.", with_documents=[0])
    client.force_login(director)
    approvals = html.unescape(client.get(reverse("ws_approvals")).content.decode())
    assert "open each document this makes public before approving" in approvals
