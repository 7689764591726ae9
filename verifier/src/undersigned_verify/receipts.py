"""C2SP tlog-proof receipts: a signer's proof that their sign entry is in the log. The
`extra` line carries the signature's 32-byte commitment salt, which with the signer's
email recomputes the entry's `commit` (so only the signer can recognise their entry)."""

import base64
import binascii
from dataclasses import dataclass

HEADER = "c2sp.org/tlog-proof@v1"


class ReceiptError(ValueError):
    """A receipt that is not a well-formed tlog-proof."""


@dataclass(frozen=True)
class Receipt:
    index: int
    proof: list[bytes]
    checkpoint: str  # the signed note, verbatim
    extra: bytes = b""

    @property
    def text(self) -> str:
        lines = [HEADER]
        if self.extra:
            lines.append(f"extra {base64.b64encode(self.extra).decode()}")
        lines.append(f"index {self.index}")
        lines += [base64.b64encode(node).decode() for node in self.proof]
        return "\n".join(lines) + "\n\n" + self.checkpoint

    @classmethod
    def parse(cls, text: str) -> "Receipt":
        head, separator, checkpoint = text.partition("\n\n")
        lines = head.split("\n")
        if not separator or lines[0] != HEADER:
            raise ReceiptError("not a c2sp.org/tlog-proof@v1 receipt")
        at = 1
        extra = b""
        try:
            if lines[at].startswith("extra "):
                extra = base64.b64decode(lines[at][6:], validate=True)
                at += 1
            key, _, number = lines[at].partition(" ")
            index = int(number)
            if key != "index" or number != str(index) or index < 0:
                raise ValueError
            proof = [base64.b64decode(line, validate=True) for line in lines[at + 1 :]]
        except (IndexError, ValueError, binascii.Error):
            raise ReceiptError("malformed receipt") from None
        if any(len(node) != 32 for node in proof):
            raise ReceiptError("malformed receipt")
        return cls(index, proof, checkpoint, extra)
