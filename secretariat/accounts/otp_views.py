"""Pages of the second factor: enrol or verify (/<lang>/accounts/otp/), and the reset by a
Secretariat administrator (/<lang>/secretariat/accounts/<pk>/reset-2fa/)."""

from base64 import b32encode

import django_otp
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from secretariat.accounts import otp
from secretariat.web.forms import AccessibleForm
from submissions.models import User


class CodeForm(AccessibleForm):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Enrol an authenticator (no device yet) or confirm this session with a code."""
    user = request.user
    device = otp.confirmed_totp(user)
    enrolling = device is None
    pending = otp.pending_totp(user) if enrolling else None
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if enrolling:
            codes = otp.confirm_enrolment(pending, code)
            if codes is not None:
                django_otp.login(request, pending)
                # Rendered, not redirected: the recovery codes are shown this once.
                return render(
                    request,
                    "registration/otp_recovery_codes.html",
                    {"codes": codes, "next": _next_url(request)},
                )
        else:
            matched = otp.verify(user, code)
            if matched is not None:
                django_otp.login(request, matched)
                return redirect(_next_url(request))
        form.add_error("code", _("That code is not valid. Please try again."))
    context = {"form": form, "next": _next_url(request), "enrolling": enrolling}
    if enrolling:
        context["secret"] = b32encode(pending.bin_key).decode()
        context["otpauth_url"] = pending.config_url
    return render(request, "registration/otp_verify.html", context)


@login_required
@require_POST
def reset(request, pk):
    """A Secretariat officer or the Director removes someone's second factor (lost phone)."""
    account = get_object_or_404(User, pk=pk)
    otp.reset_second_factor(account, actor=request.user)
    messages.success(
        request,
        _("%(name)s will set up a new second factor at their next sign-in.")
        % {"name": account.get_username()},
    )
    return redirect("account_list")
