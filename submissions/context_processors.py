from django.conf import settings

from . import access


def site(request):
    user = getattr(request, "user", None)
    return {
        "is_secretariat": access.is_secretariat(user),
        "is_auditor": access.is_auditor(user),
        "identifier_prefix": settings.SEM_IDENTIFIER_PREFIX,
    }
