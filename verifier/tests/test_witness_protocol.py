"""The witness's add-checkpoint rules (C2SP tlog-witness), in process, and over HTTP in a
thread; tests/ledger/test_witness.py runs it as its own process beside the app."""

import hashlib
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from undersigned_verify import merkle, notes, witness, witnesses
from uv_fakesite import FakeSite, free_port


@pytest.fixture
def site() -> FakeSite:
    site = FakeSite()
    for n in range(4):
        site.sign(n)
    return site


@pytest.fixture
def config(tmp_path: Path, site: FakeSite) -> Path:
    witness.generate_key("witness.example", tmp_path / "witness.key")
    path = tmp_path / "witness.json"
    logs = [{"origin_prefix": "letters.example/l/", "vkey": site.signer.verifier.vkey}]
    path.write_text(json.dumps({"key_file": "witness.key", "logs": logs}))
    return path


@pytest.fixture
def server(config: Path) -> Iterator[witness.Witness]:
    yield witness.Witness(witness.Config.load(config))


def body(site: FakeSite, old: int, proof: list[bytes] | None = None) -> bytes:
    return witnesses.request_body(site.publish(), old, proof or [])


def proof(site: FakeSite, old: int) -> list[bytes]:
    leaves = [merkle.hash_leaf(entry) for entry in site.log]
    return merkle.consistency_proof(merkle.list_node(leaves), old, len(leaves))


def refused(server: witness.Witness, data: bytes) -> tuple[int, str]:
    with pytest.raises(witness.Refused) as caught:
        server.add_checkpoint(data)
    return int(caught.value.status), str(caught.value)


def test_it_cosigns_a_growing_log_with_a_timestamped_cosignature(
    server: witness.Witness, site: FakeSite
) -> None:
    line = server.add_checkpoint(body(site, 0))
    found = notes.cosignatures(site.publish() + line, [server.config.cosigner.verifier])
    assert list(found.values())[0] > 1_700_000_000
    site.sign(4)
    site.sign(5)
    assert server.add_checkpoint(body(site, 5, proof(site, 5)))


def test_a_caller_at_another_size_gets_409_and_the_witness_size(
    server: witness.Witness, site: FakeSite
) -> None:
    server.add_checkpoint(body(site, 0))
    site.sign(4)
    with pytest.raises(witness.Refused) as caught:
        server.add_checkpoint(body(site, 0))
    assert (caught.value.status, str(caught.value)) == (409, "5\n")
    assert caught.value.content_type == "text/x.tlog.size"


def test_a_fork_at_the_same_size_is_422(server: witness.Witness, site: FakeSite) -> None:
    server.add_checkpoint(body(site, 0))
    site.log[2] = site.log[2].replace(b"member no", b"member yes")
    assert refused(server, body(site, 5))[0] == 422


def test_a_rewrite_is_422(server: witness.Witness, site: FakeSite) -> None:
    server.add_checkpoint(body(site, 0))
    site.log[2] = site.log[2].replace(b"member no", b"member yes")
    site.sign(4)
    assert refused(server, body(site, 5, proof(site, 5)))[0] == 422


def test_unknown_logs_are_404_and_bad_signatures_403(
    server: witness.Witness, site: FakeSite
) -> None:
    stranger = FakeSite(slug="other")
    stranger.log = list(site.log)
    assert refused(server, body(stranger, 0))[0] == 403  # followed origin, unknown key
    elsewhere = FakeSite()
    elsewhere.private = site.private
    note = elsewhere.signer.sign(site.checkpoint().text.replace("letters.example", "x.example"))
    assert refused(server, witnesses.request_body(note, 0, []))[0] == 404
    note = site.publish()
    forged = note.replace(note.split(" ")[-1][:8], "AAAAAAAA")
    assert refused(server, witnesses.request_body(forged, 0, []))[0] == 403


@pytest.mark.parametrize(
    "data",
    [b"old 01\n\nx\n", b"new 0\n\nx\n", b"old 0\nnot base64!\n\nx\n", b"old 0\n", b"\xff"],
)
def test_malformed_requests_are_400(server: witness.Witness, data: bytes) -> None:
    assert refused(server, data)[0] == 400


def test_old_size_beyond_the_checkpoint_is_400_and_proofs_from_zero_are_422(
    server: witness.Witness, site: FakeSite
) -> None:
    assert refused(server, body(site, 9))[0] == 400
    assert refused(server, body(site, 0, [b"\0" * 32]))[0] == 422


def test_a_key_named_after_the_origin_is_accepted(server: witness.Witness, site: FakeSite) -> None:
    site.key_name = site.origin
    assert server.add_checkpoint(body(site, 0))


def test_the_state_survives_a_restart(config: Path, site: FakeSite) -> None:
    witness.Witness(witness.Config.load(config)).add_checkpoint(body(site, 0))
    again = witness.Witness(witness.Config.load(config))
    assert refused(again, body(site, 0)) == (409, "5\n")


def test_a_witness_never_overwrites_its_key(tmp_path: Path) -> None:
    witness.generate_key("w.example", tmp_path / "k")
    with pytest.raises(witness.ConfigError, match="exists"):
        witness.generate_key("w.example", tmp_path / "k")
    with pytest.raises(witness.ConfigError, match="no spaces"):
        witness.generate_key("w example", tmp_path / "k2")


def test_over_http_with_the_client(config: Path, site: FakeSite) -> None:
    port = free_port()
    server = ThreadingHTTPServer(
        ("127.0.0.1", port), witness.handler_for(witness.Witness(witness.Config.load(config)))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        vkey = witness.load_cosigner(config.parent / "witness.key").verifier.vkey
        [client] = witnesses.parse_list(f"# ours\n{vkey} http://127.0.0.1:{port}\n")
        note = site.publish()
        line = witnesses.add_checkpoint(client, note, 0, [])
        request = urllib.request.Request(
            client.url + "add-checkpoint", data=witnesses.request_body(note, 0, []), method="POST"
        )
        with pytest.raises(urllib.error.HTTPError) as refusal:
            urllib.request.urlopen(request, timeout=10)
        assert refusal.value.code == 409
        assert refusal.value.headers["Content-Type"] == "text/x.tlog.size"
        assert refusal.value.read() == b"5\n"
        with pytest.raises(witnesses.Conflict) as caught:
            witnesses.add_checkpoint(client, note, 0, [])
        assert caught.value.size == 5
        origin_hash = hashlib.sha256(site.origin.encode()).hexdigest()
        url = f"http://127.0.0.1:{port}/{origin_hash}/checkpoint"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.read().decode() == note + line
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/{'0' * 64}/checkpoint", timeout=10)
    finally:
        server.shutdown()
        server.server_close()


def test_a_witness_list_names_its_bad_line() -> None:
    with pytest.raises(ValueError, match="line 2"):
        witnesses.parse_list("\nexample.org+00000000+AQ== https://w.example/\n")


def test_concurrent_submissions_from_one_size_cosign_exactly_one(
    server: witness.Witness, site: FakeSite
) -> None:
    server.add_checkpoint(body(site, 0))
    site.sign(4)
    request = body(site, 5, proof(site, 5))
    outcomes: list[int] = []

    def submit() -> None:
        try:
            server.add_checkpoint(request)
            outcomes.append(200)
        except witness.Refused as refusal:
            outcomes.append(int(refusal.status))

    threads = [threading.Thread(target=submit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [200] + [409] * 7
