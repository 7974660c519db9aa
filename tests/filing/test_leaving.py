"""A co-filer leaves a submission to the others (``submitter_left``, ours: walk 141, where any
co-filer, one who joined by adhesion too, could only withdraw it for everyone)."""

import html
import json
import re

import pytest
from django.test import Client

from notices import emails
from notices.models import Notice
from secretariat.templatetags.sem_text import day
from submissions.models import SubmissionSubmitter, Submitter
from tests.filing.test_tracking import link_of
from tests.helpers_cases import drive
from tests.parties import SLUG, es
from tests.process.test_on_behalf import letter
from workflow import services
from workflow.actors import Actor
from workflow.exceptions import RuleViolation
from workflow.models import Event
from workflow.registry import export_registry

pytestmark = pytest.mark.django_db

LEFT_ONE_ES = {
    "us-peru-tpa": "Remitente que se separó de la comunicación",
    "usmca-cec": "Peticionario que se separó de la petición",
    "cafta-dr": "Peticionario que se separó de la comunicación",
}[SLUG]


def _co_filer(case, name="Julio Ramos", confidential=False):
    other = Submitter.objects.create(
        name=name, kind="individual", email="julio@example.org", confidential=confidential
    )
    SubmissionSubmitter.objects.create(
        submission=case, submitter=other, position=1, joined_on=case.filed_on
    )


