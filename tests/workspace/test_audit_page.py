"""Issue 17: the auditor's row history speaks the page's language: each table named as a
person would name it, each changed field by its label, with its column name beside it."""

import csv
import importlib
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from submissions.stages import Visibility
from tests.helpers_cases import ALL_MET, drive
from tests.parties import PROFILE, SLUG, es
from workflow import services

pytestmark = pytest.mark.django_db

# The module (the package's ``audit`` is its view function).
audit_views = importlib.import_module("secretariat.workspace.views.audit")


@pytest.mark.parametrize(
    ("language", "table", "field"),
    [
        ("en", "Submitters of the case", "Title in Spanish (<code>title_es</code>)"),
        ("es", es("Remitentes del caso"), "Título en español (<code>title_es</code>)"),
    ],
)
def test_the_row_history_names_tables_and_fields_in_the_page_language(
    auditor, language, table, field
):
    case = drive("admissibility_review").case
    client = Client()
    client.force_login(auditor)
    with translation.override(language):
        url = reverse("ws_audit", kwargs={"pk": case.pk})
    page = client.get(url).content.decode()
    assert f"<h3>{table}</h3>" in page
    assert field in page
    assert "Submission submitters" not in page


def _audit_page(auditor, stage="response_decision", language="es") -> str:
    """The audit view of a case driven to ``stage``, in ``language``."""
    case = drive(stage).case
    client = Client()
    client.force_login(auditor)
    with translation.override(language):
        url = reverse("ws_audit", kwargs={"pk": case.pk})
    return client.get(url).content.decode()


def test_values_read_as_an_auditor_reads_them_in_spanish(auditor):
    # A walk in Spanish found English column labels, bare codes and UTC timestamps with
    # microseconds ("2026-12-03 04:18:24.387752+00:00": the next day at the seat).
    page = _audit_page(auditor)
    assert "Etapa posterior (<code>stage_after</code>): Revisión de admisibilidad" in page
    assert "(admissibility_review)" in page  # the stored code beside its label
    assert "Hash anterior (<code>prev_hash</code>)" in page
    assert "Fecha de presentación (<code>filed_on</code>): 10 de marzo de 2023" in page
    for english in ("Stage after", "Prev hash", "Created at", "Start kind", "Original name"):
        assert english not in page
    assert "+00:00" not in page
    # A deadline's rule and what started it by their labels too (walk 69: "Regla (rule):
    # setting", "Origen del plazo (start_kind): filed").
    assert ": setting</li>" not in page and ": filed</li>" not in page
    secretariat = "el Secretariado" if SLUG == "usmca-cec" else "la Secretaría"
    assert f"un plazo fijado por {secretariat} (setting)" in page
    assert es("Comunicación presentada (filed)") in page
    # And how its due date was counted (walk 71: "Explicación (explanation): working_days").
    assert (
        "Explicación (<code>explanation</code>): días hábiles desde su inicio (working_days)"
        in (page)
    )


def test_an_events_data_reads_as_json_and_every_moment_names_its_offset(auditor):
    """Walk 27: "Datos (data): {'outcome': 'meets', 'criteria': {'a': {'met': True…" (Python's
    notation) and times without the offset the case page gives."""
    import html
    import re

    page = _audit_page(auditor)
    data = [html.unescape(v) for v in re.findall(r"\(<code>data</code>\): ([^<]*)</li>", page)]
    assert data and any('{"criteria": {"a": {"met": true' in value for value in data)
    assert not any("True" in value or "'" in value for value in data)
    times = [t for t in re.findall(r"<time datetime=\"[^\"]+\">([^<]*)</time>", page) if ":" in t]
    assert times and all(re.search(r"\d\d:\d\d:\d\d UTC[+-]\d{4}$", t) for t in times)


