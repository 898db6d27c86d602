"""The privacy gate: the output-wide scan that runs in every build, after
rendering and before the swap (generators/pipeline/audit.py).

- it finds every kind of leak in every shape it takes in real text;
- it lets through what is public by law and what the masker leaves, so that
  legitimate builds (tiny, sample) pass with zero findings;
- a leak planted through a real channel (a settings file, a Markdown page,
  the data itself) fails the build before anything is published: the live
  site stays as it was, no staging directory is left behind, and the report
  names file and kind but never the personal value.
"""
from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators.pipeline.audit import Auditor, auditor_for
from generators.pipeline.ids import decision_slug
from tests.conftest import ROOT, TINY, all_files, build_site
from tests.test_fuzz import PERSONAL, SEPARATOR

LEAKS = [
    ("mobile", "手机13812345678。"), ("mobile", "手机 138 1234 5678。"), ("mobile", "手机+86 138-1234-5678"),
    ("landline", "电话022-27654321"), ("landline", "电话（022）27654321"), ("landline", "电话022 2765 4321"),
    ("landline", "电话02227654321"), ("landline", "座机：2765 4321"),
    ("resident_id", "身份证120111199001011234"), ("resident_id", "身份证12011119900101123x"),
    ("resident_id", "身份证号120111199001011235（校验位不符）"), ("resident_id", "旧身份证120111900101123"),
    ("bank_account", "卡号6222021234567890123"), ("bank_account", "卡号6222 0212 3456 7890 123"),
    ("bank_account", "账户 6222-0212-3456-7890"),
    ("email", "邮箱zhangsf@example.com"), ("email", "邮箱 Zhang.SF@Example.COM.CN"),
    ("name", "当事人张三丰在示例路经营"), ("name", "当事人李四。"), ("name", "（李四）"), ("name", "李四（男，"),
]


@pytest.mark.parametrize("kind,text", LEAKS)
def test_every_shape_of_leak_is_found(kind, text):
    found = Auditor(names=["张三丰", "李四"]).scan_text("x.html", text)
    assert kind in {f.kind for f in found}, (text, found)
    for f in found:  # the finding never repeats the value
        assert "13812345678" not in f.detail and "27654321" not in f.detail and "zhangsf" not in f.detail.lower()


PUBLIC = ["电话022-27391234", "联系电话：022-27391234", "统一社会信用代码91120000MA05ABCD14", "执法证号12010023002",
          "139****5678", "022-****4321", "账号****0123", "[身份证号已隐藏]", "[电子邮箱已隐藏]", "2026-03-05",
          "15,000.00 元", "津示市监罚〔2026〕1号", "邮编300380", "网站标识码1201110000", "津公网安备 12011102000000号",
          "decisions/2513919b6d6c1cf0/", "张某", "李某", "李四川菜馆有限公司", "李四记", "JC-120000-2026-000013",
          "axe v4.14.1", "2024年3月5日", "第 1 / 12 页", "1200002026000013"]


def test_public_by_law_and_masked_forms_pass():
    a = Auditor(names=["张三丰", "李四"],
                public_numbers=["022-27391234", "91120000MA05ABCD14", "12010023002", "1201110000", "12011102000000",
                                "JC-120000-2026-000013"])
    for text in PUBLIC:
        assert a.scan_text("x.html", text) == [], text


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(SEPARATOR, PERSONAL, SEPARATOR)
def test_any_personal_value_in_text_is_found(before, value, after):
    assert Auditor().scan_text("x.html", before + value + after), before + value + after


def test_legitimate_builds_have_zero_findings(demo_site):
    """The gate runs in every build; the demo sites pass it with nothing found
    (a false alarm would have failed the build)."""
    assert demo_site.result.ok and demo_site.result.audit == []
    assert "audit" not in demo_site.result.report


def test_gate_knows_what_is_public(tiny_site):
    """Agencies' phones, USCCs, certificate numbers and decision numbers of the
    build are public; a natural person's name is not."""
    _, result = tiny_site
    a = auditor_for(result.dataset, {"PORTAL_SITE": {"host_phone": "022-27391000"}})
    ds = result.dataset
    phones = [s.phone for s in ds.directory.subjects if s.phone]
    codes = [s.code for s in ds.directory.subjects if s.code]
    certs = [r.values["cert_no"] for r in ds.officers]
    numbers = [d.decision_no for d in ds.decisions]
    assert phones and codes and certs and numbers
    for text in [*phones, *codes, *certs, *numbers, "022-27391000"]:
        assert a.scan_patterns("x.html", f"（{text}）") == [], text
    person = next(p for d in ds.decisions for p in d.persons if len(p) >= 3)
    assert a.scan_names("x.html", f"当事人{person}于") != []


