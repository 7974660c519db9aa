"""The Django admin: useful to look at, with history, and unable to move a case or rewrite
the chain."""

import datetime
from html.parser import HTMLParser

import pytest

from submissions.models import Document, Party, Submission
from tests.factories import UserFactory, file_case
from tests.parties import SLUG, A
from workflow import services
from workflow.models import Deadline, DeadlineLength, Event, NonWorkingDay

# The case below (the first of 2023, concerning Party A), as each profile numbers it.
ID = {
    "us-peru-tpa": "SEM/PE/001/2023",
    "usmca-cec": "SEM-23-001",
    "cafta-dr": "CAALA/23/001",
}[SLUG]


@pytest.fixture
def admin_user(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_officer(db):
    """A Secretariat officer with admin access: the calendar is theirs to change."""
    from submissions.roles import Role

    return UserFactory(
        username="staff_officer", is_staff=True, is_superuser=True, role=Role.OFFICER
    )


@pytest.fixture
def case(officer):
    case = file_case(on=datetime.date(2023, 3, 10))
    services.record_event(
        case, "acknowledged", actor=officer, on=datetime.date(2023, 3, 13), reason="paper"
    )
    case.refresh_from_db()
    return case


class _FormData(HTMLParser):
    """The values a browser would submit from the first POST form of an admin page."""

    def __init__(self):
        super().__init__()
        self.data, self._in_form, self._select, self._textarea = {}, False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method") == "post" and "id" in attrs:
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "checkbox"):
            self.data[name] = attrs.get("value", "")
        elif tag == "input" and name and "checked" in attrs:
            self.data[name] = attrs.get("value", "on")
        elif tag == "select" and name:
            self._select = name
            if "multiple" not in attrs:  # an empty multiple select sends nothing
                self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            # Like a browser, drop the one newline that may follow <textarea>.
            current = self.data[self._textarea]
            self.data[self._textarea] = current + (data if current else data.lstrip("\n"))


def form_data(html: str) -> dict:
    parser = _FormData()
    parser.feed(html)
    return parser.data


def test_submission_changelist_and_change_page(client, admin_user, case):
    client.force_login(admin_user)
    response = client.get("/en/admin/submissions/submission/")
    assert response.status_code == 200
    assert ID in response.content.decode()
    response = client.get(f"/en/admin/submissions/submission/{case.pk}/change/")
    assert response.status_code == 200
    assert "Asociación Amazónica" in response.content.decode()  # the submitters inline


def test_submission_search_and_filter(client, admin_user, case):
    client.force_login(admin_user)
    query = {
        "us-peru-tpa": "SEM/PE/001",
        "usmca-cec": "SEM-23-001",
        "cafta-dr": "CAALA/23/001",
    }[SLUG]
    html = client.get(f"/en/admin/submissions/submission/?q={query}").content.decode()
    assert ID in html
    html = client.get("/en/admin/submissions/submission/?stage=closed").content.decode()
    assert ID not in html


def test_admin_cannot_move_a_case(client, admin_user, case):
    """Stage, identifier, titles and the rest are written by the services only, each with its
    event: the change form is read-only and a POST changes nothing."""
    client.force_login(admin_user)
    url = f"/en/admin/submissions/submission/{case.pk}/change/"
    data = form_data(client.get(url).content.decode())
    assert not {"stage", "identifier", "title_en", "summary_en", "related"} & set(data)
    data.update(
        title_en="Forest concessions",
        stage="closed",
        closure_reason="withdrawn",
        identifier={
            "us-peru-tpa": "SEM/PE/999/2023",
            "usmca-cec": "SEM-23-999",
            "cafta-dr": "CAALA/23/999",
        }[SLUG],
        chain_head="0" * 64,
        event_count="99",
    )
    response = client.post(url, data)
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.title_en != "Forest concessions"
    assert case.stage == "admissibility_review"
    assert case.closure_reason == ""
    assert case.identifier == ID
    assert case.event_count == 2


def test_submissions_are_not_added_or_deleted_in_the_admin(client, admin_user, case):
    client.force_login(admin_user)
    assert client.get("/en/admin/submissions/submission/add/").status_code == 403
    url = f"/en/admin/submissions/submission/{case.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Submission.objects.filter(pk=case.pk).exists()


