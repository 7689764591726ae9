from django.urls import path

from undersigned.motions import ballots, log, views

app_name = "motions"
body = "o/<slug:org_slug>/bodies/<slug:slug>/"
urlpatterns = [
    path("o/<slug:org_slug>/rulebook/", views.rulebook, name="rulebook"),
    path(body, views.body, name="body"),
    path(body + "meetings/<int:pk>/", views.meeting, name="meeting"),
    path(body + "motions/<int:pk>/", views.motion, name="motion"),
    path(body + "motions/<int:pk>/ballots/", ballots.published_ballots, name="ballots"),
    path(body + "motions/<int:pk>/log/checkpoint", log.checkpoint, name="log_checkpoint"),
    path(body + "motions/<int:pk>/log/<path:path>", log.tile, name="log_tile"),
    path("o/<slug:org_slug>/rulebook.toml", views.rulebook_source, name="rulebook_source"),
    path("v/<str:token>/", ballots.ballot, name="ballot"),
    path("v/room/<str:code>/", ballots.room, name="room"),
    path("v/room/<str:code>/qr.svg", ballots.room_qr, name="room_qr"),
]
