"""Operations (issue 6): releases, atomic switch, incremental rebuilds, change
files, the trigger and packages. Real builds of tests/fixtures/tiny, copied
into temporary directories; concurrency and kill -9 with real processes."""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import re
import signal
import subprocess
import sys
import tarfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generators.ops import links
from generators.ops.rebuild import EXIT_BUSY, PAUSE_ENV, Request, rebuild
from generators.ops.root import Root
from generators.pipeline.audit import Auditor
from generators.pipeline.ids import decision_slug, sha256_hex
from tests.conftest import ROOT as REPO, all_files

TODAY = "2026-11-20"
WITHDRAWN_NOW = "津示市监罚〔2026〕1号"      # published in the fixture; withdrawn by the tests
UNDISCLOSED_NOW = "津示市监罚〔2026〕2号"    # published in the fixture; set to 是否公开=否 by the tests
UNTOUCHED_PAGE = f"decisions/{decision_slug('津示市监罚〔2026〕5号')}/index.html"


def run_rebuild(data: Path, root: Path, today: str = TODAY, **kw) -> int:
    req = Request(data=str(data), today=today, trigger=kw.pop("trigger", "test"), **kw)
    return rebuild(root, req, quiet=True, report_path=root.parent / "report.json")


def portal(*args, env=None, **kw) -> subprocess.Popen:
    e = dict(os.environ, **(env or {}))
    e["PYTHONPATH"] = str(REPO)
    return subprocess.Popen([sys.executable, "-m", "generators.cli", *map(str, args)], cwd=REPO, env=e,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def wait_until(predicate, timeout=60.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def current_target(root: Path) -> str:
    return os.readlink(root / "current")


def log_entries(root: Path) -> list[dict]:
    return [json.loads(line) for line in (root / "audit.log").read_text(encoding="utf-8").splitlines()]


def edit_decision(data: Path, number: str, field: str, value: str) -> None:
    path = data / "decisions" / "utf8_chinese.csv"
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    col = rows[0].index(field)
    for r in rows[1:]:
        if r[0] == number:
            r[col] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def withdraw(data: Path, number: str, reason="经行政复议，予以撤销。", day="2026-11-20") -> None:
    with (data / "withdrawals.csv").open("a", encoding="utf-8") as f:
        f.write(f"{number},撤销,{day},{reason},\n")


def texts(site: Path):
    for p in all_files(site):
        yield p, p.read_text(encoding="utf-8", errors="replace")


# -- units ---------------------------------------------------------------------

def test_full_sha256_of_a_removed_number_passes_the_removal_scan():
    number = "津示市监罚〔2026〕6号"
    digest, slug = sha256_hex(number), decision_slug(number)
    assert digest.startswith(slug)
    auditor = Auditor(removed={number, slug})
    assert auditor.scan_text("changes/x.json", json.dumps({"removed": [{"sha256": digest}]})) == []
    assert [f.kind for f in auditor.scan_text("a.html", f'<a href="decisions/{slug}/">')] == ["removed_decision"]
    assert [f.kind for f in auditor.scan_text("a.json", json.dumps(number, ensure_ascii=False))] == ["removed_decision"]
    # a number followed by running Chinese text is still that number
    assert [f.kind for f in auditor.scan_text("a.html", f"与{number}系同一当事人")] == ["removed_decision"]
    assert Auditor(removed={"JC-2026-13"}).scan_text("a.html", "JC-2026-131 JC-2026-13号") != []
    assert Auditor(removed={"JC-2026-13"}).scan_text("a.html", "JC-2026-131") == []


def test_link_resolution():
    files = {"index.html", "a/index.html", "a/b/index.html", "theme/x.css", "404.html"}
    ok = lambda link, page="a/b/index.html", site=None: links.resolve(link, page, site)  # noqa: E731
    assert ok("../../") == "" and links.exists("", files)
    assert ok("../") == "a/" and links.exists("a/", files)
    assert ok("../../theme/x.css?v=1#top") == "theme/x.css"
    assert ok("../../../etc/passwd") == links.OUTSIDE
    assert ok("https://elsewhere.example/") is None and ok("mailto:a@b.c") is None and ok("#main") is None
    assert ok("/a/b/", site="https://zfgs.example.gov.cn") == "a/b/"
    assert ok("https://zfgs.example.gov.cn/sub/a/", site="https://zfgs.example.gov.cn/sub") == "a/"
    assert ok("https://zfgs.example.gov.cn/other/", site="https://zfgs.example.gov.cn/sub") is None
    page = '<a href="../">up</a><img src="../../missing.png"><a href=\'../../theme/x.css\'>'
    found = links.check_page("a/b/index.html", page, files, None)
    assert [(f.kind, f.detail) for f in found] == [("broken_link", "../../missing.png")]


# -- rebuild, change files, incremental, rollback ------------------------------

def test_rebuild_withdrawal_change_files_incremental_and_rollback(tiny_copy, tmp_path):
    root = tmp_path / "root"
    assert run_rebuild(tiny_copy, root) == 0
    first = current_target(root)
    assert first.startswith("releases/20261120T000000-0001-")
    site = root / "current"
    index = json.loads((site / "index.json").read_text(encoding="utf-8"))
    rid1 = Path(first).name
    assert index["last_change"] == {"release": rid1, "previous": None, "date": TODAY,
                                    "url": f"changes/{rid1}.json", "index": "changes/index.json"}
    change1 = json.loads((site / "changes" / f"{rid1}.json").read_text(encoding="utf-8"))
    assert change1["complete"] is False and change1["full_snapshot"] == "opendata/decisions.json"
    assert not any(p.name.startswith(".") for p in site.rglob("*")), "nothing private in the web root"
    before = (site / UNTOUCHED_PAGE).stat()

    # nothing changed: the current release stays
    assert run_rebuild(tiny_copy, root) == 0
    assert current_target(root) == first
    assert log_entries(root)[-1]["result"] == "unchanged"

    # a court revokes one decision; another is set to 否
    withdraw(tiny_copy, WITHDRAWN_NOW)
    edit_decision(tiny_copy, UNDISCLOSED_NOW, "是否公开", "否")
    assert run_rebuild(tiny_copy, root) == 0
    second = current_target(root)
    assert second != first and (root / first).is_dir(), "the previous release stays whole for rollback"
    rid2 = Path(second).name

    # removed everywhere; the notice replaces the withdrawn page
    gone_slug = decision_slug(UNDISCLOSED_NOW)
    assert not (site / "decisions" / gone_slug).exists()
    slug_alone = re.compile(gone_slug + "(?![0-9a-f])")
    for path, text in texts(site):
        assert UNDISCLOSED_NOW not in text and not slug_alone.search(text), path
    notice = (site / "decisions" / decision_slug(WITHDRAWN_NOW) / "index.html").read_text(encoding="utf-8")
    assert "撤回公告" in notice and WITHDRAWN_NOW in notice and "王大伟" not in notice
    opendata = json.loads((site / "opendata/decisions.json").read_text(encoding="utf-8"))
    assert WITHDRAWN_NOW not in {d["decision_no"] for d in opendata["decisions"]}

    # the change file: notice by number, the 否 one only by SHA-256
    latest = json.loads((site / "changes/latest.json").read_text(encoding="utf-8"))
    assert latest == json.loads((site / f"changes/{rid2}.json").read_text(encoding="utf-8"))
    assert latest["previous"] == rid1 and latest["complete"] is True
    assert latest["removed"] == [
        {"decision_no": WITHDRAWN_NOW, "url": f"decisions/{decision_slug(WITHDRAWN_NOW)}/", "notice": True},
        {"sha256": sha256_hex(UNDISCLOSED_NOW)}]
    assert latest["added"] == [] and latest["changed"] == []
    raw = (site / f"changes/{rid2}.json").read_text(encoding="utf-8")
    assert UNDISCLOSED_NOW not in raw and sha256_hex(UNDISCLOSED_NOW) in raw
    index = json.loads((site / "index.json").read_text(encoding="utf-8"))
    assert index["last_change"]["url"] == f"changes/{rid2}.json" and index["last_change"]["previous"] == rid1
    history = json.loads((site / "changes/index.json").read_text(encoding="utf-8"))
    assert [e["release"] for e in history["releases"]] == [rid2, rid1]
    assert (site / f"changes/{rid1}.json").is_file()

    # unchanged files: same inode, same mtime; changed ones are new files
    after = (site / UNTOUCHED_PAGE).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert (site / "theme/css/portal.css").stat().st_ino == (root / first / "theme/css/portal.css").stat().st_ino
    assert (site / "index.json").stat().st_ino != (root / first / "index.json").stat().st_ino

    # the report: files added/changed/removed and URLs to purge
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["release"]
    assert f"decisions/{gone_slug}/index.html" in report["files"]["removed"]
    assert f"decisions/{decision_slug(WITHDRAWN_NOW)}/index.html" in report["files"]["changed"]
    assert UNTOUCHED_PAGE not in report["files"]["changed"]
    assert f"http://localhost:8000/decisions/{gone_slug}/" in report["purge_urls"]
    assert report["audit"]["mode"] == "incremental" and report["audit"]["new_removed"] >= 2
    assert report["files"]["hard_linked"] == report["files"]["unchanged"] > 0

    # the audit log says who, what, when
    entry = log_entries(root)[-1]
    assert entry["result"] == "ok" and entry["release"] == rid2 and entry["trigger"] == "test"
    assert entry["decisions"] == {"added": 0, "changed": 0, "removed": 2}

    # rollback would bring the withdrawn decision back: refused unless forced
    p = portal("rollback", "--root", root)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 1 and "拒绝回滚" in err.decode()
    assert current_target(root) == second
    p = portal("rollback", "--root", root, "--force")
    p.communicate(timeout=60)
    assert p.returncode == 0 and current_target(root) == first
    assert log_entries(root)[-1]["action"] == "rollback"

    # the next rebuild starts from the release being served
    assert run_rebuild(tiny_copy, root) == 0
    third = current_target(root)
    assert third not in (first, second)
    latest = json.loads((site / "changes/latest.json").read_text(encoding="utf-8"))
    assert latest["previous"] == rid1 and latest["counts"]["removed"] == 2


def test_incremental_audit_rescans_unchanged_files_for_new_removals(tiny_copy, tmp_path):
    root = tmp_path / "root"
    # decision 1's facts cite decision 2: fine while both are public
    citing = f"decisions/{decision_slug(WITHDRAWN_NOW)}/index.html"
    edit_decision(tiny_copy, WITHDRAWN_NOW, "主要事实", f"与{UNDISCLOSED_NOW}系同一当事人。")
    assert run_rebuild(tiny_copy, root) == 0
    before = snapshot(root)
    assert UNDISCLOSED_NOW in (root / "current" / citing).read_text(encoding="utf-8")
    # decision 2 goes off the site; decision 1's page does not change, but names it
    edit_decision(tiny_copy, UNDISCLOSED_NOW, "是否公开", "否")
    assert run_rebuild(tiny_copy, root) == 1
    assert snapshot(root) == before
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert f"{citing}: removed_decision: {UNDISCLOSED_NOW}" in report["audit"]


def test_rescan_auditor_looks_only_for_what_is_new():
    from generators.ops.release import AuditPlan, rescan_auditor

    full = Auditor(names={"张三丰", "李四光"}, removed={"旧1号", "新2号"}, public_numbers={"022-27391000"})
    plan = AuditPlan("incremental", [], ["a.html"], new_names=frozenset({"李四光"}),
                     new_removed=frozenset({"新2号"}))
    partial = rescan_auditor(full, plan)
    text = "张三丰 李四光 旧1号 新2号 13912345678 022-27391000"
    assert sorted(f.kind for f in partial.scan_text("a.html", text)) == ["name", "removed_decision"]
    plan.patterns_again = True
    assert sorted(f.kind for f in rescan_auditor(full, plan).scan_text("a.html", text)) == [
        "mobile", "name", "removed_decision"]
    assert len(full.scan_text("a.html", text)) == 5, "the full auditor is untouched"


def test_rollback_of_a_harmless_change(tiny_copy, tmp_path):
    root = tmp_path / "root"
    assert run_rebuild(tiny_copy, root) == 0
    first = current_target(root)
    edit_decision(tiny_copy, "津示市监罚〔2026〕5号", "执法依据", "《中华人民共和国食品安全法》第一百二十二条")
    assert run_rebuild(tiny_copy, root) == 0
    latest = json.loads((root / "current/changes/latest.json").read_text(encoding="utf-8"))
    assert [c["decision_no"] for c in latest["changed"]] == ["津示市监罚〔2026〕5号"]
    p = portal("rollback", "--root", root)
    p.communicate(timeout=60)
    assert p.returncode == 0 and current_target(root) == first


def test_keeps_the_last_n_releases(tiny_copy, tmp_path):
    root = tmp_path / "root"
    for day in ("2026-11-20", "2026-11-21", "2026-11-22"):
        assert run_rebuild(tiny_copy, root, today=day, keep=2) == 0
    releases = Root(root).complete_releases()
    assert len(releases) == 2 and Path(current_target(root)).name == releases[-1]
    assert sorted(p.stem for p in (root / "state").glob("*.json")) == sorted(releases)


# -- failures leave `current` alone ----------------------------------------------

def snapshot(root: Path) -> tuple[str, dict]:
    site = root / "current"
    return current_target(root), {p.relative_to(site).as_posix(): p.read_bytes() for p in all_files(site)}


def test_failing_audit_keeps_the_current_release(tiny_copy, tmp_path):
    root = tmp_path / "root"
    assert run_rebuild(tiny_copy, root) == 0
    before = snapshot(root)
    # a real misconfiguration: a personal mobile number in the site's address line
    settings = tmp_path / "badconf.py"
    settings.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(REPO)!r})\n"
        "from pelicanconf import *  # noqa\n"
        "PORTAL_SITE = dict(PORTAL_SITE, host_address='天津市西青区示例路 1 号（联系人手机 13987654321）')\n",
        encoding="utf-8")
    withdraw(tiny_copy, WITHDRAWN_NOW)
    code = run_rebuild(tiny_copy, root, settings=str(settings))
    assert code == 1
    assert snapshot(root) == before
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["ok"] is False and "输出审查" in report["error"]
    assert any(": mobile: " in a for a in report["audit"]), report["audit"][:3]
    assert "13987654321" not in json.dumps(report, ensure_ascii=False)
    assert not [p for p in (root / "releases").iterdir() if p.name.startswith(".")]
    assert log_entries(root)[-1]["result"] == "failed"
    assert json.loads((root / "status.json").read_text())["last_success"]["result"] == "ok"


