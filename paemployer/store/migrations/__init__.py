"""Alembic migrations of the employer file (a package, so an install ships them)."""
