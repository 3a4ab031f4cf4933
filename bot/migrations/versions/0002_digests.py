"""Digest tables: digest_subscriptions, digest_task_marks, digest_log.

Revision ID: 0002_digests
Revises: 0001_chat
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_digests"
down_revision = "0001_chat"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the subscription, task-mark and delivery-log tables."""
    op.create_table(
        "digest_subscriptions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger()),
        sa.Column("keywords", sa.Text(), nullable=False),
        sa.Column("doc", sa.String(256)),
        sa.Column("unit", sa.String(256)),
        sa.Column("weekday", sa.Integer(), nullable=False),  # 0 = Monday … 6 = Sunday
        sa.Column("send_time", sa.Time(), nullable=False),
        sa.Column("window_days", sa.Integer(), nullable=False),
        sa.Column("quiet", sa.Boolean(), nullable=False),
        sa.Column("send_empty", sa.Boolean(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("pause_reason", sa.Text()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_digest_subscriptions_chat_id", "digest_subscriptions", ["chat_id"])
    op.create_table(
        "digest_task_marks",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("task_id", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("until", sa.Date()),
        sa.Column("marked_by", sa.BigInteger()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("chat_id", "task_id", name="uq_digest_task_marks_chat_task"),
    )
    op.create_index("ix_digest_task_marks_chat_id", "digest_task_marks", ["chat_id"])
    op.create_table(
        "digest_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("subscription_id", sa.Integer(),
                  sa.ForeignKey("digest_subscriptions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text()),
        sa.Column("message_ids", sa.Text()),
        sa.Column("claimed_by", sa.String(64)),
        sa.Column("claimed_at", sa.DateTime(timezone=True)),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("subscription_id", "period", name="uq_digest_log_subscription_period"),
    )
    op.create_index("ix_digest_log_subscription_id", "digest_log", ["subscription_id"])


def downgrade() -> None:
    """Drop the digest tables."""
    op.drop_table("digest_log")
    op.drop_table("digest_task_marks")
    op.drop_table("digest_subscriptions")
