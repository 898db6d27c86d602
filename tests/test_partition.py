"""Two partitions (two sets of decision exports over the same shared files),
built as independent jobs and merged, make the very site one build over all
the data makes: every page, listing, data file and search shard."""
from __future__ import annotations

import json
import shutil

import pytest

from generators.build import BuildFailed
from generators.partition import build_partition, merge

from .conftest import TINY, TINY_TODAY, all_files

PART_FILES = {"a": ["utf8_chinese.csv", "CF_shuanggongshi.csv"], "b": ["excel_export.xlsx", "gbk_export.csv"]}


def _partition_data(tmp_path, name):
    d = tmp_path / f"data-{name}"
    shutil.copytree(TINY, d, ignore=shutil.ignore_patterns("decisions"))
    (d / "decisions").mkdir()
    for f in PART_FILES[name]:
        shutil.copy2(TINY / "decisions" / f, d / "decisions" / f)
    return d


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in all_files(root)}


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("partitions")
    assert sorted(sum(PART_FILES.values(), [])) == sorted(p.name for p in (TINY / "decisions").iterdir())
    out = {}
    for name in PART_FILES:
        build_partition(_partition_data(tmp, name), tmp / f"part-{name}", today=TINY_TODAY, quiet=True)
        out[name] = tmp / f"part-{name}"
    return tmp, out


def test_merged_partitions_make_the_same_site_as_one_build(parts, tiny_site):
    tmp, p = parts
    result = merge([p["a"], p["b"]], tmp / "merged", quiet=True)
    merged, full = _tree(tmp / "merged"), _tree(tiny_site[0])
    assert sorted(merged) == sorted(full)
    assert [k for k in full if merged[k] != full[k]] == []
    # the decision pages came from the partitions, the site-wide pages from the merge
    pages = [k for k in full if k.startswith("decisions/") and len(k.split("/")) == 3 and len(k.split("/")[1]) == 16]
    assert result["reused"] == len(pages) == 9 and result["rendered"] > 0
    manifest = json.loads(merged["search/manifest.json"])
    a = json.loads((p["a"] / "site" / "search" / "manifest.json").read_text())
    b = json.loads((p["b"] / "site" / "search" / "manifest.json").read_text())
    assert manifest["counts"]["decisions"] == a["counts"]["decisions"] + b["counts"]["decisions"] > 0


def test_merge_refuses_partitions_with_different_shared_files(parts, tmp_path):
    _, p = parts
    other = tmp_path / "part-c"
    shutil.copytree(p["b"], other)
    meta = json.loads((other / "partition.json").read_text())
    meta["shared"]["subjects.csv"] = "0" * 64
    (other / "partition.json").write_text(json.dumps(meta))
    with pytest.raises(BuildFailed, match="共用文件"):
        merge([p["a"], other], tmp_path / "merged", quiet=True)
    assert not (tmp_path / "merged").exists()


def test_merge_refuses_a_decision_in_two_partitions(parts, tmp_path):
    _, p = parts
    with pytest.raises(BuildFailed, match="多个分区"):
        merge([p["a"], p["a"]], tmp_path / "merged", quiet=True)


def test_merge_audit_finds_a_name_from_another_partition(parts, tmp_path):
    """A page taken from partition a naming a person known only to partition b
    stops the merge (the partition's own audit could not know the name)."""
    import pickle

    _, p = parts
    a = tmp_path / "part-a"
    shutil.copytree(p["a"], a)
    with open(p["b"] / "dataset.pickle", "rb") as f:
        names = sorted({n for d in pickle.load(f).decisions for n in d.persons if len(n) >= 3})
    assert names
    page = next(n for n in json.loads((a / "pages.json").read_text())
                if n.startswith("decisions/") and n.count("/") == 2)
    target = a / "site" / page
    text = target.read_text(encoding="utf-8")
    target.unlink()
    target.write_text(text.replace("</article>", f"<p>{names[0]}</p></article>"), encoding="utf-8")
    with pytest.raises(BuildFailed, match="name"):
        merge([a, p["b"]], tmp_path / "merged", quiet=True)
