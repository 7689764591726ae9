"""With REDIS_URL set, the cache and the rate limits live in Redis and are shared by every
app process (two separate processes here)."""

import os
import socket
import subprocess
import sys
import uuid

import pytest

from tests.test_settings import CLEAN_ENV

REDIS = ("127.0.0.1", 6379)


def redis_is_up() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
        return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(
    not redis_is_up() and os.environ.get("UNDERSIGNED_REQUIRE_SERVICES") != "true",
    reason="no Redis on 127.0.0.1:6379 (.ci/run starts one)",
)

HIT = "from undersigned.lib import ratelimit; import sys; print(ratelimit.hit(sys.argv[1], 2, 60))"


def hit_in_a_new_process(key: str, tmp_path) -> str:  # type: ignore[no-untyped-def]
    env = {
        **CLEAN_ENV,
        "DEBUG": "true",
        "VAR_DIR": str(tmp_path),
        "REDIS_URL": "redis://127.0.0.1:6379/15",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ.setdefault("
            "'DJANGO_SETTINGS_MODULE', 'undersigned.settings'); django.setup(); " + HIT,
            key,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_rate_limits_are_shared_between_processes_through_redis(tmp_path) -> None:  # type: ignore[no-untyped-def]
    key = f"test:{uuid.uuid4().hex}"
    assert hit_in_a_new_process(key, tmp_path) == "True"
    assert hit_in_a_new_process(key, tmp_path) == "True"
    # A third process sees the two earlier hits: the limit of 2 is reached.
    assert hit_in_a_new_process(key, tmp_path) == "False"


def test_the_cache_keeps_one_redis_client_per_server() -> None:
    """Django's backend built a redis.Redis (copying ~500 response callbacks) for every
    operation; ours keeps one, so a cached page costs a round trip and little else."""
    from undersigned.lib.cache import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/15", {})
    cache.set("client-reuse", 1)
    first = cache._cache.get_client(write=True)
    assert cache.get("client-reuse") == 1
    assert cache._cache.get_client(write=True) is first
    assert cache._cache.get_client(write=False) is first  # one server: reads go there too
    cache.delete("client-reuse")
