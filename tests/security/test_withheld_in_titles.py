"""A submitter who withholds her identity is named on no public surface (PROCESS.md), and
until now that held for the lists of submitters and the files, not for a title someone typed:
"Carta de Rosa Quispe Mamaní" was a document's public title on the docket, in the feeds and
the API, and ``?q=Quispe`` found her case. A filing or the Secretariat's public texts that
write her name are refused where they are typed; a title or note written before she withheld
her name reads with the label in its place, and the search does not find her case by it."""

import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from secretariat.workspace.forms.kinds import action_form
from submissions import withheld
from submissions.storage import DocumentInput
from tests.factories import make_filing
from tests.filing.conftest import filing_data
from tests.helpers_cases import public_file, registered
from tests.parties import CRITERIA, A, es
from workflow import services
from workflow.actors import Actor
from workflow.exceptions import InvalidInput

pytestmark = pytest.mark.django_db

NAME = "Rosa Quispe Mamaní"
LABEL_ES = es("Nombre reservado a solicitud de la persona interesada")
IN_SENTENCE_ES = es("una persona cuyo nombre se reserva a su solicitud")


def _people(confidential=True):
    return [
        services.SubmitterInput(kind="organization", name="Asociación Amazónica", nationality=A),
        services.SubmitterInput(
            kind="individual", name=NAME, nationality=A, confidential=confidential
        ),
    ]


def _registered_case(confidential=True):
    """A registered case with a public letter whose title and note name her (recorded before
    she withheld her name, or imported so)."""
    case = registered(make_filing(submitters=_people(confidential)))
    services.record_event(
        case,
        "correspondence",
        actor=None,
        importing=services.ImportOptions(),
        title="Respuesta a ROSA QUISPE MAMANI",
        note="La Secretaría respondió a Rosa  Quispe Mamaní sobre el plazo.",
        visibility="public",
        documents_in=[public_file("Carta de Rosa Quispe Mamaní", "c.pdf", b"%PDF-1.4 carta")],
    )
    case.refresh_from_db()
    return case


def test_the_name_is_found_whole_whatever_its_case_accents_or_spacing():
    names = [NAME]
    assert withheld.masked("Carta de ROSA  quispe mamani, 2024", names, label="[X]") == (
        "Carta de [X], 2024"
    )
    assert withheld.named_in("rosa quispe mamaní", names) == names
    # A part of the name, or the name inside a longer word, is not hers to mask.
    assert withheld.masked("Sra. Quispe; Rosa Quispe Mamanís", names, label="[X]") == (
        "Sra. Quispe; Rosa Quispe Mamanís"
    )
    assert withheld.masked("", names) == ""
    assert withheld.words_of(["María de la Cruz"]) == {"maria", "cruz"}


def test_a_filing_whose_title_names_a_withheld_submitter_is_refused():
    for overrides, words in (
        ({"title": f"Denuncia de {NAME}"}, "The title names .* or do not withhold"),
        ({"summary": f"Presentada por {NAME.upper()}."}, "The summary names .* or do not"),
    ):
        with pytest.raises(InvalidInput, match=words):
            services.file_submission(
                make_filing(submitters=_people(), **overrides), actor=Actor.public()
            )
    letter = DocumentInput(
        title=f"Carta de {NAME}", language="es", file=SimpleUploadedFile("c.pdf", b"%PDF c")
    )
    with pytest.raises(InvalidInput, match="The title of a document names"):
        services.file_submission(
            make_filing(submitters=_people()), actor=Actor.public(), documents_in=[letter]
        )
    # Hers to name when she does not withhold it, or in a confidential attachment.
    services.file_submission(
        make_filing(submitters=_people(confidential=False), title=f"Denuncia de {NAME}"),
        actor=Actor.public(),
    )
    letter.visibility = "party_concerned"
    services.file_submission(
        make_filing(submitters=_people()), actor=Actor.public(), documents_in=[letter]
    )


