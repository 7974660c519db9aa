"""The second factor: no Secretariat, Party, Council or auditor page without it.

Every account with a role (and every admin account) that opens a page of those roles must have
confirmed its session with a time-based code or a recovery code (django-otp) first. The check is
one middleware on path prefixes, so a page added later under those prefixes is covered without
anyone remembering to decorate it.
"""

import datetime
import logging
import re
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from notices import outbox
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


def confirm_enrolment(device: TOTPDevice, token: str, enrolment_code: str = "") -> list[str] | None:
    """Confirm the device with a code from the person's app and issue their recovery codes
    (returned once, never shown again). None if the code is wrong, or if the second factor was
    reset and ``enrolment_code`` is not the one-time code the resetter handed over (which this
    uses up)."""
    if enrolment_code_required(device.user) and not enrolment_code_matches(
        device.user, enrolment_code
    ):
        return None
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


def _normalised(token: str) -> str:
    return token.strip().replace(" ", "")


def devices_for(user, token: str) -> list:
    """The devices that could accept ``token``: the authenticator for six digits, the recovery
    codes for anything else. A code is never tried on a device it cannot belong to, so that a
    recovery code does not count as a wrong authenticator code (and lock it) or the reverse."""
    token = _normalised(token)
    totp = confirmed_totp(user)
    if totp is not None and token.isdigit() and len(token) == totp.digits:
        return [totp]
    return list(StaticDevice.objects.filter(user=user, confirmed=True))


def locked_until(devices) -> datetime.datetime | None:
    """When the last of ``devices`` that wrong codes locked (django-otp's throttling: each
    wrong code doubles the wait, from one second) takes codes again; None if none is locked.
    A locked device refuses even the right code, so the page says to wait rather than that the
    code is wrong."""
    until = None
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if not allowed and details and details.get("locked_until"):
            until = max(until or details["locked_until"], details["locked_until"])
    return until


def verify(user, token: str):
    """The device that accepts ``token`` (an authenticator code, or a recovery code, which is
    then used up), or None."""
    token = _normalised(token)
    for device in devices_for(user, token):
        if device.verify_token(token):
            return device
    return None


# An account's privilege, for the rule that nobody resets the second factor of an account that
# may do more than they may: a Secretariat administrator (superuser) above the Executive
# Director above the other staff (officers, admin staff) above everyone else.
def privilege(user) -> int:
    if getattr(user, "is_superuser", False):
        return 3
    if access.is_director(user):
        return 2
    if access.is_secretariat(user) or getattr(user, "is_staff", False):
        return 1
    return 0


def may_reset_second_factor(actor, account) -> bool:
    """Only the Executive Director or a Secretariat administrator resets a second factor, never
    their own and never one of an account with more privilege than theirs: otherwise an officer
    who learnt the Director's password could enrol an authenticator as the Director and approve
    their own proposals (issue 15)."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    if actor.pk == account.pk:
        return False
    rank = privilege(actor)
    return rank >= 2 and privilege(account) <= rank


# The one-time code that re-enrolment after a reset needs. Kept as the only token of an
# unconfirmed static device (never a recovery code: ``verify`` reads confirmed devices only),
# as a hash keyed with SECRET_KEY, so that someone who reads the database can neither use nor
# guess it.
ENROLMENT_DEVICE = "enrolment-code"
ENROLMENT_CODE_BYTES = 8


def _code_hash(code: str) -> str:
    normalised = code.strip().replace(" ", "").replace("-", "").upper()
    return salted_hmac("secretariat.accounts.otp.enrolment", normalised).hexdigest()[:16]


def enrolment_code_required(user) -> bool:
    """Whether this account's second factor was reset, so that enrolling again needs the code
    the person who reset it handed over."""
    return StaticDevice.objects.filter(user=user, name=ENROLMENT_DEVICE, confirmed=False).exists()


def enrolment_code_matches(user, code: str) -> bool:
    if not code:
        return False
    return StaticToken.objects.filter(
        device__user=user,
        device__name=ENROLMENT_DEVICE,
        device__confirmed=False,
        token=_code_hash(code),
    ).exists()


def reset_second_factor(account, *, actor) -> str:
    """Remove every device of ``account`` (lost phone) and return the one-time code (shown once
    to ``actor``, who hands it over out of band) without which they cannot enrol again.

    The owner is told by email at once (through the outbox, in their language). Recorded in the
    log and as a history row of the account attributed to ``actor`` (change reason
    ``RESET_REASON``), which the activity page and the admin's history show.
    """
    if not may_reset_second_factor(actor, account):
        raise PermissionDenied
    code = secrets.token_hex(ENROLMENT_CODE_BYTES).upper()
    with transaction.atomic(), acting_user(actor):
        TOTPDevice.objects.filter(user=account).delete()
        StaticDevice.objects.filter(user=account).delete()
        device = StaticDevice.objects.create(user=account, name=ENROLMENT_DEVICE, confirmed=False)
        StaticToken.objects.create(device=device, token=_code_hash(code))
        account._change_reason = RESET_REASON
        account.save()
        if account.email:
            outbox.queue_second_factor_reset(account, actor=actor)
    log.warning("user %s reset the second factor of user %s", actor.pk, account.pk)
    return code


RESET_REASON = "second factor reset"
