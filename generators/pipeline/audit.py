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
PERSON_BEFORE = re.compile(r"(?:当事人|经营者|法定代表人|负责人|业主|户主|姓名|联系人|申请人|被处罚人|违法行为人|自然人)[：:]? ?$")
PERSON_AFTER = re.compile(r"^(?:[（(](?:身份证|男|女|公民身份)|[，,](?:男|女)[，,、])")
TEXT_SUFFIXES = {".html", ".htm", ".json", ".csv", ".xml", ".js", ".txt", ".css", ".svg", ".tsv", ".atom", ".md"}
HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")


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


class Auditor:
    def __init__(self, *, names=(), public_names=(), public_numbers=(), public_emails=(), removed=()):
        public_names = {n for n in public_names if n}
        self.name_words = frozenset(n for n in names if n and len(n) >= 2 and n not in public_names)
        self.names = _automaton(self.name_words)
        self.public_digits = {re.sub(r"\D", "", p) for p in public_numbers if p}
        self.public_codes = {p.upper() for p in public_numbers if p}
        self.public_emails = {e.lower() for e in public_emails if e}
        self.removed_words = frozenset(w for w in removed if w)
        self.removed = _automaton(self.removed_words)

    def _allowed_number(self, value: str) -> bool:
        digits = re.sub(r"\D", "", value)
        return value.upper() in self.public_codes or digits in self.public_digits or any(
            digits and digits in d for d in self.public_digits if len(d) >= len(digits) >= 7)

    def scan_text(self, name: str, text: str) -> list[AuditFinding]:
        return self.scan_patterns(name, text) + self.scan_names(name, text) + self.scan_removed(name, text)

    def scan_patterns(self, name: str, text: str) -> list[AuditFinding]:
        """Resident IDs, phone numbers, bank accounts, e-mail addresses not public by law."""
        found = []
        for kind, pattern in PATTERNS.items():
            for m in pattern.finditer(text):
                value = m.group(0)
                if kind == "email" and value.lower() in self.public_emails:
                    continue
                if kind != "email" and self._allowed_number(value):
                    continue
                found.append(AuditFinding(name, kind, mask_for_report(kind, value)))
        return found

    def scan_names(self, name: str, text: str) -> list[AuditFinding]:
        """Unmasked names of natural persons known to the build."""
        found = []
        if self.names is not None:
            for end, word in self.names.iter(text):
                start = end - len(word) + 1
                if len(word) == 2:  # short names: where they stand alone or the text says it is a person
                    before = text[start - 1] if start > 0 else ""
                    after = text[end + 1] if end + 1 < len(text) else ""
                    if (HAN.match(before) or HAN.match(after)) and not (
                            PERSON_BEFORE.search(text[max(0, start - 8):start])
                            or PERSON_AFTER.match(text[end + 1:end + 8])):
                        continue
                found.append(AuditFinding(name, "name", mask_for_report("name", word)))
        return found

    def scan_removed(self, name: str, text: str) -> list[AuditFinding]:
        """Removed decisions named by number or slug."""
        found = []
        if self.removed is not None:
            for end, word in self.removed.iter(text):
                after = text[end + 1] if end + 1 < len(text) else ""
                if word[-1:].isalnum() and after.isalnum():
                    continue  # a longer number that merely starts the same way
                found.append(AuditFinding(name, "removed_decision", word))
        return found

    def scan_dir(self, root: Path, progress=None) -> list[AuditFinding]:
        root = Path(root)
        findings = []
        files = sorted(p for p in root.rglob("*") if p.is_file())
        for i, path in enumerate(files):
            if path.suffix.lower() not in TEXT_SUFFIXES:
                continue
            try:
                text = path.read_text(encoding="utf-8-sig", errors="replace")
            except OSError as exc:
                findings.append(AuditFinding(str(path.relative_to(root)), "unreadable", str(exc)))
                continue
            findings.extend(self.scan_text(str(path.relative_to(root)), text))
            if progress and i and i % 5000 == 0:
                progress(f"审查输出文件 {i}/{len(files)}")
        return sorted(set(findings))


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
    return Auditor(names=names, public_names=public_names, public_numbers=public_numbers,
                   public_emails={site.get("contact_email", "")}, removed=removed)
