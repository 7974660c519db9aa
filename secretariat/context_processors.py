from django.conf import settings
from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

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
        # The upload policy's sizes and their messages, for static/js/uploads.js.
        "upload_check": SimpleLazyObject(_upload_check),
        # The header links to the admin site only for an account that can see something there
        # (the admin's own test), not for every staff account; worked out only if asked.
        "may_administer": SimpleLazyObject(
            lambda: bool(signed_in and user.is_staff and admin.site.get_app_list(request))
        ),
    }


def _identifier_example() -> str:
    procedure = profiles.installed()
    return procedure.identifier.format(settings.SEM_IDENTIFIER_PREFIX, procedure.codes[0], 2, 2023)


def _upload_check() -> dict:
    """The sizes a form's files are checked against before it is sent, and what is said of a
    file or a total over them (the server's own words, with places for the script's values)."""
    limit, total = settings.SEM_FILING_MAX_FILE_BYTES, settings.SEM_FILING_MAX_TOTAL_BYTES
    return {
        "max_file": limit,
        "max_total": total,
        # The units as the server's filesizeformat writes them in the page's language
        # ("Kio"/"Mio" in French), for the script's own sizes.
        "kb": filesizeformat(2 * 1024).rsplit("\u00a0", 1)[-1],
        "mb": filesizeformat(2 * 1024 * 1024).rsplit("\u00a0", 1)[-1],
        "file_too_big": _("“%(name)s” is %(size)s; each file may be at most %(limit)s.")
        % {"name": "{name}", "size": "{size}", "limit": filesizeformat(limit)},
        "total_too_big": _(
            "The files chosen total %(size)s; the files sent with one form may total at most "
            "%(limit)s. Choose fewer or smaller files: nothing was sent."
        )
        % {"size": "{size}", "limit": filesizeformat(total)},
    }
