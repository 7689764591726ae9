import pytest
from django.test import TransactionTestCase

DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


def _uses_database(request: pytest.FixtureRequest) -> bool:
    if request.cls is not None and issubclass(request.cls, TransactionTestCase):
        return True
    return bool(request.node.get_closest_marker("django_db")) or bool(
        DB_FIXTURES & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def _clean_cache(request: pytest.FixtureRequest) -> None:
    from django.core.cache import cache, caches
    from django.core.cache.backends.db import DatabaseCache

    # The default cache is a database table: a test without the database never touched it.
    if isinstance(caches["default"], DatabaseCache) and not _uses_database(request):
        return
    cache.clear()
