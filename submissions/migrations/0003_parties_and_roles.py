from django.db import migrations

PARTIES = [("PE", "Peru", "Perú"), ("US", "United States", "Estados Unidos")]
ROLES = ["secretariat_officer", "executive_director", "party_focal_point", "council_member",
         "auditor"]
ACCESS_GROUPS = ["party_focal_point:PE", "party_focal_point:US", "council_member:PE",
                 "council_member:US"]


def create(apps, schema_editor):
    Party = apps.get_model("submissions", "Party")
    Group = apps.get_model("auth", "Group")
    for code, name_en, name_es in PARTIES:
        Party.objects.update_or_create(code=code, defaults={"name_en": name_en,
                                                             "name_es": name_es})
    for name in ROLES + ACCESS_GROUPS:
        Group.objects.get_or_create(name=name)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES + ACCESS_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create, remove)]
