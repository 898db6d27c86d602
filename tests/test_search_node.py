"""Runs the Node tests of the browser search (tests/js/) under pytest."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_node_search_tests():
    env = {**os.environ, "PORTAL_PYTHON": os.environ.get("PORTAL_PYTHON", sys.executable)}
    proc = subprocess.run(["node", "--test", "tests/js/"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-3000:]
