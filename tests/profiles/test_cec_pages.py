"""The site under ``usmca-cec``: its three languages, its Parties, the provisional notice.

Runs in the usmca-cec pass of ``make test``.
"""

import pytest

from submissions import profiles

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        profiles.installed_slug() != "usmca-cec", reason="runs in the usmca-cec pass of make test"
    ),
]


def test_probe(client):
    for path in ("/fr/", "/fr/docket/", "/fr/file/", "/es/", "/en/docket/"):
        response = client.get(path)
        print(path, response.status_code)
        print(response.content.decode()[:6000])
