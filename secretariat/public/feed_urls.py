"""Routes of the notices: the Atom feeds of the public docket."""

from django.urls import path

from secretariat.public import feeds
from secretariat.public.cache import public_page

urlpatterns = [
    path("docket/feed/", public_page(feeds.DocketFeed()), name="docket_feed"),
    path("docket/<slug:slug>/feed/", public_page(feeds.CaseFeed()), name="case_feed"),
]
