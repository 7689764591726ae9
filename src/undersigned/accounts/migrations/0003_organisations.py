# Organisation, Region and Branch move from the members app to accounts (the bottom layer),
# keeping their tables: only Django's idea of which app owns them changes.

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

CODE = django.core.validators.RegexValidator(
    "^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$",
    "Use letters, digits, '.', '_' or '-' (up to 40 characters).",
)


def move_content_types(apps, schema_editor):
    """Keep the content types (and so the admin permissions) of the moved models."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("organisation", "region", "branch"):
        if not ContentType.objects.filter(app_label="accounts", model=model).exists():
            ContentType.objects.filter(app_label="members", model=model).update(
                app_label="accounts"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_invite"),
        ("members", "0002_roster"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Organisation",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=200)),
                        ("slug", models.SlugField(max_length=80, unique=True)),
                        ("accent_colour", models.CharField(default="#1d5c8f", max_length=7, validators=[django.core.validators.RegexValidator("^#[0-9a-fA-F]{6}$", "Use a colour like #1d5c8f.")])),
                        ("contact_email", models.EmailField(blank=True, max_length=254)),
                        ("allow_number_postcode", models.BooleanField(default=False)),
                        ("show_branch_share", models.BooleanField(default=False)),
                        ("created", models.DateTimeField(auto_now_add=True)),
                    ],
                    options={"ordering": ["name"], "db_table": "members_organisation"},
                ),
                migrations.CreateModel(
                    name="Region",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("code", models.CharField(max_length=40, validators=[CODE])),
                        ("name", models.CharField(max_length=200)),
                        ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="regions", to="accounts.organisation")),
                    ],
                    options={
                        "ordering": ["name"],
                        "db_table": "members_region",
                        "constraints": [models.UniqueConstraint(fields=("organisation", "code"), name="region_code_unique")],
                    },
                ),
                migrations.CreateModel(
                    name="Branch",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("code", models.CharField(max_length=40, validators=[CODE])),
                        ("name", models.CharField(max_length=200)),
                        ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="branches", to="accounts.organisation")),
                        ("region", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="branches", to="accounts.region")),
                    ],
                    options={
                        "verbose_name_plural": "branches",
                        "ordering": ["region__name", "name"],
                        "db_table": "members_branch",
                        "constraints": [models.UniqueConstraint(fields=("organisation", "code"), name="branch_code_unique")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, migrations.RunPython.noop),
    ]
