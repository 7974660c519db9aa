"""The open-data API, without a language prefix (its names are the registry format's)."""

from django.urls import path, re_path

from secretariat.public import api
from secretariat.public.cache import public_page

urlpatterns = [
    path("", public_page(api.index), name="api_index"),
    path("submissions/", public_page(api.submission_list), name="api_submissions"),
    path("submissions/<slug:slug>/", public_page(api.submission_detail), name="api_submission"),
    path("openapi.json", public_page(api.openapi), name="api_openapi"),
    # Any other address under the API answers in JSON, as its other errors do (walk 112: the
    # site's HTML 404 page).
    re_path(r"^.*$", api.not_found),
]
