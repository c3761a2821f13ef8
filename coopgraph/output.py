"""Formatting result rows for the terminal and files: table, json, csv, markdown."""

from __future__ import annotations

import csv
import io
import json

FORMATS = ("table", "json", "csv", "markdown")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def format_rows(rows: list[dict], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1, default=str)
    columns = list(dict.fromkeys(k for row in rows for k in row))
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in columns})
        return buf.getvalue().rstrip("\n")
    if not rows:
        return "(no rows)"
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    if fmt == "markdown":
        esc = [[v.replace("|", "\\|") for v in r] for r in cells]
        lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in esc])
    widths = [min(60, max(len(c), *(len(r[i]) for r in cells))) for i, c in enumerate(columns)]

    def line(values):
        return "  ".join(v[:w].ljust(w) for v, w in zip(values, widths)).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells])
