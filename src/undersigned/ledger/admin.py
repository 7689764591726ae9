from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from undersigned.ledger.models import (
    Checkpoint,
    Cosignature,
    EntryBundle,
    Log,
    PendingEvent,
    SignEntry,
    Tile,
)
from undersigned.lib.admin import ReadOnlyAdmin


@admin.register(PendingEvent)
class PendingEventAdmin(admin.ModelAdmin[PendingEvent]):
    list_display = ["id", "subject_type", "subject_id", "kind", "item_id", "created"]
    list_filter = ["kind"]


@admin.register(Log)
class LogAdmin(ReadOnlyAdmin):
    """Read-only: the log changes only through the sequencer."""

    list_display = ["subject", "origin", "size", "logged_count", "fault", "updated"]
    exclude = ["root"]
    actions = ["resume"]

    @admin.action(description="Resume appending (after repairing the stored log)")
    def resume(self, request: HttpRequest, queryset: QuerySet[Log]) -> None:
        # Safe to press too early: the sequencer checks the tree again before appending.
        resumed = queryset.exclude(fault="").update(fault="")
        self.message_user(request, f"{resumed} log(s) will be checked and extended again.")


@admin.register(Checkpoint)
class CheckpointAdmin(ReadOnlyAdmin):
    list_display = ["log", "size", "created"]


@admin.register(Tile)
class TileAdmin(ReadOnlyAdmin):
    list_display = ["log", "level", "index"]
    exclude = ["hashes"]


@admin.register(EntryBundle)
class EntryBundleAdmin(ReadOnlyAdmin):
    list_display = ["log", "index", "width"]
    exclude = ["entries"]


@admin.register(SignEntry)
class SignEntryAdmin(ReadOnlyAdmin):
    list_display = ["log", "index", "counted"]


@admin.register(Cosignature)
class CosignatureAdmin(ReadOnlyAdmin):
    list_display = ["checkpoint", "witness", "key_id", "signed_at"]