# --- leaks planted through real channels --------------------------------------

@pytest.fixture
def live_site(tmp_path, tiny_copy):
    """A good build already published: what a failed build must leave alone."""
    out = tmp_path / "live" / "site"
    assert build_site(tiny_copy, out).ok
    return tiny_copy, out, {p: p.read_bytes() for p in all_files(out)}


def _settings_file(tmp_path: Path, body: str, content: Path | None = None) -> Path:
    path = tmp_path / "leaky_settings.py"
    path.write_text(textwrap.dedent(f"""\
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pelicanconf import *  # noqa
        {f"PATH = {str(content)!r}" if content else ""}
        """) + textwrap.dedent(body), encoding="utf-8")
    return path


def _assert_refused(result, out: Path, before: dict, kinds: set[str], secrets: list[str]):
    assert not result.ok
    assert result.report["error"].startswith("输出审查发现")
    found = {a.kind for a in result.audit}
    assert kinds <= found, found
    assert {p: p.read_bytes() for p in all_files(out)} == before, "the live site changed"
    assert not [p for p in out.parent.iterdir() if ".staging" in p.name or ".old-" in p.name]
    report = out.parent / "site-report.json"
    text = report.read_text(encoding="utf-8") if report.exists() else json.dumps(result.report, ensure_ascii=False)
    for secret in secrets:
        assert secret not in text, secret


def test_leak_in_settings_footer_fails_the_build(tmp_path, live_site):
    data, out, before = live_site
    settings_file = _settings_file(tmp_path, """\
        PORTAL_SITE = dict(PORTAL_SITE, host_address="天津市西青区示例路 1 号（值班人员手机 13812345678，邮箱 duty.person@example.com）")
        """)
    result = build_site(data, out, settings_file=settings_file)
    _assert_refused(result, out, before, {"mobile", "email"}, ["13812345678", "duty.person@example.com"])
    assert any(a.file == "index.html" for a in result.audit)  # every page has the footer


def test_leaks_in_a_markdown_page_fail_the_build(tmp_path, live_site):
    data, out, before = live_site
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "pages" / "leak.md").write_text(textwrap.dedent("""\
        Title: 联系方式
        Slug: leak
        Date: 2026-11-01

        经办人邮箱 someone@example.org，手机 139 1234 5678，家庭电话（022）27654321。

        退款账户 6222 0212 3456 7890 123，身份证号 120111199001011235（校验位不符），旧证 120111900101123。

        当事人张三丰已于当日到场。
        """), encoding="utf-8")
    result = build_site(data, out, settings_file=_settings_file(tmp_path, "", content))
    _assert_refused(result, out, before, {"email", "mobile", "landline", "bank_account", "resident_id", "name"},
                    ["someone@example.org", "13912345678", "27654321", "120111199001011235", "张三丰"])
    assert {a.file for a in result.audit} >= {"pages/leak/index.html"}


def test_leak_in_agency_data_fails_the_build(live_site):
    """Agencies' free text is published as given; a personal mobile in it stops the build."""
    data, out, before = live_site
    subjects = data / "subjects.csv"
    text = subjects.read_text(encoding="utf-8")
    subjects.write_text(text.replace("负责本区市场综合监督管理。", "负责本区市场综合监督管理。值班科长手机 15012345678。"),
                        encoding="utf-8")
    result = build_site(data, out)
    _assert_refused(result, out, before, {"mobile"}, ["15012345678"])


def test_withdrawal_reason_is_masked_not_leaked(tmp_path, tiny_copy):
    """A withdrawal reason is free text from the data: masked like the rest."""
    w = tiny_copy / "withdrawals.csv"
    w.write_text(w.read_text(encoding="utf-8").replace(
        "经行政复议，原处罚决定认定事实不清，予以撤销。",
        "经行政复议，原处罚决定认定事实不清，予以撤销。复议申请人联系电话13712345678，邮箱 a.b@example.com。"),
        encoding="utf-8")
    out = tmp_path / "site"
    result = build_site(tiny_copy, out)
    assert result.ok, result.report.get("error")
    page = (out / "decisions" / decision_slug("津示市监罚〔2026〕9号") / "index.html").read_text(encoding="utf-8")
    assert "137****5678" in page and "[电子邮箱已隐藏]" in page and "13712345678" not in page
