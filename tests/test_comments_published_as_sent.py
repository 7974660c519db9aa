"""PROCESS.md, step 10: publication makes the final factual record public, and "the Parties'
comments on the draft stay at *parties* unless a Party asked for them to be public". Where
the profile does not attach the comments whole (the TPA, CAFTA-DR; the CEC's Council attaches
them: tests/test_comments_attached.py), publication publishes, as sent, the comments sent for
the public on which the Secretariat had not decided: their text where the Party asked, the
documents it marked for the public; not the others (walk 98: under the TPA they stayed held
after publication, the form warning only that they would)."""

import dataclasses
import datetime
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from secretariat.workspace import queries
from submissions import profiles, published
from submissions.models import Document
from submissions.stages import Stage
from submissions.storage import DocumentInput
from tests.helpers_cases import comments_with_a_reserved_annex, drive
from tests.parties import PROFILE, SLUG, A, B
from workflow import services
from workflow.chain import problems_of
from workflow.exceptions import RuleViolation
from workflow.models import Event

pytestmark = pytest.mark.django_db

D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def as_sent(monkeypatch):
    """The installed profile, publishing the comments as sent (the CEC's attaches them)."""
    profile = dataclasses.replace(PROFILE, comments_attached_on_publication=False)
    monkeypatch.setitem(profiles.PROFILES, SLUG, profile)


def _file(title, visibility="parties"):
    return DocumentInput(
        title=title,
        language="es",
        file=SimpleUploadedFile(f"{title}.pdf", PDF),
        visibility=visibility,
    )


def _ready(b_sends=None):
    """A case whose final record the Council instructed to publish: Party A commented on the
    draft for the public (its words and one document of two), Party B not for the public
    (or, with ``b_sends``, that document alone, for the public, and no words)."""
    story = drive(Stage.DRAFT_COMMENT_PERIOD)
    # An entry the public does not see: the public export's indexes differ from the chain's.
    story.add("correspondence", D(2023, 10, 19), visibility="secretariat", note="Interna.")
    sent = comments_with_a_reserved_annex(
        story,
        D(2023, 10, 20),
        "Observaciones de A para el público.",
        _file("Comentarios de A"),
        _file("Anexo reservado de A"),
    )
    kept = story.add(
        "draft_commented",
        D(2023, 10, 21),
        author=f"party:{B}",
        visibility="parties",
        data={"party": B, **({"for_public": [0]} if b_sends else {})},
        note="" if b_sends else "Observaciones de B, solo para las Partes.",
        documents_in=[_file(b_sends or "Comentarios de B")],
    )
    story.add("final_submitted", D(2023, 11, 20), documents_in=[_file("Expediente final")])
    story.council("publication_instructed", D(2023, 11, 22))
    return story, sent, kept


def _visibility(case):
    return dict(Document.objects.filter(submission=case).values_list("title", "visibility"))


def _portal_entry(user, portal, case, title):
    """The entry whose document is ``title`` on ``user``'s portal page of ``case``."""
    client = Client()
    client.force_login(user)
    page = client.get(reverse(f"{portal}_case", kwargs={"pk": case.pk})).content.decode()
    entries = [e for e in page.split('<li class="event')[1:] if f">{title}<" in e]
    assert len(entries) == 1, title
    return html.unescape(" ".join(entries[0].split()))


