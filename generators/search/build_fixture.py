"""Build the search index of the test fixture:

    python -m generators.search.build_fixture OUTDIR [FIXTURE_JSON]

FIXTURE_JSON defaults to tests/fixtures/search/fixture.json ({"docs": [...],
"officers": [...]}).  Small ``--top-n``/``--shard`` values exercise
truncation and multi-shard layouts on small data.  Used by the Node test
(tests/js/search.test.mjs) and by the pytest side.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from .build import write_search_index

DEFAULT_FIXTURE = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "search" / "fixture.json"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m generators.search.build_fixture")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("fixture", type=Path, nargs="?", default=DEFAULT_FIXTURE)
    ap.add_argument("--top-n", type=int, default=None)
    ap.add_argument("--postings-per-shard", type=int, default=40)
    ap.add_argument("--keys-per-exact-shard", type=int, default=16)
    ap.add_argument("--chunk", type=int, default=4)
    args = ap.parse_args(argv)
    data = json.loads(args.fixture.read_text(encoding="utf-8"))
    kw = {"postings_per_shard": args.postings_per_shard,
          "keys_per_exact_shard": args.keys_per_exact_shard, "chunk": args.chunk}
    if args.top_n:
        kw["top_n"] = args.top_n
    files = write_search_index(data["docs"], data.get("officers", []), args.outdir, **kw)
    print(json.dumps({"files": len(files)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
