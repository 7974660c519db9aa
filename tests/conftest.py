import os

import pytest
from django.db import connection

from submissions.roles import Role
from tests.factories import UserFactory
from tests.parties import OTHERS, A, B

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests skip, with the reason shown, on SQLite; the CI PostgreSQL pass
    runs them (and fails if one skips there: see .ci/run)."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" in engine:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: runs in the CI PostgreSQL pass")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _english_by_default():
    """Django leaves the last request's language active in the thread: start every test in
    English, and tests that want Spanish say so."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(scope="session", autouse=True)
def _remove_test_media():
    """The test settings make a fresh media folder per process; remove it afterwards."""
    import shutil

    from django.conf import settings

    yield
    if "sem-test-media-" in str(settings.MEDIA_ROOT):
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _reference_data(request):
    """The Parties and groups every installation has (a data migration writes them), in every
    test that uses the database. Transactional tests flush the database, data migrations
    included, and a test that runs after one in the same process (pytest-xdist's scheduling does
    not keep pytest-django's order) would otherwise find no Party."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if marker is None and not names & {"db", "transactional_db", "live_server"}:
        return
    transactional = bool(
        names & {"transactional_db", "live_server"}
        or (marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.contrib.auth.models import Group

    from submissions.models import Party
    from submissions.reference import ensure_reference_data

    if transactional or not Party.objects.exists():
        ensure_reference_data(Party, Group)


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", role=Role.OFFICER)


@pytest.fixture
def officer2(db):
    return UserFactory(username="officer2", role=Role.OFFICER)


@pytest.fixture
def director(db):
    return UserFactory(username="director", role=Role.DIRECTOR)


@pytest.fixture
def a_focal(db):
    """The focal point of Party A (tests.parties: Peru under the TPA, Mexico under the CEC)."""
    return UserFactory(username="a_focal", role=(Role.FOCAL_POINT, A))


@pytest.fixture
def b_focal(db):
    return UserFactory(username="b_focal", role=(Role.FOCAL_POINT, B))


@pytest.fixture
def a_council(db):
    return UserFactory(username="a_council", role=(Role.COUNCIL, A))


@pytest.fixture
def b_council(db):
    return UserFactory(username="b_council", role=(Role.COUNCIL, B))


@pytest.fixture
def other_focals(db):
    """The focal points of the Parties other than A and B (none under the TPA)."""
    return [
        UserFactory(username=f"{code.lower()}_focal", role=(Role.FOCAL_POINT, code))
        for code in OTHERS
    ]


@pytest.fixture
def other_councils(db):
    """The Council members of the Parties other than A and B (none under the TPA)."""
    return [
        UserFactory(username=f"{code.lower()}_council", role=(Role.COUNCIL, code))
        for code in OTHERS
    ]


@pytest.fixture
def auditor(db):
    return UserFactory(username="auditor", role=Role.AUDITOR)


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider")
