from django.urls import path

from secretariat.public import docket_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("statistics/", docket_views.statistics_page, name="statistics"),
]
