import pytest

from tests.helpers_cases import drive


@pytest.fixture
def review_case(db):
    """An acknowledged case in admissibility review."""
    return drive("admissibility_review").case
