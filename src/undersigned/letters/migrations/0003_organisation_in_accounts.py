# Letters point at accounts.Organisation/Region/Branch (same tables), and Refusal moves here
# from the members app (same table): eligibility no longer knows letters.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0002_rosters_signature_roster_entry"),
        ("accounts", "0003_organisations"),
        ("members", "0002_roster"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="letter",
                    name="organisation",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="letters", to="accounts.organisation"),
                ),
                migrations.AlterField(
                    model_name="letter",
                    name="eligible_branches",
                    field=models.ManyToManyField(blank=True, related_name="+", to="accounts.branch"),
                ),
                migrations.AlterField(
                    model_name="letter",
                    name="eligible_regions",
                    field=models.ManyToManyField(blank=True, related_name="+", to="accounts.region"),
                ),
                migrations.AlterField(
                    model_name="signature",
                    name="branch",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="accounts.branch"),
                ),
                migrations.AlterField(
                    model_name="signature",
                    name="region",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="accounts.region"),
                ),
                migrations.CreateModel(
                    name="Refusal",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("email", models.EmailField(max_length=254)),
                        ("created", models.DateTimeField(auto_now_add=True)),
                        ("letter", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="letters.letter")),
                    ],
                    options={"db_table": "members_refusal"},
                ),
            ],
            database_operations=[],
        ),
    ]
