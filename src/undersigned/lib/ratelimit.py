"""Fixed-window rate limits kept in Django's cache (Redis when REDIS_URL is set, so every
process shares them). Keys should name what is limited and for whom, e.g.
`f"number-postcode:{network_hash}"`; never put a raw address or email in a key."""

from django.core.cache import cache

_PREFIX = "ratelimit:"


def hit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit on `key`; True while the hits in the current window are within `limit`."""
    full = _PREFIX + key
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


def reset(key: str) -> None:
    """Forget the hits on `key` (a fresh start, e.g. after a signer withdraws)."""
    cache.delete(_PREFIX + key)
