"""Connection settings: environment over .env over defaults, CLI options over all; passwords stay hidden."""

from __future__ import annotations

import stat

import click
import pytest
from click.testing import CliRunner

from coopgraph.commands.options import neo4j_options
from coopgraph.exceptions import SettingsError
from coopgraph.graph.settings import Neo4jSettings, ensure_password, load_settings

KEYS = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "NEO4J_BOLT_PORT", "NEO4J_HTTP_PORT")


@pytest.fixture(autouse=True)
def no_neo4j_environment(monkeypatch, tmp_path):
    for key in KEYS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)


def test_defaults():
    settings = load_settings()
    assert (settings.uri, settings.user, settings.password, settings.database) == (
        "bolt://127.0.0.1:7687",
        "neo4j",
        None,
        "neo4j",
    )
    assert settings.browser_url == "http://127.0.0.1:7474/browser/?dbms=neo4j://neo4j@127.0.0.1:7687"


def test_environment_wins_over_dotenv_and_options_win_over_both(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("NEO4J_PASSWORD=from-dotenv\nNEO4J_DATABASE=dotdb\nNEO4J_USER=dotuser\n")
    monkeypatch.setenv("NEO4J_DATABASE", "envdb")
    settings = load_settings()
    assert (settings.password, settings.database, settings.user) == ("from-dotenv", "envdb", "dotuser")
    assert load_settings(database="optdb", password="from-option").database == "optdb"


def test_uri_follows_the_local_server_port_unless_given(monkeypatch):
    monkeypatch.setenv("NEO4J_BOLT_PORT", "17687")
    assert load_settings().uri == "bolt://127.0.0.1:17687"
    monkeypatch.setenv("NEO4J_URI", "neo4j://graph.example:7687")
    assert load_settings().uri == "neo4j://graph.example:7687"


def test_bad_port_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("NEO4J_HTTP_PORT", "seventy")
    with pytest.raises(SettingsError, match="NEO4J_HTTP_PORT must be a port number"):
        load_settings()


def test_generated_password_goes_to_a_private_dotenv(tmp_path):
    (tmp_path / ".env").write_text("OTHER=1")  # no trailing newline, world-readable
    (tmp_path / ".env").chmod(0o644)
    settings, generated = ensure_password()
    assert generated and len(settings.password) >= 16
    assert (tmp_path / ".env").read_text() == f"OTHER=1\nNEO4J_PASSWORD={settings.password}\n"
    assert stat.S_IMODE((tmp_path / ".env").stat().st_mode) == 0o600
    again, generated_again = ensure_password()
    assert (again.password, generated_again) == (settings.password, False)


def test_short_password_is_refused(monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "short")
    with pytest.raises(SettingsError, match="at least 8 characters"):
        ensure_password()


def test_password_never_shows_in_repr():
    assert "s3cret-value" not in repr(Neo4jSettings(password="s3cret-value"))


def test_neo4j_options_pass_one_settings_object(monkeypatch):
    seen = {}

    @click.command()
    @neo4j_options
    def show(settings):
        seen["settings"] = settings

    monkeypatch.setenv("NEO4J_PASSWORD", "from-env-var")
    result = CliRunner().invoke(show, ["--uri", "bolt://127.0.0.1:1", "--database", "x"])
    assert result.exit_code == 0, result.output
    assert seen["settings"] == Neo4jSettings(uri="bolt://127.0.0.1:1", password="from-env-var", database="x")