def test_publication_publishes_what_a_party_sent_for_the_public(
    officer, director, b_focal, b_council
):
    story, sent, kept = _ready()
    case = story.case
    # The other Party and the Council read which comments were sent for the public, and
    # which of their documents (walk 109: read as if for the Parties alone).
    for user, portal in ((b_focal, "party"), (b_council, "council")):
        entry = _portal_entry(user, portal, case, "Comentarios de A")
        assert "<p>Sent for the public, it awaits the Secretariat's review.</p>" in entry
        sent_doc, kept_doc = entry.split("Anexo reservado de A")
        assert "sent for the public, it awaits the Secretariat's review" in sent_doc
        assert "sent for the public" not in kept_doc  # the annex: its audience alone
        kept_entry = _portal_entry(user, portal, case, "Comentarios de B")
        assert "sent for the public" not in kept_entry.lower()
    client = Client()
    client.force_login(officer)
    url = reverse("ws_case", kwargs={"pk": case.pk})
    page = html.unescape(" ".join(client.get(url).content.decode().split()))
    # The form says what it publishes, and no longer that the held comments stay behind.
    # By number, Party and the documents it publishes (walk 106: numbers alone), and what
    # stays behind.
    assert (
        "With the final factual record, this step publishes what the Parties sent for the "
        f"public with their comments on the draft: no. {sent.seq} (" in page
    )
    assert "): “Comentarios de A”. Their other documents, and the comments not sent" in page
    form = page[page.index('id="action-published"') :]
    form = form[: form.index("</details>")]
    assert "still await" not in form and "still awaits" not in form
    # B's comments were not sent for the public: nothing is held. A held response the step
    # does not publish is named in its warning (walk 107: "2 items", not which).
    posted = client.post(
        reverse("ws_action", kwargs={"pk": case.pk, "kind": "published"}),
        {"event_count": case.event_count, "published-note": "Publicado."},
    )
    assert posted.status_code == 302
    proposal = Event.objects.filter(submission=case, kind="proposed").latest("seq")
    assert proposal.data["proposal"][published.WITH_COMMENTS] == [sent.seq - 1]
    # The held item says its publication is proposed, and offers no second decision on it.
    page = html.unescape(" ".join(client.get(url).content.decode().split()))
    # (In the held box and on the entry itself.)
    assert page.count("Its publication is proposed and awaits the Executive Director") == 2
    assert f"?publish={sent.seq}#" not in page
    # The Director reads what it publishes, and nothing left behind.
    listed = queries.approval_list(type(case).objects.filter(pk=case.pk))
    queries.what_they_publish(listed)
    (pending,) = listed
    assert [d.title for d in pending.widens] == ["Comentarios de A", "Expediente final"]
    assert pending.leaves_held == []
    # And what stays with the Parties (walk 106: not said).
    assert [d.title for d in pending.stays] == ["Anexo reservado de A", "Comentarios de B"]
    director_page = Client()
    director_page.force_login(director)
    approvals = html.unescape(director_page.get(reverse("ws_approvals")).content.decode())
    assert "These documents of the Parties' comments on the draft stay with the Parties:" in (
        approvals
    )
    assert "Comments published with it as sent for the public" in approvals
    services.approve_proposal(case, proposal.seq, actor=director)
    case.refresh_from_db()
    assert case.closure_reason == "factual_record_published"
    shown = _visibility(case)
    assert {title: shown[title] for title in ("Comentarios de A", "Anexo reservado de A")} == {
        "Comentarios de A": "public",
        "Anexo reservado de A": "parties",
    }
    assert (shown["Comentarios de B"], shown["Expediente final"]) == ("parties", "public")
    entry = _portal_entry(b_council, "council", case, "Comentarios de A")
    assert "<p>Sent for the public, the Secretariat has published it.</p>" in entry
    assert "awaits" not in entry
    docket = html.unescape(
        Client().get(reverse("docket_case", kwargs={"slug": case.slug})).content.decode()
    )
    assert "Observaciones de A para el público." in docket
    assert "Comentarios de A" in docket and "Anexo reservado de A" not in docket
    assert "Observaciones de B" not in docket and "Comentarios de B" not in docket
    assert "await" not in docket.split("Observaciones de A")[1][:400]
    # The officer's page names the entry that published it (walk 105).
    publication = Event.objects.get(submission=case, kind="published")
    page = html.unescape(client.get(url).content.decode())
    assert page.count(f"now public: entry no. {publication.seq} published it") == 1
    # Nothing is held any more; the history verifies, its replay agreeing with the rows.
    assert queries.held_entries(type(case).objects.filter(pk=case.pk)) == {}
    assert problems_of(case) == []


