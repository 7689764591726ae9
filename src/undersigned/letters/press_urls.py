from django.urls import path
from django.views.i18n import JavaScriptCatalog

from undersigned.letters import press_views

app_name = "press"
urlpatterns = [
    # The check script's messages, translated (gettext and ngettext for check.js).
    path("check/messages.js", JavaScriptCatalog.as_view(), name="messages"),
    path("l/<slug:slug>/check/", press_views.check, name="check"),
    path("l/<slug:slug>/press/", press_views.press_page, name="press"),
    path("l/<slug:slug>/press/<int:size>/", press_views.press_page, name="snapshot"),
    path("l/<slug:slug>/press/<int:size>/evidence.zip", press_views.evidence_zip, name="evidence"),
]
