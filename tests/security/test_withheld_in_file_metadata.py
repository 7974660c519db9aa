"""Walk 30: a submitter withheld her name, and the files she uploaded still named her to the
public, in a Word file's author (``dc:creator``) and a PDF's ``/Author``. The public download of
any file of such a case now leaves the name out of what the file carries, whatever its type;
the stored file, hashed in the chain, stays as it was."""

import io
import struct
import zipfile
import zlib

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document as Docx

from submissions.models import Document, Submission
from tests.factories import make_filing
from tests.helpers_cases import ALL_MET, public_file, registered
from tests.parties import A, council_members, es
from workflow import services

pytestmark = pytest.mark.django_db

NAME = "Rosa Quispe Mamaní"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _word_file() -> bytes:
    doc = Docx()
    doc.add_paragraph("Pruebas del derrame en el río.")
    doc.core_properties.author = NAME
    doc.core_properties.last_modified_by = NAME
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _pdf() -> bytes:
    """A small PDF whose Info dictionary names her, with a cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        b"<< /Author (" + NAME.encode("cp1252") + b") /Title (Pruebas) >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 3 0 R >>\n".encode()
    return out + f"startxref\n{xref}\n%%EOF\n".encode()


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    author = b"Author\x00" + NAME.encode("latin-1")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"tEXt", author)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def _png_chunks_check(content: bytes) -> bool:
    at = 8
    while at < len(content):
        (length,) = struct.unpack(">I", content[at : at + 4])
        body = content[at + 4 : at + 8 + length]
        (crc,) = struct.unpack(">I", content[at + 8 + length : at + 12 + length])
        if zlib.crc32(body) & 0xFFFFFFFF != crc:
            return False
        at += 12 + length
    return True


def _case_with(filename: str, content: bytes):
    """A registered case whose filing carries one public file, filed by an organization and
    a person who withholds her name."""
    filing = make_filing(
        submitters=[
            services.SubmitterInput(
                kind="organization", name="Asociación Amazónica", nationality=A
            ),
            services.SubmitterInput(kind="individual", name=NAME, nationality=A, confidential=True),
        ]
    )
    case = registered(filing, [public_file("Pruebas", filename, content)])
    document = Document.objects.get(submission=case, event__kind="filed")
    return case, document


def _public(case, document) -> bytes:
    response = Client().get(f"/es/docket/{case.slug}/documents/{document.pk}/")
    assert response.status_code == 200
    return response.getvalue()


def _stored(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def test_a_word_files_author_is_not_served():
    case, document = _case_with("pruebas.docx", _word_file())
    served = _public(case, document)
    archive = zipfile.ZipFile(io.BytesIO(served))
    for part in archive.namelist():
        assert NAME.encode() not in archive.read(part), part
    properties = Docx(io.BytesIO(served)).core_properties
    assert properties.author == es("Nombre reservado a solicitud de la persona interesada")
    assert "Pruebas del derrame en el río." in [p.text for p in Docx(io.BytesIO(served)).paragraphs]
    assert NAME in Docx(io.BytesIO(_stored(document))).core_properties.author  # kept


def test_a_pdfs_author_is_overwritten_and_its_offsets_stay():
    case, document = _case_with("pruebas.pdf", _pdf())
    served, stored = _public(case, document), _stored(document)
    assert NAME.encode("cp1252") in stored
    assert NAME.encode("cp1252") not in served
    assert b"/Author (" + b"X" * len(NAME) + b")" in served
    assert len(served) == len(stored)  # the cross-reference table still points right
    assert served.replace(b"X" * len(NAME), NAME.encode("cp1252")) == stored


def test_a_pngs_text_chunk_is_overwritten_with_valid_checksums():
    case, document = _case_with("foto.png", _png())
    served = _public(case, document)
    assert NAME.encode("latin-1") not in served
    assert _png_chunks_check(served)


def test_a_file_that_does_not_name_her_is_served_as_stored():
    case, document = _case_with("otra.pdf", _pdf().replace(NAME.encode("cp1252"), b"Otra"))
    assert _public(case, document) == _stored(document)


def _opened_to_the_parties_and_the_council(case):
    """The Council sees a case once it is notified, the other Parties once the draft is sent."""
    for kind, data, author in (
        ("admissibility_determined", {"outcome": "meets", "criteria": ALL_MET}, None),
        ("response_decided", {"outcome": "request"}, None),
        ("party_responded", {"pending_proceeding": False}, f"party:{A}"),
        ("factual_record_notified", {"outcome": "warranted"}, None),
        *(("council_instructed", {"party": m}, f"council:{m}") for m in council_members()),
        ("draft_submitted", {}, None),
    ):
        services.record_event(
            case, kind, actor=None, data=data, author=author, importing=services.ImportOptions()
        )


def test_the_party_concerned_is_told_the_public_does_not_see_her_name(a_focal, b_focal, b_council):
    """Walk 31: the Party concerned saw her name with nothing to say the public does not.
    Walk 35: another Party and the Council read it in a title typed with it."""
    case, _document = _case_with("pruebas.pdf", _pdf())
    services.record_event(
        case,
        "correspondence",
        actor=None,
        importing=services.ImportOptions(),
        title=f"Carta a {NAME}",
        note=f"Respuesta a {NAME}.",
        visibility="parties",
        documents_in=[public_file(f"Anexo de {NAME}", "a.pdf", b"%PDF-1.4 a")],
    )
    _opened_to_the_parties_and_the_council(case)
    client = Client()
    client.force_login(b_council)
    page = client.get(reverse("council_case", kwargs={"pk": case.pk})).content.decode()
    label = es("Nombre reservado a solicitud de la persona interesada")  # in the case's language
    assert NAME not in page
    assert f"Carta a {label}" in page and f"Anexo de {label}" in page
    # A case title written with her name before she withheld it (walk 36: the portals' lists
    # and forms still wrote it): the label there too, for those who may not see it.
    Submission.objects.filter(pk=case.pk).update(title_es=f"Tala denunciada por {NAME}")
    for user, urls in (
        (b_council, [reverse("council_home"), reverse("council_case", kwargs={"pk": case.pk})]),
        (b_focal, [reverse("party_home"), reverse("party_comment", kwargs={"pk": case.pk})]),
    ):
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert NAME not in response.content.decode(), url
            assert f"Tala denunciada por {label}" in response.content.decode(), url
    for user, shown in (
        (a_focal, f"Asociación Amazónica; {NAME} "),
        (b_focal, "Asociación Amazónica; Name withheld at the submitter&#x27;s request<"),
    ):
        client = Client()
        client.force_login(user)
        page = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
        assert shown in page, user
        assert ("(name withheld from the public)" in page) is (user == a_focal)
        assert (NAME in page) is (user == a_focal)


def test_in_the_portals_only_the_party_concerned_gets_her_name(a_focal, b_focal, b_council):
    """Walk 32: another Party's focal point and the Council members downloaded her files from
    their portals with her name as their author, while their pages showed the withheld label.
    The Party concerned sees withheld names (PROCESS.md), and gets the file as stored."""
    case, document = _case_with("pruebas.pdf", _pdf())
    _opened_to_the_parties_and_the_council(case)
    stored = _stored(document)
    for user, portal, named in (
        (a_focal, "party", True),
        (b_focal, "party", False),
        (b_council, "council", False),
    ):
        client = Client()
        client.force_login(user)
        url = reverse(f"{portal}_document", kwargs={"pk": case.pk, "document_pk": document.pk})
        response = client.get(url)
        assert response.status_code == 200, user
        served = response.getvalue()
        assert (served == stored) is named, user
        assert (NAME.encode("cp1252") in served) is named, user


def test_a_missing_file_is_not_found_rather_than_an_error():
    case, document = _case_with("pruebas.pdf", _pdf())
    document.file.storage.delete(document.file.name)
    assert Client().get(f"/es/docket/{case.slug}/documents/{document.pk}/").status_code == 404
