"""Atom feed dates: ``published`` is the event's own date, ``updated`` when it was recorded
(issue 14, acceptance 4): an imported 2018 history does not pose as news of today."""

import datetime

import pytest
from lxml import etree

from tests.helpers_cases import frozen
from tests.parties import SLUG, A, identifier, slug
from workflow.registry import import_registry

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
# A legacy registry's case of Party A (TPA: SACA-SEEM/PE/001/2018; CEC: SACA-SEEM-18-001;
# CAFTA-DR: SACA-SEEM/18/001).
LEGACY_ID = identifier(A, 1, 2018, prefix="SACA-SEEM")
# The seat's offset from UTC on 5 March 2018 and on 2 May 2024: America/New_York for the TPA,
# America/Toronto for the CEC (UTC-5, then UTC-4 in summer time), America/Guatemala for
# CAFTA-DR (UTC-6 all year, no summer time).
MARCH_2018, MAY_2024 = {
    "us-peru-tpa": ("-05:00", "-04:00"),
    "usmca-cec": ("-05:00", "-04:00"),
    "cafta-dr": ("-06:00", "-06:00"),
}[SLUG]


def legacy() -> dict:
    return {
        "format": "sem-registry/1",
        "profile": SLUG,
        "submissions": [
            {
                "identifier": LEGACY_ID,
                "party": A,
                "language": "es",
                "title": {"es": "Relaves en el río Rímac", "en": "Tailings in the Rímac"},
                "summary": {"es": "Vertido de relaves.", "en": "Tailings dumped."},
                "laws": ["Ley General del Ambiente (Ley N.° 28611)"],
                "submitters": [
                    {
                        "name": "Vecinos del Rímac",
                        "kind": "organization",
                        "country": A,
                        "confidential": False,
                    }
                ],
                "events": [
                    {"on": "2018-03-05", "kind": "filed"},
                    {"on": "2018-03-09", "kind": "acknowledged"},
                ],
            }
        ],
    }


def entries(client, url) -> dict:
    root = etree.fromstring(client.get(url).content)
    return {
        entry.find(f"{ATOM}title").text: (
            entry.find(f"{ATOM}published").text,
            entry.find(f"{ATOM}updated").text,
        )
        for entry in root.findall(f"{ATOM}entry")
    }, root.find(f"{ATOM}updated").text


@pytest.mark.parametrize(
    "url", ["/en/docket/feed/", f"/en/docket/{slug(A, 1, 2018, prefix='SACA-SEEM')}/feed/"]
)
def test_an_imported_2018_event_is_published_in_2018_and_updated_when_imported(client, url):
    with frozen(datetime.date(2024, 5, 2), hour=15):
        assert import_registry(legacy()).ok
    found, feed_updated = entries(client, url)
    # Midnight of the event's date at the seat (see MARCH_2018).
    assert found == {
        f"{LEGACY_ID}: Submission filed": (
            f"2018-03-05T00:00:00{MARCH_2018}",
            f"2024-05-02T15:00:00{MAY_2024}",
        ),
        f"{LEGACY_ID}: Acknowledgement of receipt": (
            f"2018-03-09T00:00:00{MARCH_2018}",
            f"2024-05-02T15:00:00{MAY_2024}",
        ),
    }
    # The feed itself was last updated when the history was recorded.
    assert feed_updated == f"2024-05-02T15:00:00{MAY_2024}"
