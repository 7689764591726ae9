"""`make bench`: load-test the app as production runs it, against PostgreSQL then SQLite.

For each database: a fresh database, `undersigned migrate`, a letter with BENCH_ROWS confirmed
signatures (bench/seed.py), the references measured in the same run (pgbench's INSERT
ceiling, a bare Django INSERT view under the same gunicorn command, and the stack's floor:
the project's middleware and django-ninja around one ORM INSERT, bench/floor), then
`undersigned serve` (DEBUG=false) and each scenario driven by wrk with bench/lua/bench.lua.
Afterwards it checks that nothing was lost, prints a table, writes bench/results/<when>.json
and appends to bench/RESULTS.md.

Environment: BENCH_QUICK=1 (100,000 rows, 4 s a scenario), BENCH_SECONDS, BENCH_ROWS,
BENCH_DBS (postgres,sqlite), BENCH_WORKERS (default 2 x cores), BENCH_THREADS (threads per
worker, default the serve command's), BENCH_CONNECTIONS (32), BENCH_LABEL (a word for the
RESULTS.md row), BENCH_PROFILE=1 (py-spy the count, letter page, sign API and confirm scenarios into
bench/profiles/; such a run records no results),
BENCH_PG (postgres://postgres@127.0.0.1:5432), BENCH_DB_NAME (undersigned_bench: dropped
and created again), BENCH_PORT (8100),
BENCH_REDIS (redis://127.0.0.1:6379/10), BENCH_SRC (another checkout's src/ to measure instead,
e.g. the commit before a change: it goes first on PYTHONPATH; BENCH_COMMIT names it).
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV_BIN = Path(sys.executable).parent
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0", "false")
SECONDS = int(os.environ.get("BENCH_SECONDS", "4" if QUICK else "12"))
ROWS = int(os.environ.get("BENCH_ROWS", "100000" if QUICK else "1000000"))
DBS = os.environ.get("BENCH_DBS", "postgres,sqlite").split(",")
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1))))
THREADS = os.environ.get("BENCH_THREADS", "")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
LABEL = os.environ.get("BENCH_LABEL", "")
PROFILE = os.environ.get("BENCH_PROFILE", "") not in ("", "0", "false")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DB_NAME = os.environ.get("BENCH_DB_NAME", "undersigned_bench")
PORT = int(os.environ.get("BENCH_PORT", "8100"))
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/10")
WARM_SECONDS = 1 if QUICK else 2
WARM_TOKENS = 3000
SERVER_TIMEOUT = 30 * 60  # every server we start dies by itself after this, whatever happens
RUN = datetime.now(UTC).strftime("%H%M%S")

# name, wrk mode, target ("read" letter path or "write" letter), offered rate (0: flat out)
SCENARIOS = [
    ("count", "get", "/api/v1/letters/{read}/count", 0),
    # Through nginx with deploy/nginx/undersigned.conf's caching of the counts (max-age=2).
    ("count via nginx", "get", "/api/v1/letters/{read}/count", 0),
    ("letter page", "get", "/l/{read}/", 0),
    ("signatories API", "get", "/api/v1/letters/{read}/signatories", 0),
    ("sign API", "sign-api", "{write}", 0),
    ("sign form", "sign-form", "{write}", 0),
    ("confirm", "confirm", "{write}", 0),
    ("sign API @500/s", "sign-api", "{write}", 500),
]
SIGNING = {"sign API", "sign form", "sign API @500/s"}
# BENCH_ONLY="count,letter page": just these scenarios (a quick comparison; the checks of
# the others are skipped and such a run records no results).
ONLY = [name for name in os.environ.get("BENCH_ONLY", "").split(",") if name]


def log(message: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", flush=True)


def tag_of(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower()) + "-" + RUN


class Server:
    """A process group started under `timeout`, stopped with SIGTERM then SIGKILL."""

    def __init__(self, args: list[str], env: dict[str, str], port: int, logfile: Path) -> None:
        self.port = port
        self.logfile = logfile
        with logfile.open("ab") as out:
            self.process = subprocess.Popen(
                ["timeout", str(SERVER_TIMEOUT), *args],
                env=env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"server exited: see {logfile}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)  # noqa: S310
                return
            except urllib.error.HTTPError:
                return  # it answers (a 404 from the bare project is an answer)
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit(f"server did not answer on port {port}: see {logfile}")

    def pids(self) -> list[int]:
        """Every process descending from the one we started (`undersigned serve` starts
        gunicorn in a session of its own, so the process group is not enough)."""
        parents: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(stat.parent.name)] = int(fields[1])
        found, frontier = [self.process.pid], {self.process.pid}
        while frontier:
            frontier = {pid for pid, ppid in parents.items() if ppid in frontier}
            found.extend(frontier)
        return found

    def workers(self) -> list[int]:
        """The gunicorn workers: gunicorn processes whose parent is a gunicorn process."""
        gunicorns = {}
        for pid in self.pids():
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                ppid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            if b"gunicorn" in cmdline:
                gunicorns[pid] = ppid
        return [pid for pid, ppid in gunicorns.items() if ppid in gunicorns]

    def peak_rss_mb(self) -> float:
        peak = 0
        for pid in self.workers():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            if match := re.search(r"VmHWM:\s+(\d+) kB", status):
                peak = max(peak, int(match.group(1)))
        return round(peak / 1024, 1)

    def cpu_seconds(self) -> float:
        """CPU time used so far by the server's processes (user + system): per request, a
        cost that does not depend on what else the machine is running."""
        ticks = 0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(20)
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def wrk(
    port: int, mode: str, target: str, run: str, tokens: Path, rate: int, seconds: int = SECONDS
) -> dict[str, Any]:
    delay = round(1000 * CONNECTIONS / rate) if rate else 0
    command = [
        "timeout", str(seconds + 30), "wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s",
        "--timeout", "10s", "-s", str(BENCH / "lua" / "bench.lua"), f"http://127.0.0.1:{port}",
        "--", mode, target, run, str(tokens), str(delay), "2",
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    result: dict[str, Any] = json.loads(line.removeprefix("BENCH "))
    seconds = result["duration_us"] / 1e6
    result["rps"] = round(result["requests"] / seconds, 1)
    result["accepted_rps"] = round(result["ok"] / seconds, 1)
    return result


def through_nginx(
    server: Server, var: Path, mode: str, target: str, run: str, tokens: Path
) -> dict[str, Any]:
    """A scenario through nginx: the CPU time per request counts nginx's and the app's."""
    nginx = nginx_server(var, server.port)
    try:
        wrk(PORT + 2, mode, target, run + "-warm", tokens, 0, seconds=WARM_SECONDS)
        return measured(server, PORT + 2, mode, target, run, tokens, 0, also=(nginx,))
    finally:
        nginx.stop()


def measured(
    server: Server,
    port: int,
    mode: str,
    target: str,
    run: str,
    tokens: Path,
    rate: int,
    also: tuple[Server, ...] = (),
) -> dict[str, Any]:
    """One wrk run, with the CPU time per request of the server (and of `also`, a proxy in
    front of it) and the server's workers' peak memory."""
    servers = (server, *also)
    cpu = sum(s.cpu_seconds() for s in servers)
    result = wrk(port, mode, target, run, tokens, rate)
    used = sum(s.cpu_seconds() for s in servers) - cpu
    result["cpu_ms"] = round(1000 * used / max(result["requests"], 1), 2)
    result["peak_rss_mb"] = server.peak_rss_mb()
    return result


NGINX = """{user}worker_processes 2;
daemon off;
pid {var}/nginx.pid;
error_log {var}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {var}/nginx-body;
    proxy_temp_path {var}/nginx-proxy;
    fastcgi_temp_path {var}/nginx-fastcgi;
    uwsgi_temp_path {var}/nginx-uwsgi;
    scgi_temp_path {var}/nginx-scgi;
    proxy_cache_path {var}/nginx-cache levels=1:2 keys_zone=undersigned:20m max_size=100m
                     inactive=1d use_temp_path=off;
    upstream undersigned {{ server 127.0.0.1:{app}; keepalive 16; }}
    server {{
        listen 127.0.0.1:{port};
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
{counts}
        location / {{ proxy_pass http://undersigned; }}
    }}
}}
"""


COUNTS_BLOCK = r"\n(    location ~ \^/\(l/\[\^/\]\+/log/checkpoint.*?\n    \})"


def nginx_server(var: Path, app_port: int) -> Server:
    """nginx on PORT + 2 in front of the app, with the deployment's own block for the
    counts (copied from deploy/nginx/undersigned.conf, so the bench follows that file)."""
    deploy = (ROOT / "deploy" / "nginx" / "undersigned.conf").read_text()
    block = re.search(COUNTS_BLOCK, deploy, re.S)
    if block is None:
        raise SystemExit("deploy/nginx/undersigned.conf has no location block for the counts")
    config = var / "nginx.conf"
    config.write_text(
        NGINX.format(
            # As root, nginx's workers would run as nobody, who cannot enter the run's folder.
            user="user root;\n" if os.geteuid() == 0 else "",
            var=var,
            app=app_port,
            port=PORT + 2,
            counts=block.group(1),
        )  # fmt: skip
    )
    return Server(
        ["nginx", "-c", str(config), "-p", str(var)], {**os.environ}, PORT + 2,
        var / "nginx.log",
    )  # fmt: skip


def pgbench_ceiling(url: str) -> float:
    """Durable single-row INSERTs of a signature-shaped row, 16 clients."""
    psql(url, BARE_TABLE_PG.replace("bench_bare", "bench_ceiling"))
    script = Path(tempfile.mkstemp(suffix=".sql")[1])
    script.write_text(
        "INSERT INTO bench_ceiling (letter_id, name, email, body) VALUES "
        "(1, 'Bench Signer', md5(random()::text || clock_timestamp()::text) || '@example.org', "
        '\'{"name":"Bench Signer","display":"full","consent":true}\');\n'
    )
    output = subprocess.run(
        ["timeout", str(SECONDS + 30), "pgbench", "-n", "-c16", "-j2", f"-T{SECONDS}",
         "-f", str(script), url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    script.unlink()
    match = re.search(r"tps = ([\d.]+)", output)
    return float(match.group(1)) if match else 0.0


def sqlite_ceiling(path: Path) -> float:
    """One process committing single-row INSERTs into a WAL file (SQLite has one writer)."""
    import sqlite3

    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(BARE_TABLE_SQLITE.replace("bench_bare", "bench_ceiling"))
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < min(SECONDS, 5):
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "INSERT INTO bench_ceiling (letter_id, name, email, body) VALUES (1, ?, ?, ?)",
            ["Bench Signer", os.urandom(12).hex() + "@example.org", "{}"],
        )
        db.execute("COMMIT")
        done += 1
    db.close()
    return round(done / (time.perf_counter() - start), 1)


BARE_TABLE_PG = (
    "CREATE TABLE IF NOT EXISTS bench_bare (id bigserial PRIMARY KEY, letter_id bigint NOT NULL, "
    "name text NOT NULL, email text NOT NULL, body text NOT NULL, "
    "created timestamptz NOT NULL DEFAULT now(), UNIQUE (letter_id, email))"
)
BARE_TABLE_SQLITE = (
    "CREATE TABLE IF NOT EXISTS bench_bare (id integer PRIMARY KEY AUTOINCREMENT, "
    "letter_id integer NOT NULL, name text NOT NULL, email text NOT NULL, body text NOT NULL, "
    "created text NOT NULL DEFAULT CURRENT_TIMESTAMP, UNIQUE (letter_id, email))"
)


def psql(url: str, sql: str) -> str:
    return subprocess.run(
        ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip


def django(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(VENV_BIN / "python"), *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def gunicorn_args() -> list[str]:
    return ["--workers", str(WORKERS), *(["--threads", THREADS] if THREADS else [])]


def settled_count(port: int, slug: str) -> int:
    """The letter's count once the last requests of a run have finished (it stops moving)."""
    url = f"http://127.0.0.1:{port}/api/v1/letters/{slug}/count"
    last = get_json(url)["count"]
    for _ in range(40):
        time.sleep(0.5)
        if (count := get_json(url)["count"]) == last:
            break
        last = count
    return int(last)


