"""The queue: filters, sorting, counts, and a number of queries that does not grow with cases."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from submissions.models import Party, Submission
from tests.factories import file_case
from tests.helpers_cases import drive, reasons_for_the_public
from tests.parties import A
from workflow import services
from workflow.models import Deadline, Event

pytestmark = pytest.mark.django_db


def _bulk_cases(n, officer, start=0):
    """``n`` open cases with an open deadline each, every third assigned and every fifth with
    a pending proposal: rows the queue reads, inserted in bulk (the queue only reads them)."""
    party = Party.objects.get(code=A)
    today = timezone.localdate()
    cases = Submission.objects.bulk_create(
        [
            Submission(
                receipt_number=f"R-2099-{start + i:06d}",
                party=party,
                language="es",
                title_es=f"Caso {start + i}",
                filed_on=today,
                stage="admissibility_review",
                assigned_officer=officer if i % 3 == 0 else None,
                event_count=1,
            )
            for i in range(n)
        ]
    )
    Deadline.objects.bulk_create(
        [
            Deadline(
                submission=case,
                kind="admissibility",
                rule="setting",
                start_kind="filed",
                start_on=today,
                length=30,
                unit="days",
                due_on=today + datetime.timedelta(days=i % 40 - 5),
                explanation="…",
            )
            for i, case in enumerate(cases)
        ]
    )
    now = timezone.now()
    Event.objects.bulk_create(
        [
            Event(
                submission=case,
                seq=1,
                kind="proposed",
                on=today,
                recorded_at=now,
                recorded_by=officer,
                author="secretariat",
                data={"proposal": {"kind": "admissibility_determined", "outcome": "meets"}},
                visibility="secretariat",
                hash="x",
            )
            for i, case in enumerate(cases)
            if i % 5 == 0
        ]
    )
    return cases


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize(
    "query",
    ["", "?officer=me", "?overdue=on", "?awaiting_approval=on&sort=filed", "?due_within=7"],
)
def test_the_queue_runs_the_same_number_of_queries_with_10_and_200_cases(client, officer, query):
    client.force_login(officer)
    url = reverse("ws_queue") + query
    _bulk_cases(10, officer)
    with_10, response_10 = _queries(client, url)
    _bulk_cases(190, officer, start=10)
    with_200, response_200 = _queries(client, url)
    assert with_10 == with_200
    assert with_10 <= 12
    if not query:
        assert response_10.content.decode().count('href="/en/secretariat/case/') == 10
        assert response_200.content.decode().count('href="/en/secretariat/case/') == 100  # a page


def test_filters_and_deadline_order(client, officer, officer2):
    first = drive("admissibility_review").case
    second = file_case(actor=officer, title="Segunda")  # filed today: its periods end later
    services.record_event(second, "assigned", actor=officer, data={"officer": "officer2"})
    closed = drive("closed").case
    client.force_login(officer)
    page = client.get(reverse("ws_queue")).content.decode()
    assert page.index(first.reference) < page.index(second.reference)  # soonest first
    assert closed.reference not in page
    # Counted apart from admissibility review, under the words its row says (walk 51).
    assert 'Received, not yet acknowledged</a><span class="counts__n">: 1</span>' in page
    assert 'Admissibility review</a><span class="counts__n">: 1</span>' in page
    officer2.first_name, officer2.last_name = "Ana", "Torres"
    officer2.save()
    mine = client.get(reverse("ws_queue") + "?officer=officer2").content.decode()
    # Named as the rest of the workspace names staff (walk 51: the bare username).
    assert '<option value="officer2" selected>Ana Torres (officer2)</option>' in mine
    assert second.reference in mine and first.reference not in mine
    waiting = client.get(reverse("ws_queue") + "?unregistered=on").content.decode()
    assert second.receipt_number in waiting and first.reference not in waiting
    review = client.get(reverse("ws_queue") + "?stage=admissibility_review").content.decode()
    assert first.reference in review and second.receipt_number not in review
    overdue = client.get(reverse("ws_queue") + "?overdue=on").content.decode()
    assert first.reference in overdue and second.reference not in overdue
    assert "days overdue" in overdue
    closed_page = client.get(reverse("ws_queue") + "?stage=closed").content.decode()
    assert closed.reference in closed_page


def test_the_queue_names_each_deadline_and_lists_nothing_under_bad_filters(client, officer):
    """Walk 176: the next deadline was a bare date, the Party's response and the submitters'
    revision mixed with the Secretariat's targets; and "due within -5 days" was refused above
    a list of every case, as if applied."""
    from django.utils import translation

    from submissions.dates import long_date
    from workflow.periods import KIND_LABELS

    case = drive("admissibility_review").case
    due = Deadline.objects.get(submission=case, kind="admissibility", state="open")
    client.force_login(officer)
    said = {
        "en": "The filters above are not valid: correct them to see the cases.",
        "es": "Los filtros de arriba no son válidos: corríjalos para ver los casos.",
    }
    for language in ("en", "es"):
        with translation.override(language):
            page = client.get(reverse("ws_queue")).content.decode()
            label = f"{KIND_LABELS['admissibility']}: {long_date(due.due_on)}"
            row = page[page.index(case.reference) :].split("</tr>", 1)[0]
            assert label in row, row
            for bad in ("?due_within=-5", "?stage=bogus"):
                refused = client.get(reverse("ws_queue") + bad).content.decode()
                assert case.reference not in refused
                assert 'id="error-summary"' in refused and said[language] in refused


def test_a_period_that_binds_no_one_is_never_overdue(client, officer):
    """Walk 18: the queue said "4743 days overdue" of the Council's instruction, a period that
    binds no one (PROCESS.md, Deadlines), which the public page says is no one's failure."""
    waiting = drive("awaiting_council").case  # drive's dates are of 2023: long past due
    late = drive("admissibility_review").case
    assert Deadline.objects.get(submission=waiting, kind="council_instruction").binds is False
    client.force_login(officer)
    page = client.get(reverse("ws_queue")).content.decode()
    row = page[page.index(waiting.reference) :]
    row = row[: row.index("</tr>")]
    assert "Period ended" in row and "overdue" not in row
    late_row = page[page.index(late.reference) :]
    assert "days overdue" in late_row[: late_row.index("</tr>")]
    overdue = client.get(reverse("ws_queue") + "?overdue=on").content.decode()
    assert late.reference in overdue and waiting.reference not in overdue
    case_page = client.get(reverse("ws_case", kwargs={"pk": waiting.pk})).content.decode()
    assert "Open — period ended; it binds no one, so this is no one's failure" in case_page
    assert "<strong>overdue</strong>" not in case_page


