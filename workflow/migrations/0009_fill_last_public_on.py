"""Fill ``Submission.last_public_on`` (submissions 0015) from each case's events, as
``published.changes_public_view`` decides for a new one: the date of its last public event
or decision publishing or withdrawing something."""

from django.db import migrations
from django.db.models import Max, Q

PUBLIC = "public"
DECISION = "visibility_changed"


def forwards(apps, schema_editor):
    Event = apps.get_model("workflow", "Event")
    Submission = apps.get_model("submissions", "Submission")
    shown = Q(visibility=PUBLIC) | Q(kind=DECISION, data__to=PUBLIC) | Q(
        kind=DECISION, data__from=PUBLIC
    )
    latest = Event.objects.filter(shown).values("submission_id").annotate(on=Max("on"))
    for row in latest.order_by("submission_id").iterator():
        Submission.objects.filter(pk=row["submission_id"]).update(last_public_on=row["on"])


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0008_author_choices_read_from_the_profile"),
        ("submissions", "0015_last_public_update"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
