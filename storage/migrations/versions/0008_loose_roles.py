"""Roles read from the words alone (bot/nlp/role_phrases.py) are marked: they rank below the roles a rule read.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("roles", sa.Column("loose", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("roles", "loose")
