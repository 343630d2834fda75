from django.db import migrations

# (code, name, name in Arabic, ClaimReview rating value); editable in the admin.
DEFAULT_SCALE = [
    ("true", "True", "صحيح", 5),
    ("mostly-true", "Mostly true", "صحيح في معظمه", 4),
    ("misleading", "Misleading", "مضلل", 3),
    ("mostly-false", "Mostly false", "خاطئ في معظمه", 2),
    ("false", "False", "خاطئ", 1),
    ("unverifiable", "Unverifiable", "لا يمكن التحقق منه", 0),
]


def seed_scale(apps, schema_editor):
    RatingLabel = apps.get_model("claims", "RatingLabel")
    for position, (slug, name, name_ar, value) in enumerate(DEFAULT_SCALE):
        RatingLabel.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_ar": name_ar, "value": value, "position": position}
        )


def remove_scale(apps, schema_editor):
    RatingLabel = apps.get_model("claims", "RatingLabel")
    RatingLabel.objects.filter(slug__in=[row[0] for row in DEFAULT_SCALE], verdicts__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_review")]
    operations = [migrations.RunPython(seed_scale, remove_scale)]
