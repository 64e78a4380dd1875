"""Alembic environment: always run programmatically by `extrashield.adapters.registry.migrate` on a connection
it passes in (inside the write lock), never from an alembic.ini."""

from __future__ import annotations

from alembic import context

from extrashield.adapters.registry.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