def test_only_comments_sent_for_the_public_and_undecided_are_published_as_sent(officer):
    story, sent, kept = _ready()
    for named in ([kept.seq - 1], [sent.seq - 1, sent.seq - 1], [0]):
        with pytest.raises(RuleViolation, match="only comments on the draft sent for the"):
            story.add("published", data={published.WITH_COMMENTS: named})
    # Once the Secretariat decided on it, it is not published again with the record (a part
    # it withheld since would be published again).
    story.add(
        "visibility_changed",
        data={
            "event": sent.seq - 1,
            "fields": ["note"],
            "from": "parties",
            "to": "public",
            "reason": "Sí.",
        },
    )
    with pytest.raises(RuleViolation, match="only comments on the draft sent for the"):
        story.add("published", data={published.WITH_COMMENTS: [sent.seq - 1]})


def test_a_profile_attaching_comments_refuses_them_as_sent(monkeypatch):
    profile = dataclasses.replace(PROFILE, comments_attached_on_publication=True)
    monkeypatch.setitem(profiles.PROFILES, SLUG, profile)
    story, sent, _kept = _ready()
    with pytest.raises(RuleViolation, match="attached whole"):
        story.add("published", data={published.WITH_COMMENTS: [sent.seq - 1]})


def test_comments_sent_as_documents_alone_and_the_record_survive_export_and_import():
    """A comment sent for the public as a document alone (walk 100: no words) is shown for
    that document; the registry format carries ``with_comments`` on ``published``, and a
    re-import publishes the same (docs/registry-extensions.md)."""
    import json

    from workflow.registry.exporter import export_registry
    from workflow.registry.importer import import_registry

    story, sent, alone = _ready(b_sends="Anexo público de B")
    story.add(
        "published",
        D(2023, 12, 1),
        data={published.WITH_COMMENTS: [sent.seq - 1, alone.seq - 1]},
    )
    case = story.case
    public = published.public_text(case.events.order_by("seq"))
    assert public[sent.seq] == frozenset()  # its words
    assert public[alone.seq] == {*published.TEXT_FIELDS, published.OPENED}  # its document
    before = _visibility(case)
    assert before["Anexo público de B"] == "public"
    assert problems_of(case) == []
    payload = json.loads(export_registry(restricted=True))
    (event,) = [e for e in payload["submissions"][0]["events"] if e["kind"] == "published"]
    assert event[published.WITH_COMMENTS] == [sent.seq - 1, alone.seq - 1]
    # The public export (and the API) name them by their place among the public events
    # (walk 105: [13] pointed at nothing among 12).
    events = json.loads(export_registry())["submissions"][0]["events"]
    (shown,) = [e for e in events if e["kind"] == "published"]
    assert [events[i].get("party") for i in shown[published.WITH_COMMENTS]] == [A, B]
    assert len(events) < case.event_count  # the internal note is not among them
    case.delete()
    report = import_registry(payload)
    assert report.ok, report.refused
    again = type(case).objects.get()
    assert _visibility(again) == before
    assert problems_of(again) == []


def test_a_comment_published_as_sent_is_news_in_the_feed(client):
    """Walk 106: comments published with the record kept, in the case's feed, the ``updated``
    of their arrival, so a reader showing what is new since its last visit did not show them
    (as walk 40 found for a response published later)."""
    from lxml import etree

    from tests.helpers_cases import frozen

    story, sent, _kept = _ready()
    with frozen(D(2027, 1, 5)):
        story.add("published", D(2027, 1, 5), data={published.WITH_COMMENTS: [sent.seq - 1]})
    atom = "{http://www.w3.org/2005/Atom}"
    root = etree.fromstring(client.get(f"/en/docket/{story.case.slug}/feed/").content)
    updated = {
        entry.find(f"{atom}id").text: entry.find(f"{atom}updated").text
        for entry in root.findall(f"{atom}entry")
    }
    comment = [key for key in updated if key.endswith(f"/{sent.seq}")]
    assert comment, updated
    assert updated[comment[0]].startswith("2027-01-05T")
