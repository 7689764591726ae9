from django.apps import AppConfig


class MotionsConfig(AppConfig):
    name = "undersigned.motions"
    label = "motions"
    verbose_name = "Motions and meetings"
