"""Article pages being fetched, claimed by one poller so replicas fetch each page once.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "page_claims",
        sa.Column("url", sa.String(2048), primary_key=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("page_claims")
