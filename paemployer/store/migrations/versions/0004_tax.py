"""Tax, National Insurance, pensions and the HMRC year: each PA's tax code, NI letter, starter statement or P45,
loans and pension dates; the employer's HMRC route, payment method and pension rates; the tax working kept with
each pay run; and the payments made to HMRC.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 19:10:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import paemployer.store.types

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _money(name: str, *, nullable: bool, server_default: str | None = None) -> sa.Column:
    return sa.Column(name, paemployer.store.types.DecimalText(length=32), nullable=nullable,
                     server_default=server_default)


def _text(name: str, default: str) -> sa.Column:
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=default)


def _flag(name: str, default: bool) -> sa.Column:
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.true() if default else sa.false())


# Existing rows take the defaults the models give new ones; the server defaults go once they are filled.
_EMPLOYER_DEFAULTED = ("hmrc_route", "hmrc_payment_method", "hmrc_pays_quarterly", "small_employers_relief",
                       "pension_relief", "pension_employer_rate", "pension_employee_rate", "p60s_given_for")
_PA_DEFAULTED = ("tax_code", "tax_week1_month1", "ni_category", "starter_statement", "p45_tax_code",
                 "p45_week1_month1", "student_loan_plan", "postgraduate_loan")
_PAYRUN_DEFAULTED = ("tax_code", "tax_week1_month1", "ni_category", "student_loan", "postgraduate_loan",
                     "pension_status")


def upgrade() -> None:
    with op.batch_alter_table("employer", schema=None) as batch_op:
        batch_op.add_column(_text("hmrc_route", "basic_paye_tools"))
        batch_op.add_column(_text("hmrc_payment_method", "electronic"))
        batch_op.add_column(_flag("hmrc_pays_quarterly", False))
        batch_op.add_column(sa.Column("care_and_support_only", sa.Boolean(), nullable=True))
        batch_op.add_column(_flag("small_employers_relief", True))
        batch_op.add_column(_text("pension_relief", "relief_at_source"))
        batch_op.add_column(_money("pension_employer_rate", nullable=False, server_default="0.03"))
        batch_op.add_column(_money("pension_employee_rate", nullable=False, server_default="0.05"))
        batch_op.add_column(_text("p60s_given_for", ""))
    with op.batch_alter_table("employer", schema=None) as batch_op:
        for name in _EMPLOYER_DEFAULTED:
            batch_op.alter_column(name, server_default=None)

    with op.batch_alter_table("pa", schema=None) as batch_op:
        batch_op.add_column(_text("tax_code", ""))
        batch_op.add_column(_flag("tax_week1_month1", False))
        batch_op.add_column(_text("ni_category", "A"))
        batch_op.add_column(_text("starter_statement", ""))
        batch_op.add_column(sa.Column("p45_leaving_date", sa.Date(), nullable=True))
        batch_op.add_column(_text("p45_tax_code", ""))
        batch_op.add_column(_flag("p45_week1_month1", False))
        batch_op.add_column(_money("p45_pay_to_date", nullable=True))
        batch_op.add_column(_money("p45_tax_to_date", nullable=True))
        batch_op.add_column(_text("student_loan_plan", ""))
        batch_op.add_column(_flag("postgraduate_loan", False))
        batch_op.add_column(sa.Column("pension_enrolled_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("pension_opted_out_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("pension_postponed_until", sa.Date(), nullable=True))
    with op.batch_alter_table("pa", schema=None) as batch_op:
        for name in _PA_DEFAULTED:
            batch_op.alter_column(name, server_default=None)

    with op.batch_alter_table("payrun", schema=None) as batch_op:
        batch_op.add_column(_text("tax_code", ""))
        batch_op.add_column(_flag("tax_week1_month1", False))
        batch_op.add_column(_text("ni_category", ""))
        batch_op.add_column(sa.Column("tax_period", sa.Integer(), nullable=True))
        for name in ("taxable_pay", "taxable_pay_to_date", "tax_to_date", "ni_earnings_at_lel",
                     "ni_earnings_lel_to_pt", "ni_earnings_pt_to_uel", "ni_earnings_above_uel"):
            batch_op.add_column(_money(name, nullable=True))
        batch_op.add_column(_money("student_loan", nullable=False, server_default="0"))
        batch_op.add_column(_money("postgraduate_loan", nullable=False, server_default="0"))
        batch_op.add_column(_text("pension_status", ""))
        batch_op.add_column(_money("pension_qualifying_earnings", nullable=True))
        batch_op.add_column(sa.Column("fps_sent_on", sa.Date(), nullable=True))
    with op.batch_alter_table("payrun", schema=None) as batch_op:
        for name in _PAYRUN_DEFAULTED:
            batch_op.alter_column(name, server_default=None)
    # Pay finalised before this version was reported however the employer reported it then: not asked for again.
    op.execute("UPDATE payrun SET fps_sent_on = pay_date WHERE status = 'finalised'")

    op.create_table(
        "hmrcpayment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tax_year", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("period_number", sa.Integer(), nullable=False),
        sa.Column("quarterly", sa.Boolean(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        _money("amount", nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hmrcpayment")),
    )
    with op.batch_alter_table("hmrcpayment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hmrcpayment_tax_year"), ["tax_year"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("hmrcpayment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hmrcpayment_tax_year"))
    op.drop_table("hmrcpayment")
    with op.batch_alter_table("payrun", schema=None) as batch_op:
        for name in ("fps_sent_on", "pension_qualifying_earnings", "pension_status", "postgraduate_loan",
                     "student_loan", "ni_earnings_above_uel", "ni_earnings_pt_to_uel", "ni_earnings_lel_to_pt",
                     "ni_earnings_at_lel", "tax_to_date", "taxable_pay_to_date", "taxable_pay", "tax_period",
                     "ni_category", "tax_week1_month1", "tax_code"):
            batch_op.drop_column(name)
    with op.batch_alter_table("pa", schema=None) as batch_op:
        for name in ("pension_postponed_until", "pension_opted_out_on", "pension_enrolled_on", "postgraduate_loan",
                     "student_loan_plan", "p45_tax_to_date", "p45_pay_to_date", "p45_week1_month1", "p45_tax_code",
                     "p45_leaving_date", "starter_statement", "ni_category", "tax_week1_month1", "tax_code"):
            batch_op.drop_column(name)
    with op.batch_alter_table("employer", schema=None) as batch_op:
        for name in ("p60s_given_for", "pension_employee_rate", "pension_employer_rate", "pension_relief",
                     "small_employers_relief", "care_and_support_only", "hmrc_pays_quarterly",
                     "hmrc_payment_method", "hmrc_route"):
            batch_op.drop_column(name)
