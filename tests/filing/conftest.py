import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.parties import A

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 200


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The rate limit counts in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


def pdf(name="evidence.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def filing_data(**overrides):
    """A complete, valid submission form (prefixes f- and s0-…s3-): an organization of Party
    ``A`` (tests.parties) files about ``A``."""
    data = {
        "s0-kind": "organization",
        "s0-name": "Asociación Amazónica",
        "s0-nationality": A,
        "s0-residence": "",
        "s0-postal_address": "Jr. Lima 123, Iquitos",
        "s0-email": "amazonica@example.org",
        "s0-phone": "",
        "s0-preferred_language": "es",
        "f-party": A,
        "f-language": "es",
        "f-title": "Tala ilegal en Loreto",
        "f-law_0_name": "Ley Forestal y de Fauna Silvestre (Ley N.° 29763)",
        "f-law_0_provisions": "Art. 2",
        "f-facts": "Se tala sin permiso en la cuenca del Nanay desde 2022.",
        "f-authorities_communication": "Carta al SERFOR del 3 de marzo de 2023.",
        "f-relies_on_media_only": "no",
        "f-declaration": "on",
        "f-website": "",
    }
    for i in (1, 2, 3):
        data[f"s{i}-preferred_language"] = "es"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
