"""Server identity (changes on restore) and the device id (token) of each history row.

Revision ID: 0002_sync_server
Revises: 0002_privacy
Create Date: 2026-11-30
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0002_sync_server"
down_revision = "0002_privacy"  # chained after main's 0002_privacy (was "0001")
branch_labels = None
depends_on = None

TS = sa.String(32)


def upgrade() -> None:
    # One row: the id clients compare to notice that the store was restored from a backup.
    # restored_mark = max(history.id) when it was restored: history rows up to it are what
    # the backup held (the common ancestor a reconciling client merges against).
    op.create_table(
        "server_identity",
        sa.Column("name", sa.String(20), primary_key=True),
        sa.Column("server_id", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("restored_mark", sa.BigInteger, nullable=True),
    )
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    op.bulk_insert(
        sa.table(
            "server_identity",
            sa.column("name", sa.String),
            sa.column("server_id", sa.String),
            sa.column("created_at", sa.String),
            sa.column("reason", sa.String),
            sa.column("restored_mark", sa.BigInteger),
        ),
        [
            {
                "name": "server",
                "server_id": str(uuid.uuid4()),
                "created_at": now,
                "reason": "created",
                "restored_mark": None,
            }
        ],
    )
    # "The same device" is the same login (token), never the free-text device name.
    with op.batch_alter_table("history") as batch:
        batch.add_column(sa.Column("token_id", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("history") as batch:
        batch.drop_column("token_id")
    op.drop_table("server_identity")
