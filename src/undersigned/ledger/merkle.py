"""Merkle tree hashing and proofs (RFC 9162 section 2.1): the standalone verifier's own
module, so that the site and every verifier hash exactly alike."""

from undersigned_verify.merkle import (
    EMPTY_ROOT,
    Node,
    ProofError,
    consistency_proof,
    decompose,
    fold,
    hash_children,
    hash_leaf,
    inclusion_proof,
    list_node,
    reduce_complete,
    root_from_inclusion,
    root_of,
    subtree,
    tree_root,
    verify_consistency,
    verify_inclusion,
)

__all__ = [
    "consistency_proof",
    "decompose",
    "EMPTY_ROOT",
    "fold",
    "hash_children",
    "hash_leaf",
    "inclusion_proof",
    "list_node",
    "Node",
    "ProofError",
    "reduce_complete",
    "root_from_inclusion",
    "root_of",
    "subtree",
    "tree_root",
    "verify_consistency",
    "verify_inclusion",
]
