"""The project's settings with one URL configuration: the floor's (bench/floor/app.py)."""

from undersigned.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor.urls"
