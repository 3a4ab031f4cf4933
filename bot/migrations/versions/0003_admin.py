"""Admin tables: kb_sources, kb_parse_cache, kb_versions, kb_drafts, admin_users, access_list,
access_refusals, aliases, audit_log.

Revision ID: 0003_admin
Revises: 0002_digests
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_admin"
down_revision = "0002_digests"
branch_labels = None
depends_on = None


def _at(name: str = "created_at") -> sa.Column:
    """A timezone-aware timestamp column."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    """Create the admin tables."""
    op.create_table(
        "kb_sources",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        _at(),
    )
    op.create_table(
        "kb_parse_cache",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(255), primary_key=True),
        sa.Column("fingerprint", sa.String(64), primary_key=True),
        sa.Column("kb_json", sa.Text(), nullable=False),
        _at(),
    )
    op.create_table(
        "kb_versions",
        sa.Column("number", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("author_id", sa.BigInteger()),
        sa.Column("author_name", sa.String(256)),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("sources_json", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        _at(),
    )
    op.create_table(
        "kb_drafts",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.BigInteger()),
        sa.Column("author_name", sa.String(256)),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("sources_json", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        _at(),
    )
    op.create_table(
        "admin_users",
        sa.Column("user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("added_by", sa.BigInteger()),
        _at(),
    )
    op.create_table(
        "access_list",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("added_by", sa.BigInteger()),
        _at(),
    )
    op.create_table(
        "access_refusals",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("count", sa.Integer(), nullable=False),
        _at("first_at"),
        _at("last_at"),
    )
    op.create_table(
        "aliases",
        sa.Column("abbr", sa.String(64), primary_key=True),
        sa.Column("full", sa.String(256), nullable=False),
        sa.Column("added_by", sa.BigInteger()),
        _at(),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("actor_id", sa.BigInteger()),
        sa.Column("actor_name", sa.String(256)),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("result", sa.String(16), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        _at(),
    )
    op.create_index("ix_audit_log_created_at", "audit_log", ["created_at"])


def downgrade() -> None:
    """Drop the admin tables."""
    op.drop_index("ix_audit_log_created_at", table_name="audit_log")
    for table in ("audit_log", "aliases", "access_refusals", "access_list", "admin_users",
                  "kb_drafts", "kb_versions", "kb_parse_cache", "kb_sources"):
        op.drop_table(table)
