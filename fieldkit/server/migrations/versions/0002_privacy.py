"""Erasure journal and deny-list (issue 10).

One row per erased record id: who erased it and when, the sequence number that tells
clients about it (``GET /sync/erasures``), and nothing of the record's content.

Revision ID: 0002_privacy
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_privacy"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erasures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("record_id", sa.String(100), nullable=False, unique=True),
        sa.Column("seq", sa.BigInteger, nullable=False, index=True),
        sa.Column("erased_by", sa.String(100), nullable=False),
        sa.Column("erased_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("erasures")
