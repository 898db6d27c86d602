"""The output audit's shortcuts find exactly what the plain scans find:
number patterns run only near runs of digits, public numbers looked up in
one blob, files scanned in worker processes. And a private name inside a
public one (an officer's) is no finding."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generators.pipeline import audit
from generators.pipeline.audit import PATTERNS, Auditor

ALPHABET = list("0123456789０１２３-－ ()（）+Xx.@abcAZ_电话座机联系方式：:，号年") + ["\n", "022", "139", "6222", "86"]
PUBLIC = ["022-27391000", "91120000MA05ABCD14", "1201110000001", "13800000000", "津示市监罚〔2026〕1号"]


def reference(auditor: Auditor, text: str) -> list:
    """scan_patterns as it was: every pattern over the whole text, public
    numbers by a loop over all of them."""
    def allowed(value):
        digits = re.sub(r"\D", "", value)
        return value.upper() in auditor.public_codes or digits in auditor.public_digits or any(
            digits and digits in d for d in auditor.public_digits if len(d) >= len(digits) >= 7)

    found = []
    for kind, pattern in PATTERNS.items():
        for m in pattern.finditer(text):
            value = m.group(0)
            if kind == "email" and value.lower() in auditor.public_emails:
                continue
            if kind != "email" and allowed(value):
                continue
            found.append(audit.AuditFinding("f", kind, audit.mask_for_report(kind, value)))
    return sorted(found)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=120).map("".join))
def test_windows_find_what_the_whole_text_scan_finds(text):
    auditor = Auditor(public_numbers=PUBLIC, public_emails=["a@b.cn"])
    assert sorted(auditor.scan_patterns("f", text)) == reference(auditor, text)


DIGITS = list("01234567890123456789 -－.X（）(") + ["电话：", "139", "022", "0", "1", "86", "+", "a", "年", "19", "20", "1201"]


SHARED = Auditor(public_numbers=PUBLIC)   # its window memo carries over between examples


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(DIGITS), max_size=90).map("".join))
def test_windows_on_digit_heavy_text(text):
    auditor = Auditor(public_numbers=PUBLIC)
    assert sorted(auditor.scan_patterns("f", text)) == reference(auditor, text)
    for t in (text, "x" + text, text + text, "电话：" + text):
        assert sorted(SHARED.scan_patterns("f", t)) == reference(SHARED, t)


def test_windows_on_realistic_text():
    auditor = Auditor(public_numbers=PUBLIC)
    text = ("联系电话13912345678，座机022-27654321，电话：2765 4321，（022）27654321，身份证120111199001011234，"
            "账号6222 0212 3456 7890 123，2026-10-08，1201110000001，主办单位电话 022-27391000，x@y.com" * 3)
    assert sorted(auditor.scan_patterns("f", text)) == reference(auditor, text)
    assert {f.kind for f in auditor.scan_patterns("f", text)} == {
        "mobile", "landline", "resident_id", "bank_account", "email"}


def test_private_name_inside_an_officers_name_is_no_finding():
    auditor = Auditor(names=["欧阳子", "张三"], public_names=["欧阳子艳", "李四"])
    assert auditor.scan_names("f", "执法人员欧阳子艳（执法证号1201110000001）") == []
    assert [f.kind for f in auditor.scan_names("f", "当事人欧阳子于某日")] == ["name"]
    assert [f.kind for f in auditor.scan_names("f", "欧阳子艳、欧阳子")] == ["name"]


def test_files_scanned_in_workers_give_the_same_findings(tmp_path, monkeypatch):
    auditor = Auditor(names=["张三丰"], public_numbers=PUBLIC, removed=["津示市监罚〔2026〕9号"])
    texts = ["<p>张三丰 13912345678</p>", "<p>津示市监罚〔2026〕9号</p>", "<p>022-27391000</p>", "clean"]
    rels = []
    for i in range(40):
        rel = f"d/{i}/index.html"
        (tmp_path / rel).parent.mkdir(parents=True)
        (tmp_path / rel).write_text(texts[i % 4], encoding="utf-8")
        rels.append(rel)
    serial = auditor.scan_files(tmp_path, rels, workers=1)
    monkeypatch.setattr(audit, "PARALLEL_MIN_FILES", 1)
    assert auditor.scan_files(tmp_path, rels, workers=2) == serial == auditor.scan_dir(tmp_path)
    assert {f.kind for f in serial} == {"name", "mobile", "removed_decision"}


def test_two_character_names_are_not_looked_for_in_search_term_shards():
    auditor = Auditor(names=["金凯", "张三丰"])
    shard = '{"index":{"invertedIndex":[["金凯",{"_index":60}],["张三丰",{}]]}}'
    assert [f.detail for f in auditor.scan_names("search/t/245.json", shard)] == ["张**"]
    assert len(auditor.scan_names("search/m/3.json", shard)) == 2


def test_large_files_scanned_in_line_pieces_give_the_same_findings(tmp_path, monkeypatch):
    auditor = Auditor(names=["张三丰", "李四"], public_names=["李四光"], public_numbers=PUBLIC,
                      removed=["津示市监罚〔2026〕9号"])
    lines = ["当事人李四，电话13912345678", "李四光 022-27391000", "\ufeff无", "津示市监罚〔2026〕9号",
             "a@b.cn x@y.com", "6222 0212 3456 7890 123", "张三丰" + "字" * 50, "120111199001011234", ""]
    text = "\ufeff" + "\r\n".join(lines * 40) + "\n"
    (tmp_path / "big.csv").write_text(text, encoding="utf-8")
    whole = sorted(set(auditor.scan_text("big.csv", text[1:])))
    monkeypatch.setattr(audit, "CHUNK_BYTES", 37)
    pieces = list(audit._line_chunks(tmp_path / "big.csv"))
    assert len(pieces) > 50 and "".join(pieces) == text[1:]
    assert sorted(set(auditor.scan_file(tmp_path, "big.csv"))) == whole
    assert {f.kind for f in whole} >= {"name", "mobile", "removed_decision", "email", "bank_account", "resident_id"}


def test_a_name_inside_a_published_organisation_name_is_no_finding():
    auditor = Auditor(names=["金佳文", "王金德"], public_texts=["天津金佳文化传媒股份有限公司", "王金德"])
    assert auditor.scan_names("f", "相对人：天津金佳文化传媒股份有限公司") == []
    assert [f.detail for f in auditor.scan_names("f", "当事人金佳文。")] == ["金**"]
    # an organisation named exactly like a person is no excuse (a person filed as an organisation)
    assert [f.detail for f in auditor.scan_names("f", "相对人名称：王金德")] == ["王**"]


def test_a_name_in_a_company_s_trade_name_is_no_finding_unless_the_text_says_person():
    auditor = Auditor(names=["金凯文", "张三丰"])
    text = "举报人朱某于2024年10月4日举报天津市西青区金凯文化传媒有限公司涉嫌食品安全违法行为"
    assert auditor.scan_names("f", text) == []
    assert auditor.scan_names("f", "北京张三丰科技有限公司") == []
    for leak in ("当事人张三丰，天津市某某有限公司职工", "张三丰经营的公司", "天津市张三丰（男，身份证号略）有限公司",
                 "法定代表人张三丰", "经查，张三丰于某日", "天津市西青区张三丰"):
        assert [f.detail for f in auditor.scan_names("f", leak)] == ["张**"], leak


LINES = ["<p>当事人：", "张三丰</p>", "<td>天津张三丰科技有限公司</td>", "李四", "电话：13912345678", "号李四于",
         "津示市监罚〔2026〕9号", "<li>执法机关：天津市西青区市场监督管理局</li>", "022-27391000", "a@b.cn", "", "金凯", "李四于某日"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["p.html", "d.csv", "search/t/3.json"]),
                          st.lists(st.sampled_from(LINES), max_size=8)), max_size=12))
def test_lines_remembered_clean_change_no_file_s_findings(files):
    """The line memo: each file's findings, scanned after any other files,
    are those of a fresh auditor that has seen nothing before."""
    def make():
        return Auditor(names=["张三丰", "李四", "金凯"], public_numbers=PUBLIC, removed=["津示市监罚〔2026〕9号"])
    shared = make()
    for name, lines in files:
        text = "\n".join(lines)
        assert sorted(set(shared.scan_text(name, text))) == sorted(set(make().scan_text(name, text))), (name, lines)


def test_a_line_clean_in_a_bigram_shard_is_still_checked_on_a_page():
    auditor = Auditor(names=["金凯"])
    assert auditor.scan_text("search/t/1.json", '"金凯"') == []
    assert [f.kind for f in auditor.scan_text("a.html", '"金凯"')] == ["name"]
    assert [f.kind for f in auditor.scan_text("b.html", 'x\n"金凯"')] == ["name"]


def test_tasks_give_large_files_a_worker_each():
    sizes = [80 << 20, 50 << 20, 9 << 20] + [10_000] * 1200
    chunks = audit._chunks(sizes)
    assert chunks[:3] == [(0, 1), (1, 2), (2, 3)]
    assert all(b - a <= audit.TASK_FILES for a, b in chunks)
    assert [i for a, b in chunks for i in range(a, b)] == list(range(len(sizes)))
