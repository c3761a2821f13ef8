"""`coopgraph browser export|web`: style, guide and favorites from the query library; a Browser that serves them."""

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


@browser_group.command("web")
@click.option(
    "-o",
    "--output",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(".coopgraph/web"),
    show_default=True,
    help="The folder docker-compose mounts as the server's web folder (COOPGRAPH_WEB_DIR).",
)
@click.option(
    "--jar",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The neo4j-browser jar to repack [default: the one `coopgraph server start` downloaded].",
)
def web_command(directory: Path, jar: Path | None) -> None:
    """Write neo4j-browser.zip: Neo4j Browser with the project's style and guide inside, for docker-compose.

    The local server does this itself on every start. A Neo4j 5.26 server serves a neo4j-browser*.zip
    from its web folder instead of its own Browser; docker-compose.yml mounts this folder there, and
    its post-connect command loads the style and opens the guide from it (docs/browser.md).

    Example:

        coopgraph browser web -o .coopgraph/web && docker compose up -d --wait
    """
    from coopgraph.graph.server import default_home, find_browser_jar, load_web_files, write_web

    jar = jar or find_browser_jar(default_home() / "lib")
    if jar is None:
        raise click.ClickException(
            f"no neo4j-browser jar in {default_home() / 'lib'}: run `coopgraph server start` once, "
            "or pass --jar PATH (org.neo4j.client:neo4j-browser from Maven Central)"
        )
    click.echo(str(write_web(jar, directory, load_web_files())))


COMMANDS = (browser_group,)
