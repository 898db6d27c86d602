"""Background jobs (generators/background.py): the search index is made in a
child process while pages render; its files land in the site, and its
failure fails the build like any other, leaving the previous site as it was."""
from __future__ import annotations

import os

import pytest

from generators.background import Job, JobFailed
from tests.conftest import TINY, all_files, build_site


def write_two(text: str, out_dir):
    (out_dir / "sub").mkdir()
    (out_dir / "a.txt").write_text(text, encoding="utf-8")
    (out_dir / "sub" / "b.txt").write_text(str(os.getpid()), encoding="utf-8")


def fail(_text: str, _out_dir):
    raise ValueError("索引数据有误")


def test_a_job_runs_in_another_process_and_hands_over_its_files():
    job = Job("示例任务", write_two, "内容", prefix="x/")
    try:
        files = job.files()
        assert sorted(files) == ["x/a.txt", "x/sub/b.txt"]
        assert files["x/a.txt"].read_text(encoding="utf-8") == "内容"
        assert int(files["x/sub/b.txt"].read_text()) != os.getpid()
    finally:
        job.close()
    assert not os.path.exists(job.dir)


def test_a_failing_job_says_what_failed():
    job = Job("示例任务", fail, "内容")
    with pytest.raises(JobFailed, match="示例任务失败.*索引数据有误"):
        job.files()
    job.close()


def test_a_failing_search_job_fails_the_build_and_keeps_the_site(tmp_path, tiny_copy, monkeypatch):
    out = tmp_path / "site"
    assert build_site(tiny_copy, out).ok
    before = {p: p.read_bytes() for p in all_files(out)}
    assert any(p.parts[-3:-1] == ("search", "t") for p in before)
    from generators.search import section
    monkeypatch.setattr(section, "write_search_index", fail)
    result = build_site(tiny_copy, out)
    assert not result.ok and "生成搜索索引失败" in result.report["error"]
    assert {p: p.read_bytes() for p in all_files(out)} == before
    assert not [p for p in tmp_path.iterdir() if ".staging" in p.name]
    assert not list(tmp_path.rglob(".portal-job-*"))


def test_the_job_works_inside_the_output_and_leaves_nothing_there(tmp_path):
    out = tmp_path / "site"
    assert build_site(TINY, out).ok
    assert (out / "search" / "manifest.json").is_file()
    assert not list(tmp_path.rglob(".portal-job-*"))