def test_a_co_filer_leaves_and_the_others_go_on(client, officer, a_focal):
    case = drive("awaiting_response").case
    _co_filer(case)
    membership, url = link_of(case, position=1, client=client)
    page = " ".join(client.get(url).content.decode().split())
    assert "Leave this submission…" in page
    # The withdrawal's page offers it to one who would rather not withdraw it for all.
    withdraw = client.get(url + "withdraw/").content.decode()
    assert f'href="/en/track/case/{membership.pk}/leave/"' in withdraw

    confirm = client.get(url + "leave/")
    assert confirm.status_code == 200
    unconfirmed = client.post(url + "leave/", {"event_count": case.event_count})
    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm that you leave the submission." in unconfirmed.content.decode()
    assert not Event.objects.filter(submission=case, kind="submitter_left").exists()

    done = client.post(url + "leave/", {"confirm": "on", "event_count": case.event_count})
    assert done.status_code == 302 and done["Location"] == "/en/"
    told = html.unescape(client.get("/en/").content.decode())
    assert f"You have left submission {case.reference}." in told
    left = Event.objects.get(submission=case, kind="submitter_left")
    left_day = day(left.on)
    assert (left.data, left.author, left.visibility) == ({"submitter": 1}, "submitter", "public")
    case.refresh_from_db()
    assert case.stage == "awaiting_response"  # the case goes on
    membership.refresh_from_db()
    assert membership.token_revoked_at is not None
    assert client.get(url).status_code == 404  # the link ends, in this browser too

    # The one who stays is told, the one who left is not; the Secretariat is told.
    assert list(
        Notice.objects.filter(message="submitter_left").values_list("recipient_email", flat=True)
    ) == ["amazonica@example.org"]
    assert Notice.objects.filter(message="leaving_to_staff").exists()
    # Told who left (walk 151: "one of the people who filed it", no name).
    _subject, told, _html = emails.render(Notice.objects.get(message="submitter_left"))
    assert "Quién se separó: Julio Ramos." in told  # she reads Spanish
    # And the one who left, at her address, with no link (walk 149: nothing reached her).
    you_left = Notice.objects.get(message="you_left")
    assert you_left.recipient_email == "julio@example.org"
    assert "membership" not in you_left.context
    # She is now the only submitter: she may withdraw, not leave.
    _own, first = link_of(case, position=0, client=Client())
    stays = Client()
    link_of(case, position=0, client=stays)
    own = stays.get(first).content.decode()
    assert "Leave this submission…" not in own and "Withdraw this submission…" in own
    assert "withdraws it for both of you" not in stays.get(first + "withdraw/").content.decode()

    # Withdrawn now, it was hers alone: her email does not say it was for all (walk 129).
    stays.post(first + "withdraw/", {"confirm": "on", "event_count": case.event_count})
    withdrawn = Notice.objects.get(message="withdrawn")
    assert withdrawn.recipient_email == "amazonica@example.org"
    assert not withdrawn.context["several"]

    # The docket and the case page say who left.
    public = html.unescape(Client().get(f"/en/docket/{case.slug}/").content.decode())
    assert "A submitter left the submission" in public
    assert re.search(r"Who left\s*:\s*Julio Ramos", public)
    # Not "by the submitters" (walk 149): one left, and the line names who.
    assert "left the submission by the submitters" not in " ".join(public.split())
    # Beside the list of submitters, who left and when (walk 149: listed as if still on it).
    assert re.search(r"Submitter who left the submission</dt>\s*<dd>Julio Ramos \(", public)
    # And in the list of those who filed it (walk 154: read as if he were still on it).
    assert re.search(r"Submitters</dt>\s*<dd>Asociación Amazónica; Julio Ramos \(left the", public)
    assert f"Julio Ramos ({left_day})</dd>" in public
    # One who left, in the singular (walk 152: "Se separaron de la comunicación" for one).
    spanish = Client().get(f"/es/docket/{case.slug}/").content.decode()
    assert f"<dt>{LEFT_ONE_ES}</dt>" in html.unescape(spanish)
    assert es("Julio Ramos (se separó de la comunicación)") in html.unescape(spanish)
    assert f"left the submission on {left_day}" in html.unescape(stays.get(first).content.decode())
    staff = Client()
    staff.force_login(officer)
    ws = html.unescape(staff.get(f"/en/secretariat/case/{case.pk}/").content.decode())
    assert re.search(r"Who left\s*:\s*Julio Ramos", ws)
    # The list of submitters says he left, and offers no new link for him; none is sent.
    item = ws.split("<h3>Submitters</h3>", 1)[1].split("</ul>", 1)[0].split("<li>")[2]
    assert f'<a href="#event-{left.seq}">left the submission on' in item
    assert "Email Julio Ramos a new private link" not in item
    url = f"/en/secretariat/case/{case.pk}/submitters/{membership.pk}/tracking-link/"
    refused = staff.post(url, {"action": "reissue", "event_count": case.event_count}, follow=True)
    assert "Julio Ramos left the submission: no new private link is sent." in html.unescape(
        refused.content.decode()
    )
    membership.refresh_from_db()
    assert membership.token_revoked_at is not None
    # The Party concerned's portal says it too (walk 155: listed as if still on it).
    party = Client()
    party.force_login(a_focal)
    portal = " ".join(
        html.unescape(party.get(f"/en/party/cases/{case.pk}/").content.decode()).split()
    )
    assert "Julio Ramos (left the submission)" in portal
    assert re.search(
        r"A submitter left the submission</strong> — [^<]*, Submitter \(Julio Ramos\)", portal
    )


def test_a_withheld_name_stays_withheld_when_its_bearer_leaves(client):
    case = drive("awaiting_response").case
    _co_filer(case, confidential=True)
    _membership, url = link_of(case, position=1, client=client)
    client.post(url + "leave/", {"confirm": "on", "event_count": case.event_count})
    public = html.unescape(Client().get(f"/en/docket/{case.slug}/").content.decode())
    assert "Julio Ramos" not in public
    assert re.search(r"Who left\s*:\s*Name withheld at the submitter's request", public)
    assert re.search(
        r"Submitter who left the submission</dt>\s*<dd>Name withheld at the submitter's request",
        public,
    )
    assert "(left the submission)" not in public  # the label alone: no more said of her
    (item,) = json.loads(export_registry())["submissions"]
    assert {"on": item["events"][-1]["on"], "kind": "submitter_left", "submitter": 1} == {
        k: v for k, v in item["events"][-1].items() if k != "author"
    }