def test_broken_internal_link_keeps_the_current_release(tiny_copy, tmp_path):
    import shutil

    root = tmp_path / "root"
    assert run_rebuild(tiny_copy, root) == 0
    before = snapshot(root)
    # an editor's Markdown page linking to a page that does not exist
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    (content / "pages" / "notice-board.md").write_text(
        "Title: 通知\nSlug: notice-board\nDate: 2026-11-20\n\n见[办事指南](/pages/no-such-guide/)。\n",
        encoding="utf-8")
    settings = tmp_path / "conf.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *  # noqa\n"
                        f"PATH = {str(content)!r}\n", encoding="utf-8")
    assert run_rebuild(tiny_copy, root, settings=str(settings)) == 1
    assert snapshot(root) == before
    audit = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["audit"]
    assert audit == ["pages/notice-board/index.html: broken_link: /pages/no-such-guide/"]


def test_unreadable_file_keeps_the_current_release(tiny_copy, tmp_path):
    root = tmp_path / "root"
    assert run_rebuild(tiny_copy, root) == 0
    before = snapshot(root)
    (tiny_copy / "decisions" / "broken.csv").write_bytes(b"\xff\xfe\x00\xd8 not a csv \x81\x30")
    assert run_rebuild(tiny_copy, root) == 1
    assert snapshot(root) == before
    assert "broken.csv" in log_entries(root)[-1]["error"]


