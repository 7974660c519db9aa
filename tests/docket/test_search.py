"""Search in both languages, without regard to accents or case: full-text on PostgreSQL, a
folded substring match on SQLite (the quick start)."""

import pytest
from django.db import connection

from submissions.search import docket_queryset
from tests.docket.conftest import SACA_1, SACA_2, SECRET_ID

pytestmark = pytest.mark.django_db


def found(query: str) -> list[str]:
    form, queryset = docket_queryset({"q": query})
    assert queryset is not None, form.errors
    return sorted(queryset.values_list("identifier", flat=True))


def test_both_languages_find_the_imported_forest_concessions_case(saca):
    assert found("concesiones forestales") == [SACA_2]
    assert found("forest concessions") == [SACA_2]


def test_a_quoted_word_or_phrase_finds_what_it_quotes(saca):
    # Walk 127: ``"Lacey"`` found nothing where ``Lacey`` found the case (SQLite looked for
    # the quotation marks too; PostgreSQL reads them as a phrase).
    assert found('"concesiones forestales"') == [SACA_2]
    assert found("“forest” concessions") == [SACA_2]


def test_search_covers_laws_identifiers_and_public_document_titles(saca, secret_case):
    assert found("28611") == [SECRET_ID]
    assert found(SACA_1) == [SACA_1]
    assert found("submission text") == [SECRET_ID]


def test_search_never_finds_a_confidential_document(saca, secret_case):
    assert found("comunidad Xq7") == []


def test_search_never_finds_an_unregistered_case(db):
    import datetime

    from tests.factories import file_case

    file_case(on=datetime.date(2024, 1, 2), title="Concesiones forestales ocultas")
    assert found("ocultas") == []


def test_search_ignores_accents_and_case_on_every_database(saca):
    """Walk 23: on SQLite "contaminacion" did not find "contaminación"."""
    assert found("reservas indigenas") == found("RESERVAS INDÍGENAS") == [SACA_2]
    assert found("yavari") == found("YAVARÍ") == [SACA_2]
    # Walk 27: words need not be next to each other ("CONTAMINACION RIO" did not find
    # "Contaminación del río" on SQLite), and each must be found.
    assert found("INDIGENAS RESERVAS") == [SACA_2]
    assert found("reservas indigenas xq7zz") == []


@pytest.mark.postgres
def test_postgres_search_is_accent_insensitive(saca):
    assert connection.vendor == "postgresql"
    with_accents = found("reservas indígenas")
    assert with_accents == [SACA_2]
    assert found("reservas indigenas") == with_accents
    assert found("Yavari") == found("Yavarí") == [SACA_2]


@pytest.mark.postgres
def test_postgres_search_stems_each_language(saca):
    # "concesión" (singular, with an accent) stems like "concesiones"; "concession" like
    # "concessions".
    assert found("concesión forestal") == [SACA_2]
    assert found("forest concession") == [SACA_2]


@pytest.mark.postgres
def test_postgres_search_uses_the_indexes(saca):

    from submissions.models import Submission
    from submissions.search import _stored_match

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = (
            Submission.objects.filter(_stored_match("spanish", "concesiones"))
            .values("pk")
            .explain()
        )
        cursor.execute("SET enable_seqscan = on")
    assert "sem_submission_es_fts" in plan


def years_filed(params: dict) -> list[str]:
    form, queryset = docket_queryset(params)
    assert queryset is not None, form.errors
    return sorted(queryset.values_list("identifier", flat=True))


def test_a_year_means_the_same_cases_in_either_order(saca, secret_case):
    """Sorted by last update, the year is written as migration 0012's index has it (EXTRACT),
    by filing date as a date range: the same cases either way."""
    for year in (2023, 2024, 2025):
        newest = years_filed({"year": year})
        assert years_filed({"year": year, "sort": "updated"}) == newest
    assert years_filed({"year": 2023}) == [SACA_1, SACA_2]


@pytest.mark.postgres
def test_postgres_reads_a_years_cases_by_last_update_from_their_index(saca):
    """The bench's filtered list (party, open, year, by last update) walked the last-update
    index past every later case: 18 ms at 100,000 cases, 0.2 ms with this index."""
    form, queryset = docket_queryset({"year": 2023, "sort": "updated", "status": "open"})
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = queryset.values("pk").explain()
        cursor.execute("SET enable_seqscan = on")
    assert "sem_docket_year_updated" in plan


def test_no_match_is_said_once_with_what_to_try(client, saca):
    """Walk 39: «Ninguna comunicación coincide con la búsqueda.» twice on the page, once as
    the count and again before the advice."""
    page = client.get("/en/docket/", {"q": "zzzznotaword"}).content.decode()
    assert page.count("No submission matches") == 1
    assert "Try fewer words or fewer filters." in page


