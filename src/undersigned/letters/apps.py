from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "undersigned.letters"
    label = "letters"

    def ready(self) -> None:
        from undersigned.ledger import subjects
        from undersigned.letters import pagecache, receivers
        from undersigned.letters.log import LetterLogKind
        from undersigned.members.signals import roster_changed

        roster_changed.connect(receivers.mark_lapsed_signatures, dispatch_uid="letters-lapsed")
        subjects.register(LetterLogKind())
        pagecache.connect()
