"""A paper filing's date of receipt: not before the profile's procedure applied (walk 128:
"1999-01-01" was registered as R-1999-000001, "10194 days late")."""

import pytest
from django.urls import reverse
from django.utils import translation

from submissions import profiles
from submissions.dates import long_date
from submissions.models import Submission
from tests.parties import A

pytestmark = pytest.mark.django_db


def _post(client, filed_on):
    with translation.override("es"):
        url = reverse("ws_file")
    return client.post(
        url,
        {
            "party": A,
            "language": "es",
            "title": "Río Rímac",
            "submitter_name": "Ana",
            "submitter_kind": "individual",
            "nationality": A,
            "law": "Ley 28611",
            "filed_on": filed_on,
            "date_reason": "Recibido por correo postal",
        },
    )


def test_a_date_before_the_procedure_applied_is_refused_in_spanish(client, officer):
    client.force_login(officer)
    start = profiles.installed().applies_from
    response = _post(client, "1999-01-01" if start.year > 1999 else "1993-12-31")
    assert response.status_code == 200
    with translation.override("es"):
        day = long_date(start)
    page = response.content.decode()
    assert (
        f"Una presentación no puede tener fecha anterior al {day}, cuando empezó a aplicarse"
        in page
    )
    assert 'value="Río Rímac"' in page  # what was typed is kept
    assert f'min="{start.isoformat()}"' in page
    assert not Submission.objects.exists()


def test_the_first_day_the_procedure_applied_is_accepted(client, officer):
    client.force_login(officer)
    start = profiles.installed().applies_from
    assert _post(client, start.isoformat()).status_code == 302
    assert Submission.objects.get().filed_on == start