def get_json(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
        return json.loads(response.read())  # type: ignore[no-any-return]


def bench_database(kind: str, var: Path) -> dict[str, Any]:
    if kind == "postgres":
        url = f"{PG}/{DB_NAME}"
        admin = f"--maintenance-db={PG}/postgres"
        subprocess.run(["dropdb", "--if-exists", "--force", admin, DB_NAME], check=True)
        subprocess.run(["createdb", admin, DB_NAME], check=True)
    else:
        url = f"sqlite:///{var / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-secret-key-not-for-production",
        "BASE_URL": f"http://127.0.0.1:{PORT}",
        "REDIS_URL": REDIS,
        "VAR_DIR": str(var),
        # wrk sends each signature from its own network in X-Forwarded-For (bench.lua).
        "BEHIND_PROXY": "true",
        "LOG_LEVEL": "WARNING",
        "PATH": f"{VENV_BIN}:{os.environ['PATH']}",
    }
    if source := os.environ.get("BENCH_SRC"):
        env["PYTHONPATH"] = os.pathsep.join([source, str(ROOT)])
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(["redis-cli", "-u", REDIS, "flushdb"], check=True, capture_output=True)
    log(f"{kind}: migrate")
    django(env, "-m", "undersigned", "migrate", "--no-input")
    log(f"{kind}: seed {ROWS:,} confirmed signatures")
    tokens = var / "tokens.txt"
    t = time.perf_counter()
    pending = WARM_TOKENS + max(3000 * SECONDS, 10000)
    seeded = json.loads(django(env, str(BENCH / "seed.py"), str(ROWS), str(pending), str(tokens)))
    log(f"{kind}: seeded in {time.perf_counter() - t:.0f} s")
    # The first confirm tokens warm the workers up; the scenario takes the others.
    lines = tokens.read_text().splitlines(keepends=True)
    warm_tokens = var / "warm-tokens.txt"
    warm_tokens.write_text("".join(lines[:WARM_TOKENS]))
    tokens.write_text("".join(lines[WARM_TOKENS:]))
    result: dict[str, Any] = {"database": kind, "rows": ROWS, "scenarios": {}}

    # The references, in the same run: the database's INSERT ceiling and a bare Django view.
    log(f"{kind}: INSERT ceiling")
    if kind == "postgres":
        psql(url, BARE_TABLE_PG)
        result["ceiling"] = pgbench_ceiling(url)
        bare_url = url
    else:
        result["ceiling"] = sqlite_ceiling(var / "ceiling.sqlite3")
        bare_path = var / "bare.sqlite3"
        import sqlite3

        sqlite3.connect(bare_path).execute(BARE_TABLE_SQLITE)
        bare_url = f"sqlite:///{bare_path}"
    log(f"{kind}: bare Django INSERT view")
    bare = Server(
        [str(VENV_BIN / "python"), "-m", "gunicorn", "bench.bare.app:application",
         "--bind", f"127.0.0.1:{PORT + 1}", *gunicorn_args()],
        {**env, "DATABASE_URL": bare_url}, PORT + 1, var / "bare.log",
    )  # fmt: skip
    try:
        result["bare"] = measured(bare, PORT + 1, "sign-api", "x", f"bare-{RUN}", tokens, 0)
    finally:
        bare.stop()
    # The stack's floor: the project's middleware, ninja and one ORM INSERT (bench/floor).
    log(f"{kind}: the stack's floor")
    floor = Server(
        [str(VENV_BIN / "python"), "-m", "gunicorn", "bench.floor.app:application",
         "--bind", f"127.0.0.1:{PORT + 1}", *gunicorn_args()],
        env, PORT + 1, var / "floor.log",
    )  # fmt: skip
    try:
        write = seeded["write_slug"]
        result["floor"] = measured(floor, PORT + 1, "sign-api", write, f"floor-{RUN}", tokens, 0)
    finally:
        floor.stop()

    log(f"{kind}: undersigned serve, {WORKERS} workers")
    server = Server(
        [str(VENV_BIN / "undersigned"), "serve", "--no-worker", "--port", str(PORT),
         *gunicorn_args()],
        env, PORT, var / "server.log",
    )  # fmt: skip
    try:
        for name, mode, target, rate in SCENARIOS:
            if ONLY and name not in ONLY:
                continue
            target = target.format(read=seeded["read_slug"], write=seeded["write_slug"])
            # A short unmeasured run first: each worker imports modules and compiles
            # templates on its first requests.
            warm = warm_tokens if mode == "confirm" else tokens
            wrk(PORT, mode, target, tag_of(name + " warm-up"), warm, 0, seconds=WARM_SECONDS)
            if mode == "confirm":
                result["confirmed_before"] = settled_count(PORT, target)
            profile = None
            if PROFILE and name in ("sign API", "letter page", "confirm", "count"):
                profile = start_profile(server, kind, name)
            log(f"{kind}: {name}")
            if name.endswith("via nginx"):
                scenario = through_nginx(server, var, mode, target, tag_of(name), tokens)
            else:
                scenario = measured(server, PORT, mode, target, tag_of(name), tokens, rate)
            if profile:
                stop_profile(profile)
            result["scenarios"][name] = scenario
        if not ONLY:
            result["checks"] = check(env, server, seeded, result)
    finally:
        server.stop()
    server_log = (var / "server.log").read_text(errors="replace")
    result["database_locked_in_log"] = server_log.count("database is locked")
    result["server_errors_in_log"] = server_log.count("Traceback")
    return result


