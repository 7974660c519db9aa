from django.urls import path

from secretariat.public import docket_views, views
from secretariat.public.cache import public_page

urlpatterns = [
    path("", public_page(views.home), name="home"),
    path("statistics/", public_page(docket_views.statistics_page), name="statistics"),
]
