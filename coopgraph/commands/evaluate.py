"""`coopgraph eval`: score the extraction pipeline (or saved predictions) against a folder of gold files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coopgraph.commands.options import budget_options

if TYPE_CHECKING:
    from coopgraph.ingest.records import Article


@click.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, path_type=Path))
@click.option("--details", is_flag=True, help="List each article's false positives and misses.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--min-f1", type=click.FloatRange(0, 1), help="Exit 1 if micro relation F1 is below this.")
@click.option(
    "--pred",
    "pred_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Score saved predictions (<gold id>.json) instead of running the pipeline.",
)
@budget_options
def eval_command(
    gold_dir: Path,
    details: bool,
    as_json: bool,
    min_f1: float | None,
    pred_dir: Path | None,
    workers: int,
    article_timeout: float,
) -> None:
    """Score extraction against gold files (the matching rules of shared/eval/kgeval.py).

    Each gold file's `text` is read as the article `<gold id>.txt` (reader and furniture
    removal), passed through the extraction pipeline, and compared with the gold entities and
    relations: per-type tp/fp/fn, precision, recall and F1, and the micro total ALL. An article
    over --article-timeout scores as empty output and is named under FAILED.

    Example:

        coopgraph eval ../shared/eval/dev --details --min-f1 0.5
    """
    from coopgraph.ingest.evaluate import format_summary, read_gold, score_dir

    try:
        golds = read_gold(gold_dir)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"cannot read gold files in {gold_dir}: {exc}") from None
    if not golds:
        raise click.ClickException(f"no gold *.json files in {gold_dir}")
    predict = predict_from_dir(pred_dir) if pred_dir else predict_with_pipeline(golds, workers, article_timeout)
    summary = score_dir(gold_dir, predict, golds=golds)
    if as_json:
        click.echo(json.dumps(summary.to_dict(details=details), ensure_ascii=False, indent=1))
    else:
        click.echo(format_summary(summary, details=details))
    f1 = summary.relations["ALL"].f1
    if min_f1 is not None and f1 < min_f1:
        click.echo(f"relation F1 {f1:.3f} is below --min-f1 {min_f1:.3f}", err=True)
        raise SystemExit(1)


def predict_with_pipeline(
    golds: list[dict[str, Any]], workers: int, timeout: float | None
) -> Callable[[Article], dict[str, Any]]:
    """Extract every gold article first (in the budgeted pool), then answer the scorer from the results."""
    from coopgraph.extraction import extract_articles
    from coopgraph.ingest.evaluate import article_of, facts_to_pred

    outcomes = {
        item.article.source: item for item in extract_articles([article_of(g) for g in golds], workers, timeout)
    }

    def predict(article: Article) -> dict[str, Any]:
        item = outcomes[article.source]
        if item.facts is None:
            raise RuntimeError(item.error)
        return facts_to_pred(item.facts)

    return predict


def predict_from_dir(pred_dir: Path) -> Callable[[Article], dict[str, Any]]:
    """A predictor that loads `<gold id>.json` for the article `<gold id>.txt`."""

    def predict(article: Article) -> dict[str, Any]:
        path = pred_dir / f"{Path(article.source).stem}.json"
        if not path.exists():
            raise FileNotFoundError(f"no prediction file {path}")
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    return predict


COMMANDS = (eval_command,)
