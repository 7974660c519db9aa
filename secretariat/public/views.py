from django.shortcuts import render

from submissions import access, profiles, withheld
from workflow.deadlines import mark_comments_in


def home(request):
    """What a submission is, who may file one, and how the process runs."""
    recent = list(
        access.public_submissions().select_related("party").order_by("-last_public_on", "-id")[:5]
    )
    withheld.mask_cases(recent)  # a withheld name a title still writes: the label
    mark_comments_in(recent)  # the stage as the case page reads it (walk 66)
    # The TPA's sixth criterion (who files) is the USMCA's standing rule, not a criterion.
    standing_criterion = "f" in profiles.installed().criteria
    return render(
        request, "home.html", {"recent": recent, "standing_criterion": standing_criterion}
    )
