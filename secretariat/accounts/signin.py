"""Sign-in (/<lang>/accounts/login/): each role lands on its own page, the session-keeping
endpoint of static/js/session.js (/<lang>/accounts/session/)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from secretariat.web.forms import AccessibleForm
from submissions import access
from submissions.roles import Role

# Pages that are where one starts, not where one was going: a `next` naming them (the header's
# "Sign in" link on the home page carries one) does not keep a person from their own page.
_STARTING_PAGES = frozenset({"home", "login", "logout"})


def landing_url(user) -> str:
    """The page a person's role opens on: the queue for Secretariat staff (officers, the
    Executive Director) and auditors, the Party portal for a focal point, the Council portal
    for a Council member; the home page for anyone else."""
    if access.is_staff_reader(user):
        return reverse("ws_queue")
    roles = access.roles_of(user)
    if Role.FOCAL_POINT in roles:
        return reverse("party_home")
    if Role.COUNCIL in roles:
        return reverse("council_home")
    return reverse(settings.LOGIN_REDIRECT_URL)


class SignInForm(AuthenticationForm, AccessibleForm):
    """Django's sign-in form, rendered, marked and described like every form of the site
    (Django gives its fields their autocomplete tokens: username, current-password).

    Once sent back with a problem, the username no longer takes the focus (Django's
    ``autofocus``): the error summary does (static/js/errors.js; walk 83). A username and
    password that do not match are both marked invalid and described by the summary's words."""

    def full_clean(self):
        super().full_clean()
        if not self.errors:
            return
        self.fields["username"].widget.attrs.pop("autofocus", None)
        if self.non_field_errors():
            for name in ("username", "password"):
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": "signin-error"}
                )


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    authentication_form = SignInForm

    def get_redirect_url(self):
        """The `next` of the request, if it is safe and not a starting page."""
        target = super().get_redirect_url()
        if not target:
            return ""
        path = urlsplit(target).path
        # A page of either language resolves only with that language active.
        language = get_language_from_path(path) or translation.get_language()
        try:
            with translation.override(language):
                match = resolve(path)
        except Resolver404:
            return target
        return "" if match.url_name in _STARTING_PAGES else target

    def get_default_redirect_url(self):
        return landing_url(self.request.user)

    def get_context_data(self, **kwargs):
        # After a failed attempt the page says when signing in locks (walk 76: the fifth
        # failure locked the account for an hour with no word of it before).
        return super().get_context_data(failure_limit=settings.AXES_FAILURE_LIMIT, **kwargs)


sign_in = SignInView.as_view()


class SignOutView(auth_views.LogoutView):
    """Django's sign-out, and a word that it happened (walk 116: the home page came back
    without one, on a shared computer the only sign that the session had ended). The message
    survives the session's flush in the message storage's cookie."""

    def post(self, request, *args, **kwargs):
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            messages.success(request, _("You have signed out."))
        return response


sign_out = SignOutView.as_view()


@never_cache
@require_GET
def keep_session(request):
    """Touch the session so that it lasts SESSION_COOKIE_AGE from now (every request saves it:
    SESSION_SAVE_EVERY_REQUEST); say how long that is, or 401 if it already ended."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    request.session.modified = True
    return JsonResponse({"signed_in": True, "seconds": settings.SESSION_COOKIE_AGE})


def session_timing(request) -> dict:
    """For a signed-in person's pages (base.html, static/js/session.js): how long the session
    lasts from this request and how long before its end they are warned."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    warning = min(settings.SEM_SESSION_WARNING_SECONDS, settings.SESSION_COOKIE_AGE)
    return {
        "session_seconds": settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": warning,
        "session_warning_minutes": max(1, round(warning / 60)),
    }
