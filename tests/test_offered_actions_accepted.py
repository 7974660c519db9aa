"""Issue 12, acceptance 4: what is offered is accepted.

For cases at every stage (and the variants where a guard changes the answer), every actor opens
their own page of the case — the workspace (officer, director), the Parties' portal (both focal
points), the Council's portal (both members), the tracking page (the submitter) — takes every
action that page offers, fills it with minimal valid answers generated from the form's own
fields, and posts it through the real view. The workflow must record it (or, for a decision
under four eyes, its proposal): never "not allowed now". Each post runs in a savepoint that is
rolled back, so every action is tried on the case as the page showed it.
"""

import datetime

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.helpers_cases import drive, frozen
from tests.parties import OTHERS, SLUG, A
from workflow import services
from workflow.models import Event

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ONE_DAY = datetime.timedelta(days=1)
# Days from the request (Sunday 7 May 2023) to a day when the Party's response period is over:
# TPA 45 days, due Wednesday 21 June; CEC 60 days, due Thursday 6 July (day 75: 21 July);
# CAFTA-DR 45 days, due Wednesday 21 June (no holiday in Guatemala; day 60: 6 July).
PERIOD_OVER = {"us-peru-tpa": 60, "usmca-cec": 75, "cafta-dr": 60}[SLUG]


def _pending_proposal(story, users):
    """An officer's determination awaits the Executive Director: offered again only as its
    replacement."""
    services.record_event(
        story.case,
        "admissibility_determined",
        actor=users["officer2"],
        data={"outcome": "does_not_meet"},
    )


def _call_open(story, users):
    story.add("information_called", data={"closes_on": "2099-12-31"})


def _publication_instructed(story, users):
    """The Council instructs publication the day after the final record: as many members as
    its rule needs, on that one day."""
    on = story.on + ONE_DAY
    story.council("publication_instructed", on)


def _with_document(story, users):
    story.add(
        "correspondence",
        documents_in=[
            services.DocumentInput(
                title="Carta", language="es", file=SimpleUploadedFile("carta.pdf", PDF)
            )
        ],
    )


def _co_filer(story, users):
    """Someone joins the submission: either may leave it to the other (walk 141)."""
    person = {"name": "Julio Ramos", "kind": "individual", "country": A, "confidential": False}
    story.add("submitters_joined", data={"submitters": [person]})


# (stage, drive() options, what happens next, days after the last event when the pages open)
CASES = {
    "unacknowledged": ("admissibility_review", {"acknowledged": False}, None, 1),
    "admissibility_review": ("admissibility_review", {}, _with_document, 1),
    "pending_proposal": ("admissibility_review", {}, _pending_proposal, 0),
    "awaiting_revision": ("awaiting_revision", {}, None, 1),
    "response_decision": ("response_decision", {}, None, 1),
    "awaiting_response": ("awaiting_response", {}, None, 1),
    "co_filed": ("awaiting_response", {}, _co_filer, 1),
    "response_period_over": ("awaiting_response", {}, None, PERIOD_OVER),
    "factual_record_decision": ("factual_record_decision", {}, None, 1),
    "pending_proceeding": ("factual_record_decision", {"pending_proceeding": True}, None, 1),
    "awaiting_council": ("awaiting_council", {}, None, 1),
    "council_period_over": ("awaiting_council", {}, None, 400),
    "factual_record_preparation": ("factual_record_preparation", {}, None, 1),
    "call_open": ("factual_record_preparation", {}, _call_open, 1),
    "draft_comment_period": ("draft_comment_period", {}, None, 1),
    "final_factual_record": ("final_factual_record", {}, None, 1),
    "publication_instructed": ("final_factual_record", {}, _publication_instructed, 1),
    "closed": ("closed", {}, _with_document, 1),
}


# --- Minimal valid answers, from the form's own fields -----------------------------------------


