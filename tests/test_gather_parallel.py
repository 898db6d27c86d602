"""Decision rows validated in worker processes give exactly what one process gives."""
from __future__ import annotations

from generators.pipeline import decisions
from generators.pipeline.gather import gather
import pytest

from tests.conftest import FIXTURES, TINY, TINY_TODAY


@pytest.mark.parametrize("data", [TINY, FIXTURES / "hostile"])
def test_parallel_validation_gives_the_same_decisions_and_findings(monkeypatch, data):
    one = gather(data, TINY_TODAY)
    monkeypatch.setattr(decisions, "PARALLEL_MIN_ROWS", 0)
    monkeypatch.setattr(decisions, "TASK_ROWS", 3)
    many = gather(data, TINY_TODAY)
    assert len(one.decisions) >= 5
    assert many.decisions == one.decisions
    assert many.findings.items == one.findings.items
    assert [o.status for o in many.outcomes] == [o.status for o in one.outcomes]
    if data != TINY:
        assert {f.rule for f in one.findings.items} >= {"duplicate_identical", "duplicate_conflict"}
