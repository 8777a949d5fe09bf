"""PA Employer: an offline HR office for people who employ personal assistants with a direct payment."""

__version__ = "0.1.0"
