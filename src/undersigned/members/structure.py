"""Regions and branches from a CSV file (region_code, region_name, branch_code, branch_name):
regions and branches are added or renamed by code, branches may move region; nothing is
deleted. All or nothing, like the roster."""

from dataclasses import dataclass, field
from typing import IO

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from undersigned.accounts.models import AuditEntry, Branch, Organisation, Region, code_validator
from undersigned.members.csvfile import Problems, Table

COLUMNS = ("region_code", "region_name", "branch_code", "branch_name")


@dataclass
class StructureResult:
    regions_added: int = 0
    regions_updated: int = 0
    branches_added: int = 0
    branches_updated: int = 0
    problems: Problems = field(default_factory=Problems)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        return _(
            "Regions: %(regions_added)s added, %(regions_updated)s renamed. "
            "Branches: %(branches_added)s added, %(branches_updated)s changed."
        ) % {
            "regions_added": self.regions_added,
            "regions_updated": self.regions_updated,
            "branches_added": self.branches_added,
            "branches_updated": self.branches_updated,
        }


def _read(
    table: Table, columns: dict[str, int], problems: Problems
) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    regions: dict[str, tuple[str, int]] = {}  # code -> (name, first line)
    branches: dict[str, tuple[str, str, int]] = {}  # code -> (name, region code, line)
    for line, values in table.records():
        row = {name: values[index].strip() for name, index in columns.items()}
        bad = False
        for name in COLUMNS:
            if not row[name]:
                problems.add(line, name, _("This value is required."))
                bad = True
            elif name.endswith("_code"):
                try:
                    code_validator(row[name])
                except ValidationError as error:
                    problems.add(line, name, error.messages[0])
                    bad = True
            elif len(row[name]) > 200:
                problems.add(line, name, _("Use at most 200 characters."))
                bad = True
        if bad:
            continue
        region_code, branch_code = row["region_code"].lower(), row["branch_code"].lower()
        name, first = regions.setdefault(region_code, (row["region_name"], line))
        if name != row["region_name"]:
            problems.add(
                line,
                "region_name",
                _("Line %(line)s gives this region another name.") % {"line": first},
            )
        if branch_code in branches:
            problems.add(
                line,
                "branch_code",
                _("The same branch is on line %(line)s.") % {"line": branches[branch_code][2]},
            )
            continue
        branches[branch_code] = (row["branch_name"], region_code, line)
    return (
        {code: name for code, (name, _) in regions.items()},
        {code: (name, region) for code, (name, region, _) in branches.items()},
    )


def import_structure(
    organisation: Organisation, binary: IO[bytes], *, actor: User | None = None
) -> StructureResult:
    result = StructureResult()
    table = Table(binary, result.problems)
    columns = table.columns(COLUMNS, ())
    if columns is None:
        return result
    regions, branches = _read(table, columns, result.problems)
    if result.problems:
        return result
    with transaction.atomic():
        existing = {r.code.lower(): r for r in Region.objects.filter(organisation=organisation)}
        for code, name in regions.items():
            region = existing.get(code)
            if region is None:
                existing[code] = Region.objects.create(
                    organisation=organisation, code=code, name=name
                )
                result.regions_added += 1
            elif region.name != name:
                region.name = name
                region.save(update_fields=["name"])
                result.regions_updated += 1
        known = {b.code.lower(): b for b in Branch.objects.filter(organisation=organisation)}
        for code, (name, region_code) in branches.items():
            region = existing[region_code]
            branch = known.get(code)
            if branch is None:
                Branch.objects.create(
                    organisation=organisation, region=region, code=code, name=name
                )
                result.branches_added += 1
            elif (branch.name, branch.region_id) != (name, region.pk):
                branch.name, branch.region = name, region
                branch.save(update_fields=["name", "region"])
                result.branches_updated += 1
        AuditEntry.objects.create(
            organisation=organisation,
            actor=actor,
            action="structure.import",
            detail={"regions": len(regions), "branches": len(branches)},
        )
    return result