def test_crash_while_rendering_keeps_the_current_release(tiny_copy, tmp_path, monkeypatch):
    import generators.ops.rebuild as rb

    root = tmp_path / "root"
    assert run_rebuild(tiny_copy, root) == 0
    before = snapshot(root)
    def crash(ds, directory, **kw):
        (Path(directory) / "partial.html").write_text("half")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(rb, "render_and_audit", crash)
    withdraw(tiny_copy, WITHDRAWN_NOW)
    assert run_rebuild(tiny_copy, root) == 1
    assert snapshot(root) == before
    assert not [d for d in (root / "releases").iterdir() if d.name.startswith(".")]
    assert "disk on fire" in log_entries(root)[-1]["error"]


def test_killed_rebuild_keeps_current_and_is_cleaned_up(tiny_copy, tmp_path):
    root = tmp_path / "root"
    assert run_rebuild(tiny_copy, root) == 0
    before = snapshot(root)
    withdraw(tiny_copy, WITHDRAWN_NOW)
    p = portal("rebuild", "--data", tiny_copy, "--root", root, "--today", TODAY, "-q", env={PAUSE_ENV: "120"})
    try:
        assert wait_until(lambda: (root / ".test-paused").exists(), 90), p.stderr.read() if p.poll() else ""
        half = [d for d in (root / "releases").iterdir() if d.name.startswith(".tmp-")]
        assert half and (half[0] / "index.html").is_file(), "killed while a release is half-written"
        os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=30)
    finally:
        if p.poll() is None:
            p.kill()
        p.communicate()
    assert snapshot(root) == before
    # the kernel released the lock; the next rebuild cleans up and succeeds
    assert run_rebuild(tiny_copy, root) == 0
    assert current_target(root) != before[0]
    assert not [d for d in (root / "releases").iterdir() if d.name.startswith(".")]
    assert WITHDRAWN_NOW in (root / "current/changes/latest.json").read_text(encoding="utf-8")


