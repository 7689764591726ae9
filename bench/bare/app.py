"""The reference: a bare Django project whose one view does one raw INSERT per POST, served
by the same gunicorn command as the app (bench/run.py). Settings, URLs and WSGI in one module.

    DATABASE_URL=... gunicorn bench.bare.app:application
"""

import os

import dj_database_url
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

TABLE = "bench_bare"
DATABASE = dict(dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60))
if DATABASE["ENGINE"].endswith("sqlite3"):
    # As the app's settings do for SQLite: WAL, a busy timeout, immediate transactions.
    DATABASE["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
settings.configure(
    DEBUG=False,
    SECRET_KEY="bench",  # noqa: S106
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={"default": DATABASE},
)


@csrf_exempt
def insert(request: HttpRequest, slug: str) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (letter_id, name, email, body) VALUES (%s, %s, %s, %s)",
            [1, "Bench Signer", os.urandom(12).hex() + "@example.org", request.body.decode()],
        )
    return HttpResponse(b'{"status":"pending"}', status=202, content_type="application/json")


urlpatterns = [path("api/v1/letters/<slug:slug>/signatures", insert)]
application = get_wsgi_application()
