"""Visibility rules (PROCESS.md, Visibility and Four eyes; REGISTRY-FORMAT.md,
`visibility_changed` and `published`): widening is a decision of the Executive Director,
narrowing takes effect at once; a submitter's confidential attachment never goes beyond the Party
concerned, a draft factual record never beyond the Parties, a final record never public before
`published`; and `published` makes the final record and its versions public."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from submissions.models import Document
from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from tests.parties import OTHERS, SLUG, A, B, council_members, identifier
from workflow import services
from workflow.exceptions import RuleViolation
from workflow.models import Event
from workflow.registry import export_registry
from workflow.registry.importer import import_registry

D = datetime.date
S = Stage
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def instruct_publication(story, on):
    """The Council instructs publication on ``on``: as many members as its rule needs."""
    story.council("publication_instructed", on)


def doc(title, visibility=None, language="es", **kwargs):
    return services.DocumentInput(
        title=title,
        language=language,
        file=SimpleUploadedFile(f"{title}.pdf", PDF),
        visibility=visibility,
        **kwargs,
    )


def change(case, document, to, actor, **kwargs):
    return services.record_event(
        case,
        "visibility_changed",
        actor=actor,
        data={
            "document": [document.event.seq - 1, document.position],
            "from": document.visibility,
            "to": to,
            "reason": "Revisión de la Secretaría.",
        },
        **kwargs,
    )


def refused(case, document, to, actor, rule):
    count = Event.objects.filter(submission=case).count()
    with pytest.raises(RuleViolation) as error:
        change(case, document, to, actor)
    assert error.value.rule == rule
    assert Event.objects.filter(submission=case).count() == count  # nothing written
    before = document.visibility
    document.refresh_from_db()
    assert document.visibility == before
    return error.value


def _version(story, officer, document, title, language="en", **kwargs):
    """A version of ``document`` (a translation, a redacted copy) added later, by an entry of
    its own."""
    return services.add_document_version(
        story.case,
        actor=officer,
        document=document,
        file=SimpleUploadedFile(f"{title}.pdf", PDF),
        language=language,
        title=title,
        **kwargs,
    )


def test_narrowing_takes_effect_at_once(officer):
    story = drive(S.RESPONSE_DECISION)  # determination 10 April 2023
    story.add("correspondence", D(2023, 4, 12), documents_in=[doc("Carta")])
    letter = Document.objects.get(title="Carta")
    assert letter.visibility == "public"
    with frozen(D(2023, 4, 13)):
        event = change(story.case, letter, "parties", officer)
    letter.refresh_from_db()
    assert (event.kind, event.on, letter.visibility) == (
        "visibility_changed",
        D(2023, 4, 13),
        "parties",
    )


def test_a_document_withheld_takes_its_translations_with_it(officer, client, tmp_path):
    """Walk 113 (high): a letter withdrawn from the public stayed readable there through its
    Spanish translation, on the docket, the feed and the API. Its translations (and theirs)
    follow it; its redacted version, published in its place, does not."""
    import json

    from submissions.models import Submission, Submitter
    from workflow.chain import problems_of
    from workflow.registry import export_registry

    story = drive(S.RESPONSE_DECISION)
    story.add("correspondence", D(2023, 4, 12), documents_in=[doc("Letter", language="en")])
    letter = Document.objects.get(title="Letter")
    with frozen(D(2023, 4, 13)):
        for title, link in (("Carta", "translation"), ("Versión pública", "redacted")):
            _version(
                story,
                officer,
                letter,
                title,
                language="es",
                visibility="public",
                reason="Para el público.",
                **{link: True},
            )
        services.add_document_version(
            story.case,
            actor=officer,
            document=Document.objects.get(title="Carta"),
            file=SimpleUploadedFile("Lettre.pdf", PDF),
            language="en",
            title="Lettre",
            visibility="parties",
            reason="Pour les Parties.",
            translation=True,
        )
    slug = story.case.slug
    page = " ".join(client.get(f"/en/docket/{slug}/").content.decode().split())
    assert "Carta" in page
    # A redacted version reads as such, not also as the "original" (walk 113).
    assert "— redacted version" in page and "— original — redacted version" not in page
    # The open data link each version to its original in an earlier entry (walk 113: the
    # API did not say that the translation translated anything).
    public = json.loads(export_registry())["submissions"][0]["events"]
    where = next(i for i, e in enumerate(public) if "Letter" in str(e.get("documents")))
    versions = {
        d["title"]: d for e in public for d in e.get("documents", ()) if d["title"] != "Letter"
    }
    assert versions["Carta"]["translation_of"] == [where, 0]
    assert versions["Carta"]["official_translation"] is False
    assert versions["Versión pública"]["redacted_version_of"] == [where, 0]
    assert "Lettre" not in versions  # for the Parties only
    with frozen(D(2023, 4, 14)):
        event = change(story.case, letter, "secretariat", officer)
    levels = dict(Document.objects.values_list("title", "visibility"))
    assert levels == {
        "Letter": "secretariat",
        "Carta": "secretariat",
        "Lettre": "secretariat",
        "Versión pública": "public",
    }
    carta, lettre = (Document.objects.get(title=t) for t in ("Carta", "Lettre"))
    assert event.data["translations"] == sorted(
        [[d.event.seq - 1, d.position] for d in (carta, lettre)]
    )
    page = client.get(f"/en/docket/{slug}/").content.decode()
    assert "Carta" not in page and "Versión pública" in page
    assert client.get(f"/en/docket/{slug}/documents/{carta.pk}/").status_code == 404
    assert problems_of(story.case) == []
    public = json.loads(export_registry())["submissions"][0]["events"]
    redacted = next(d for e in public for d in e.get("documents", ()) if d["title"] != "Letter")
    assert redacted["title"] == "Versión pública" and "redacted_version_of" not in redacted
    # The officer's page says which went with it.
    client.force_login(officer)
    case_page = client.get(f"/en/secretariat/case/{story.case.pk}/").content.decode()
    assert (
        f"Its translations, withheld with it: Carta (entry no. {carta.event.seq}); "
        f"Lettre (entry no. {lettre.event.seq})"
    ) in " ".join(case_page.split()).replace("</dt> <dd>", " ").replace("</dt><dd>", " ")
    # Exported and imported again as it was; its replay agrees with the rows.
    text = export_registry(restricted=True)
    (tmp_path / "export.json").write_text(text, encoding="utf-8")
    Submission.objects.all().delete()
    Submitter.objects.all().delete()
    report = import_registry(json.loads(text), base_dir=tmp_path)
    assert report.ok, [str(r) for r in report.refused]
    assert export_registry(restricted=True) == text


def test_only_a_documents_own_translations_are_withheld_with_it(officer):
    story = drive(S.RESPONSE_DECISION)
    story.add("correspondence", D(2023, 4, 12), documents_in=[doc("Carta"), doc("Otra carta")])
    letter, other = Document.objects.get(title="Carta"), Document.objects.get(title="Otra carta")
    count = Event.objects.filter(submission=story.case).count()
    # Named by an import's file (a live record computes the list itself).
    with pytest.raises(RuleViolation) as error:
        story.add(
            "visibility_changed",
            D(2023, 4, 13),
            data={
                "document": [letter.event.seq - 1, letter.position],
                "from": "public",
                "to": "secretariat",
                "reason": "Datos de un tercero.",
                "translations": [[other.event.seq - 1, other.position]],
            },
        )
    assert error.value.rule == "translations"
    assert Event.objects.filter(submission=story.case).count() == count
    other.refresh_from_db()
    assert other.visibility == "public"


def test_widening_waits_for_the_director_then_takes_effect(officer, director):
    story = drive(S.RESPONSE_DECISION)
    story.add("correspondence", D(2023, 4, 12), documents_in=[doc("Nota", "secretariat")])
    note = Document.objects.get(title="Nota")
    with frozen(D(2023, 4, 13)):
        proposal = change(story.case, note, "public", officer)
        note.refresh_from_db()
        assert (proposal.kind, note.visibility) == ("proposed", "secretariat")
        assert proposal.data["proposal"]["to"] == "public"
    with frozen(D(2023, 4, 14)):
        approved = services.approve_proposal(story.case, proposal.seq, actor=director)
    note.refresh_from_db()
    assert (approved.kind, approved.on, approved.author) == (
        "visibility_changed",
        D(2023, 4, 14),
        "secretariat",
    )
    assert note.visibility == "public"


def test_a_submitters_confidential_attachment_goes_no_further_than_the_party(officer, director):
    story = drive(S.RESPONSE_DECISION)
    story.add(
        "information_added",
        D(2023, 4, 12),
        author="submitter",
        documents_in=[doc("Anexo confidencial", "submitter")],
    )
    annex = Document.objects.get(title="Anexo confidencial")
    with frozen(D(2023, 4, 13)):
        for to in ("public", "parties"):
            error = refused(
                story.case, annex, to, officer, "confidential attachment: at most party_concerned"
            )
        assert str(error).startswith(
            "A submitter's confidential attachment is never shown beyond the Secretariat and "
            "the Party concerned."
        )
        # The Director may not either.
        refused(
            story.case,
            annex,
            "public",
            director,
            "confidential attachment: at most party_concerned",
        )
        # Up to the Party concerned: a widening, so proposed and approved.
        proposal = change(story.case, annex, "party_concerned", officer)
        assert proposal.kind == "proposed"
        services.approve_proposal(story.case, proposal.seq, actor=director)
    annex.refresh_from_db()
    assert annex.visibility == "party_concerned"


def test_an_attachment_marked_confidential_at_filing_stays_with_the_party(officer):
    story = drive(S.RESPONSE_DECISION)
    # What the filing form stores for an attachment marked confidential (uploads.document_input).
    story.add(
        "information_added",
        D(2023, 4, 12),
        author="submitter",
        documents_in=[doc("Fotos", "party_concerned")],
    )
    photos = Document.objects.get(title="Fotos")
    with frozen(D(2023, 4, 13)):
        refused(
            story.case,
            photos,
            "public",
            officer,
            "confidential attachment: at most party_concerned",
        )


def test_a_draft_factual_record_goes_no_further_than_the_parties(officer):
    story = drive(S.FACTUAL_RECORD_PREPARATION)
    story.add("draft_submitted", D(2023, 10, 2), documents_in=[doc("Borrador")])
    draft = Document.objects.get(title="Borrador")
    assert draft.visibility == "parties"
    with frozen(D(2023, 10, 3)):
        error = refused(
            story.case, draft, "public", officer, "draft factual record: at most parties"
        )
        assert str(error).startswith(
            "A draft factual record is never shown beyond the Parties and the Council."
        )
        # Nor to the submitters, whose level the linear order put inside the Parties' (walk
        # 42: the form offered it, and the engine took it).
        refused(story.case, draft, "submitter", officer, "draft factual record: at most parties")
        # Narrowing it is allowed, at once.
        change(story.case, draft, "secretariat", officer)
    draft.refresh_from_db()
    assert draft.visibility == "secretariat"


def test_a_final_record_is_not_public_before_published_and_not_filed_public(officer):
    story = drive(S.DRAFT_COMMENT_PERIOD)
    # Nor for the submitters, whose level the linear order put inside the Parties' (walk 42).
    for title, level in (("Final abierto", "public"), ("Final para los remitentes", "submitter")):
        with frozen(D(2023, 11, 20)), pytest.raises(RuleViolation) as error:
            services.record_event(
                story.case, "final_submitted", actor=officer, documents_in=[doc(title, level)]
            )
        assert error.value.rule == "final_submitted: documents at most parties"
    # The form offers only the levels the engine takes.
    from secretariat.workspace.forms import action_form

    levels = [
        c[0]
        for c in action_form("final_submitted", story.case).fields["document_visibility"].choices
    ]
    assert levels == ["", "parties", "party_concerned", "secretariat"]
    assert not Document.objects.filter(title="Final abierto").exists()
    story.add("final_submitted", D(2023, 11, 20), documents_in=[doc("Final")])
    final = Document.objects.get(title="Final")
    with frozen(D(2023, 11, 21)):
        error = refused(
            story.case, final, "public", officer, "final factual record: public only once published"
        )


def test_the_refusal_is_given_in_spanish(officer):
    """The refusal reaches a Spanish-speaking officer in Spanish."""
    story = drive(S.DRAFT_COMMENT_PERIOD)
    story.add("final_submitted", D(2023, 11, 20), documents_in=[doc("Final")])
    final = Document.objects.get(title="Final")
    with (
        translation.override("es"),
        frozen(D(2023, 11, 21)),
        pytest.raises(RuleViolation) as spanish,
    ):
        change(story.case, final, "public", officer)
    assert str(spanish.value).startswith(
        "El expediente de hechos final se hace público solo cuando se registre su publicación."
    )


def test_published_makes_the_final_record_and_its_versions_public(director, officer):
    story = drive(S.DRAFT_COMMENT_PERIOD)
    story.add(
        "final_submitted",
        D(2023, 11, 20),
        documents_in=[
            doc("Final"),
            doc("Final (English)", translation_of=0, official_translation=True),
            doc("Final (versión pública)", redacted_version_of=0),
            doc("Anexo del final", "secretariat"),
        ],
    )
    instruct_publication(story, D(2023, 11, 22))
    with frozen(D(2023, 11, 28)):
        proposal = services.record_event(story.case, "published", actor=officer)
        assert set(
            Document.objects.filter(event__kind="final_submitted").values_list(
                "visibility", flat=True
            )
        ) == {"parties", "secretariat"}
        services.approve_proposal(story.case, proposal.seq, actor=director)
    story.case.refresh_from_db()
    assert (story.case.stage, story.case.closure_reason) == (S.CLOSED, "factual_record_published")
    assert dict(
        Document.objects.filter(event__kind="final_submitted").values_list("title", "visibility")
    ) == {
        "Final": "public",
        "Final (English)": "public",
        "Final (versión pública)": "public",
        "Anexo del final": "public",
    }


def test_published_on_import_makes_documents_not_yet_inserted_public(db):
    events = [
        {"on": "2023-03-10", "kind": "filed"},
        {"on": "2023-03-13", "kind": "acknowledged"},
        {"on": "2023-04-10", "kind": "admissibility_determined", "outcome": "meets"},
        {"on": "2023-05-07", "kind": "response_decided", "outcome": "request"},
        {"on": "2023-06-15", "kind": "party_responded", "author": f"party:{A}"},
        {"on": "2023-07-14", "kind": "factual_record_notified", "outcome": "warranted"},
        *(
            {"on": "2023-08-01", "kind": "council_instructed", "party": m, "author": f"council:{m}"}
            for m in council_members()
        ),
        {"on": "2023-10-02", "kind": "draft_submitted"},
        *(
            {"on": "2023-11-20", "kind": "draft_commented", "party": p, "author": f"party:{p}"}
            for p in (A, B) + OTHERS
        ),
        {
            "on": "2023-11-21",
            "kind": "final_submitted",
            "documents": [
                {"language": "es", "title": "Expediente final"},
                {"language": "en", "title": "Final record", "translation_of": 0},
            ],
        },
        *(
            {
                "on": "2023-11-22",
                "kind": "publication_instructed",
                "party": m,
                "author": f"council:{m}",
            }
            for m in council_members("publication_instructed")
        ),
        {"on": "2023-12-01", "kind": "published"},
    ]
    report = import_registry(
        {
            "format": "sem-registry/1",
            "profile": SLUG,
            "submissions": [
                {
                    "identifier": identifier(A, 9, 2023),
                    "party": A,
                    "language": "es",
                    "title": {"es": "Caso"},
                    "summary": {"es": "Resumen."},
                    "laws": ["Ley"],
                    "submitters": [{"name": "A", "kind": "organization", "country": A}],
                    "events": events,
                }
            ],
        }
    )
    assert report.ok, report.refused
    rows = Document.objects.filter(event__kind="final_submitted").order_by("position")
    assert [(d.title, d.initial_visibility, d.visibility) for d in rows] == [
        ("Expediente final", "parties", "public"),
        ("Final record", "parties", "public"),
    ]


def test_a_later_version_of_a_draft_keeps_the_drafts_limit(officer):
    """A public translation or redacted copy of the draft, added later as a version of it,
    would show what a visibility change may not: refused, nothing written."""
    story = drive(S.FACTUAL_RECORD_PREPARATION)
    story.add("draft_submitted", D(2023, 10, 2), documents_in=[doc("Borrador")])
    draft = Document.objects.get(title="Borrador")
    count = Event.objects.filter(submission=story.case).count()
    with frozen(D(2023, 10, 3)):
        for link in ("translation", "redacted"):
            with pytest.raises(RuleViolation) as error:
                _version(
                    story,
                    officer,
                    draft,
                    "Draft",
                    visibility="public",
                    reason="Translation for the public.",
                    **{link: True},
                )
            assert error.value.rule == "draft factual record: at most parties"
        assert Event.objects.filter(submission=story.case).count() == count
        # Within the limit it is accepted.
        _version(
            story,
            officer,
            draft,
            "Draft",
            translation=True,
            visibility="parties",
            reason="Translation for the Parties.",
        )
    assert Document.objects.get(translation_of=draft).visibility == "parties"


def test_the_published_record_is_offered_near_the_top_of_the_case_page(client, director, officer):
    """The helper's walk: once published, the final record was found only inside the ninth
    entry of the timeline."""
    story = drive(S.DRAFT_COMMENT_PERIOD)
    story.add(
        "final_submitted",
        D(2023, 11, 20),
        documents_in=[
            doc("Expediente de hechos final"),
            doc("Final factual record", translation_of=0, official_translation=True),
        ],
    )
    page = client.get(f"/es/docket/{story.case.slug}/").content.decode()
    assert 'id="record-heading"' not in page  # not before it is published
    instruct_publication(story, D(2023, 11, 22))
    with frozen(D(2023, 11, 28)):
        proposal = services.record_event(story.case, "published", actor=officer)
        services.approve_proposal(story.case, proposal.seq, actor=director)
    page = client.get(f"/es/docket/{story.case.slug}/").content.decode()
    section = page.split('id="record-heading"', 1)[1].split("</section>", 1)[0]
    assert page.index('id="record-heading"') < page.index('id="timeline-heading"')
    assert "Expediente de hechos final" in section
    for document in Document.objects.filter(event__kind="final_submitted"):
        assert f"/es/docket/{story.case.slug}/documents/{document.pk}/" in section


def test_the_docket_lists_the_published_record_before_its_cover_letter(db):
    """Walk 48: the docket's box of the final factual record listed the generated cover
    letter (first in the event) above the record itself."""
    story = drive(S.DRAFT_COMMENT_PERIOD)
    story.add(
        "final_submitted",
        D(2023, 11, 20),
        documents_in=[
            doc("Carta de remisión", kind="correspondence"),
            doc("Expediente de hechos final", kind="final_factual_record"),
        ],
    )
    instruct_publication(story, D(2023, 11, 22))
    story.add("published", D(2023, 11, 28))
    page = Client().get(f"/en/docket/{story.case.slug}/").content.decode()
    box = page.split('id="record-heading"', 1)[1].split("</section>", 1)[0]
    assert 0 <= box.index("Expediente de hechos final") < box.index("Carta de remisión")


def test_a_translation_added_later_is_public_with_the_record(client, director, officer):
    """Walk 146: the English final record, added as a translation by an entry of its own and
    kept with the Parties, became public with the record (the staff's list said "Público")
    and stood on no public page: the docket offers it beside the original, and serves it."""
    story = drive(S.DRAFT_COMMENT_PERIOD)
    story.add("final_submitted", D(2023, 11, 20), documents_in=[doc("Expediente de hechos final")])
    original = Document.objects.get(title="Expediente de hechos final")
    with frozen(D(2023, 11, 21)):
        _version(
            story,
            officer,
            original,
            "Final factual record",
            translation=True,
            official=True,
            visibility="parties",
            reason="Official translation.",
        )
    english = Document.objects.get(translation_of=original)
    assert english.event.visibility == "parties"
    url = f"/en/docket/{story.case.slug}/documents/{english.pk}/"
    assert client.get(url).status_code == 404  # not before the publication
    instruct_publication(story, D(2023, 11, 22))
    with frozen(D(2023, 11, 28)):
        proposal = services.record_event(story.case, "published", actor=officer)
        services.approve_proposal(story.case, proposal.seq, actor=director)
    english.refresh_from_db()
    assert english.visibility == "public"
    page = client.get(f"/en/docket/{story.case.slug}/").content.decode()
    box = page.split('id="record-heading"', 1)[1].split("</section>", 1)[0]
    assert url in box  # beside the Spanish original
    assert client.get(url).status_code == 200
    # Its own entry, a letter kept with the Parties, stays off the public page.
    assert "Official translation." not in page
    # The API and the export list it beside its original too, linked to the same file (the
    # last note: the export listed documents by their public entries only).
    case = client.get(f"/api/v1/submissions/{story.case.slug}/").json()
    assert "Official translation." not in json.dumps(case)
    final = next(e for e in case["events"] if e["kind"] == "final_submitted")
    spanish, listed = final["documents"]
    assert spanish["title"] == "Expediente de hechos final"
    assert listed["title"] == "Final factual record" and listed["translation_of"] == 0
    assert listed["official_translation"] is True
    assert listed["url"].endswith(url)
    exported = json.loads(export_registry())["submissions"][0]["events"]
    assert [e["documents"] for e in exported if e["kind"] == "final_submitted"] == [
        [{k: v for k, v in d.items() if k != "url"} for d in final["documents"]]
    ]


def test_publishing_a_text_with_its_documents_leaves_one_the_public_reads_redacted(officer):
    """Walk 171: a revision's note published "with its documents" made public the original
    beside the redacted version the public was to read in its place (PROCESS.md: the full one
    keeps its restricted visibility). The officer's form leaves it out; the engine refuses it."""
    story = drive("awaiting_response")
    letter = story.add(
        "correspondence",
        author=f"party:{A}",
        note="La Parte remite su carta.",
        data={"publish_requested": True, "for_public": [0, 1]},
        documents_in=[
            doc("Carta original", "parties"),
            doc("Anexo", "parties"),
            doc("Carta (versión pública)", "public", redacted_version_of=0),
        ],
    )
    case = story.case
    with pytest.raises(RuleViolation) as refused:
        story.add(
            "visibility_changed",
            data={
                "event": letter.seq - 1,
                "fields": ["note"],
                "from": "parties",
                "to": "public",
                "reason": "Pedido por la Parte.",
                "with_documents": [0, 1],
            },
        )
    assert "in its redacted version" in str(refused.value)
    client = Client()
    client.force_login(officer)
    case.refresh_from_db()
    url = f"/en/secretariat/case/{case.pk}/act/visibility_changed/"
    client.post(
        url,
        {
            "event_count": case.event_count,
            "visibility_changed-event": letter.pk,
            "visibility_changed-fields_of_text": ["note"],
            "visibility_changed-to": "public",
            "visibility_changed-with_documents": "on",
            "visibility_changed-reason": "Pedido por la Parte.",
        },
    )
    (proposal,) = case.events.filter(kind="proposed")
    assert proposal.data["proposal"]["with_documents"] == [1]


def test_information_added_offers_only_the_levels_its_readers_hold(officer):
    """Walk 170: the officer filed a submitter's annex as information added "for the Secretariat
    and the Party concerned"; the entry is the submitters' and the Secretariat's, so the Party
    never saw it, while the request told it every supporting document was in its portal."""
    import re

    case = drive("awaiting_response").case
    client = Client()
    client.force_login(officer)
    url = f"/en/secretariat/case/{case.pk}/act/information_added/"
    page = client.get(f"/en/secretariat/case/{case.pk}/").content.decode()
    select = re.search(
        r'<select name="information_added-document_visibility".*?</select>', page, re.S
    ).group(0)
    values = re.findall(r'value="([^"]*)"', select)
    assert values == ["", "submitter", "secretariat"], values
    assert "To send a document to a Party, record a letter to it." in page
    assert 'name="information_added-redacted"' not in page
    posted = client.post(
        url,
        {
            "event_count": case.event_count,
            "information_added-note": "Anexo enviado por correo.",
            "information_added-document": SimpleUploadedFile("anexo.pdf", PDF),
            "information_added-document_title": "Anexo 4",
            "information_added-document_language": "es",
            "information_added-document_visibility": "party_concerned",
        },
    )
    summary = posted.content.decode().split('id="error-summary"', 1)[-1][:2000]
    assert "Who may see the document: Select a valid choice." in summary
    assert not case.events.filter(kind="information_added").exists()
