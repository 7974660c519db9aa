from django.urls import path

from secretariat.public import data_views, docket_views, views
from secretariat.public.cache import public_page

urlpatterns = [
    path("", public_page(views.home), name="home"),
    path("statistics/", public_page(docket_views.statistics_page), name="statistics"),
    path("data/", public_page(data_views.open_data), name="open_data"),
]
