"""What every page shows whoever reads it: how to contact the Secretariat (base.html's footer)."""

from django.conf import settings


def contact(request) -> dict:
    return {
        "contact_address": settings.SEM_CONTACT_ADDRESS,
        "contact_country": settings.SEM_CONTACT_COUNTRY,
        "contact_email": settings.SEM_CONTACT_EMAIL,
    }
