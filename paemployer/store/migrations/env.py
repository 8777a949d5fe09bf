"""Alembic environment for employer files, run programmatically by paemployer.store.db.

The app hands over an open connection in `config.attributes["connection"]`; a developer may
instead run `alembic` with `sqlalchemy.url` set (e.g. to autogenerate a new revision).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from paemployer.store import models

config = context.config
target_metadata = models.metadata


def _configure_and_run(connection) -> None:
    # A batch rebuild with foreign keys ON would cascade deletes into child tables; the PRAGMA only
    # takes effect outside a transaction, hence the commit.
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        render_as_batch=True,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _configure_and_run(connection)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
