"""Employer file identity: a uid that never changes, so calendar events keep their UIDs after a rename.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 22:30:00

"""
import uuid
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("employer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("file_uid", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False,
                                      server_default=""))
    connection = op.get_bind()
    # Every existing employer gets its own identity once; new rows get theirs from the model.
    for (employer_id,) in connection.execute(sa.text("SELECT id FROM employer")).fetchall():
        connection.execute(sa.text("UPDATE employer SET file_uid = :uid WHERE id = :id"),
                           {"uid": uuid.uuid4().hex, "id": employer_id})
    with op.batch_alter_table("employer", schema=None) as batch_op:
        batch_op.alter_column("file_uid", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("employer", schema=None) as batch_op:
        batch_op.drop_column("file_uid")
