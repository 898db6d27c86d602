"""Golden files of the tiny site: `make golden` (python -m tests.golden)
rebuilds tests/fixtures/tiny into tests/golden/tiny. Review the diff with
`git diff tests/golden` before committing it."""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "tiny"
SKIP_PREFIXES = ("theme/",)


def golden_files(site: Path) -> dict[str, bytes]:
    out = {}
    for p in sorted(site.rglob("*")):
        rel = p.relative_to(site).as_posix()
        if p.is_file() and not rel.startswith(SKIP_PREFIXES):
            out[rel] = p.read_bytes()
    return out


def build_tiny(dest: Path):
    sys.path.insert(0, str(ROOT))
    from tests.conftest import TINY, build_site

    result = build_site(TINY, dest)
    if not result.ok:
        raise SystemExit(f"tiny site failed to build: {result.report.get('error')}")
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_tiny(site)
        if GOLDEN.exists():
            shutil.rmtree(GOLDEN)
        for rel, data in golden_files(site).items():
            target = GOLDEN / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    print(f"golden files written to {GOLDEN.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
