from django.urls import path

from undersigned.ledger import views

app_name = "ledger"
urlpatterns = [
    path(".well-known/undersigned/vkey", views.vkey, name="vkey"),
    path("l/<slug:slug>/count.json", views.count, name="count"),
    path("l/<slug:slug>/log/checkpoint", views.checkpoint, name="checkpoint"),
    path("l/<slug:slug>/log/<path:path>", views.tile, name="tile"),
]
