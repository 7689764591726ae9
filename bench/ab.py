"""Two checkouts' CPU per request, in process, in turn: A B A B ... (bench/inproc.py each
time), so that a machine whose speed drifts during the comparison drifts for both. Prints
each side's minimum and median and the median of the pairwise ratios B/A.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/undersigned_bench \
    REDIS_URL=redis://127.0.0.1:6379/10 \
    .venv/bin/python bench/ab.py /work/wt/before/src src sign-api sign-here [N] [ROUNDS]

Run it against the database `make bench` left behind (it writes signatures there).
"""

import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def cpu_ms(source: str, kind: str, slug: str, n: str) -> tuple[float, int]:
    """CPU ms per request and queries per request of one inproc.py run on this source."""
    import redis

    # Each run signs from the same networks: a fresh start for the rate limits (the bench's
    # own Redis database, which `make bench` empties too).
    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    env = {**os.environ, "PYTHONPATH": str(Path(source).resolve()), "INPROC_LINES": "0"}
    out = subprocess.run(
        [sys.executable, str(BENCH / "inproc.py"), kind, slug, n],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    statuses = re.findall(r"'(\d{3}) [^']*'", out.splitlines()[0])
    assert statuses and all(s[0] in "23" for s in statuses), out.splitlines()[0]
    cpu = re.search(r"CPU ([\d.]+) ms/request", out)
    queries = re.search(r"(\d+) queries per request", out)
    assert cpu and queries, out[-500:]
    return float(cpu.group(1)), int(queries.group(1))


def main() -> None:
    a, b, kind, slug = sys.argv[1:5]
    n = sys.argv[5] if len(sys.argv) > 5 else "500"
    rounds = int(sys.argv[6]) if len(sys.argv) > 6 else 5
    runs: dict[str, list[float]] = {a: [], b: []}
    queries: dict[str, int] = {}
    for _ in range(rounds):
        for source in (a, b):
            cpu, queries[source] = cpu_ms(source, kind, slug, n)
            runs[source].append(cpu)
    for source in (a, b):
        figures = runs[source]
        print(
            f"{kind} {source}: CPU ms/request min {min(figures):.2f} "
            f"median {statistics.median(figures):.2f} ({queries[source]} queries)"
        )
    ratios = [y / x for x, y in zip(runs[a], runs[b], strict=True)]
    print(f"{kind}: B/A median {statistics.median(ratios):.2f} over {rounds} pairs")


if __name__ == "__main__":
    main()
