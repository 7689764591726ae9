from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "undersigned.letters"
    label = "letters"

    def ready(self) -> None:
        from undersigned.letters import pagecache

        pagecache.connect()
