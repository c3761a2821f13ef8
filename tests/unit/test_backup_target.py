"""`db backup/restore` act on the local server's files only when the connection really is that server."""

from __future__ import annotations

import pytest

from coopgraph.graph.backup import BackupUnsupported, check_local
from coopgraph.graph.server import LocalServer


@pytest.mark.parametrize(
    ("uri", "local"),
    [
        ("bolt://127.0.0.1:7787", True),
        ("neo4j://localhost:7787", True),
        ("bolt://[::1]:7787", True),
        ("bolt://db.example.org:7787", False),  # the same port elsewhere: never dump or replace our files
        ("bolt://127.0.0.1:17787", False),
        ("bolt://127.0.0.1:77870", False),
        ("bolt://127.0.0.1", False),  # the driver's default port, 7687
    ],
)
def test_only_a_uri_of_the_local_server_is_backed_up(tmp_path, uri, local):
    server = LocalServer(home=tmp_path, bolt_port=7787, lib_source=tmp_path)
    if local:
        check_local(server, uri)
    else:
        with pytest.raises(BackupUnsupported, match="for Docker see the README"):
            check_local(server, uri)
