"""The open-data API, without a language prefix (its names are the registry format's)."""

from django.urls import path

from secretariat.public import api
from secretariat.public.cache import public_page

urlpatterns = [
    path("", public_page(api.index), name="api_index"),
    path("submissions/", public_page(api.submission_list), name="api_submissions"),
    path("submissions/<slug:slug>/", public_page(api.submission_detail), name="api_submission"),
    path("openapi.json", public_page(api.openapi), name="api_openapi"),
]
