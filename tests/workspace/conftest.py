import pytest

from tests.factories import file_case
from tests.helpers_cases import drive


@pytest.fixture
def login(client):
    """A client signed in as ``user``."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def new_case(officer):
    """A Spanish filing about Party A (tests.parties) recorded today, not yet acknowledged."""
    return file_case(actor=officer)


@pytest.fixture
def review_case(db):
    """An acknowledged case in admissibility review."""
    return drive("admissibility_review").case