def test_concurrent_rebuilds_wait_or_coalesce(tiny_copy, tmp_path):
    root = tmp_path / "root"
    assert run_rebuild(tiny_copy, root) == 0
    before = snapshot(root)
    withdraw(tiny_copy, WITHDRAWN_NOW)
    common = ("rebuild", "--data", tiny_copy, "--root", root, "--today", TODAY, "-q")
    first = portal(*common, "--trigger", "first", env={PAUSE_ENV: "4"})
    try:
        assert wait_until(lambda: (root / ".test-paused").exists(), 90)
        # a second rebuild without --wait: exits at once, clearly, and is queued as a follow-up
        t0 = time.monotonic()
        second = portal(*common, "--trigger", "second")
        _, err = second.communicate(timeout=60)
        assert second.returncode == EXIT_BUSY and time.monotonic() - t0 < 30
        assert "正在进行" in err.decode() and "--wait" in err.decode()
        assert (root / ".pending").exists()
        # a third one waits for the lock
        third = portal(*common, "--trigger", "third", "--wait")
        time.sleep(0.5)
        assert third.poll() is None
        assert snapshot(root) == before, "nothing switched while the first build is running"
        assert first.wait(timeout=120) == 0
        assert third.wait(timeout=120) == 0
    finally:
        for p in (first,):
            if p.poll() is None:
                p.kill()
            p.communicate()
    assert not (root / ".pending").exists()
    log = log_entries(root)
    results = [(e.get("trigger"), e["result"]) for e in log[1:]]
    assert ("second", "coalesced") in results
    assert ("first", "ok") in results
    followups = [e for e in log if "合并" in str(e.get("trigger"))]
    assert followups and followups[0]["coalesced"] == ["second"]
    assert any(t == "third" for t, _ in results)
    assert current_target(root) != before[0]


