"""Merkle tree hashing and proofs exactly as RFC 9162 section 2.1 (RFC 6962): SHA-256,
leaves H(0x00 || entry), interior nodes H(0x01 || left || right), split at the largest
power of two smaller than n.

Proof construction takes a `node(level, index)` function that returns the hash of the
complete subtree of 2**level leaves starting at leaf index * 2**level: the database tiles,
the HTTP tiles and a list of leaf hashes can all answer it."""

import hashlib
from collections.abc import Callable, Sequence

type Node = Callable[[int, int], bytes]

EMPTY_ROOT = hashlib.sha256(b"").digest()


class ProofError(Exception):
    """A proof does not verify."""


def hash_leaf(entry: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + entry).digest()


def hash_children(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def reduce_complete(hashes: Sequence[bytes]) -> bytes:
    """The root of a complete subtree, given its 2**k bottom hashes."""
    level = list(hashes)
    while len(level) > 1:
        level = [hash_children(level[i], level[i + 1]) for i in range(0, len(level), 2)]
    return level[0]


def root_of(leaf_hashes: Sequence[bytes]) -> bytes:
    """The Merkle Tree Hash of a whole list of leaf hashes, in one pass (a stack of the
    complete subtrees so far, folded right to left at the end)."""
    if not leaf_hashes:
        return EMPTY_ROOT
    stack: list[tuple[int, bytes]] = []  # (size, hash), sizes strictly decreasing
    for leaf in leaf_hashes:
        size, node = 1, leaf
        while stack and stack[-1][0] == size:
            _, left = stack.pop()
            node = hash_children(left, node)
            size *= 2
        stack.append((size, node))
    return fold([node for _, node in stack])


def fold(complete: Sequence[bytes]) -> bytes:
    """The root of a tree from the hashes of its complete subtrees, largest (leftmost)
    first: RFC 6962's split always puts the largest power of two on the left."""
    node = complete[-1]
    for left in reversed(complete[:-1]):
        node = hash_children(left, node)
    return node


def decompose(size: int) -> list[tuple[int, int]]:
    """The complete subtrees of a tree of `size` leaves, leftmost first, as (level, index)."""
    parts = []
    offset = 0
    for level in range(size.bit_length() - 1, -1, -1):
        if size >> level & 1:
            parts.append((level, offset >> level))
            offset += 1 << level
    return parts


def subtree(node: Node, start: int, end: int) -> bytes:
    """MTH(D[start:end]) where start is a multiple of the largest power of two < end-start,
    as in every range RFC 6962's recursion visits."""
    parts = []
    offset = start
    for level, _ in decompose(end - start):
        parts.append(node(level, offset >> level))
        offset += 1 << level
    return fold(parts)


def tree_root(node: Node, size: int) -> bytes:
    return subtree(node, 0, size) if size else EMPTY_ROOT


def _split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def inclusion_proof(node: Node, index: int, size: int) -> list[bytes]:
    """PATH(index, D[0:size]) of RFC 6962 section 2.1.1, leaf sibling first."""
    if not 0 <= index < size:
        raise ValueError(f"index {index} is outside a tree of size {size}")
    proof: list[bytes] = []
    start, end = 0, size
    while end - start > 1:
        k = _split(end - start)
        if index < start + k:
            proof.append(subtree(node, start + k, end))
            end = start + k
        else:
            proof.append(node((k.bit_length() - 1), start >> (k.bit_length() - 1)))
            start += k
    proof.reverse()
    return proof


def consistency_proof(node: Node, old: int, new: int) -> list[bytes]:
    """PROOF(old, D[0:new]) of RFC 6962 section 2.1.2."""
    if not 0 < old <= new:
        raise ValueError(f"no consistency proof from {old} to {new}")
    proof: list[bytes] = []
    start, end, m, whole = 0, new, old, True
    while m != end - start:
        k = _split(end - start)
        if m <= k:
            proof.append(subtree(node, start + k, end))
            end = start + k
        else:
            proof.append(node(k.bit_length() - 1, start >> (k.bit_length() - 1)))
            start += k
            m -= k
            whole = False
    if not whole:
        proof.append(subtree(node, start, end))
    proof.reverse()
    return proof


def root_from_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes]) -> bytes:
    """RFC 9162 section 2.1.3.2: the root that an inclusion proof implies."""
    if not 0 <= index < size:
        raise ProofError("index outside the tree")
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            raise ProofError("inclusion proof too long")
        if fn & 1 or fn == sn:
            r = hash_children(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = hash_children(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("inclusion proof too short")
    return r


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes
) -> None:
    if root_from_inclusion(index, size, leaf, proof) != root:
        raise ProofError("inclusion proof does not lead to the root")


def verify_consistency(
    old: int, new: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> None:
    """RFC 9162 section 2.1.4.2."""
    if old > new:
        raise ProofError("the tree shrank")
    if old == new:
        if proof or old_root != new_root:
            raise ProofError("same size, different roots")
        return
    if old == 0:
        if proof:
            raise ProofError("a proof from the empty tree must be empty")
        return
    if not proof:
        raise ProofError("empty consistency proof")
    path = list(proof)
    if old & (old - 1) == 0:  # a power of two: the old root is the first node
        path.insert(0, old_root)
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("consistency proof too long")
        if fn & 1 or fn == sn:
            fr = hash_children(c, fr)
            sr = hash_children(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = hash_children(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("consistency proof too short")
    if fr != old_root or sr != new_root:
        raise ProofError("consistency proof does not match the roots")


def list_node(leaf_hashes: Sequence[bytes]) -> Node:
    """A node function over an in-memory list of leaf hashes (for clients and tests)."""

    def node(level: int, index: int) -> bytes:
        start = index << level
        return reduce_complete(leaf_hashes[start : start + (1 << level)])

    return node
