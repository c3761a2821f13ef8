"""Every error the library raises on purpose: one base, one line each; the CLI prints them as `Error: …`."""

from __future__ import annotations


class CoopgraphError(Exception):
    """Base of the library's errors. `str()` is one line a user can act on; no traceback is needed."""


class SettingsError(CoopgraphError):
    """A connection setting (port, password) has a value Neo4j cannot take."""


class GraphUnavailable(CoopgraphError):
    """Neo4j cannot be used: not reachable, wrong credentials, unknown database."""


class ServerError(CoopgraphError):
    """The local server cannot be installed, started or stopped."""


class ArticleError(CoopgraphError):
    """A file or record that cannot be read as an article; `str()` is one line "<file>: <problem>"."""

    def __init__(self, source: object, message: str, *, line: int | None = None, lang: str | None = None):
        self.source = str(source)
        self.message = " ".join(str(message).split())
        self.line = line
        self.lang = lang
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.source}: line {self.line}" if self.line else self.source
        return f"{where}: {self.message}"


class LoadError(CoopgraphError, ValueError):
    """ArticleFacts that cannot be turned into graph rows (a malformed key or type)."""


class QueryFileError(CoopgraphError, ValueError):
    """A problem in a query file, located as `<file>:<line>: <problem>`."""

    def __init__(self, path: object, line: int, problem: str):
        self.path, self.line, self.problem = str(path), line, problem
        super().__init__(f"{path}:{line}: {problem}")


class ParamError(CoopgraphError, ValueError):
    """A query parameter given by the user is unknown, missing or of the wrong type."""


class WriteRefused(CoopgraphError):
    """The server refused a write inside a read transaction."""


class ExtractionTimeout(CoopgraphError):
    """One article took longer than its time budget to extract."""
