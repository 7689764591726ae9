from django.urls import path

from undersigned.letters import log, subject_access_views, views

app_name = "letters"
urlpatterns = [
    path("l/<slug:slug>/", views.letter, name="letter"),
    path("challenge.json", views.challenge_json, name="challenge"),
    path("l/<slug:slug>/signed/", views.check_email, name="check_email"),
    path("l/<slug:slug>/confirm/<str:token>/", views.confirm, name="confirm"),
    path("l/<slug:slug>/withdraw/<str:token>/", views.withdraw, name="withdraw"),
    path("l/<slug:slug>/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("l/<slug:slug>/changes/", views.changes, name="changes"),
    path("l/<slug:slug>/my-data/", subject_access_views.ask, name="my_data_ask"),
    path("l/<slug:slug>/my-data/<str:token>/", subject_access_views.show, name="my_data"),
    path(
        "l/<slug:slug>/my-data/<str:token>/data.json",
        subject_access_views.download,
        name="my_data_download",
    ),
    path(
        "l/<slug:slug>/my-data/<str:token>/erase/",
        subject_access_views.erase,
        name="my_data_erase",
    ),
    path("l/<slug:slug>/count.json", log.count, name="count"),
    path("l/<slug:slug>/log/checkpoint", log.checkpoint, name="log_checkpoint"),
    path("l/<slug:slug>/log/<path:path>", log.tile, name="log_tile"),
]
