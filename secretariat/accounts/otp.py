"""The second factor: no Secretariat, Party, Council or auditor page without it.

Every account with a role (and every admin account) that opens a page of those roles must have
confirmed its session with a time-based code or a recovery code (django-otp) first. The check is
one middleware on path prefixes, so a page added later under those prefixes is covered without
anyone remembering to decorate it.
"""

import logging
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from submissions import access
from submissions.history import acting_user

log = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10
# The workspace and its accounts pages, the portals and the admin, in either language.
_PROTECTED = re.compile(r"^/(?:[a-z]{2}/)?(?:secretariat|party|council|portal|admin)(?:/|$)")


def needs_second_factor(user) -> bool:
    """Whether this account must confirm its session with a second factor."""
    return bool(access.roles_of(user)) or bool(getattr(user, "is_staff", False))


def is_protected_path(path: str) -> bool:
    return bool(_PROTECTED.match(path))


class RequireSecondFactorMiddleware:
    """Sends a signed-in person with a role to the verification page until their session is
    verified. Goes after django_otp.middleware.OTPMiddleware (which adds ``is_verified``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.SEM_REQUIRE_OTP
            and user is not None
            and user.is_authenticated
            and is_protected_path(request.path_info)
            and needs_second_factor(user)
            and not user.is_verified()
        ):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('otp_verify')}?{query}")
        return self.get_response(request)


# --- Services ----------------------------------------------------------------------------------


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_totp(user) -> TOTPDevice:
    """The device being enrolled: the same secret across page loads until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def confirm_enrolment(device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the device with a code from the person's app and issue their recovery codes
    (returned once, never shown again). None if the code is wrong."""
    if not device.verify_token(token):
        return None
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        StaticDevice.objects.filter(user=device.user).delete()
        static = StaticDevice.objects.create(user=device.user, name="recovery", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=static, token=c) for c in codes)
    log.info("user %s enrolled a second factor", device.user_id)
    return codes


def verify(user, token: str):
    """The device that accepts ``token`` (an authenticator code, or a recovery code, which is
    then used up), or None."""
    token = token.strip().replace(" ", "")
    for device in [confirmed_totp(user), *StaticDevice.objects.filter(user=user, confirmed=True)]:
        if device is not None and device.verify_token(token):
            return device
    return None


def reset_second_factor(account, *, actor) -> int:
    """Remove every device of ``account`` (lost phone): at the next sign-in they enrol again.

    Recorded twice: in the log, and as a history row of the account attributed to ``actor``
    with the reason, which auditors read in the admin's history.
    """
    if not access.is_secretariat(actor) or actor.pk == account.pk:
        raise PermissionDenied
    with transaction.atomic(), acting_user(actor):
        removed = TOTPDevice.objects.filter(user=account).delete()[0]
        removed += StaticDevice.objects.filter(user=account).delete()[0]
        account._change_reason = "second factor reset"
        account.save()
    log.warning("user %s reset the second factor of user %s", actor.pk, account.pk)
    return removed
