"""The home page, the layout every page shares, the language switch, sign-in and error pages."""

import datetime
import re

import pytest
from django.template import loader
from django.test import Client
from django.utils import translation

from submissions.models import Submission
from tests.factories import file_case
from tests.parties import SLUG, A, es, identifier
from workflow import services

SPANISH_SENTENCE = es("Cualquier persona de una Parte puede presentar una comunicación.")
ENGLISH_SENTENCE = "Any person of a Party may file a submission."
# The Secretariat's name in Spanish.
SECRETARIAT_ES = {
    "us-peru-tpa": "Secretaría para Asuntos de Cumplimiento Ambiental",
    "usmca-cec": "Secretariado de la Comisión para la Cooperación Ambiental",
    "cafta-dr": "Secretaría de Asuntos Ambientales",
}[SLUG]


@pytest.fixture(autouse=True)
def _english_afterwards():
    """LocaleMiddleware leaves the request's language active in the thread; a Spanish request
    here must not turn later tests' messages Spanish."""
    yield
    translation.deactivate()


def _first_focusable(html: str) -> str:
    """The first link, button or form field in the body, in document order."""
    body = html[html.index("<body") :]
    return re.search(
        r"<(a|button|input(?![^>]*type=\"hidden\")|select|textarea)\b[^>]*>", body
    ).group(0)


def registered_case(officer, **kwargs):
    case = file_case(on=datetime.date(2023, 3, 10), **kwargs)
    services.record_event(
        case, "acknowledged", actor=officer, on=datetime.date(2023, 3, 13), reason="paper"
    )
    case.refresh_from_db()
    return case


