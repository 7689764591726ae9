from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "undersigned.members"
    label = "members"
    verbose_name = "Organisations and members"
