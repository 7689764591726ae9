from datetime import UTC, datetime

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class LogQuerySet(models.QuerySet["Log"]):
    def of(self, subject: models.Model) -> "LogQuerySet":
        """The log of a letter, a motion, or any other subject."""
        return self.filter(
            subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
        )


class PendingEvent(models.Model):
    """An event waiting for the sequencer, written in the same transaction as the change
    it records (a transactional outbox): nothing confirmed can be missing from the log.
    The subject (a letter, a motion) is any model, through a content type; what `kind`
    and `item_id` mean is up to that subject's kind (see subjects.py)."""

    subject_type = models.ForeignKey(ContentType, models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=20)
    # The thing the event is about inside the subject (a letter's signature), if any.
    item_id = models.PositiveBigIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=40, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "id"], name="pending_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} for {self.subject_type_id}/{self.subject_id}"


class Log(models.Model):
    """One append-only log per subject (a letter, a motion). Its row is the lock: the
    sequencer holds it with SELECT ... FOR UPDATE, so two checkpoints for the same size can
    never both be signed."""

    subject_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    # The checkpoints' origin line, fixed when the log is made: a log never changes its name
    # (a new LEDGER_ORIGIN_HOST names new logs only).
    origin = models.CharField(max_length=255)
    # The name in the log's signature lines: the origin for logs made since names follow
    # tlog-checkpoint; blank for older logs, which keep the site key's own name (the host).
    key_name = models.CharField(max_length=255, blank=True)
    size = models.BigIntegerField(default=0)
    root = models.BinaryField(default=b"")
    # The count replayed from the log (items whose latest entry counts them, e.g. signatures
    # whose latest entry is sign or restore), kept as entries are appended.
    logged_count = models.BigIntegerField(default=0)
    # Set when the stored tree no longer reproduces the last signed root: the sequencer
    # stops appending to this log until an operator has repaired it and cleared this.
    fault = models.TextField(blank=True)
    updated = models.DateTimeField(auto_now=True)

    objects = LogQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subject_type", "subject_id"], name="log_subject"),
        ]

    def __str__(self) -> str:
        return f"log {self.origin} ({self.size} entries)"


class Tile(models.Model):
    """A C2SP tlog-tiles hash tile: up to 256 concatenated SHA-256 hashes. Only the
    rightmost tile of each level grows; full tiles never change."""

    log = models.ForeignKey(Log, models.CASCADE, related_name="tiles")
    level = models.PositiveSmallIntegerField()
    index = models.BigIntegerField()
    hashes = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["log", "level", "index"], name="tile_unique"),
        ]

    def __str__(self) -> str:
        return f"tile {self.level}/{self.index} of {self.log_id}"


class EntryBundle(models.Model):
    """A C2SP tlog-tiles entry bundle: up to 256 entries, each prefixed by its length as a
    big-endian uint16."""

    log = models.ForeignKey(Log, models.CASCADE, related_name="bundles")
    index = models.BigIntegerField()
    width = models.PositiveSmallIntegerField(default=0)
    entries = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["log", "index"], name="bundle_unique"),
        ]

    def __str__(self) -> str:
        return f"entries {self.index} of {self.log_id}"


class Checkpoint(models.Model):
    """A signed C2SP tlog-checkpoint, one for each size the log has had."""

    log = models.ForeignKey(Log, models.CASCADE, related_name="checkpoints")
    size = models.BigIntegerField()
    note = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["log", "size"]
        constraints = [
            models.UniqueConstraint(fields=["log", "size"], name="checkpoint_size_unique"),
        ]

    def __str__(self) -> str:
        return f"checkpoint {self.size} of {self.log_id}"


class SignEntry(models.Model):
    """Whether the counted entry at `index` (a letter's `sign`) still counts (its latest
    entry is sign or restore), so that appending a withdraw, remove or restore moves
    `Log.logged_count` in O(1)."""

    log = models.ForeignKey(Log, models.CASCADE, related_name="+")
    index = models.BigIntegerField()
    counted = models.BooleanField(default=True)
    # No later entry may count it again (its signer withdrew it).
    final = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["log", "index"], name="sign_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"sign entry {self.index} of {self.log_id}"


class Cosignature(models.Model):
    """A witness's C2SP tlog-cosignature (cosignature/v1) on one of the log's checkpoints,
    as the note signature line the witness returned: served after the log's own line."""

    checkpoint = models.ForeignKey(Checkpoint, models.CASCADE, related_name="cosignatures")
    witness = models.CharField(max_length=255)  # the witness's key name
    key_id = models.CharField(max_length=8)  # hex
    timestamp = models.BigIntegerField()  # POSIX seconds, as signed by the witness
    line = models.TextField()  # "— <name> <base64>", without the newline
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["checkpoint", "witness"]
        constraints = [
            models.UniqueConstraint(
                fields=["checkpoint", "witness", "key_id"], name="cosignature_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"cosignature by {self.witness} on {self.checkpoint_id}"

    @property
    def signed_at(self) -> datetime:
        return datetime.fromtimestamp(self.timestamp, UTC)
