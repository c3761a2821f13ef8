"""`coopgraph browser export`: write the Browser style, guide and favorites built from the query library."""

from __future__ import annotations

from pathlib import Path

import click

from coopgraph.commands.options import CoopgraphGroup

# The generated files also ship with the package (coopgraph.graph.browser); an export writes new ones.
DEFAULT_DIR = Path("coopgraph-browser")


@click.group("browser", cls=CoopgraphGroup)
def browser_group() -> None:
    """Neo4j Browser helpers: a style and a guide built from the query library.

    Example:

        coopgraph browser export -o graph/browser
    """


@browser_group.command("export")
@click.option(
    "-o",
    "--output",
    "directory",
    type=click.Path(file_okay=False),
    default=str(DEFAULT_DIR),
    show_default=True,
    help="Directory for style.grass, guide.html and favorites.zip.",
)
def export_command(directory: str) -> None:
    """Write style.grass (captions by name, a colour per label), guide.html and favorites.zip.

    In Browser: drag style.grass onto the window (or `:style` then drop it); serve the
    directory (`python -m http.server 8001 -d graph/browser`) and run
    `:guide http://localhost:8001/guide.html`; import favorites.zip in the Favorites drawer.

    Example:

        coopgraph browser export -o graph/browser
    """
    from coopgraph.browser import export_browser_files
    from coopgraph.commands.query import load_library_or_fail

    for path in export_browser_files(load_library_or_fail(), Path(directory)):
        click.echo(str(path))


COMMANDS = (browser_group,)
