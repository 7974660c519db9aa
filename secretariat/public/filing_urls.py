"""Public forms: filing, the receipt, the private tracking page and its actions, a lost link,
and information for a factual record."""

from django.urls import path

from secretariat.public import filing_views, information_views, tracking_views
from secretariat.public.cache import public_page

urlpatterns = [
    # The empty form is the same for every visitor but for their CSRF token: kept like the
    # docket's pages (each visitor's token put in on the way out); a POST always runs the view.
    path("file/", public_page(filing_views.file_form), name="file"),
    path("file/receipt/", filing_views.file_receipt, name="file_receipt"),
    path("track/lost/", tracking_views.track_lost, name="track_lost"),
    # The link in the emails: exchanged for the session, then the token-free pages below.
    path("track/<str:token>/", tracking_views.track, name="track"),
    path("track/case/<int:pk>/", tracking_views.track_case, name="track_case"),
    path(
        "track/case/<int:pk>/documents/<int:document_pk>/",
        tracking_views.track_document,
        name="track_document",
    ),
    path("track/case/<int:pk>/revision/", tracking_views.track_revision, name="track_revision"),
    path(
        "track/case/<int:pk>/information/",
        tracking_views.track_information,
        name="track_information",
    ),
    path("track/case/<int:pk>/withhold/", tracking_views.track_withhold, name="track_withhold"),
    path("track/case/<int:pk>/withdraw/", tracking_views.track_withdraw, name="track_withdraw"),
    path("track/case/<int:pk>/leave/", tracking_views.track_leave, name="track_leave"),
    # The docket's own routes are under its include; this form lives beside them.
    path(
        "docket/<slug:slug>/information/",
        information_views.information_submit,
        name="information_submit",
    ),
]