def test_the_public_form_says_so_in_spanish_with_the_answers_kept(client):
    data = filing_data(
        **{
            "f-title": f"Tala ilegal denunciada por {NAME}",
            "s1-kind": "individual",
            "s1-name": NAME,
            "s1-nationality": A,
            "s1-email": "rosa@example.org",
            "s1-confidential": "on",
        }
    )
    response = client.post("/es/file/", data)
    assert response.status_code == 400  # refused by the workflow, the form shown again
    body = response.content.decode()
    assert es("El título nombra a") in body
    assert "no debe ser divulgada al público" in body
    assert f'value="Tala ilegal denunciada por {NAME}"' in body


def test_the_secretariat_may_not_write_her_name_into_the_public_texts(officer):
    case = _registered_case()
    with pytest.raises(InvalidInput, match="The title names") as refused:
        services.set_public_texts(
            case, actor=officer, title_es=f"Caso de {NAME}", reason="Título público"
        )
    # Told what the officer can do (walk 34: "or do not ask to withhold it", to an officer).
    assert str(refused.value).endswith("Write it without the name.")
    with translation.override("es"), pytest.raises(InvalidInput) as spanish:
        services.set_public_texts(case, actor=officer, summary_es=f"De {NAME}.", reason="R")
    assert str(spanish.value) == es(
        f"El resumen nombra a {NAME}, cuya identidad no se divulga al público, y el público "
        "lee el resumen. Escríbalo sin ese nombre."
    )
    services.set_public_texts(case, actor=officer, title_es="Tala en Loreto", reason="Título")


def _public_pages(client, case) -> dict[str, str]:
    """The case's docket page, its feed, the docket's feed and its API record, in Spanish."""
    return {
        "page": client.get(f"/es/docket/{case.slug}/").content.decode(),
        "feed": client.get(f"/es/docket/{case.slug}/feed/").content.decode(),
        "docket feed": client.get("/es/docket/feed/").content.decode(),
        "api": json.dumps(
            client.get(f"/api/v1/submissions/{case.slug}/").json(), ensure_ascii=False
        ),
    }


def test_a_typed_title_or_note_reads_with_the_label_on_every_public_surface():
    case = _registered_case()
    client = Client()
    pages = _public_pages(client, case)
    for where, body in pages.items():
        for part in ("Quispe", "QUISPE", "Mamani"):
            assert part not in body, (where, part)
    assert f"Carta de {LABEL_ES}" in pages["page"]
    assert f"Respuesta a {LABEL_ES}" in pages["page"]
    # In a sentence, the phrase for her (walk 150: "respondió a Nombre reservado a …").
    assert f"respondió a {IN_SENTENCE_ES} sobre el plazo" in pages["page"]
    # The label is in the title's own language, whoever reads it (walk 34: "Carta a Name
    # withheld…" in the API, whose default language is English).
    assert f"Carta de {LABEL_ES}" in pages["api"]
    english = client.get(f"/en/docket/{case.slug}/").content.decode()
    assert f"Carta de {LABEL_ES}" in english
    # The stored rows, hashed in the chain, keep what was written.
    assert case.documents.get(event__kind="correspondence").title == f"Carta de {NAME}"


def test_the_search_does_not_find_her_case_by_her_name():
    case = _registered_case()
    client = Client()

    def found(text):
        rows = client.get("/api/v1/submissions/", {"q": text}).json()["results"]
        return [row["identifier"] for row in rows]

    # Quoted or bracketed too (walk 127: the check compared '"quispe"' with "quispe", and
    # PostgreSQL's phrase search found the case by it).
    for text in (
        "Quispe",
        "rosa",
        "MAMANI",
        "Carta Quispe",
        '"Quispe"',
        '"Carta de Rosa"',
        "(Mamani)",
    ):
        assert found(text) == [], text
    assert found("Carta") == [case.identifier]  # the rest of the title still finds it
    assert found("Concesiones") == [case.identifier]
    # When she does not withhold her name, her name finds the case as any word does.
    other = _registered_case(confidential=False)
    assert found("Quispe") == [other.identifier]


