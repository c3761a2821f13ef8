"""Connection settings for Neo4j: environment first, then `.env`, then defaults; CLI options override all."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from dotenv import dotenv_values

from coopgraph.exceptions import SettingsError

DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
# Neo4j 5 refuses shorter passwords (dbms.security.auth_minimum_password_length).
MIN_PASSWORD_LENGTH = 8


@dataclass(frozen=True)
class Neo4jSettings:
    """Where the graph lives and how to log in; `repr` hides the password so it never lands in logs."""

    uri: str = f"bolt://127.0.0.1:{DEFAULT_BOLT_PORT}"
    user: str = DEFAULT_USER
    password: str | None = field(default=None, repr=False)
    database: str = DEFAULT_DATABASE
    bolt_port: int = DEFAULT_BOLT_PORT
    http_port: int = DEFAULT_HTTP_PORT

    @property
    def browser_url(self) -> str:
        """Browser on the local HTTP port, its connect form filled in with this URI's address and the user."""
        address = self.uri.split("://", 1)[-1].split("/", 1)[0].split("@")[-1]
        return f"http://127.0.0.1:{self.http_port}/browser/?dbms=neo4j://{self.user}@{address}"


def find_env_file(directory: Path | None = None) -> Path:
    """The project's `.env`: the one in the current directory (where `make demo` and the CLI run)."""
    return (directory or Path.cwd()) / ".env"


def load_environment(env_file: Path | None = None) -> dict[str, str]:
    """Merge `.env` under the process environment, so an exported variable always wins."""
    path = env_file or find_env_file()
    values = {k: v for k, v in dotenv_values(path).items() if v is not None} if path.is_file() else {}
    values.update(os.environ)
    return values


def load_settings(env_file: Path | None = None, **overrides: object) -> Neo4jSettings:
    """Settings from env/.env with CLI overrides; `None` overrides mean "not given"."""
    env = load_environment(env_file)
    bolt_port = parse_port(
        overrides.get("bolt_port") or env.get("NEO4J_BOLT_PORT"), DEFAULT_BOLT_PORT, "NEO4J_BOLT_PORT"
    )
    http_port = parse_port(
        overrides.get("http_port") or env.get("NEO4J_HTTP_PORT"), DEFAULT_HTTP_PORT, "NEO4J_HTTP_PORT"
    )
    # Without an explicit URI, follow the local server's port so `server start` and `db init` agree.
    uri = overrides.get("uri") or env.get("NEO4J_URI") or f"bolt://127.0.0.1:{bolt_port}"
    return Neo4jSettings(
        uri=str(uri),
        user=str(overrides.get("user") or env.get("NEO4J_USER") or DEFAULT_USER),
        password=_none_if_empty(overrides.get("password") or env.get("NEO4J_PASSWORD")),
        database=str(overrides.get("database") or env.get("NEO4J_DATABASE") or DEFAULT_DATABASE),
        bolt_port=bolt_port,
        http_port=http_port,
    )


def parse_port(value: object, default: int, name: str) -> int:
    if value in (None, ""):
        return default
    try:
        port = int(str(value))
    except ValueError:
        raise SettingsError(f"{name} must be a port number, got {value!r}") from None
    if not 1 <= port <= 65535:
        raise SettingsError(f"{name} must be between 1 and 65535, got {port}")
    return port


def _none_if_empty(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise SettingsError(f"NEO4J_PASSWORD must have at least {MIN_PASSWORD_LENGTH} characters (Neo4j 5 rule)")
    if "\n" in password or "\r" in password:
        raise SettingsError("NEO4J_PASSWORD must be a single line")


def generate_password() -> str:
    return secrets.token_urlsafe(18)


def ensure_password(settings: Neo4jSettings | None = None, env_file: Path | None = None) -> tuple[Neo4jSettings, bool]:
    """Return settings that carry a password, generating one into `.env` (mode 0600) when none is set.

    The second value tells whether a password was generated, so callers can say so without printing it.
    """
    settings = settings or load_settings(env_file)
    if settings.password:
        check_password(settings.password)
        return settings, False
    password = generate_password()
    append_env_line(env_file or find_env_file(), "NEO4J_PASSWORD", password)
    return replace(settings, password=password), True


def append_env_line(path: Path, key: str, value: str) -> None:
    """Append `KEY=value` to a dotenv file that only the owner may read."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as out:
        needs_newline = path.stat().st_size > 0 and not path.read_bytes().endswith(b"\n")
        out.write(("\n" if needs_newline else "") + f"{key}={value}\n")
    # An existing .env may have been created world-readable; a password must not stay that way.
    os.chmod(path, 0o600)


def describe_settings(settings: Neo4jSettings) -> Mapping[str, str]:
    """What may be shown to a user: everything except the password."""
    return {
        "uri": settings.uri,
        "user": settings.user,
        "database": settings.database,
        "password": "set" if settings.password else "not set",
    }