@pytest.mark.parametrize("lang", ["en", "es"])
def test_home_renders_in_each_language(client, db, lang):
    response = client.get(f"/{lang}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html
    skip = _first_focusable(html)
    assert 'class="skip-link"' in skip and 'href="#main"' in skip
    assert '<main id="main"' in html
    assert 'action="/i18n/setlang/"' in html
    assert f'name="next" value="/{lang}/"' in html
    other = "es" if lang == "en" else "en"
    assert f'name="language" value="{other}"' in html
    # CSP will forbid inline script and style: the layout has neither (its scripts are
    # files: the upload check, static/js/uploads.js, on every page).
    assert all(re.match(r'<script src="[^"]+"', tag) for tag in re.findall(r"<script[^>]*>", html))
    assert re.search(r"<script[^>]*>\s*[^<\s]", html) is None  # no script between the tags
    assert "style=" not in html and "<style" not in html


def test_home_in_spanish_is_translated(client, db):
    html = client.get("/es/").content.decode()
    assert SPANISH_SENTENCE in html
    assert ENGLISH_SENTENCE not in html
    assert SECRETARIAT_ES in html
    assert "Omitir e ir al contenido principal" in html


def test_home_in_english(client, db):
    html = client.get("/en/").content.decode()
    assert ENGLISH_SENTENCE in html
    assert SPANISH_SENTENCE not in html


# Criterion (c) in the home page's words: the TPA and the USMCA name the law not enforced,
# CAFTA-DR's Art. 17.7.2(c) does not (walk 56: its home page said it did).
CRITERION_C = {
    "en": {
        True: "including any documentary evidence and the environmental laws allegedly not",
        False: "including any documentary evidence on which it may be based.",
    },
    "es": {
        True: "y la legislación ambiental cuya",
        False: "incluidas las pruebas documentales que puedan sustentarla.",
    },
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_home_words_criterion_c_as_the_profile_does(client, db, lang):
    names_the_law = SLUG != "cafta-dr"
    html = " ".join(client.get(f"/{lang}/").content.decode().split())
    assert CRITERION_C[lang][names_the_law] in html
    assert CRITERION_C[lang][not names_the_law] not in html


def test_language_switch_keeps_the_page(client, db):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/en/"})
    assert response.status_code == 302
    assert response["Location"] == "/es/"
    assert '<html lang="es">' in client.get(response["Location"]).content.decode()


def test_language_switch_translates_a_deeper_path(client, db):
    response = client.post(
        "/i18n/setlang/", {"language": "es", "next": "/en/accounts/login/?next=/en/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/es/accounts/login/?next=/en/"


def test_language_switch_works_whatever_the_cookie_says(client, db):
    """The second walk: with a Spanish cookie, on an English page opened from an English email,
    pressing "Español" stayed on the English page (Django read the page under the cookie's
    language). Both ways, from every page the language prefix names."""
    client.post("/i18n/setlang/", {"language": "es", "next": "/es/"})
    assert client.cookies["django_language"].value == "es"
    for page in ("/en/docket/", "/en/privacy/", "/en/"):
        response = client.post("/i18n/setlang/", {"language": "es", "next": page})
        assert response["Location"] == page.replace("/en/", "/es/", 1)
    client.post("/i18n/setlang/", {"language": "en", "next": "/en/"})
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/es/docket/?q=agua"})
    assert response["Location"] == "/en/docket/?q=agua"


def test_language_switch_refuses_an_external_next(client, db):
    response = client.post(
        "/i18n/setlang/", {"language": "es", "next": "https://evil.example.org/"}
    )
    assert "evil.example.org" not in response.get("Location", "")


@pytest.mark.parametrize(("accept", "prefix"), [("en", "/en/"), ("es-PE,es;q=0.9", "/es/")])
def test_root_redirects_to_a_language(client, db, accept, prefix):
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == prefix


def test_recent_lists_only_public_cases_and_marks_the_fallback(
    client, officer, django_assert_max_num_queries
):
    registered_case(officer, title="Concesiones forestales")
    # Filed, not yet acknowledged: never public.
    file_case(on=datetime.date(2023, 3, 20), title="Caso sin acuse de recibo")
    with django_assert_max_num_queries(6):
        html = client.get("/en/").content.decode()
    assert "Recently updated" in html
    # The installation's default prefix: the TPA's and the CEC's SEM, CAFTA-DR's CAALA.
    prefix = {"us-peru-tpa": "SEM", "usmca-cec": "SEM", "cafta-dr": "CAALA"}[SLUG]
    assert identifier(A, 1, 2023, prefix) in html
    assert '<span lang="es">Concesiones forestales</span>' in html
    # Each a link to its page (walk 119: listed, not reachable from here).
    case = Submission.objects.get(identifier=identifier(A, 1, 2023, prefix))
    assert re.search(
        rf'<a href="/en/docket/{case.slug}/"><span class="case__reference">[^<]+</span>\s*'
        r'<span lang="es">Concesiones forestales</span>',
        html,
    )
    assert "(in Spanish)" in html
    assert "Caso sin acuse de recibo" not in html
    # The date the list is ordered by, beside the filing's (walk 112: read as unsorted).
    facts = " ".join(html.split("Concesiones forestales", 1)[1].split("</dl>", 1)[0].split())
    assert '<dt>Filed on</dt><dd><time datetime="2023-03-10">10 March 2023</time>' in facts
    assert '<dt>Last update</dt><dd><time datetime="2023-03-13">13 March 2023</time>' in facts
    html = client.get("/es/").content.decode()
    assert "Actualizadas recientemente" in html
    assert "(en español)" not in html and "(en inglés)" not in html


def test_recent_marks_an_english_fallback_on_the_spanish_page(client, officer):
    registered_case(officer, language="en", title="Forest concessions")
    html = client.get("/es/").content.decode()
    assert '<span lang="en">Forest concessions</span>' in html
    assert "(en inglés)" in html


def test_recent_is_absent_without_public_cases(client, db):
    assert "Recently updated" not in client.get("/en/").content.decode()


def test_anonymous_sees_sign_in(client, db):
    html = client.get("/en/").content.decode()
    assert 'href="/en/accounts/login/?next=/en/"' in html
    assert "Sign out" not in html


def test_signed_in_user_signs_out_with_a_post(client, officer):
    client.force_login(officer)
    html = client.get("/en/").content.decode()
    assert re.search(r'<form action="/en/accounts/logout/" method="post"', html)
    assert "Signed in as officer" in html
    # By the person's name, where the account has one (walk 78: "Sesión iniciada como
    # officer" for María Quispe).
    officer.first_name, officer.last_name = "María", "Quispe"
    officer.save()
    assert "Signed in as María Quispe (officer)" in client.get("/en/").content.decode()
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Sign in" in html
    # Said once (walk 116: nothing said the session had ended).
    assert "You have signed out." in html
    assert "You have signed out." not in client.get("/en/").content.decode()


def test_signing_out_is_said_in_spanish(client, officer):
    client.force_login(officer)
    response = client.post("/es/accounts/logout/")
    assert "Ha cerrado la sesión." in client.get(response["Location"]).content.decode()


def test_login_page_has_labels_and_shows_errors(client, officer):
    html = client.get("/en/accounts/login/").content.decode()
    assert '<label for="id_username">' in html
    assert '<label for="id_password">' in html
    response = client.post(
        "/en/accounts/login/", {"username": "officer", "password": "wrong-password"}
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    response = client.post(
        "/es/accounts/login/", {"username": "officer", "password": "wrong-password"}
    )
    assert "no coinciden" in response.content.decode()


def test_login_succeeds(client, officer):
    response = client.post(
        "/en/accounts/login/", {"username": "officer", "password": "a-long-test-password"}
    )
    assert response.status_code == 302


def test_messages_are_shown(client, officer, rf):
    from django.contrib import messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.get("/en/")
    request.session = SessionStore()
    request.user = officer
    request._messages = FallbackStorage(request)
    messages.success(request, "Saved.")
    html = loader.render_to_string("home.html", {"recent": []}, request=request)
    assert 'class="message message--success"' in html and "Saved." in html


@pytest.mark.parametrize(
    ("lang", "title"), [("en", "Page not found"), ("es", "Página no encontrada")]
)
def test_404_page(client, db, lang, title):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert title in html


def test_500_page_needs_no_context():
    # server_error renders with an empty Context: no request, no context processors.
    html = loader.get_template("500.html").render()
    assert "Server error" in html and "Error del servidor" in html
    assert '<div lang="es">' in html
    # French only where the profile speaks it (the CEC's).
    french = {"us-peru-tpa": False, "usmca-cec": True, "cafta-dr": False}[SLUG]
    assert ("Erreur du serveur" in html) is french
    assert ('<div lang="fr">' in html) is french


def test_500_page_speaks_french_where_the_site_does(settings):
    settings.LANGUAGES = [("en", "English"), ("fr", "French"), ("es", "Spanish")]
    html = loader.get_template("500.html").render()
    assert '<div lang="fr">' in html and "Erreur du serveur" in html


@pytest.mark.parametrize("lang", ["es", "en"])
def test_500_page_speaks_the_language_of_the_address_first(db, settings, lang):
    """Walk 103: a Spanish address's server error read the English sentence first. The site's
    handler puts the address's own language first (heading and all), the others after."""
    del settings.SEM_IDENTITY_RETENTION_DAYS  # the privacy page now fails
    response = Client(raise_request_exception=False).get(f"/{lang}/privacy/")
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    first = {"es": "Error del servidor", "en": "Server error"}[lang]
    other = {"es": "Server error", "en": "Error del servidor"}[lang]
    assert f"<h1>{first}</h1>" in html and f"<h2>{other}</h2>" in html
    assert html.index('<div lang="') == html.index(f'<div lang="{lang}">')


def test_the_example_identifier_is_written_by_the_profiles_scheme(
    db, client, settings, monkeypatch
):
    """The home page's example identifier takes the installation's prefix and the profile's
    scheme: under one whose identifiers name no Party (the CEC's), no "/PE/" is shown; under
    one whose identifiers name the Party (the TPA's), the profile's first Party is named."""
    import dataclasses

    from submissions import profiles

    settings.SEM_IDENTIFIER_PREFIX = "SACA-SEEM"
    # The installed profile's scheme, then the other scheme on the installed profile.
    own, other, example, absent = {
        "us-peru-tpa": (
            "such as SACA-SEEM/PE/002/2023;",
            profiles.CEC_IDENTIFIER,
            "como SEM-23-002;",
            "/PE/",
        ),
        "usmca-cec": (
            "such as SACA-SEEM-23-002;",
            profiles.US_PERU_TPA.identifier,
            "como SEM/CA/002/2023;",
            "SEM-23-002",
        ),
        "cafta-dr": (
            "such as SACA-SEEM/23/002;",
            profiles.US_PERU_TPA.identifier,
            "como SEM/CR/002/2023;",
            "SEM/23/002",
        ),
    }[SLUG]
    assert own in client.get("/en/").content.decode()
    swapped = dataclasses.replace(profiles.installed(), identifier=other)
    monkeypatch.setitem(profiles.PROFILES, SLUG, swapped)
    settings.SEM_IDENTIFIER_PREFIX = "SEM"
    page = client.get("/es/").content.decode()
    assert example in page
    assert absent not in page


def test_the_upload_check_writes_sizes_in_the_servers_units(client, db, settings):
    """The script's sizes read as the server's filesizeformat writes them in the page's
    language (French: "Kio", "Mio"), not in English units on a French page."""
    units = {"en": ("KB", "MB"), "es": ("KB", "MB"), "fr": ("Kio", "Mio")}
    for code, _name in settings.LANGUAGES:
        html = client.get(f"/{code}/").content.decode()
        kb, mb = units[code]
        assert f'data-kb="{kb}" data-mb="{mb}"' in html, code