def _withheld_since(case):
    """She withholds her name after the case's title and summary were written with it."""
    case.title_es = f"Tala denunciada por {NAME}"
    case.summary_es = f"{NAME} denuncia la tala."
    case.save(update_fields=["title_es", "summary_es"])
    membership = case.memberships.get(submitter__name=NAME)
    services.record_event(
        case,
        "identity_withheld",
        actor=None,
        importing=services.ImportOptions(),
        author="submitter",
        data={"submitter": membership.position},
    )
    case.refresh_from_db()
    return case


def test_the_officer_is_told_when_a_public_title_names_one_who_withheld_since(officer):
    """A title written before she withheld her name reads with the label on the docket: the
    workspace says so, in the officer's language, and opens the form to reword it."""
    case = _registered_case(confidential=False)
    client = Client()
    client.force_login(officer)
    url = reverse("ws_case", kwargs={"pk": case.pk})
    assert "whose identity is now withheld" not in client.get(url).content.decode()
    _withheld_since(case)
    page = client.get(url).content.decode()
    assert f"“Title in Spanish”: it names {NAME}, whose identity is now withheld" in page
    assert "the public reads “Name withheld at the submitter&#x27;s request” in its place" in (page)
    spanish = client.get(url.replace("/en/", "/es/")).content.decode()
    assert es(f"«Título en español»: nombra a {NAME}") in spanish


def test_a_title_written_before_she_withheld_her_name_is_masked_on_every_public_surface(officer):
    """Until now a case's own title and summary, written before she withheld her name, still
    wrote it on the docket's list and heading, the CSV, the feeds, the API and the home page
    (2267edd told the officer instead). The stored texts are unchanged."""
    case = _withheld_since(_registered_case(confidential=False))
    other = registered(make_filing())  # another's case, whose page lists hers as related
    services.link_related(case, other, actor=officer, reason="Misma concesión")
    client = Client()
    pages = {
        "list": client.get("/es/docket/", {"q": "Tala"}).content.decode(),
        "case": client.get(f"/es/docket/{case.slug}/").content.decode(),
        "related": client.get(f"/es/docket/{other.slug}/").content.decode(),
        "csv": client.get("/es/docket/export.csv").content.decode(),
        "case feed": client.get(f"/es/docket/{case.slug}/feed/").content.decode(),
        "docket feed": client.get("/es/docket/feed/").content.decode(),
        "home": client.get("/es/").content.decode(),
        "api list": json.dumps(client.get("/api/v1/submissions/").json(), ensure_ascii=False),
        "api case": json.dumps(
            client.get(f"/api/v1/submissions/{case.slug}/").json(), ensure_ascii=False
        ),
    }
    for where, body in pages.items():
        for part in ("Quispe", "QUISPE", "Mamani"):
            assert part not in body, (where, part)
        assert f"Tala denunciada por {LABEL_ES}" in body, where
    assert f"{LABEL_ES} denuncia la tala." in pages["case"]
    case.refresh_from_db()
    assert case.title_es == f"Tala denunciada por {NAME}"


def _letter(case, note, **fields):
    """A letter recorded on ``case`` (imported: its date and author as given)."""
    return services.record_event(
        case,
        "correspondence",
        actor=None,
        importing=services.ImportOptions(),
        note=note,
        **fields,
    )


