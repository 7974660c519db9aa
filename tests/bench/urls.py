"""The site's routes plus a trivial view: the baseline each docket figure is compared with."""

from django.http import HttpResponse
from django.urls import path

from secretariat.urls import urlpatterns as site_patterns


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *site_patterns]
