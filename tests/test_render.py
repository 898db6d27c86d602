"""Rendering in worker processes writes the same site; unchanged pages are
hard-linked from a previous output and the result equals a fresh build."""
from __future__ import annotations

import os

import pytest

from generators import render
from generators.build import render_and_audit
from generators.pipeline.gather import gather

from .conftest import TINY_TODAY, all_files


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in all_files(root)}


def _render(data, out, state=None):
    ds = gather(data, TINY_TODAY)
    extra = {"PORTAL_RENDER_STATE": state} if state is not None else None
    render_and_audit(ds, out, data_dir=data, today=TINY_TODAY, say=lambda m: None, extra_settings=extra)
    return out


@pytest.fixture
def two_workers(monkeypatch):
    monkeypatch.setattr(render, "MIN_PAGES_PER_WORKER", 1)
    monkeypatch.setenv("PORTAL_RENDER_WORKERS", "2")


def test_worker_processes_write_the_same_site(tiny_site, tiny_copy, tmp_path, two_workers):
    state = {}
    out = _render(tiny_copy, tmp_path / "w2", state)
    assert state["workers"] == 2 and state["reused"] == 0
    assert _tree(out) == _tree(tiny_site[0])


def test_unchanged_pages_are_linked_and_the_site_equals_a_fresh_build(tiny_copy, tmp_path, two_workers):
    first = {}
    a = _render(tiny_copy, tmp_path / "a", first)
    assert first["rendered"] > 20 and set(first["fingerprints"]) >= {"index.html", "404.html"}

    # Withdraw one more decision.
    w = tiny_copy / "withdrawals.csv"
    w.write_text(w.read_text(encoding="utf-8") + "津示市监罚〔2026〕1号,撤销,2026-11-01,经复议撤销。,\n",
                 encoding="utf-8")
    second = {"previous_dir": str(a), "previous": first["fingerprints"]}
    b = _render(tiny_copy, tmp_path / "b", second)
    fresh = _render(tiny_copy, tmp_path / "fresh")
    assert _tree(b) == _tree(fresh)

    linked = {n for n in second["fingerprints"] if os.path.samefile(a / n, b / n)}
    assert second["reused"] == len(linked) > 0
    assert second["rendered"] + second["reused"] == len(second["fingerprints"])
    changed = {n for n, fp in second["fingerprints"].items() if first["fingerprints"].get(n) != fp}
    assert not (changed & linked)
    # the withdrawn decision's page (now a notice) and the listings changed; others did not
    from generators.pipeline.ids import decision_slug

    assert f"decisions/{decision_slug('津示市监罚〔2026〕1号')}/index.html" in changed
    assert "decisions/index.html" in changed
    assert any(n.startswith("decisions/") and n in linked for n in second["fingerprints"])


def test_fingerprint_follows_context_values_the_template_reads(tmp_path):
    from jinja2 import DictLoader, Environment

    from generators.pages import Page

    env = Environment(loader=DictLoader({"base.html": "{{ SITE }}{% block c %}{% endblock %}",
                                         "p.html": "{% extends 'base.html' %}{% block c %}{{ x.y }}{% endblock %}"}))
    page = Page("p/", "p.html", {"x": {"y": 1}})
    fp = render.Fingerprinter(env, {"SITE": "a", "OTHER": 1})
    same = render.Fingerprinter(env, {"SITE": "a", "OTHER": 2})      # not read by p.html
    other = render.Fingerprinter(env, {"SITE": "b", "OTHER": 1})     # read by base.html
    assert fp(page, True) == same(page, True) != other(page, True)
    assert fp(page, True) != fp(Page("p/", "p.html", {"x": {"y": 2}}), True)
    assert fp(page, True) != fp(page, False)


def test_dict_first_getattr_keeps_dict_methods():
    from jinja2 import Environment

    env = Environment()
    env.getattr = render.dict_first_getattr(env)
    t = env.from_string("{{ d.a }} {{ d.items()|list|length }} {{ d.missing is undefined }} {{ o.imag }}")
    assert t.render(d={"a": 1, "items": 5}, o=3) == "1 2 True 0"


def test_lazy_page_urls_render_like_the_list_they_replace():
    from jinja2 import Environment, FileSystemLoader

    from generators.pipeline.views import Listing, PageURLs
    from .conftest import ROOT

    env = Environment(loader=FileSystemLoader(str(ROOT / "themes" / "portal" / "templates")), autoescape=True)
    macro = env.get_template("_macros.html").module.pagination
    listing = Listing("decisions/", "全部", [{"n": i} for i in range(1234)])
    pages = list(listing.pages(50))
    assert len(pages) == 25 and all(p["urls"] is pages[0][1]["urls"] for _, p in pages)
    for url, page in pages:
        as_list = dict(page, urls=[listing.base_url if j == 0 else f"{listing.base_url}page/{j + 1}/"
                                   for j in range(page["count"])])
        assert url == as_list["urls"][page["number"] - 1]
        assert str(macro(page)) == str(macro(as_list))
    urls = PageURLs("a/", 3)
    assert list(urls) == ["a/", "a/page/2/", "a/page/3/"] and urls[-1] == "a/page/3/" and len(urls) == 3


def test_open_data_files_are_what_pandas_and_json_dumps_made(tiny_site):
    """decisions.csv and decisions.json are written piece by piece; the bytes
    are those of DataFrame.to_csv and json.dumps (their former makers)."""
    import csv
    import io
    import json

    import pandas as pd

    from generators.pipeline import opendata

    out, result = tiny_site
    from generators.pipeline.views import build_site_model

    model = build_site_model(result.dataset)
    doc = json.loads(opendata.decisions_json(model, "http://x"))
    assert opendata.decisions_json(model, "http://x") == (
        json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    rows = list(csv.reader(io.StringIO(opendata.decisions_csv(model, "http://x").decode("utf-8-sig"))))
    frame = pd.DataFrame(rows[1:], columns=rows[0])
    buf = io.StringIO()
    frame.to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    assert opendata.decisions_csv(model, "http://x") == ("\ufeff" + buf.getvalue()).encode("utf-8")
    assert len(rows) > 5