def test_a_part_of_a_withheld_name_the_public_reads_is_pointed_out(officer):
    """Walk 89: "el señor Xicará" in a public note stayed on the docket, the feeds and the
    API: a part of a name may be anyone's, so it is not masked, but the officer's case page
    names the entry and the word, and no longer once the entry's text is withheld."""
    assert withheld.parts_named_in("Carta al señor QUISPE", [NAME]) == ["Quispe"]
    assert withheld.parts_named_in("Carta a Rosa Quispe Mamani", [NAME]) == []  # masked whole
    assert withheld.parts_named_in("Carta de la comunidad", [NAME]) == []  # particles
    case = _registered_case()
    letter = _letter(
        case,
        "La Secretaría escribió a la señora Quispe.",
        title="Respuesta sobre el plazo",
        visibility="public",
    )
    client = Client()
    client.force_login(officer)
    url = reverse("ws_case", kwargs={"pk": case.pk})
    page = client.get(url).content.decode()
    notice = page[page.index('id="entries-with-parts"') :]
    notice = notice[: notice.index("</div>")]
    assert f'<a href="#event-{letter.seq}">Entry no. {letter.seq}</a>: Quispe' in notice
    # The letter recorded earlier names her whole: masked, so not listed.
    assert notice.count("<li>") == 1
    assert "part of a name withheld from the public" in notice
    services.record_event(
        case,
        "visibility_changed",
        actor=officer,
        data={
            "event": letter.seq - 1,
            "fields": ["note"],
            "from": "public",
            "to": "parties",
            "reason": "Names her.",
        },
    )
    assert 'id="entries-with-parts"' not in client.get(url).content.decode()


def _determination_naming_her(case, officer, documents_in=()):
    """An admissibility determination proposed with her surname alone in one reason."""
    reasons = {c: {"met": True, "reasons": f"({c}) Se cumple."} for c in CRITERIA}
    reasons[CRITERIA[0]]["reasons"] = "La señora Quispe es una persona de la Parte."
    return services.record_event(
        case,
        "admissibility_determined",
        actor=officer,
        data={"outcome": "meets", "criteria": reasons},
        documents_in=list(documents_in),
    )


def test_a_part_of_a_withheld_name_in_a_decisions_reasons_is_pointed_out(officer, director):
    """Walk 90: "la señora Quispe" in a determination's public reasons reached the docket with
    no word to the Director before approving, nor on the case page after: the reasons (an
    event's data) are read as its title and note are."""
    case = _registered_case()
    proposal = _determination_naming_her(case, officer)
    client = Client()
    client.force_login(director)
    approvals = client.get(reverse("ws_approvals")).content.decode()
    assert "Its texts write Quispe, part of a name withheld from the public." in approvals
    case_url = reverse("ws_case", kwargs={"pk": case.pk})
    assert "Its texts write Quispe" in client.get(case_url).content.decode()
    # A part alone: not the whole name's notice.
    assert "Its texts write the name of a submitter who withholds it" not in approvals
    decision = services.approve_proposal(case, proposal.seq, actor=director)
    page = client.get(case_url).content.decode()
    notice = page[page.index('id="entries-with-parts"') :]
    notice = notice[: notice.index("</div>")]
    assert f'<a href="#event-{decision.seq}">Entry no. {decision.seq}</a>: Quispe' in notice


def test_a_whole_withheld_name_in_a_proposals_reasons_is_pointed_out(officer, director):
    """Walk 151: the Director's card flagged a part of a withheld name in a proposal's
    reasons, not the whole name, which every public surface writes as a phrase: the Director
    is asked to read the sentence so."""
    case = _registered_case()
    reasons = {c: {"met": True, "reasons": f"({c}) Se cumple."} for c in CRITERIA}
    reasons[CRITERIA[0]]["reasons"] = f"La comunicación identifica a {NAME}."
    services.record_event(
        case,
        "admissibility_determined",
        actor=officer,
        data={"outcome": "meets", "criteria": reasons},
    )
    client = Client()
    client.force_login(director)
    for url in (reverse("ws_approvals"), reverse("ws_case", kwargs={"pk": case.pk})):
        page = " ".join(client.get(url).content.decode().split())
        assert "Its texts write the name of a submitter who withholds it from the public" in page
        assert "part of a name withheld" not in page
    spanish = " ".join(client.get("/es/secretariat/approvals/").content.decode().split())
    assert es("escriben el nombre de un remitente que no lo divulga") in html.unescape(spanish)
    # The proposal's texts, not the Director's own (walk 163: "Sus textos escriben").
    assert "Los textos de la propuesta escriben" in spanish
    assert f"«{IN_SENTENCE_ES}»" in html.unescape(spanish)