def test_event_changelist_and_read_only(client, admin_user, case):
    client.force_login(admin_user)
    response = client.get("/en/admin/workflow/event/")
    assert response.status_code == 200
    assert ID in response.content.decode()
    event = Event.objects.filter(submission=case).last()
    url = f"/en/admin/workflow/event/{event.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200  # shown to read
    assert 'name="_save"' not in response.content.decode()
    assert client.post(url, {"kind": "withdrawn", "note": "x"}).status_code == 403
    assert client.get("/en/admin/workflow/event/add/").status_code == 403
    delete = f"/en/admin/workflow/event/{event.pk}/delete/"
    assert client.post(delete, {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.kind == "acknowledged" and event.note == ""


@pytest.mark.parametrize("model", [Event, Deadline, Document])
def test_record_admins_refuse_add_change_delete_even_for_a_superuser(admin_user, rf, model):
    from django.contrib import admin

    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = admin_user
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_view_permission(request)


def test_deadlines_and_documents_are_read_only(client, admin_user, case):
    client.force_login(admin_user)
    assert client.get("/en/admin/workflow/deadline/").status_code == 200
    assert client.get("/en/admin/workflow/deadline/add/").status_code == 403
    deadline = Deadline.objects.filter(submission=case).first()
    url = f"/en/admin/workflow/deadline/{deadline.pk}/change/"
    assert client.post(url, {"due_on": "2030-01-01"}).status_code == 403
    assert client.get("/en/admin/submissions/document/").status_code == 200
    assert client.get("/en/admin/submissions/document/add/").status_code == 403


def test_party_history_page(client, admin_user):
    client.force_login(admin_user)
    party = Party.objects.get(code=A)
    url = f"/en/admin/submissions/party/{party.pk}/change/"
    data = form_data(client.get(url).content.decode())
    new_name = {
        "us-peru-tpa": "Republic of Peru",
        "usmca-cec": "United Mexican States",
        "cafta-dr": "Republic of Guatemala",
    }[SLUG]
    data["name_en"] = new_name
    assert client.post(url, data).status_code == 302
    response = client.get(f"/en/admin/submissions/party/{party.pk}/history/")
    assert response.status_code == 200
    html = response.content.decode()
    assert new_name in html
    assert "root" in html  # who changed it


def test_history_cannot_be_reverted(client, admin_user, case):
    """simple_history's revert view saves on POST without asking has_change_permission; a past
    version of a case carries a past stage."""
    client.force_login(admin_user)
    first = case.history.earliest()
    url = f"/en/admin/submissions/submission/{case.pk}/history/{first.history_id}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"title_en": "Reverted"}).status_code == 403
    case.refresh_from_db()
    assert case.identifier == ID
    event = Event.objects.filter(submission=case).first()
    url = f"/en/admin/workflow/event/{event.pk}/history/{event.history.first().history_id}/"
    assert client.post(url, {}).status_code == 403


def test_user_admin_shows_secretariat_fields(client, admin_user, a_focal):
    client.force_login(admin_user)
    html = client.get(f"/en/admin/submissions/user/{a_focal.pk}/change/").content.decode()
    assert 'name="preferred_language"' in html and 'name="party"' in html
    assert client.get(f"/en/admin/submissions/user/{a_focal.pk}/history/").status_code == 200


def test_non_working_day_added_in_admin_recomputes_deadlines(client, staff_officer, case):
    client.force_login(staff_officer)
    admissibility = Deadline.objects.get(submission=case, kind="admissibility")
    due = admissibility.due_on
    events_before = case.event_count
    response = client.post(
        "/en/admin/workflow/nonworkingday/add/",
        {"date": due.isoformat(), "description": "Closure of the seat"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert NonWorkingDay.objects.filter(date=due).exists()
    admissibility.refresh_from_db()
    assert admissibility.due_on > due
    case.refresh_from_db()
    assert case.event_count == events_before + 1
    recomputed = Event.objects.get(submission=case, seq=case.event_count)
    assert recomputed.kind == "deadlines_recomputed"
    assert recomputed.recorded_by == staff_officer

    day = NonWorkingDay.objects.get(date=due)
    response = client.post(f"/en/admin/workflow/nonworkingday/{day.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    admissibility.refresh_from_db()
    assert admissibility.due_on == due
    case.refresh_from_db()
    assert case.event_count == events_before + 2


def test_calendar_is_changed_only_by_the_secretariat(client, admin_user, db):
    """A superuser who is not Secretariat staff could not be recorded as the actor of the
    recomputation: the admin does not offer the change."""
    client.force_login(admin_user)
    assert client.get("/en/admin/workflow/nonworkingday/").status_code == 200
    response = client.post(
        "/en/admin/workflow/nonworkingday/add/", {"date": "2023-04-10", "description": "x"}
    )
    assert response.status_code == 403
    assert not NonWorkingDay.objects.exists()


# A period the installation sets (not the treaty's), open on a case just filed: the TPA's
# admissibility period; the CEC's is the treaty's (USMCA Art. 24.27(3)), so its acknowledgement;
# CAFTA-DR's, as the TPA's, the installation's setting.
SETTABLE = {
    "us-peru-tpa": "admissibility",
    "usmca-cec": "acknowledgement",
    "cafta-dr": "admissibility",
}[SLUG]


def test_deadline_length_set_through_the_service(client, staff_officer, db):
    case = file_case(on=datetime.date(2023, 3, 10))
    client.force_login(staff_officer)
    deadline = Deadline.objects.get(submission=case, kind=SETTABLE)
    before = deadline.due_on
    response = client.post(
        "/en/admin/workflow/deadlinelength/add/", {"kind": SETTABLE, "length": "40"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert DeadlineLength.objects.get(kind=SETTABLE).length == 40
    deadline.refresh_from_db()
    assert deadline.due_on > before
    assert Event.objects.filter(submission=case, kind="deadlines_recomputed").exists()


def test_treaty_periods_are_not_offered(client, staff_officer, db):
    client.force_login(staff_officer)
    response = client.post(
        "/en/admin/workflow/deadlinelength/add/", {"kind": "party_response", "length": "30"}
    )
    assert response.status_code == 200  # the form again, with an error
    assert not DeadlineLength.objects.exists()
    response = client.post(
        "/en/admin/workflow/deadlinelength/add/", {"kind": "admissibility", "length": "0"}
    )
    assert response.status_code == 200
    assert not DeadlineLength.objects.exists()