def test_search_finds_a_public_submitters_name_never_a_withheld_one(saca, secret_case):
    """Walk 51: a journalist searched the docket for the organisation named on a case and
    found nothing. A public submitter's name finds its case; a withheld one never does, nor
    does the public co-filer's name with a word of hers."""
    from tests.docket.conftest import SECRET_NAME

    assert found("Derecho Ambiental Abierto") == [SECRET_ID]
    assert found("ABIERTO") == [SECRET_ID]
    assert found(SECRET_NAME) == []
    assert found(SECRET_NAME.split()[0]) == []
    assert found(f"Abierto {SECRET_NAME.split()[0]}") == []
    # Quoted, or in brackets, her name is her name (PostgreSQL's phrase search found the case
    # by it: the check compared '"juan' with "juan").
    assert found(f'"{SECRET_NAME}"') == []
    assert found(f"({SECRET_NAME.split()[0]})") == []
    assert found(f"«{SECRET_NAME.split()[-1]}»") == []


def test_a_public_entrys_or_documents_code_finds_its_case(saca, secret_case):
    """A reader citing a determination by its code ("SEM/PE/007/2024/D1") found nothing. The
    code of a public entry or document finds its case, whatever its case; a confidential
    document's code does not."""
    from workflow.models import Event

    determination = Event.objects.get(submission=secret_case, kind="admissibility_determined")
    assert determination.code
    assert found(determination.code) == [SECRET_ID]
    assert found(f" {determination.code.lower()} ") == [SECRET_ID]
    assert found(determination.code + "9") == []
    document = secret_case.documents.get(visibility="public", language="en")
    document.code = "SEM-DOC-77"
    document.save()
    assert found("sem-doc-77") == [SECRET_ID]
    secret_case.documents.filter(pk=document.pk).update(visibility="secretariat")
    assert found("sem-doc-77") == []


def test_a_word_of_a_withheld_name_the_public_texts_write_finds_the_case(saca, secret_case):
    """Walk 139: "Mantaro", a river in a case's public title and a word of a withheld name,
    found nothing. A word the public reads in the case's texts finds it; her name, or a word
    of it the public texts do not write, still does not, even where her whole name was typed
    into the summary (the public reads the label there)."""
    from tests.docket.conftest import SECRET_NAME

    first, last = SECRET_NAME.split()[0], SECRET_NAME.split()[-1]
    assert found(last) == []
    secret_case.title_en = f"Mercury in the {last} river"
    secret_case.summary_en = f"{SECRET_NAME} reports that gold mining dumps mercury."
    secret_case.save()
    assert found(last) == [SECRET_ID]
    assert found(f"{last} river") == [SECRET_ID]
    assert found(first) == []
    assert found(f"{first} {last}") == []
    assert found(SECRET_NAME) == []
    assert found(f'"{SECRET_NAME}"') == []


def test_a_cases_address_or_a_partys_name_finds_it(saca, secret_case):
    """Walk 69: ``?q=sem-pe-003-2026`` (the case's address) found nothing, and ``?q=Perú``
    only the cases that name Peru in their texts. Every case here concerns Party A."""
    from submissions import profiles
    from submissions.models import Submission
    from tests.docket.conftest import SACA_1_SLUG
    from tests.helpers_cases import drive
    from tests.parties import A, B

    assert found(SACA_1_SLUG) == [SACA_1]
    assert found(f"  {SACA_1_SLUG.upper()} ") == [SACA_1]
    every = sorted(Submission.objects.exclude(identifier=None).values_list("identifier", flat=True))
    assert set(Submission.objects.values_list("party__code", flat=True)) == {A}
    party = profiles.installed().party(A)
    for name in party.names.values():
        assert found(name) == every, name
        assert found(name.upper()) == every, name
    assert found(f"the {party.names['en']}") == every
    # Another Party's name finds none of them; part of a name, or a name inside other words,
    # is text like any other.
    for name in profiles.installed().party(B).names.values():
        assert found(name) == [], name
        assert found(f"the {name}") == [], name
    # The United States in short, as people write it, finds its cases and none of these
    # (walk 144: "EE. UU." found nothing).
    us = drive("awaiting_response", party=B).case
    for short in ("EE. UU.", "EEUU", "ee.uu.", "USA", "U.S."):
        assert found(short) == [us.identifier], short
    assert found("EE. UU. madera") == []  # in short among other words: text like any other


@pytest.mark.postgres
def test_postgres_does_not_find_a_withheld_name_by_another_form_of_it(saca, secret_case):
    """PostgreSQL matches stems: "Quispes" found the case whose summary wrote "Quispe-Huamaní",
    a withheld name, which the public reads as the label. A form of a word the public texts
    write still finds the case."""
    from tests.docket.conftest import SECRET_NAME

    secret_case.summary_en = f"{SECRET_NAME} reports that gold mining dumps mercury in rivers."
    secret_case.summary_es = f"{SECRET_NAME} denuncia vertidos de mercurio en los ríos."
    secret_case.save()
    last = SECRET_NAME.split()[-1].split("-")[0]  # "Quispe"
    assert found(last) == []
    assert found(f"{last}s") == []
    assert found(f"{last.upper()}S mercury") == []
    assert found("river") == [SECRET_ID]  # the stem of a public word still finds it
