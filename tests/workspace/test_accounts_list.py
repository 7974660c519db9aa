"""The accounts list on a phone: its table stacks like the queue's, each row headed by the
account's name and every other cell naming its column (data-label, static/css/site.css). The
widths themselves are measured in Chromium (tests/browser/test_phone_widths.py)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_accounts_table_stacks_on_a_phone(login, director, a_focal):
    html = login(director).get(reverse("account_list")).content.decode()
    table = re.search(r'<table class="[^"]*\bstack-table\b[^"]*">(.*?)</table>', html, re.S)
    assert table, "the accounts table is not a stack-table"
    body = re.search(r"<tbody>(.*?)</tbody>", table[1], re.S)[1]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    assert len(rows) >= 2
    for row in rows:
        assert re.match(r'\s*<th scope="row">', row), row
        cells = re.findall(r"<td([^>]*)>", row)
        assert len(cells) >= 5, row
        assert all('data-label="' in attrs for attrs in cells), row
    assert 'data-label="Last sign-in"' in body
    # A row with no action says so (walk 80: "Actions:" and nothing, on the phone's card).
    for row in rows:
        actions = re.search(r'<td data-label="Actions">(.*?)</td>', row, re.S)[1]
        assert "<button" in actions or actions.strip() == "—", row
    assert any(re.search(r'<td data-label="Actions">\s*—\s*</td>', row, re.S) for row in rows), (
        "every row has an action: the test needs one without"
    )
