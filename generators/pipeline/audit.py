"""Audits of a built site, run over every output file before it goes live.

- privacy: nothing shaped like a resident ID, mobile or landline number,
  bank card or e-mail address, and no unmasked name of a natural person known
  to the build, in any file (HTML, JSON, CSV, XML, JS ...). What is public by
  law (agencies' official phones, USCCs, officers' certificate numbers and
  names) is allowed.
- removal: no removed decision (expired, embargoed, undisclosed, credit
  repaired, withdrawn before publication) is named, by number or by URL, in
  any file.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import re
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

_NUM_L = r"(?<![0-9A-Za-z.])"
_NUM_R = r"(?![0-9A-Za-z]|\.\d)"
PATTERNS = {
    # 18 digits (any check digit, X or x) or the old 15-digit form
    "resident_id": re.compile(_NUM_L + r"(?:[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx]"
                              r"|[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})" + _NUM_R),
    "mobile": re.compile(_NUM_L + r"(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}" + _NUM_R),
    # 022-27654321, 022 2765 4321, 02227654321, （022）27654321; and a local
    # number where the text says it is a phone (电话：27654321)
    "landline": re.compile(r"(?<![0-9A-Za-z.\-])(?:0\d{2,3}[-－ ]?|[(（]0\d{2,3}[)）] ?)\d{3,4}[- ]?\d{4}" + _NUM_R
                           + r"|(?:电话|座机|固话|联系方式)[：:]? ?\d{3,4}[- ]?\d{4}" + _NUM_R),
    # 16-19 digits, run together or in groups of four
    "bank_account": re.compile(_NUM_L + r"(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)" + _NUM_R),
    "email": re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"),
}
# A two-character name inside running text is only a finding where the text
# says it is a person (in a longer word it may be anything: 李明 in 李明记).
# Both look within the name's own line (\Z, not $): every check is line-local.
PERSON_BEFORE = re.compile(r"(?:当事人|经营者|法定代表人|负责人|业主|户主|姓名|联系人|申请人|被处罚人|违法行为人|自然人)[：:]? ?\Z")
PERSON_AFTER = re.compile(r"^(?:[（(](?:身份证|男|女|公民身份)|[，,](?:男|女)[，,、])")
# A company's registered name: region, trade name and industry, company form
# (天津市西青区金凯文化传媒有限公司). A person's name in its trade-name part
# (金凯文 there) names the company, not the person, unless the text around
# says it is a person.
_REGION = (r"(?:(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|"
           r"广东|海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆)[省市]?"
           r"|[\u4e00-\u9fff]{2,3}市)(?:[\u4e00-\u9fff]{2,3}市)?(?:[\u4e00-\u9fff]{1,4}?[区县])?")
COMPANY = re.compile(r"(?P<region>" + _REGION + r")[\u4e00-\u9fff]{2,20}?(?:股份有限公司|有限责任公司|有限公司)")
TEXT_SUFFIXES = {".html", ".htm", ".json", ".csv", ".xml", ".js", ".txt", ".css", ".svg", ".tsv", ".atom", ".md"}
HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")

# Every match of a number pattern holds seven digits in two runs of three or
# four and four, at most one - or space between them (the last two groups of
# a phone number, seven digits of an ID or a card number; a date does not),
# and is at most 23 characters long (plus one character looked at before it
# and two after): the number patterns need only run near such digits. Same
# findings as running them over the whole text, several times faster.
_DIGIT_RUN = re.compile(r"\d{3}[- ]?\d{4}")
_WINDOW_MARGIN = 32
NUMBER_KINDS = [k for k in PATTERNS if k != "email"]
PARALLEL_MIN_FILES = 2000   # scan_files: below this, scan in this process
CHECKS = ("patterns", "names", "removed")
WINDOW_MEMO = 100_000       # windows remembered (about 20 MB), then forgotten at once
# Lines found clean, remembered per process (short ones, up to LINE_MEMO of
# them, then forgotten at once): pages repeat most of their lines (layout,
# agency names, listing rows shown in several listings).
LINE_MEMO, LINE_MEMO_CHARS = 100_000, 400
# Search term shards (generators/search: t/<n>.json) hold character bigrams
# of published text as index keys: each stands alone between quotes, so every
# two-character name that is also part of a company name (金凯 in 天津金凯医药)
# would be a finding. Their text is audited on the pages it comes from; in
# them only names of three or more characters are looked for.
BIGRAM_FILES = re.compile(r"^search/t/[^/]+\.json$")


def number_windows(text: str) -> list[list[int]]:
    """Merged [start, end) spans of the text around _DIGIT_RUN's matches."""
    out: list[list[int]] = []
    n = len(text)
    for m in _DIGIT_RUN.finditer(text):
        start, end = max(0, m.start() - _WINDOW_MARGIN), min(n, m.end() + _WINDOW_MARGIN)
        if out and start <= out[-1][1]:
            out[-1][1] = end
        else:
            out.append([start, end])
    return out


