"""The tiny site equals its golden files byte for byte. After an intended
change, run `make golden` and review `git diff tests/golden`."""
import difflib

from tests.golden import GOLDEN, golden_files


def test_tiny_site_matches_golden_files(tiny_site):
    out, _ = tiny_site
    built = golden_files(out)
    golden = golden_files(GOLDEN)
    assert sorted(built) == sorted(golden), "file list differs: run `make golden` if intended"
    for rel, data in built.items():
        if data != golden[rel]:
            diff = "\n".join(list(difflib.unified_diff(
                golden[rel].decode("utf-8", "replace").splitlines(),
                data.decode("utf-8", "replace").splitlines(), "golden/" + rel, "built/" + rel, lineterm=""))[:40])
            raise AssertionError(f"{rel} differs from its golden file (run `make golden` if intended):\n{diff}")
