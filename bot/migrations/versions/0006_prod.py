"""Production tables: button_keys (long callback data under random, chat-bound keys) and
update_claims (which webhook worker processes which update).

Revision ID: 0006_prod
Revises: 0005_harden (main's head when this branch merged it)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_prod"
down_revision = "0005_harden"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create button_keys and update_claims."""
    op.create_table(
        "button_keys",
        sa.Column("key", sa.String(24), primary_key=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ux_button_keys_chat_digest", "button_keys", ["chat_id", "digest"], unique=True)
    op.create_index("ix_button_keys_created_at", "button_keys", ["created_at"])
    op.create_table(
        "update_claims",
        sa.Column("update_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("worker", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_update_claims_updated_at", "update_claims", ["updated_at"])


def downgrade() -> None:
    """Drop them."""
    op.drop_index("ix_update_claims_updated_at", table_name="update_claims")
    op.drop_table("update_claims")
    op.drop_index("ix_button_keys_created_at", table_name="button_keys")
    op.drop_index("ux_button_keys_chat_digest", table_name="button_keys")
    op.drop_table("button_keys")
