"""The open-data API, without a language prefix (its names are the registry format's)."""

from django.urls import path

from secretariat.public import api

urlpatterns = [
    path("submissions/", api.submission_list, name="api_submissions"),
    path("submissions/<slug:slug>/", api.submission_detail, name="api_submission"),
    path("openapi.json", api.openapi, name="api_openapi"),
]
