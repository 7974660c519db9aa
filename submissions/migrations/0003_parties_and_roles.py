from django.db import migrations

from submissions.reference import ACCESS_GROUPS, ROLES, ensure_reference_data


def create(apps, schema_editor):
    ensure_reference_data(apps.get_model("submissions", "Party"), apps.get_model("auth", "Group"))


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES + ACCESS_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create, remove)]
