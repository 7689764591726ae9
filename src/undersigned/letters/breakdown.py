"""The letter page's breakdown of verified members by region and branch, from roster data
only (signatures whose branch came from the roster). Computed from one grouped query and
cached briefly, so a busy letter page does not count its signatures on every view."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count

from undersigned.accounts.models import Branch
from undersigned.letters.models import Letter, Signature
from undersigned.members.models import RosterEntry

CACHE_SECONDS = 60


@dataclass
class BranchCount:
    name: str
    signed: int
    share: int | None  # percent of the branch's active roster, where the organisation allows


@dataclass
class RegionCount:
    name: str
    signed: int = 0
    branches: list[BranchCount] = field(default_factory=list)


@dataclass
class Breakdown:
    regions: list[RegionCount]
    lapsed: int  # verified signers whose membership has lapsed since (still counted)


def verified_breakdown(letter: Letter) -> Breakdown:
    key = f"members:breakdown:{letter.pk}"
    found: Breakdown | None = cache.get(key)
    if found is None:
        found = _compute(letter)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _compute(letter: Letter) -> Breakdown:
    verified = Signature.objects.filter(
        letter=letter, status=Signature.Status.CONFIRMED, branch_verified=True
    ).exclude(branch=None)
    signed: dict[int, int] = {}
    lapsed = 0
    for branch_id, member_lapsed, n in (
        verified.values_list("branch_id", "member_lapsed")
        .annotate(n=Count("id"))
        .values_list("branch_id", "member_lapsed", "n")
    ):
        signed[branch_id] = signed.get(branch_id, 0) + n
        lapsed += n if member_lapsed else 0
    if not signed:
        return Breakdown([], 0)
    roster_sizes: dict[int, int] = {}
    if letter.organisation.show_branch_share:
        roster_sizes = dict(
            RosterEntry.objects.filter(branch_id__in=signed, status=RosterEntry.Status.ACTIVE)
            .values_list("branch_id")
            .annotate(n=Count("id"))
            .values_list("branch_id", "n")
        )
    regions: dict[int, RegionCount] = {}
    for branch in Branch.objects.filter(pk__in=signed).select_related("region"):
        region = regions.setdefault(branch.region_id, RegionCount(branch.region.name))
        count = signed[branch.pk]
        size = roster_sizes.get(branch.pk)
        share = min(100, round(100 * count / size)) if size else None
        region.branches.append(BranchCount(branch.name, count, share))
        region.signed += count
    for region in regions.values():
        region.branches.sort(key=lambda b: (-b.signed, b.name))
    return Breakdown(sorted(regions.values(), key=lambda r: (-r.signed, r.name)), lapsed)
