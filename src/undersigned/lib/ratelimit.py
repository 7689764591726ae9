"""Fixed-window rate limits on Django's cache (Redis when REDIS_URL is set, so every web
process shares the same counters)."""

import time

from django.core.cache import cache


def hit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt for `key`; True while at most `limit` attempts were made in the
    current window of `window_seconds`, False once the limit is exceeded."""
    window = int(time.time() // window_seconds)
    cache_key = f"ratelimit:{key}:{window}"
    # add() is atomic on Redis and memcached: only the first attempt creates the counter,
    # and incr() is atomic too, so concurrent attempts never undercount.
    if cache.add(cache_key, 1, timeout=window_seconds + 1):
        return limit >= 1
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # The counter expired between add() and incr(): this is the window's first hit.
        cache.set(cache_key, 1, timeout=window_seconds + 1)
        count = 1
    return count <= limit
