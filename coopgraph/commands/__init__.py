"""Command families of the CLI; each module exposes `register(group)`."""
