"""Blob holders, the author of a photo's blob, per-user tus uploads.

- ``blob_holders``: who has proven they hold a blob's bytes (by uploading all of them).
  A blob is readable only through a photo whose blob was set by a holder (docs/server.md).
- ``records.blob_by``: the user who set a photo's current ``blob`` value.
- ``uploads`` becomes per user: one upload resource per (sha256, user), named by an id
  (the part file is ``uploads/<id>.part``), so nobody can write into or reset another
  user's upload. Uploads in progress under the old layout are dropped (clients start
  those again from offset 0).

Revision ID: 0002_server_hardening
Revises: 0002_privacy
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_server_hardening"
down_revision = "0002_sync_server"  # chained after privacy and sync-server (merged first)
branch_labels = None
depends_on = None

TS = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "blob_holders",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(100), primary_key=True),
        sa.Column("created_at", TS, nullable=False),
    )
    # Existing blobs: their first uploader is the one holder known.
    op.execute(
        "INSERT INTO blob_holders (sha256, user_name, created_at) "
        "SELECT sha256, uploaded_by, created_at FROM blobs"
    )
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("blob_by", sa.String(100), nullable=True))
    op.execute("UPDATE records SET blob_by = created_by WHERE kind = 'photo'")
    op.drop_table("uploads")
    op.create_table(
        "uploads",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("length", sa.BigInteger, nullable=False),
        sa.Column("offset", sa.BigInteger, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("sha256", "user_name", name="uploads_sha256_user"),
    )


def downgrade() -> None:
    op.drop_table("uploads")
    op.create_table(
        "uploads",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("length", sa.BigInteger, nullable=False),
        sa.Column("offset", sa.BigInteger, nullable=False),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    with op.batch_alter_table("records") as batch:
        batch.drop_column("blob_by")
    op.drop_table("blob_holders")
