"""Shared state for several workers: an atomic login throttle and upload locks.

``login_throttle`` replaces ``login_failures``: one counter row per user name and per client
address, bumped by a single upsert before any password is checked, so that parallel
attempts (in any worker process) cannot all pass a check-then-act count.
``blob_locks`` serializes the requests on one user's upload of one blob across worker
processes (it was an in-process asyncio lock); its key is "<user>\n<sha256>", as the
uploads are per user (server-hardening's ``uploads`` table, whose ``id`` already names each
(re)start of an upload, so no column is added there).

Revision ID: 0002_server_postgres
Revises: 0002_server_hardening
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_server_postgres"
down_revision = "0002_server_hardening"  # chained last: privacy, sync-server, hardening
branch_labels = None
depends_on = None

TS = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(200), primary_key=True),  # "user:<name>" or "ip:<address>"
        sa.Column("window_start", TS, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
    )
    op.drop_table("login_failures")
    op.create_table(
        "blob_locks",
        sa.Column("lock_key", sa.String(200), primary_key=True),  # "<user>\n<sha256>"
        sa.Column("holder", sa.String(64), nullable=False),
        sa.Column("expires_at", TS, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("blob_locks")
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(100), nullable=False, index=True),
        sa.Column("ip", sa.String(64), nullable=False, index=True),
        sa.Column("at", TS, nullable=False),
    )
    op.drop_table("login_throttle")
