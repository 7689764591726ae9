"""Make the upgrade test's fixture: the demo as a release's code writes it, dumped as SQL.

    .venv/bin/python -m tests.system.make_release_fixture [REV]

REV (a tag or commit, default HEAD) is checked out into a temporary directory with `git
archive`, its migrations and `undersigned demo` run on a private PostgreSQL cluster, and the
database is dumped to tests/system/fixtures/release.sql with the counts it must keep in
release.json. Make it again at each release; test_upgrade.py migrates it forward."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.system.harness import DEMO, FIXTURES, Cluster, postgres_bin, site


def main(rev: str) -> None:
    bindir = postgres_bin()
    assert bindir is not None, "needs PostgreSQL's server programs"
    source = Path(tempfile.mkdtemp(prefix="undersigned-release-"))
    archive = subprocess.run(["git", "archive", rev, "src"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive.stdout, check=True)
    cluster = Cluster(bindir)
    try:
        cluster.init()
        cluster.client("createdb", "release")
        with site(cluster.url("release"), PYTHONPATH=str(source / "src")) as installed:
            # The release's own code: `python -m undersigned` from the extracted tree.
            for command in (["migrate", "--no-input"], ["demo", "--force"]):
                done = subprocess.run(
                    [sys.executable, "-m", "undersigned", *command],
                    env=installed.env,
                    timeout=300,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                assert done.returncode == 0, done.stdout + done.stderr
        dump = cluster.client("pg_dump", "--no-owner", "--no-privileges", "release")
        (FIXTURES / "release.sql").write_text(dump)
        letters = cluster.sql("release", "SELECT string_agg(slug, ',') FROM letters_letter")
        expected = {
            "rev": subprocess.run(
                ["git", "rev-parse", "--short", rev], capture_output=True, text=True, check=True
            ).stdout.strip(),
            "letters": {
                slug: {
                    "count": int(
                        cluster.sql(
                            "release",
                            f"SELECT confirmed_count FROM letters_letter WHERE slug = '{slug}'",
                        )
                    ),
                    "tree_size": int(
                        cluster.sql(
                            "release",
                            "SELECT l.size FROM ledger_log l JOIN letters_letter t ON "
                            f"t.id = l.letter_id WHERE t.slug = '{slug}'",
                        )
                    ),
                }
                for slug in letters.split(",")
            },
        }
        assert DEMO in expected["letters"]
        (FIXTURES / "release.json").write_text(json.dumps(expected, indent=2) + "\n")
    finally:
        cluster.destroy()
        subprocess.run(["rm", "-rf", str(source)], check=False)


if __name__ == "__main__":
    os.chdir(Path(__file__).parents[2])
    main(sys.argv[1] if len(sys.argv) > 1 else "HEAD")
