from django.conf import settings

from submissions import access


def site(request):
    user = getattr(request, "user", None)
    return {
        "is_secretariat": access.is_secretariat(user),
        "is_auditor": access.is_auditor(user),
        "is_portal_user": bool(access.party_of(user))
        if user is not None and getattr(user, "is_authenticated", False)
        else False,
        "identifier_prefix": settings.SEM_IDENTIFIER_PREFIX,
    }
