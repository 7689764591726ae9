"""gunicorn's configuration for `undersigned serve`, as python:undersigned.ops.gunicorn_conf.
Requests are logged by the app (ops.middleware, with their request id), not by gunicorn."""

import os
from typing import Any

from undersigned.ops.logs import logging_config

accesslog = None
# gunicorn 24+ opens a control socket at one fixed path per user: two servers on one machine
# would fight over it, and nothing here uses it.
control_socket_disable = True
timeout = 60
logconfig_dict = logging_config(gunicorn=True)


def child_exit(server: Any, worker: Any) -> None:
    # prometheus_client's multiprocess mode: fold a finished worker's live gauges away.
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]
