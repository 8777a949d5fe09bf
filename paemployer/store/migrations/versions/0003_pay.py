"""Pay: the employer's pay schedule (monthly basis, pay day, week anchor), how an irregular-hours PA's holiday is
paid, and the pay runs with their lines (kept six years: a PA with pay runs cannot be deleted).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 10:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import paemployer.store.types

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _money(name: str, *, nullable: bool) -> sa.Column:
    return sa.Column(name, paemployer.store.types.DecimalText(length=32), nullable=nullable)


def upgrade() -> None:
    # Existing rows take the defaults the models give new ones; the server defaults go once they are filled.
    with op.batch_alter_table("employer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pay_months", sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                                      server_default="tax"))
        batch_op.add_column(sa.Column("pay_day", sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                                      server_default="friday_after"))
        batch_op.add_column(sa.Column("pay_week_anchor", sa.Date(), nullable=False, server_default="2026-04-06"))
    with op.batch_alter_table("employer", schema=None) as batch_op:
        batch_op.alter_column("pay_months", server_default=None)
        batch_op.alter_column("pay_day", server_default=None)
        batch_op.alter_column("pay_week_anchor", server_default=None)

    with op.batch_alter_table("contractterms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("holiday_pay", sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                                      server_default="when_taken"))
        batch_op.add_column(sa.Column("accommodation_provided", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(_money("accommodation_charge_per_day", nullable=True))
    with op.batch_alter_table("contractterms", schema=None) as batch_op:
        batch_op.alter_column("holiday_pay", server_default=None)
        batch_op.alter_column("accommodation_provided", server_default=None)

    op.create_table(
        "payrun",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pa_id", sa.Integer(), nullable=False),
        sa.Column("pa_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("pay_date", sa.Date(), nullable=False),
        sa.Column("pay_frequency", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        _money("tax", nullable=False),
        _money("employee_ni", nullable=False),
        _money("employee_pension", nullable=False),
        _money("other_deductions", nullable=False),
        sa.Column("other_deductions_description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        _money("employer_ni", nullable=False),
        _money("employer_pension", nullable=False),
        sa.Column("deductions_source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        _money("imported_gross", nullable=True),
        _money("imported_net", nullable=True),
        _money("imported_hours", nullable=True),
        sa.Column("nmw_band", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("nmw_band_code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        _money("nmw_rate", nullable=True),
        _money("nmw_hours_counted", nullable=True),
        _money("nmw_pay_counted", nullable=True),
        _money("nmw_required", nullable=True),
        _money("nmw_shortfall", nullable=True),
        _money("nmw_earlier_arrears", nullable=True),
        sa.Column("nmw_note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("finalised_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["corrects_id"], ["payrun.id"], name=op.f("fk_payrun_corrects_id_payrun"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["pa_id"], ["pa.id"], name=op.f("fk_payrun_pa_id_pa"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payrun")),
    )
    with op.batch_alter_table("payrun", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payrun_pa_id"), ["pa_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payrun_period_end"), ["period_end"], unique=False)

    op.create_table(
        "payrunline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pay_run_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        _money("hours", nullable=True),
        _money("rate", nullable=True),
        _money("amount", nullable=False),
        sa.Column("basis", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("shift_keys", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        _money("counts_for_minimum_wage", nullable=False),
        sa.Column("added_by_user", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["pay_run_id"], ["payrun.id"], name=op.f("fk_payrunline_pay_run_id_payrun"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payrunline")),
    )
    with op.batch_alter_table("payrunline", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payrunline_pay_run_id"), ["pay_run_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("payrunline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payrunline_pay_run_id"))
    op.drop_table("payrunline")
    with op.batch_alter_table("payrun", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payrun_period_end"))
        batch_op.drop_index(batch_op.f("ix_payrun_pa_id"))
    op.drop_table("payrun")
    with op.batch_alter_table("contractterms", schema=None) as batch_op:
        batch_op.drop_column("accommodation_charge_per_day")
        batch_op.drop_column("accommodation_provided")
        batch_op.drop_column("holiday_pay")
    with op.batch_alter_table("employer", schema=None) as batch_op:
        batch_op.drop_column("pay_week_anchor")
        batch_op.drop_column("pay_day")
        batch_op.drop_column("pay_months")
