"""`manage.py seed_demo`: the demo accounts and cases that `make run` loads."""

import html
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from secretariat.management.commands.seed_demo import DATE_REASON
from submissions.models import Submission, Submitter, User
from submissions.roles import Role, roles_of
from submissions.stages import ClosureReason, Stage
from tests.helpers_cases import strings_in
from tests.parties import A_LOWER, SLUG
from workflow.chain import verify_submission
from workflow.models import Event

# A focal point and a Council member for each of the profile's Parties.
PARTY_ROLES = {
    "us-peru-tpa": {
        "pe_focal": (Role.FOCAL_POINT, "PE"),
        "us_focal": (Role.FOCAL_POINT, "US"),
        "pe_council": (Role.COUNCIL, "PE"),
        "us_council": (Role.COUNCIL, "US"),
    },
    "usmca-cec": {
        "ca_focal": (Role.FOCAL_POINT, "CA"),
        "mx_focal": (Role.FOCAL_POINT, "MX"),
        "us_focal": (Role.FOCAL_POINT, "US"),
        "ca_council": (Role.COUNCIL, "CA"),
        "mx_council": (Role.COUNCIL, "MX"),
        "us_council": (Role.COUNCIL, "US"),
    },
    "cafta-dr": {
        "cr_focal": (Role.FOCAL_POINT, "CR"),
        "do_focal": (Role.FOCAL_POINT, "DO"),
        "sv_focal": (Role.FOCAL_POINT, "SV"),
        "gt_focal": (Role.FOCAL_POINT, "GT"),
        "hn_focal": (Role.FOCAL_POINT, "HN"),
        "ni_focal": (Role.FOCAL_POINT, "NI"),
        "us_focal": (Role.FOCAL_POINT, "US"),
        "cr_council": (Role.COUNCIL, "CR"),
        "do_council": (Role.COUNCIL, "DO"),
        "sv_council": (Role.COUNCIL, "SV"),
        "gt_council": (Role.COUNCIL, "GT"),
        "hn_council": (Role.COUNCIL, "HN"),
        "ni_council": (Role.COUNCIL, "NI"),
        "us_council": (Role.COUNCIL, "US"),
    },
}[SLUG]
EXPECTED_ROLES = {
    "officer": (Role.OFFICER, None),
    "director": (Role.DIRECTOR, None),
    **PARTY_ROLES,
    "auditor": (Role.AUDITOR, None),
}
# Each profile's demo cases (secretariat/management/commands/_demo_<profile>.py): how
# many, the stages among them, the Party of the case awaiting a response (decided live today),
# the language of the case not yet acknowledged, and the languages of all.
DEMO = {
    "us-peru-tpa": {
        "count": 6,
        "stages": {
            Stage.ADMISSIBILITY_REVIEW,
            Stage.RESPONSE_DECISION,
            Stage.AWAITING_RESPONSE,
            Stage.AWAITING_COUNCIL,
            Stage.CLOSED,
        },
        "awaiting": "PE",
        "unregistered": "es",
        "languages": {"en", "es"},
    },
    "usmca-cec": {
        "count": 5,
        "stages": {Stage.ADMISSIBILITY_REVIEW, Stage.AWAITING_RESPONSE, Stage.AWAITING_COUNCIL},
        "awaiting": "CA",
        "unregistered": "fr",
        "languages": {"en", "es", "fr"},
    },
    # secretariat/management/commands/_demo_cafta.py: a factual record in preparation on one
    # member's instruction, a revision awaited, and no closure.
    "cafta-dr": {
        "count": 5,
        "stages": {
            Stage.ADMISSIBILITY_REVIEW,
            Stage.AWAITING_REVISION,
            Stage.AWAITING_RESPONSE,
            Stage.FACTUAL_RECORD_PREPARATION,
        },
        "awaiting": "GT",
        "unregistered": "es",
        "languages": {"en", "es"},
    },
}[SLUG]


