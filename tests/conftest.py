"""Shared fixtures: the tiny real data set under tests/fixtures/tiny and a
site built from it once per test session."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TINY = FIXTURES / "tiny"
TINY_TODAY = dt.date(2026, 11, 20)


def build_site(data: Path, out: Path, today: dt.date = TINY_TODAY, **kwargs):
    from generators.build import build

    report = out.parent / (out.name + "-report.json")
    result = build(data, out, today=today, report_path=report, quiet=True, **kwargs)
    return result


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory):
    """(output dir, BuildResult) of the tiny fixture site."""
    out = tmp_path_factory.mktemp("tiny") / "site"
    result = build_site(TINY, out)
    assert result.ok, result.report
    return out, result


@pytest.fixture
def tiny_copy(tmp_path):
    """A writable copy of the tiny data directory."""
    dst = tmp_path / "data"
    shutil.copytree(TINY, dst)
    return dst


def all_files(root: Path):
    return sorted(p for p in root.rglob("*") if p.is_file())


# Site-wide fixtures shared by every test module: the sample site, the
# tiny/sample parametrisation, and the browser infrastructure (see
# tests/sites.py and tests/browser/support.py).
from tests.sites import demo_site, sample_site  # noqa: E402,F401
from tests.browser.support import browser, page, sample_url, served_site, tiny_url  # noqa: E402,F401
