"""Routes of the notices: the Atom feeds of the public docket."""

from django.urls import path

from secretariat.public import feeds

urlpatterns = [
    path("docket/feed/", feeds.DocketFeed(), name="docket_feed"),
    path("docket/<slug:slug>/feed/", feeds.CaseFeed(), name="case_feed"),
]
