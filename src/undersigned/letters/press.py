"""A letter's figures as the log stood at one checkpoint, replayed from the entries up to
that size: they cannot drift when the count moves on, and anyone can recompute them from
the evidence bundle."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from undersigned.accounts.models import Branch
from undersigned.ledger import cosignatures, entries, notes, tiles
from undersigned.ledger.models import Checkpoint, EntryBundle, Log
from undersigned.letters import chart
from undersigned.letters.models import Letter

VERIFIED = {"yes", "number"}


def log_for(letter: Letter) -> Log | None:
    """The letter's log: the one place that knows how a log belongs to its letter."""
    return Log.objects.of(letter).first()


def configured_witnesses() -> list[cosignatures.Witness]:
    """The witnesses this site asks to cosign (LEDGER_WITNESSES), as listed at
    /.well-known/undersigned/witnesses."""
    return list(settings.LEDGER_WITNESSES)


def checkpoint_at(log: Log, size: int | None = None) -> Checkpoint | None:
    """The checkpoint at this size, or the latest."""
    rows = Checkpoint.objects.filter(log=log)
    if size is None:
        return rows.order_by("-size").first()
    return rows.filter(size=size).first()


def entries_upto(log: Log, size: int) -> list[bytes]:
    """The first `size` entries, from the entry bundles (which only ever grow)."""
    found: list[bytes] = []
    last = (size - 1) // tiles.WIDTH
    for bundle in EntryBundle.objects.filter(log=log, index__lte=last).order_by("index"):
        found += tiles.split_bundle(bytes(bundle.entries))
    return found[:size]


@dataclass
class Snapshot:
    size: int
    time: datetime
    note: str
    count: int = 0
    members: int = 0
    text_version: int = 0
    witnesses: list[cosignatures.Cosigned] = field(default_factory=list)
    # Counted signatures by branch code ("-" when none was given), and verified members.
    by_branch: dict[str, int] = field(default_factory=dict)
    members_by_branch: dict[str, int] = field(default_factory=dict)
    # (time, count) after each entry that moved the count.
    series: list[tuple[datetime, int]] = field(default_factory=list)

    @property
    def checkpoint(self) -> notes.Checkpoint:
        return notes.Checkpoint.parse(self.note.split("\n\n")[0] + "\n")


