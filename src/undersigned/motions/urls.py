from django.urls import path

from undersigned.motions import views

app_name = "motions"
body = "o/<slug:org_slug>/bodies/<slug:slug>/"
urlpatterns = [
    path("o/<slug:org_slug>/rulebook/", views.rulebook, name="rulebook"),
    path(body, views.body, name="body"),
    path(body + "meetings/<int:pk>/", views.meeting, name="meeting"),
    path(body + "motions/<int:pk>/", views.motion, name="motion"),
]
