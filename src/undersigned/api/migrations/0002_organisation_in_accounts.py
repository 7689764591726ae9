import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("accounts", "0003_organisations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="apitoken",
                    name="organisation",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="api_tokens", to="accounts.organisation"),
                ),
            ],
            database_operations=[],
        ),
    ]
