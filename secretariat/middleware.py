from django.conf import settings
from django.utils import translation

# The profile's languages as URL prefixes ("/en/", "/es/", "/fr/").
PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


class PreferredLanguageMiddleware:
    """Signed-in staff see the interface in their preferred language on pages outside the
    language prefix (admin, portals reached without /en/, /es/ or /fr/ follow the URL)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        prefixed = request.path_info.startswith(PREFIXES)
        if user is not None and user.is_authenticated and not prefixed:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)
