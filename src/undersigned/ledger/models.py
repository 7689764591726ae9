from django.db import models


class PendingEvent(models.Model):
    """An event waiting for the sequencer, written in the same transaction as the change
    it records (a transactional outbox): nothing confirmed can be missing from the log."""

    class Kind(models.TextChoices):
        TEXT = "text"
        SIGN = "sign"
        WITHDRAW = "withdraw"
        REMOVE = "remove"
        RESTORE = "restore"

    letter = models.ForeignKey("letters.Letter", models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    signature = models.ForeignKey(
        "letters.Signature", models.CASCADE, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=40, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} for letter {self.letter_id}"


class Log(models.Model):
    """One append-only log per letter. Its row is the lock: the sequencer holds it with
    SELECT ... FOR UPDATE, so two checkpoints for the same size can never both be signed."""

    letter = models.OneToOneField("letters.Letter", models.CASCADE, related_name="log")
    size = models.BigIntegerField(default=0)
    root = models.BinaryField(default=b"")
    # The count replayed from the log (signatures whose latest entry is sign or restore),
    # kept as entries are appended.
    logged_count = models.BigIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"log of letter {self.letter_id} ({self.size} entries)"


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
    """Whether the `sign` entry at `index` is counted (its latest entry is sign or restore),
    so that appending a withdraw, remove or restore moves `Log.logged_count` in O(1)."""

    log = models.ForeignKey(Log, models.CASCADE, related_name="+")
    index = models.BigIntegerField()
    counted = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["log", "index"], name="sign_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"sign entry {self.index} of {self.log_id}"
