"""A script payload in every text field a person can fill — the filing (titles, summary, facts,
laws, submitter names and addresses), staff titles and notes, correspondence, the Party's
response, the Council's instruction, information for the factual record — then every page that
shows them: the public docket (home, list, case page, feeds, CSV, API), the tracking page, the
workspace (queue, case, audit) and the Party's and Council's portals. HTML and XML never carry
the payload unescaped; JSON carries it as data, served as application/json."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_filing
from tests.helpers_cases import ALL_MET, TIMELINE, Story
from tests.parties import A
from workflow import services

pytestmark = pytest.mark.django_db

X = '<script>alert("x")</script><img src=x onerror=alert(1)>'
RAW = ("<script>alert", "<img src=x onerror")
ESCAPED = "&lt;script&gt;alert("


def xss_case():
    filing = make_filing(
        language="en",
        title=f"Title {X}",
        submitters=[
            services.SubmitterInput(
                kind="individual",
                name=f"Name {X}",
                nationality=A,
                residence=A,
                email="xss@example.org",
                phone="+51 1 000 0000",
                postal_address=f"Address {X}",
            )
        ],
        laws=[services.LawInput(f"Law {X}", f"Art. {X}")],
        summary=f"Summary {X}",
        other_titles={"es": f"Título {X}"},
        other_summaries={"es": f"Resumen {X}"},
        facts=f"Facts {X}",
        authorities_communication=f"Communication {X}",
        authorities_response=f"Response {X}",
        private_remedies=f"Remedies {X}",
        harm=f"Harm {X}",
    )
    case = services.file_submission(
        filing, actor=None, on=TIMELINE["filed"], importing=services.ImportOptions()
    )
    story = Story(case, TIMELINE["filed"])
    t = TIMELINE
    note = {"title": f"Event title {X}", "note": f"Note {X}"}
    story.add("acknowledged", t["acknowledged"], **note)
    criteria = {c: {"met": True, "reasons": f"Reasons {X}"} for c in ALL_MET}
    story.add(
        "admissibility_determined",
        t["admissibility_determined"],
        data={"outcome": "meets", "criteria": criteria},
        **note,
    )
    story.add("correspondence", **note)
    story.add("response_decided", t["response_decided"], data={"outcome": "request"}, **note)
    story.add(
        "party_responded",
        t["party_responded"],
        author=f"party:{A}",
        data={
            "pending_proceeding": True,
            "proceeding": {"authority": f"Court {X}", "case_number": X, "status": X},
        },
        **note,
    )
    story.add(
        "factual_record_notified",
        t["factual_record_notified"],
        data={"outcome": "warranted"},
        **note,
    )
    story.council(on=t["council_instructed"], **note)
    story.add("information_called", data={"closes_on": "2099-12-31"}, **note)
    story.add(
        "information_submitted",
        data={"name": f"Person {X}", "organization": f"Org {X}", "email": "i@example.org"},
        **note,
    )
    story.case.refresh_from_db()
    return story.case


def check(response, url):
    assert response.status_code == 200, (url, response.status_code)
    body = response.content.decode()
    kind = response["Content-Type"]
    if kind.startswith("application/json"):
        return body
    if kind.startswith("text/csv"):
        return body  # data for a spreadsheet, never rendered as HTML
    assert kind.startswith(
        ("text/html", "application/rss", "application/atom", "application/xml")
    ), (
        url,
        kind,
    )
    for raw in RAW:
        assert raw not in body, (url, body[max(body.find(raw) - 200, 0) : body.find(raw) + 80])
    return body


def test_the_payload_is_escaped_on_every_page_that_shows_it(
    client, officer, a_focal, a_council, auditor
):
    case = xss_case()
    assert case.slug, "the case is on the public docket"
    membership = case.memberships.get()
    public = [
        "/en/",
        "/es/",
        reverse("docket"),
        f"{reverse('docket')}?q=Title",
        reverse("docket_case", kwargs={"slug": case.slug}),
        reverse("docket_feed"),
        reverse("case_feed", kwargs={"slug": case.slug}),
        reverse("docket_export_csv"),
        reverse("api_submissions"),
        reverse("api_submission", kwargs={"slug": case.slug}),
        reverse("information_submit", kwargs={"slug": case.slug}),
        reverse("track", kwargs={"token": membership.tracking_token}),
    ]
    shown = {}
    for url in public:
        shown[url] = check(client.get(url, follow=True), url)
    api = client.get(reverse("api_submission", kwargs={"slug": case.slug}))
    assert api["Content-Type"].startswith("application/json")
    assert api.json()["title"]["en"] == f"Title {X}"  # data, not markup

    staff = [
        (officer, reverse("ws_queue")),
        (officer, reverse("ws_case", kwargs={"pk": case.pk})),
        (officer, reverse("ws_audit", kwargs={"pk": case.pk})),
        (auditor, reverse("ws_case", kwargs={"pk": case.pk})),
        (a_focal, reverse("party_home")),
        (a_focal, reverse("party_case", kwargs={"pk": case.pk})),
        (a_council, reverse("council_home")),
        (a_council, reverse("council_case", kwargs={"pk": case.pk})),
    ]
    for user, url in staff:
        client.force_login(user)
        shown[f"{user.username} {url}"] = check(client.get(url), url)
        client.logout()

    # The payload did reach the pages (escaped), so the checks above had something to find.
    case_page = shown[reverse("docket_case", kwargs={"slug": case.slug})]
    assert ESCAPED in case_page
    assert ESCAPED in shown[f"officer {reverse('ws_case', kwargs={'pk': case.pk})}"]
    assert ESCAPED in shown[reverse("track", kwargs={"token": membership.tracking_token})]
    assert re.search(r"Title &lt;script&gt;", shown[f"officer {reverse('ws_queue')}"])
