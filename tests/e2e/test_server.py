"""The local Neo4j server and its CLI, against a real JVM started from the Maven jars in a temporary home."""

from __future__ import annotations

import socket
import stat
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from dotenv import dotenv_values

from coopgraph.commands.db import db as db_group
from coopgraph.commands.server import server as server_group
from coopgraph.graph.connection import GraphUnavailable, open_driver
from coopgraph.graph.server import (
    NEO4J_VERSION,
    LocalServer,
    ServerError,
    find_free_port,
    find_java,
    find_listen_addresses,
    install_lib,
    link_lib,
    parse_java_major,
)
from coopgraph.graph.settings import Neo4jSettings

LOOPBACK = {"127.0.0.1", "::ffff:127.0.0.1"}


@dataclass
class CliServer:
    """A server driven through `coopgraph server ...` in its own COOPGRAPH_HOME and project folder."""

    cache: Path
    project: Path
    bolt_port: int
    http_port: int
    first_start: Result | None = None
    first_start_seconds: float = 0.0

    @property
    def env(self) -> dict[str, str | None]:
        return {
            "COOPGRAPH_HOME": str(self.cache),
            "NEO4J_BOLT_PORT": str(self.bolt_port),
            "NEO4J_HTTP_PORT": str(self.http_port),
            "NEO4J_URI": None,
            "NEO4J_PASSWORD": None,
            "NEO4J_USER": None,
            "NEO4J_DATABASE": None,
        }

    @property
    def password(self) -> str:
        return dotenv_values(self.project / ".env")["NEO4J_PASSWORD"]

    @property
    def settings(self) -> Neo4jSettings:
        return Neo4jSettings(uri=f"bolt://127.0.0.1:{self.bolt_port}", password=self.password)

    @property
    def local(self) -> LocalServer:
        return LocalServer(
            home=self.cache / f"neo4j-{NEO4J_VERSION}",
            bolt_port=self.bolt_port,
            http_port=self.http_port,
            password=self.password,
        )

    def invoke(self, group, *args: str) -> Result:
        # The CLI reads .env from the current directory, as it does for a user in the project folder.
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(self.project)
            return CliRunner().invoke(group, list(args), env=self.env, catch_exceptions=False)


@pytest.fixture(scope="module")
def cli_server(neo4j_lib: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CliServer]:
    cache = tmp_path_factory.mktemp("coopgraph-home")
    link_lib(cache / f"neo4j-{NEO4J_VERSION}", neo4j_lib)  # reuse the jars: never download in a test
    handle = CliServer(cache, tmp_path_factory.mktemp("project"), find_free_port(), find_free_port())
    began = time.monotonic()
    handle.first_start = handle.invoke(server_group, "start")
    handle.first_start_seconds = time.monotonic() - began
    try:
        yield handle
    finally:
        handle.invoke(server_group, "stop")


def test_first_start_generates_a_private_password_into_dotenv(cli_server):
    result = cli_server.first_start
    assert result.exit_code == 0, result.output
    assert "started" in result.output and "generated" in result.output
    env_file = cli_server.project / ".env"
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    assert len(cli_server.password) >= 8
    assert cli_server.password not in result.output


def test_status_shows_running_version_uris_and_size(cli_server):
    result = cli_server.invoke(server_group, "status")
    assert result.exit_code == 0, result.output
    assert "running (pid" in result.output
    assert f"{NEO4J_VERSION} community" in result.output
    assert f"bolt://127.0.0.1:{cli_server.bolt_port}" in result.output
    # the connect form comes filled in: Bolt address and user
    browser = f"http://127.0.0.1:{cli_server.http_port}/browser/?dbms=neo4j://neo4j@127.0.0.1:{cli_server.bolt_port}"
    assert f"browser url   {browser}\n" in result.output
    assert "database size" in result.output and "KiB store" in result.output


def test_second_start_says_already_running(cli_server):
    result = cli_server.invoke(server_group, "start")
    assert result.exit_code == 0, result.output
    assert "already running" in result.output


def test_browser_is_served_at_slash_browser(cli_server):
    with urllib.request.urlopen(f"http://127.0.0.1:{cli_server.http_port}/browser/", timeout=10) as response:
        html = response.read().decode("utf-8")
    assert response.status == 200
    assert "<title>Neo4j Browser</title>" in html


def test_bolt_login_with_the_configured_password_works(cli_server):
    with open_driver(cli_server.settings) as driver:
        records, _, _ = driver.execute_query(
            "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS v, edition"
        )
    assert (records[0]["v"], records[0]["edition"]) == (NEO4J_VERSION, "community")


def test_wrong_password_is_a_fast_one_line_error(cli_server):
    wrong = Neo4jSettings(uri=cli_server.settings.uri, password="not-the-password")
    began = time.monotonic()
    with pytest.raises(GraphUnavailable) as caught:
        open_driver(wrong)
    assert time.monotonic() - began < 10
    message = str(caught.value)
    assert "wrong password" in message and "\n" not in message and "not-the-password" not in message

    result = cli_server.invoke(db_group, "status", "--password", "not-the-password-either")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "wrong password" in result.output


