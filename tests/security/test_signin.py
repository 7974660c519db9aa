"""Sign-in: each role lands on its own page (unless a safe `next` says otherwise); one link to
the queue; the session's end announced to signed-in people (and kept with a plain GET); the
Secretariat's contact details on every page."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"  # tests/factories.py
LANDING = {
    "officer": "/en/secretariat/",
    "director": "/en/secretariat/",
    "auditor": "/en/secretariat/",
    "a_focal": "/en/party/",
    "b_focal": "/en/party/",
    "a_council": "/en/council/",
    "outsider": "/en/",
}


def sign_in(client, username, language="en", **extra):
    return client.post(
        f"/{language}/accounts/login/", {"username": username, "password": PASSWORD, **extra}
    )


@pytest.mark.parametrize("role", sorted(LANDING))
def test_each_role_lands_on_its_own_page(client, request, role):
    request.getfixturevalue(role)
    response = sign_in(client, role)
    assert response.status_code == 302
    assert response["Location"] == LANDING[role]


def test_the_landing_page_is_in_the_language_of_the_sign_in_page(client, a_focal):
    assert sign_in(client, "a_focal", language="es")["Location"] == "/es/party/"


def test_a_safe_next_wins(client, director):
    response = sign_in(client, "director", next="/en/secretariat/approvals/")
    assert response["Location"] == "/en/secretariat/approvals/"


@pytest.mark.parametrize("start", ["/en/", "/es/", "/en/accounts/login/?next=/en/"])
def test_a_next_naming_a_starting_page_does_not_keep_staff_from_the_queue(client, director, start):
    # The header's "Sign in" link on the home page carries next=<the home page>.
    assert sign_in(client, "director", next=start)["Location"] == "/en/secretariat/"


def test_a_next_to_another_site_is_ignored(client, a_focal):
    response = sign_in(client, "a_focal", next="https://evil.example.org/")
    assert response["Location"] == "/en/party/"


def test_with_the_second_factor_the_director_reaches_the_queue_after_the_code(
    client, settings, director
):
    settings.SEM_REQUIRE_OTP = True
    response = sign_in(client, "director")
    assert response["Location"] == "/en/secretariat/"
    assert client.get("/en/secretariat/")["Location"] == (
        "/en/accounts/otp/?next=%2Fen%2Fsecretariat%2F"
    )


def test_the_sign_in_form_is_marked_and_described(client, db):
    html = client.get("/en/accounts/login/").text
    assert re.search(r'<input type="text" name="username"[^>]*autocomplete="username"', html)
    assert re.search(r'<input type="password" name="password"[^>]*required', html)
    assert html.count('<span class="required">(required)</span>') == 3  # two fields, legend
    assert "must be filled in." in html
    empty = client.post("/en/accounts/login/", {"username": "", "password": ""}).text
    assert 'aria-describedby="id_username-error"' in empty
    assert 'id="id_username-error"' in empty
    assert 'aria-invalid="true"' in empty
    assert '<a href="#id_username">' in empty  # the error summary links to the field


def test_one_link_to_the_queue_in_the_navigation(client, officer):
    client.force_login(officer)
    html = client.get("/en/secretariat/").text
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)
    queue = [label for href, label in links if href == "/en/secretariat/"]
    assert queue == ["Queue"]
    assert 'href="/en/secretariat/" aria-current="page"' in nav


# --- The session ---------------------------------------------------------------------------


def test_signed_in_pages_carry_the_session_warning(client, settings, officer):
    settings.SESSION_COOKIE_AGE = 3600
    settings.SEM_SESSION_WARNING_SECONDS = 300
    client.force_login(officer)
    html = client.get("/en/secretariat/").text
    assert '<script src="/static/js/session.js" defer' in html
    assert 'data-seconds="3600"' in html
    assert 'data-warning-seconds="300"' in html
    assert f'data-keep-url="{reverse("keep_session")}"' in html
    assert 'data-restored="What you had written here and not yet sent was restored.' in html
    assert '<dialog class="session-warning" id="session-warning"' in html
    assert "you will be signed out in 5 minutes unless you stay signed" in html
    assert "Stay signed in</button>" in html
    assert '<dialog class="session-warning" id="session-ended"' in html
    assert 'href="/en/accounts/login/?next=/en/secretariat/"' in html


def test_public_pages_of_anonymous_visitors_have_no_session_script(client, db):
    html = client.get("/en/").text
    assert "session.js" not in html and "<dialog" not in html


def test_the_sign_in_page_has_the_script_that_returns_to_a_draft(client, db):
    html = client.get("/en/accounts/login/").text
    assert '<script src="/static/js/session.js" defer' in html
    assert "data-seconds" not in html  # no session to warn about


@pytest.mark.parametrize("path", ["/es/accounts/otp/", "/es/docket/"])
def test_before_the_second_factor_the_header_names_no_account(client, settings, officer, path):
    settings.SEM_REQUIRE_OTP = True
    client.force_login(officer)
    html = client.get(path).text
    header = html[: html.index('<main id="main"')]
    assert "site-nav__user" not in header
    assert "officer" not in header
    assert 'href="/es/secretariat/"' not in header  # the queue
    assert 'href="/es/secretariat/accounts/"' not in header
    assert 'action="/es/accounts/logout/"' in header  # they may still give up and sign out


def test_after_the_second_factor_the_header_names_the_account(client, settings, officer):
    settings.SEM_REQUIRE_OTP = True
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    client.force_login(officer)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    response = client.post("/es/accounts/otp/", {"code": f"{totp.token():06d}", "next": "/es/"})
    assert response.status_code == 302
    html = client.get("/es/docket/").text
    header = html[: html.index('<main id="main"')]
    assert 'class="site-nav__user" href="/es/accounts/me/"' in header and "officer" in header
    assert 'href="/es/secretariat/"' in header


def test_without_a_required_second_factor_the_header_names_the_account(client, officer):
    client.force_login(officer)  # the test settings ask no second factor
    header = client.get("/es/docket/").text.split('<main id="main"', 1)[0]
    assert 'class="site-nav__user" href="/es/accounts/me/"' in header and "officer" in header


def test_the_second_factor_page_runs_no_script(client, settings, officer):
    settings.SEM_REQUIRE_OTP = True
    client.force_login(officer)
    assert "<script" not in client.get("/en/accounts/otp/").text


def test_keeping_the_session_extends_it(client, settings, officer):
    settings.SESSION_COOKIE_AGE = 3600
    client.force_login(officer)
    response = client.get("/en/accounts/session/")
    assert response.status_code == 200
    assert response.json() == {"signed_in": True, "seconds": 3600}
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert client.session.get_expiry_age() == 3600


def test_keeping_an_ended_session_says_so(client, db):
    response = client.get("/en/accounts/session/")
    assert response.status_code == 401
    assert response.json() == {"signed_in": False}


def test_keeping_the_session_is_a_get(client, officer):
    client.force_login(officer)
    assert client.post("/en/accounts/session/").status_code == 405


def test_every_request_of_a_signed_in_person_starts_the_period_again(client, settings, officer):
    from django.contrib.sessions.models import Session

    settings.SESSION_SAVE_EVERY_REQUEST = True  # the setting of every deployment
    client.force_login(officer)
    key = client.session.session_key
    # Whatever the row said, a request writes the session again: it ends a full
    # SESSION_COOKIE_AGE after this request, which is what the page's warning counts from.
    Session.objects.filter(session_key=key).update(expire_date="2999-01-01 00:00:00+00:00")
    client.get("/en/")
    row = Session.objects.get(session_key=key)
    assert row.expire_date.year < 2999


# --- Contact ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/en/", "/es/docket/", "/en/accounts/login/", "/en/no-such/"])
def test_every_page_says_how_to_contact_the_secretariat(client, settings, db, path):
    settings.SEM_CONTACT_ADDRESS = ["Calle Uno 123", "Lima"]
    settings.SEM_CONTACT_EMAIL = "contact@sem.example.org"
    html = client.get(path).text
    footer = html[html.index('<footer class="site-footer"') :]
    assert 'id="contact"' in footer
    assert "Calle Uno 123<br>Lima<br>" in footer
    assert '<a href="mailto:contact@sem.example.org">contact@sem.example.org</a>' in footer


@pytest.mark.parametrize(
    ("path", "country", "other"),
    [("/en/", "United States", "Estados Unidos"), ("/es/", "Estados Unidos", "United States")],
)
def test_the_contact_country_is_named_in_the_page_language(
    client, settings, db, path, country, other
):
    settings.SEM_CONTACT_ADDRESS = ["1849 C Street NW", "Washington, DC"]
    settings.SEM_CONTACT_COUNTRY = "US"
    html = client.get(path).text
    address = html[html.index('<footer class="site-footer"') :].split("<address>", 1)[1]
    address = address.split("</address>", 1)[0]
    assert "Washington, DC<br>" in address
    assert f"{country}<br>" in address
    assert other not in address


def test_the_403_page_points_at_the_contact_details(client, a_focal):
    client.force_login(a_focal)
    html = client.get("/en/secretariat/").text
    assert "contact the Secretariat" in html
    assert 'id="contact"' in html


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_refused_sign_in_gives_the_focus_to_the_error_summary(client, officer, language):
    # Walk 83: the summary was there, but the username's autofocus kept the focus from it.
    url = f"/{language}/accounts/login/"
    assert re.search(r'<input type="text" name="username"[^>]*autofocus', client.get(url).text)
    for data in ({"username": "officer", "password": "wrong"}, {"username": "", "password": ""}):
        html = client.post(url, data).text
        assert 'id="error-summary"' in html and 'tabindex="-1"' in html
        assert "autofocus" not in html
        assert '<script src="/static/js/errors.js" defer>' in html
    wrong = client.post(url, {"username": "officer", "password": "wrong"}).text
    for name in ("username", "password"):
        field = re.search(rf'<input type="\w+" name="{name}"[^>]*>', wrong).group(0)
        assert 'aria-invalid="true"' in field
        assert 'aria-describedby="signin-error"' in field
    assert '<p id="signin-error">' in wrong
