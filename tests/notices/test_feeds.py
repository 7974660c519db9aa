import datetime

import pytest
from django.urls import reverse
from lxml import etree

from submissions.models import Submitter
from tests.helpers_cases import drive, file_story, frozen
from tests.parties import SLUG, es
from workflow import services

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SECRET_NAME = "Persona Reservada"
# The public entries of drive()'s case awaiting the Party's response, and its page.
PUBLIC = {
    "us-peru-tpa": (
        [
            "SEM/PE/001/2023: Submission filed",
            "SEM/PE/001/2023: Acknowledgement of receipt",
            "SEM/PE/001/2023: Determination under Article 18.8.2",
            "SEM/PE/001/2023: Determination under Article 18.8.4",
        ],
        "http://testserver/en/docket/sem-pe-001-2023/",
    ),
    "usmca-cec": (
        [
            "SEM-23-001: Submission filed",
            "SEM-23-001: Acknowledgement of receipt",
            "SEM-23-001: Determination under Article 24.27(2)",
            "SEM-23-001: Determination under Article 24.27(3)",
        ],
        "http://testserver/en/docket/sem-23-001/",
    ),
    "cafta-dr": (
        [
            "CAALA/23/001: Submission filed",
            "CAALA/23/001: Acknowledgement of receipt",
            "CAALA/23/001: Determination under Article 17.7.2",
            "CAALA/23/001: Determination under Article 17.7.4",
        ],
        "http://testserver/en/docket/caala-23-001/",
    ),
}[SLUG]


@pytest.fixture
def cases():
    """A public case whose submitter is withheld, with public and non-public events, and a
    case never acknowledged (never public)."""
    with frozen(datetime.date(2023, 6, 30)):
        story = drive("awaiting_response")
        case = story.case
        Submitter.objects.filter(memberships__submission=case).update(
            name=SECRET_NAME, confidential=True
        )
        story.add(
            "information_added", datetime.date(2023, 5, 8), author="submitter", title=SECRET_NAME
        )
        story.add(
            "correspondence", datetime.date(2023, 5, 10), title="Carta", visibility="secretariat"
        )
        hidden = file_story(on=datetime.date(2023, 5, 11), title="Caso no registrado")
    return case, hidden.case


def parse(content: bytes):
    root = etree.fromstring(content)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}") is not None
    entries = root.findall(f"{ATOM}entry")
    # RFC 4287: an author for the feed, which its entries inherit (walk 18: there was none).
    assert root.find(f"{ATOM}author/{ATOM}name").text.startswith("Secretar")
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.find(f"{ATOM}{name}").text or "").strip()
        assert entry.find(f"{ATOM}link").get("href")
    return root, entries


def test_the_docket_feed_is_atom_with_public_events_only(client, cases):
    case, hidden = cases
    url = reverse("docket_feed")
    assert url == "/en/docket/feed/"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    _root, entries = parse(response.content)
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert sorted(titles) == sorted(PUBLIC[0])
    body = response.content.decode()
    assert SECRET_NAME not in body
    assert "Caso no registrado" not in body and "R-2023" not in body
    assert "Carta" not in body and "Information added" not in body
    # Each entry links to its own place in the case's timeline.
    links = sorted(e.find(f"{ATOM}link").get("href") for e in entries)
    assert links == [f"{PUBLIC[1]}#event-{seq}" for seq in range(1, 5)]
    # Each entry's id is an RFC 4151 tag URI (host, date, then what it is), by the case's
    # slug and the event's number: "tag:sem-secretariat,event:12:3" had no date and a row key.
    slug = PUBLIC[1].rstrip("/").rsplit("/", 1)[1]
    ids = sorted(e.find(f"{ATOM}id").text for e in entries)
    assert ids == [f"tag:127.0.0.1,2026:docket/{slug}/event/{seq}" for seq in range(1, 5)]


def test_the_docket_feed_follows_the_lists_filters(client, cases):
    """Walk 51: the docket's "Follow updates" link dropped the list's filters, where its CSV
    and JSON links kept them. The feed of a filtered list carries its cases' entries alone;
    a filter that is not valid is refused as the docket refuses it."""
    from tests.parties import A, B

    case, _hidden = cases
    other = drive("admissibility_review", party=B).case
    everything = [
        e.find(f"{ATOM}title").text for e in parse(client.get("/en/docket/feed/").content)[1]
    ]
    assert any(title.startswith(other.identifier) for title in everything)
    response = client.get(f"/en/docket/feed/?party={A}")
    titles = [e.find(f"{ATOM}title").text for e in parse(response.content)[1]]
    assert sorted(titles) == sorted(PUBLIC[0])
    assert client.get(f"/en/docket/feed/?party={A}&sort=updated").content == response.content
    # Its own title, address and id (walk 84: the whole docket's, so readers merged them).
    root, _entries = parse(response.content)
    whole, _entries = parse(client.get("/en/docket/feed/").content)
    assert root.find(f"{ATOM}title").text == "Public docket: latest updates (filtered)"
    assert whole.find(f"{ATOM}title").text == "Public docket: latest updates"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"].endswith(f"/en/docket/feed/?party={A}")
    assert links["alternate"].endswith(f"/en/docket/?party={A}")
    assert root.find(f"{ATOM}id").text.endswith(f"/en/docket/?party={A}")
    assert root.find(f"{ATOM}id").text != whole.find(f"{ATOM}id").text
    assert client.get("/en/docket/feed/?year=abc").status_code == 400
    # An empty filter or a key the docket does not read filters nothing (walk 134: the whole
    # docket's feed lost its statements of the chain heads).
    unfiltered = client.get("/en/docket/feed/?q=&limit=abc").content
    assert parse(unfiltered)[0].find(f"{ATOM}title").text == "Public docket: latest updates"
    page = client.get(f"/en/docket/?party={A}").content.decode()
    assert f'href="/en/docket/feed/?party={A}">' in page


