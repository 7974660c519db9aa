"""Restricted pages are never kept by a browser or a proxy (``Cache-Control: no-store``).

The workspace, the portals, the accounts pages, the admin and a submitter's tracking pages show
what the public may not see: a shared computer's back button or disk cache, or a caching proxy
on the way, must not keep them. One middleware on path prefixes, as for the second factor, so
that a page added later under those prefixes is covered without anyone remembering to decorate
it; views also carry ``never_cache`` where they are written, and ``web.downloads`` marks every
restricted document it sends.
"""

import re

from django.utils.cache import add_never_cache_headers

RESTRICTED = re.compile(
    r"^/(?:[a-z]{2}/)?(?:secretariat|party|council|portal|admin|accounts|track)(?:/|$)"
)


def is_restricted_path(path: str) -> bool:
    return bool(RESTRICTED.match(path))


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_restricted_path(request.path_info):
            add_never_cache_headers(response)
        return response
