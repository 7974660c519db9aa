"""The workspace shows what each Party and Council member did, and when (issue 6)."""

from django.urls import reverse

from tests.helpers_cases import D, drive, frozen
from tests.parties import A
from tests.portals.test_party import respond_post


def test_the_case_page_shows_the_partys_response_with_who_and_when(client, a_focal, officer):
    case = drive("awaiting_response", party=A).case
    client.force_login(a_focal)
    with frozen(D(2023, 6, 10)):
        response = client.post(
            reverse("party_respond", kwargs={"pk": case.pk}),
            respond_post(
                case,
                pending_proceeding="yes",
                proceeding_authority="Corte Superior de Loreto",
                proceeding_case_number="00123-2022",
                proceeding_status="En trámite",
            ),
        )
    assert response.status_code == 302
    client.force_login(officer)
    body = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    section = body.split("Actions of the Parties and the Council", 1)[1].split("</table>", 1)[0]
    assert "a_focal" in section
    assert "Corte Superior de Loreto" in section


def test_staff_and_portal_users_find_their_pages_in_the_navigation(client, officer, a_focal):
    client.force_login(officer)
    nav = client.get("/en/").content.decode()
    assert reverse("ws_queue") in nav and reverse("account_list") in nav
    client.force_login(a_focal)
    nav = client.get("/en/").content.decode()
    assert reverse("portal") in nav and reverse("ws_queue") not in nav
