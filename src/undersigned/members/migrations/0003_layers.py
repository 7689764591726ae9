# The members app no longer knows letters: rosters point at accounts.Organisation/Branch
# (same tables), an invited list belongs to any subject (content type + id), Refusal moved to
# letters, and Organisation/Region/Branch moved to accounts.

import django.db.models.deletion
from django.db import migrations, models


def letters_to_subjects(apps, schema_editor):
    InvitedEmail = apps.get_model("members", "InvitedEmail")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not InvitedEmail.objects.exists():
        return
    letter_type, _ = ContentType.objects.get_or_create(app_label="letters", model="letter")
    InvitedEmail.objects.update(subject_type_id=letter_type.pk, subject_id=models.F("letter_id"))


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_roster"),
        ("accounts", "0004_audit_subject"),
        ("api", "0002_organisation_in_accounts"),
        ("letters", "0003_organisation_in_accounts"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="rosterentry",
                    name="organisation",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="roster", to="accounts.organisation"),
                ),
                migrations.AlterField(
                    model_name="rosterentry",
                    name="branch",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="roster", to="accounts.branch"),
                ),
                migrations.DeleteModel(name="Refusal"),
                migrations.DeleteModel(name="Branch"),
                migrations.DeleteModel(name="Region"),
                migrations.DeleteModel(name="Organisation"),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="invitedemail",
            name="subject_type",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype"),
        ),
        migrations.AddField(
            model_name="invitedemail",
            name="subject_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.RunPython(letters_to_subjects, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="invitedemail", name="invited_unique"),
        migrations.RemoveField(model_name="invitedemail", name="letter"),
        migrations.AlterField(
            model_name="invitedemail",
            name="subject_type",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype"),
        ),
        migrations.AlterField(
            model_name="invitedemail",
            name="subject_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AddConstraint(
            model_name="invitedemail",
            constraint=models.UniqueConstraint(fields=("subject_type", "subject_id", "email_digest"), name="invited_unique"),
        ),
    ]
