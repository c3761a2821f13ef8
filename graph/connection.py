"""Open the one Neo4j driver a command uses, turning connection failures into one-line errors."""

from __future__ import annotations

import logging
import re

import neo4j
from neo4j.exceptions import AuthError, ClientError, ConfigurationError, DriverError, Neo4jError, ServiceUnavailable

from coopgraph.exceptions import GraphUnavailable
from coopgraph.graph.settings import Neo4jSettings

# Seconds; together they keep a failed connect well under 10 s (the driver's defaults are 30 s / 60 s).
CONNECTION_TIMEOUT = 5.0
ACQUISITION_TIMEOUT = 8.0

# Without a handler of its own, the driver's log records ("Failed to read from defunct connection …",
# one per retry) reach stderr through logging's last-resort handler, around the one-line errors that
# the commands print themselves. An application that configures logging still gets them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


def open_driver(settings: Neo4jSettings, verify: bool = True) -> neo4j.Driver:
    """Create the driver at the edge of a command and check that it can log in and reach the database."""
    if not settings.password:
        raise GraphUnavailable(
            "NEO4J_PASSWORD is not set: export it or put it into .env (`coopgraph server start` generates one)"
        )
    driver = create_driver(settings)
    if verify:
        try:
            check_driver(driver, settings)
        except BaseException:
            driver.close()
            raise
    return driver


def create_driver(settings: Neo4jSettings) -> neo4j.Driver:
    try:
        return neo4j.GraphDatabase.driver(
            settings.uri,
            auth=(settings.user, settings.password or ""),
            connection_timeout=CONNECTION_TIMEOUT,
            connection_acquisition_timeout=ACQUISITION_TIMEOUT,
            max_transaction_retry_time=10.0,
        )
    except (ConfigurationError, ValueError) as exc:
        raise GraphUnavailable(f"bad NEO4J_URI {settings.uri!r}: {first_line(exc)}") from None


def check_driver(driver: neo4j.Driver, settings: Neo4jSettings) -> None:
    """Log in and touch the configured database, mapping each failure to a message that says what to do."""
    try:
        driver.verify_connectivity()
        driver.execute_query("RETURN 1", database_=settings.database)
    except AuthError:
        raise GraphUnavailable(
            f"Neo4j at {settings.uri} rejected user {settings.user!r}: wrong password "
            "(check NEO4J_PASSWORD in the environment or .env)"
        ) from None
    except ServiceUnavailable as exc:
        raise GraphUnavailable(
            f"cannot reach Neo4j at {settings.uri} ({find_reason(exc)}); start it with "
            "`coopgraph server start` or `docker compose up -d --wait`"
        ) from None
    except ClientError as exc:
        if exc.code and "DatabaseNotFound" in exc.code:
            raise GraphUnavailable(
                f"Neo4j at {settings.uri} has no database {settings.database!r} (check NEO4J_DATABASE)"
            ) from None
        if exc.code and "AuthenticationRateLimit" in exc.code:  # after 3 wrong passwords in a row
            raise GraphUnavailable(
                f"Neo4j at {settings.uri} rejected user {settings.user!r}: wrong password too "
                "many times in a row, the user is locked for a few seconds (check "
                "NEO4J_PASSWORD in the environment or .env)"
            ) from None
        raise GraphUnavailable(f"Neo4j at {settings.uri} refused the connection: {first_line(exc)}") from None
    except (Neo4jError, DriverError, OSError) as exc:
        raise GraphUnavailable(f"cannot use Neo4j at {settings.uri}: {first_line(exc)}") from None


def find_reason(exc: BaseException) -> str:
    """The OS-level reason inside the driver's nested message, e.g. "Connection refused"."""
    match = re.search(r"reason (?:\[Errno \d+\] )?([^)\n]+)", str(exc))
    return match.group(1).strip() if match else first_line(exc).rstrip(":")


def first_line(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return message.strip().splitlines()[0] if message.strip() else type(exc).__name__
