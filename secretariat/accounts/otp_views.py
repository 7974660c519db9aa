"""Pages of the second factor: enrol or verify (/<lang>/accounts/otp/), and the reset by the
Executive Director or a Secretariat administrator (/<lang>/secretariat/accounts/<pk>/reset-2fa/)."""

import base64
import io
import math
from base64 import b32encode

import django_otp
import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from secretariat.accounts import otp
from secretariat.web.forms import AccessibleForm
from submissions.models import User


class CodeForm(AccessibleForm):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class EnrolmentForm(CodeForm):
    """Enrolling again after a reset: the code from the new app and the one-time code the
    person who reset the second factor handed over."""

    enrolment_code = forms.CharField(
        label=gettext_lazy("One-time code from the person who reset your second factor"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


def qr_code(url: str) -> str:
    """The set-up link as a QR code: an SVG image in a data: URI (the CSP allows images from
    data: but no inline script or style)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=False)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def wait_message(until) -> str:
    """Say how long to wait before the next code, in whole seconds or minutes. Not "too many
    wrong codes": the first wrong code already asks for a second's wait (walk 116)."""
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    if seconds < 120:
        return ngettext(
            "After each wrong code the next is taken only after a wait, doubled each time. "
            "Wait %(count)d second, then enter the code your app shows at that moment.",
            "After each wrong code the next is taken only after a wait, doubled each time. "
            "Wait %(count)d seconds, then enter the code your app shows at that moment.",
            seconds,
        ) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "After each wrong code the next is taken only after a wait, doubled each time. "
        "Wait %(count)d minute, then enter the code your app shows at that moment.",
        "After each wrong code the next is taken only after a wait, doubled each time. "
        "Wait %(count)d minutes, then enter the code your app shows at that moment.",
        minutes,
    ) % {"count": minutes}


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _refusal(locked) -> str:
    if locked is not None and locked > timezone.now():
        return wait_message(locked)
    return _("That code is not valid. Please try again.")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Enrol an authenticator (no device yet) or confirm this session with a code."""
    user = request.user
    device = otp.confirmed_totp(user)
    enrolling = device is None
    pending = otp.pending_totp(user) if enrolling else None
    after_reset = enrolling and otp.enrolment_code_required(user)
    form = (EnrolmentForm if after_reset else CodeForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        # Locked by earlier wrong codes: even the right code is refused until then, and saying
        # it is "not valid" would send the person looking for a fault in their app.
        locked = otp.locked_until([pending] if enrolling else otp.devices_for(user, code))
        if after_reset and not otp.enrolment_code_matches(
            user, form.cleaned_data["enrolment_code"]
        ):
            form.add_error(
                "enrolment_code",
                _("That is not the one-time code of the reset. Ask the person who reset it."),
            )
        elif enrolling:
            codes = otp.confirm_enrolment(
                pending, code, form.cleaned_data.get("enrolment_code", "")
            )
            if codes is not None:
                django_otp.login(request, pending)
                # Rendered, not redirected: the recovery codes are shown this once.
                return render(
                    request,
                    "registration/otp_recovery_codes.html",
                    {"codes": codes, "next": _next_url(request)},
                )
            form.add_error("code", _refusal(locked))
        else:
            matched = otp.verify(user, code)
            if matched is not None:
                django_otp.login(request, matched)
                return redirect(_next_url(request))
            form.add_error("code", _refusal(locked))
    context = {
        "form": form,
        "next": _next_url(request),
        "enrolling": enrolling,
        "after_reset": after_reset,
    }
    if enrolling:
        context["secret"] = b32encode(pending.bin_key).decode()
        context["otpauth_url"] = pending.config_url
        context["qr_code"] = qr_code(pending.config_url)
    return render(request, "registration/otp_verify.html", context)


RESET_CODE_KEY = "otp_reset_code"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def reset(request, pk):
    """The Executive Director or a Secretariat administrator removes someone's second factor
    (lost phone). The page shows the one-time code for re-enrolment this once: the resetter
    hands it over in person or by telephone, never by email. The post resets and redirects
    (walk 116: reloading the page reset it again, and a second code replaced the first one
    handed over); the page after it shows the code once, from the session."""
    account = get_object_or_404(User, pk=pk)
    if request.method == "POST":
        code = otp.reset_second_factor(account, actor=request.user)
        request.session[RESET_CODE_KEY] = {"account": account.pk, "code": code}
        messages.success(
            request,
            _("%(name)s will set up a new second factor at their next sign-in.")
            % {"name": account.get_username()},
        )
        return redirect("otp_reset", pk=account.pk)
    shown = request.session.pop(RESET_CODE_KEY, None)
    if not shown or shown.get("account") != account.pk:
        return redirect("account_list")  # shown once; a typed address resets nothing
    context = {"account": account, "code": shown["code"]}
    return render(request, "registration/otp_reset_done.html", context)
