from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "undersigned.workspace"
    label = "workspace"
