"""Generated input — text with NUL, right-to-left marks, emoji and very long strings, integers,
dates, and each field's own choices — posted to every remaining form: the workspace's actions
and its paper filing, the Parties' and the Council's portal actions, the submitter's tracking
actions and the public information form. No post makes the server answer 500 (the test client
re-raises any exception a view lets escape), and posts reach validation: the form comes back
(200, 400 or 409) or the action is recorded (302)."""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secretariat.portals import forms as portal_forms
from secretariat.public import filing_forms
from secretariat.workspace.forms import PaperFilingForm, action_form
from tests.helpers_cases import drive

pytestmark = pytest.mark.django_db

EXAMPLES = 25
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

odd_text = st.sampled_from(
    [
        "\x00",
        "a\x00b",
        "\u202edlrow olleh\u202c",
        "مرحبا بالعالم",
        "שלום",
        "😀🌳🔥" * 20,
        "x" * 60_000,
        "   ",
        "0",
        "-1",
        "99999999999999999999999",
        "1e309",
        "NaN",
        "2023-02-30",
        "9999-12-31",
        "0001-01-01",
        "../../etc/passwd",
        "<script>alert(1)</script>",
        "on",
        "true",
    ]
)
scalars = st.one_of(
    st.text(max_size=200),
    odd_text,
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates(min_value=datetime.date(1, 1, 1)).map(str),
)
files = st.one_of(
    st.none(),
    st.tuples(
        st.sampled_from(["a.pdf", "b.png", "c.exe", "", "../../e.pdf", "\x00.pdf", "f" * 300]),
        st.one_of(st.binary(max_size=200), st.just(PDF)),
    ),
)


def field_names(form) -> list[str]:
    return [form.add_prefix(name) for name in form.fields]


def choices_of(form) -> list[str]:
    values = []
    for field in form.fields.values():
        for choice in getattr(field, "choices", ()) or ():
            value = choice[0]
            if isinstance(value, str | int) and value != "":
                values.append(str(value))
    return values


def formset_names(prefix="attachments") -> list[str]:
    names = [f"{prefix}-{n}" for n in ("TOTAL_FORMS", "INITIAL_FORMS", "MAX_NUM_FORMS")]
    form = portal_forms.attachment_formset(None, "en").empty_form
    return names + [f"{prefix}-0-{name}" for name in form.fields]


def fuzz(client, url, names, choices, *, extra=None, allowed=(200, 302, 400, 409)):
    """Post EXAMPLES generated forms to ``url``; return how many reached validation (the form
    came back with a field marked invalid, or the post was accepted)."""
    seen = {"posts": 0, "validated": 0}
    values = st.one_of(scalars, st.sampled_from(choices)) if choices else scalars

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        answers=st.dictionaries(st.sampled_from(names), values, max_size=len(names)),
        upload=files,
        file_field=st.sampled_from(names),
    )
    def post(answers, upload, file_field):
        cache.clear()  # the public forms' rate limit
        data = dict(extra or {})
        data.update(answers)
        if upload is not None:
            data[file_field] = SimpleUploadedFile(upload[0] or "x", upload[1])
        response = client.post(url, data)
        seen["posts"] += 1
        assert response.status_code in allowed, (response.status_code, url)
        if response.status_code == 302 or b'aria-invalid="true"' in response.content:
            seen["validated"] += 1

    post()
    assert seen["posts"] == EXAMPLES
    return seen["validated"]


WORKSPACE_KINDS = [
    "correspondence",
    "form_errors_noted",
    "admissibility_determined",
    "assigned",
    "deadline_missed_explained",
]


@pytest.mark.parametrize("kind", WORKSPACE_KINDS)
def test_workspace_actions(client, officer, kind):
    case = drive("admissibility_review").case
    client.force_login(officer)
    form = action_form(kind, case)
    names = [*field_names(form), "event_count", "replaces"]
    url = reverse("ws_action", kwargs={"pk": case.pk, "kind": kind})
    assert fuzz(client, url, names, choices_of(form)) >= EXAMPLES // 5


def test_workspace_paper_filing(client, officer):
    client.force_login(officer)
    form = PaperFilingForm()
    assert fuzz(client, reverse("ws_file"), field_names(form), choices_of(form)) >= EXAMPLES // 5


PORTAL = [
    ("party_respond", "awaiting_response", "a_focal", portal_forms.ResponseForm, True),
    ("party_extension", "awaiting_response", "a_focal", portal_forms.ExtensionForm, False),
    (
        "party_correspondence",
        "awaiting_response",
        "a_focal",
        portal_forms.CorrespondenceForm,
        True,
    ),
    ("council_instruct", "awaiting_council", "a_council", portal_forms.InstructionForm, False),
    (
        "council_recommend",
        "final_factual_record",
        "a_council",
        portal_forms.RecommendationForm,
        False,
    ),
]


@pytest.mark.parametrize(("name", "stage", "user", "form_class", "attachments"), PORTAL)
def test_portal_actions(client, request, name, stage, user, form_class, attachments):
    case = drive(stage).case
    client.force_login(request.getfixturevalue(user))
    form = form_class(initial={"language": "en"})
    names = [*field_names(form), "event_count"]
    if attachments:
        names += formset_names()
    url = reverse(name, kwargs={"pk": case.pk})
    assert fuzz(client, url, names, choices_of(form)) >= EXAMPLES // 5


TRACKING = [
    ("track_revision", "awaiting_revision", filing_forms.RevisionForm, "revision_filed"),
    (
        "track_information",
        "admissibility_review",
        filing_forms.InformationAddedForm,
        "information_added",
    ),
    ("track_withhold", "admissibility_review", filing_forms.WithholdForm, "withhold"),
    ("track_withdraw", "admissibility_review", filing_forms.WithdrawForm, None),
]


@pytest.mark.parametrize(("name", "stage", "form_class", "prefix"), TRACKING)
def test_tracking_actions(client, name, stage, form_class, prefix):
    case = drive(stage).case
    membership = case.memberships.order_by("position").first()
    client.get(reverse("track", kwargs={"token": membership.tracking_token}))
    form = form_class(prefix=prefix) if form_class else None
    names = [*(field_names(form) if form else []), "event_count", "note"]
    url = reverse(name, kwargs={"pk": membership.pk})
    choices = choices_of(form) if form else []
    # An identity is withheld once: every later post is refused as already withheld.
    least = 1 if name == "track_withhold" else EXAMPLES // 5
    assert fuzz(client, url, names, choices) >= least


def test_information_form(client):
    story = drive("factual_record_preparation")
    story.add("information_called", data={"closes_on": "2099-12-31"})
    form = filing_forms.InformationForm()
    url = reverse("information_submit", kwargs={"slug": story.case.slug})
    assert fuzz(client, url, field_names(form), choices_of(form)) >= EXAMPLES // 5
