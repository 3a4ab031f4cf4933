"""Supervision desk: desk_notes (the office's progress notes), desk_pending (reports in the making),
digest_subscriptions.ledger (the ledger attached to the weekly digest).

Revision ID: 0004_desk
Revises: 0003_admin
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_desk"
down_revision = "0003_admin"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the desk tables and add the ledger flag to subscriptions."""
    op.create_table(
        "desk_notes",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("doc", sa.String(255), nullable=False),
        sa.Column("task_key", sa.String(255), nullable=False),
        sa.Column("task_title", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("new_deadline", sa.Date()),
        sa.Column("status", sa.String(16)),
        sa.Column("decided_by", sa.BigInteger()),
        sa.Column("decided_name", sa.String(256)),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.Column("user_id", sa.BigInteger()),
        sa.Column("user_name", sa.String(256)),
        sa.Column("chat_id", sa.BigInteger()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_desk_notes_task", "desk_notes", ["doc", "task_key"])
    op.create_index("ix_desk_notes_created_at", "desk_notes", ["created_at"])
    op.create_table(
        "desk_pending",
        sa.Column("chat_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("doc", sa.String(255), nullable=False),
        sa.Column("task_key", sa.String(255), nullable=False),
        sa.Column("task_id", sa.String(128), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("digest_subscriptions") as batch:
        batch.add_column(sa.Column("ledger", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    """Drop the desk tables and the ledger flag."""
    with op.batch_alter_table("digest_subscriptions") as batch:
        batch.drop_column("ledger")
    op.drop_table("desk_pending")
    op.drop_index("ix_desk_notes_created_at", table_name="desk_notes")
    op.drop_index("ix_desk_notes_task", table_name="desk_notes")
    op.drop_table("desk_notes")
