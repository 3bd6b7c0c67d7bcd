"""An audit log for administrators: logins, failed logins, user changes, erasures,
restores — who, when, from where; never any record's content.

Revision ID: 0005_audit_log
Revises: 0004_erased_blobs
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_audit_log"
down_revision = "0004_erased_blobs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(32), nullable=False, index=True),
        sa.Column("event", sa.String(30), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("address", sa.String(64), nullable=True),
        sa.Column("subject", sa.String(200), nullable=True),
        sa.Column("detail", sa.String(200), nullable=True),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("audit_log")
