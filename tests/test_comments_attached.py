"""Publication with the Parties' comments attached (issue #18): where the profile does so (the
CEC Council's Resolutions 05-09 and 07-03: "TO ATTACH to the final factual record comments
provided by the Parties"), ``published`` names the Parties whose comments on the draft are
published with the final factual record; their comments and documents become public with it,
the others' stay with the Parties. The TPA and CAFTA-DR have no such step: the tests that are
not about a profile's own value add it to the installed profile."""

import dataclasses
import datetime
import json

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from submissions import access, profiles, published
from submissions.models import Document
from submissions.stages import Stage
from tests.helpers_cases import comments_with_a_reserved_annex, drive, frozen
from tests.parties import PROFILE, SLUG, A, B, name
from workflow import services
from workflow.chain import verify_submission
from workflow.describe import describe
from workflow.exceptions import RuleViolation
from workflow.models import Event

pytestmark = pytest.mark.django_db

D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Whether the installed profile attaches comments of its own: the CEC's Council resolutions.
ATTACHES = {"us-peru-tpa": False, "usmca-cec": True, "cafta-dr": False}[SLUG]


@pytest.fixture
def attaching(monkeypatch):
    """The installed profile with publication with the Parties' comments attached."""
    profile = dataclasses.replace(PROFILE, comments_attached_on_publication=True)
    monkeypatch.setitem(profiles.PROFILES, SLUG, profile)


def doc(title):
    return services.DocumentInput(
        title=title, language="es", file=SimpleUploadedFile(f"{title}.pdf", PDF)
    )


def ready_to_publish(commenters=(A, B)):
    """A case whose final factual record the Council has instructed to publish, after the
    draft was commented on by ``commenters``, each with a document (the others' period ran
    out)."""
    story = drive(Stage.DRAFT_COMMENT_PERIOD)
    for day, party in enumerate(commenters, start=20):
        story.add(
            "draft_commented",
            D(2023, 10, day),
            author=f"party:{party}",
            data={"party": party},
            note=f"Observaciones de {party} sobre la exactitud del proyecto.",
            documents_in=[doc(f"Comentarios {party}")],
        )
    story.add("final_submitted", D(2023, 11, 20), documents_in=[doc("Expediente final")])
    story.council("publication_instructed", D(2023, 11, 22))
    return story


def visibility_of(case):
    return dict(Document.objects.filter(submission=case).values_list("title", "visibility"))


def test_each_profile_says_whether_it_attaches_the_comments():
    """The CEC's attaches them; the TPA's and CAFTA-DR's refuse the option, whatever the
    Parties commented."""
    assert profiles.installed().comments_attached_on_publication is ATTACHES
    story = ready_to_publish()
    if ATTACHES:
        story.add("published", D(2023, 12, 1), data={"attach_comments": [A]})
        assert story.stage == Stage.CLOSED
        return
    with pytest.raises(RuleViolation) as refused:
        story.add("published", D(2023, 12, 1), data={"attach_comments": [A]})
    assert refused.value.rule == "attach_comments: not in this procedure"
    assert str(refused.value.message) == (
        "Under this procedure the Parties' comments on the draft are not published with the "
        "final factual record."
    )
    assert story.stage == Stage.FINAL_FACTUAL_RECORD
    assert visibility_of(story.case)[f"Comentarios {A}"] == "parties"


def test_the_named_partys_comments_become_public_with_the_record(attaching):
    story = ready_to_publish()
    case = story.case
    publication = story.add("published", D(2023, 12, 1), data={"attach_comments": [A]})
    assert (case.stage, case.closure_reason) == (Stage.CLOSED, "factual_record_published")
    assert visibility_of(case) == {
        f"Comentarios {A}": "public",
        f"Comentarios {B}": "parties",
        "Expediente final": "public",
    }
    # On the public timeline: A's comments, whole; not B's.
    events = list(case.events.order_by("seq"))
    shown = {
        (e.kind, (e.data or {}).get("party"), e.note) for e in published.public_timeline(events)
    }
    assert ("draft_commented", A, f"Observaciones de {A} sobre la exactitud del proyecto.") in shown
    assert not any(kind == "draft_commented" and party == B for kind, party, _ in shown)
    public_events = access.public_events(Event.objects.filter(submission=case))
    assert set(
        public_events.filter(kind="draft_commented").values_list("data__party", flat=True)
    ) == {A}
    public_docs = access.public_documents(Document.objects.filter(submission=case))
    assert set(public_docs.values_list("title", flat=True)) == {
        f"Comentarios {A}",
        "Expediente final",
    }
    assert dict(describe(publication))["Comments on the draft attached"] == name(A)
    # The auditors' replay of the history agrees with the documents' visibility.
    assert verify_submission(case) is None


