"""Initial tables: every table of the first data model (employer, PAs, terms, cover, rota, absences, audit).

Revision ID: 0001
Revises: 
Create Date: 2026-11-24 21:54:24.237997

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel.sql.sqltypes.AutoString)
import paemployer.store.types  # noqa: F401  (DecimalText: money stored as exact text)


# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('auditentry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('who', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('table_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=True),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_auditentry'))
    )
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auditentry_at'), ['at'], unique=False)

    op.create_table('contingencystep',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scenario', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('step', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contingencystep'))
    )
    op.create_table('covercontact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('role', sa.Enum('BACKUP_PA', 'FAMILY', 'FRIEND', 'AGENCY', 'COUNCIL_OUT_OF_HOURS', 'OTHER', name='coverrole'), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('phone_other', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('available_when', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('can_help_with', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('last_confirmed', sa.Date(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_covercontact'))
    )
    with op.batch_alter_table('covercontact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_covercontact_priority'), ['priority'], unique=False)

    op.create_table('employer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('postcode', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('nation', sa.Enum('ENGLAND', 'WALES', 'SCOTLAND', 'NORTHERN_IRELAND', name='nation'), nullable=False),
    sa.Column('managed_by', sa.Enum('SELF', 'SUITABLE_PERSON', 'REPRESENTATIVE', 'SUPPORT_SERVICE', name='managedby'), nullable=False),
    sa.Column('manager_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('manager_contact', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('council', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('direct_payment_reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('paye_reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('accounts_office_reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('employment_allowance', sa.Boolean(), nullable=False),
    sa.Column('pension_scheme', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('pension_duties_start', sa.Date(), nullable=True),
    sa.Column('declaration_of_compliance_date', sa.Date(), nullable=True),
    sa.Column('el_insurer', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('el_policy_number', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('el_expiry', sa.Date(), nullable=True),
    sa.Column('holiday_year_start', sa.Date(), nullable=False),
    sa.Column('default_pay_frequency', sa.Enum('WEEKLY', 'FORTNIGHTLY', 'FOUR_WEEKLY', 'MONTHLY', name='payfrequency'), nullable=False),
    sa.Column('locale', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('stand_in_essentials', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('setup_completed', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employer'))
    )
    op.create_table('pa',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('first_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('last_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('known_as', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('ni_number', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('emergency_contact_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('emergency_contact_phone', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('leaving_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('is_family', sa.Boolean(), nullable=False),
    sa.Column('family_relationship', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('same_household', sa.Boolean(), nullable=False),
    sa.Column('council_approved_family', sa.Date(), nullable=True),
    sa.Column('right_to_work_checked_on', sa.Date(), nullable=True),
    sa.Column('right_to_work_document', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('right_to_work_follow_up', sa.Date(), nullable=True),
    sa.Column('background_check_kind', sa.Enum('DBS_BASIC', 'DBS_STANDARD', 'DBS_ENHANCED', 'DBS_ENHANCED_BARRED', 'PVG', 'ACCESSNI', name='backgroundcheckkind'), nullable=True),
    sa.Column('background_check_date', sa.Date(), nullable=True),
    sa.Column('background_check_reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('background_check_declined', sa.Boolean(), nullable=False),
    sa.Column('background_check_decision_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('background_check_decision_date', sa.Date(), nullable=True),
    sa.Column('bank_account_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('bank_sort_code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('bank_account_number', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('apprentice', sa.Boolean(), nullable=False),
    sa.Column('apprentice_since', sa.Date(), nullable=True),
    sa.Column('pension_status', sa.Enum('NOT_ASSESSED', 'ENROLLED', 'OPTED_OUT', 'OPTED_IN', 'NOT_ELIGIBLE', 'POSTPONED', name='pensionstatus'), nullable=False),
    sa.Column('pension_assessed_on', sa.Date(), nullable=True),
    sa.Column('wtr_opt_out', sa.Boolean(), nullable=False),
    sa.Column('wtr_opt_out_date', sa.Date(), nullable=True),
    sa.Column('other_employer_hours_per_week', paemployer.store.types.DecimalText(length=32), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pa'))
    )
    op.create_table('riskdecision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('fact', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decision', sa.Enum('ACCEPTED', 'SCHEDULED', name='decisionkind'), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.Column('review_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_riskdecision'))
    )
    with op.batch_alter_table('riskdecision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_riskdecision_code'), ['code'], unique=False)

    op.create_table('supportneed',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('start', sa.Time(), nullable=False),
    sa.Column('end', sa.Time(), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('DAY', 'WAKING_NIGHT', 'SLEEP_IN', 'ON_CALL', name='shiftkind'), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supportneed'))
    )
    op.create_table('contractterms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('job_title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('place_of_work', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('hours_type', sa.Enum('FIXED', 'IRREGULAR', 'ZERO_HOURS', name='hourstype'), nullable=False),
    sa.Column('hours_per_week', paemployer.store.types.DecimalText(length=32), nullable=True),
    sa.Column('days_per_week', paemployer.store.types.DecimalText(length=32), nullable=True),
    sa.Column('standard_rate', paemployer.store.types.DecimalText(length=32), nullable=False),
    sa.Column('waking_night_rate', paemployer.store.types.DecimalText(length=32), nullable=True),
    sa.Column('sleep_in_allowance', paemployer.store.types.DecimalText(length=32), nullable=True),
    sa.Column('bank_holiday_rate', paemployer.store.types.DecimalText(length=32), nullable=True),
    sa.Column('weekend_rate', paemployer.store.types.DecimalText(length=32), nullable=True),
    sa.Column('pay_frequency', sa.Enum('WEEKLY', 'FORTNIGHTLY', 'FOUR_WEEKLY', 'MONTHLY', name='payfrequency'), nullable=False),
    sa.Column('holiday_basis', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('notice_weeks', sa.Integer(), nullable=True),
    sa.Column('probation_end', sa.Date(), nullable=True),
    sa.Column('sick_pay', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('pension', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['pa_id'], ['pa.id'], name=op.f('fk_contractterms_pa_id_pa'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contractterms')),
    sa.UniqueConstraint('pa_id', 'effective_from', name=op.f('uq_contractterms_pa_id'))
    )
    with op.batch_alter_table('contractterms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contractterms_pa_id'), ['pa_id'], unique=False)

    op.create_table('reference',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=False),
    sa.Column('referee_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('referee_contact', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['pa_id'], ['pa.id'], name=op.f('fk_reference_pa_id_pa'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference'))
    )
    with op.batch_alter_table('reference', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reference_pa_id'), ['pa_id'], unique=False)

    op.create_table('shiftpattern',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=True),
    sa.Column('rrule', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('first_start', sa.DateTime(), nullable=False),
    sa.Column('first_end', sa.DateTime(), nullable=False),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('kind', sa.Enum('DAY', 'WAKING_NIGHT', 'SLEEP_IN', 'ON_CALL', name='shiftkind'), nullable=False),
    sa.Column('break_minutes', sa.Integer(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['pa_id'], ['pa.id'], name=op.f('fk_shiftpattern_pa_id_pa'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shiftpattern'))
    )
    with op.batch_alter_table('shiftpattern', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shiftpattern_pa_id'), ['pa_id'], unique=False)

    op.create_table('training',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=False),
    sa.Column('course', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['pa_id'], ['pa.id'], name=op.f('fk_training_pa_id_pa'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training'))
    )
    with op.batch_alter_table('training', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_pa_id'), ['pa_id'], unique=False)

    op.create_table('shift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=True),
    sa.Column('start', sa.DateTime(), nullable=False),
    sa.Column('end', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.Enum('DAY', 'WAKING_NIGHT', 'SLEEP_IN', 'ON_CALL', name='shiftkind'), nullable=False),
    sa.Column('break_minutes', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('PLANNED', 'WORKED', 'CANCELLED', 'ABSENT', 'COVERED', name='shiftstatus'), nullable=False),
    sa.Column('pattern_id', sa.Integer(), nullable=True),
    sa.Column('occurrence_start', sa.DateTime(), nullable=True),
    sa.Column('woken_minutes', sa.Integer(), nullable=False),
    sa.Column('cover_for_shift_id', sa.Integer(), nullable=True),
    sa.Column('cover_contact_id', sa.Integer(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['cover_contact_id'], ['covercontact.id'], name=op.f('fk_shift_cover_contact_id_covercontact'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['cover_for_shift_id'], ['shift.id'], name=op.f('fk_shift_cover_for_shift_id_shift'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pa_id'], ['pa.id'], name=op.f('fk_shift_pa_id_pa'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pattern_id'], ['shiftpattern.id'], name=op.f('fk_shift_pattern_id_shiftpattern'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shift'))
    )
    with op.batch_alter_table('shift', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shift_pa_id'), ['pa_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shift_pattern_id'), ['pattern_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shift_start'), ['start'], unique=False)

    op.create_table('absence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pa_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('ANNUAL_LEAVE', 'SICKNESS', 'MATERNITY', 'PATERNITY', 'ADOPTION', 'SHARED_PARENTAL', 'CARERS', 'UNPAID', 'NO_SHOW', 'OTHER', name='absencekind'), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('hours', paemployer.store.types.DecimalText(length=32), nullable=True),
    sa.Column('days', paemployer.store.types.DecimalText(length=32), nullable=True),
    sa.Column('evidence', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['pa_id'], ['pa.id'], name=op.f('fk_absence_pa_id_pa'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shift_id'], ['shift.id'], name=op.f('fk_absence_shift_id_shift'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_absence'))
    )
    with op.batch_alter_table('absence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_absence_pa_id'), ['pa_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('absence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_absence_pa_id'))

    op.drop_table('absence')
    with op.batch_alter_table('shift', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shift_start'))
        batch_op.drop_index(batch_op.f('ix_shift_pattern_id'))
        batch_op.drop_index(batch_op.f('ix_shift_pa_id'))

    op.drop_table('shift')
    with op.batch_alter_table('training', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_pa_id'))

    op.drop_table('training')
    with op.batch_alter_table('shiftpattern', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shiftpattern_pa_id'))

    op.drop_table('shiftpattern')
    with op.batch_alter_table('reference', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reference_pa_id'))

    op.drop_table('reference')
    with op.batch_alter_table('contractterms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contractterms_pa_id'))

    op.drop_table('contractterms')
    op.drop_table('supportneed')
    with op.batch_alter_table('riskdecision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_riskdecision_code'))

    op.drop_table('riskdecision')
    op.drop_table('pa')
    op.drop_table('employer')
    with op.batch_alter_table('covercontact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_covercontact_priority'))

    op.drop_table('covercontact')
    op.drop_table('contingencystep')
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auditentry_at'))

    op.drop_table('auditentry')
