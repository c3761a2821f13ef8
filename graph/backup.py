"""Backup and restore of the local server's database: neo4j-admin dump and load, the server stopped and restarted."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import neo4j

from coopgraph.exceptions import CoopgraphError, ServerError
from coopgraph.graph.server import ADMIN_CLASS, LocalServer, find_java, format_java_error
from coopgraph.graph.settings import DEFAULT_BOLT_PORT

ADMIN_HEAP = "512m"  # dump and load stream the store files; they need little heap
ADMIN_TIMEOUT = 3600.0


class RestoreRefused(CoopgraphError):
    """A restore that would replace data without --force."""


class BackupUnsupported(CoopgraphError):
    """The database is not served by the local server this command can stop (Docker, a remote server)."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    seconds: float
    downtime: float  # how long the server was stopped (0 when it was not running)


def count_nodes(driver: neo4j.Driver, database: str) -> int:
    records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS nodes", database_=database)
    return int(records[0]["nodes"])


def check_restorable(driver: neo4j.Driver, database: str, force: bool) -> None:
    """Refuse to replace a database that holds anything unless forced."""
    nodes = count_nodes(driver, database)
    if nodes and not force:
        raise RestoreRefused(
            f"database {database} is not empty ({nodes} nodes): restoring would replace them; "
            "back it up first (coopgraph db backup FILE) or pass --force"
        )


def check_local(server: LocalServer, uri: str) -> None:
    """The database must be the local server's: neo4j-admin works on its files, not on what `uri` reaches."""
    address = urlsplit(uri)
    try:
        port = address.port or DEFAULT_BOLT_PORT  # the drivers' default, as for bolt://127.0.0.1
    except ValueError:
        port = None
    local = address.hostname in ("127.0.0.1", "localhost", "::1") and port == server.bolt_port
    if not local or not server.is_installed():
        raise BackupUnsupported(
            f"db backup/restore work on the local server at {server.home} (coopgraph server start), "
            f"which does not serve {uri}; for Docker see the README (Backup and restore)"
        )


def run_admin(server: LocalServer, args: list[str], stdin: Path | None = None, stdout: Path | None = None) -> str:
    """neo4j-admin against the server's home (stopped: the store is locked while it runs)."""
    command = [find_java(), f"-Xmx{ADMIN_HEAP}", "-cp", server.format_classpath(), ADMIN_CLASS, *args]
    with contextlib.ExitStack() as files:
        source = files.enter_context(open(stdin or os.devnull, "rb"))
        sink = files.enter_context(open(stdout or os.devnull, "wb"))
        env = server.format_environment()
        done = subprocess.run(
            command, env=env, stdin=source, stdout=sink, stderr=subprocess.PIPE, timeout=ADMIN_TIMEOUT
        )
    errors = done.stderr.decode("utf-8", errors="replace")
    if done.returncode != 0:
        raise ServerError(f"neo4j-admin {' '.join(args[:2])} failed: {format_java_error(errors)}")
    return errors


def check_dump(server: LocalServer, path: Path, database: str) -> None:
    """Read the archive's header before the server is stopped: a wrong file must not cost a restart."""
    try:
        run_admin(server, ["database", "load", "--info", "--from-stdin", database], stdin=path)
    except ServerError:
        raise ServerError(f"{path} is not a Neo4j database dump (neo4j-admin cannot read its header)") from None


def backup_database(server: LocalServer, database: str, path: Path) -> BackupResult:
    """Dump `database` into `path`: stop the server if it runs, dump, start it again.

    The dump is the store as it stands after a clean shutdown: every committed transaction and nothing
    else, so a backup taken while an ingest runs holds whole articles only. That ingest loses its server
    for the stop, the dump and the start (its transactions are retried for 10 s, then it reports the
    articles it could not write): run it again afterwards, it loads just those."""
    began = time.monotonic()
    path = path.expanduser().absolute()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with server_stopped(server) as stopped:
        try:
            run_admin(server, ["database", "dump", database, "--to-stdout"], stdout=partial)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(path)  # a backup is never half a file
    return BackupResult(path, path.stat().st_size, time.monotonic() - began, stopped.downtime)


def restore_database(server: LocalServer, database: str, path: Path) -> BackupResult:
    """Replace `database` with the dump at `path` (the caller checked that it may): stop, load, start."""
    began = time.monotonic()
    path = path.expanduser().absolute()
    check_dump(server, path, database)
    with server_stopped(server) as stopped:
        run_admin(server, ["database", "load", "--overwrite-destination=true", "--from-stdin", database], stdin=path)
    return BackupResult(path, path.stat().st_size, time.monotonic() - began, stopped.downtime)


@dataclass
class Stopped:
    was_running: bool
    downtime: float = 0.0


@contextlib.contextmanager
def server_stopped(server: LocalServer) -> Iterator[Stopped]:
    """Stop the server for the block if it runs, and start it again afterwards, even after a failure."""
    state = Stopped(was_running=server.is_running())
    began = time.monotonic()
    if state.was_running:
        server.stop()
    try:
        yield state
    finally:
        if state.was_running:
            server.start()
            state.downtime = time.monotonic() - began
