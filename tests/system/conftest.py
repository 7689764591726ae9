"""System tests: real `serve` and `worker` processes on a PostgreSQL cluster of their own.
They run with the PostgreSQL suite (DATABASE_URL=postgres://...) and are skipped on SQLite."""

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.smtp import Inbox, smtp_server
from tests.system.harness import Cluster, postgres_bin, site

HERE = Path(__file__).parent
REQUIRED = os.environ.get("UNDERSIGNED_REQUIRE_SERVICES", "").lower() == "true"


def _skip_reason() -> str:
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return (
            "system tests run real processes on PostgreSQL: they run with "
            "DATABASE_URL=postgres://... (make test on PostgreSQL, as .ci/run does)"
        )
    if postgres_bin() is None:
        return "system tests need PostgreSQL's server programs (initdb, pg_ctl): not installed"
    return ""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = _skip_reason()
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.system)
            if reason:
                if REQUIRED and "PostgreSQL's server programs" in reason:
                    raise pytest.UsageError(reason)
                item.add_marker(pytest.mark.skip(reason=reason))


TEMPLATE = "demo_template"


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    """The private cluster, with a database holding the migrated demo to copy from."""
    bindir = postgres_bin()
    assert bindir is not None
    cluster = Cluster(bindir)
    try:
        cluster.init()
        cluster.client("createdb", TEMPLATE)
        with site(cluster.url(TEMPLATE)) as installed:
            installed.setup()
            installed.run("collectstatic", "--no-input")
        yield cluster
    finally:
        cluster.destroy()


_names = itertools.count(1)


@pytest.fixture
def database(cluster: Cluster) -> str:
    """A fresh database on the private cluster holding the demo (letter, 120 signatures, its
    log); its name."""
    name = f"site{next(_names)}"
    cluster.client("createdb", "-T", TEMPLATE, name)
    return name


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    with smtp_server() as (mailbox, mailers):
        yield mailbox, int(mailers["default"]["OPTIONS"]["port"])  # type: ignore[index]
