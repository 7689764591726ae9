# A log belongs to any subject (content type + id) instead of a letter, and keeps its origin
# line: every existing log keeps the origin its checkpoints were signed with, byte for byte
# (read back from its latest checkpoint), so old checkpoints, tiles and receipts stay valid.

from urllib.parse import urlsplit

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def letters_to_subjects(apps, schema_editor):
    Log = apps.get_model("ledger", "Log")
    Checkpoint = apps.get_model("ledger", "Checkpoint")
    PendingEvent = apps.get_model("ledger", "PendingEvent")
    Letter = apps.get_model("letters", "Letter")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not Log.objects.exists() and not PendingEvent.objects.exists():
        return
    letter_type, _ = ContentType.objects.get_or_create(app_label="letters", model="letter")
    host = settings.LEDGER_ORIGIN_HOST or urlsplit(settings.BASE_URL).netloc
    slugs = dict(Letter.objects.values_list("pk", "slug"))
    for log in Log.objects.all():
        latest = Checkpoint.objects.filter(log=log).order_by("-size").first()
        origin = latest.note.split("\n", 1)[0] if latest else f"{host}/l/{slugs[log.letter_id]}"
        Log.objects.filter(pk=log.pk).update(
            subject_type_id=letter_type.pk, subject_id=log.letter_id, origin=origin
        )
    PendingEvent.objects.update(
        subject_type_id=letter_type.pk,
        subject_id=models.F("letter_id"),
        item_id=models.F("signature_id"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0003_postgres_tile_storage"),
        ("letters", "0003_organisation_in_accounts"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="log",
            name="subject_type",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="contenttypes.contenttype"),
        ),
        migrations.AddField(
            model_name="log",
            name="subject_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="log",
            name="origin",
            field=models.CharField(default="", max_length=255),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="pendingevent",
            name="subject_type",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype"),
        ),
        migrations.AddField(
            model_name="pendingevent",
            name="subject_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="pendingevent",
            name="item_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="pendingevent",
            name="kind",
            field=models.CharField(max_length=20),
        ),
        migrations.RunPython(letters_to_subjects, migrations.RunPython.noop),
        migrations.RemoveField(model_name="log", name="letter"),
        migrations.RemoveField(model_name="pendingevent", name="letter"),
        migrations.RemoveField(model_name="pendingevent", name="signature"),
        migrations.AlterField(
            model_name="log",
            name="subject_type",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="contenttypes.contenttype"),
        ),
        migrations.AlterField(
            model_name="log",
            name="subject_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AlterField(
            model_name="pendingevent",
            name="subject_type",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype"),
        ),
        migrations.AlterField(
            model_name="pendingevent",
            name="subject_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AddConstraint(
            model_name="log",
            constraint=models.UniqueConstraint(fields=("subject_type", "subject_id"), name="log_subject"),
        ),
        migrations.AddIndex(
            model_name="pendingevent",
            index=models.Index(fields=["subject_type", "subject_id", "id"], name="pending_subject"),
        ),
    ]
