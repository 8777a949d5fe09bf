"""The HMRC page: what to pay HMRC and when, what to report for each payment, and the P60s at the year's end.

Top to bottom, in tab order: which way you report to HMRC and what to do (in words), the tax year (only the years
this version has HMRC's figures for, with a note when today's is not one of them), its months (or
quarters) with the tax, National Insurance, Employment Allowance used, amount due, due date, paid and still to
pay; for the chosen month, the payments made to HMRC and the pay reported to HMRC (each payment's FPS figures,
or the paper return's boxes for the paper route); then the P60s. The app never sends anything to HMRC: it
prepares the figures each route needs. Every figure and change goes through services.tax.
"""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from paemployer.errors import PAEmployerError, RatesError
from paemployer.i18n import N_, _, format_date, format_money, ngettext
from paemployer.services import records
from paemployer.services.tax import hmrc
from paemployer.ui.models import Column, RowsTableModel
from paemployer.ui.operations import EMPLOYER, HMRC, PA, PAY
from paemployer.ui.page_base import Page
from paemployer.ui.pay.flow import FlowLayout
from paemployer.ui.tax.dialogs import FiguresDialog, PaymentDialog
from paemployer.ui.widgets import RecordTable, button, confirm, scaled

# The tax years offered: this one, and the ones before it the app has rates for (it cannot work out earlier), each
# only if this version of the app has HMRC's figures for it.
FIRST_TAX_YEAR = "2024-25"