def test_attached_comments_no_longer_await_review(attaching):
    """Comments sent for the public and attached to the published record are decided on: the
    queue's "awaiting review" no longer counts them; another Party's, not attached, still
    waits (walk 55)."""
    from secretariat.workspace.queries import awaiting_review

    story = drive(Stage.DRAFT_COMMENT_PERIOD)
    for day, party in enumerate((A, B), start=20):
        story.add(
            "draft_commented",
            D(2023, 10, day),
            author=f"party:{party}",
            data={"party": party, "publish_requested": True},
            note=f"Observaciones de {party}.",
        )
    story.add("final_submitted", D(2023, 11, 20), documents_in=[doc("Expediente final")])
    story.council("publication_instructed", D(2023, 11, 22))
    cases = type(story.case).objects.filter(pk=story.case.pk)
    assert awaiting_review(cases) == {story.case.pk}
    story.add("published", D(2023, 12, 1), data={"attach_comments": [A]})
    assert awaiting_review(cases) == {story.case.pk}  # B's, not attached
    story.add(
        "visibility_changed",
        D(2023, 12, 2),
        data={
            "event": story.case.events.get(kind="draft_commented", data__party=B).seq - 1,
            "fields": ["note"],
            "from": "parties",
            "to": "public",
            "reason": "Pedido por la Parte.",
        },
    )
    assert awaiting_review(cases) == set()


def test_comments_not_sent_for_the_public_are_flagged_before_attaching(attaching, client, officer):
    # Walk 130: Canada's comments, not sent for the public, could be ticked and went to the
    # Director as "attached" with no word of it (a Council's resolution may attach them all).
    story = drive(Stage.DRAFT_COMMENT_PERIOD)
    for day, party, asked in ((20, A, False), (21, B, True)):
        story.add(
            "draft_commented",
            D(2023, 10, day),
            author=f"party:{party}",
            data={"party": party, **({"publish_requested": True} if asked else {})},
            documents_in=[doc(f"Comentarios {party}")],
        )
    story.add("final_submitted", D(2023, 11, 20), documents_in=[doc("Expediente final")])
    story.council("publication_instructed", D(2023, 11, 22))
    client.force_login(officer)
    with frozen(D(2023, 12, 1)):
        page = client.get(reverse("ws_case", kwargs={"pk": story.case.pk})).content.decode()
    form = page[page.index('id="action-published"') :]
    assert f"{name(A)} (did not send its comments for the public)" in form
    assert f"{name(B)} (did not send" not in form
    story.add("published", D(2023, 12, 1), data={"attach_comments": [A, B]})
    lines = dict(describe(Event.objects.filter(submission=story.case).latest("seq")))
    assert lines["Attached, though not sent for the public by the Party"] == name(A)


def test_the_docket_shows_the_attached_comments_and_not_the_others(attaching):
    story = ready_to_publish()
    story.add("published", D(2023, 12, 1), data={"attach_comments": [B]})
    page = Client().get(f"/en/docket/{story.case.slug}/").content.decode()
    assert f"Comentarios {B}" in page
    assert f"Observaciones de {B} sobre la exactitud del proyecto." in page
    assert f"Comentarios {A}" not in page
    assert f"Observaciones de {A}" not in page
    assert "Comments on the draft attached" in page
    for title, status in ((f"Comentarios {B}", 200), (f"Comentarios {A}", 404)):
        document = Document.objects.get(title=title)
        url = reverse("document_download", kwargs={"slug": story.case.slug, "pk": document.pk})
        assert Client().get(url).status_code == status, title


@pytest.mark.parametrize(
    ("attach", "why"),
    [
        ([B], "a Party that did not comment"),
        ([A, A], "the same Party twice"),
        (A, "not a list"),
    ],
)
def test_only_parties_that_commented_each_once(attaching, attach, why):
    story = ready_to_publish(commenters=(A,))
    with pytest.raises(RuleViolation) as refused:
        story.add("published", D(2023, 12, 1), data={"attach_comments": attach})
    assert refused.value.rule == "attach_comments: Parties that commented", why
    assert story.stage == Stage.FINAL_FACTUAL_RECORD


