"""Codes the public keeps to look up what they sent."""

import secrets

from django.utils import timezone

# No 0/O or 1/I/L: codes are read aloud on the phone and typed from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_tracking_code(prefix, length=6):
    """Return a code like ``LY20261203-7KQ2ZP``: kind, date and random part."""
    random_part = "".join(secrets.choice(ALPHABET) for _ in range(length))
    return f"{prefix}{timezone.localdate():%Y%m%d}-{random_part}"


def new_secret(length=8):
    """Return a lookup secret shown once to the sender."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(code):
    return (code or "").strip().upper()
