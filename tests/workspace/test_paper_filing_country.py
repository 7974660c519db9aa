"""The paper-filing form takes a country as the public form does (secretariat.web.countries):
a name from the list in the page's language, a nationality as people write it, or a code.
Staff were asked for a two-letter code."""

import pytest
from django.urls import reverse
from django.utils import translation

from submissions.models import Submitter
from tests.parties import SLUG, A, name

pytestmark = pytest.mark.django_db


def _post(client, nationality):
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
            "nationality": nationality,
            "law": "Ley 28611",
            "filed_on": "2023-06-10",
            "date_reason": "Recibido por correo postal",
        },
    )


def test_the_form_offers_the_country_list_and_asks_for_no_code(client, officer):
    client.force_login(officer)
    with translation.override("es"):
        page = client.get(reverse("ws_file")).content.decode()
    assert '<datalist id="countries">' in page and f'value="{name(A, "es")}"' in page
    assert 'list="countries"' in page
    assert "dos letras" not in page


# Party A as staff type it: a nationality, a name, a code.
TYPED = {
    "us-peru-tpa": ["Peruana", "Perú", "PE"],
    "usmca-cec": ["Mexicana", "México", "MX"],
    "cafta-dr": ["Guatemalteca", "Guatemala", "GT"],
}[SLUG]
# The error's example: a Party of the profile.
UNKNOWN = {
    "us-peru-tpa": "Elija un país de la lista (por ejemplo, Perú).",
    "usmca-cec": "Elija un país de la lista (por ejemplo, Canadá).",
    "cafta-dr": "Elija un país de la lista (por ejemplo, Costa Rica).",
}[SLUG]


@pytest.mark.parametrize("typed", TYPED)
def test_a_country_is_a_name_a_nationality_or_a_code(client, officer, typed):
    client.force_login(officer)
    assert _post(client, typed).status_code == 302
    assert Submitter.objects.get().nationality == A


def test_an_unknown_country_is_refused_in_words(client, officer):
    client.force_login(officer)
    page = _post(client, "Atlántida").content.decode()
    assert UNKNOWN in page
    assert not Submitter.objects.exists()