def _withhold_reasons(client, case, event, reason):
    """The officer's post withholding ``event``'s reasons from the public."""
    return client.post(
        reverse("ws_action", kwargs={"pk": case.pk, "kind": "visibility_changed"}),
        {
            "event_count": case.event_count,
            "visibility_changed-event": event.pk,
            "visibility_changed-fields_of_text": ["reasons"],
            "visibility_changed-to": "parties",
            "visibility_changed-reason": reason,
        },
    )


def test_a_decisions_reasons_can_be_withheld_from_the_public(officer, director):
    """Walk 91: the case page pointed out "Quispe" in a determination's reasons and named a
    way to withhold it that did not offer the determination. The visibility form offers a
    decision's reasons; withheld, the docket, the feeds, the API and the public export show
    the findings without them, and the staff still read them."""
    from workflow.chain import problems_of
    from workflow.models import Event
    from workflow.registry import export_registry

    case = _registered_case()
    proposal = _determination_naming_her(case, officer)
    decision = services.approve_proposal(case, proposal.seq, actor=director)
    case.refresh_from_db()
    public = Client()
    docket = reverse("docket_case", kwargs={"slug": case.slug})
    assert "La señora Quispe" in public.get(docket).content.decode()
    client = Client()
    client.force_login(officer)
    case_url = reverse("ws_case", kwargs={"pk": case.pk})
    form = client.get(case_url).content.decode()
    assert f'<option value="{decision.pk}">{decision.seq}.' in form
    response = _withhold_reasons(client, case, decision, "Names a co-filer who withheld his name.")
    assert response.status_code == 302
    withheld_at = Event.objects.filter(submission=case).latest("seq")
    assert withheld_at.data["fields"] == ["reasons"]
    case.refresh_from_db()
    page = public.get(docket).content.decode()
    assert "Quispe" not in page and "Se cumple" not in page
    assert page.count(">Met<") + page.count(": Met") >= len(CRITERIA)  # the findings stay
    feed = public.get(f"/en/docket/{case.slug}/feed/").content.decode()
    api = public.get(f"/api/v1/submissions/{case.slug}/").content.decode()
    assert "Quispe" not in feed and "Quispe" not in api
    assert "Quispe" not in export_registry()
    assert "La señora Quispe" in html.unescape(client.get(case_url).content.decode())
    assert 'id="entries-with-parts"' not in client.get(case_url).content.decode()
    assert problems_of(case) == []
    # Only a decision with reasons: a letter has none.
    letter = Event.objects.filter(submission=case, kind="correspondence").first()
    refused = _withhold_reasons(client, case, letter, "x")
    assert "This event gives no reasons for criteria or factors." in refused.content.decode()


