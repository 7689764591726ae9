"""C2SP tlog-proof receipts: proof that an entry is in the log. For a letter's signer, the
`extra` line carries the signature's 32-byte commitment salt, which with the signer's
email recomputes the entry's `commit` (so only the signer can recognise their entry)."""

from undersigned.ledger import merkle, tiles
from undersigned.ledger.models import Checkpoint, Log
from undersigned_verify.receipts import Receipt, ReceiptError

__all__ = ["Receipt", "ReceiptError", "for_entry"]


def for_entry(log: Log | None, index: int | None, extra: bytes = b"") -> Receipt | None:
    """A receipt for the entry at `index` against the log's latest checkpoint, or None
    while it is not logged."""
    if log is None or index is None or log.size <= index:
        return None
    checkpoint = Checkpoint.objects.filter(log=log, size=log.size).first()
    if checkpoint is None:
        return None
    node = tiles.tile_node(tiles.db_reader(log))
    proof = merkle.inclusion_proof(node, index, log.size)
    return Receipt(index, proof, checkpoint.note, extra)
