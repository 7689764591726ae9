"""Profile one request kind in process: the WSGI application called directly (no server, no
network client), N times, under cProfile; prints CPU ms per request, queries per request and
the top functions. For finding where a request's time goes between two `make bench` runs.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/undersigned_bench \
    REDIS_URL=redis://127.0.0.1:6379/10 .venv/bin/python bench/inproc.py sign-api sign-here 2000

Kinds: count SLUG, page SLUG, signatories SLUG, sign-api SLUG, sign-form SLUG, confirm SLUG
(it first signs the letter as many times as it will confirm, unmeasured). Run it against the
database `make bench` left behind (it writes signatures there).
"""

import cProfile
import io
import os
import pstats
import sys
import time
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")
os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("BEHIND_PROXY", "true")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("VAR_DIR", "/tmp/undersigned-inproc")  # collected static files

CSRF = "benchbenchbenchbenchbenchbench12"
CONFIRM_TOKENS: list[str] = []


def pending_tokens(slug: str, n: int) -> list[str]:
    """Confirm links of n new pending signatures of the letter."""
    from undersigned.letters import services, tokens
    from undersigned.letters.models import Letter

    letter = Letter.objects.get(slug=slug)
    run = uuid.uuid4().hex[:8]
    found = []
    for i in range(n):
        signature = services.sign(letter, name="Bench Signer", email=f"c-{run}-{i}@example.org")
        assert signature is not None
        found.append(tokens.make(signature.uid, tokens.CONFIRM))
    return found


def environ(kind: str, slug: str, n: int) -> dict[str, object]:
    """The WSGI environ of request n of this kind."""
    run = uuid.uuid4().hex[:8]
    base: dict[str, object] = {
        "REQUEST_METHOD": "GET",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8100",
        "HTTP_HOST": "127.0.0.1:8100",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_X_FORWARDED_FOR": f"10.{n % 256}.{n // 256 % 256}.1",
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "QUERY_STRING": "",
        "wsgi.input": io.BytesIO(),
    }

    def post(path: str, body: str, content_type: str) -> dict[str, object]:
        data = body.encode()
        form = content_type == "application/x-www-form-urlencoded"
        return {
            **base,
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "CONTENT_TYPE": content_type,
            "CONTENT_LENGTH": str(len(data)),
            **({"HTTP_COOKIE": f"csrftoken={CSRF}"} if form else {}),
            "wsgi.input": io.BytesIO(data),
        }

    form = "application/x-www-form-urlencoded"
    email = f"inproc-{run}-{n}@example.org"
    if kind in ("count", "signatories"):
        return {**base, "PATH_INFO": f"/api/v1/letters/{slug}/{kind}"}
    if kind == "page":
        return {**base, "PATH_INFO": f"/l/{slug}/"}
    if kind == "confirm":
        token = CONFIRM_TOKENS[n % len(CONFIRM_TOKENS)]
        return post(f"/l/{slug}/confirm/{token}/", f"csrfmiddlewaretoken={CSRF}", form)
    if kind == "sign-api":
        body = f'{{"name":"Bench Signer","email":"{email}","display":"full","consent":true}}'
        return post(f"/api/v1/letters/{slug}/signatures", body, "application/json")
    body = (
        f"name=Bench+Signer&email={email.replace('@', '%40')}&display=full&consent=on"
        f"&csrfmiddlewaretoken={CSRF}"
    )
    return post(f"/l/{slug}/", body, form)


def main() -> None:
    kind, slug, n = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from django.db import connection

    application = get_wsgi_application()
    call_command("collectstatic", interactive=False, verbosity=0)  # pages name hashed files
    if kind == "confirm":
        CONFIRM_TOKENS.extend(pending_tokens(slug, 2 * n + 60))
    statuses: dict[str, int] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        statuses[status] = statuses.get(status, 0) + 1

    def one(i: int) -> None:
        for _chunk in application(environ(kind, slug, i), start_response):  # type: ignore[arg-type]
            pass

    for i in range(50):  # warm: imports, templates, connections
        one(2 * n + i)
    queries: list[str] = []

    def record(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        one(2 * n + 50)
    started, cpu = time.perf_counter(), time.process_time()
    for i in range(n):
        one(i)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - started
    print(f"{kind}: {n} requests, {statuses}")
    print(f"CPU {cpu / n * 1000:.2f} ms/request, wall {wall / n * 1000:.2f} ms (not profiled)")
    profile = cProfile.Profile()
    profile.enable()
    for i in range(n, 2 * n):
        one(i)
    profile.disable()
    print(f"{len(queries)} queries per request:")
    for sql in queries:
        print("   ", sql[:160])
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
    stats.print_stats(int(os.environ.get("INPROC_LINES", "45")))
    stats.sort_stats("tottime").print_stats(25)
    print(out.getvalue())


if __name__ == "__main__":
    main()