def test_a_decisions_public_documents_still_carry_its_withheld_reasons(officer, director):
    """Walk 92: with a decision's reasons withheld, its generated documents, still public,
    carried the surname, and the case page's notice was gone. It stays, saying where, until
    the documents are withheld too; the docket says the reasons are withheld, with no
    dangling dash after each finding."""
    from workflow.models import Event

    case = _registered_case()
    proposal = _determination_naming_her(
        case, officer, [public_file("Determinación D1", "d1.pdf", b"%PDF-1.4 d1")]
    )
    decision = services.approve_proposal(case, proposal.seq, actor=director)
    document = decision.documents.get()
    assert document.visibility == "public"

    def withhold(data):
        case.refresh_from_db()
        services.record_event(case, "visibility_changed", actor=officer, data=data)

    withhold(
        {
            "event": decision.seq - 1,
            "fields": ["reasons"],
            "from": "public",
            "to": "parties",
            "reason": "Names her.",
        }
    )
    client = Client()
    client.force_login(officer)
    case_url = reverse("ws_case", kwargs={"pk": case.pk})
    page = html.unescape(client.get(case_url).content.decode())
    notice = page[page.index('id="entries-with-parts"') :]
    notice = notice[: notice.index("</div>")]
    assert f"Entry no. {decision.seq}</a>: Quispe — in its public documents" in notice
    # Walk 93: the opening sentence spoke of the entry's text alone.
    assert "what its item names: the entry's text" in notice and "or its documents." in notice
    docket = html.unescape(
        Client().get(reverse("docket_case", kwargs={"slug": case.slug})).content.decode()
    )
    assert "Reasons: withheld from the public by the Secretariat" in docket
    # The visibility form's list says so of the entry (walk 95).
    entries = action_form("visibility_changed", case).fields["event"]
    assert entries.label_from_instance(decision).endswith("(now: public but for: reasons)")
    assert "Met — " not in docket and "Met —<" not in docket
    withhold(
        {
            "document": [decision.seq - 1, document.position],
            "from": "public",
            "to": "parties",
            "reason": "Its reasons name her; a redacted version follows.",
        }
    )
    assert 'id="entries-with-parts"' not in client.get(case_url).content.decode()
    assert Event.objects.filter(submission=case, kind="visibility_changed").count() == 2


def test_a_criterions_reasons_naming_her_read_the_phrase_on_every_public_surface(officer):
    """Walk 151: the reasons typed for criterion (b), "identifica a María Fernanda …", stood
    whole on the docket page, its feeds and the API, where the formal documents masked them."""
    case = _registered_case()
    criteria = {c: {"met": True, "reasons": "Cumple."} for c in CRITERIA}
    criteria[CRITERIA[1]] = {
        "met": True,
        "reasons": f"La comunicación identifica a {NAME} y su dirección.",
    }
    services.record_event(
        case,
        "admissibility_determined",
        actor=None,
        importing=services.ImportOptions(),
        data={"outcome": "meets", "criteria": criteria},
    )
    client = Client()
    pages = _public_pages(client, case)
    for where, body in pages.items():
        assert "Quispe" not in body, where
        assert f"identifica a {IN_SENTENCE_ES} y su dirección" in html.unescape(body), where


def test_the_officer_confirms_a_part_of_a_withheld_name_before_proposing(officer, director):
    """Walk 157: "la Sra. Ccori" typed into a decision's public reasons went to the Director
    without a word to the officer; only the Director's card pointed it out. The officer is
    asked before the proposal exists: reword it, or confirm it does not identify her."""
    case = _registered_case()
    url = reverse("ws_action", kwargs={"pk": case.pk, "kind": "admissibility_determined"})
    data = {"event_count": case.event_count}
    for letter in CRITERIA:
        data[f"admissibility_determined-{letter}_finding"] = "met"
        data[f"admissibility_determined-{letter}_reasons"] = f"({letter}) Se cumple."
    data[f"admissibility_determined-{CRITERIA[0]}_reasons"] = "La señora Quispe lo acredita."
    client = Client()
    client.force_login(officer)
    field = f"id_admissibility_determined-{CRITERIA[0]}_reasons"
    for language, said in (
        ("en", "This text writes Quispe, part of a name withheld from the public"),
        ("es", es("Este texto escribe Quispe, parte de un nombre no divulgado al público")),
    ):
        with translation.override(language):
            where = reverse("ws_action", kwargs={"pk": case.pk, "kind": "admissibility_determined"})
            page = client.post(where, data)
        text = html.unescape(" ".join(page.content.decode().split()))
        # Said on the field that writes it, which the summary links to (walk 160: the box at
        # the form's foot named no field).
        summary = text[text.index('id="error-summary"') :].split("</div>", 1)[0]
        assert f'<a href="#{field}">' in summary and said in summary
        assert "La señora Quispe lo acredita." in text  # nothing typed is lost
        assert not case.events.filter(kind="proposed").exists()
    confirmed = {**data, "admissibility_determined-name_parts_confirmed": "on"}
    client.post(url, confirmed)
    (proposal,) = case.events.filter(kind="proposed")
    # What was confirmed is kept with the step (walk 161: the tick was saved nowhere), shown
    # to the Director, and after approval on the decision, for the audit; never public.
    assert proposal.data["proposal"]["name_parts_confirmed"] == ["Quispe"]
    line = (
        "Part of a withheld name, which the proposer confirmed may be published as written: Quispe"
    )
    client.force_login(director)
    assert line in html.unescape(client.get(reverse("ws_approvals")).content.decode())
    decision = services.approve_proposal(case, proposal.seq, actor=director)
    assert decision.data["name_parts_confirmed"] == ["Quispe"]
    audit = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    assert line in html.unescape(audit)
    public = _public_pages(Client(), case)
    for where, page in public.items():
        assert "name_parts_confirmed" not in page, where
        assert es("quien propone confirmó que puede publicarse") not in page, where
    # A text that writes no part of her name asks nothing.
    assert withheld.parts_named_in("(b) Se cumple.", [NAME]) == []


