"""The Secretariat's edits to a case: related submissions, public texts, later versions of a
document on file (services, chain, registry round trip and the workspace views)."""

import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from submissions.models import Document, Submission, Submitter, User
from submissions.storage import DocumentInput
from tests.factories import file_case
from tests.helpers_cases import drive
from workflow import chain, services
from workflow.exceptions import InvalidInput, NotAllowed, WorkflowError
from workflow.models import Event
from workflow.registry import export_registry, import_registry

pytestmark = pytest.mark.django_db


def _pdf(name="t.pdf", body=b"%PDF-1.4 translation"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _with_letter(case, officer):
    """A case with a Spanish letter recorded by a correspondence event; returns the letter."""
    services.record_event(
        case,
        "correspondence",
        actor=officer,
        title="Carta",
        documents_in=[DocumentInput(title="Carta", language="es", file=_pdf("c.pdf", b"%PDF c"))],
    )
    return case.documents.get(title="Carta")


def _translate(case, officer, letter, **overrides):
    kwargs = {
        "document": letter,
        "file": _pdf(),
        "language": "en",
        "title": "Letter",
        "translation": True,
        "official": True,
        "visibility": "public",
        "reason": "Translated by the Secretariat",
    }
    kwargs.update(overrides)
    return services.add_document_version(case, actor=officer, **kwargs)


# --- Related submissions ------------------------------------------------------------------------


def test_a_related_case_titled_in_another_language_says_so(officer, client):
    # Walk 128: "SEM/PE/004/2026 Illegal gold mining…" on a Spanish page, unmarked, where
    # every other list adds "(en inglés)".
    first = drive("admissibility_review").case
    second = drive("admissibility_review", party="US").case
    Submission.objects.filter(pk=second.pk).update(
        title_es="", title_en="Illegal gold mining in the buffer zone"
    )
    services.link_related(first, second, actor=officer, reason="Same concession")
    page = client.get(f"/es/docket/{first.slug}/").content.decode()
    assert (
        '<span lang="en">Illegal gold mining in the buffer zone</span> '
        '<span class="fallback">(en inglés)</span>' in page
    )


def test_linking_is_symmetrical_and_recorded_on_both_cases(officer):
    first = drive("admissibility_review").case
    second = drive("admissibility_review", party="US").case
    services.link_related(first, second, actor=officer, reason="Same concession")

    assert list(second.related.all()) == [first]
    for case, other in ((first, second), (second, first)):
        event = Event.objects.filter(submission=case).order_by("-seq").first()
        assert (event.kind, event.visibility, event.note) == (
            "correspondence",
            "secretariat",
            "Same concession",
        )
        # A code and the other case's reference, no sentence (the chain is language-free).
        assert (event.title, event.data) == ("", {"link": "linked", "other": other.identifier})
        assert event.recorded_by == officer
        assert chain.verify_submission(Submission.objects.get(pk=case.pk)) is None

    services.unlink_related(second, first, actor=officer, reason="Different matters")
    assert not first.related.exists()
    last = Event.objects.filter(submission=first).order_by("-seq").first()
    assert last.data == {"link": "unlinked", "other": second.identifier}


def test_only_the_secretariat_links_and_a_case_not_to_itself(officer, a_focal):
    first = drive("admissibility_review").case
    second = drive("admissibility_review").case
    with pytest.raises(NotAllowed):
        services.link_related(first, second, actor=a_focal, reason="x")
    with pytest.raises(InvalidInput):
        services.link_related(first, first, actor=officer, reason="x")
    with pytest.raises(InvalidInput):
        services.link_related(first, second, actor=officer, reason="  ")
    with pytest.raises(InvalidInput):
        services.unlink_related(first, second, actor=officer, reason="not linked")
    assert not first.related.exists()
    assert Event.objects.filter(submission=first, kind="correspondence").count() == 0


# --- Public texts -----------------------------------------------------------------------------


def test_public_texts_in_both_languages_with_history_of_who_and_why(officer, a_focal):
    case = drive("admissibility_review").case
    facts_before = case.facts
    with pytest.raises(NotAllowed):
        services.set_public_texts(
            case,
            actor=a_focal,
            title_en="T",
            title_es="T",
            summary_en="",
            summary_es="",
            reason="x",
        )
    services.set_public_texts(
        case,
        actor=officer,
        title_en="Forest concessions",
        title_es="Concesiones forestales en reservas",
        summary_en="Summary.",
        summary_es="Resumen.",
        reason="Public wording",
    )
    case.refresh_from_db()
    assert (case.title_en, case.title_es, case.summary_en, case.summary_es) == (
        "Forest concessions",
        "Concesiones forestales en reservas",
        "Summary.",
        "Resumen.",
    )
    assert case.facts == facts_before
    latest = case.history.latest()
    assert latest.history_user == officer
    assert latest.history_change_reason == "Public wording"


def _texts(**given):
    """Every title and summary of the installed profile's languages: ``given``, else empty."""
    from submissions import profiles

    names = [f"{f}_{c}" for f in ("title", "summary") for c in profiles.installed().languages]
    return {name: given.get(name, "") for name in sorted(names)}


def test_the_public_texts_are_recorded_in_the_chain_as_they_now_read(officer):
    """Each change of the public texts is a Secretariat-only event carrying every text as it
    now reads; the same texts again record nothing."""
    case = drive("admissibility_review").case
    before = case.event_count
    services.set_public_texts(
        case, actor=officer, title_en="Forest concessions", summary_en="", reason="Docket"
    )
    case.refresh_from_db()
    assert case.event_count == before + 1
    event = case.events.get(seq=case.event_count)
    assert (event.kind, event.visibility, event.author, event.note) == (
        "correspondence",
        "secretariat",
        "secretariat",
        "Docket",
    )
    # Every text of every working language as the row now reads, the ones not given kept.
    assert event.data == {"texts": {name: getattr(case, name) for name in _texts()}}
    assert (event.data["texts"]["title_en"], event.data["texts"]["summary_en"]) == (
        "Forest concessions",
        "",
    )
    assert event.kind_label == "Public title and summary changed"  # not "Correspondence"
    services.set_public_texts(case, actor=officer, title_en="Forest concessions", reason="Again")
    case.refresh_from_db()
    assert case.event_count == before + 1
    assert chain.verify_submission(case) is None


def test_public_texts_round_trip_and_a_malformed_record_is_refused(officer, tmp_path):
    case = drive("admissibility_review").case
    services.set_public_texts(case, actor=officer, title_en="Río", reason="Docket")
    exported = export_registry(restricted=True)
    data = json.loads(exported)
    item = next(c for c in data["submissions"] if c["identifier"] == case.identifier)
    assert item["events"][-1]["texts"]["title_en"] == "Río"
    _wipe_cases()
    report = import_registry(json.loads(exported), base_dir=tmp_path)
    assert report.ok, [str(r) for r in report.refused]
    assert export_registry(restricted=True) == exported
    assert chain.verify_submission(Submission.objects.get(identifier=case.identifier)) is None

    _wipe_cases()
    item["events"][-1]["texts"] = {"title_xx": "Río"}
    report = import_registry(data, base_dir=tmp_path)
    assert [r.message for r in report.refused] == [
        "The public texts are the Secretariat's: a title in at least one working language "
        "and, for each language, a title and a summary as text. [rule: texts]"
    ]


def test_a_filings_digest_of_its_texts_travels_in_the_restricted_export_only(officer, tmp_path):
    case = file_case(actor=officer)
    digest = case.texts_digest()
    services.record_event(case, "acknowledged", actor=officer)  # now on the public docket
    restricted = export_registry(restricted=True)
    (item,) = json.loads(restricted)["submissions"]
    assert item["events"][0]["texts_sha256"] == digest
    filed = case.events.get(seq=1).data
    (public,) = json.loads(export_registry())["submissions"]
    for key in ("texts_sha256", "laws_sha256", "submitters_sha256"):
        assert item["events"][0][key] == filed[key]
        assert key not in public["events"][0]
    _wipe_cases()
    report = import_registry(json.loads(restricted), base_dir=tmp_path)
    assert report.ok, [str(r) for r in report.refused]
    assert export_registry(restricted=True) == restricted
    imported = Submission.objects.get()
    assert imported.events.get(seq=1).data == filed
    # The identifier the acknowledgement assigned travels in both files (it is public).
    assert imported.events.get(seq=2).data == {"identifier": imported.identifier}
    assert public["events"][1]["identifier"] == imported.identifier
    assert chain.verify_submission(imported) is None


def test_a_party_cannot_record_public_texts(a_focal):
    case = drive("awaiting_response").case
    with pytest.raises(WorkflowError, match="public texts are the Secretariat's"):
        services.record_event(
            case,
            "correspondence",
            actor=a_focal,
            author=f"party:{case.party.code}",
            data={"texts": _texts(title_en="Ours")},
        )


# --- A later version of a document on file ------------------------------------------------------


def test_a_translation_of_an_earlier_document_is_chained_by_event_and_position(officer):
    case = drive("response_decision").case
    letter = _with_letter(case, officer)
    event = _translate(case, officer, letter)

    translation = event.documents.get()
    assert translation.translation_of == letter
    assert translation.official_translation is True
    assert (event.kind, event.visibility, translation.visibility) == (
        "correspondence",
        "public",
        "public",
    )
    content = chain.document_content(translation, [translation])
    assert content["translation_of"] == [letter.event.seq - 1, 0]
    assert chain.verify_submission(Submission.objects.get(pk=case.pk)) is None


def test_changing_a_cross_event_link_afterwards_breaks_the_chain(officer):
    case = drive("response_decision").case
    letter = _with_letter(case, officer)
    event = _translate(case, officer, letter)
    assert chain.verify_submission(Submission.objects.get(pk=case.pk)) is None
    filing = case.documents.exclude(pk=letter.pk).exclude(event=event).first()
    if filing is None:  # the case carried no document of its own: add another letter
        services.record_event(
            case,
            "correspondence",
            actor=officer,
            documents_in=[DocumentInput(title="Otra", language="es")],
        )
        filing = case.documents.get(title="Otra")
    Document.objects.filter(event=event).update(translation_of=filing)

    broken = chain.verify_submission(Submission.objects.get(pk=case.pk))
    assert broken is not None
    assert broken.seq == event.seq
    assert broken.message == "content changed after it was recorded"


def test_a_version_is_a_translation_or_a_redacted_copy_of_this_case(officer, a_focal):
    case = drive("response_decision").case
    letter = _with_letter(case, officer)
    with pytest.raises(NotAllowed):
        _translate(case, a_focal, letter)
    with pytest.raises(InvalidInput):
        _translate(case, officer, letter, redacted=True)  # both
    with pytest.raises(InvalidInput):
        _translate(case, officer, letter, language="es")  # same language
    elsewhere = _with_letter(drive("response_decision").case, officer)
    with pytest.raises(InvalidInput):
        _translate(case, officer, elsewhere)
    redacted = _translate(
        case, officer, letter, translation=False, redacted=True, language="es", title="Carta (R)"
    )
    assert redacted.documents.get().redacted_version_of == letter


def _wipe_cases():
    Submission.objects.all().delete()
    Submitter.objects.all().delete()
    User.objects.all().delete()


def test_restricted_export_round_trip_carries_cross_event_links(officer, tmp_path):
    first = drive("response_decision").case
    second = drive("admissibility_review").case
    letter = _with_letter(first, officer)
    event = _translate(first, officer, letter)
    services.link_related(first, second, actor=officer, reason="Same river")

    exported = export_registry(restricted=True)
    data = json.loads(exported)
    case = next(c for c in data["submissions"] if c["identifier"] == first.identifier)
    document = case["events"][event.seq - 1]["documents"][0]
    assert document["translation_of"] == [letter.event.seq - 1, 0]
    assert document["official_translation"] is True
    assert case["related"] == [second.identifier]

    _wipe_cases()
    report = import_registry(json.loads(exported), base_dir=tmp_path)
    assert report.ok, [str(r) for r in report.refused]
    assert export_registry(restricted=True) == exported
    imported = Submission.objects.get(identifier=first.identifier)
    translation = imported.documents.get(title="Letter")
    assert translation.translation_of.title == "Carta"
    assert chain.verify_submission(imported) is None


def test_import_refuses_a_link_to_a_document_of_no_earlier_event(officer, tmp_path):
    case = drive("response_decision").case
    letter = _with_letter(case, officer)
    event = _translate(case, officer, letter)
    data = json.loads(export_registry(restricted=True))
    data["submissions"][0]["events"][event.seq - 1]["documents"][0]["translation_of"] = [
        event.seq - 1,
        0,
    ]
    _wipe_cases()
    report = import_registry(data, base_dir=tmp_path)
    assert not report.ok
    assert "no earlier event" in str(report.refused[0])


# --- The workspace views ------------------------------------------------------------------------


def test_case_page_offers_the_three_edits_to_the_secretariat(login, officer):
    case = drive("admissibility_review").case
    page = login(officer).get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    for url in ("ws_link_related", "ws_texts", "ws_document_version"):
        assert reverse(url, kwargs={"pk": case.pk}) in page
    assert "Add a translation or a redacted version" in page
    # What the version's choices mean, said beside them (walk 113: the official tick stood
    # beside a redacted version, and the Secretariat's level read as a mistake).
    page = html.unescape(page)
    assert "For a translation only: a redacted version is never one." in page
    assert "a translation goes no wider than the document it translates." in page


def test_linking_through_the_workspace(login, officer):
    case = drive("admissibility_review").case
    other = drive("admissibility_review").case
    client = login(officer)
    url = reverse("ws_link_related", kwargs={"pk": case.pk})
    response = client.post(url, {"action": "link", "other": "NOPE", "reason": "r"})
    assert response.status_code == 200
    assert "No other case has this reference." in response.content.decode()
    response = client.post(
        url, {"action": "link", "other": other.identifier, "reason": "Same matter"}
    )
    assert response.status_code == 302
    assert list(case.related.all()) == [other]
    assert client.get(url).status_code == 302  # to the case page (walk 37), nothing done
    assert list(case.related.all()) == [other]


def test_editing_public_texts_through_the_workspace(login, officer):
    case = drive("admissibility_review").case
    response = login(officer).post(
        reverse("ws_texts", kwargs={"pk": case.pk}),
        {
            "title_en": "Title",
            "title_es": "Título",
            "summary_en": "",
            "summary_es": "Resumen",
            "reason": "Docket",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.title_en, case.title_es, case.summary_es) == ("Title", "Título", "Resumen")
    assert case.history.latest().history_user == officer
    page = login(officer).get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    assert "Title in Spanish" in page and "Título" in page and "Docket" in page


def test_adding_a_translation_through_the_workspace(login, officer):
    case = drive("response_decision").case
    letter = _with_letter(case, officer)
    case.refresh_from_db()
    response = login(officer).post(
        reverse("ws_document_version", kwargs={"pk": case.pk}),
        {
            "document": letter.pk,
            "version": "translation",
            "language": "en",
            "title": "Letter",
            "file": _pdf(),
            "visibility": "secretariat",
            "reason": "Unofficial translation",
            "event_count": case.event_count,
        },
    )
    assert response.status_code == 302
    translation = Document.objects.get(submission=case, title="Letter")
    assert (translation.translation_of, translation.official_translation) == (letter, False)
    assert translation.event.seq == case.event_count + 1
    # The entry's title is in the case's language (Spanish), as the pages mark it (walk 97:
    # the translation's English title stood as the entry's, marked Spanish).
    assert translation.event.title == "Traducción de un documento"


def test_a_translation_is_shown_no_wider_than_its_original(officer):
    """Walk 93: a translation of a document withheld from the public could be added as
    public at once, the withheld words in the other language."""
    case = drive("awaiting_response").case
    letter = _with_letter(case, officer)
    Document.objects.filter(pk=letter.pk).update(visibility="parties")  # as a decision left it
    letter.refresh_from_db()
    count = case.events.count()
    with pytest.raises(InvalidInput, match="A translation is shown no wider than the document"):
        _translate(case, officer, letter)
    assert case.events.count() == count
    _translate(case, officer, letter, visibility="parties")  # as wide as its original: fine
