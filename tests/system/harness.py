"""Real processes for the system tests: a private PostgreSQL cluster (initdb into a temporary
directory, on its own port, so a test may restart it without disturbing anyone), `undersigned
serve` and `undersigned worker` started as an operator would, and a signer's HTTP client.
Every wait has a deadline; every process is stopped by the fixture that started it."""

import contextlib
import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import requests

FIXTURES = Path(__file__).parent / "fixtures"
LEDGER_KEY = (FIXTURES / "ledger_signing_key").read_text().strip()
ORIGIN_HOST = "letters.test"
UNDERSIGNED = str(Path(sys.executable).parent / "undersigned")
DEMO = "solidarity-with-sam"


def wait_for(what: str, check: Callable[[], Any], timeout: float = 30, every: float = 0.2) -> Any:
    """Poll check() until it returns something true; fail with `what` after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()
        except (requests.RequestException, OSError):
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(every)


def postgres_bin() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


_taken: set[int] = set()


def free_port() -> int:
    """A free TCP port on 127.0.0.1, from UNDERSIGNED_SYSTEM_PORTS (e.g. 8300-8399) if set."""
    span = os.environ.get("UNDERSIGNED_SYSTEM_PORTS", "")
    if not span:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return int(sock.getsockname()[1])
    return port_in(span)


def port_in(span: str) -> int:
    """A free port of a span like 8300-8399 that this run has not handed out yet."""
    low, high = (int(part) for part in span.split("-"))
    for port in range(low, high + 1):
        if port not in _taken and port_free(port):
            _taken.add(port)
            return port
    raise AssertionError(f"no free port in {span}")


def port_free(port: int) -> bool:
    """Nothing listens on the port (connections in TIME_WAIT do not count, as for servers)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class Cluster:
    """A PostgreSQL cluster of our own. As root, postgres runs as the `postgres` user."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="undersigned-pg-"))
        self.data = self.root / "data"
        self.port = free_port_pg()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
            self.root.chmod(0o700)

    def _run(self, *command: str, timeout: float = 60) -> str:
        argv = [str(self.bindir / command[0]), *command[1:]]
        if self.as_postgres:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise AssertionError(f"{command[0]} failed: {done.stdout}{done.stderr}")
        return done.stdout

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        self.start()

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "log"),
            "-w",
            "-t",
            "30",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def destroy(self) -> None:
        with contextlib.suppress(AssertionError, subprocess.TimeoutExpired):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def client(self, tool: str, *args: str, timeout: float = 120) -> str:
        """Run a client program (psql, createdb, pg_dump, pg_restore) against this cluster."""
        argv = [
            str(self.bindir / tool),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            *args,
        ]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise AssertionError(f"{tool} {' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def sql(self, database: str, query: str) -> str:
        return self.client("psql", "-d", database, "-At", "-c", query).strip()


def free_port_pg() -> int:
    span = os.environ.get("UNDERSIGNED_SYSTEM_PG_PORTS", "")
    return port_in(span) if span else free_port()


class Site:
    """One Undersigned installation: its environment, and the processes started on it."""

    def __init__(self, database_url: str, workdir: Path, var: Path, **env: str) -> None:
        self.workdir = workdir
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/root"),
            "LANG": "C.UTF-8",
            "DATABASE_URL": database_url,
            "SECRET_KEY": "system-test-secret-key-0123456789-abcdefghijklmnop",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "BASE_URL": "http://127.0.0.1:8000",
            "LEDGER_SIGNING_KEY": LEDGER_KEY,
            "LEDGER_ORIGIN_HOST": ORIGIN_HOST,
            "VAR_DIR": str(var),  # collected static files, shared by the tests
            "TASKS_BACKEND": "database",
            "LOG_FORMAT": "json",
            "LOG_LEVEL": "WARNING",
            "WORKER_HEARTBEAT_SECONDS": "1",
            "SHUTDOWN_GRACE_SECONDS": "10",
            **env,
        }
        self.processes: list[subprocess.Popen[bytes]] = []

    def run(self, *args: str, timeout: float = 120, **env: str) -> str:
        done = subprocess.run(
            [UNDERSIGNED, *args],
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            raise AssertionError(
                f"undersigned {' '.join(args)} failed:\n{done.stdout}{done.stderr}"
            )
        return done.stdout

    def setup(self) -> None:
        self.run("migrate", "--no-input")
        self.run("demo", "--force")

    def start(self, name: str, *args: str, **env: str) -> "subprocess.Popen[bytes]":
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 - the process keeps it
        process = subprocess.Popen(
            [UNDERSIGNED, *args],
            env={**self.env, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.processes.append(process)
        return process

    def serve(self, port: int, workers: int = 2, **env: str) -> "subprocess.Popen[bytes]":
        base = f"http://127.0.0.1:{port}"
        process = self.start(
            f"serve-{port}",
            "serve",
            "--no-collectstatic",  # collected once for the session (conftest)
            "--no-worker",
            "--port",
            str(port),
            "--workers",
            str(workers),
            BASE_URL=base,
            **env,
        )
        wait_for(f"serve on {port}", lambda: requests.get(f"{base}/healthz", timeout=2).ok, 60)
        return process

    def worker(self, name: str = "worker", **env: str) -> "subprocess.Popen[bytes]":
        return self.start(name, "worker", **env)

    def log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(20)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(5)


VAR = Path(tempfile.gettempdir()) / f"undersigned-system-var-{os.getuid()}"


@contextlib.contextmanager
def site(database_url: str, **env: str) -> Iterator[Site]:
    workdir = Path(tempfile.mkdtemp(prefix="undersigned-site-"))
    VAR.mkdir(exist_ok=True)
    installed = Site(database_url, workdir, VAR, **env)
    try:
        yield installed
    finally:
        installed.stop_all()
        if os.environ.get("UNDERSIGNED_KEEP_SYSTEM_LOGS"):
            print(f"system test logs kept in {workdir}")  # noqa: T201
        else:
            shutil.rmtree(workdir, ignore_errors=True)


class Signer:
    """A person with a browser-like session, signing through the API and confirming with the
    button behind the emailed link."""

    CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()

    def sign(self, email: str, slug: str = DEMO, **fields: Any) -> requests.Response:
        body = {
            "name": fields.pop("name", "Test Signer"),
            "email": email,
            "display": "full",
            "consent": True,
            **fields,
        }
        return self.http.post(
            f"{self.base}/api/v1/letters/{slug}/signatures", json=body, timeout=15
        )

    def confirm(self, link: str) -> requests.Response:
        path = link.split("://", 1)[1].split("/", 1)[1]
        url = f"{self.base}/{path}"
        page = self.http.get(url, timeout=15)
        token = self.CSRF.search(page.text)
        assert token, f"no confirm form at {url}: {page.status_code}"
        return self.http.post(url, {"csrfmiddlewaretoken": token.group(1)}, timeout=15)


def count_json(base: str, slug: str = DEMO) -> dict[str, Any]:
    response = requests.get(f"{base}/l/{slug}/count.json", timeout=10)
    response.raise_for_status()
    return dict(response.json())


def settled(base: str, slug: str = DEMO) -> dict[str, Any] | None:
    """count.json once nothing waits for the log and the log agrees with the page."""
    data = count_json(base, slug)
    if data["pending"] == 0 and data["logged_count"] == data["count"]:
        return data
    return None
