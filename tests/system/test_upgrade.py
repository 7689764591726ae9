"""Upgrade: the demo as the previous release wrote it (tests/system/fixtures/release.sql,
made by make_release_fixture.py) is migrated forward by this code; nothing is lost and every
letter's log still verifies with the same count."""

import json

import requests

from tests.system.harness import FIXTURES, Cluster, count_json, free_port, site


def test_migrating_the_previous_releases_data_loses_nothing(cluster: Cluster) -> None:
    expected = json.loads((FIXTURES / "release.json").read_text())
    cluster.client("createdb", "upgraded")
    cluster.client(
        "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", "upgraded", "-f", str(FIXTURES / "release.sql")
    )
    with site(cluster.url("upgraded")) as installed:
        installed.run("migrate", "--no-input")
        port = free_port()
        installed.serve(port)
        base = f"http://127.0.0.1:{port}"
        listed = requests.get(f"{base}/api/v1/letters", timeout=10).json()
        assert {item["slug"] for item in listed["items"]} == set(expected["letters"])
        for slug, before in expected["letters"].items():
            after = count_json(base, slug)
            assert (after["count"], after["tree_size"], after["pending"]) == (
                before["count"],
                before["tree_size"],
                0,
            )
            out = installed.run("verify", f"{base}/l/{slug}/")
            assert f"has {before['tree_size']} entries" in out
            assert (
                f"replays to {before['count']} signatures; the page shows {before['count']}" in out
            )
