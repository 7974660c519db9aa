from django.shortcuts import render

from submissions import access


def home(request):
    """What a submission is, who may file one, and how the process runs."""
    recent = (
        access.public_submissions().select_related("party").order_by("-last_event_on", "-id")[:5]
    )
    return render(request, "home.html", {"recent": recent})
