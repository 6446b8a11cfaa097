"""Alembic runs migrations on the connection the store hands it (never from alembic.ini)."""

from alembic import context

from storyline.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