def test_the_last_submitter_withdraws_and_cannot_leave(client):
    case = drive("awaiting_response").case
    _membership, url = link_of(case, client=client)
    page = client.get(url).content.decode()
    assert "Leave this submission…" not in page
    refused = client.get(url + "leave/")
    assert refused.status_code == 302
    told = html.unescape(client.get(refused["Location"]).content.decode())
    # Why, in the guard's words (walk 149: "no longer", with no reason).
    assert "No other submitter goes on with this submission: withdraw it instead." in told
    with pytest.raises(RuleViolation, match="No other submitter goes on"):
        services.record_event(
            case,
            "submitter_left",
            actor=Actor.submitter(case.memberships.get()),
            data={"submitter": 0},
        )


def test_no_one_leaves_twice_and_the_secretariat_records_it_from_a_letter(officer, director):
    case = drive("awaiting_response").case
    _co_filer(case)
    third = Submitter.objects.create(name="Ana Ríos", kind="individual")
    SubmissionSubmitter.objects.create(
        submission=case, submitter=third, position=2, joined_on=case.filed_on
    )

    def leaves(index):
        proposal = services.record_event(
            case, "submitter_left", actor=officer, data={"submitter": index}, documents_in=letter()
        )
        assert proposal.kind == "proposed"  # a record on someone else's behalf: four eyes
        return services.approve_proposal(case, proposal.seq, actor=director)

    assert leaves(2).author == "submitter"
    assert case.memberships.get(position=2).token_revoked_at is not None
    # The workspace's form offers those still on the submission.
    staff = Client()
    staff.force_login(officer)
    page = html.unescape(staff.get(f"/en/secretariat/case/{case.pk}/").content.decode())
    form = page.split('id="action-submitter_left"', 1)[1].split("</form>", 1)[0]
    assert ">Julio Ramos</option>" in form and "Ana Ríos" not in form
    with pytest.raises(RuleViolation, match="already left"):
        leaves(2)
    with pytest.raises(RuleViolation, match="No such submitter"):
        leaves(3)
    # No step of a co-filer's is recorded for one who left (the last note's low: a
    # withdrawal or information naming her).
    for kind in ("information_added", "withdrawn"):
        with pytest.raises(RuleViolation, match="has left the submission: no step is recorded"):
            services.record_event(
                case, kind, actor=None, importing=services.ImportOptions(), data={"submitter": 2}
            )
    leaves(1)
    # Two of three left: the last one stays, and withdraws if she wishes.
    with pytest.raises(RuleViolation, match="No other submitter goes on"):
        leaves(0)


@pytest.mark.parametrize(
    "name, greeting",
    [
        # Walk 151: "Estimado/a Asociación …:" (no link named its membership), and others read
        # "A la atención de Asociación …".
        ("Asociación Río Vivo", "A la atención de la Asociación Río Vivo:"),
        # Walk 163: "A la atención de el Colectivo …"; Spanish contracts "de el" to "del".
        ("Colectivo Agua Limpia", "A la atención del Colectivo Agua Limpia:"),
    ],
)
def test_an_organization_that_leaves_is_greeted_as_one(client, name, greeting):
    case = drive("awaiting_response").case
    other = Submitter.objects.create(
        name=name, kind="organization", email="org@example.org", preferred_language="es"
    )
    SubmissionSubmitter.objects.create(
        submission=case, submitter=other, position=1, joined_on=case.filed_on
    )
    _membership, url = link_of(case, position=1, client=client)
    client.post(url + "leave/", {"confirm": "on", "event_count": case.event_count})
    _subject, text, page = emails.render(Notice.objects.get(message="you_left"))
    assert text.startswith(greeting)
    assert f"<p>{greeting}</p>" in page


def test_el_salvador_is_a_name_not_an_article_to_contract():
    from notices import documents

    assert documents.contracted("de El Salvador", "el Colectivo", "es") == "de El Salvador"


def test_withholding_a_name_says_who_still_reads_it(client):
    """Walk 154: the filing form said only that the Secretariat and the government still see a
    withheld name; those who file with her read it too (workflow.cofilers)."""
    form = html.unescape(Client().get("/es/file/").content.decode())
    assert es("y quienes presentan la comunicación con usted seguirán viéndolo.") in form
    case = drive("awaiting_response").case
    _co_filer(case)
    _membership, url = link_of(case, position=1, client=client)
    page = " ".join(html.unescape(client.get(url).content.decode()).split())
    assert "and those who filed the submission with you still see it." in page
