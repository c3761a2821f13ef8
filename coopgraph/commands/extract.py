"""`coopgraph extract`: articles in, the spec's entity/relation JSON out."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from coopgraph.output import FORMATS, format_rows


def facts_to_json(facts) -> dict:
    """The spec's gold shape (entities, relations) plus our extra fields (article, evidence)."""
    data = facts.model_dump(mode="json", exclude_none=True)
    article = data.pop("article")
    article.pop("text", None)
    return {"source": facts.source, "article": article, "entities": data["entities"],
            "relations": data["relations"], "warnings": data.get("warnings", [])}


def _summary_rows(obj: dict) -> list[dict]:
    rows = []
    for r in obj["relations"]:
        quals = {k: r[k] for k in ("title", "date", "commodity", "kind", "value", "currency", "year") if k in r}
        rows.append({"source": obj["source"], "type": r["type"], "from": r["source"], "to": r["target"],
                     "qualifiers": ", ".join(f"{k}={v}" for k, v in quals.items())})
    return rows


def register(cli: click.Group) -> None:
    @cli.command("extract")
    @click.argument("paths", nargs=-1, required=True)
    @click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default=None,
                  help="json for one file, jsonl for several (the default follows the input).")
    def extract(paths: tuple[str, ...], fmt: str | None) -> None:
        """Extract entities and relations from articles (.txt, .html, .json, .jsonl, folders).

        One file prints one JSON object; several files or a folder print JSON Lines, one
        object per article with "source" = the input path. Unreadable articles are reported
        on stderr and the exit status is 1; the rest are still extracted.

        Example:

            coopgraph extract seeds/000_d8b8e7c70f541481.txt --format table
        """
        from coopgraph.ingest.pipeline import extract_article
        from coopgraph.ingest.read import ArticleError, iter_sources, read_path

        sources = list(iter_sources(list(paths)))
        single = len(paths) == 1 and Path(paths[0]).is_file()
        fmt = fmt or ("json" if single else "jsonl")
        failed = 0
        objs = []
        for src in sources:
            errors: list = []
            try:
                articles = read_path(src, errors=errors)
            except ArticleError as exc:
                errors.append(exc)
                articles = []
            for exc in errors:  # one bad record never stops the rest of the file or the batch
                click.echo(f"error: {exc}", err=True)
                failed += 1
            for article in articles:
                obj = facts_to_json(extract_article(article))
                if fmt == "jsonl":
                    click.echo(json.dumps(obj, ensure_ascii=False))
                else:
                    objs.append(obj)
        if fmt == "json":
            out = objs[0] if len(objs) == 1 else objs
            click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        elif fmt == "table":
            rows = [row for o in objs for row in _summary_rows(o)]
            click.echo(format_rows(rows, "table"))
        if failed:
            sys.exit(1)


__all__ = ["register", "facts_to_json", "FORMATS"]
