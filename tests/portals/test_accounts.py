import re

from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from submissions.models import User
from tests.parties import SLUG, A

# The invitation's subject, in Spanish (or English), as each profile names its Secretariat.
SUBJECTS = {
    "us-peru-tpa": (
        "Su cuenta en la Secretaría para Asuntos de Cumplimiento Ambiental",
        "Your account with the Secretariat for Environmental Matters",
    ),
    "usmca-cec": (
        "Su cuenta en el Secretariado de la CCA",
        "Your account with the CEC Secretariat",
    ),
    "cafta-dr": (
        "Su cuenta en la Secretaría de Asuntos Ambientales",
        "Your account with the Secretariat for Environmental Matters",
    ),
}[SLUG]


def invite_post(**overrides):
    data = {
        "email": "Ana.Quispe@MINAM.gob.pe",
        "first_name": "Ana",
        "last_name": "Quispe",
        "role": "party_focal_point",
        "party": A,
        "preferred_language": "es",
    }
    data.update(overrides)
    return data


def test_invitation_link_sets_a_password_once(client, director, django_capture_on_commit_callbacks):
    client.force_login(director)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_invite"), invite_post())
    assert response.status_code == 302
    user = User.objects.get(username="ana.quispe@minam.gob.pe")
    assert not user.has_usable_password()
    assert {g.name for g in user.groups.all()} == {
        "party_focal_point",
        f"party_focal_point:{A}",
    }
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana.quispe@minam.gob.pe"]
    assert message.subject in SUBJECTS
    link = re.search(r"http://\S+/es/secretariat/accounts/welcome/\S+/\S+/", message.body)
    assert link is not None
    assert link.group(0) in message.alternatives[0][0]
    path = link.group(0).split("8000", 1)[1]

    client.logout()
    response = client.get(path)
    assert response.status_code == 302
    form_url = response["Location"]
    response = client.post(
        form_url,
        {"new_password1": "un-largo-secreto-2023", "new_password2": "un-largo-secreto-2023"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/es/secretariat/accounts/welcome/done/"
    assert client.login(username="ana.quispe@minam.gob.pe", password="un-largo-secreto-2023")
    client.logout()
    used = client.get(path, follow=True).content.decode()
    assert "Este enlace ya no es válido" in used and "<h1>Establezca su contraseña</h1>" in used


def test_invitation_refuses_an_existing_email(client, director, a_focal):
    client.force_login(director)
    response = client.post(reverse("account_invite"), invite_post(email="A_FOCAL@example.org"))
    assert response.status_code == 200
    assert "An account with this email already exists." in response.content.decode()
    assert User.objects.filter(email__iexact="a_focal@example.org").count() == 1


def test_deactivated_account_cannot_sign_in_or_use_its_link(client, officer, a_focal):
    client.force_login(officer)
    assert client.get(reverse("account_deactivate", kwargs={"pk": a_focal.pk})).status_code == 405
    response = client.post(reverse("account_deactivate", kwargs={"pk": a_focal.pk}))
    assert response.status_code == 302
    a_focal.refresh_from_db()
    assert a_focal.is_active is False
    client.logout()
    assert not client.login(username="a_focal", password="a-long-test-password")


def test_secretariat_accounts_are_not_deactivated_here(client, officer, director):
    client.force_login(officer)
    response = client.post(reverse("account_deactivate", kwargs={"pk": director.pk}))
    assert response.status_code == 403
    director.refresh_from_db()
    assert director.is_active is True


def test_list_shows_who_holds_which_role(
    client, officer, a_focal, b_council, auditor, django_assert_max_num_queries
):
    client.force_login(auditor)
    with django_assert_max_num_queries(8):
        body = client.get(reverse("account_list")).content.decode()
    rows = re.findall(
        r'<tr>\s*<th scope="row">([^<]+)</th>\s*<td[^>]*>[^<]*</td>\s*<td[^>]*>([^<]+)</td>',
        body,
    )
    assert sorted(rows) == [
        ("a_focal", "Party focal point"),
        ("auditor", "Auditor"),
        ("b_council", "Council member"),
        ("officer", "Secretariat officer"),
    ]
    assert "Deactivate" not in body  # an auditor reads only


def test_an_officer_cannot_invite_an_account_for_a_government_or_the_council(client, officer):
    """An officer inviting a Council account for an address of their own could then instruct
    a factual record: only the Executive Director invites."""
    client.force_login(officer)
    assert client.get(reverse("account_invite")).status_code == 403
    response = client.post(
        reverse("account_invite"),
        invite_post(email="officer.alias@example.org", role="council_member"),
    )
    assert response.status_code == 403
    assert not User.objects.filter(email="officer.alias@example.org").exists()
    assert "Invite a focal point" not in client.get(reverse("account_list")).content.decode()


def test_an_account_in_use_is_sent_a_link_to_set_a_new_password(
    client, officer, a_focal, django_capture_on_commit_callbacks
):
    """Walk 116: a focal point who forgot their password had no way back in; the lock-out
    page told them to ask the Secretariat, which could resend only a pending invitation."""
    a_focal.email, a_focal.preferred_language = "focal@minam.example.pe", "es"
    a_focal.save()
    client.force_login(officer)
    listed = client.get(reverse("account_list")).content.decode()
    assert "Send a_focal a link to set a new password" in listed
    # Deactivating asks first (walk 116: one tap).
    assert 'data-confirm="Deactivate a_focal? They will no longer be able to sign in."' in listed
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_resend", kwargs={"pk": a_focal.pk}), follow=True)
    assert "A link to set a new password was sent to focal@minam.example.pe." in response.text
    (message,) = mail.outbox
    assert message.subject == "Un enlace para establecer una nueva contraseña para su cuenta"
    assert "le envía un enlace para establecer una nueva contraseña" in message.body
    path = re.search(r"http://\S+?(/es/secretariat/accounts/welcome/\S+/\S+/)", message.body)
    client.logout()
    form_url = client.get(path.group(1))["Location"]
    # Titled as a new password (walk 120: "Establezca su contraseña", as a first one).
    assert "<h1>Establezca una nueva contraseña</h1>" in client.get(form_url).text
    new = "otra-clave-larga-2026"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response["Location"] == "/es/secretariat/accounts/welcome/done/"
    assert client.login(username="a_focal", password=new)
    # The sign-in page says where to turn (walk 116: nothing did).
    client.logout()
    login_page = client.get("/en/accounts/login/").content.decode()
    assert "Ask the Secretariat to send you a link to set a new one" in login_page


def test_a_deactivated_account_is_sent_no_link(client, officer, a_focal):
    a_focal.is_active = False
    a_focal.save()
    client.force_login(officer)
    response = client.post(reverse("account_resend", kwargs={"pk": a_focal.pk}), follow=True)
    assert "A deactivated account is sent no link." in response.text
    assert not mail.outbox


def test_the_invitation_is_in_the_pages_language_until_chosen(client, director):
    """Walk 116: English preset on the Spanish page, for a Peruvian focal point."""
    client.force_login(director)
    page = client.get("/es/secretariat/accounts/invite/").content.decode()
    chosen = re.search(r'<option value="es"[^>]*>', page) or re.search(
        r'<input[^>]*value="es"[^>]*>', page
    )
    assert chosen is not None and ("selected" in chosen.group(0) or "checked" in chosen.group(0))


def test_the_accounts_page_is_titled_as_its_heading(client, director):
    # Walk 116: titled "Accounts of the Parties and the Council", headed "Who holds which
    # role", and listing the Secretariat's staff too.
    client.force_login(director)
    body = client.get(reverse("account_list")).content.decode()
    title = re.search(r"<title>(.*?) · ", body).group(1)
    heading = re.search(r"<h1>(.*?)</h1>", body).group(1)
    assert title == heading == "Accounts and roles"


def test_what_is_wrong_with_a_new_password_is_said_under_it(client, a_focal):
    # Walk 116: "too short" stood under the confirmation, away from the password and its rules.
    a_focal.set_unusable_password()
    a_focal.save()
    uid = urlsafe_base64_encode(force_bytes(a_focal.pk))
    token = default_token_generator.make_token(a_focal)
    form_url = client.get(f"/en/secretariat/accounts/welcome/{uid}/{token}/")["Location"]
    body = client.post(form_url, {"new_password1": "short", "new_password2": "short"}).text
    assert 'id="id_new_password1-error"' in body
    error = body.split('id="id_new_password1-error"')[1].split("</ul>")[0]
    assert "too short" in error
    assert 'id="id_new_password2-error"' not in body
    body = client.post(
        form_url, {"new_password1": "un-largo-secreto-2023", "new_password2": "otro-secreto-2023"}
    ).text
    assert 'id="id_new_password2-error"' in body
    assert 'id="id_new_password1-error"' not in body


def test_the_director_sends_an_officer_a_link_to_set_a_new_password(
    client, officer, officer2, director, django_capture_on_commit_callbacks
):
    """The accounts page listed the Secretariat's staff but sent a link to the Parties' and the
    Council's accounts alone: an officer's password was reset in the Django admin. Who may
    reset a second factor may send the link: not an officer, not to oneself, not upwards."""
    officer.email = "officer@sem.example.org"
    officer.save()
    client.force_login(director)
    listed = client.get(reverse("account_list")).content.decode()
    assert "Send officer a link to set a new password" in listed
    assert "Send director a link to set a new password" not in listed  # not one's own
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_resend", kwargs={"pk": officer.pk}), follow=True)
    assert "A link to set a new password was sent to officer@sem.example.org." in response.text
    (message,) = mail.outbox
    assert "/secretariat/accounts/welcome/" in message.body
    assert client.post(reverse("account_resend", kwargs={"pk": director.pk})).status_code == 403
    client.force_login(officer2)
    assert "Send officer a link" not in client.get(reverse("account_list")).content.decode()
    for account in (officer, director):
        posted = client.post(reverse("account_resend", kwargs={"pk": account.pk}))
        assert posted.status_code == 403
    assert len(mail.outbox) == 1
