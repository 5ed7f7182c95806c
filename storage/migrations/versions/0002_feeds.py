"""Feeds polled on a schedule, the entries seen in each, and near-duplicate stories.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.String(2048), nullable=False, unique=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("site_url", sa.String(2048)),
        sa.Column("added_at", TS, nullable=False),
        sa.Column("etag", sa.String(300)),
        sa.Column("last_modified", sa.String(100)),
        sa.Column("last_fetched_at", TS),
        sa.Column("last_new_at", TS),
        sa.Column("next_poll_at", TS, nullable=False, index=True),
        sa.Column("min_interval", sa.Integer, nullable=False, server_default="0"),
        sa.Column("errors", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
    )
    op.create_table(
        "feed_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("feed_id", sa.Integer, sa.ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False),
        sa.Column("guid", sa.String(2048), nullable=False, index=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="SET NULL")),
        sa.Column("seen_at", TS, nullable=False),
        sa.UniqueConstraint("feed_id", "guid"),
    )
    op.create_table(
        "story_bands",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("band", sa.String(40), nullable=False, index=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    )
    # Plain ADD COLUMN: a batch "move and copy" on SQLite would drop the full-text triggers.
    op.add_column("articles", sa.Column("partial", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("articles", sa.Column("story_id", sa.Integer))
    op.add_column("articles", sa.Column("signature", sa.LargeBinary))
    op.create_index("ix_articles_story", "articles", ["story_id"])


def downgrade() -> None:
    op.drop_index("ix_articles_story", "articles")
    for column in ("signature", "story_id", "partial"):
        op.drop_column("articles", column)
    for table in ("story_bands", "feed_items", "feeds"):
        op.drop_table(table)