def test_awaiting_approval_filter(client, officer):
    case = drive("admissibility_review").case
    other = drive("admissibility_review").case
    services.record_event(
        case,
        "admissibility_determined",
        actor=officer,
        data={"outcome": "does_not_meet"},
    )
    client.force_login(officer)
    page = client.get(reverse("ws_queue") + "?awaiting_approval=on").content.decode()
    assert case.reference in page and other.reference not in page


def test_what_awaits_review_is_counted_and_listed_open_or_closed(client, officer, settings):
    """Walk 55: a Party's response sent for the public was never published, the case was
    closed by the record's publication, and only its case page said so. The queue counts
    the cases with an entry sent for the public and not yet decided on, closed ones
    included, lists them under a quick filter, and marks their rows."""
    settings.SEM_FOUR_EYES = False
    closed = drive("closed")  # withdrawn while the response was awaited
    closed.add(
        "party_responded",  # late, accepted, its text held
        author=f"party:{A}",
        data={"party": A, "pending_proceeding": False, "publish_requested": True},
        note="Respuesta de la Parte.",
    )
    held, decided, quiet = (drive("awaiting_council") for _ in range(3))
    for story in (held, decided):
        reasons = reasons_for_the_public(story)
    services.record_event(
        decided.case,
        "visibility_changed",
        actor=officer,
        data={
            "event": reasons.seq - 1,
            "fields": ["note"],
            "from": "parties",
            "to": "public",
            "reason": "Pedido por el miembro.",
        },
    )
    client.force_login(officer)
    queue = client.get(reverse("ws_queue")).content.decode()
    assert 'href="?awaiting_review=on">Sent for the public, awaiting review</a>' in queue
    assert '<span class="counts__n">: 2</span></p>' in queue  # the closed case and `held`
    assert queue.count("sent for the public: awaiting review") == 1  # `held`'s row: open
    listed = client.get(reverse("ws_queue") + "?awaiting_review=on").content.decode()
    for story, shown in ((closed, True), (held, True), (decided, False), (quiet, False)):
        assert (f">{story.case.reference}</a>" in listed) is shown, story.case.reference
    assert listed.count("sent for the public: awaiting review") == 2
