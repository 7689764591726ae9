"""Logging for production: one JSON object per line (LOG_FORMAT=json, the default when DEBUG
is off) carrying the id of the request being served, which is also sent back in the
X-Request-ID header. Read by settings.py and by gunicorn's configuration, so it reads the
environment itself and imports nothing from Django."""

import logging
import os
from contextvars import ContextVar
from typing import Any

request_id: ContextVar[str] = ContextVar("request_id", default="")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


def log_format() -> str:
    value = os.environ.get("LOG_FORMAT", "")
    if not value:
        return "text" if os.environ.get("DEBUG", "").lower() == "true" else "json"
    if value not in ("json", "text"):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"LOG_FORMAT must be 'json' or 'text', not {value!r}")
    return value


def logging_config(gunicorn: bool = False) -> dict[str, Any]:
    """The dictConfig for the app, or for gunicorn's master and its own messages."""
    json = log_format() == "json"
    if gunicorn and not json:
        return {}  # gunicorn's own defaults
    formatter: dict[str, Any] = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
        }
        if json
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "main",
        "filters": ["request_id"],
    }
    config: dict[str, Any] = {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "undersigned.ops.logs.RequestIdFilter"}},
        "formatters": {"main": formatter},
        "handlers": {"console": handler},
        "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL") or "WARNING"},
        "loggers": {
            # One line per request (ops.middleware), whatever LOG_LEVEL says.
            "undersigned.access": {
                "handlers": ["console"],
                "level": "INFO" if _access_log() else "WARNING",
                "propagate": False,
            },
        },
    }
    if gunicorn:
        config["loggers"] = {
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        }
    return config


def _access_log() -> bool:
    return os.environ.get("ACCESS_LOG", "true").lower() != "false"
