"""Alembic's environment for the store. Readout runs it from migrations.migrate() with an open
connection inside its own locked transaction (config.attributes["connection"]); a developer may
also run the `alembic` command (alembic.ini at the repository's root) against
READOUT_DATABASE_URL, e.g. `alembic revision --autogenerate -m "…"` after editing schema.py."""

from __future__ import annotations

import os

from alembic import context

from bot.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
on_apply = config.attributes.get("on_version_apply")

if connection is None:  # the `alembic` command line
    from bot.store.db import create_engine

    engine = create_engine(os.environ.get("READOUT_DATABASE_URL", "sqlite:///readout.db"))
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=metadata)
        context.run_migrations()
    engine.dispose()
else:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        on_version_apply=on_apply,
        transaction_per_migration=False,
    )
    with context.begin_transaction():  # a no-op: the caller's transaction holds every step
        context.run_migrations()
