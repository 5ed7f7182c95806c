"""Articles, sentences, entities, mentions, roles, quotes, and full-text search.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def _fk(table: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{table}.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.String(2048), unique=True),
        sa.Column("text_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("author", sa.String(300)),
        sa.Column("published_at", TS, nullable=False, index=True),
        sa.Column("ingested_at", TS, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "sentences",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, _fk("articles"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("words", sa.Text, nullable=False),
        sa.UniqueConstraint("article_id", "position"),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.UniqueConstraint("key", "kind"),
    )
    op.create_table(
        "aliases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("alias", sa.String(300), nullable=False, index=True),
        sa.Column("entity_id", sa.Integer, _fk("entities"), nullable=False),
        sa.UniqueConstraint("alias", "entity_id"),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entity_id", sa.Integer, _fk("entities"), nullable=False),
        sa.Column("article_id", sa.Integer, _fk("articles"), nullable=False),
        sa.Column("sentence_id", sa.Integer, _fk("sentences"), nullable=False),
        sa.Column("surface", sa.String(300), nullable=False),
        sa.Column("published_at", TS, nullable=False),
    )
    op.create_index("ix_mentions_entity_published", "mentions", ["entity_id", "published_at", "article_id"])
    op.create_index("ix_mentions_sentence", "mentions", ["sentence_id"])
    op.create_index("ix_mentions_article", "mentions", ["article_id"])
    for name, extra in (
        ("roles", [sa.Column("role", sa.String(200), nullable=False)]),
        (
            "quotes",
            [
                sa.Column("text", sa.Text, nullable=False),
                sa.Column("direct", sa.Boolean, nullable=False),
            ],
        ),
    ):
        op.create_table(
            name,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("entity_id", sa.Integer, _fk("entities"), nullable=False),
            sa.Column("article_id", sa.Integer, _fk("articles"), nullable=False),
            sa.Column("sentence_id", sa.Integer, _fk("sentences"), nullable=False),
            *extra,
            sa.Column("published_at", TS, nullable=False),
        )
        op.create_index(f"ix_{name}_entity", name, ["entity_id", "published_at"])

    if op.get_bind().dialect.name == "sqlite":
        # External-content FTS5 index kept in step with `articles` by triggers.
        op.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "title, text, content='articles', content_rowid='id', tokenize='porter unicode61')"
        )
        op.execute(
            "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.id, old.title, old.text); END"
        )
        op.execute(
            "CREATE TRIGGER articles_fts_au AFTER UPDATE ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.id, old.title, old.text); "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
        )
    else:
        op.execute("CREATE INDEX ix_articles_fts ON articles USING gin (to_tsvector('english', title || ' ' || text))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("quotes", "roles", "mentions", "aliases", "entities", "sentences", "articles"):
        op.drop_table(table)
