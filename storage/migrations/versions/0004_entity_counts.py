"""Each entity's article count and last date in columns, counted once from the mentions; the
mention and role indexes cover what /who and /status read of them.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch "move and copy" on SQLite would drop the full-text triggers.
    op.add_column("entities", sa.Column("article_count", sa.Integer, nullable=False, server_default="0"))
    op.add_column("entities", sa.Column("last_seen", sa.DateTime(timezone=True)))
    op.execute(
        "UPDATE entities SET "
        "article_count = (SELECT count(DISTINCT article_id) FROM mentions WHERE entity_id = entities.id), "
        "last_seen = (SELECT max(published_at) FROM mentions WHERE entity_id = entities.id)"
    )
    _index("ix_mentions_entity_published", "mentions", ["entity_id", "published_at", "article_id", "sentence_id"])
    _index("ix_roles_entity", "roles", ["entity_id", "published_at", "article_id", "role"])


def _index(name: str, table: str, columns: list[str]) -> None:
    op.drop_index(name, table_name=table)
    op.create_index(name, table, columns)


def downgrade() -> None:
    _index("ix_roles_entity", "roles", ["entity_id", "published_at"])
    _index("ix_mentions_entity_published", "mentions", ["entity_id", "published_at", "article_id"])
    op.drop_column("entities", "last_seen")
    op.drop_column("entities", "article_count")