def seed() -> str:
    out = StringIO()
    # Test settings run with DEBUG off, where the command refuses unless forced.
    call_command("seed_demo", force=True, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_one_account_per_role_and_a_superuser():
    output = seed()
    for username, (role, party) in EXPECTED_ROLES.items():
        user = User.objects.get(username=username)
        assert role in roles_of(user), username
        assert (user.party.code if user.party else None) == party, username
        assert user.check_password("demo-password-sem"), username
        assert user.is_staff == (username in ("officer", "director")), username
        assert username in output
        # Named, as a receipt or an e-mail names them (walk 44: "Recorded by pe_focal").
        assert user.get_full_name() and user.signature.endswith(f" ({username})"), username
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff


@pytest.mark.django_db
@pytest.mark.parametrize("four_eyes", [True, False])
def test_cases_at_several_stages_built_by_the_workflow(settings, four_eyes):
    settings.SEM_FOUR_EYES = four_eyes
    seed()
    cases = list(Submission.objects.all())
    assert len(cases) == DEMO["count"]
    stages = {case.stage for case in cases}
    assert DEMO["stages"] <= stages
    # The TPA's demo closes a case as not admissible; the CEC's and CAFTA-DR's close none.
    closed = Submission.objects.filter(stage=Stage.CLOSED)
    assert [case.closure_reason for case in closed] == (
        [ClosureReason.NOT_ADMISSIBLE] if Stage.CLOSED in DEMO["stages"] else []
    )
    awaiting = Submission.objects.get(stage=Stage.AWAITING_RESPONSE)
    assert awaiting.party.code == DEMO["awaiting"]
    # One case is filed and not yet acknowledged (so not public), in Spanish (the CEC's: in
    # French).
    unregistered = Submission.objects.get(registered_on__isnull=True)
    assert unregistered.language == DEMO["unregistered"]
    assert unregistered.stage == Stage.ADMISSIBILITY_REVIEW
    assert {case.language for case in cases} == DEMO["languages"]
    # Some titles in both languages, at least one in one language only (the fallback).
    assert any(case.title_en and case.title_es for case in cases)
    assert any(bool(case.title_en) != bool(case.title_es) for case in cases)
    for case in cases:
        # Every stage is the outcome of recorded events, on an intact hash chain.
        last = Event.objects.filter(submission=case).order_by("-seq").first()
        assert last.stage_after == case.stage
        assert verify_submission(case) is None
    # The live decision went through four eyes when that is on.
    decided = Event.objects.get(submission=awaiting, kind="response_decided")
    assert (decided.proposal_id is not None) == four_eyes


@pytest.mark.django_db
def test_a_submitter_has_their_identity_withheld():
    seed()
    withheld = Submitter.objects.filter(confidential=True)
    assert withheld.count() == 1
    case = withheld.get().memberships.get().submission
    assert case.is_registered  # public, so the withheld name matters
    assert case.memberships.filter(submitter__confidential=False).exists()


@pytest.mark.django_db
def test_running_twice_changes_nothing_and_prints_the_credentials():
    seed()
    counts = (User.objects.count(), Submission.objects.count(), Event.objects.count())
    output = seed()
    assert (User.objects.count(), Submission.objects.count(), Event.objects.count()) == counts
    assert "already loaded" in output
    assert "demo-password-sem" in output and f"{A_LOWER}_council" in output


@pytest.mark.django_db
def test_the_demo_has_todays_signed_statement(client):
    """Walk 51: the docket promised a signed statement each day, and the embedded demo
    (no beat) showed "no statement has been published yet"."""
    from django.utils import timezone

    from workflow.models import ChainStatement

    seed()
    statement = ChainStatement.objects.get()
    assert statement.date == timezone.localdate()
    assert set(json.loads(statement.body)["heads"]) == set(
        Submission.objects.exclude(identifier=None).values_list("identifier", flat=True)
    )
    page = client.get("/en/docket/statements/").content.decode()
    assert "No statement has been published yet" not in page


@pytest.mark.django_db
def test_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_demo_writes_its_spanish_as_the_glossary_does():
    """The demo's Spanish titles, summaries and reasons use the profile's words: the TPA's
    demo had "Los peticionarios afirman…", the CEC's word (docs/glossary.md)."""
    from tests.test_glossary import words_to_avoid

    seed()
    texts = [text for case in Submission.objects.all() for text in (case.title_es, case.summary_es)]
    for event in Event.objects.filter(submission__language="es"):
        texts.extend(strings_in(event.data))
    assert len(texts) > 10
    found = [
        (word, text) for text in texts for word in words_to_avoid() if word.lower() in text.lower()
    ]
    assert found == []


@pytest.mark.django_db
def test_the_demo_public_documents_download_and_determinations_give_reasons(client):
    """Walk 69: the demo's public response and notices were listed with no file (the API's
    links answered 404), and its determinations' reading pages read "—" for every criterion.
    The past is now recorded with the documents the workspace generates, and findings."""
    from submissions import published
    from workflow.models import Event

    seed()
    downloaded = 0
    for case in Submission.objects.exclude(identifier=None):
        timeline = published.public_timeline(case.events.order_by("seq"))
        for document in published.public_documents_of(timeline):
            assert document.file, (case.identifier, document.title)
            response = client.get(f"/en/docket/{case.slug}/documents/{document.pk}/")
            assert response.status_code == 200, (case.identifier, document.title)
            downloaded += 1
    assert downloaded >= 10
    # Under the CEC the determination on the criteria is combined with the response's.
    determinations = Event.objects.filter(
        kind__in=("admissibility_determined", "response_decided"), proposal=None
    ).select_related("submission")
    read = 0
    for event in determinations:
        case = event.submission
        findings = event.data.get("criteria") or event.data.get("factors")
        assert findings, (case.identifier, event.kind)
        reasons = next(iter(findings.values()))["reasons"]
        for document in event.documents.filter(visibility="public", language=case.language):
            page = client.get(f"/{case.language}/docket/{case.slug}/documents/{document.pk}/read/")
            assert reasons in html.unescape(page.content.decode()), (case.identifier, event.kind)
            read += 1
    assert read >= 1
    # The notification to the Council gives the reasons it announces (walk 71: "for the reasons
    # set out below", and nothing below).
    for event in Event.objects.filter(kind="factual_record_notified").select_related("submission"):
        assert event.note, event.submission.identifier
        case = event.submission
        for document in event.documents.filter(visibility="public", language=case.language):
            page = client.get(f"/{case.language}/docket/{case.slug}/documents/{document.pk}/read/")
            assert event.note[:40] in html.unescape(page.content.decode()), case.identifier


@pytest.mark.django_db
def test_the_printed_cases_read_the_stage_as_the_workspace_does():
    """Walk 70: the summary printed the case not yet acknowledged as admissibility_review,
    which the workspace lists as received, not yet acknowledged."""
    output = seed()
    unregistered = Submission.objects.get(registered_on__isnull=True)
    row = next(line for line in output.splitlines() if line.startswith(unregistered.reference))
    assert "received, not yet acknowledged" in row and "admissibility_review" not in row


@pytest.mark.django_db
def test_what_a_party_sent_carries_its_letter():
    # Walk 84: the demo's notice of exceptional circumstances, recorded on the Party's behalf,
    # had no document, where the workspace's form requires the letter as its evidence.
    seed()
    sent = Event.objects.filter(
        author__startswith="party:", kind__in=("extension_notified", "party_responded")
    )
    assert sent.exists()
    assert [e.kind for e in sent if not e.documents.exists()] == []


@pytest.mark.django_db
def test_each_earlier_dated_demo_entry_gives_its_reason_kept_off_the_docket(client):
    # Walk 127: the audit page flagged every demo entry "Recorded 40 days after the date it
    # bears. No reason was recorded.", a back-dating the live forms refuse without a reason.
    seed()
    late = [
        event
        for event in Event.objects.filter(recorded_by__isnull=False).select_related("submission")
        if timezone.localdate(event.recorded_at) > event.on
    ]
    assert late
    for event in late:
        assert event.data["date_reason"] == DATE_REASON[event.submission.language], event
    public = Submission.objects.filter(registered_on__isnull=False).first()
    response = client.get(f"/{public.language}/docket/{public.slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert DATE_REASON[public.language] not in html.unescape(page)
