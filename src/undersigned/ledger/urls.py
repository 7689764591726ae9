from django.urls import path

from undersigned.ledger import views

app_name = "ledger"
urlpatterns = [
    path(".well-known/undersigned/vkey", views.vkey, name="vkey"),
    path(".well-known/undersigned/witnesses", views.witnesses, name="witnesses"),
]
