from django.urls import path

from undersigned.letters import press_views

app_name = "press"
urlpatterns = [
    path("l/<slug:slug>/check/", press_views.check, name="check"),
    path("l/<slug:slug>/press/", press_views.press_page, name="press"),
    path("l/<slug:slug>/press/<int:size>/", press_views.press_page, name="snapshot"),
    path("l/<slug:slug>/press/<int:size>/evidence.zip", press_views.evidence_zip, name="evidence"),
]
