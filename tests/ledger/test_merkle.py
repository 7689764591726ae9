"""RFC 6962 hashing and proofs, against Certificate Transparency's Merkle test data (as
published in transparency-dev/merkle: testonly/constants.go and proof/verify_test.go) and
against a naive recursive reference for every size up to 300."""

import hashlib

from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from undersigned.ledger import merkle

LEAF_INPUTS = [bytes.fromhex(h) for h in [
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
]]  # fmt: skip
ROOTS = [bytes.fromhex(h) for h in [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]]  # fmt: skip
LEAF_HASHES = [bytes.fromhex(h) for h in [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
]]  # fmt: skip


def h(text: str) -> bytes:
    return bytes.fromhex(text)


# (index, size, proof), index zero-based.
INCLUSION = [
    (0, 1, []),
    (0, 8, [h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
            h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]),
    (5, 8, [h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
            h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]),
    (2, 3, [h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]),
    (1, 5, [h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
            h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]),
]  # fmt: skip
CONSISTENCY = [
    (1, 1, []),
    (1, 8, [h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
            h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]),
    (6, 8, [h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
            h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]),
    (2, 5, [h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]),
    (6, 7, [h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
            h("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]),
]  # fmt: skip


# A naive reference, written straight from RFC 6962 section 2.1.


def ref_mth(leaves: list[bytes]) -> bytes:
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    k = 1
    while k * 2 < n:
        k *= 2
    return hashlib.sha256(b"\x01" + ref_mth(leaves[:k]) + ref_mth(leaves[k:])).digest()


def ref_path(m: int, leaves: list[bytes]) -> list[bytes]:
    n = len(leaves)
    if n == 1:
        return []
    k = 1
    while k * 2 < n:
        k *= 2
    if m < k:
        return ref_path(m, leaves[:k]) + [ref_mth(leaves[k:])]
    return ref_path(m - k, leaves[k:]) + [ref_mth(leaves[:k])]


def ref_subproof(m: int, leaves: list[bytes], whole: bool) -> list[bytes]:
    n = len(leaves)
    if m == n:
        return [] if whole else [ref_mth(leaves)]
    k = 1
    while k * 2 < n:
        k *= 2
    if m <= k:
        return ref_subproof(m, leaves[:k], whole) + [ref_mth(leaves[k:])]
    return ref_subproof(m - k, leaves[k:], False) + [ref_mth(leaves[:k])]


def node_for(entries: list[bytes]) -> merkle.Node:
    return merkle.list_node([merkle.hash_leaf(e) for e in entries])


def flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]


class KnownVectorTests(SimpleTestCase):
    def test_leaf_hashes_match_the_ct_test_data(self) -> None:
        self.assertEqual([merkle.hash_leaf(e) for e in LEAF_INPUTS], LEAF_HASHES)

    def test_roots_of_0_to_8_leaves_match_the_ct_test_data(self) -> None:
        for size in range(9):
            hashes = [merkle.hash_leaf(e) for e in LEAF_INPUTS[:size]]
            self.assertEqual(merkle.root_of(hashes), ROOTS[size], size)
            self.assertEqual(merkle.tree_root(node_for(LEAF_INPUTS[:size]), size), ROOTS[size])

    def test_inclusion_proofs_match_the_ct_test_data(self) -> None:
        for index, size, proof in INCLUSION:
            self.assertEqual(merkle.inclusion_proof(node_for(LEAF_INPUTS), index, size), proof)
            merkle.verify_inclusion(index, size, LEAF_HASHES[index], proof, ROOTS[size])

    def test_consistency_proofs_match_the_ct_test_data(self) -> None:
        for old, new, proof in CONSISTENCY:
            self.assertEqual(merkle.consistency_proof(node_for(LEAF_INPUTS), old, new), proof)
            merkle.verify_consistency(old, new, ROOTS[old], ROOTS[new], proof)

    def test_corrupted_known_proofs_fail(self) -> None:
        for index, size, proof in INCLUSION[1:]:
            bad = [
                (index + 1, size, LEAF_HASHES[index], proof, ROOTS[size]),
                (index, size * 2, LEAF_HASHES[index], proof, ROOTS[size]),
                (index, size, LEAF_HASHES[index], proof[:-1], ROOTS[size]),
                (index, size, LEAF_HASHES[index], [*proof, ROOTS[size]], ROOTS[size]),
                (index, size, LEAF_HASHES[index], proof, ROOTS[0]),
            ]
            for args in bad:
                with self.assertRaises(merkle.ProofError):
                    merkle.verify_inclusion(*args)
        for old, new, proof in CONSISTENCY[1:]:
            with self.assertRaises(merkle.ProofError):
                merkle.verify_consistency(old, new, ROOTS[new], ROOTS[old], proof)
            with self.assertRaises(merkle.ProofError):
                merkle.verify_consistency(old, new, ROOTS[old], ROOTS[new], [])

    def test_a_shrinking_tree_is_never_consistent(self) -> None:
        with self.assertRaises(merkle.ProofError):
            merkle.verify_consistency(5, 4, ROOTS[5], ROOTS[4], [])


def entries_of(size: int) -> list[bytes]:
    return [f"entry {i}".encode() for i in range(size)]


class PropertyTests(SimpleTestCase):
    def test_every_size_up_to_300_matches_the_reference_root(self) -> None:
        leaves = entries_of(300)
        hashes = [merkle.hash_leaf(e) for e in leaves]
        node = merkle.list_node(hashes)
        for size in range(301):
            expected = ref_mth(leaves[:size])
            self.assertEqual(merkle.root_of(hashes[:size]), expected, size)
            self.assertEqual(merkle.tree_root(node, size), expected, size)

    @settings(max_examples=300, deadline=None)
    @given(st.integers(1, 300).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n - 1))))
    def test_inclusion_proofs_verify_and_any_flipped_byte_fails(
        self, case: tuple[int, int]
    ) -> None:
        size, index = case
        leaves = entries_of(size)
        proof = merkle.inclusion_proof(node_for(leaves), index, size)
        self.assertEqual(proof, ref_path(index, leaves))
        root = ref_mth(leaves)
        leaf = merkle.hash_leaf(leaves[index])
        merkle.verify_inclusion(index, size, leaf, proof, root)
        for i, node in enumerate(proof):
            for at in (0, 31):
                bad = proof[:i] + [flip(node, at)] + proof[i + 1 :]
                with self.assertRaises(merkle.ProofError):
                    merkle.verify_inclusion(index, size, leaf, bad, root)
        with self.assertRaises(merkle.ProofError):
            merkle.verify_inclusion(index, size, flip(leaf, 7), proof, root)
        with self.assertRaises(merkle.ProofError):
            merkle.verify_inclusion(index, size, leaf, proof, flip(root, 0))

    @settings(max_examples=300, deadline=None)
    @given(st.integers(1, 300).flatmap(lambda n: st.tuples(st.integers(1, n), st.just(n))))
    def test_consistency_proofs_verify_and_any_flipped_byte_fails(
        self, case: tuple[int, int]
    ) -> None:
        old, new = case
        leaves = entries_of(new)
        proof = merkle.consistency_proof(node_for(leaves), old, new)
        self.assertEqual(proof, ref_subproof(old, leaves, True))
        old_root, new_root = ref_mth(leaves[:old]), ref_mth(leaves)
        merkle.verify_consistency(old, new, old_root, new_root, proof)
        for i, node in enumerate(proof):
            bad = proof[:i] + [flip(node, i % 32)] + proof[i + 1 :]
            with self.assertRaises(merkle.ProofError):
                merkle.verify_consistency(old, new, old_root, new_root, bad)
        if old < new:
            with self.assertRaises(merkle.ProofError):
                merkle.verify_consistency(old, new, flip(old_root, 3), new_root, proof)
            with self.assertRaises(merkle.ProofError):
                merkle.verify_consistency(old, new, old_root, flip(new_root, 3), proof)

    def test_for_every_size_up_to_300_proofs_verify_and_flipped_bytes_fail(self) -> None:
        leaves = entries_of(300)
        hashes = [merkle.hash_leaf(e) for e in leaves]
        node = merkle.list_node(hashes)
        roots = [merkle.root_of(hashes[:n]) for n in range(301)]
        for size in range(1, 301):
            for index in sorted({0, size // 3, size - 1}):
                proof = merkle.inclusion_proof(node, index, size)
                merkle.verify_inclusion(index, size, hashes[index], proof, roots[size])
                for i, part in enumerate(proof):
                    bad = proof[:i] + [flip(part, i % 32)] + proof[i + 1 :]
                    with self.assertRaises(merkle.ProofError):
                        merkle.verify_inclusion(index, size, hashes[index], bad, roots[size])
            for old in sorted({1, size // 2 or 1, size - 1 or 1}):
                proof = merkle.consistency_proof(node, old, size)
                merkle.verify_consistency(old, size, roots[old], roots[size], proof)
                for i, part in enumerate(proof):
                    bad = proof[:i] + [flip(part, i % 32)] + proof[i + 1 :]
                    with self.assertRaises(merkle.ProofError):
                        merkle.verify_consistency(old, size, roots[old], roots[size], bad)