def test_the_page_says_the_data_counts_events_from_zero(auditor, officer, director):
    """Walk 28: the chain says "responde a la propuesta n.º 5" and the data below it reads
    "proposal_event": 4, the registry format's 0-based index, without a word on why."""
    import html
    import re

    from workflow import services

    case = drive("admissibility_review").case
    proposal = services.record_event(
        case,
        "admissibility_determined",
        actor=officer,
        data={"outcome": "meets", "criteria": ALL_MET},
    )
    assert proposal.kind == "proposed"
    services.approve_proposal(case, proposal.seq, actor=director)
    client = Client()
    client.force_login(auditor)
    for language, seq_words, help_words in (
        ("en", f"answers proposal no. {proposal.seq}", "by their index counted from 0"),
        ("es", f"responde a la propuesta n.º {proposal.seq}", "por su índice contado desde 0"),
    ):
        with translation.override(language):
            page = html.unescape(client.get(reverse("ws_audit", kwargs={"pk": case.pk})).text)
        assert seq_words in page
        assert re.search(rf'"proposal_event": {proposal.seq - 1}\b', page)
        assert help_words in page
    # A proposal names what it proposes (walk 77: "Decision proposed", each alike).
    with translation.override("en"):
        page = html.unescape(client.get(reverse("ws_audit", kwargs={"pk": case.pk})).text)
    assert f"Decision proposed: {proposal.proposal_label}" in page


@pytest.mark.skipif("fr" not in PROFILE.languages, reason="fr is not a language of this profile")
def test_in_french_a_colon_has_its_space_and_a_long_stage_is_whole(auditor):
    """Walk 31: "Étape (stage): …" and "… période d’observations (draft_comment_p…"."""
    import html

    page = html.unescape(_audit_page(auditor, "draft_comment_period", "fr"))
    assert "(<code>stage</code>)\u00a0: " in page
    assert "(<code>stage</code>): " not in page
    assert "(draft_comment_period)" in page
    assert "draft_comment_p…" not in page


def test_a_deadlines_party_reads_by_its_name(auditor):
    """Walk 73: "Parte (party): PE" in the row history of each Party's comment period."""
    from submissions.models import PARTY_CHOICES
    from tests.parties import A

    page = _audit_page(auditor, "draft_comment_period")
    with translation.override("es"):
        name = str(dict(PARTY_CHOICES)[A])
    assert f"(<code>party</code>): {name} ({A})</li>" in page
    assert f"(<code>party</code>): {A}</li>" not in page


def test_a_cases_procedure_reads_by_its_treaty(auditor):
    """Walk 73: "Procedimiento (procedure): us-peru-tpa"."""
    page = _audit_page(auditor, "admissibility_review")
    with translation.override("es"):
        treaty = str(_("United States–Peru Trade Promotion Agreement"))
    assert f"(<code>procedure</code>): {treaty} ({SLUG})</li>" in page


def test_the_event_chain_says_why_in_full_and_that_the_history_was_imported(auditor, officer):
    """Walk 84: the chain listed each event by its kind alone (the row history cut a note at
    80 characters), and nothing said the case had been imported, nor when."""
    from submissions.models import Submission
    from workflow import services

    case = drive("admissibility_review").case
    long_note = "The officer's reasons, " + "with every word of them kept " * 6 + "to the end."
    letter = services.record_event(
        case,
        "correspondence",
        actor=officer,
        title="Letter to the Ministry",
        note=long_note,
        visibility="secretariat",
    )
    client = Client()
    client.force_login(auditor)
    url = reverse("ws_audit", kwargs={"pk": case.pk})
    chain = client.get(url).content.decode().split('id="events-heading"')[1].split("</table>")[0]
    row = chain.split(f'id="event-{letter.seq}"')[1].split("</tr>")[0]
    assert "<strong>Letter to the Ministry</strong>" in row
    assert "to the end." in row.replace("&#x27;", "'")
    page = client.get(url).content.decode()
    Submission.objects.filter(pk=case.pk).update(imported_identifier="SEM/PE/001/2023")
    assert "This history was imported (import_registry) on" not in page
    page = client.get(url).content.decode()
    assert "This history was imported (import_registry) on" in page
    assert "as SEM/PE/001/2023 in the registry it came from" in page


