"""The standalone verifier on a large log, in process (no HTTP): how long `verify` takes to
check every entry, every tile and the replayed count, and a second run with --state
(the consistency proof), plus the witness cosigning each step of a growing log.

    PYTHONPATH=verifier/src:verifier/tests .venv/bin/python bench/verify_bench.py [--entries N]
"""

import argparse
import resource
import tempfile
import time
from pathlib import Path

from undersigned_verify import checker, merkle, witness, witnesses
from uv_fakesite import FakeSite


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_424)
    options = parser.parse_args()
    site = FakeSite()
    for n in range(options.entries - 1):
        site.sign(n)
    started = time.perf_counter()
    site.publish()
    print(f"built a log of {len(site.log):,} entries in {time.perf_counter() - started:.1f} s")
    base = "http://letters.example"
    fetches = 0

    def fetch(url: str) -> bytes:
        nonlocal fetches
        fetches += 1
        return site.resources[url.removeprefix(base)]

    url = f"{base}/l/{site.slug}/"
    state = Path(tempfile.mkdtemp()) / "state.json"
    for label in ("first run (pins the key)", "second run (consistency from --state)"):
        fetches = 0
        started = time.perf_counter()
        result = checker.verify(url, state=state, fetch=fetch)
        elapsed = time.perf_counter() - started
        print(
            f"verify, {label}: {elapsed:.2f} s, {fetches} resources, {result.tiles} tiles, "
            f"count {result.count:,}"
        )

    directory = Path(tempfile.mkdtemp())
    witness.generate_key("bench.witness", directory / "witness.key")
    (directory / "witness.json").write_text(
        '{"key_file": "witness.key", "logs": [{"origin_prefix": "letters.example/l/", '
        f'"vkey": "{site.signer.verifier.vkey}"}}]}}'
    )
    server = witness.Witness(witness.Config.load(directory / "witness.json"))
    leaves = [merkle.hash_leaf(entry) for entry in site.log]
    node = merkle.list_node(leaves)
    steps, old = 50, 0
    requests = []
    for size in range(len(leaves) - steps + 1, len(leaves) + 1):
        text = checker.notes.Checkpoint(site.origin, size, merkle.root_of(leaves[:size])).text
        proof = merkle.consistency_proof(node, old, size) if old else []
        requests.append(witnesses.request_body(site.signer.sign(text), old, proof))
        old = size
    started = time.perf_counter()
    for body in requests:
        server.add_checkpoint(body)
    elapsed = time.perf_counter() - started
    print(
        f"witness: {steps} checkpoints checked, cosigned and stored in {elapsed:.2f} s "
        f"({elapsed / steps * 1000:.1f} ms each)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
