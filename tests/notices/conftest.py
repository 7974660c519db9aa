import pytest

from submissions.roles import Role
from tests.factories import UserFactory
from tests.parties import A


@pytest.fixture
def a_focal_es(db):
    """A Spanish-speaking focal point of Party A (tests.parties)."""
    user = UserFactory(username="a_focal_es", role=(Role.FOCAL_POINT, A))
    user.preferred_language = "es"
    user.save()
    return user


@pytest.fixture
def no_four_eyes(settings):
    settings.SEM_FOUR_EYES = False
