"""The verifier against a site built from the package's own pieces, over HTTP."""

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from undersigned_verify import cli, merkle, notes
from undersigned_verify.checker import Failed, verify
from uv_fakesite import FakeSite, serve

SALT = "ab" * 32


@pytest.fixture
def site() -> FakeSite:
    site = FakeSite()
    for n in range(5):
        site.sign(n)
    site.sign(5, name="Ada Lovelace", role="Steward", salt=SALT)
    site.publish()
    return site


def test_it_asks_for_gzip_and_reads_it(site: FakeSite) -> None:
    with serve(site) as url:
        result = verify(url)
    assert (result.size, result.count, result.page_count) == (7, 6, 6)
    assert all(r.get("Accept-Encoding") == "gzip" for r in site.requests)


def test_the_command_line_prints_json(site: FakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    with serve(site) as url:
        assert cli.main([url, "--json", "--names"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is True
    assert (out["origin"], out["size"], out["count"], out["names"]) == (site.origin, 7, 6, 1)
    assert out["key"] == site.signer.verifier.vkey


def test_the_command_line_says_why_it_failed(
    site: FakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site.signatories[0]["name"] = "Ada Byron"
    site.publish()
    with serve(site) as url:
        assert cli.main([url, "--names", "--json"]) == 1
        assert json.loads(capsys.readouterr().out)["error"].startswith("name not covered")
        assert cli.main([url, "--names"]) == 1
    assert capsys.readouterr().err.startswith("undersigned-verify: name not covered: 'Ada Byron'")


def test_a_key_named_after_the_origin_line_verifies_with_the_host_named_vkey(
    site: FakeSite,
) -> None:
    host_vkey = site.signer.verifier.vkey
    site.key_name = site.origin
    site.publish()
    with serve(site) as url:
        assert verify(url, key=host_vkey).size == 7
        assert verify(url).size == 7  # the site's own vkey, named after the origin


def test_a_tile_that_disagrees_with_the_entries_fails(site: FakeSite) -> None:
    path = "/l/letter/log/tile/0/000.p/7"
    site.resources[path] = site.resources[path][:32] + b"\0" * 32 + site.resources[path][64:]
    with serve(site) as url, pytest.raises(Failed, match=r"^tile mismatch: tile/0/000.p/7 "):
        verify(url)


def test_state_pins_the_key_per_url_and_proves_growth(site: FakeSite, tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with serve(site) as url:
        verify(url, state=state)
        site.sign(9)
        site.publish()
        assert verify(url, state=state).previous_size == 7
        site.private = Ed25519PrivateKey.generate()
        site.publish()
        with pytest.raises(Failed, match="^key changed: "):
            verify(url, state=state)
    assert list(json.loads(state.read_text())["logs"]) == [url]


def test_witnesses_must_have_cosigned(site: FakeSite) -> None:
    first, second = (notes.Cosigner(f"w{n}.example", Ed25519PrivateKey.generate()) for n in (1, 2))
    keys = [first.verifier.vkey, second.verifier.vkey]
    with serve(site) as url:
        with pytest.raises(Failed, match="cosigned by 0 of the 2 witnesses given, 2 needed"):
            verify(url, witnesses=keys)
        site.cosignatures = first.cosign(site.checkpoint().text, 1700000000)
        site.publish()
        result = verify(url, witnesses=keys, min_witnesses=1)
        assert [(w.name, w.timestamp) for w in result.witnesses] == [("w1.example", 1700000000)]
        with pytest.raises(Failed, match="not enough witnesses"):
            verify(url, witnesses=keys)
        with pytest.raises(Failed, match="not a witness"):
            verify(url, witnesses=[site.signer.verifier.vkey])


def test_a_forged_cosignature_is_a_bad_cosignature(site: FakeSite) -> None:
    witness = notes.Cosigner("w.example", Ed25519PrivateKey.generate())
    line = witness.cosign(site.checkpoint().text, 1700000000)
    site.cosignatures = line.replace(line[-10:-2], "AAAAAAAA")
    site.publish()
    with serve(site) as url, pytest.raises(Failed, match="^bad cosignature"):
        verify(url, witnesses=[witness.verifier.vkey])


def test_merkle_proofs_agree_with_the_root() -> None:
    leaves = [merkle.hash_leaf(bytes([n])) for n in range(37)]
    node = merkle.list_node(leaves)
    for size in (1, 2, 7, 8, 36, 37):
        root = merkle.root_of(leaves[:size])
        for index in range(size):
            proof = merkle.inclusion_proof(node, index, size)
            merkle.verify_inclusion(index, size, leaves[index], proof, root)
        for old in range(1, size):
            proof = merkle.consistency_proof(node, old, size)
            merkle.verify_consistency(old, size, merkle.root_of(leaves[:old]), root, proof)


def test_a_log_whose_origin_becomes_its_url_prefix_stays_the_same_log(
    site: FakeSite, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    with serve(site) as url:
        verify(url, state=state)
        site.slug_origin = site.origin + "/log"
        site.sign(9)
        site.publish()
        assert site.checkpoint().origin.endswith("/l/letter/log")
        assert verify(url, state=state).previous_size == 7
