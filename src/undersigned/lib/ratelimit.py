"""Fixed-window rate limits kept in Django's cache (Redis when REDIS_URL is set, so every
process shares them). Keys should name what is limited and for whom, e.g.
`f"number-postcode:{network_hash}"`; never put a raw address or email in a key."""

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

_PREFIX = "ratelimit:"


def hit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit on `key`; True while the hits in the current window are within `limit`."""
    full = _PREFIX + key
    if isinstance(backend := caches["default"], RedisCache):
        return _redis_hit(backend, full, window_seconds) <= limit
    # add() only starts a window if none is running; incr() is atomic in Redis and locmem.
    cache.add(full, 0, timeout=window_seconds)
    try:
        count = cache.incr(full)
    except ValueError:
        # The window expired between add() and incr(): this hit starts a new one.
        cache.set(full, 1, timeout=window_seconds)
        count = 1
    return count <= limit


def exceeded(key: str, limit: int) -> bool:
    """True once `key` has had `limit` hits in its current window, without counting one
    (for limits on failures: check before trying, `hit()` after a failure)."""
    count = cache.get(_PREFIX + key, 0)
    return int(count) >= limit


def _redis_hit(backend: RedisCache, full: str, window_seconds: int) -> int:
    """The same fixed window in one round trip (the generic path takes three): start it if
    none is running, count the hit, and make sure the window ends even if it ran out
    between the two (EXPIRE NX sets a lifetime only on a key that has none)."""
    key = backend.make_and_validate_key(full)
    client = backend._cache.get_client(key, write=True)
    with client.pipeline(transaction=True) as pipe:
        pipe.set(key, 0, ex=window_seconds, nx=True)
        pipe.incr(key)
        pipe.expire(key, window_seconds, nx=True)
        count = pipe.execute()[1]
    return int(count)
