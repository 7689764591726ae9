from django.apps import AppConfig


class APIConfig(AppConfig):
    name = "undersigned.api"
    label = "api"
