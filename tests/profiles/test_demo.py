"""`manage.py seed_demo` under the installed profile: a focal point and a Council member for
each of its Parties, and its own demo cases, every history verifiable."""

from io import StringIO

import pytest
from django.core.management import call_command

from submissions import profiles
from submissions.models import Submission, User
from submissions.roles import Role, roles_of
from workflow.chain import verify_submission

pytestmark = pytest.mark.django_db

# (identifier or receipt, Party, language, stage) of each profile's demo cases.
EXPECTED = {
    "us-peru-tpa": 6,
    "usmca-cec": [
        ("SEM-%s-001", "MX", "es", "awaiting_council"),
        ("SEM-%s-002", "CA", "fr", "awaiting_response"),
        ("SEM-%s-003", "US", "en", "admissibility_review"),
        (None, "CA", "fr", "admissibility_review"),
    ],
}


def test_the_demo_has_accounts_for_every_party_and_its_cases():
    out = StringIO()
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
    year = f"{cases[0].filed_on:%y}"
    assert [(case.identifier, case.party.code, case.language, case.stage) for case in cases] == [
        (identifier and identifier % year, party, language, stage)
        for identifier, party, language, stage in expected
    ]
