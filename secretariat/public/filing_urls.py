"""Public forms: filing, the receipt, the private tracking page and its actions, a lost link,
and information for a factual record."""

from django.urls import path

from secretariat.public import filing_views, information_views, tracking_views

urlpatterns = [
    path("file/", filing_views.file_form, name="file"),
    path("file/receipt/", filing_views.file_receipt, name="file_receipt"),
    path("track/lost/", tracking_views.track_lost, name="track_lost"),
    path("track/<str:token>/", tracking_views.track, name="track"),
    path("track/<str:token>/revision/", tracking_views.track_revision, name="track_revision"),
    path(
        "track/<str:token>/information/",
        tracking_views.track_information,
        name="track_information",
    ),
    path("track/<str:token>/withhold/", tracking_views.track_withhold, name="track_withhold"),
    path("track/<str:token>/withdraw/", tracking_views.track_withdraw, name="track_withdraw"),
    # The docket's own routes are under its include; this form lives beside them.
    path(
        "docket/<slug:slug>/information/",
        information_views.information_submit,
        name="information_submit",
    ),
]