def _wrapped(text: str = "", *, focusable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if focusable:
        # Reachable with Tab, so a screen reader reads it as a person moves through the page.
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                      | Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return label


def _labelled(text: str, field: QWidget) -> QWidget:
    holder = QWidget()
    row = FlowLayout(holder, spacing=6)
    label = QLabel(text)
    label.setBuddy(field)
    row.add(label, field)
    return holder


def _at_least_rows(table: RecordTable, rows: int, *, at_most: int | None = None) -> None:
    """Tall enough for a header and `rows` rows at the person's text size; no taller than `at_most` rows (the
    table scrolls), so a short list does not push what follows out of sight."""
    def height(count: int) -> int:
        return (table.horizontalHeader().sizeHint().height() + count * table.verticalHeader().defaultSectionSize()
                + 2 * table.frameWidth())
    table.setMinimumHeight(height(rows))
    if at_most is not None:
        table.setMaximumHeight(height(at_most))


def money(value) -> str:
    return format_money(value) if value is not None else ""


def year_label(code: str) -> str:
    """'2026-27' as people write it: '2026 to 2027'."""
    start = int(code[:4])
    return _("{start} to {end}").format(start=start, end=start + 1)


def period_name(period: Any) -> str:
    """'Month 8 (6 Nov to 5 Dec)' or 'Quarter 3 (6 Oct to 5 Jan)'."""
    span = _("{start} to {end}").format(start=format_date(period.start, format="d MMM"),
                                         end=format_date(period.end, format="d MMM"))
    if period.quarterly:
        return _("Quarter {number} ({span})").format(number=period.number, span=span)
    return _("Month {number} ({span})").format(number=period.number, span=span)


def ni_total(summary: Any) -> Any:
    return summary.employee_ni + summary.employer_ni


class HmrcPage(Page):
    name = "tax"
    title = N_("HMRC")
    shows = frozenset({PAY, EMPLOYER, PA, HMRC})

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.tax_year: str | None = None
        self.year: Any = None
        self.employer: Any = None
        self.payments_to_report: list[Any] = []
        self.progress: QProgressDialog | None = None  # while the P60s are made
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(8)
        self.page_heading(_("HMRC"), outer,
                          _("What to pay HMRC and when, what to report for each payment to a PA, and the P60s at "
                            "the end of the tax year. The app does not send anything to HMRC: it gives you the "
                            "figures to send."))
        column = self.scrolling_body(outer)

        # ----- which route, in words
        self.route_words = _wrapped(focusable=True)
        self.route_words.setObjectName("routeWords")
        self.route_words.setAccessibleName(_("How you report to HMRC and what to do"))
        column.addWidget(self.route_words)

        # ----- the tax year and its months
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("taxYearCombo")
        self.year_combo.setAccessibleName(_("Tax year"))
        self.year_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year_combo.activated.connect(lambda index: self.choose_year(self.year_combo.itemData(index)))
        column.addWidget(_labelled(_("Tax &year:"), self.year_combo))
        self.missing_year_words = _wrapped(focusable=True)  # shown only when this year's figures are missing
        self.missing_year_words.setObjectName("missingYearWords")
        self.missing_year_words.setAccessibleName(_("A tax year not in this version"))
        self.missing_year_words.hide()
        column.addWidget(self.missing_year_words)
        self.year_words = _wrapped()
        self.year_words.setObjectName("yearWords")
        scaled(self.year_words, 1.0, bold=True)
        column.addWidget(self.year_words)
        self.periods_label = QLabel(_("&Months of the tax year:"))
        self.period_model: RowsTableModel[Any] = RowsTableModel([
            Column(_("Period"), lambda s: period_name(s.period)),
            Column(_("Tax"), lambda s: money(s.tax + s.student_loans), align_right=True,
                   tooltip=lambda s: _("Income tax {tax}, student and postgraduate loans {loans}").format(
                       tax=money(s.tax), loans=money(s.student_loans))),
            Column(_("National Insurance"), lambda s: money(ni_total(s)), align_right=True,
                   tooltip=lambda s: _("The PAs' {employee} and yours {employer}").format(
                       employee=money(s.employee_ni), employer=money(s.employer_ni))),
            Column(_("Employment Allowance"), lambda s: money(s.employment_allowance_used), align_right=True),
            Column(_("Amount due"), lambda s: money(s.amount_due), align_right=True),
            Column(_("Due by"), lambda s: format_date(s.due_date)),
            Column(_("Paid"), lambda s: money(s.paid), align_right=True),
            Column(_("Still to pay"), lambda s: money(s.outstanding), align_right=True),
        ])
        # Every column fits its words (the table scrolls sideways at large text rather than cutting the period off).
        self.period_table = RecordTable(self.period_model, _("Months of the tax year"))
        self.period_table.setObjectName("periodTable")
        _at_least_rows(self.period_table, 12, at_most=12)
        self.periods_label.setBuddy(self.period_table)
        column.addWidget(self.periods_label)
        column.addWidget(self.period_table)
        self.period_words = _wrapped(focusable=True)
        self.period_words.setObjectName("periodWords")
        self.period_words.setAccessibleName(_("The chosen month in words"))
        column.addWidget(self.period_words)

        # ----- payments made to HMRC for the chosen period
        self.payments_label = QLabel(_("Pa&yments you made to HMRC for this month:"))
        self.payment_model: RowsTableModel[Any] = RowsTableModel([
            Column(_("Paid on"), lambda p: format_date(p.paid_on)),
            Column(_("Amount"), lambda p: money(p.amount), align_right=True),
            Column(_("Notes"), lambda p: p.notes),
        ])
        self.payment_table = RecordTable(self.payment_model, _("Payments made to HMRC"), stretch_column=2)
        self.payment_table.setObjectName("paymentTable")
        _at_least_rows(self.payment_table, 2, at_most=3)
        self.payments_label.setBuddy(self.payment_table)
        column.addWidget(self.payments_label)
        column.addWidget(self.payment_table)
        self.record_button = button(_("&Record a payment…"), self.record_payment)
        self.record_button.setToolTip(_("You have paid HMRC: record the day and the amount"))
        self.delete_button = button(_("&Delete payment…"), self.delete_payment)
        self.paper_button = button(_("Paper return &figures…"), self.show_paper_return)
        self.paper_button.setToolTip(_("The figures for HMRC's paper forms, box by box, for this quarter"))
        payment_buttons = FlowLayout()
        payment_buttons.add(self.record_button, self.delete_button, self.paper_button)
        column.addLayout(payment_buttons)

        # ----- the pay reported for the chosen period
        self.runs_label = QLabel(_("Pay to &report to HMRC in this month (finalised pay):"))
        self.run_model: RowsTableModel[Any] = RowsTableModel([
            Column(_("PA"), lambda r: r.pa_name),
            Column(_("Paid on"), lambda r: format_date(r.pay_date)),
            Column(_("For the period"), lambda r: _("{start} to {end}").format(
                start=format_date(r.period_start), end=format_date(r.period_end))),
            Column(_("Reported to HMRC"), self.reported_words),
        ])
        self.run_table = RecordTable(self.run_model, _("Pay to report to HMRC"), stretch_column=0)
        self.run_table.setObjectName("reportTable")
        _at_least_rows(self.run_table, 3, at_most=6)
        self.run_table.activated_row.connect(lambda row: self.show_fps())
        self.runs_label.setBuddy(self.run_table)
        column.addWidget(self.runs_label)
        column.addWidget(self.run_table)
        self.fps_button = button(_("Figures to re&port (FPS)…"), self.show_fps)
        self.fps_button.setToolTip(_("This payment's figures in the order Basic PAYE Tools asks for them (Enter)"))
        run_buttons = FlowLayout()
        run_buttons.add(self.fps_button)
        column.addLayout(run_buttons)

        # ----- the year's end
        self.year_end_words = _wrapped()
        self.year_end_words.setObjectName("yearEndWords")
        column.addWidget(self.year_end_words)
        self.p60_button = button(_("Make P&60s…"), self.make_p60s)
        self.p60_button.setToolTip(_("A P60 for each PA paid in this tax year, as PDFs in a folder you choose"))
        end_buttons = FlowLayout()
        end_buttons.add(self.p60_button)
        column.addLayout(end_buttons)
        column.addStretch(1)

        self.period_table.selectionModel().currentRowChanged.connect(lambda *args: self._show_period())
        self.payment_table.selectionModel().currentRowChanged.connect(lambda *args: self._update_buttons())
        self.run_table.selectionModel().currentRowChanged.connect(lambda *args: self._update_buttons())
        order = [self.route_words, self.year_combo, self.missing_year_words, self.period_table, self.period_words,
                 self.payment_table, self.record_button, self.delete_button, self.paper_button, self.run_table,
                 self.fps_button, self.p60_button]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        self.tab_order = order
        self._update_buttons()

    # ----- what is chosen
    def current_period(self) -> Any | None:
        return self.period_model.row_at(self.period_table.current_row())

    def current_payment(self) -> Any | None:
        return self.payment_model.row_at(self.payment_table.current_row())

    def current_run(self) -> Any | None:
        return self.run_model.row_at(self.run_table.current_row())

    def route(self) -> str:
        if self.year is not None:
            return self.year.route
        return getattr(self.employer, "hmrc_route", "basic_paye_tools") or "basic_paye_tools"

    # ----- loading
    def refresh(self) -> None:
        file, read = self.context.file, self.context.operations.read
        today = self.context.today()
        self.employer = read(lambda: records.get_employer(file), parent=self)
        current = tax_year_code_on(today)
        codes = [code for code in tax_years_offered(current) if self._has_figures(code, today)]
        self.year_combo.clear()
        for code in codes:
            self.year_combo.addItem(year_label(code), code)
        missing = bool(codes) and codes[0] != current
        self.missing_year_words.setText(
            _("HMRC's figures for the tax year {year} are not in this version of PA Employer yet, so the latest year "
              "it has them for is shown.").format(year=year_label(current)) if missing else "")
        self.missing_year_words.setAccessibleDescription(self.missing_year_words.text())
        self.missing_year_words.setVisible(missing)
        if self.tax_year not in codes:
            self.tax_year = codes[0] if codes else current
        self.choose_year(self.tax_year)

    def _has_figures(self, code: str, today: date) -> bool:
        """Whether the year can be shown: a year this version has no HMRC figures for is not offered. Any other
        problem (the file cannot be read) is left for choose_year to show."""
        try:
            hmrc.hmrc_year(self.context.file, code, today=today)
        except RatesError:
            return False
        except PAEmployerError:
            return True
        return True

    def choose_year(self, code: str | None) -> None:
        if not code:
            return
        keep = self.current_period()
        keep_number = keep.period.number if keep is not None and code == self.tax_year else None
        self.tax_year = code
        position = next((index for index in range(self.year_combo.count()) if self.year_combo.itemData(index) == code),
                        -1)
        self.year_combo.setCurrentIndex(position)
        file, today = self.context.file, self.context.today()
        self.year = self.context.operations.read(lambda: hmrc.hmrc_year(file, code, today=today), parent=self)
        self.payments_to_report = self.context.operations.read(lambda: hmrc.fps_payments(file, code), parent=self,
                                                               default=[]) or []
        periods = list(self.year.periods) if self.year is not None else []
        self.period_model.set_rows(periods)
        quarterly = bool(periods) and periods[0].period.quarterly
        self.periods_label.setText(_("&Quarters of the tax year:") if quarterly else _("&Months of the tax year:"))
        self.period_table.setAccessibleName(_("Quarters of the tax year") if quarterly
                                            else _("Months of the tax year"))
        self.route_words.setText(self.route_text(today))
        self.year_words.setText(self.year_text())
        self.year_end_words.setText(self.year_end_text())
        row = self.period_model.row_of(lambda s: s.period.number == keep_number) if keep_number else -1
        if row < 0:
            row = self.period_model.row_of(lambda s: s.period.start <= today <= s.period.end)
        self.period_table.select_row(max(row, 0))
        self._show_period()

    def _show_period(self) -> None:
        summary = self.current_period()
        quarterly = summary is not None and summary.period.quarterly
        if summary is None:
            self.payment_model.set_rows([])
            self.run_model.set_rows([])
            self.period_words.setText(_("No tax year chosen."))
        else:
            period = summary.period
            self.payment_model.set_rows(list(summary.payments))
            self.run_model.set_rows([payment for payment in self.payments_to_report
                                     if period.start <= payment.pay_date <= period.end])
            self.period_words.setText(self.period_text(summary))
        self.period_words.setAccessibleDescription(self.period_words.text())
        what = _("quarter") if quarterly else _("month")
        self.payments_label.setText(_("Pa&yments you made to HMRC for this {what}:").format(what=what))
        self.runs_label.setText(_("Pay to &report to HMRC in this {what} (finalised pay):").format(what=what))
        if self.payment_model.rowCount():
            self.payment_table.select_row(0)
        if self.run_model.rowCount():
            self.run_table.select_row(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        route = self.route()
        summary = self.current_period()
        self.record_button.setEnabled(summary is not None)
        self.delete_button.setEnabled(self.current_payment() is not None)
        self.paper_button.setVisible(route == "paper")
        self.paper_button.setEnabled(summary is not None)
        online = route != "paper"
        self.fps_button.setVisible(online)
        self.run_table.setVisible(True)
        run = self.current_run()
        self.fps_button.setEnabled(run is not None and not run.from_payroll_service)
        self.p60_button.setEnabled(self.year is not None and any(s.runs for s in self.year.periods))

    # ----- words
    def route_text(self, today: date) -> str:
        employer = self.employer
        method = getattr(employer, "hmrc_payment_method", "electronic")
        pay_words = (_("Pay HMRC by cheque so it arrives by the due date shown (earlier than for electronic "
                       "payments).") if method == "cheque" else
                     _("Pay HMRC electronically by the due date shown (if it falls on a weekend or bank holiday, "
                       "pay by the working day before)."))
        route = self.route()
        if route == "paper":
            text = _("You report on paper: HMRC agreed that, as an employer of care and support workers, you need "
                     "not report online. Each quarter, copy the figures of “Paper return figures” onto HMRC's "
                     "form, and send it with your payment.")
        elif route == "payroll_service":
            text = _("Your payroll service reports each payment to HMRC for you. Their figures are used here: "
                     "import their payslips on the Pay page. Check that what you pay HMRC matches what they tell "
                     "you.")
        else:
            text = _("You report each payment to a PA yourself, online, with HMRC's Basic PAYE Tools, on or before "
                     "the day you pay them: open “Figures to report (FPS)” for each payment below, type them in, "
                     "send, then press “Mark as sent”.")
        return text + " " + pay_words

    def year_text(self) -> str:
        year = self.year
        if year is None:
            return ""
        totals = year.totals
        text = _("Tax year {year}: {due} due to HMRC so far, {paid} paid, {outstanding} still to pay.").format(
            year=year_label(self.tax_year), due=money(totals.amount_due), paid=money(totals.paid),
            outstanding=money(totals.outstanding))
        if year.employment_allowance:
            text += " " + _("Employment Allowance for the year: {amount}, {used} used.").format(
                amount=money(year.employment_allowance), used=money(totals.employment_allowance_used))
        return "\n".join([text, *year.notes])

    def period_text(self, summary: Any) -> str:
        period = summary.period
        name = period_name(period)
        if not summary.runs:
            return _("{period}: no finalised pay, so nothing is due to HMRC.").format(period=name)
        parts = [_("{period}: income tax {tax}, student and postgraduate loans {loans}, the PAs' National "
                   "Insurance {employee_ni} and yours {employer_ni}.").format(
            period=name, tax=money(summary.tax), loans=money(summary.student_loans),
            employee_ni=money(summary.employee_ni), employer_ni=money(summary.employer_ni))]
        if summary.employment_allowance_used:
            parts.append(_("Employment Allowance takes off {amount}.").format(
                amount=money(summary.employment_allowance_used)))
        if summary.statutory_pay_recovered:
            parts.append(_("Statutory pay you get back: {amount}.").format(
                amount=money(summary.statutory_pay_recovered)))
        parts.append(_("Pay HMRC {amount} by {day}; paid {paid}, still to pay {outstanding}.").format(
            amount=money(summary.amount_due), day=format_date(summary.due_date, format="long"),
            paid=money(summary.paid), outstanding=money(summary.outstanding)))
        return " ".join(parts)

    def year_end_text(self) -> str:
        given = getattr(self.employer, "p60s_given_for", "")
        text = _("At the end of the tax year, give each PA paid in it a P60 by 31 May.")
        if given:
            text += " " + _("P60s were last given for {year}.").format(year=year_label(given))
        return text

    def reported_words(self, run: Any) -> str:
        if self.route() == "paper":
            return _("On the quarter's paper return")
        if run.from_payroll_service:
            return _("By your payroll service")
        if run.fps_sent_on:
            return _("Sent {day}").format(day=format_date(run.fps_sent_on))
        return _("Not yet")

    # ----- payments to HMRC
    def record_payment(self) -> bool:
        summary = self.current_period()
        if summary is None:
            return False
        file, code, number, today = self.context.file, self.tax_year, summary.period.number, self.context.today()

        def save(values: dict[str, Any]):
            return hmrc.record_hmrc_payment(file, code, number, paid_on=values["paid_on"], amount=values["amount"],
                                           notes=values["notes"])

        dialog = PaymentDialog(self, title=_("Record a payment to HMRC"),
                               intro=_("For {period} of {year}. HMRC's payment reference is your Accounts Office "
                                       "reference with the year and month.").format(
                                   period=period_name(summary.period), year=year_label(code)),
                               today=today, amount=summary.outstanding if summary.outstanding > 0 else None,
                               save=save, operations=self.context.operations)
        self.payment_dialog = dialog
        accepted = bool(dialog.exec()) and dialog.outcome is not None and dialog.outcome.ok
        self.payment_dialog = None
        return accepted

    def delete_payment(self) -> bool:
        payment = self.current_payment()
        if payment is None:
            return False
        if not confirm(self, _("Delete the payment of {amount} made on {day}? Do this only if it was recorded by "
                               "mistake.").format(amount=money(payment.amount), day=format_date(payment.paid_on)),
                       _("Delete payment")):
            return False
        file = self.context.file
        return self.context.operations.run(lambda: hmrc.delete_hmrc_payment(file, payment.id), changes={HMRC},
                                           parent=self, done=_("Payment deleted.")).ok

    # ----- figures to report
    def show_fps(self) -> bool:
        run = self.current_run()
        if run is None or self.route() == "paper":
            return False
        file, today = self.context.file, self.context.today()
        rows = self.context.operations.read(lambda: hmrc.fps_figures(file, run.run_id), parent=self, default=None)
        if rows is None:
            return False

        def mark_sent() -> bool:
            return self.context.operations.run(lambda: hmrc.mark_fps_sent(file, run.run_id, today), changes={HMRC},
                                               parent=self, done=_("Marked as sent to HMRC.")).ok

        sent = (_("Marked as sent on {day}.").format(day=format_date(run.fps_sent_on, format="long"))
                if run.fps_sent_on else "")
        self.figures_dialog = FiguresDialog(
            self, title=_("Figures to report for {name}, paid on {day}").format(
                name=run.pa_name, day=format_date(run.pay_date, format="long")),
            intro=_("In Basic PAYE Tools, choose the PA, then “Payments”, and type these figures in this order. "
                    "Send it on or before the pay day, then press “Mark as sent”."),
            rows=rows, columns=(_("What Basic PAYE Tools asks"), _("Figure")),
            mark_sent=None if run.fps_sent_on else mark_sent, sent_words=sent)
        self.figures_dialog.exec()
        marked = self.figures_dialog.marked
        self.figures_dialog = None
        return marked

    def show_paper_return(self) -> bool:
        summary = self.current_period()
        if summary is None:
            return False
        quarter = summary.period.number if summary.period.quarterly else (summary.period.number - 1) // 3 + 1
        file, code = self.context.file, self.tax_year
        rows = self.context.operations.read(lambda: hmrc.paper_return_figures(file, code, quarter), parent=self,
                                            default=None)
        if rows is None:
            return False
        self.figures_dialog = FiguresDialog(
            self, title=_("Paper return for quarter {quarter} of {year}").format(quarter=quarter,
                                                                              year=year_label(code)),
            intro=_("Copy each figure onto HMRC's paper forms for this quarter: an RT2 for each PA paid in it, and "
                    "the RT5. Each is named as the form names it; send them with your payment."),
            rows=rows, columns=(_("Form and section"), _("What it is"), _("Figure")))
        self.figures_dialog.exec()
        self.figures_dialog = None
        return True

    # ----- P60s
    def _documents_folder(self) -> str:
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())

    def make_p60s(self, folder: Path | None = None) -> list[Path] | None:
        """A P60 for each PA paid in the year, one at a time with a progress bar (the window keeps answering)."""
        # Loaded here, not with the page: the P60 PDF (reportlab) is not needed to start the app.
        from paemployer.services.tax import documents as tax_documents
        from paemployer.services.tax import year_end

        code = self.tax_year
        if code is None:
            return None
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, _("Choose the folder for the P60s"),
                                                      self._documents_folder())
            if not chosen:
                return None
            folder = Path(chosen)
        file = self.context.file
        pas = self.context.operations.read(lambda: year_end.pas_for_p60(file, code), parent=self, default=[])
        if not pas:
            self.context.status(_("Nobody was paid in {year}: no P60s to make.").format(year=year_label(code)))
            return []
        there = [name for name in tax_documents.p60_file_names(pas, code) if (folder / name).exists()]
        if there and not confirm(self, ngettext("A P60 for this year is already in {folder}. Replace it?",
                                                "{count} P60s for this year are already in {folder}. Replace them?",
                                                len(there)).format(count=len(there), folder=folder),
                                 _("Replace the P60s?")):
            return None
        progress = QProgressDialog(_("Making the P60s…"), _("Stop"), 0, len(pas), self)
        progress.setWindowTitle(_("P60s"))
        progress.setAccessibleName(_("Making the P60s"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        self.progress = progress
        paths: list[Path] = []
        for done, (pa_id, name) in enumerate(pas):
            if progress.wasCanceled():
                break
            progress.setLabelText(_("Making the P60 for {name}…").format(name=name))
            progress.setValue(done)
            QApplication.processEvents()
            outcome = self.context.operations.run(
                lambda pa_id=pa_id: tax_documents.write_p60s(file, code, folder, pa_id=pa_id, force=bool(there)),
                changes={EMPLOYER}, parent=self)
            if not outcome.ok:
                break
            paths += list(outcome.value or [])
        progress.setValue(len(pas))
        self.progress = None
        progress.deleteLater()
        self.context.status(ngettext("Saved {count} P60 in {folder}.", "Saved {count} P60s in {folder}.",
                                     len(paths)).format(count=len(paths), folder=folder))
        if paths:
            self.offer_folder(folder, len(paths))
        return paths

    def offer_folder(self, folder: Path, count: int) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(_("P60s made"))
        box.setText(ngettext("Saved {count} P60 in {folder}. Print it or email it to the PA by 31 May.",
                             "Saved {count} P60s in {folder}. Print them or email them to the PAs by 31 May.",
                             count).format(count=count, folder=folder))
        open_button = box.addButton(_("&Open folder"), QMessageBox.ButtonRole.ActionRole)
        open_button.setAccessibleName(_("Open folder"))
        close = box.addButton(_("&Close"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(open_button)
        box.setEscapeButton(close)
        self.folder_box = box
        box.exec()
        self.folder_box = None
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        box.deleteLater()


def tax_year_code_on(day: date) -> str:
    """'2026-27' for a day from 6 April 2026 to 5 April 2027 (as rules/tax_year.tax_year_code, which the screens
    cannot import)."""
    start = day.year if (day.month, day.day) >= (4, 6) else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def tax_years_offered(current: str) -> list[str]:
    """This tax year first, then each one before it back to the first the app has rates for."""
    first, last = int(FIRST_TAX_YEAR[:4]), int(current[:4])
    return [f"{year}-{str(year + 1)[2:]}" for year in range(last, first - 1, -1)]