@dataclass(frozen=True, order=True)
class AuditFinding:
    file: str
    kind: str
    detail: str

    def __str__(self):
        return f"{self.file}: {self.kind}: {self.detail}"


def _automaton(words) -> ahocorasick.Automaton | None:
    words = sorted({w for w in words if w})
    if not words:
        return None
    a = ahocorasick.Automaton()
    for w in words:
        a.add_word(w, w)
    a.make_automaton()
    return a


def mask_for_report(kind: str, value: str) -> str:
    """Findings never repeat the personal value itself."""
    if kind in ("name",):
        return value[0] + "*" * (len(value) - 1)
    digits = re.sub(r"\W", "", value)
    return f"{digits[:3]}…（{len(digits)} 位）" if kind != "email" else "…@" + value.split("@")[-1][:3] + "…"


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class Auditor:
    def __init__(self, *, names=(), public_names=(), public_numbers=(), public_emails=(), removed=(),
                 public_texts=()):
        """public_texts: published names (organisations' names) that may
        contain a person's name as part of a longer word (金佳文 in
        天津金佳文化传媒股份有限公司); unlike public_names they do not make
        the person's name itself public."""
        public_names = {n for n in public_names if n}
        self.public_texts = frozenset(t for t in public_texts if t) | public_names
        self.name_words = frozenset(n for n in names if n and len(n) >= 2 and n not in public_names)
        self.names = _automaton(self.name_words)
        self.public_digits = {re.sub(r"\D", "", p) for p in public_numbers if p}
        # "is this number part of a public one": one substring search in a blob
        self._public_blob = "\n" + "\n".join(sorted(d for d in self.public_digits if len(d) >= 7)) + "\n"
        self._allowed: dict[str, bool] = {}
        self._windows: dict[tuple, list] = {}
        self._clean: tuple[set, set] = (set(), set())  # per file kind: bigram shards or not
        # a private name inside a public one (欧阳子 in the officer 欧阳子艳) is no finding
        self.public_names = _automaton(n for n in self.public_texts if self.names is not None
                                       and any(len(w) < len(n) for _, w in self.names.iter(n)))
        self.public_codes = {p.upper() for p in public_numbers if p}
        self.public_emails = {e.lower() for e in public_emails if e}
        self.removed_words = frozenset(w for w in removed if w)
        self.removed = _automaton(self.removed_words)

    def _allowed_number(self, value: str) -> bool:
        got = self._allowed.get(value)
        if got is None:
            digits = re.sub(r"\D", "", value)
            got = self._allowed[value] = (value.upper() in self.public_codes or digits in self.public_digits
                                          or (len(digits) >= 7 and digits in self._public_blob))
        return got

    def scan_text(self, name: str, text: str) -> list[AuditFinding]:
        """Every check, on the lines not already found clean.

        Nothing a check looks for or at spans a line break, so a line's
        findings do not depend on the lines around it: a line found clean
        once is clean in any file of the same kind (BIGRAM_FILES or not)."""
        memo = self._clean[bool(BIGRAM_FILES.match(name))]
        new = [line for line in dict.fromkeys(text.split("\n")) if line not in memo]
        if not new:
            return []
        found = self.check_text(name, "\n".join(new))
        if not found:
            if len(memo) >= LINE_MEMO:
                memo.clear()
            memo.update(line for line in new if len(line) <= LINE_MEMO_CHARS)
        return found

    def check_text(self, name: str, text: str) -> list[AuditFinding]:
        return self.scan_patterns(name, text) + self.scan_names(name, text) + self.scan_removed(name, text)

    def scan_patterns(self, name: str, text: str) -> list[AuditFinding]:
        """Resident IDs, phone numbers, bank accounts, e-mail addresses not public by law."""
        found = []
        memo = self._windows
        for start, end in number_windows(text):
            # What the patterns find in a window depends on its text and the
            # one character before it (the look-behinds): pages repeat most of
            # their windows (header, footer, agency contacts).
            key = (start > 0, text[start - 1 if start else 0:end])
            hits = memo.get(key)
            if hits is None:
                hits = [(kind, m.group(0)) for kind in NUMBER_KINDS for m in PATTERNS[kind].finditer(text, start, end)]
                if len(memo) >= WINDOW_MEMO:
                    memo.clear()
                memo[key] = hits
            for kind, value in hits:
                if not self._allowed_number(value):
                    found.append(AuditFinding(name, kind, mask_for_report(kind, value)))
        if "@" in text:
            for m in PATTERNS["email"].finditer(text):
                if m.group(0).lower() not in self.public_emails:
                    found.append(AuditFinding(name, "email", mask_for_report("email", m.group(0))))
        return found

    def scan_names(self, name: str, text: str) -> list[AuditFinding]:
        """Unmasked names of natural persons known to the build."""
        found = []
        bigrams = bool(BIGRAM_FILES.match(name))
        public = companies = None
        if self.names is not None:
            for end, word in self.names.iter(text):
                start = end - len(word) + 1
                if len(word) == 2 and bigrams:
                    continue
                if len(word) == 2:  # short names: where they stand alone or the text says it is a person
                    before = text[start - 1] if start > 0 else ""
                    after = text[end + 1] if end + 1 < len(text) else ""
                    if (HAN.match(before) or HAN.match(after)) and not (
                            PERSON_BEFORE.search(text[max(0, start - 8):start])
                            or PERSON_AFTER.match(text[end + 1:end + 8])):
                        continue
                if self.public_names is not None:
                    if public is None:
                        public = [(e - len(w) + 1, e) for e, w in self.public_names.iter(text)]
                    if any(s <= start and end <= e for s, e in public):
                        continue
                if len(word) >= 3 and not (PERSON_BEFORE.search(text[max(0, start - 8):start])
                                           or PERSON_AFTER.match(text[end + 1:end + 8])):
                    if companies is None:
                        companies = [(m.end("region"), m.end()) for m in COMPANY.finditer(text)]
                    if any(s <= start and end < e for s, e in companies):
                        continue
                found.append(AuditFinding(name, "name", mask_for_report("name", word)))
        return found

    def scan_removed(self, name: str, text: str) -> list[AuditFinding]:
        """Removed decisions named by number or slug."""
        found = []
        if self.removed is not None:
            for end, word in self.removed.iter(text):
                after = text[end + 1] if end + 1 < len(text) else ""
                if _ascii_alnum(word[-1:]) and _ascii_alnum(after):
                    continue  # a longer number that merely starts the same way (not 号 followed by 系: CJK is alnum too)
                found.append(AuditFinding(name, "removed_decision", word))
        return found

    def scan_file(self, root: Path, rel: str, checks: tuple = CHECKS) -> list[AuditFinding]:
        """`checks`: which of "patterns", "names", "removed" to run (all by default)."""
        if Path(rel).suffix.lower() not in TEXT_SUFFIXES:
            return []
        found = []
        try:
            for text in _line_chunks(Path(root) / rel):
                if checks == CHECKS:
                    found.extend(self.scan_text(rel, text))
                else:
                    found.extend(f for check in checks for f in getattr(self, "scan_" + check)(rel, text))
        except OSError as exc:
            return [AuditFinding(rel, "unreadable", str(exc))]
        return found

    def scan_files(self, root: Path, rels: list[str], progress=None, workers: int | None = None,
                   checks: tuple = CHECKS) -> list[AuditFinding]:
        """scan_file over `rels` (paths relative to root), in one worker process
        per core when there are many (fork: the automata are inherited)."""
        rels = list(rels)
        workers = workers or os.cpu_count() or 1
        if workers == 1 or len(rels) < PARALLEL_MIN_FILES:
            findings = []
            for i, rel in enumerate(rels):
                findings.extend(self.scan_file(root, rel, checks))
                if progress and i and i % 5000 == 0:
                    progress(f"审查输出文件 {i}/{len(rels)}")
            return sorted(set(findings))
        global _SCAN
        sizes = {rel: _size(Path(root) / rel) for rel in rels}
        rels.sort(key=lambda rel: -sizes[rel])  # large files first: no lone worker at the end
        _SCAN = (self, Path(root), rels, checks)
        chunks = _chunks([sizes[rel] for rel in rels])
        findings, done = [], 0
        gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for part, n in pool.imap_unordered(_scan_chunk, chunks):
                    findings.extend(part)
                    done += n
                    if progress and done % 5000 < n:
                        progress(f"审查输出文件 {done}/{len(rels)}")
        finally:
            gc.unfreeze()
            _SCAN = None
        return sorted(set(findings))

    def scan_dir(self, root: Path, progress=None) -> list[AuditFinding]:
        return self.scan_files(Path(root), output_files(root), progress)


