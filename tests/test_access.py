"""The one access module: what each role sees of a case, and the public gate."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from submissions import access, published
from submissions.models import Document, Submission
from submissions.stages import Visibility as V
from tests.factories import file_case
from tests.parties import OTHERS, A, B, members_needed
from workflow import services

D = datetime.date
IMPORT = services.ImportOptions


def record(case, kind, on, **kwargs):
    return services.record_event(case, kind, actor=None, on=on, importing=IMPORT(), **kwargs)


@pytest.fixture
def a_case(db):
    """A case concerning Party A (tests.parties), filed by a submitter whose name is withheld."""
    case = file_case(
        party=A,
        on=D(2024, 1, 2),
        submitters=[
            services.SubmitterInput(
                kind="individual", name="Rosa Quispe", nationality=A, confidential=True
            )
        ],
    )
    return case


def advance_to_request(case):
    record(case, "acknowledged", D(2024, 1, 3))
    record(case, "admissibility_determined", D(2024, 1, 20), data={"outcome": "meets"})
    record(case, "response_decided", D(2024, 2, 1), data={"outcome": "request"})
    return Submission.objects.get(pk=case.pk)


def levels(user, case, membership=None):
    return access.visible_levels(user, Submission.objects.get(pk=case.pk), membership)


def test_an_unregistered_case_is_visible_to_staff_and_its_submitters_only(
    a_case, officer, director, auditor, a_focal, a_council, outsider
):
    anonymous = AnonymousUser()
    membership = a_case.memberships.get()
    assert levels(anonymous, a_case) == frozenset()
    assert levels(outsider, a_case) == frozenset()
    assert levels(a_focal, a_case) == frozenset()
    assert levels(a_council, a_case) == frozenset()
    assert levels(officer, a_case) == access.ALL_LEVELS
    assert levels(director, a_case) == access.ALL_LEVELS
    assert levels(auditor, a_case) == access.ALL_LEVELS
    assert levels(anonymous, a_case, membership) == {V.PUBLIC, V.SUBMITTER}
    with pytest.raises(Http404):
        access.get_submission_for_user(anonymous, Submission.objects.all(), pk=a_case.pk)
    assert access.get_submission_for_user(officer, Submission.objects.all(), pk=a_case.pk) == a_case


def test_a_revoked_tracking_link_sees_nothing_private(a_case):
    membership = a_case.memberships.get()
    membership.token_revoked_at = datetime.datetime(2024, 1, 5, tzinfo=datetime.UTC)
    assert levels(AnonymousUser(), a_case, membership) == frozenset()


def test_the_party_concerned_gains_access_when_the_request_is_delivered(
    a_case, a_focal, b_focal, a_council, b_council
):
    record(a_case, "acknowledged", D(2024, 1, 3))
    # Registered: the public level only, for everyone outside the Secretariat.
    for user in (a_focal, b_focal, a_council):
        assert levels(user, a_case) == {V.PUBLIC}
    case = _continue_to_request(a_case)
    a_focal._sem_case_ids = None
    assert levels(a_focal, case) == {V.PUBLIC, V.PARTIES, V.PARTY_CONCERNED}
    assert levels(b_focal, case) == {V.PUBLIC}
    assert levels(a_council, case) == {V.PUBLIC}
    assert list(access.staff_submissions(a_focal)) == [case]
    assert list(access.staff_submissions(b_focal)) == []
    assert access.shows_identity(a_focal, case)
    assert not access.shows_identity(b_focal, case)


def _continue_to_request(case):
    record(case, "admissibility_determined", D(2024, 1, 20), data={"outcome": "meets"})
    record(case, "response_decided", D(2024, 2, 1), data={"outcome": "request"})
    return Submission.objects.get(pk=case.pk)


def test_the_council_and_the_other_party_see_parties_material_later(
    a_case, a_focal, b_focal, a_council, b_council
):
    case = advance_to_request(a_case)
    record(case, "party_responded", D(2024, 3, 1), author=f"party:{A}")
    record(case, "factual_record_notified", D(2024, 3, 20), data={"outcome": "warranted"})
    for user in (a_council, b_council):
        assert levels(user, case) == {V.PUBLIC, V.PARTIES}
        assert not access.shows_identity(user, case)
    assert levels(b_focal, case) == {V.PUBLIC}
    # The Council's instruction: B's member (and, under the CEC, another one's).
    for member in ((B,) + OTHERS)[: members_needed()]:
        record(case, "council_instructed", D(2024, 4, 1), data={"party": member})
    record(case, "draft_submitted", D(2024, 6, 1))
    b_focal._sem_case_ids = None
    assert levels(b_focal, case) == {V.PUBLIC, V.PARTIES}  # never party_concerned
    assert levels(a_focal, case) == {V.PUBLIC, V.PARTIES, V.PARTY_CONCERNED}


def test_withheld_names_are_replaced_for_the_public(a_case, officer):
    submitter = a_case.memberships.get().submitter
    assert access.submitter_name(submitter, show_identity=False) == (
        "Name withheld at the submitter's request"
    )
    assert access.submitter_name(submitter, show_identity=True) == "Rosa Quispe"
    assert access.shows_identity(officer, a_case)
    assert access.shows_identity(AnonymousUser(), a_case, a_case.memberships.get())
    assert not access.shows_identity(AnonymousUser(), a_case)


def test_the_public_gate_filters_cases_events_and_documents(a_case, db):
    spam = file_case(on=D(2024, 1, 2))
    record(spam, "closed", D(2024, 1, 3), data={"reason": "not_a_submission"})
    record(a_case, "acknowledged", D(2024, 1, 3))
    record(
        a_case,
        "correspondence",
        D(2024, 1, 4),
        visibility=V.SUBMITTER,
        documents_in=[services.DocumentInput(title="Privada", language="es")],
    )
    record(
        a_case,
        "correspondence",
        D(2024, 1, 5),
        documents_in=[
            services.DocumentInput(title="Pública", language="es"),
            services.DocumentInput(
                title="Confidencial", language="es", visibility=V.PARTY_CONCERNED
            ),
        ],
    )
    assert list(access.public_submissions()) == [Submission.objects.get(pk=a_case.pk)]
    public_kinds = set(access.public_events(a_case.events.all()).values_list("kind", flat=True))
    assert public_kinds == {"filed", "acknowledged", "correspondence"}
    assert access.public_events(spam.events.all()).count() == 0
    titles = set(access.public_documents(Document.objects.all()).values_list("title", flat=True))
    assert titles == {"Pública"}
    # The case page's way to the same documents, from the public timeline it already has.
    timeline = published.public_timeline(a_case.events.order_by("seq"))
    of_timeline = published.public_documents_of(timeline).values_list("title", flat=True)
    assert set(of_timeline) == titles
    submitter_view = access.visible_documents(Document.objects.all(), {V.PUBLIC, V.SUBMITTER})
    assert set(submitter_view.values_list("title", flat=True)) == {"Pública", "Privada"}


def test_roles_come_from_groups(officer, director, a_focal, a_council, auditor, outsider):
    from submissions.roles import Role

    assert access.roles_of(officer) == {Role.OFFICER}
    assert access.is_secretariat(officer) and not access.is_director(officer)
    assert access.is_director(director) and access.is_secretariat(director)
    assert access.roles_of(a_focal) == {Role.FOCAL_POINT}
    assert access.party_of(a_focal) == A
    assert access.roles_of(a_council) == {Role.COUNCIL}
    assert access.is_auditor(auditor) and not access.is_secretariat(auditor)
    assert access.roles_of(outsider) == frozenset()
    assert access.roles_of(AnonymousUser()) == frozenset()
    outsider.is_active = False
    assert access.roles_of(outsider) == frozenset()


def test_an_auditor_reads_but_may_not_act(a_case, auditor):
    from workflow.exceptions import NotAllowed

    assert levels(auditor, a_case) == access.ALL_LEVELS
    with pytest.raises(NotAllowed):
        services.record_event(a_case, "acknowledged", actor=auditor)
