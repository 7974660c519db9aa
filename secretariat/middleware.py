from django.utils import translation


class PreferredLanguageMiddleware:
    """Signed-in staff see the interface in their preferred language on pages outside the
    language prefix (admin, portals reached without /en/ or /es/ follow the URL)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        prefixed = request.path_info[:4] in ("/en/", "/es/")
        if user is not None and user.is_authenticated and not prefixed:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)
