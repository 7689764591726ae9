from django.contrib import admin
from django.http import HttpRequest

from undersigned.ledger.models import Log, PendingEvent


@admin.register(PendingEvent)
class PendingEventAdmin(admin.ModelAdmin[PendingEvent]):
    list_display = ["id", "letter", "kind", "signature", "created"]
    list_filter = ["kind"]


@admin.register(Log)
class LogAdmin(admin.ModelAdmin[Log]):
    """Read-only: the log changes only through the sequencer."""

    list_display = ["letter", "size", "logged_count", "updated"]
    readonly_fields = ["letter", "size", "logged_count", "updated"]
    exclude = ["root"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Log | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Log | None = None) -> bool:
        return False