# -- trigger -------------------------------------------------------------------------

def test_trigger_requires_the_token(tiny_copy, tmp_path):
    from generators.ops.trigger import make_server

    token = "s3cret-token-0123456789abcdef"
    token_file = tmp_path / "token"
    token_file.write_text(token + "\n")
    token_file.chmod(0o600)
    root = tmp_path / "root"
    args = argparse.Namespace(root=root, data=tiny_copy, bind="127.0.0.1", port=0, token_file=token_file,
                              site_url=None, settings=None, keep=5)
    server, builder = make_server(args)
    builder.command += ["--today", TODAY]
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def call(method, path, auth=None, body=None):
        req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method, data=body)
        if auth:
            req.add_header("Authorization", auth)
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")

    try:
        assert call("POST", "/rebuild")[0] == 401
        assert call("POST", "/rebuild", "Bearer wrong-token-0123456789abcdef")[0] == 401
        assert call("POST", "/rebuild", token)[0] == 401, "scheme required"
        assert call("GET", "/status")[0] == 401
        assert call("GET", "/status", "Bearer " + token[:-1])[0] == 401
        assert not (root / "audit.log").exists(), "nothing was triggered"
        status, doc = call("POST", "/rebuild", "Bearer " + token,
                           json.dumps({"by": "张法制科", "reason": "法院撤销"}).encode())
        assert status == 202 and doc["accepted"] is True and doc["queued"] == "started"
        assert "by=张法制科" in doc["trigger"]
        assert wait_until(lambda: (root / "status.json").exists() and call(
            "GET", "/status", "Bearer " + token)[1].get("worker_running") is False, 120)
        status, doc = call("GET", "/status", "Bearer " + token)
        assert status == 200 and doc["current"] and doc["last_build"]["result"] == "ok"
        assert doc["last_build"]["counts"]["published"] == 8 and "by=张法制科" in doc["last_build"]["trigger"]
        assert call("GET", "/nothing", "Bearer " + token)[0] == 404
    finally:
        server.shutdown()
        server.server_close()
        builder.stop()


