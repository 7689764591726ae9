"""Read replicas: with DATABASE_REPLICA_URL set, the public reads that carry a viral day
(the letter page, signatories, the log's tiles and checkpoint, the count) are read from the
replica; everything else, and every write, goes to the primary. A signer who just wrote
(signed, confirmed, withdrew) gets a short-lived cookie that pins their next pages to the
primary, so they see their own write even while the replica lags (read-your-writes)."""

from contextvars import ContextVar
from typing import Any

from django import db
from django.conf import settings
from django.db.models import Model

REPLICA = "replica"
PIN_COOKIE = "primary"

use_replica: ContextVar[bool] = ContextVar("use_replica", default=False)

# Views (by URL name) whose GET and HEAD may be answered from the replica.
PUBLIC_READS = frozenset(
    {
        "home",
        "letters:letter",
        "letters:changes",
        "letters:count",
        "letters:log_checkpoint",
        "letters:log_tile",
        "ledger:vkey",
        "motions:body",
        "motions:meeting",
        "motions:motion",
        "motions:rulebook",
        "motions:log_checkpoint",
        "motions:log_tile",
        "sharing:embed",
        "sharing:print",
        "api-v1:list_letters",
        "api-v1:letter_detail",
        "api-v1:signatories",
        "api-v1:count",
    }
)


def configured() -> bool:
    return REPLICA in settings.DATABASES and any(
        isinstance(installed, ReplicaRouter) for installed in db.router.routers
    )


class ReplicaRouter:
    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        return REPLICA if use_replica.get() and REPLICA in settings.DATABASES else None

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        return True  # one database, two copies

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db != REPLICA
