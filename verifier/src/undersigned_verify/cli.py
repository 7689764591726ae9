"""`undersigned-verify URL`: check a letter's count against its public log."""

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from undersigned_verify.checker import Failed, Result, verify

DESCRIPTION = (
    "Check a letter's count against its public log, over HTTP: the checkpoint's signature, "
    "the root recomputed from every entry, every hash tile, the count replayed from the log, "
    "the witnesses' cosignatures, consistency with the checkpoint remembered in --state, "
    "the names shown, and a signer's receipt."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options, shared with `undersigned verify`."""
    parser.add_argument("url", help="The letter's address, e.g. https://example.org/l/slug/")
    parser.add_argument(
        "--key",
        default="",
        help="The log's verifier key (default: the key pinned in --state, else the site's vkey).",
    )
    parser.add_argument(
        "--state",
        type=Path,
        help="A file (or a directory to keep it in) that remembers, per letter URL, the "
        "log's origin and key (pinned on first use) and its last checkpoint, so the next "
        "run proves the log only grew.",
    )
    parser.add_argument("--receipt", type=Path, help="A receipt (.tlog-proof) to check.")
    parser.add_argument("--email", default="", help="The email address the receipt is for.")
    parser.add_argument(
        "--witness",
        action="append",
        default=[],
        metavar="VKEY",
        help="A witness's cosignature/v1 verifier key; repeat for several.",
    )
    parser.add_argument(
        "--min-witnesses",
        type=int,
        metavar="N",
        help="How many of the --witness keys must have cosigned the checkpoint "
        "(default: all of them).",
    )
    parser.add_argument(
        "--names",
        action="store_true",
        help="Also check every name and role on the public signatory list against its "
        "entry's display commitment.",
    )
    parser.add_argument("--json", action="store_true", help="Print the result as JSON.")


def run(options: argparse.Namespace) -> Result:
    """Runs the check the options describe; Failed with a one-line reason otherwise."""
    if bool(options.receipt) != bool(options.email):
        raise Failed("--receipt and --email go together")
    if options.min_witnesses is not None and options.min_witnesses < 1:
        raise Failed("--min-witnesses must be at least 1")
    if options.min_witnesses is not None and not options.witness:
        raise Failed("--min-witnesses needs --witness")
    receipt = ""
    if options.receipt:
        try:
            receipt = options.receipt.read_text()
        except OSError as error:
            raise Failed(f"cannot read the receipt: {error.strerror}") from None
    return verify(
        options.url,
        key=options.key,
        state=options.state,
        receipt=receipt,
        email=options.email,
        witnesses=options.witness,
        min_witnesses=options.min_witnesses,
        names=options.names,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="undersigned-verify", description=DESCRIPTION)
    add_arguments(parser)
    options = parser.parse_args(argv)
    try:
        result = run(options)
    except Failed as failure:
        if options.json:
            print(json.dumps({"ok": False, "url": options.url, "error": str(failure)}))
        else:
            print(f"undersigned-verify: {failure}", file=sys.stderr)
        return 1
    if options.json:
        print(json.dumps(result.as_json(), indent=2))
    else:
        print("\n".join(result.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
