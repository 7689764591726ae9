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
