"""`manage.py seed_demo` under the installed profile: a focal point and a Council member for
each of its Parties, and its own demo cases, every history verifiable."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from submissions import profiles
from submissions.models import Submission, User
from submissions.roles import Role, roles_of
from tests.helpers_cases import frozen
from workflow.chain import verify_submission

pytestmark = pytest.mark.django_db
# The demo dates its cases from today: the test runs on one day, so that the identifiers'
# years are known (a case filed 200 days before a day in March is of the year before).
TODAY = datetime.date(2026, 12, 3)

# (identifier or receipt, Party, language, stage) of each profile's demo cases.
EXPECTED = {
    "us-peru-tpa": 6,
    "usmca-cec": [
        ("SEM-26-001", "MX", "es", "awaiting_council"),
        ("SEM-26-002", "CA", "fr", "awaiting_response"),
        ("SEM-26-003", "US", "en", "admissibility_review"),
        (None, "CA", "fr", "admissibility_review"),
        # Filed after SEM-26-002 about the same habitat: the one to consolidate with it.
        ("SEM-26-004", "CA", "en", "admissibility_review"),
    ],
    # One sequence a year across the Parties: the Honduran case, acknowledged 418 days before
    # 3 December 2026 (11 October 2025), is the first of 2025; the three others of 2026.
    "cafta-dr": [
        ("CAALA/25/001", "HN", "es", "factual_record_preparation"),
        ("CAALA/26/001", "GT", "es", "awaiting_response"),
        ("CAALA/26/002", "DO", "es", "awaiting_revision"),
        ("CAALA/26/003", "US", "en", "admissibility_review"),
        (None, "SV", "es", "admissibility_review"),
    ],
}


def test_the_demo_has_accounts_for_every_party_and_its_cases():
    out = StringIO()
    with frozen(TODAY):
        call_command("seed_demo", force=True, stdout=out)
    for code in profiles.installed().codes:
        for suffix, role in (("focal", Role.FOCAL_POINT), ("council", Role.COUNCIL)):
            user = User.objects.get(username=f"{code.lower()}_{suffix}")
            assert role in roles_of(user) and user.party.code == code
            assert f"{code.lower()}_{suffix}" in out.getvalue()
    cases = list(Submission.objects.order_by("id"))
    assert [verify_submission(case) for case in cases] == [None] * len(cases)
    expected = EXPECTED[profiles.installed_slug()]
    if isinstance(expected, int):  # tests/test_seed_demo.py has the default's in detail
        assert len(cases) == expected
        return
    assert [
        (case.identifier, case.party.code, case.language, case.stage) for case in cases
    ] == expected
