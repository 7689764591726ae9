"""`undersigned verify <motion URL>`: check a motion's log from the outside, over HTTP, with
nothing but what the site publishes: the checkpoint's signature, the root over every entry,
the tally replayed from the logged ballots, and the verdict recomputed from the logged record
and the published rulebook (whose hash the log holds), each compared with the page."""

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from undersigned.ledger import entries, merkle, notes
from undersigned.ledger.subjects import Unverified
from undersigned.motions import log, standing
from undersigned.motions import rulebook as rules
from undersigned_verify import checker

PATH = r"^/o/[\w-]+/bodies/[\w-]+/motions/\d+/?$"

type Fetch = Callable[[str], bytes]


def http_fetch(url: str) -> bytes:
    """The standalone verifier's fetch (user agent, gzip, timeouts), failing as Unverified."""
    try:
        return checker.http_fetch(url)
    except checker.Failed as failure:
        raise Unverified(str(failure)) from None


def check(url: str, options: dict[str, Any], fetch: Fetch = http_fetch) -> list[str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not re.match(PATH, parts.path):
        raise Unverified(f"not a motion URL: {url}")
    base = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    path = parts.path.rstrip("/")
    _, _, org, _, body, _, pk = path.split("/")
    try:
        verifier = notes.Verifier.parse(
            options.get("key") or fetch(f"{base}/.well-known/undersigned/vkey").decode()
        )
        checkpoint = notes.open_checkpoint(fetch(f"{base}{path}/log/checkpoint").decode(), verifier)
    except notes.NoteError as error:
        raise Unverified(str(error)) from None
    if not checkpoint.origin.endswith(path):
        raise Unverified(f"checkpoint is for another log ({checkpoint.origin})")
    found = _entries(fetch, f"{base}{path}/log/", checkpoint.size)
    if merkle.root_of([merkle.hash_leaf(e) for e in found]) != checkpoint.root:
        raise Unverified("root mismatch: the entries do not hash to the signed checkpoint's root")
    try:
        fields = [log.parse(entry) for entry in found]
    except entries.EntryError as error:
        raise Unverified(f"malformed log: {error}") from None
    opened = next((f for f in fields if f["kind"] == "open"), None)
    # The latest result counts: officers may correct a recorded vote (each one is logged).
    result = next((f for f in reversed(fields) if f["kind"] == "result"), None)
    if opened is None or result is None:
        raise Unverified("the vote has not been closed and logged yet")
    recorded = opened.get("mode") == "recorded"
    counts = (
        {k: int(result[k]) for k in ("for", "against", "abstain")}
        if recorded
        else log.tally(fields)
    )
    if not recorded and any(counts[k] != int(result[k]) for k in counts):
        raise Unverified(
            f"tally mismatch: the ballots add up to {counts}, the result says "
            f"{ {k: int(result[k]) for k in counts} }"
        )
    source = fetch(f"{base}/o/{org}/rulebook.toml?sha256={opened['rulebook']}")
    if hashlib.sha256(source).hexdigest() != opened["rulebook"]:
        raise Unverified("the published rulebook is not the one the log names")
    verdict = standing.judge(rules.load(source), _record(result))
    outcome = verdict.outcome.value if verdict.outcome else "-"
    if (verdict.standing.value, outcome) != (result["standing"], result["outcome"]):
        raise Unverified(
            f"verdict mismatch: the rules give {verdict.standing.value}/{outcome}, "
            f"the log says {result['standing']}/{result['outcome']}"
        )
    page = json.loads(fetch(f"{base}/api/v1/orgs/{org}/bodies/{body}/motions/{pk}"))
    shown = (page["votes_for"], page["votes_against"], page["abstain"], page["standing"])
    logged = (counts["for"], counts["against"], counts["abstain"], verdict.standing.value)
    if shown != logged:
        raise Unverified(f"page mismatch: the page shows {shown}, the log gives {logged}")
    lines = [
        f"OK: {checkpoint.origin} has {checkpoint.size} entries, signed by the log's key; "
        "the root matches every entry.",
        (
            f"The vote recorded by the officers, {counts['for']} for, {counts['against']} "
            f"against, {counts['abstain']} abstaining, is the one the page shows."
            if recorded
            else f"The ballots add up to {counts['for']} for, {counts['against']} against, "
            f"{counts['abstain']} abstaining, as the page shows."
        ),
        f"Under the published rulebook (SHA-256 {opened['rulebook'][:16]}…) the record gives "
        f"the verdict {verdict.standing.value}, as the page shows.",
    ]
    tracker = str(options.get("tracker") or "").strip().lower()
    if tracker:
        if not any(f.get("tracker") == tracker for f in fields if f["kind"] == "ballot"):
            raise Unverified(f"tracker {tracker} is not among the logged ballots")
        lines.append(f"Your tracker {tracker} is among the logged ballots.")
    return lines


def _entries(fetch: Fetch, prefix: str, size: int) -> list[bytes]:
    try:
        return checker.fetch_entries(fetch, prefix, size)
    except checker.Failed as failure:
        raise Unverified(str(failure)) from None


def _record(result: dict[str, str]) -> standing.Record:

    def number(key: str) -> int | None:
        return None if result[key] == "-" else int(result[key])

    rescinds = None
    if result["rescinds_at"] != "-":
        at = log.parse_time(result["rescinds_at"])
        assert at is not None
        rescinds = standing.Rescinds(decided_at=at, same_body=result["rescinds_same_body"] == "yes")
    meeting_at, received_at = (
        log.parse_time(result["meeting_at"]),
        log.parse_time(result["received_at"]),
    )
    if meeting_at is None or received_at is None:
        raise Unverified("the logged record lacks the meeting's or the motion's time")
    return standing.Record(
        body_kind=result["body"],
        meeting_kind=rules.MeetingKind(result["meeting"]),
        meeting_at=meeting_at,
        notice_sent_at=log.parse_time(result["notice_at"]),
        motion_kind=rules.MotionKind(result["motion"]),
        received_at=received_at,
        emergency=None if result["emergency"] == "-" else standing.Emergency(result["emergency"]),
        eligible=number("eligible") or 0,
        present=number("present"),
        votes_for=int(result["for"]),
        votes_against=int(result["against"]),
        abstain=int(result["abstain"]),
        rescinds=rescinds,
    )
