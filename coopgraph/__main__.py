"""Run the command line as `python -m coopgraph`."""

from coopgraph.cli import main

main()
