from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "undersigned.ledger"
    label = "ledger"
