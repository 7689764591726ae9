# Roles, invitations and the audit log point at accounts.Organisation (same tables), and an
# audit entry is about any subject (a content type + id) instead of a letter.

import django.db.models.deletion
from django.db import migrations, models


def letters_to_subjects(apps, schema_editor):
    AuditEntry = apps.get_model("accounts", "AuditEntry")
    Letter = apps.get_model("letters", "Letter")
    ContentType = apps.get_model("contenttypes", "ContentType")
    entries = AuditEntry.objects.filter(letter__isnull=False)
    if not entries.exists():
        return
    letter_type, _ = ContentType.objects.get_or_create(app_label="letters", model="letter")
    titles = dict(Letter.objects.values_list("pk", "title"))
    for entry in entries.iterator():
        entry.subject_type_id = letter_type.pk
        entry.subject_id = entry.letter_id
        entry.subject_label = titles.get(entry.letter_id, "")[:200]
        entry.save(update_fields=["subject_type", "subject_id", "subject_label"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_organisations"),
        ("letters", "0002_rosters_signature_roster_entry"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="membership",
                    name="organisation",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="staff", to="accounts.organisation"),
                ),
                migrations.AlterField(
                    model_name="auditentry",
                    name="organisation",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="audit", to="accounts.organisation"),
                ),
                migrations.AlterField(
                    model_name="invite",
                    name="organisation",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="invites", to="accounts.organisation"),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="auditentry",
            name="subject_type",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="contenttypes.contenttype"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="subject_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="subject_label",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.RunPython(letters_to_subjects, migrations.RunPython.noop),
        migrations.RemoveField(model_name="auditentry", name="letter"),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["subject_type", "subject_id"], name="audit_subject"),
        ),
    ]
