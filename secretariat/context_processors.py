from django.conf import settings
from django.contrib import admin
from django.utils.functional import SimpleLazyObject

from secretariat.accounts.otp import needs_second_factor
from submissions import access, profiles


def site(request):
    user = getattr(request, "user", None)
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    return {
        # Signed in with the password, not yet with the second factor: base.html's header
        # names no account and shows no role's links until then.
        "awaiting_second_factor": bool(
            signed_in
            and settings.SEM_REQUIRE_OTP
            and needs_second_factor(user)
            and not user.is_verified()
        ),
        "is_secretariat": access.is_secretariat(user),
        "is_auditor": access.is_auditor(user),
        "is_portal_user": bool(signed_in and access.party_of(user)),
        # What a permanent identifier looks like here (the home page's example).
        "identifier_example": _identifier_example(),
        # A profile still holding values not read in its treaty's text runs only where the
        # installation accepts that (SEM_ALLOW_UNVERIFIED_PROFILE); every page says so.
        "provisional_procedure": bool(profiles.installed().unverified),
        # The header links to the admin site only for an account that can see something there
        # (the admin's own test), not for every staff account; worked out only if asked.
        "may_administer": SimpleLazyObject(
            lambda: bool(signed_in and user.is_staff and admin.site.get_app_list(request))
        ),
    }


def _identifier_example() -> str:
    procedure = profiles.installed()
    return procedure.identifier.format(settings.SEM_IDENTIFIER_PREFIX, procedure.codes[0], 2, 2023)