def test_the_officer_is_told_to_reword_a_whole_withheld_name(officer):
    """Walk 171: "Ms Margaret A. Whitfield" typed into a determination's public reasons was
    masked on the docket as "Ms a person whose name is withheld…", ungrammatical, and the
    officer was told nothing (only a part of a name asked). A whole name is refused on the
    field that writes it, in the officer's language, with the label the public would read;
    nothing typed is lost and nothing is recorded."""
    case = _registered_case()
    data = {"event_count": case.event_count}
    for letter in CRITERIA:
        data[f"admissibility_determined-{letter}_finding"] = "met"
        data[f"admissibility_determined-{letter}_reasons"] = f"({letter}) Se cumple."
    typed = "La Sra. Rosa Quispe Mamaní acredita su residencia."
    data[f"admissibility_determined-{CRITERIA[0]}_reasons"] = typed
    client = Client()
    client.force_login(officer)
    field = f"id_admissibility_determined-{CRITERIA[0]}_reasons"
    for language, said in (
        ("en", f"This text writes {NAME}, a name withheld from the public"),
        ("es", es(f"Este texto escribe {NAME}, un nombre no divulgado al público")),
    ):
        with translation.override(language):
            where = reverse("ws_action", kwargs={"pk": case.pk, "kind": "admissibility_determined"})
            page = client.post(where, data)
        assert page.status_code == 200
        text = html.unescape(" ".join(page.content.decode().split()))
        summary = text[text.index('id="error-summary"') :].split("</div>", 1)[0]
        assert f'<a href="#{field}">' in summary and said in summary
        assert IN_SENTENCE_ES in summary  # the label in the case's language
        assert typed in text
        assert not case.events.filter(kind__in=("proposed", "admissibility_determined")).exists()
    # Said beforehand on each text made public (walk 177), and only on such a case.
    help_text = "A submitter of this case withholds their name from the public: do not write it"
    with translation.override("en"):
        page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
        assert page.count(help_text) >= len(CRITERIA)
        other = _registered_case(confidential=False)
        page = client.get(reverse("ws_case", kwargs={"pk": other.pk})).content.decode()
        assert help_text not in page
    # Reworded, it goes through.
    data[f"admissibility_determined-{CRITERIA[0]}_reasons"] = (
        "La peticionaria acredita su residencia."
    )
    assert client.post(url := where, data).status_code == 302, url
    assert case.events.filter(kind__in=("proposed", "admissibility_determined")).exists()