def test_proposed_in_the_workspace_approved_and_published(attaching, client, officer, director):
    """The officer ticks the Parties in the publication's form; the Executive Director
    approves; the ticked Party's comments are public, the other's are not."""
    story = ready_to_publish()
    case = story.case
    client.force_login(officer)
    with frozen(D(2023, 12, 1)):
        page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
        assert "Parties whose comments on the draft are published with it" in page
        assert 'name="published-attach_comments"' in page
        assert page.count('name="published-attach_comments"') == 2  # A and B commented
        response = client.post(
            reverse("ws_action", kwargs={"pk": case.pk, "kind": "published"}),
            {"event_count": case.event_count, "published-attach_comments": [B]},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        proposal = Event.objects.filter(submission=case).latest("seq")
        assert proposal.kind == "proposed"
        assert proposal.data["proposal"]["attach_comments"] == [B]
        assert visibility_of(case)[f"Comentarios {B}"] == "parties"  # not before approval
        client.force_login(director)
        client.post(
            reverse("ws_approve", kwargs={"pk": case.pk, "seq": proposal.seq}),
            {"event_count": case.event_count + 1, "back": "case"},
        )
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    assert Event.objects.get(submission=case, kind="published").data["attach_comments"] == [B]
    assert visibility_of(case)[f"Comentarios {B}"] == "public"
    assert visibility_of(case)[f"Comentarios {A}"] == "parties"
    # The publication's notice names the Party whose comments it publishes.
    notice = Document.objects.get(event__kind="published", language="en")
    text = "\n".join(p.text for p in docx.Document(notice.file.open("rb")).paragraphs)
    assert (
        "The following Parties' comments on the draft factual record are published with "
        f"it: {name(B)}." in text
    )
    # The workspace says the comments' entry, at the Parties' level by its row, is public now.
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    publication = Event.objects.get(submission=case, kind="published")
    assert page.count(f"now public: entry no. {publication.seq} published it") == 1
    # The public page lists them beside the record, not only in the timeline.
    public = Client().get(f"/en/docket/{case.slug}/").content.decode()
    record = public[
        public.index('id="record-heading"') : public.index(
            "</section>", public.index('id="record-heading"')
        )
    ]
    assert "Comments of the Parties on the draft" in record
    assert f"Comentarios {B}" in record and f"Comentarios {A}" not in record


def test_proposing_again_keeps_the_ticked_parties(attaching, client, officer, director):
    """The fourteenth walk: an edited notice replacing the generated one lost the Parties
    ticked in the pending proposal, and the Executive Director approved a publication without
    them. The form now starts from the pending proposal; a proposal with none ticked says
    "None"; the replacing proposal says what it replaces."""
    story = ready_to_publish()
    case = story.case
    client.force_login(officer)
    url = reverse("ws_action", kwargs={"pk": case.pk, "kind": "published"})
    with frozen(D(2023, 12, 1)):
        client.post(url, {"event_count": case.event_count, "published-attach_comments": [A, B]})
        first = Event.objects.filter(submission=case).latest("seq")
        page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
        form = page[page.index('id="action-published"') :]
        form = form[: form.index("</details>")]
        assert form.count("checked") == 2
        assert f"Proposing it again replaces proposal no. {first.seq}" in form
        case.refresh_from_db()
        proposed = client.post(
            url,
            {"event_count": case.event_count, "replaces": first.seq},
            follow=True,
        ).content.decode()
        second = Event.objects.filter(submission=case).latest("seq")
        assert second.data["proposal"]["attach_comments"] == []
        # Said when proposed, and on both entries (walk 77: the replaced one only vanished).
        assert f"It replaces proposal no. {first.seq}." in proposed
        page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
        assert f"Replaces proposal no. {first.seq}" in page
        entry = page.split(f'id="event-{first.seq}"', 1)[1].split("</li>", 1)[0]
        assert f"Replaced by proposal no. {second.seq}" in entry
        assert f"Approved by officer (proposal no. {first.seq})" not in page
        client.force_login(director)
        approvals = client.get(reverse("ws_approvals")).content.decode()
        assert "Comments on the draft attached" in approvals
        lines = dict(describe(second))
        assert lines["Comments on the draft attached"] == "None"


def test_the_form_offers_the_choice_only_where_the_profile_attaches(client, officer):
    """Without comments attached by the profile (the TPA, CAFTA-DR), the publication's form
    has no such field; with it (the CEC), it offers the Parties that commented."""
    story = ready_to_publish(commenters=(A,))
    client.force_login(officer)
    with frozen(D(2023, 12, 1)):
        page = client.get(reverse("ws_case", kwargs={"pk": story.case.pk})).content.decode()
    assert ('name="published-attach_comments"' in page) is ATTACHES
    if ATTACHES:
        assert page.count('name="published-attach_comments"') == 1
        assert name(A) in page


def test_attached_comments_survive_export_and_import(attaching):
    """The registry format carries ``attach_comments`` on ``published``; a re-import publishes
    the same comments (a gap in REGISTRY-FORMAT.md, which does not name the key)."""
    from workflow.registry.exporter import export_registry
    from workflow.registry.importer import import_registry

    story = ready_to_publish()
    story.add("published", D(2023, 12, 1), data={"attach_comments": [A]})
    payload = json.loads(export_registry(restricted=True))
    published = [e for e in payload["submissions"][0]["events"] if e["kind"] == "published"]
    assert published[0]["attach_comments"] == [A]
    story.case.delete()
    report = import_registry(payload)
    assert report.ok, report.refused
    assert visibility_of(story.case.__class__.objects.get()) == {
        f"Comentarios {A}": "public",
        f"Comentarios {B}": "parties",
        "Expediente final": "public",
    }


def test_the_parties_that_sent_their_comments_for_the_public_are_ticked_at_first(
    attaching, client, officer
):
    """Walk 71: every Party had asked for its comments to be public, and the publication's
    form, untouched, proposed attaching none."""
    import re

    story = drive(Stage.DRAFT_COMMENT_PERIOD)
    story.add(
        "draft_commented",
        D(2023, 10, 20),
        author=f"party:{A}",
        data={"party": A, "publish_requested": True},
        documents_in=[doc(f"Comentarios {A}")],
    )
    story.add(
        "draft_commented",
        D(2023, 10, 21),
        author=f"party:{B}",
        data={"party": B},
        documents_in=[doc(f"Comentarios {B}")],
    )
    story.add("final_submitted", D(2023, 11, 20), documents_in=[doc("Expediente final")])
    story.council("publication_instructed", D(2023, 11, 22))
    client.force_login(officer)
    with frozen(D(2023, 12, 1)):
        page = client.get(reverse("ws_case", kwargs={"pk": story.case.pk})).content.decode()
    boxes = re.findall(r'<input type="checkbox" name="published-attach_comments"[^>]*>', page)
    ticked = [re.search(r'value="(\w+)"', box).group(1) for box in boxes if "checked" in box]
    assert len(boxes) == 2 and ticked == [A]


def test_an_annex_a_party_kept_from_the_public_stays_with_the_parties(
    attaching, client, officer, director
):
    """Walk 108 (the CEC, in French): Mexico sent its comments for the public with an annex
    for the Parties only; attaching its comments to the published record published the annex
    too, the docket said their documents awaited the Secretariat right above them, and the
    publication's warning and the Director's page counted them among the entries it left
    unpublished. The documents an attached Party kept from the public stay with the Parties;
    what it sent for the public is published, and nothing says it waits."""
    from secretariat.workspace import queries

    story = drive(Stage.DRAFT_COMMENT_PERIOD)
    sent = comments_with_a_reserved_annex(
        story,
        D(2023, 10, 20),
        f"Observaciones de {A}.",
        doc(f"Observaciones públicas {A}"),
        doc(f"Anexo reservado {A}"),
    )
    story.add("final_submitted", D(2023, 11, 20), documents_in=[doc("Expediente final")])
    story.council("publication_instructed", D(2023, 11, 22))
    case = story.case
    client.force_login(officer)
    url = reverse("ws_case", kwargs={"pk": case.pk})
    page = client.get(url).content.decode()
    form = page[page.index('id="action-published"') :]
    form = form[: form.index("</details>")]
    assert f'href="#event-{sent.seq}"' not in form  # ticked at first: not "left unpublished"
    proposal = services.record_event(
        case, "published", actor=officer, data={"attach_comments": [A]}
    )
    listed = queries.approval_list(type(case).objects.filter(pk=case.pk))
    queries.what_they_publish(listed)
    (pending,) = listed
    assert pending.leaves_held == []
    assert f"Anexo reservado {A}" in [d.title for d in pending.stays]
    assert f"Anexo reservado {A}" not in [d.title for d in pending.widens]
    services.approve_proposal(case, proposal.seq, actor=director)
    assert visibility_of(case)[f"Observaciones públicas {A}"] == "public"
    assert visibility_of(case)[f"Anexo reservado {A}"] == "parties"
    assert verify_submission(case) is None
    docket = Client().get(f"/en/docket/{case.slug}/").content.decode()
    assert f"Observaciones públicas {A}" in docket and f"Anexo reservado {A}" not in docket
    assert "the Secretariat has not published them" not in docket