def _value(field, name):
    """A valid answer for one field, or None to leave it empty."""
    if name == "translation_title":
        return None  # it names a translation, an optional file left empty here
    if name == "event":
        return None  # the visibility form takes a document or an event's text, not both
    if isinstance(field, forms.FileField):
        return SimpleUploadedFile("documento.pdf", PDF) if field.required else None
    if isinstance(field, forms.BooleanField):
        return "on" if field.required else None
    if isinstance(field, forms.ModelChoiceField):
        first = field.queryset.first()
        return str(first.pk) if first is not None else None
    if isinstance(field, forms.ChoiceField):
        values = [str(value) for value, _label in field.choices if value not in ("", None)]
        return values[0] if field.required and values else None
    if isinstance(field, forms.EmailField):
        return "persona@example.org"
    if isinstance(field, forms.DateField):
        return None  # every date here is optional: "today", or "leave empty"
    if isinstance(field, forms.CharField):
        return A if field.max_length == 2 else "Texto de prueba."
    raise AssertionError(f"no answer for {name} ({type(field).__name__})")


def _answers(form, event_count) -> dict:
    data = {"event_count": str(event_count)}
    for name, field in form.fields.items():
        value = _value(field, name)
        if value is not None:
            data[form.add_prefix(name)] = value
    target = data.get(form.add_prefix("target"))
    if target is not None and "to" in form.fields:
        # A level the document has not (the form refuses "Public → Public", walk 97).
        now = form.fields["target"].queryset.get(pk=target).visibility
        levels = [value for value, _label in form.fields["to"].choices if value not in ("", now)]
        data[form.add_prefix("to")] = levels[0]
    return data


def _attachments(data) -> dict:
    """An empty attachments formset, for the portal forms that have one."""
    data.update({"attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0"})
    return data


# --- Posting one offered action ----------------------------------------------------------------


class _Rollback(Exception):
    pass


def _try(client, case, kind, url, data, problems, who):
    """Post ``data`` to ``url`` in a savepoint; record a problem unless ``kind`` (or its
    proposal) was recorded."""
    before = case.event_count
    try:
        with transaction.atomic():
            response = client.post(url, data)
            written = list(Event.objects.filter(submission=case, seq__gt=before))
            recorded = [
                e.data["proposal"]["kind"] if e.kind == "proposed" else e.kind for e in written
            ]
            if response.status_code != 302 or kind not in recorded:
                problems.append((who, kind, response.status_code, _message(response)))
            raise _Rollback
    except _Rollback:
        pass


def _message(response) -> str:
    """The error the page shows (the form's, or the page's message), for the failure report."""
    context = response.context or {}
    for key in ("form", "bound"):
        form = context.get(key) if hasattr(context, "get") else None
        if form is not None and getattr(form, "errors", None):
            return str(form.errors.as_data())[:400]
    return " | ".join(str(m) for m in context.get("messages", []))[:400] if context else ""


# --- Each page, and what it offers ---------------------------------------------------------------


def _workspace(client, case, problems, who) -> set:
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk}))
    assert page.status_code == 200
    offered = set()
    for form in page.context["forms"]:
        kind = form.rule.kind
        offered.add(kind)
        data = _answers(form, case.event_count)
        if form.replaces:
            data["replaces"] = str(form.replaces)
        url = reverse("ws_action", kwargs={"pk": case.pk, "kind": kind})
        _try(client, case, kind, url, data, problems, who)
    return offered


def _portal(client, case, portal, problems, who) -> set:
    page = client.get(reverse(f"{portal}_case", kwargs={"pk": case.pk}))
    if page.status_code == 404:
        return set()  # this account may not see the case at this stage
    assert page.status_code == 200
    offered = set()
    for action in page.context["actions"]:
        kind = action["kind"]
        offered.add(kind)
        url = reverse(action["url"], kwargs={"pk": case.pk})
        form_page = client.get(url)
        if form_page.status_code != 200:
            problems.append((who, kind, form_page.status_code, _message(form_page)))
            continue
        data = _attachments(_answers(form_page.context["form"], case.event_count))
        _try(client, case, kind, url, data, problems, who)
    return offered


