from django.contrib import admin

from undersigned.ledger.models import Checkpoint, EntryBundle, Log, PendingEvent, SignEntry, Tile
from undersigned.lib.admin import ReadOnlyAdmin


@admin.register(PendingEvent)
class PendingEventAdmin(admin.ModelAdmin[PendingEvent]):
    list_display = ["id", "subject_type", "subject_id", "kind", "item_id", "created"]
    list_filter = ["kind"]


@admin.register(Log)
class LogAdmin(ReadOnlyAdmin):
    """Read-only: the log changes only through the sequencer."""

    list_display = ["subject", "origin", "size", "logged_count", "updated"]
    exclude = ["root"]


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
