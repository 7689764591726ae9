"""The backup and restore drill of the README: pg_dump a live instance, restore it into a
fresh database, start the app on it, and `undersigned verify` passes for every letter with
the same counts as the original."""

import requests

from tests.system.harness import Cluster, count_json, free_port, settled, site, wait_for


def test_a_restored_backup_verifies_with_the_same_counts(cluster: Cluster, database: str) -> None:
    with site(cluster.url(database)) as live:
        port = free_port()
        live.serve(port)
        live.worker()
        base = f"http://127.0.0.1:{port}"
        wait_for("a ready instance", lambda: requests.get(f"{base}/readyz", timeout=5).ok, 60)
        slugs = [
            item["slug"]
            for item in requests.get(f"{base}/api/v1/letters", timeout=10).json()["items"]
        ]
        assert slugs
        before = {slug: settled(base, slug) for slug in slugs}
        assert all(before.values())
        # The live instance keeps serving while it is dumped (pg_dump reads one snapshot).
        backup = cluster.root / "backup.dump"
        cluster.client("pg_dump", "--format=custom", "--no-owner", "-f", str(backup), database)
        assert requests.get(f"{base}/readyz", timeout=10).ok

    cluster.client("createdb", f"{database}_restored")
    cluster.client(
        "pg_restore", "--no-owner", "--exit-on-error", "-d", f"{database}_restored", str(backup)
    )
    with site(cluster.url(f"{database}_restored")) as restored:
        port = free_port()
        restored.serve(port)
        base = f"http://127.0.0.1:{port}"
        for slug in slugs:
            after = count_json(base, slug)
            assert {k: after[k] for k in ("count", "logged_count", "tree_size", "pending")} == {
                k: before[slug][k] for k in ("count", "logged_count", "tree_size", "pending")
            }
            out = restored.run("verify", f"{base}/l/{slug}/")
            assert out.startswith("OK: ")
            assert f"the page shows {after['count']}" in out
