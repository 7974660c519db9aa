import pytest

from submissions.roles import Role
from tests.factories import UserFactory


@pytest.fixture
def pe_focal_es(db):
    user = UserFactory(username="pe_focal_es", role=(Role.FOCAL_POINT, "PE"))
    user.preferred_language = "es"
    user.save()
    return user


@pytest.fixture
def no_four_eyes(settings):
    settings.SEM_FOUR_EYES = False