def test_the_case_feed_in_spanish(client, cases):
    case, hidden = cases
    url = reverse("case_feed", kwargs={"slug": case.slug})
    response = client.get(url.replace("/en/", "/es/"))
    assert response.status_code == 200
    _root, entries = parse(response.content)
    assert len(entries) == 4
    assert SECRET_NAME not in response.content.decode()
    assert es("Comunicación presentada") in response.content.decode()


def test_no_feed_for_a_case_that_is_not_public(client, cases):
    _case, hidden = cases
    hidden.slug = "r-2023-000002"
    hidden.save()
    assert client.get(f"/en/docket/{hidden.slug}/feed/").status_code == 404
    assert client.get("/en/docket/no-such-case/feed/").status_code == 404


def test_the_feed_takes_a_constant_number_of_queries(client, cases, django_assert_max_num_queries):
    for day in (12, 13, 14):
        services.record_event(
            cases[0],
            "correspondence",
            actor=None,
            on=datetime.date(2023, 5, day),
            importing=services.ImportOptions(),
        )
    # The events, those published by a decision, the statements, the cases' timelines (what
    # the public sees of each event), their submitters (walk 30: "by the submitters" where
    # several filed), their public documents, and the latest decisions that published an
    # earlier entry (feeds.reopened: with one, the entries they name): however many events.
    with django_assert_max_num_queries(7):
        assert client.get("/en/docket/feed/").status_code == 200


def test_an_entry_says_what_the_timeline_says(client, cases):
    """An entry was the case's title and the event's code: a subscriber had to open the page to
    learn the outcome. It now carries the event as the timeline shows it: its title, its
    outcome and findings, its note and its public documents, each linked absolutely."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from submissions.storage import DocumentInput

    case, _hidden = cases
    letter = services.record_event(
        case,
        "correspondence",
        actor=None,
        on=datetime.date(2023, 5, 12),
        importing=services.ImportOptions(),
        title="Carta al Ministerio",
        note="El Secretariado pidió aclaraciones.",
        documents_in=[
            DocumentInput(
                title="Carta",
                language="es",
                file=SimpleUploadedFile("c.pdf", b"%PDF-1.4 c", content_type="application/pdf"),
            ),
            DocumentInput(title="Anexo reservado", language="es", visibility="party_concerned"),
        ],
    )
    document = letter.documents.get(title="Carta")
    _root, entries = parse(client.get(reverse("case_feed", kwargs={"slug": case.slug})).content)
    summaries = {
        e.find(f"{ATOM}link").get("href").rsplit("#", 1)[1]: e.find(f"{ATOM}summary").text
        for e in entries
    }
    entry = summaries[f"event-{letter.seq}"]
    assert '<span lang="es">Carta al Ministerio</span>' in entry
    assert '<p lang="es">El Secretariado pidió aclaraciones.</p>' in entry
    download = f"http://testserver/en/docket/{case.slug}/documents/{document.pk}/"
    assert f'href="{download}' in entry
    assert "Anexo reservado" not in entry
    # A determination's outcome, in the reader's language.
    determination = next(v for k, v in summaries.items() if "Outcome: " in v)
    assert "Determination under" in determination
    spanish = client.get(reverse("case_feed", kwargs={"slug": case.slug}).replace("/en/", "/es/"))
    assert "Resultado: " in spanish.content.decode()
    # The case page has the anchors the entries link to.
    page = client.get(f"/en/docket/{case.slug}/").content.decode()
    assert f'<li id="event-{letter.seq}">' in page


def test_an_entry_the_secretariat_publishes_later_is_news_in_both_feeds(
    client, a_focal, officer, director
):
    """Walk 40: the Secretariat published a Party's response weeks after it arrived, and the
    entry's ``updated`` stayed at its arrival: no reader showed it again, and on a busy docket
    it had already left the feed. Its ``updated`` is now the publication's, newest first."""
    from secretariat.public.feeds import LIMIT
    from tests.portals.test_party import propose_publishing_text, respond_post
    from workflow.models import Event

    with frozen(datetime.date(2023, 6, 1)):
        case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(datetime.date(2023, 6, 10)):
        client.post(reverse("party_respond", kwargs={"pk": case.pk}), respond_post(case))
    response = Event.objects.get(submission=case, kind="party_responded")
    with frozen(datetime.date(2023, 6, 20)):
        for _ in range(LIMIT):  # a busy docket: the response is no longer among the latest
            services.record_event(case, "correspondence", actor=officer, visibility="public")

    def entries(url):
        _root, found = parse(client.get(url).content)
        return [
            (e.find(f"{ATOM}link").get("href").rsplit("#", 1)[1], e.find(f"{ATOM}updated").text)
            for e in found
        ]

    client.logout()
    assert f"event-{response.seq}" not in dict(entries("/en/docket/feed/"))
    proposal = propose_publishing_text(case, officer, response, datetime.date(2023, 7, 1))
    with frozen(datetime.date(2023, 7, 1), hour=15):
        services.approve_proposal(case, proposal.seq, actor=director)
    for url in ("/en/docket/feed/", reverse("case_feed", kwargs={"slug": case.slug})):
        first, updated = entries(url)[0]
        assert (first, updated[:10]) == (f"event-{response.seq}", "2023-07-01")
