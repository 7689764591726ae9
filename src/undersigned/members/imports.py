"""Large roster files are imported in the background: the upload is streamed to a file under
VAR_DIR (Django's upload handler already spooled it to disk, so memory stays flat), a task
imports it in batches (roster.import_roster streams it), and the workspace shows progress
from a small file beside it (the import's own transaction is not visible to other
connections until it commits, so progress cannot live in the database)."""

import json
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from undersigned.accounts.models import Organisation
from undersigned.members import roster
from undersigned.members.csvfile import Problem, Problems
from undersigned.members.models import RosterImport

PROGRESS_EVERY = 5000  # lines between progress reports


def folder() -> Path:
    path = Path(settings.VAR_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def start(
    organisation: Organisation, upload: Any, *, dry_run: bool, actor: User | None
) -> RosterImport:
    """Keep the uploaded file under VAR_DIR and queue its import."""
    name = f"{uuid.uuid4().hex}.csv"
    target = folder() / name
    if hasattr(upload, "temporary_file_path"):
        # Spooled to disk by Django's upload handler: move it (a copy across file systems).
        shutil.move(upload.temporary_file_path(), target)
        size = target.stat().st_size
    else:
        size = 0
        with open(target, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
                size += len(chunk)
    job = RosterImport.objects.create(
        organisation=organisation,
        actor=actor,
        source=str(upload.name)[:200],
        file_name=name,
        size=size,
        dry_run=dry_run,
    )
    transaction.on_commit(lambda: run_import.enqueue(job.pk))
    return job


class _Counting:
    """The file's lines, reporting how far the import has read every PROGRESS_EVERY lines."""

    def __init__(self, binary: IO[bytes], progress: Path) -> None:
        self.binary, self.progress, self.read, self.lines = binary, progress, 0, 0

    def __iter__(self) -> Iterator[bytes]:
        for line in self.binary:
            self.read += len(line)
            self.lines += 1
            if self.lines % PROGRESS_EVERY == 0:
                self.report()
            yield line

    def report(self) -> None:
        temporary = self.progress.with_suffix(".tmp")
        temporary.write_text(json.dumps({"bytes": self.read, "lines": self.lines}))
        os.replace(temporary, self.progress)


def progress(job: RosterImport) -> dict[str, int]:
    """How far a running import has read: bytes, lines and percent of the file."""
    try:
        found = json.loads((folder() / job.file_name).with_suffix(".progress").read_text())
    except (OSError, ValueError):
        found = {"bytes": 0, "lines": 0}
    found["percent"] = min(100, found["bytes"] * 100 // job.size) if job.size else 0
    return {key: int(value) for key, value in found.items()}


def problems_of(job: RosterImport) -> Problems:
    first = [Problem(p["line"], p["column"], p["message"]) for p in job.problems]
    return Problems(first=first, total=job.problems_total)


@task
def run_import(job_id: int) -> None:
    # Claimed with a conditional update: several workers never import one file twice.
    if not RosterImport.objects.filter(pk=job_id, state=RosterImport.State.QUEUED).update(
        state=RosterImport.State.RUNNING
    ):
        return
    job = RosterImport.objects.select_related("organisation", "actor").get(pk=job_id)
    path = folder() / job.file_name
    progress_path = path.with_suffix(".progress")
    try:
        with open(path, "rb") as binary:
            counting = _Counting(binary, progress_path)
            result = roster.import_roster(
                job.organisation,
                counting,  # type: ignore[arg-type]
                dry_run=job.dry_run,
                actor=job.actor,
                source=job.source,
            )
            counting.report()
        job.ok, job.summary = result.ok, result.summary()
        job.problems = [
            {"line": p.line, "column": p.column, "message": p.message}
            for p in result.problems.first
        ]
        job.problems_total = result.problems.total
        job.state = RosterImport.State.DONE
    except Exception:
        job.state = RosterImport.State.FAILED
        raise
    finally:
        job.finished = timezone.now()
        job.save()
        for leftover in (path, progress_path):
            leftover.unlink(missing_ok=True)
