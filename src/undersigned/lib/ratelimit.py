"""Fixed-window rate limits kept in Django's cache: Redis when REDIS_URL is set, else the
database cache, so every process shares them. Keys should name what is limited and for
whom, e.g. `f"number-postcode:{network_hash}"`; never put a raw address or email in a key."""

import hashlib
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import connections, router, transaction

_PREFIX = "ratelimit:"


@contextmanager
def _serialised(key: str) -> Iterator[None]:
    """Make read-then-write on `key` atomic across processes for the database cache: one
    transaction, holding SQLite's write lock (transactions start IMMEDIATE) or a PostgreSQL
    advisory lock on the key until it ends."""
    backend = caches["default"]
    assert isinstance(backend, DatabaseCache)
    alias = router.db_for_write(backend.cache_model_class)
    with transaction.atomic(using=alias):
        connection = connections[alias]
        if connection.vendor == "postgresql":
            lock = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock])
        yield


def _count(value: object) -> int:
    if isinstance(value, (tuple, list)):
        return int(value[0])
    return int(value) if isinstance(value, (int, str)) else 0


def hit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit on `key`; True while the hits in the current window are within `limit`."""
    return hits(key, window_seconds) <= limit


def hits(key: str, window_seconds: int) -> int:
    """Count one hit on `key` and say how many the current window has had, this one
    included (for two limits on one key in one round trip)."""
    full = _PREFIX + key
    if isinstance(backend := caches["default"], RedisCache):
        return _redis_hit(backend, full, window_seconds)
    if isinstance(caches["default"], DatabaseCache):
        # The database cache has no atomic increment (incr is get then set, and set would
        # restart the expiry): keep (count, end of window) under a lock.
        with _serialised(full):
            now = time.time()
            found = cache.get(full)
            count, ends = (
                (found[0], found[1]) if found and found[1] > now else (0, now + window_seconds)
            )
            count += 1
            cache.set(full, (count, ends), timeout=max(1, math.ceil(ends - now)))
        return int(count)
    # add() only starts a window if none is running; incr() is atomic in Redis and locmem.
    cache.add(full, 0, timeout=window_seconds)
    try:
        count = cache.incr(full)
    except ValueError:
        # The window expired between add() and incr(): this hit starts a new one.
        cache.set(full, 1, timeout=window_seconds)
        count = 1
    return int(count)


def exceeded(key: str, limit: int) -> bool:
    """True once `key` has had `limit` hits in its current window, without counting one
    (for limits on failures: check before trying, `hit()` after a failure)."""
    return _count(cache.get(_PREFIX + key)) >= limit


def reset(key: str) -> None:
    """Forget the hits on `key` (a fresh start, e.g. after a signer withdraws)."""
    cache.delete(_PREFIX + key)


def _redis_hit(backend: RedisCache, full: str, window_seconds: int) -> int:
    """The same fixed window in one round trip (the generic path takes three): start it if
    none is running, count the hit, and make sure the window ends even if it ran out
    between the two (EXPIRE NX sets a lifetime only on a key that has none). Each command
    is atomic and they run in order, so no MULTI/EXEC is needed around them."""
    key = backend.make_and_validate_key(full)
    client = backend._cache.get_client(key, write=True)
    with client.pipeline(transaction=False) as pipe:
        pipe.set(key, 0, ex=window_seconds, nx=True)
        pipe.incr(key)
        pipe.expire(key, window_seconds, nx=True)
        count = pipe.execute()[1]
    return int(count)
