from django.contrib import admin

from undersigned.api.models import ApiToken
from undersigned.lib.admin import ReadOnlyAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Tokens are created and revoked by their owners in the workspace."""

    list_display = ["name", "user", "organisation", "hint", "created", "last_used", "revoked_at"]
    list_filter = ["organisation"]
    exclude = ["digest"]