def _tracking(client, case, problems) -> set:
    membership = case.memberships.order_by("position", "id").first()
    page = client.get(reverse("track", kwargs={"token": membership.tracking_token}), follow=True)
    assert page.status_code == 200
    pk = membership.pk
    context = page.context
    offered = set()
    for key, kind, name in (
        ("revision_form", "revision_filed", "track_revision"),
        ("information_form", "information_added", "track_information"),
    ):
        if context[key] is not None:
            offered.add(kind)
            data = _answers(context[key], case.event_count)
            url = reverse(name, kwargs={"pk": pk})
            _try(client, case, kind, url, data, problems, "submitter")
    if context["can_withhold"]:
        offered.add("identity_withheld")
        url = reverse("track_withhold", kwargs={"pk": pk})
        _try(
            client,
            case,
            "identity_withheld",
            url,
            {"event_count": case.event_count, "withhold-confirm": "on"},
            problems,
            "submitter",
        )
    if context["can_withdraw"]:
        offered.add("withdrawn")
        url = reverse("track_withdraw", kwargs={"pk": pk})
        data = {"event_count": case.event_count, "confirm": "on"}
        _try(client, case, "withdrawn", url, data, problems, "submitter")
    if context["can_leave"]:
        offered.add("submitter_left")
        url = reverse("track_leave", kwargs={"pk": pk})
        data = {"event_count": case.event_count, "confirm": "on"}
        _try(client, case, "submitter_left", url, data, problems, "submitter")
    return offered


@pytest.fixture
def users(
    officer,
    officer2,
    director,
    a_focal,
    b_focal,
    a_council,
    b_council,
    other_focals,
    other_councils,
):
    """Every account, the other Parties' (the CEC's Canada) included."""
    return {
        "officer": officer,
        "officer2": officer2,
        "director": director,
        "a_focal": a_focal,
        "b_focal": b_focal,
        "a_council": a_council,
        "b_council": b_council,
        **{user.username: user for user in other_focals + other_councils},
    }


# The portal accounts: A's and B's focal points and Council members, then the others'.
PORTAL_USERS = (
    ("a_focal", "party"),
    ("b_focal", "party"),
    ("a_council", "council"),
    ("b_council", "council"),
    *((f"{code.lower()}_focal", "party") for code in OTHERS),
    *((f"{code.lower()}_council", "council") for code in OTHERS),
)


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_action_offered_is_accepted(name, users):
    stage, options, then, days = CASES[name]
    story = drive(stage, **options)
    day = story.on + datetime.timedelta(days=days)
    problems, offered = [], {}
    with frozen(day):
        if then is not None:
            then(story, users)
        case = story.case
        case.refresh_from_db()
        for who in ("officer", "director"):
            client = Client()
            client.force_login(users[who])
            offered[who] = _workspace(client, case, problems, who)
        for who, portal in PORTAL_USERS:
            client = Client()
            client.force_login(users[who])
            offered[who] = _portal(client, case, portal, problems, who)
        offered["submitter"] = _tracking(Client(), case, problems)
    assert problems == [], problems
    # The Secretariat always has something to do (correspondence, at least).
    assert offered["officer"] and offered["officer"] == offered["director"]
    assert not offered["officer"] & {"filed", "proposed", "returned"}
    # Only where someone else stays with the submission may one leave it.
    leaves = name == "co_filed"
    assert ("submitter_left" in offered["officer"]) == leaves
    assert ("submitter_left" in offered["submitter"]) == leaves


def test_the_pages_offer_what_the_guards_allow(users):
    """Spot checks that the offers follow the guards, not only the stage."""
    story = drive("awaiting_response")
    with frozen(story.on + ONE_DAY):
        kinds = {a.kind for a in services.available_actions(story.case, users["a_focal"])}
        assert "extension_notified" in kinds  # the response period runs
        assert "acknowledged" not in {
            a.kind for a in services.available_actions(story.case, users["officer"])
        }
    with frozen(story.on + datetime.timedelta(days=PERIOD_OVER)):
        kinds = {a.kind for a in services.available_actions(story.case, users["a_focal"])}
        assert "extension_notified" not in kinds  # the response period is over
    final = drive("final_factual_record")
    with frozen(final.on + ONE_DAY):
        kinds = {a.kind for a in services.available_actions(final.case, users["officer"])}
        assert "published" not in kinds  # no Council instruction to publish yet
