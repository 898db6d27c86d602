"""Stable, ASCII identifiers used in URLs and change files."""
from __future__ import annotations

import hashlib


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decision_slug(decision_no: str) -> str:
    """First 16 hex digits of SHA-256(decision_no): stable, ASCII, no data in the URL."""
    return sha256_hex(decision_no)[:16]


def agency_slug(code: str, name: str) -> str:
    """The subject's USCC lower-cased, or a- + 12 hex of SHA-256(name)."""
    if code and code.isalnum() and len(code) == 18:
        return code.lower()
    return "a-" + sha256_hex(name)[:12]
