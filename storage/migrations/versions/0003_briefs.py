"""Daily brief subscriptions, the delivery log that makes sending idempotent, and follows.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("chat_id", sa.BigInteger, nullable=False),
        sa.Column("thread_id", sa.Integer, nullable=False, server_default="0"),
        sa.Column("chat_type", sa.String(16), nullable=False),
        sa.Column("title", sa.String(300), nullable=False, server_default=""),
        sa.Column("hour", sa.Integer, nullable=False),
        sa.Column("minute", sa.Integer, nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("topics", sa.Text, nullable=False, server_default=""),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("paused_reason", sa.Text),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("chat_id", "thread_id"),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("subscription_id", sa.Integer, sa.ForeignKey("subscriptions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("due_at", TS, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("claimed_at", TS),
        sa.Column("claimed_by", sa.String(64)),
        sa.Column("messages", sa.Text),
        sa.Column("messages_sent", sa.Integer, nullable=False, server_default="0"),
        sa.Column("sent_at", TS),
        sa.Column("error", sa.Text),
        sa.UniqueConstraint("subscription_id", "day"),
    )
    op.create_index("ix_deliveries_status", "deliveries", ["status", "due_at"])
    op.create_table(
        "follows",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("chat_id", sa.BigInteger, nullable=False),
        sa.Column("thread_id", sa.Integer, nullable=False, server_default="0"),
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("seen_up_to", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("chat_id", "thread_id", "entity_id"),
    )
    op.create_index("ix_follows_entity", "follows", ["entity_id"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("chat_id", sa.BigInteger, nullable=False),
        sa.Column("story_id", sa.Integer, nullable=False),
        sa.Column("sent_at", TS, nullable=False),
        sa.UniqueConstraint("chat_id", "story_id"),
    )


def downgrade() -> None:
    for table in ("alerts", "follows", "deliveries", "subscriptions"):
        op.drop_table(table)
