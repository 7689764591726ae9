from django.apps import AppConfig


class MotionsConfig(AppConfig):
    name = "undersigned.motions"
    label = "motions"
    verbose_name = "Motions and meetings"

    def ready(self) -> None:
        from undersigned.ledger import subjects
        from undersigned.motions import verify
        from undersigned.motions.log import MotionLogKind

        subjects.register(MotionLogKind())
        subjects.register_verifier(verify.PATH, verify.check)
