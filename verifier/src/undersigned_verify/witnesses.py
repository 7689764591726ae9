"""A log's side of tlog-witness: submitting a checkpoint to a witness for cosigning, and
the list of witnesses a log is configured with.

A witness list is text, one witness per line: its cosignature/v1 verifier key, a space,
and its submission URL prefix (`add-checkpoint` is appended); blank lines and lines
starting with # are ignored:

    witness.example.org+3f1a9c0e+BPx... https://witness.example.org/
"""

import base64
import urllib.error
import urllib.request
from dataclasses import dataclass

from undersigned_verify import notes

USER_AGENT = "undersigned-witness-client"


class WitnessError(Exception):
    """A witness refused or could not be reached; `status` is its HTTP status (0 if none)."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


class Conflict(WitnessError):
    """The witness has cosigned another size before (409): `size` is that size, from which
    the log must prove consistency."""

    def __init__(self, size: int) -> None:
        super().__init__(f"the witness is at size {size}", 409)
        self.size = size


@dataclass(frozen=True)
class Witness:
    key: notes.Verifier  # a cosignature/v1 key
    url: str

    @property
    def name(self) -> str:
        return self.key.name


def parse_list(text: str) -> list[Witness]:
    """A witness list (see the module's docstring); ValueError names the bad line."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        vkey, _, url = line.partition(" ")
        url = url.strip()
        try:
            key = notes.Verifier.parse(vkey, kinds=(notes.COSIGNATURE_V1,))
        except notes.NoteError:
            raise ValueError(f"line {number}: not a cosignature/v1 verifier key") from None
        if not url.startswith(("https://", "http://")):
            raise ValueError(f"line {number}: the witness URL must start with https://")
        found.append(Witness(key, url if url.endswith("/") else url + "/"))
    return found


def request_body(note: str, old_size: int, proof: list[bytes]) -> bytes:
    lines = [f"old {old_size}"] + [base64.b64encode(node).decode() for node in proof]
    return ("\n".join(lines) + "\n\n" + note).encode()


def add_checkpoint(
    witness: Witness, note: str, old_size: int, proof: list[bytes], timeout: float = 10
) -> str:
    """POST the checkpoint; the witness's verified cosignature line(s), to append to the
    note. Conflict when the witness is at another size; WitnessError otherwise."""
    request = urllib.request.Request(  # noqa: S310 (parse_list allows http(s) only)
        witness.url + "add-checkpoint",
        data=request_body(note, old_size, proof),
        method="POST",
        headers={"User-Agent": USER_AGENT, "Content-Type": "text/plain; charset=utf-8"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read().decode()
    except urllib.error.HTTPError as error:
        text = error.read().decode(errors="replace").strip()
        if error.code == 409 and error.headers.get_content_type() == "text/x.tlog.size":
            try:
                raise Conflict(int(text)) from None
            except ValueError:
                pass
        raise WitnessError(
            f"{witness.name} refused: HTTP {error.code} {text}", error.code
        ) from None
    except (urllib.error.URLError, OSError, UnicodeDecodeError) as error:
        raise WitnessError(f"{witness.name} could not be reached: {error}") from None
    lines = [line + "\n" for line in body.splitlines() if line]
    mine = [line for line in lines if line.startswith(f"{notes.DASH} {witness.name} ")]
    try:
        if not notes.cosignatures(note + "".join(mine), [witness.key]):
            raise notes.NoteError("no cosignature by this witness")
    except notes.NoteError as error:
        raise WitnessError(
            f"{witness.name} answered without a valid cosignature: {error}"
        ) from None
    return "".join(mine)
