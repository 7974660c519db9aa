"""Who may open or press what in the workspace: every URL pattern × every kind of visitor.

The expected codes are written by hand. A pattern added to workflow/urls.py without a row here
fails the first test. Each request runs in a savepoint that is rolled back, so that one
visitor's action (the director approving) does not change what the next one sees.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from secretariat.workspace import urls as workspace_urls
from submissions.storage import DocumentInput
from tests.factories import file_case
from tests.helpers_cases import drive
from workflow import services

pytestmark = pytest.mark.django_db

VISITORS = (
    "anonymous",
    "submitter",
    "officer",
    "director",
    "a_focal",
    "b_focal",
    "a_council",
    "b_council",
    "auditor",
)

# (method, codes per visitor in the order of VISITORS), for a registered (public) case:
# non-staff may see the case on the docket, so the workspace answers 403.
PUBLIC_CASE = {
    "ws_queue": ("get", (302, 302, 200, 200, 403, 403, 403, 403, 200)),
    "ws_file": ("get", (302, 302, 200, 200, 403, 403, 403, 403, 403)),
    "ws_approvals": ("get", (302, 302, 200, 200, 403, 403, 403, 403, 200)),
    "ws_case": ("get", (302, 302, 200, 200, 403, 403, 403, 403, 200)),
    # An empty form: staff see it again with its errors (200); the auditor only reads.
    "ws_action": ("post", (302, 302, 200, 200, 403, 403, 403, 403, 403)),
    "ws_link_related": ("post", (302, 302, 200, 200, 403, 403, 403, 403, 403)),
    "ws_texts": ("post", (302, 302, 200, 200, 403, 403, 403, 403, 403)),
    "ws_document_version": ("post", (302, 302, 200, 200, 403, 403, 403, 403, 403)),
    "ws_approve": ("post", (302, 302, 403, 302, 403, 403, 403, 403, 403)),
    # An empty comment: the director sees the page again with its errors (walk 83).
    "ws_return": ("post", (302, 302, 403, 200, 403, 403, 403, 403, 403)),
    "ws_audit": ("get", (302, 302, 200, 200, 403, 403, 403, 403, 200)),
    "ws_audit_export": ("get", (302, 302, 200, 200, 403, 403, 403, 403, 200)),
    "ws_audit_access_log": ("get", (302, 302, 200, 200, 403, 403, 403, 403, 200)),
    "ws_audit_row_history": ("get", (302, 302, 200, 200, 403, 403, 403, 403, 200)),
    "ws_download": ("get", (302, 302, 200, 200, 403, 403, 403, 403, 200)),
    # An empty form: staff are sent back to the case page with a message.
    "ws_tracking_link": ("post", (302, 302, 302, 302, 403, 403, 403, 403, 403)),
}

# The same routes for a filing not yet acknowledged: nobody outside the Secretariat may know
# it exists, so its pages answer 404 to them (pages not about one case do not change).
PRIVATE_CASE = {
    "ws_queue": ("get", (302, 302, 200, 200, 403, 403, 403, 403, 200)),
    "ws_file": ("get", (302, 302, 200, 200, 403, 403, 403, 403, 403)),
    "ws_approvals": ("get", (302, 302, 200, 200, 403, 403, 403, 403, 200)),
    "ws_case": ("get", (302, 302, 200, 200, 404, 404, 404, 404, 200)),
    "ws_action": ("post", (302, 302, 200, 200, 404, 404, 404, 404, 403)),
    "ws_link_related": ("post", (302, 302, 200, 200, 404, 404, 404, 404, 403)),
    "ws_texts": ("post", (302, 302, 200, 200, 404, 404, 404, 404, 403)),
    "ws_document_version": ("post", (302, 302, 200, 200, 404, 404, 404, 404, 403)),
    "ws_approve": ("post", (302, 302, 403, 302, 404, 404, 404, 404, 403)),
    "ws_return": ("post", (302, 302, 403, 200, 404, 404, 404, 404, 403)),
    "ws_audit": ("get", (302, 302, 200, 200, 404, 404, 404, 404, 200)),
    "ws_audit_export": ("get", (302, 302, 200, 200, 404, 404, 404, 404, 200)),
    "ws_audit_access_log": ("get", (302, 302, 200, 200, 404, 404, 404, 404, 200)),
    "ws_audit_row_history": ("get", (302, 302, 200, 200, 404, 404, 404, 404, 200)),
    "ws_download": ("get", (302, 302, 200, 200, 404, 404, 404, 404, 200)),
    "ws_tracking_link": ("post", (302, 302, 302, 302, 404, 404, 404, 404, 403)),
}


def test_every_workspace_route_is_in_the_matrix():
    names = {pattern.name for pattern in workspace_urls.urlpatterns}
    assert names == set(PUBLIC_CASE) == set(PRIVATE_CASE)


class _Rollback(Exception):
    pass


def _status(client, method, url) -> tuple[int, str]:
    try:
        with transaction.atomic():
            response = getattr(client, method)(url)
            result = response.status_code, response.get("Location", "")
            raise _Rollback
    except _Rollback:
        return result


def _with_proposal_and_document(case, officer):
    services.record_event(
        case,
        "correspondence",
        actor=officer,
        visibility="secretariat",
        documents_in=[
            DocumentInput(
                title="Nota", language="es", file=SimpleUploadedFile("n.pdf", b"%PDF-1.4 n")
            )
        ],
    )
    document = case.documents.get(event__kind="correspondence")
    return document


def _kwargs(name, case, seq, document):
    return {
        "ws_queue": {},
        "ws_file": {},
        "ws_approvals": {},
        "ws_case": {"pk": case.pk},
        "ws_action": {"pk": case.pk, "kind": "correspondence"},
        "ws_link_related": {"pk": case.pk},
        "ws_texts": {"pk": case.pk},
        "ws_document_version": {"pk": case.pk},
        "ws_approve": {"pk": case.pk, "seq": seq},
        "ws_return": {"pk": case.pk, "seq": seq},
        "ws_audit": {"pk": case.pk},
        "ws_audit_export": {"pk": case.pk},
        "ws_audit_access_log": {"pk": case.pk},
        "ws_audit_row_history": {"pk": case.pk},
        "ws_download": {"pk": case.pk, "document_pk": document.pk},
        "ws_tracking_link": {"pk": case.pk, "membership_pk": case.memberships.first().pk},
    }[name]


def _clients(users, case):
    clients = {"anonymous": Client()}
    submitter = Client()
    token = case.memberships.first().tracking_token
    submitter.get(f"/en/track/{token}/")  # the submitter's private link, then the workspace
    clients["submitter"] = submitter
    for name, user in users.items():
        client = Client()
        client.force_login(user)
        clients[name] = client
    return clients


def _run(matrix, case, seq, document, users):
    clients = _clients(users, case)
    found = {}
    for name, (method, _codes) in matrix.items():
        url = reverse(name, kwargs=_kwargs(name, case, seq, document))
        codes = []
        for visitor in VISITORS:
            code, location = _status(clients[visitor], method, url)
            if visitor in ("anonymous", "submitter"):
                assert "/accounts/login/" in location, (name, visitor, location)
            codes.append(code)
        found[name] = (method, tuple(codes))
    return found


@pytest.fixture
def users(officer, director, a_focal, b_focal, a_council, b_council, auditor):
    return {
        "officer": officer,
        "director": director,
        "a_focal": a_focal,
        "b_focal": b_focal,
        "a_council": a_council,
        "b_council": b_council,
        "auditor": auditor,
    }


def test_matrix_on_a_registered_case(users, officer):
    case = drive("response_decision").case  # about Party A, on the public docket
    document = _with_proposal_and_document(case, officer)
    proposal = services.record_event(
        case, "response_decided", actor=officer, data={"outcome": "request"}
    )
    assert proposal.kind == "proposed"
    assert _run(PUBLIC_CASE, case, proposal.seq, document, users) == PUBLIC_CASE


def test_matrix_on_a_filing_not_yet_acknowledged(users, officer):
    case = file_case(actor=officer)
    document = _with_proposal_and_document(case, officer)
    proposal = services.record_event(
        case, "closed", actor=officer, data={"reason": "not_a_submission"}
    )
    assert proposal.kind == "proposed"
    assert _run(PRIVATE_CASE, case, proposal.seq, document, users) == PRIVATE_CASE
