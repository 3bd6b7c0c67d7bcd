"""Erased photos' hashes stay on a deny-list: their bytes are never taken again.

An erasure removed a photo's blob when no other photo used it, but anyone holding the
bytes could upload them again. ``erased_blobs`` keeps each erased hash (no content: a
hash, when); uploads of it are refused (410 blob_erased) and ``/blobs/missing`` no longer
asks for it.

Revision ID: 0004_erased_blobs
Revises: 0003_history_autoincrement
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_erased_blobs"
down_revision = "0003_history_autoincrement"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erased_blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("erased_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("erased_blobs")