def test_server_down_is_a_fast_one_line_error():
    nowhere = Neo4jSettings(uri=f"bolt://127.0.0.1:{find_free_port()}", password="whatever-long")
    began = time.monotonic()
    with pytest.raises(GraphUnavailable, match="cannot reach Neo4j.*Connection refused"):
        open_driver(nowhere)
    assert time.monotonic() - began < 10


def test_bolt_and_http_listen_on_loopback_only(cli_server):
    for port in (cli_server.bolt_port, cli_server.http_port):
        addresses = find_listen_addresses(port)
        assert addresses and set(addresses) <= LOOPBACK, (port, addresses)


def test_taken_port_is_refused_before_starting_java(neo4j_lib, tmp_path):
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        taken = blocker.getsockname()[1]
        other = LocalServer(
            home=tmp_path / "home",
            bolt_port=taken,
            http_port=find_free_port(),
            password="long-enough",
            lib_source=neo4j_lib,
        )
        with pytest.raises(ServerError, match=f"port {taken} \\(Bolt\\) on 127.0.0.1 is already taken"):
            other.start()
    assert not (tmp_path / "home" / "run" / "neo4j.pid").exists()


def test_exit_during_start_reports_the_log(neo4j_lib, tmp_path):
    broken = LocalServer(
        home=tmp_path / "home",
        bolt_port=find_free_port(),
        http_port=find_free_port(),
        password="long-enough",
        lib_source=neo4j_lib,
        heap="not-a-size",
    )
    (broken.home / "data" / "databases" / "system").mkdir(parents=True)  # skip the initial-password step
    with pytest.raises(ServerError) as caught:
        broken.start()
    message = str(caught.value)
    assert message.startswith("Neo4j exited during start (exit code 1)")
    assert "Invalid initial heap size" in message and "\n" not in message
    assert not broken.is_running()


def test_logs_prints_the_tail(cli_server):
    result = cli_server.invoke(server_group, "logs", "-n", "3")
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 3


def test_stop_then_restart_keeps_the_data(cli_server):
    with open_driver(cli_server.settings) as driver:
        driver.execute_query("CREATE (:RestartProbe {at: $at})", at=time.time())
    stopped = cli_server.invoke(server_group, "stop")
    assert "stopped" in stopped.output
    assert cli_server.invoke(server_group, "status").exit_code == 3
    assert "not running" in cli_server.invoke(server_group, "stop").output
    assert find_listen_addresses(cli_server.bolt_port) == []

    restarted = cli_server.invoke(server_group, "start")
    assert restarted.exit_code == 0 and "started" in restarted.output, restarted.output
    with open_driver(cli_server.settings) as driver:
        records, _, _ = driver.execute_query("MATCH (n:RestartProbe) RETURN count(n) AS c")
    assert records[0]["c"] == 1


def test_java_checks(tmp_path, monkeypatch):
    assert parse_java_major('openjdk version "17.0.15" 2025-04-15') == 17
    assert parse_java_major('java version "1.8.0_362"') == 8
    fake = tmp_path / "jdk" / "bin" / "java"
    fake.parent.mkdir(parents=True)
    fake.write_text("#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n")
    fake.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jdk"))
    with pytest.raises(ServerError, match="Java 11 .* too old"):
        find_java()
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "nowhere"))
    with pytest.raises(ServerError, match="no `java` was found"):
        find_java()


def test_maven_missing_and_download_failure_are_one_line_errors(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(ServerError, match="Maven .* not found"):
        install_lib(tmp_path / "home")
    mvn = bin_dir / "mvn"
    mvn.write_text(
        "#!/bin/sh\necho '[ERROR] Failed to execute goal: Could not resolve dependencies' \n"
        "echo '[ERROR] -> [Help 1]'\nexit 1\n"
    )
    mvn.chmod(0o755)
    with pytest.raises(ServerError) as caught:
        install_lib(tmp_path / "home")
    message = str(caught.value)
    assert message.startswith("Maven could not download Neo4j") and "Could not resolve dependencies" in message
    assert not (tmp_path / "home" / "lib").exists()


def test_a_password_that_starts_with_a_dash_is_set_not_read_as_an_option(neo4j_lib: Path, tmp_path: Path):
    """One generated password in 64 starts with "-" (token_urlsafe); neo4j-admin must take it as the value."""
    home = tmp_path / "home"
    link_lib(home, neo4j_lib)
    server = LocalServer(home, password="-starts-with-a-dash")
    server.write_config()
    server.set_initial_password(find_java())  # raised ServerError ("... --verbose Enable verbose output.") before
    assert (home / "data" / "dbms").is_dir()
