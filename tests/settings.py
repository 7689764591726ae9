"""Test settings: the real settings, read from a test environment."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("TASKS_BACKEND", "immediate")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("BASE_URL", "http://testserver")
os.environ.pop("EMAIL_HOST", None)
os.environ.pop("REDIS_URL", None)

from undersigned.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
AXES_ENABLED = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # The concurrency tests run 200 threads; the server allows 100 connections.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
    DATABASES["default"]["OPTIONS"] = {"pool": {"min_size": 1, "max_size": 40, "timeout": 120}}  # noqa: F405
# The replica alias points at the test database itself (a mirror), for the router's tests;
# no router is installed unless a test turns it on.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
CHALLENGE_COST = 10  # fast tests: each solve takes a few milliseconds
