"""The first record: the leaflets given, and the versions withdrawn."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "given",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("given_at", sa.DateTime, nullable=False),
        sa.Column("leaflet_id", sa.String(64), nullable=False, index=True),
        sa.Column("leaflet", sa.String(64), nullable=False, index=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("review_date", sa.Date, nullable=False),
        sa.Column("brand", sa.String(64), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("profile", sa.String(16), nullable=False),
        sa.Column("paper", sa.String(8), nullable=False),
        sa.Column("large_print", sa.Boolean, nullable=False),
        sa.Column("pdf", sa.String(300), nullable=False),
        sa.Column("url", sa.String(300)),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("sha1", sa.String(40), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("given_by", sa.String(16), nullable=False),
        sa.Column("patient", sa.String(64), nullable=False, index=True),
        sa.Column("nhs_number", sa.String(10), index=True),
        sa.Column("notification_id", sa.String(64)),
    )
    op.create_table(
        "withdrawn",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("leaflet_id", sa.String(64), nullable=False),
        sa.Column("leaflet", sa.String(64), nullable=False),
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("withdrawn_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("leaflet", "version"),
    )


def downgrade() -> None:
    op.drop_table("withdrawn")
    op.drop_table("given")
