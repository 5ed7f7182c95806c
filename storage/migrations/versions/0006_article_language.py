"""Each article's language (ISO 639-1), told from its text at ingest; older articles have none.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch "move and copy" on SQLite would drop the full-text triggers.
    op.add_column("articles", sa.Column("language", sa.String(8)))


def downgrade() -> None:
    op.drop_column("articles", "language")