def test_a_proposal_that_replaces_another_says_so(auditor, officer):
    """Walk 104: a second proposal, replacing the first, read "answers proposal no. 3" in
    the chain, as the Director's approval of a proposal does."""
    import html

    from workflow import services

    case = drive("admissibility_review").case
    first = services.record_event(
        case,
        "admissibility_determined",
        actor=officer,
        data={"outcome": "meets", "criteria": ALL_MET},
    )
    second = services.record_event(
        case,
        "admissibility_determined",
        actor=officer,
        data={"outcome": "meets", "criteria": ALL_MET},
        replaces=first.seq,
    )
    assert second.kind == "proposed" and second.proposal_id == first.pk
    client = Client()
    client.force_login(auditor)
    for language, words in (
        ("en", f"replaces proposal no. {first.seq}"),
        ("es", f"sustituye a la propuesta n.º {first.seq}"),
    ):
        with translation.override(language):
            page = html.unescape(client.get(reverse("ws_audit", kwargs={"pk": case.pk})).text)
        assert words in page
        assert "answers proposal no." not in page and "responde a la propuesta" not in page


def test_an_event_recorded_after_its_date_says_by_how_much_and_why(auditor, officer):
    """Walk 112: acts recorded in December for dates in May read like any other; the reason
    the officer gave for the earlier date was nowhere on the auditor's page."""
    import datetime
    import html

    from tests.helpers_cases import frozen
    from workflow import services

    case = drive("admissibility_review").case
    with frozen(datetime.date(2023, 4, 20)):
        late = services.record_event(
            case,
            "correspondence",
            actor=officer,
            on=datetime.date(2023, 4, 10),
            reason="Carta recibida en papel.",
            title="Carta del Ministerio",
            visibility="secretariat",
        )
        prompt = services.record_event(
            case, "correspondence", actor=officer, title="Nota", visibility="secretariat"
        )
    client = Client()
    client.force_login(auditor)

    def row(event, language="en"):
        with translation.override(language):
            page = html.unescape(client.get(reverse("ws_audit", kwargs={"pk": case.pk})).text)
        return page.split(f'id="event-{event.seq}"')[1].split("</tr>")[0]

    said = "Recorded 10 days after the date it bears. Reason given: Carta recibida en papel."
    assert said in " ".join(row(late).split())
    assert "after the date it bears" not in row(prompt)
    assert "Registrado 10 días después de la fecha que lleva." in " ".join(row(late, "es").split())


def test_the_reason_for_an_earlier_date_stays_off_the_docket(officer):
    """Walk 121: "Reason for the earlier date: Received by post; found in the mailroom." on
    the docket, the form saying nothing of it; the public export leaves it out
    (exporter.PRIVATE_KEYS). The Secretariat's page shows it."""
    import datetime
    import html

    from django.test import Client

    from tests.helpers_cases import frozen
    from workflow import services

    case = drive("admissibility_review").case
    with frozen(datetime.date(2023, 4, 20)):
        services.record_event(
            case,
            "correspondence",
            actor=officer,
            on=datetime.date(2023, 4, 10),
            reason="Hallada en la sala de correo.",
            title="Carta del Ministerio",
            visibility="public",
        )
    public = html.unescape(Client().get(f"/en/docket/{case.slug}/").text)
    assert "Carta del Ministerio" in public
    assert "Hallada en la sala de correo." not in public
    assert "Why it is recorded with an earlier date" not in public
    staff = Client()
    staff.force_login(officer)
    page = html.unescape(staff.get(reverse("ws_case", kwargs={"pk": case.pk})).text)
    # In the case's language, marked so on a page in another (walk 155: unmarked).
    assert '<span lang="es">Hallada en la sala de correo.</span>' in page