def output_files(root: Path) -> list[str]:
    """Every file under `root`, as sorted paths relative to it."""
    rels = []
    for top, _dirs, files in os.walk(root):
        rel_top = Path(top).relative_to(root).as_posix()
        prefix = "" if rel_top == "." else rel_top + "/"
        rels.extend(prefix + f for f in files)
    return sorted(rels)


_SCAN: tuple | None = None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


CHUNK_BYTES = 4 << 20
TASK_FILES, TASK_BYTES = 500, 4 << 20


def _chunks(sizes: list[int]) -> list[tuple[int, int]]:
    """[start, end) runs of files (sorted largest first) for one worker task
    each: at most TASK_FILES files or about TASK_BYTES, so the few large files
    (open data, sitemap) go to different workers at once."""
    out, start, total = [], 0, 0
    for i, size in enumerate(sizes):
        if i > start and (i - start >= TASK_FILES or total + size > TASK_BYTES):
            out.append((start, i))
            start, total = i, 0
        total += size
    if start < len(sizes):
        out.append((start, len(sizes)))
    return out


def _line_chunks(path: Path, size: int | None = None):
    """The file's text in pieces of whole lines (one piece if it is small).

    Nothing the audit looks for spans a line break (numbers, names, e-mail
    addresses, decision numbers), and a line break before or after a piece
    looks to every check like the start or end of the text: the findings are
    those of the whole text, without holding a large file (open data: 80 MB
    of UTF-8, 4 bytes a character as a str) in memory at once."""
    size = size or CHUNK_BYTES
    with open(path, "rb") as f:
        first, rest = True, b""
        while True:
            block = f.read(size)
            data = rest + block
            if not block:
                if data or first:
                    yield data.decode("utf-8-sig" if first else "utf-8", errors="replace")
                return
            cut = data.rfind(b"\n") + 1
            if cut == 0:  # no line break yet: read on
                rest = data
                continue
            yield data[:cut].decode("utf-8-sig" if first else "utf-8", errors="replace")
            first, rest = False, data[cut:]


