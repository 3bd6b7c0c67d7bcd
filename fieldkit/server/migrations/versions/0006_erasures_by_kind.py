"""The erasure deny-list is keyed by (kind, id), not by id alone.

Ids are unique within a kind only. With one row per id, erasing a place and then a visit
that shares its id never told the laptops about the visit, and a push of a record whose
id equals an erased record's of another kind was refused. The unique constraint on
``record_id`` becomes one on ``(record_id, kind)`` (id first: push reads the deny-list by
id). Every existing row keeps its kind (the table has always held one); no row changes.

Downgrade: the old constraint cannot hold two kinds of one id, so for such an id only its
first erasure (lowest seq) stays on the list.

Revision ID: 0006_erasures_by_kind
Revises: 0005_audit_log
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_erasures_by_kind"
down_revision = "0005_audit_log"
branch_labels = None
depends_on = None

NEW = "erasures_record_id_kind"
OLD_PG = "erasures_record_id_key"  # PostgreSQL's name for 0002's unique record_id


def _erasures(*unique: sa.UniqueConstraint) -> sa.Table:
    """The table as 0002 made it, with ``unique`` as its only unique constraint."""
    return sa.Table(
        "erasures",
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("record_id", sa.String(100), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("erased_by", sa.String(100), nullable=False),
        sa.Column("erased_at", sa.String(32), nullable=False),
        sa.Index("ix_erasures_seq", "seq"),
        *unique,
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot drop a constraint, and its old one has no name to drop it by:
        # the table is copied (rows and ids kept) into one declared with the new key.
        new = _erasures(sa.UniqueConstraint("record_id", "kind", name=NEW))
        with op.batch_alter_table("erasures", copy_from=new, recreate="always"):
            pass
        return
    op.drop_constraint(OLD_PG, "erasures", type_="unique")
    op.create_unique_constraint(NEW, "erasures", ["record_id", "kind"])


def downgrade() -> None:
    op.execute(
        "DELETE FROM erasures WHERE seq > "
        "(SELECT min(e2.seq) FROM erasures e2 WHERE e2.record_id = erasures.record_id)"
    )
    if op.get_bind().dialect.name == "sqlite":
        old = _erasures(sa.UniqueConstraint("record_id"))
        with op.batch_alter_table("erasures", copy_from=old, recreate="always"):
            pass
        return
    op.drop_constraint(NEW, "erasures", type_="unique")
    op.create_unique_constraint(OLD_PG, "erasures", ["record_id"])
