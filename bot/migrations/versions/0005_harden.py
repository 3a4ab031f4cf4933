"""Hardening: digest delivery states (retry time, deadline, late, stored parts, progress, uncertain
sends), the publish guard of drafts, and indexes the retention job prunes by.

Revision ID: 0005_harden
Revises: 0006_desk (main's head when this branch merged it)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_harden"
down_revision = "0006_desk"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the digest_log delivery columns, kb_drafts.guard and the retention indexes."""
    with op.batch_alter_table("digest_log") as batch:
        batch.add_column(sa.Column("next_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("deadline", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("late", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("parts", sa.Text()))
        batch.add_column(sa.Column("parts_sent", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("inflight", sa.Integer()))
        batch.add_column(sa.Column("resend_part", sa.Integer()))
        batch.add_column(sa.Column("uncertain", sa.Integer(), nullable=False, server_default="0"))
    op.create_index("ix_digest_log_status_next_at", "digest_log", ["status", "next_at"])
    op.create_index("ix_digest_log_created_at", "digest_log", ["created_at"])
    with op.batch_alter_table("kb_drafts") as batch:
        batch.add_column(sa.Column("guard", sa.Text()))
    op.create_index("ix_kb_drafts_status_created_at", "kb_drafts", ["status", "created_at"])
    op.create_index("ix_access_refusals_last_at", "access_refusals", ["last_at"])


def downgrade() -> None:
    """Drop what upgrade added."""
    op.drop_index("ix_access_refusals_last_at", table_name="access_refusals")
    op.drop_index("ix_kb_drafts_status_created_at", table_name="kb_drafts")
    with op.batch_alter_table("kb_drafts") as batch:
        batch.drop_column("guard")
    op.drop_index("ix_digest_log_created_at", table_name="digest_log")
    op.drop_index("ix_digest_log_status_next_at", table_name="digest_log")
    with op.batch_alter_table("digest_log") as batch:
        for column in ("uncertain", "resend_part", "inflight", "parts_sent", "parts", "late", "deadline",
                       "next_at"):
            batch.drop_column(column)
