"""Finding 10: without Redis, each process kept its own rate limits."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import TransactionTestCase

SCRIPT = """
import django
django.setup()
from undersigned.lib import ratelimit
print(sum(ratelimit.hit("shared-test", 30, 600) for _ in range(20)))
"""


class SharedLimitTests(TransactionTestCase):
    def test_the_default_cache_is_the_database(self) -> None:
        self.assertEqual(
            settings.CACHES["default"]["BACKEND"], "django.core.cache.backends.db.DatabaseCache"
        )

    def test_a_limit_holds_across_processes(self) -> None:
        db = connection.settings_dict
        if connection.vendor == "sqlite":
            url = f"sqlite:///{db['NAME']}"
        else:
            url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "tests.settings"}
        root = Path(__file__).resolve().parents[2]
        env["PYTHONPATH"] = os.pathsep.join([str(root / "src"), str(root)])
        workers = [
            subprocess.Popen(  # noqa: S603
                [sys.executable, "-c", SCRIPT], env=env, stdout=subprocess.PIPE, text=True
            )
            for _ in range(4)
        ]
        allowed = sum(int(worker.communicate(timeout=120)[0].strip()) for worker in workers)
        self.assertEqual(allowed, 30)
