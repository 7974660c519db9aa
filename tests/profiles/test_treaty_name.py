"""What a profile's treaty is called in Spanish. The TPA is an *Acuerdo* (de Promoción
Comercial); the USMCA is the *Tratado* entre México, Estados Unidos y Canadá and CAFTA-DR the
*Tratado* de Libre Comercio: a walk read "registro público del Acuerdo" on CAFTA-DR's privacy
page, beside "Tratado" on every other page. The NAAEC (the CEC's earlier text) and the
Environmental Cooperation Agreement keep their own names."""

import html
import re

import pytest
from django.utils import translation

from submissions import profiles

pytestmark = pytest.mark.django_db

SLUG = profiles.installed_slug()
OTHER_AGREEMENTS = r"(?! de Cooperación Ambiental| de Promoción Comercial)"


@pytest.mark.parametrize("path", ["/es/", "/es/privacy/", "/es/about/", "/es/open-data/"])
def test_the_spanish_pages_call_the_treaty_by_its_own_word(client, path):
    with translation.override("es"):
        page = html.unescape(re.sub(r"<[^>]+>", " ", client.get(path).content.decode()))
    page = " ".join(page.split())
    if SLUG == "us-peru-tpa":
        assert "Tratado" not in page
    else:
        assert not re.search(r"\bAcuerdo\b" + OTHER_AGREEMENTS, page), re.findall(
            r".{60}\bAcuerdo\b.{60}", page
        )
