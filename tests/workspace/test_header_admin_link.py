"""The header links to the admin site only for an account that can see something there: a
walk in the running app found the officer's "Administration" link opening a page that said
"you have no permission to view or edit anything"."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db


def _header(user) -> str:
    client = Client()
    client.force_login(user)
    page = client.get("/en/").content.decode()
    return page[: page.index("</header>")]


def test_a_staff_account_with_nothing_to_administer_gets_no_admin_link(officer):
    officer.is_staff = True
    officer.save(update_fields=["is_staff"])
    assert '/admin/"' not in _header(officer)


def test_a_superuser_gets_the_admin_link():
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw-x-12345!")
    assert 'href="/en/admin/"' in _header(admin)
