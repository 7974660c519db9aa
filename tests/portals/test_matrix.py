"""Acceptance 1: every route of the portals and of account management, for every role, with
the status code written by hand. A route added without a row here fails the first test."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from secretariat.accounts import urls as account_urls
from secretariat.portals import urls as portal_urls
from submissions.models import Document
from submissions.storage import DocumentInput
from tests.helpers_cases import drive
from tests.parties import SLUG, A
from tests.portals.conftest import stored_pdf

USERS = [
    "anonymous",
    "officer",
    "director",
    "a_focal",
    "b_focal",
    "a_council",
    "b_council",
    "auditor",
]


def codes(*values):
    assert len(values) == len(USERS)
    return dict(zip(USERS, values, strict=True))


L = "login"  # a redirect to the sign-in page
# A case of Party A awaiting A's response: only A's focal points; staff may see, not act here.
PARTY_AW = codes(L, 403, 403, 200, 404, 404, 404, 403)
# A case notified to the Council: A's focal points see it (not here), B's do not.
COUNCIL_AC = codes(L, 403, 403, 403, 404, 200, 200, 403)

# url name -> (case, method, codes)
MATRIX = {
    # The notices' emails link here; each account goes on to its own portal.
    "portal": (None, "get", codes(L, 403, 403, 302, 302, 302, 302, 403)),
    # Their links to one case: on to that case in the account's own portal (which decides).
    "portal_case": ("aw", "get", codes(L, 403, 403, 302, 302, 302, 302, 403)),
    "party_home": (None, "get", codes(L, 403, 403, 200, 200, 403, 403, 403)),
    "party_case": ("aw", "get", PARTY_AW),
    "party_respond": ("aw", "get", PARTY_AW),
    # The 45 days for the response are long past (no frozen date here): the workflow no longer
    # offers the extension, so its form sends Party A back to the case with the reason.
    "party_extension": ("aw", "get", codes(L, 403, 403, 302, 404, 404, 404, 403)),
    "party_correspondence": ("aw", "get", PARTY_AW),
    # Supplemental information follows the response (the CEC's step): not offered while the
    # response is awaited, so its form sends Party A back to the case with the reason. Under
    # a profile without the step the page does not exist (walk 97: "not at this stage").
    "party_supplement": (
        "aw",
        "get",
        {
            "us-peru-tpa": codes(L, 403, 403, 404, 404, 404, 404, 403),
            "usmca-cec": codes(L, 403, 403, 302, 404, 404, 404, 403),
            "cafta-dr": codes(L, 403, 403, 404, 404, 404, 404, 403),
        }[SLUG],
    ),
    "party_document": ("aw", "get", PARTY_AW),
    "party_receipt": ("aw", "get", PARTY_AW),
    "party_receipt_document": ("aw", "get", PARTY_AW),
    # Both Parties comment on a draft; Council members see the draft but do not comment.
    "party_comment": ("dc", "get", codes(L, 403, 403, 200, 200, 403, 403, 403)),
    "council_home": (None, "get", codes(L, 403, 403, 403, 403, 200, 200, 403)),
    "council_case": ("ac", "get", COUNCIL_AC),
    "council_instruct": ("ac", "get", COUNCIL_AC),
    # A vote against is a step of profiles that add it (profiles.COUNCIL_VOTES, the CEC's), not
    # of the TPA: there the page does not exist.
    "council_decline": (
        "ac",
        "get",
        {
            "us-peru-tpa": codes(L, 403, 403, 403, 404, 404, 404, 403),
            "usmca-cec": codes(L, 403, 403, 403, 404, 200, 200, 403),
            "cafta-dr": codes(L, 403, 403, 403, 404, 404, 404, 403),
        }[SLUG],
    ),
    # Publication is offered once the final factual record is submitted (before, the page
    # sends the member back to the case).
    "council_publish": ("ff", "get", codes(L, 403, 403, 403, 403, 200, 200, 403)),
    "council_document": ("ac", "get", COUNCIL_AC),
    # After the draft both Parties see the case; recommendations come once the record is final.
    "council_recommend": ("ff", "get", codes(L, 403, 403, 403, 403, 200, 200, 403)),
    # Party A's member's instruction: B's member sees the case but not a receipt in A's name.
    "council_receipt": ("ff", "get", codes(L, 403, 403, 403, 403, 200, 404, 403)),
    "council_receipt_document": ("ff", "get", codes(L, 403, 403, 403, 403, 200, 404, 403)),
    "account_list": (None, "get", codes(L, 200, 200, 403, 403, 403, 403, 200)),
    "account_activity": (None, "get", codes(L, 200, 200, 403, 403, 403, 403, 200)),
    # Only the Executive Director invites (an officer could invite an address of their own).
    "account_invite": (None, "get", codes(L, 403, 200, 403, 403, 403, 403, 403)),
    "account_deactivate": ("invitee", "post", codes(L, 302, 302, 403, 403, 403, 403, 403)),
    "account_resend": ("invitee", "post", codes(L, 302, 302, 403, 403, 403, 403, 403)),
    # The one-time link is for whoever holds it: it moves the token into the session.
    "account_set_password": ("invitee", "get", codes(302, 302, 302, 302, 302, 302, 302, 302)),
    "account_password_set": (None, "get", codes(200, 200, 200, 200, 200, 200, 200, 200)),
}


def _names(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.name


def test_every_route_is_in_the_matrix():
    names = list(_names(portal_urls.urlpatterns)) + list(_names(account_urls.urlpatterns))
    assert len(names) == len(set(names))
    assert set(names) == set(MATRIX)


def _case(kind):
    if kind == "aw":
        story = drive("response_decision")
        story.add(
            "information_added",
            author="submitter",
            visibility="party_concerned",
            documents_in=[
                DocumentInput("Anexo confidencial", "es", stored_pdf(), "party_concerned", "annex")
            ],
        )
        story.add("response_decided", data={"outcome": "request"})
        receipt = story.add("correspondence", author=f"party:{A}", title="Carta")
        return story.case, {"seq": receipt.seq}
    if kind == "ac":
        story = drive("awaiting_council")
        story.add(
            "correspondence",
            visibility="parties",
            documents_in=[DocumentInput("Letter", "en", stored_pdf(), "parties")],
        )
        return story.case, {}
    if kind == "dc":
        return drive("draft_comment_period").case, {}
    story = drive("final_factual_record")
    instructed = story.case.events.get(kind="council_instructed", author=f"council:{A}")
    return story.case, {"seq": instructed.seq}


def _kwargs(name, case_kind, request):
    if case_kind is None:
        return {}
    if case_kind == "invitee":
        from secretariat.accounts.views import invite

        director = request.getfixturevalue("director")
        invitee = invite(
            email="new@minam.gob.pe",
            first_name="Ana",
            last_name="Quispe",
            role="party_focal_point",
            party=A,
            language="es",
            actor=director,
        )
        if name == "account_set_password":
            return {
                "uidb64": urlsafe_base64_encode(force_bytes(invitee.pk)),
                "token": default_token_generator.make_token(invitee),
            }
        return {"pk": invitee.pk}
    case, extra = _case(case_kind)
    kwargs = {"pk": case.pk}
    if name.endswith("_document") and "receipt" not in name:
        document = Document.objects.filter(submission=case, file__gt="").latest("id")
        kwargs["document_pk"] = document.pk
    elif "receipt" in name:
        kwargs["seq"] = extra["seq"]
    return kwargs


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(name, client, request, db):
    from django.urls import reverse

    case_kind, method, expected = MATRIX[name]
    users = {u: request.getfixturevalue(u) for u in USERS if u != "anonymous"}
    url = reverse(name, kwargs=_kwargs(name, case_kind, request))
    got = {}
    for who in USERS:
        client.logout()
        if who != "anonymous":
            client.force_login(users[who])
        response = getattr(client, method)(url)
        code = response.status_code
        if code == 302 and response["Location"].startswith("/en/accounts/login/"):
            code = L
        got[who] = code
    assert got == expected
