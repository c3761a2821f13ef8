"""One real Neo4j per test session ($NEO4J_URI, else Docker, else a local server from Maven jars); test markers."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# First: coopgraph pins BLAS to one thread before neo4j imports numpy. With the machine's default threads
# the taggers' sums round differently and a near tie in a parse can flip: tests must see what the CLI sees.
import coopgraph  # noqa: F401  # isort: skip
import neo4j
import pytest

from coopgraph.graph.connection import open_driver
from coopgraph.graph.schema import apply_schema, wipe_data
from coopgraph.graph.server import LocalServer, default_home, find_free_port, find_versions
from coopgraph.graph.settings import Neo4jSettings, load_settings

# Fixtures that start or reach a Neo4j server: a test that needs any of them is a live test.
LIVE_FIXTURES = {"neo4j_lib", "neo4j_settings", "neo4j_driver"}

TEST_IMAGE = "neo4j:5.26-community"
# Smaller than a developer's server: tests may run beside one, and their graphs are tiny.
TEST_HEAP = "1g"
TEST_PAGECACHE = "512m"


@dataclass(frozen=True)
class GraphHandle:
    """What a graph test needs: the session's driver and where it points."""

    driver: neo4j.Driver
    uri: str
    user: str
    password: str = field(repr=False)
    database: str

    @property
    def settings(self) -> Neo4jSettings:
        return Neo4jSettings(uri=self.uri, user=self.user, password=self.password, database=self.database)


def choose_backend() -> str:
    if os.environ.get("NEO4J_URI"):
        return "external"
    return "docker" if docker_answers() else "local"


def docker_answers() -> bool:
    """A Docker *engine* is reachable, not just the CLI (which is all some machines have)."""
    if not shutil.which("docker"):
        return False
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def announce(config: pytest.Config, text: str) -> None:
    """Print past pytest's capture (and -q), so a CI log always says which server the tests used."""
    capture = config.pluginmanager.getplugin("capturemanager")
    reporter = config.pluginmanager.getplugin("terminalreporter")
    with capture.global_and_fixture_disabled():
        if reporter is not None:
            reporter.write_line(text)
        else:
            print(text, flush=True)


def make_test_password() -> str:
    # Quotes, a backslash, a space and '#' exercise every quoting layer between here and Neo4j.
    return f'pw "{secrets.token_hex(6)}" \\ #x'


@pytest.fixture(scope="session")
def neo4j_lib(request: pytest.FixtureRequest) -> Path:
    """The jars in the user's cache (downloaded once if missing), for every LocalServer the tests start."""
    cache = LocalServer(home=default_home())
    if not cache.is_installed():
        announce(
            request.config, f"neo4j: downloading Neo4j {cache.version} from Maven Central into {cache.home} (once)"
        )
        began = time.monotonic()
        cache.install()
        announce(request.config, f"neo4j: download done in {time.monotonic() - began:.0f} s")
    return cache.home / "lib"


@pytest.fixture(scope="session")
def neo4j_settings(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jSettings]:
    backend = choose_backend()
    if backend == "external":
        settings = load_settings()
        announce(
            request.config,
            f"neo4j: external server at {settings.uri} (NEO4J_URI); its database "
            f"{settings.database!r} is wiped by the tests",
        )
        yield settings
    elif backend == "docker":
        yield from start_container(request)
    else:
        yield from start_local_server(request, tmp_path_factory)


def start_container(request: pytest.FixtureRequest) -> Iterator[Neo4jSettings]:
    try:
        from testcontainers.community.neo4j import Neo4jContainer
    except ImportError:  # testcontainers < 4.9
        from testcontainers.neo4j import Neo4jContainer

    password = secrets.token_urlsafe(12)
    container = (
        Neo4jContainer(TEST_IMAGE, password=password)
        .with_env("NEO4J_server_memory_heap_max__size", TEST_HEAP)
        .with_env("NEO4J_server_memory_pagecache_size", TEST_PAGECACHE)
    )
    began = time.monotonic()
    with container:
        uri = container.get_connection_url()
        announce(
            request.config,
            f"neo4j: Docker container {TEST_IMAGE} at {uri} (started in {time.monotonic() - began:.1f} s)",
        )
        yield Neo4jSettings(uri=uri, user="neo4j", password=password)


def start_local_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Neo4jSettings]:
    lib = request.getfixturevalue("neo4j_lib")
    server = LocalServer(
        home=tmp_path_factory.mktemp("neo4j-session"),
        bolt_port=find_free_port(),
        http_port=find_free_port(),
        password=make_test_password(),
        lib_source=lib,
        heap=TEST_HEAP,
        pagecache=TEST_PAGECACHE,
    )
    result = server.start()
    version, browser = find_versions(lib)
    announce(
        request.config,
        f"neo4j: local server from Maven artifacts at {lib.resolve()}, version {version} "
        f"(Browser {browser}), {server.bolt_uri}, started in {result.seconds:.1f} s",
    )
    try:
        yield Neo4jSettings(
            uri=server.bolt_uri,
            user="neo4j",
            password=server.password,
            bolt_port=server.bolt_port,
            http_port=server.http_port,
        )
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings: Neo4jSettings) -> Iterator[neo4j.Driver]:
    driver = open_driver(neo4j_settings)
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def clean_db(neo4j_driver: neo4j.Driver, neo4j_settings: Neo4jSettings) -> GraphHandle:
    """An empty database (schema untouched)."""
    wipe_data(neo4j_driver, neo4j_settings.database)
    return GraphHandle(
        neo4j_driver, neo4j_settings.uri, neo4j_settings.user, neo4j_settings.password or "", neo4j_settings.database
    )


@pytest.fixture
def db(clean_db: GraphHandle) -> GraphHandle:
    """An empty database with the schema applied: what every graph test starts from."""
    apply_schema(clean_db.driver, clean_db.database)
    return clean_db


@pytest.fixture(scope="session")
def _seed_graph_state() -> dict:
    return {}


@pytest.fixture
def seed_graph(neo4j_driver: neo4j.Driver, neo4j_settings: Neo4jSettings, _seed_graph_state: dict) -> tuple:
    """The graph of the project's own articles (seeds/ and tests/data/articles), built once per session:
    rebuilt only when a test in between changed the database (its node and relationship counts differ).
    The live tests are ordered so that the ones on this graph run first, one after the other."""
    from support import build_seed_graph

    database = neo4j_settings.database
    if _seed_graph_state.get("counts") != graph_size(neo4j_driver, database):
        build_seed_graph(neo4j_driver, database)
        _seed_graph_state["counts"] = graph_size(neo4j_driver, database)
    return neo4j_driver, database


def graph_size(driver: neo4j.Driver, database: str) -> tuple[int, int]:
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
        "RETURN nodes, rels",
        database_=database,
    )
    return records[0]["nodes"], records[0]["rels"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that needs Neo4j `live` (`make test-fast` runs the others); refuse a live test under
    tests/unit; run the tests on the seed graph first, so that it is built once."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & LIVE_FIXTURES:
            item.add_marker(pytest.mark.live)
            if "/tests/unit/" in str(item.path).replace("\\", "/"):
                raise pytest.UsageError(f"{item.nodeid} needs Neo4j: move it to tests/e2e")
    items.sort(key=lambda item: 0 if "seed_graph" in getattr(item, "fixturenames", ()) else 1)
