"""History row ids never come back on SQLite: the ``history`` table uses AUTOINCREMENT.

A restore marks the history rows the backup held by id (``server_identity.restored_mark``
= the largest id at the restore). With a plain rowid, SQLite hands out max(id) + 1, so
once the newest rows are erased (an erasure made since the backup is made again right
after the restore, or any later erasure) a version written after the restore takes an id
at or under the mark and passes for one the backup held: a reconciling laptop then never
re-sends its own edit made after the backup. AUTOINCREMENT never reuses an id (SQLite
keeps the high-water mark in ``sqlite_sequence``, which a backup carries). PostgreSQL's
sequence never reused one already; nothing changes there.

Revision ID: 0003_history_autoincrement
Revises: 0002_server_postgres
Create Date: 2026-12-08
"""

from __future__ import annotations

from alembic import op

revision = "0003_history_autoincrement"
down_revision = "0002_server_postgres"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # The table is copied into one declared AUTOINCREMENT, ids kept: sqlite_sequence
    # starts at the largest of them.
    with op.batch_alter_table(
        "history", recreate="always", table_kwargs={"sqlite_autoincrement": True}
    ):
        pass


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "history", recreate="always", table_kwargs={"sqlite_autoincrement": False}
    ):
        pass