# -- packages for one-way gateways ----------------------------------------------------

def test_package_install_roundtrip_and_tampering(tiny_copy, tmp_path):
    near, far = tmp_path / "near", tmp_path / "far"
    assert run_rebuild(tiny_copy, near) == 0
    pkg1 = tmp_path / "out" / "r1.tar.gz"
    assert portal("package", "--root", near, "--out", pkg1).wait(60) == 0
    again = tmp_path / "out" / "again.tar.gz"
    assert portal("package", "--root", near, "--out", again).wait(60) == 0
    assert pkg1.read_bytes() == again.read_bytes(), "deterministic archive"
    assert portal("install-package", "--file", pkg1, "--root", far).wait(60) == 0
    assert snapshot(far)[1] == snapshot(near)[1]

    # the next release removes a decision: the far side loses it too
    edit_decision(tiny_copy, UNDISCLOSED_NOW, "是否公开", "否")
    assert run_rebuild(tiny_copy, near) == 0
    pkg2 = tmp_path / "out" / "r2.tar.gz"
    assert portal("package", "--root", near, "--out", pkg2).wait(60) == 0

    # tampered: one member's bytes changed (manifest untouched) -> rejected
    bad = tmp_path / "out" / "bad.tar.gz"
    with tarfile.open(pkg2) as src, gzip.open(bad, "wb") as gz, tarfile.open(fileobj=gz, mode="w") as dst:
        for m in src:
            data = src.extractfile(m).read()
            if m.name.endswith("/index.html") and "/decisions/" in m.name:
                data = data.replace(b"</body>", b"<script src=//evil.example/x.js></script></body>")
                m.size = len(data)
            dst.addfile(m, io.BytesIO(data))
    far_before = snapshot(far)
    p = portal("install-package", "--file", bad, "--root", far)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 1 and "校验和不符" in err.decode()
    assert snapshot(far) == far_before
    # tampered archive next to the original's .sha256 -> rejected before unpacking
    swapped = tmp_path / "out" / "swapped.tar.gz"
    swapped.write_bytes(bad.read_bytes())
    Path(str(swapped) + ".sha256").write_text(Path(str(pkg2) + ".sha256").read_text())
    p = portal("install-package", "--file", swapped, "--root", far)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 1 and "SHA-256 不符" in err.decode()
    assert snapshot(far) == far_before
    assert not [d for d in (far / "releases").iterdir() if d.name.startswith(".")]

    assert portal("install-package", "--file", pkg2, "--root", far).wait(60) == 0
    assert snapshot(far)[1] == snapshot(near)[1]
    assert not (far / "current" / "decisions" / decision_slug(UNDISCLOSED_NOW)).exists()
    unchanged = UNTOUCHED_PAGE
    r1 = far / "releases" / Path(far_before[0]).name
    assert (far / "current" / unchanged).stat().st_ino == (r1 / unchanged).stat().st_ino
    assert int((far / "current" / unchanged).stat().st_mtime) == int((near / "current" / unchanged).stat().st_mtime)


def test_publish_uses_rsync_delete(tiny_copy, tmp_path):
    import shutil

    if shutil.which("rsync") is None:
        pytest.skip("rsync not installed")
    root, dest = tmp_path / "root", tmp_path / "www"
    assert run_rebuild(tiny_copy, root) == 0
    dest.mkdir()
    (dest / "stale.html").write_text("gone")
    assert portal("publish", "--root", root, "--dest", str(dest) + "/").wait(60) == 0
    assert not (dest / "stale.html").exists()
    assert {p.relative_to(dest) for p in all_files(dest)} == {p.relative_to(root / "current")
                                                             for p in all_files(root / "current")}