def _scan_chunk(bounds: tuple[int, int]) -> tuple[list[AuditFinding], int]:
    auditor, root, rels, checks = _SCAN
    out = []
    for rel in rels[bounds[0]:bounds[1]]:
        out.extend(auditor.scan_file(root, rel, checks))
    return out, bounds[1] - bounds[0]


def auditor_for(ds, settings: dict | None = None, extra_removed=()) -> Auditor:
    """An Auditor that knows the build's people, public numbers and removed decisions.

    `extra_removed`: further numbers/slugs that must appear nowhere (ops: decisions
    shown by the previous release that have since left the data altogether)."""
    from .ids import decision_slug
    from .publication import PUBLISHED, WITHDRAWN

    settings = settings or {}
    site = settings.get("PORTAL_SITE", {})
    names = {p for d in ds.decisions for p in d.persons}
    public_names = {r.values["name"] for r in ds.officers}
    public_names |= {s.name for s in ds.directory.subjects}
    public_numbers = {s.phone for s in ds.directory.subjects} | {s.code for s in ds.directory.subjects}
    public_numbers |= {r.values["cert_no"] for r in ds.officers}
    public_numbers |= {d.target_code for d in ds.decisions if d.target_code}
    # decision numbers (some are digit-only platform record numbers) and item
    # codes are public; a removed decision's number is caught as removed_decision
    public_numbers |= {d.decision_no for d in ds.decisions}
    public_numbers |= {r.values.get("code", "") for r in ds.items}
    public_numbers |= {d.slug for d in ds.decisions}
    public_numbers |= {site.get("host_phone", ""), site.get("objection_phone", ""), site.get("psb_code", ""),
                       site.get("site_code", "")}
    public_numbers |= set(settings.get("PORTAL_PUBLIC_NUMBERS", []))
    removed = set(extra_removed)
    for o in ds.outcomes:
        if o.status not in (PUBLISHED, WITHDRAWN):
            removed.add(o.decision.decision_no)
            removed.add(decision_slug(o.decision.decision_no))
    organisations = {d.target_name for d in ds.decisions if d.target_type != "自然人"}
    return Auditor(names=names, public_names=public_names, public_texts=organisations, public_numbers=public_numbers,
                   public_emails={site.get("contact_email", "")}, removed=removed)
