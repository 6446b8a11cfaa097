"""Each article's language (ISO 639-1, clean/language.py). Articles stored before are
"und": their language was never told.

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
    with op.batch_alter_table("articles") as table:
        table.add_column(sa.Column("lang", sa.String(8), nullable=False, server_default="und"))


def downgrade() -> None:
    with op.batch_alter_table("articles") as table:
        table.drop_column("lang")
