"""`coopgraph eval`: score the extraction pipeline (or saved predictions) against a folder of gold files."""
from __future__ import annotations

import json
from pathlib import Path

import click


def register(cli: click.Group) -> None:
    cli.add_command(eval_command)


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
def eval_command(gold_dir: Path, details: bool, as_json: bool, min_f1: float | None, pred_dir: Path | None) -> None:
    """Score extraction against gold files (the matching rules of shared/eval/kgeval.py).

    Each gold file's `text` is read as the article `<gold id>.txt` (reader and furniture
    removal), passed through the extraction pipeline, and compared with the gold entities and
    relations: per-type tp/fp/fn, precision, recall and F1, and the micro total ALL.

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
    predict = predict_from_dir(pred_dir) if pred_dir else predict_with_pipeline
    summary = score_dir(gold_dir, predict, golds=golds)
    if as_json:
        click.echo(json.dumps(summary.to_dict(details=details), ensure_ascii=False, indent=1))
    else:
        click.echo(format_summary(summary, details=details))
    f1 = summary.relations["ALL"].f1
    if min_f1 is not None and f1 < min_f1:
        click.echo(f"relation F1 {f1:.3f} is below --min-f1 {min_f1:.3f}", err=True)
        raise SystemExit(1)


def predict_with_pipeline(article) -> dict:
    from coopgraph.ingest.evaluate import facts_to_pred
    from coopgraph.ingest.pipeline import extract_article

    return facts_to_pred(extract_article(article))


def predict_from_dir(pred_dir: Path):
    """A predictor that loads `<gold id>.json` for the article `<gold id>.txt`."""

    def predict(article) -> dict:
        path = pred_dir / f"{Path(article.source).stem}.json"
        if not path.exists():
            raise FileNotFoundError(f"no prediction file {path}")
        return json.loads(path.read_text(encoding="utf-8"))

    return predict
