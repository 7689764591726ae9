"""Undersigned settings: everything comes from the environment (see the README's table)."""

import ipaddress
import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from undersigned.ledger.cosignatures import parse_witnesses
from undersigned.ops.logs import logging_config


def env_str(name: str, default: str = "") -> str:
    """A string from NAME, or from the file named by NAME_FILE (for secrets)."""
    if (path := os.environ.get(f"{name}_FILE")) is not None:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() == "true":
        return True
    if value.lower() == "false":
        return False
    raise ImproperlyConfigured(f"{name} must be 'true' or 'false', not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in env_str(name, default).split(",") if part.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("VAR_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    if key := env_str("SECRET_KEY"):
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off")
    # Development only: generate once so sessions and links survive restarts.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not ALLOWED_HOSTS:
    # BASE_URL's host is always allowed, so a single-host deployment needs one variable.
    from urllib.parse import urlsplit

    ALLOWED_HOSTS = [urlsplit(BASE_URL).hostname or "localhost"]
CSRF_TRUSTED_ORIGINS = [BASE_URL] if BASE_URL.startswith("https://") else []

INSTALLED_APPS = [
    "undersigned.accounts",  # first: its registration templates replace the admin's
    "django.contrib.admin",
    "django.contrib.auth",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "axes",
    "undersigned.members",
    "undersigned.ledger",
    "undersigned.letters",
    "undersigned.motions",
    "undersigned.api",
    "undersigned.workspace",
    "undersigned.ops",
]

# Periodic jobs of `undersigned worker`: (every so many seconds, dotted path of a function
# that takes no arguments). Each is safe to run in several workers at once.
CLOCK_JOBS = [
    (30, "undersigned.letters.services.close_due_letters"),
    (1, "undersigned.ledger.sequencer.sequence_all"),
    (1, "undersigned.letters.services.queue_owed_confirmations"),
    (5, "undersigned.letters.milestones.check_open_letters"),
    (10, "undersigned.ledger.witnessing.submit_all"),
    (3600, "undersigned.letters.services.forget_stale_refusals"),
    (600, "undersigned.letters.updates.remind_unconfirmed"),
    (60, "undersigned.letters.schedule.publish_due_letters"),
    (3600, "undersigned.letters.retention.erase_expired"),
    (15, "undersigned.motions.polls.close_due_polls"),
]

MIDDLEWARE = [
    "undersigned.ops.middleware.RequestMiddleware",  # first: request id, access log, metrics
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: the reader's language from the cookie set_language
    # leaves, else their browser's Accept-Language, else LANGUAGE_CODE.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "undersigned.accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    "undersigned.api.middleware.ApiMiddleware",
    "undersigned.ops.middleware.ReplicaMiddleware",
    "undersigned.ops.errors.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "undersigned.urls"
WSGI_APPLICATION = "undersigned.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "undersigned.lib.languages.autonyms",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES: dict[str, dict[str, Any]] = {
    "default": dict(
        dj_database_url.parse(
            env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'undersigned.sqlite3'}"),
            # Persistent: opening a PostgreSQL connection costs more than a whole signature.
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if str(DATABASES["default"]["NAME"]).startswith(str(VAR_DIR)):
        VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL and a busy timeout let the web process and the worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
elif pool_size := env_int("DATABASE_POOL_SIZE", 0):
    # psycopg's connection pool, per process (Django's built-in support).
    DATABASES["default"]["OPTIONS"] = {
        "pool": {"min_size": 1, "max_size": pool_size, "timeout": 30}
    }
if _replica_url := env_str("DATABASE_REPLICA_URL"):
    # A PostgreSQL streaming replica for the public reads (see ops/router.py).
    DATABASES["replica"] = dict(
        dj_database_url.parse(
            _replica_url,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
            conn_health_checks=True,
        )
    )
    DATABASES["replica"]["OPTIONS"] = DATABASES["default"].get("OPTIONS", {})
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["undersigned.ops.router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES: dict[str, dict[str, Any]]
if REDIS_URL := env_str("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "undersigned.lib.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    # No extra server: a table in the database, which every process shares, so rate limits
    # hold across gunicorn's workers too (created by `migrate` and `serve`).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "undersigned_cache",
            # Expired rows are culled only past MAX_ENTRIES; culling live counters early
            # would forget limits.
            "OPTIONS": {"MAX_ENTRIES": 200_000, "CULL_FREQUENCY": 10},
        }
    }
# Public pages, fragments and count documents kept in the cache (letters/pagecache.py): on
# by default only with a cache every process shares, since invalidation goes through it.
PAGE_CACHE = env_bool("PAGE_CACHE", bool(REDIS_URL))
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600)

_TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'immediate' or 'database'")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
# Pages behind two-factor authentication for those who use it (accounts/two_factor.py).
TWO_FACTOR_PATHS = ["/workspace/"]
OTP_TOTP_ISSUER = "Undersigned"
LOGIN_REDIRECT_URL = "/workspace/"
LOGOUT_REDIRECT_URL = "/"

AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
# Locked on address and user name together, the address as the rest of the app sees it
# (behind a proxy, the client's, not the proxy's): a stranger's failures never lock out an
# organiser trying from elsewhere, and failing again during the pause does not restart it.
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_CLIENT_IP_CALLABLE = "undersigned.lib.network.request_ip"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "en-gb"
# The shipped languages. A third is one line here and one catalogue under locale/
# (docs/translation.md).
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# The site-wide stylesheet lives in the package, which is not an app: name its folder.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Mail: SMTP when EMAIL_HOST is set, else printed on the console.
if _email_host := env_str("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host,
                "port": env_int("EMAIL_PORT", 25),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Undersigned <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Request limits: a sign form is tiny; uploads (rosters) have their own, larger limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_REQUEST_BYTES", 64 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
ROSTER_MAX_UPLOAD_BYTES = env_int("ROSTER_MAX_UPLOAD_BYTES", 200 * 1024 * 1024)
# Roster files larger than this are imported by the task worker, with progress shown.
ROSTER_BACKGROUND_BYTES = env_int("ROSTER_BACKGROUND_BYTES", 1024 * 1024)
# (Uploads over FILE_UPLOAD_MAX_MEMORY_SIZE are spooled to a temporary file, never held in
# memory; a background import moves its file to VAR_DIR/imports.)

# Security headers. HTTPS settings turn on with a https BASE_URL.
HTTPS = BASE_URL.startswith("https://")
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]  # probes speak plain HTTP
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],  # the nonce serves the admin's own scripts
    "style-src": [CSP.SELF, CSP.NONCE],  # the nonce admits one <style> with the accent colour
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# Signing links and limits.
CONFIRM_LINK_DAYS = 7
# Emails about one signature (confirmation links, reminders) per window of seconds.
MAX_EMAILS_PER_SIGNATURE = 5
SIGNATURE_EMAIL_WINDOW = env_int("SIGNATURE_EMAIL_WINDOW", 3600)
# Progressive friction (letters/challenge.py): past SIGN_CHALLENGE_AFTER signing attempts
# from one network (/24 or /48) in a window of SIGN_LIMIT_WINDOW seconds the form and the API
# ask for a proof-of-work challenge; past SIGN_LIMIT_PER_NETWORK they answer 429.
SIGN_CHALLENGE_AFTER = env_int("SIGN_CHALLENGE_AFTER", 20)
SIGN_LIMIT_PER_NETWORK = env_int("SIGN_LIMIT_PER_NETWORK", 300)
SIGN_LIMIT_WINDOW = env_int("SIGN_LIMIT_WINDOW", 600)
# PBKDF2 iterations of each try at the challenge (about 128 tries on average).
CHALLENGE_COST = env_int("CHALLENGE_COST", 5000)

# Rosters: membership numbers and emails are stored as HMAC-SHA256 digests under a key
# derived per organisation from ROSTER_KEY. ROSTER_KEY_PREVIOUS keeps an old key usable for
# matching while rosters are re-imported under a new one (see docs/rosters.md).
ROSTER_KEY = env_str("ROSTER_KEY") or SECRET_KEY
ROSTER_KEY_PREVIOUS = env_str("ROSTER_KEY_PREVIOUS")
# Failed membership number + postcode attempts allowed per network per hour.
NUMBER_POSTCODE_ATTEMPTS = env_int("NUMBER_POSTCODE_ATTEMPTS", 10)

# The verifiable log: an Ed25519 key in the base64 form `undersigned verify` prints, or
# generated once into VAR_DIR.
LEDGER_SIGNING_KEY = env_str("LEDGER_SIGNING_KEY")
LEDGER_ORIGIN_HOST = env_str("LEDGER_ORIGIN_HOST")
# Witnesses (C2SP tlog-witness) that the worker asks to cosign each new checkpoint: one
# per line, `<cosignature/v1 vkey> <submission URL>` (the verifier package's witness list).
LEDGER_WITNESSES = parse_witnesses(env_str("LEDGER_WITNESSES"))
# Seconds to wait for a witness's answer (one request), before trying again later.
LEDGER_WITNESS_TIMEOUT = env_int("LEDGER_WITNESS_TIMEOUT", 5)

# One JSON object per line with the request id when LOG_FORMAT=json (default with DEBUG off).
LOGGING = logging_config()

# Moderation: a confirmation is flagged when more than this many signatures of one letter
# came from the same /24 (IPv4) or /48 (IPv6) network in ten minutes.
MODERATION_BURST_LIMIT = env_int("MODERATION_BURST_LIMIT", 20)
INVITE_LINK_DAYS = 7

# Operation (see ops/ and deploy/): shutdown, worker heartbeats, readiness, metrics.
SHUTDOWN_GRACE_SECONDS = env_int("SHUTDOWN_GRACE_SECONDS", 30)
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 5)
WORKER_STALE_SECONDS = env_int("WORKER_STALE_SECONDS", 60)
WORKER_RETRY_SECONDS = 2
SEQUENCER_LAG_LIMIT = env_int("SEQUENCER_LAG_LIMIT", 60)
METRICS_ENABLED = env_bool("METRICS_ENABLED", False)
METRICS_ALLOW = env_list("METRICS_ALLOW", "127.0.0.1/32,::1/128")
for _network in METRICS_ALLOW:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"METRICS_ALLOW: {_network!r} is not a network") from None
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 10)
