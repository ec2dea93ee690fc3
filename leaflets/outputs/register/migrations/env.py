"""Alembic's environment: the record's migrations run on the connection database.py hands over
(config.attributes["connection"]), never on a URL of their own, and configure no logging, so
nothing about the database reaches a log.

A change to schema.py needs a new revision beside v0001_record.py: the same shape, the next
`revision`, `down_revision` the one before. tests/test_record_database.py fails until the
migrations make the schema the code uses."""

from __future__ import annotations

from alembic import context

from leaflets.outputs.register.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
