"""The desk's expected errors: a leaf module, so every service can raise them without importing
the service that catches them."""

from __future__ import annotations


class DeskError(Exception):
    """An expected problem with a one-line message for a person."""