def test_the_auditor_keeps_the_row_history_and_the_whole_access_log(auditor, officer, monkeypatch):
    # Walk 127: the history download held the new title alone (the old one was on the page,
    # cut at 80 characters), and the access log could be read, not kept.
    case = drive("admissibility_review").case
    old_title = case.title_es
    new_title = "Tala ilegal en la cuenca del Nanay (Loreto), con un título largo " * 2
    services.set_public_texts(case, actor=officer, reason="Precisa el lugar.", title_es=new_title)
    client = Client()
    client.force_login(auditor)
    with translation.override("es"):
        page = client.get(reverse("ws_audit", kwargs={"pk": case.pk})).content.decode()
        history_url = reverse("ws_audit_row_history", kwargs={"pk": case.pk})
        log_url = reverse("ws_audit_access_log", kwargs={"pk": case.pk})
    assert f'href="{history_url}"' in page and f'href="{log_url}"' in page

    response = client.get(history_url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Tabla", "Registro", "Momento"]
    change = next(row for row in rows if row[5] == "title_es" and row[4] == "modificado")
    assert (change[7], change[8], change[3]) == (old_title, new_title.strip(), officer.username)
    # Each row says it was checked against its seal (walk 161: blank when it matched).
    assert {row[9] for row in rows[1:]} == {"concuerda con su sello"}

    response = client.get(log_url)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Momento", "Usuario", "Acción"]
    # The page's view, the row history's download and this one: each logged, oldest first.
    assert [row[6].rstrip("/").rsplit("/", 1)[-1] for row in rows[1:]][-3:] == [
        "audit",
        "row-history.csv",
        "access-log.csv",
    ]
    assert {row[1] for row in rows[1:]} == {auditor.username}
    # The page says when it shows only the newest entries, the file all of them.
    monkeypatch.setattr(audit_views, "AUDIT_ACCESS_ROWS", 2)
    with translation.override("es"):
        page = client.get(reverse("ws_audit", kwargs={"pk": case.pk})).content.decode()
    assert "Esta página muestra las 2 consultas y descargas más recientes" in page


def test_a_visibility_change_says_from_to_and_why_in_the_chain(auditor, officer):
    # Walk 127: the row of a visibility change gave no reason, no from and no to, where the
    # other rows gave theirs.
    story = drive("admissibility_review")
    letter = story.add("correspondence", title="Carta", note="Texto.", visibility="public")
    change = story.add(
        "visibility_changed",
        data={
            "event": letter.seq - 1,
            "fields": ["note"],
            "from": "public",
            "to": "parties",
            "reason": "La Parte lo pidió por escrito.",
        },
    )
    client = Client()
    client.force_login(auditor)
    with translation.override("es"):
        page = client.get(reverse("ws_audit", kwargs={"pk": story.case.pk})).content.decode()
    row = page.split(f'id="event-{change.seq}"')[1].split("</tr>")[0]
    with translation.override("es"):  # the profile's words (the CEC's "Secretariado")
        levels = f"{Visibility.PUBLIC.label} → {Visibility.PARTIES.label}"
    assert f"Visibilidad: {levels}" in row
    assert "Motivo indicado: La Parte lo pidió por escrito." in row


def test_the_access_log_says_what_it_records_and_it_is_so(auditor):
    """Walk 169: a restricted document's download was logged, a public one's not, and the page
    did not say so."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from submissions.models import AccessLogEntry

    story = drive("awaiting_response")
    letter = story.add(
        "correspondence",
        note="Carta.",
        documents_in=[
            services.DocumentInput(
                title=title,
                language="es",
                file=SimpleUploadedFile(f"{level}.pdf", b"%PDF-1.4 x"),
                visibility=level,
            )
            for title, level in (("Pública", "public"), ("Reservada", "party_concerned"))
        ],
    )
    client = Client()
    client.force_login(auditor)
    for document in letter.documents.all():
        url = reverse("ws_download", kwargs={"pk": story.case.pk, "document_pk": document.pk})
        assert client.get(url).status_code == 200
    logged = AccessLogEntry.objects.filter(submission=story.case, document__isnull=False)
    assert [entry.document.title for entry in logged] == ["Reservada"]
    page = client.get(reverse("ws_audit", kwargs={"pk": story.case.pk})).content.decode()
    assert "Downloads of public documents are not recorded." in page