def _replay(snapshot: Snapshot, logged: list[bytes]) -> None:
    replay = entries.Replay()
    signs: dict[int, tuple[str, str]] = {}  # index -> (member, branch)
    counted: dict[int, bool] = {}
    count = 0
    for index, entry in enumerate(logged):
        fields = replay.add(entry)  # checks the entry, as verify does
        kind = fields["kind"]
        if kind == "text":
            snapshot.text_version = int(fields["version"])
            continue
        if kind == "sign":
            signs[index] = (fields.get("member", "no"), fields.get("branch", "-"))
            counted[index] = True
            count += 1
        else:
            ref = int(fields["ref"])
            now = replay.counted[ref]
            count += int(now) - int(counted[ref])
            counted[ref] = now
        moment = datetime.strptime(fields["time"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        snapshot.series.append((moment, count))
    snapshot.count = count
    snapshot.series = chart.thin(snapshot.series)
    for index, (member, branch) in signs.items():
        if not counted[index]:
            continue
        snapshot.by_branch[branch] = snapshot.by_branch.get(branch, 0) + 1
        if member in VERIFIED:
            snapshot.members += 1
            snapshot.members_by_branch[branch] = snapshot.members_by_branch.get(branch, 0) + 1


def snapshot(log: Log, checkpoint: Checkpoint) -> Snapshot:
    """The figures at this checkpoint, cached under its root (a snapshot never changes)."""
    parsed = notes.Checkpoint.parse(checkpoint.note.split("\n\n")[0] + "\n")
    key = f"press:snapshot:{parsed.root.hex()}:{parsed.size}"
    found: Snapshot | None = cache.get(key)
    if found is None:
        found = Snapshot(checkpoint.size, checkpoint.created, checkpoint.note)
        _replay(found, entries_upto(log, checkpoint.size))
        cache.set(key, found, timeout=24 * 3600)
    # Witnesses may cosign after the checkpoint was made: read them from the note as it is.
    found.note = cosignatures.served_note(checkpoint)
    found.witnesses = cosignatures.cosigned_by(found.note, configured_witnesses())
    return found


def breakdown(letter: Letter, snap: Snapshot) -> dict[str, Any]:
    """Counted signatures, and verified members, by region and branch, with names."""
    branches = {
        b.code: b
        for b in Branch.objects.filter(
            organisation=letter.organisation, code__in=list(snap.by_branch)
        ).select_related("region")
    }
    regions: dict[str, dict[str, Any]] = {}
    for code, count in snap.by_branch.items():
        branch = branches.get(code)
        region_name = branch.region.name if branch else ""
        region = regions.setdefault(
            region_name, {"name": region_name, "count": 0, "members": 0, "branches": []}
        )
        members = snap.members_by_branch.get(code, 0)
        region["count"] += count
        region["members"] += members
        region["branches"].append(
            {"name": branch.name if branch else "", "count": count, "members": members}
        )
    for region in regions.values():
        region["branches"].sort(key=lambda b: (-b["count"], b["name"]))
    ordered = sorted(regions.values(), key=lambda r: (not r["name"], -r["count"], r["name"]))
    member_branches = [code for code in snap.members_by_branch if code != "-"]
    member_regions = {branches[c].region_id for c in member_branches if c in branches}
    return {
        "regions": ordered,
        "member_branches": len(member_branches),
        "member_regions": len(member_regions),
    }


def headline(snap: Snapshot, figures: dict[str, Any]) -> str:
    """ "At 18:00 UTC on 29 November 2026, 120 signatures; of them 80 verified members in 5
    branches across 2 regions; checked by 2 independent witnesses."""
    moment = {"time": date_format(snap.time, "H:i"), "day": date_format(snap.time, "j F Y")}
    parts = [
        ngettext(
            "At %(time)s UTC on %(day)s, %(count)d signature",
            "At %(time)s UTC on %(day)s, %(count)d signatures",
            snap.count,
        )
        % {**moment, "count": snap.count}
    ]
    if snap.members:
        branches = ngettext("%(n)d branch", "%(n)d branches", figures["member_branches"]) % {
            "n": figures["member_branches"]
        }
        regions = ngettext("%(n)d region", "%(n)d regions", figures["member_regions"]) % {
            "n": figures["member_regions"]
        }
        parts.append(
            ngettext(
                "of them %(n)d verified member in %(branches)s across %(regions)s",
                "of them %(n)d verified members in %(branches)s across %(regions)s",
                snap.members,
            )
            % {"n": snap.members, "branches": branches, "regions": regions}
        )
    witnesses = len(snap.witnesses)
    if witnesses:
        parts.append(
            ngettext(
                "checked by %(n)d independent witness",
                "checked by %(n)d independent witnesses",
                witnesses,
            )
            % {"n": witnesses}
        )
    else:
        parts.append(_("not yet cosigned by any independent witness"))
    return "; ".join(parts) + "."


def wording(letter: Letter, snap: Snapshot, url: str) -> list[str]:
    """Copy-ready paragraphs saying exactly what the count proves and what it does not."""
    moment = {"time": date_format(snap.time, "H:i"), "day": date_format(snap.time, "j F Y")}
    first = ngettext(
        "The open letter “%(title)s” had %(count)d signature at %(time)s UTC on %(day)s.",
        "The open letter “%(title)s” had %(count)d signatures at %(time)s UTC on %(day)s.",
        snap.count,
    ) % {**moment, "title": letter.title, "count": snap.count}
    if snap.members:
        first += " " + _("Of them, %(n)d were checked against %(org)s's membership roster.") % {
            "n": snap.members,
            "org": letter.organisation.name,
        }
    witnesses = len(snap.witnesses)
    if witnesses:
        first += " " + ngettext(
            "The count comes from a public, append-only log signed by the site and cosigned "
            "by %(n)d independent witness; anyone can check it at %(url)s.",
            "The count comes from a public, append-only log signed by the site and cosigned "
            "by %(n)d independent witnesses; anyone can check it at %(url)s.",
            witnesses,
        ) % {"n": witnesses, "url": url}
    else:
        first += " " + _(
            "The count comes from a public, append-only log signed by the site; anyone can "
            "check it at %(url)s."
        ) % {"url": url}
    return [
        first,
        _(
            "What this proves: no signature was removed, altered or added after it was "
            "recorded, and the count is exactly what the log adds up to."
        ),
        _(
            "What it does not prove: that every signature comes from a real, distinct person. "
            "The log holds no names or email addresses; that rests on email confirmation, the "
            "membership roster and the organisers' moderation. Without independent witnesses, "
            "it also cannot prove that the site shows everyone the same log."
        ),
    ]
