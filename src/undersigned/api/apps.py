from django.apps import AppConfig


class APIConfig(AppConfig):
    name = "undersigned.api"
    label = "api"

    def ready(self) -> None:
        from undersigned.api import receivers  # noqa: F401  (connects the receivers)
