from django.contrib import admin

from undersigned.ledger.models import PendingEvent


@admin.register(PendingEvent)
class PendingEventAdmin(admin.ModelAdmin[PendingEvent]):
    list_display = ["id", "letter", "kind", "signature", "created"]
    list_filter = ["kind"]