def test_publishing_anothers_text_naming_part_of_her_name_is_confirmed_and_shown(officer, director):
    """Walk 160: a Council member's reasons, sent for the public, wrote "Mme Lacoursière"
    (a withheld surname); the officer's "Review and publish it" proposed it with no word, and
    the Director's card read "Public text: Entry no. 12: text made public (note)", the words
    unshown. The officer confirms; the Director reads the words and is told."""
    case = _registered_case()
    annex = DocumentInput(
        title="Anexo de la Parte",
        language="es",
        file=SimpleUploadedFile("anexo.pdf", b"%PDF-1.4 anexo"),
        visibility="parties",
    )
    letter = _letter(
        case,
        "La Parte observa que la señora Quispe denunció los hechos.",
        author=f"party:{A}",
        data={"publish_requested": True, "for_public": [0]},
        documents_in=[annex],
    )
    case.refresh_from_db()
    client = Client()
    client.force_login(officer)
    url = reverse("ws_action", kwargs={"pk": case.pk, "kind": "visibility_changed"})
    data = {
        "event_count": case.event_count,
        "visibility_changed-event": letter.pk,
        "visibility_changed-fields_of_text": ["note"],
        "visibility_changed-to": "public",
        "visibility_changed-with_documents": "on",
        "visibility_changed-reason": "Pedido por la Parte.",
    }
    page = html.unescape(" ".join(client.post(url, data).content.decode().split()))
    summary = page[page.index('id="error-summary"') :].split("</div>", 1)[0]
    assert '<a href="#id_visibility_changed-fields_of_text' in summary
    assert "This text writes Quispe, part of a name withheld from the public" in summary
    assert "Choose the title, the note" not in summary  # walk 161: the ticks were there
    # Opened from the entry held for review, the form asks before it is sent (walk 161).
    opened = client.get(reverse("ws_case", kwargs={"pk": case.pk}), {"publish": letter.seq})
    assert 'name="visibility_changed-name_parts_confirmed"' in opened.content.decode()
    assert not case.events.filter(kind="proposed").exists()
    client.post(url, {**data, "visibility_changed-name_parts_confirmed": "on"})
    (proposal,) = case.events.filter(kind="proposed")
    assert proposal.data["proposal"]["name_parts_confirmed"] == ["Quispe"]
    # The Director reads the words approving it publishes, and the part of her name in them.
    client.force_login(director)
    for where in (reverse("ws_approvals"), reverse("ws_case", kwargs={"pk": case.pk})):
        card = html.unescape(" ".join(client.get(where).content.decode().split()))
        assert "Approving it makes these words public:" in card
        assert "La Parte observa que la señora Quispe denunció los hechos." in card
        assert "Its texts write Quispe, part of a name withheld from the public." in card
        # Each document it publishes, linked for the Director to open (walk 161).
        document = letter.documents.get()
        download = reverse("ws_download", kwargs={"pk": case.pk, "document_pk": document.pk})
        assert f'<a href="{download}" lang="es">Anexo de la Parte</a>' in card
    # Withholding a text asks nothing: the public will not read it.
    client.force_login(officer)
    case.refresh_from_db()
    kept = {**data, "event_count": case.event_count, "visibility_changed-to": "parties"}
    page = html.unescape(client.post(url, kept).content.decode())
    assert "This text writes Quispe" not in page and "name_parts_confirmed" not in page


def test_the_words_a_publication_opens_leave_out_the_codes_of_its_data():
    """Walk 167: the Director's card quoted a Council member's reasons, then "MX", the code
    of its Party, as if it were part of the words made public."""
    from submissions import published
    from workflow.models import Event

    reasons = "Las razones del miembro del Consejo."
    event = Event(
        kind="council_instructed",
        note=reasons,
        data={"party": A, "outcome": "meets", "publish_requested": True, "for_public": [0]},
    )
    assert published.words_published(event, ["note"]).splitlines() == [reasons]
    findings = {"a": {"met": True, "reasons": "Se cumple (a)."}}
    event = Event(kind="admissibility_determined", data={"outcome": "meets", "criteria": findings})
    assert [line for line in published.public_words(event).splitlines() if line] == [
        "Se cumple (a)."
    ]