def check(
    env: dict[str, str], server: Server, seeded: dict[str, Any], result: dict[str, Any]
) -> dict[str, Any]:
    """Nothing lost: rows equal accepted requests (give or take the requests still in flight
    when wrk stopped: at most one per connection), the shown count equals the confirmed rows,
    and the log, once sequenced, replays to it (`undersigned verify`)."""
    log("checks: rows, counts, log")
    scenarios = result["scenarios"]
    found = json.loads(django(env, str(BENCH / "check.py"), *[tag_of(n) for n in SIGNING]))
    checks: dict[str, Any] = {}
    for name in SIGNING:
        rows, accepted = found["rows"][tag_of(name)], scenarios[name]["ok"]
        checks[f"{name}: rows - accepted"] = rows - accepted
        checks[f"{name}: ok"] = 0 <= rows - accepted <= CONNECTIONS
    base = f"http://127.0.0.1:{server.port}/api/v1/letters/"
    for slug in (seeded["read_slug"], seeded["write_slug"]):
        shown = get_json(f"{base}{slug}/count")["count"]
        rows = found["confirmed"][slug]["rows"]
        checks[f"{slug}: shown count / confirmed rows"] = f"{shown} / {rows}"
        checks[f"{slug}: count ok"] = shown == rows
    write = seeded["write_slug"]
    confirmed_now = found["confirmed"][write]["rows"]
    # Less the warm-up's confirmations, counted before the scenario.
    extra = confirmed_now - result.get("confirmed_before", 0) - scenarios["confirm"]["ok"]
    checks["confirm: confirmed rows - accepted"] = extra
    checks["confirm: ok"] = 0 <= extra <= CONNECTIONS
    verify = subprocess.run(
        [str(VENV_BIN / "undersigned"), "verify", f"http://127.0.0.1:{server.port}/l/{write}/"],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    match = re.search(r"replays to (\d+) signatures; the page shows (\d+)", verify.stdout)
    checks["log: replayed / shown"] = (
        f"{match.group(1)} / {match.group(2)}" if match else verify.stderr.strip()[-200:]
    )
    checks["log ok"] = bool(match and int(match.group(1)) == int(match.group(2)) == confirmed_now)
    return checks


def start_profile(
    server: Server, kind: str, name: str
) -> tuple[subprocess.Popen[bytes], Path, Path]:
    """py-spy on every worker for the scenario's length."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    raw = server.logfile.with_name(f"{slug}.raw")
    out = BENCH / "profiles" / f"{datetime.now(UTC):%Y-%m-%d}-{LABEL or 'run'}-{kind}-{slug}.txt"
    master = min(server.workers())  # any worker's parent is the gunicorn master
    ppid = int(Path(f"/proc/{master}/stat").read_text().rsplit(")", 1)[1].split()[1])
    profile = subprocess.Popen(
        [str(VENV_BIN / "py-spy"), "record", "--pid", str(ppid), "--subprocesses",
         "--duration", str(SECONDS), "--format", "raw", "--rate", "200", "--nonblocking",
         "--output", str(raw)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return profile, raw, out


def stop_profile(profile: tuple[subprocess.Popen[bytes], Path, Path]) -> None:
    from profile_summary import summarise  # bench/ is on sys.path: run.py runs as a script

    process, raw, out = profile
    try:
        process.wait(SECONDS + 30)
    except subprocess.TimeoutExpired:
        process.terminate()
        process.wait()
    if raw.exists():
        out.write_text(summarise(raw.read_text()))


def ratio(value: float, reference: float) -> str:
    return f"{value / reference:.2f}" if reference else "-"


def table(result: dict[str, Any]) -> str:
    bare = result["bare"]["accepted_rps"]
    ceiling = result["ceiling"]
    lines = [
        f"{result['database']}: {result['rows']:,} signatures, {WORKERS} workers"
        f"{' x ' + THREADS + ' threads' if THREADS else ''}, {CONNECTIONS} connections, "
        f"{SECONDS} s a scenario; bare view {bare:,.0f}/s, INSERT ceiling {ceiling:,.0f}/s",
        f"| {'scenario':<18} | {'req/s':>8} | {'2xx/3xx/s':>9} | {'p50 ms':>7} | {'p95 ms':>7} | "
        f"{'p99 ms':>7} | {'non-2xx':>7} | {'RSS MB':>6} | {'CPU ms':>6} | {'x bare':>6} "
        f"| {'x ceil':>6} |",
        "|" + "|".join("-" * (w + 2) for w in (18, 8, 9, 7, 7, 7, 7, 6, 6, 6, 6)) + "|",
    ]
    rows = [("bare INSERT view", result["bare"]), ("stack floor", result["floor"])]
    rows += result["scenarios"].items()
    for name, s in rows:
        lines.append(
            f"| {name:<18} | {s['rps']:>8,.0f} | {s['accepted_rps']:>9,.0f} | {s['p50_ms']:>7.1f} "
            f"| {s['p95_ms']:>7.1f} | {s['p99_ms']:>7.1f} | {s['bad'] + s['timeouts']:>7} "
            f"| {s['peak_rss_mb']:>6.0f} | {s.get('cpu_ms', 0):>6.2f} "
            f"| {ratio(s['accepted_rps'], bare):>6} "
            f"| {ratio(s['accepted_rps'], ceiling):>6} |"
        )
    checks = result.get("checks", {})
    lines.append(
        "checks: " + "; ".join(f"{k}: {v}" for k, v in checks.items())
        + f"; 'database is locked' in the server log: {result['database_locked_in_log']}"
        + f"; tracebacks: {result['server_errors_in_log']}"
    )  # fmt: skip
    return "\n".join(lines)


def results_row(when: str, commit: str, result: dict[str, Any]) -> str:
    s = result["scenarios"]
    bare = result["bare"]["accepted_rps"]

    def cell(name: str) -> str:
        return f"{s[name]['accepted_rps']:,.0f} ({ratio(s[name]['accepted_rps'], bare)})"

    checks = result.get("checks", {})
    ok = all(v for k, v in checks.items() if k.endswith("ok"))
    rss = max(x["peak_rss_mb"] for x in s.values())
    cpu = " / ".join(str(s[n].get("cpu_ms", "-")) for n in ("sign API", "letter page", "count"))
    return (
        f"| {when} | {LABEL or '-'} | {commit} | {result['database']} | {result['rows']:,} "
        f"| {result['ceiling']:,.0f} | {bare:,.0f} | {cell('sign API')} | {cell('sign form')} "
        f"| {cell('confirm')} | {cell('letter page')} | {cell('count')} "
        f"| {cell('signatories API')} | {s['sign API @500/s']['p99_ms']:.0f} | {rss:.0f} "
        f"| {'pass' if ok else 'FAIL'} | {cpu} |"
    )


RESULTS_HEADER = (
    "| when (UTC) | label | commit | db | rows | INSERT ceiling/s | bare view/s "
    "| sign API/s (x bare) | sign form/s | confirm/s | letter page/s | count/s | signatories/s "
    "| p99 ms @500/s | max RSS MB | checks | CPU ms/req: sign API / letter page / count |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
)


def main() -> None:
    for tool in ("wrk", "pgbench", "psql", "redis-cli", "timeout", "nginx"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: `make bench` installs it (apt-get)")
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    commit = (
        os.environ.get("BENCH_COMMIT")
        or subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    )
    results = []
    for kind in DBS:
        with tempfile.TemporaryDirectory(prefix="undersigned-bench-") as var:
            result = bench_database(kind, Path(var))
        results.append(result)
        print(table(result), flush=True)
    print()
    for result in results:
        print(table(result) + "\n")
    if PROFILE:
        log("profiled run (py-spy slows the workers): no results recorded")
        return
    if ONLY:
        log("BENCH_ONLY: some scenarios only, no results recorded")
        return
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M")
    out = BENCH / "results" / f"{stamp}{'-' + LABEL if LABEL else ''}.json"
    out.write_text(
        json.dumps(
            {
                "when": when, "label": LABEL, "commit": commit, "quick": QUICK,
                "seconds": SECONDS, "workers": WORKERS, "threads": THREADS,
                "connections": CONNECTIONS, "cpus": os.cpu_count(), "results": results,
            },
            indent=2,
        )
    )  # fmt: skip
    summary = BENCH / "RESULTS.md"
    if not summary.exists() or "| when (UTC) |" not in summary.read_text():
        with summary.open("a") as f:
            f.write(RESULTS_HEADER)
    text = summary.read_text()
    rows = "".join(results_row(when, commit, r) + "\n" for r in results)
    # Rows go at the end of the results table (the first table in the file).
    lines = text.splitlines(keepends=True)
    header = next(i for i, line in enumerate(lines) if line.startswith("| when (UTC) |"))
    end = header + 2
    while end < len(lines) and lines[end].startswith("| "):
        end += 1
    summary.write_text("".join(lines[:end]) + rows + "".join(lines[end:]))
    log(f"wrote {out.relative_to(ROOT)} and a row per database in bench/RESULTS.md")


if __name__ == "__main__":
    main()
