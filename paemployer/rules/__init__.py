"""Statutory rules: pure functions over dates, Decimal and small frozen dataclasses.

No Qt, no database, no clock: every function that needs "today" takes it as a parameter.
Every figure comes from a dated table in resources/rates/ (see rates.py).
"""
