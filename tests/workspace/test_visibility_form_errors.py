"""Walk 89: the visibility form's errors say what to do. Nothing chosen read "choose one, but
not both"; an event's note made "Secretariat only" was refused without naming the two levels
an event's text may have."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from submissions.stages import Visibility
from submissions.storage import DocumentInput
from tests.helpers_cases import drive, response_for_the_public
from tests.parties import A
from tests.portals.conftest import stored_pdf
from workflow.models import Event

pytestmark = pytest.mark.django_db


def _post(client, case, **fields):
    url = reverse("ws_action", kwargs={"pk": case.pk, "kind": "visibility_changed"})
    data = {"event_count": case.event_count, "visibility_changed-reason": "Names a person."}
    data.update({f"visibility_changed-{name}": value for name, value in fields.items()})
    return html.unescape(client.post(url, data).content.decode())


def _public_letter(story, title):
    """A letter on the case with a public document."""
    return story.add(
        "correspondence",
        title=title,
        documents_in=[DocumentInput("Carta", "es", stored_pdf(), "public")],
    )


def _letter_on_the_case(client, officer, title):
    """A case deciding on a response, a letter with a public document, the officer signed in:
    (story, letter, its document, the case's number of events)."""
    story = drive("response_decision")
    letter = _public_letter(story, title)
    client.force_login(officer)
    return (
        story,
        letter,
        letter.documents.get(),
        Event.objects.filter(submission=story.case).count(),
    )


def test_the_errors_say_what_to_choose(client, officer):
    story, letter, document, count = _letter_on_the_case(
        client, officer, "Carta sobre Juan Pérez Rojas"
    )
    assert "Choose a document, or the text of an event." in _post(client, story.case, to="parties")
    both = _post(client, story.case, to="parties", target=document.pk, event=letter.pk)
    assert "Choose a document or the text of an event, not both." in both
    secretariat = _post(
        client, story.case, to="secretariat", event=letter.pk, fields_of_text=["note"]
    )
    assert (
        "An event's text is either public or kept from the public: choose “Public” or "
        "“Secretariat, Parties and Council”." in secretariat
    )
    with_spanish = client.post(
        reverse("ws_action", kwargs={"pk": story.case.pk, "kind": "visibility_changed"}).replace(
            "/en/", "/es/"
        ),
        {
            "event_count": story.case.event_count,
            "visibility_changed-to": "secretariat",
            "visibility_changed-event": letter.pk,
            "visibility_changed-fields_of_text": ["note"],
            "visibility_changed-reason": "x",
        },
    )
    with translation.override("es"):  # the profile's names of the levels
        expected = f"elija «{Visibility.PUBLIC.label}» o «{Visibility.PARTIES.label}»"
    assert expected in html.unescape(with_spanish.content.decode())
    assert Event.objects.filter(submission=story.case).count() == count


def test_no_level_is_chosen_in_advance(client, officer):
    """Walk 90: the new visibility came answered "Public", the widest."""
    story = drive("response_decision")
    story.add("correspondence", title="Carta", visibility="public")
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": story.case.pk})).content.decode()
    form = page[page.index('name="visibility_changed-to"') :]
    form = form[: form.index("</select>")]
    assert '<option value="" selected>—</option>' in form
    refused = _post(client, story.case, event="", target="")
    assert "This field is required." in refused


def test_a_missing_level_is_said_once(client, officer):
    """Walk 92: no level chosen read "This field is required." and "choose Public or …"."""
    story = drive("response_decision")
    letter = story.add("correspondence", title="Carta", visibility="public")
    client.force_login(officer)
    page = _post(client, story.case, event=letter.pk, fields_of_text=["title"])
    assert "This field is required." in page
    assert "An event's text is either public or kept from the public" not in page


def test_a_choice_that_changes_nothing_the_public_reads_is_refused(client, officer, settings):
    """Walk 96: a Party's response, its words held for review, was proposed for publication
    with its title ticked: the title is empty, so the proposal published nothing of its text
    (its documents alone would have gone). A choice that changes nothing the public reads is
    refused, saying what the public reads now; a part with words is taken."""
    settings.SEM_FOUR_EYES = False
    story = drive("awaiting_response")
    response = story.add(
        "party_responded",
        author=f"party:{A}",
        data={"party": A, "pending_proceeding": False, "publish_requested": True},
        note="Respuesta de la Parte.",
    )
    public_letter = story.add("correspondence", title="Carta pública", visibility="public")
    client.force_login(officer)
    count = Event.objects.filter(submission=story.case).count()
    title_only = _post(client, story.case, to="public", event=response.pk, fields_of_text="title")
    # Walk 148: the refusal says what is still to publish.
    assert (
        "Nothing to publish in what you ticked: the public already reads it. Tick what it "
        "does not read yet: note." in title_only
    )
    assert "Its documents sent for the public are held too" not in title_only  # none sent
    again = _post(client, story.case, to="public", event=public_letter.pk, fields_of_text="title")
    assert "Nothing to publish" in again and "(now: public)." in again
    withheld = _post(client, story.case, to="parties", event=response.pk, fields_of_text="note")
    assert "Nothing to withhold: the public does not read what you ticked" in withheld
    assert Event.objects.filter(submission=story.case).count() == count
    _post(client, story.case, to="public", event=response.pk, fields_of_text="note")
    assert Event.objects.filter(submission=story.case).count() == count + 1
    assert (
        "Respuesta de la Parte."
        in client.get(reverse("docket_case", kwargs={"slug": story.case.slug})).content.decode()
    )


def test_a_document_given_the_visibility_it_has_is_refused(client, officer):
    """Walk 97: "Visibility: Public → Public" was recorded in the history for good."""
    story, _letter, document, count = _letter_on_the_case(client, officer, "Carta")
    same = _post(client, story.case, to="public", target=document.pk)
    assert "The document already has this visibility: “Public”." in same
    assert Event.objects.filter(submission=story.case).count() == count
    _post(client, story.case, to="parties", target=document.pk)
    assert Event.objects.filter(submission=story.case).count() == count + 1


def test_the_reasons_tick_is_offered_beside_a_decision_with_reasons_only(client, officer):
    """Walk 97: the "reasons" tick was offered for every entry, then refused for a letter.
    Before any decision gives reasons it is not offered (and the refusal for want of a tick
    names the title and the note only); once one does, the entry list names it for
    actions.js, which hides the tick beside the others."""
    story = drive("admissibility_review")
    client.force_login(officer)
    url = reverse("ws_case", kwargs={"pk": story.case.pk})
    page = client.get(url).content.decode()
    assert 'value="reasons"' not in page and "data-with-reasons" not in page
    letter = _public_letter(story, "Carta")
    refused = _post(client, story.case, to="public", event=letter.pk)
    assert "Choose the title, the note, or both." in refused
    with translation.override("es"):
        refused = _post(client, story.case, to="public", event=letter.pk)
    assert "Elija el título, la nota o ambos." in refused
    decided = story.add(
        "admissibility_determined",
        data={"outcome": "meets", "criteria": {"a": {"met": True, "reasons": "Se cumple."}}},
    )
    page = client.get(url).content.decode()
    assert 'value="reasons"' in page
    assert f'data-with-reasons="{decided.pk}"' in page
    # And the entries with documents sent for the public, for "with the documents" (walk 107).
    assert 'data-with-documents=""' in page
    sent = story.add(
        "correspondence",
        author=f"party:{A}",
        visibility="parties",
        data={"publish_requested": True, "for_public": [0]},
        note="Carta para el público.",
        documents_in=[DocumentInput("Carta", "es", stored_pdf(), "parties")],
    )
    assert f'data-with-documents="{sent.pk}"' in client.get(url).content.decode()


def test_the_refusal_names_documents_held_beside_the_text(client, officer, settings):
    """Walk 149: "Tick what it does not read yet: note", while two documents sent for the
    public were held too and "With the documents" was unticked."""
    settings.SEM_FOUR_EYES = False
    story = drive("awaiting_response")
    annex = DocumentInput("Anexo", "es", stored_pdf(), "parties")
    response = response_for_the_public(story, "Respuesta de la Parte.", [annex])
    client.force_login(officer)
    unticked = _post(client, story.case, to="public", event=response.pk, fields_of_text="title")
    assert "Tick what it does not read yet: note." in unticked
    assert (
        "Its documents sent for the public are held too: tick “With the documents sent for the "
        "public with it” to publish them in the same decision." in unticked
    )
    ticked = _post(
        client,
        story.case,
        to="public",
        event=response.pk,
        fields_of_text="title",
        with_documents="on",
    )
    assert "Tick what it does not read yet: note." in ticked
    assert "Its documents sent for the public are held too" not in ticked
