"""Benchmark of the search index (figures recorded in docs/search.md).

    python -m generators.search.bench [--sizes 10000 100000] [--out .bench/search]
        [--no-browser] [--pagefind] [--repeats 3]

For each size N it synthesises N decisions (seeded, realistic random Chinese
company names, USCCs, decision numbers, summaries) plus officers and
withdrawal notices, builds the index in a fresh subprocess (build time, peak
RSS, file count, total bytes), then loads the stand-alone search page in
headless Chromium (Playwright, /usr/bin/chromium) and, for a set of typical
queries, each on a fresh browser context (cold cache), measures the time from
submitting the form to the results being shown and the bytes fetched from
search/ (raw, and gzip -6 as a server would send them).  With --pagefind it
also indexes one HTML page per decision with Pagefind (``pagefind[extended]``)
and measures the same queries through Pagefind's JS API.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ..bench.queries import RUN_OURS, serve

REGIONS = ["天津", "北京", "上海", "广州", "深圳", "成都", "杭州", "武汉", "南京", "西安", "重庆", "苏州",
           "郑州", "长沙", "沈阳", "青岛", "济南", "大连", "厦门", "福州", "合肥", "昆明", "哈尔滨", "石家庄"]
ZIHAO = ("鑫隆华信恒盛瑞丰宏达金鼎博远安泰永新海天中兴福源嘉德创康佳诚益通元明宇辰腾翔凯捷"
         "汇聚晟昌荣升鸿运祥和顺利百川万家众联长城东方正大顺发锦程世纪伟业开元盈科智慧云帆"
         "星河蓝天绿洲金桥银河紫光汉唐秦风楚韵龙腾凤鸣华夏神州中科天启九州四海德润宝丰润泽"
         "亿达美佳乐华骏峰卓越精诚铭远立信弘毅锐意启明晨光旭日朝阳金秋春晖冬青松柏竹梅兰菊")
INDUSTRY = ["科技", "商贸", "建筑工程", "餐饮管理", "物流", "医药", "食品", "环保科技", "汽车销售", "教育咨询",
            "文化传媒", "房地产开发", "物业服务", "电子", "机械设备", "化工", "服装", "贸易", "信息技术",
            "装饰工程", "农业发展", "生物科技", "酒店管理", "劳务派遣", "运输", "建材", "家具", "印刷"]
SUFFIX = ["有限公司"] * 14 + ["有限责任公司"] * 2 + ["股份有限公司"]
SHOPS = ["小吃店", "五金店", "便利店", "水果店", "理发店", "烟酒店", "汽修部", "早餐店", "粮油店", "服装店"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
RARE = ["𠮷", "𡈼", "𠀾", "𪚥", "𬌗", "𫟹"]  # CJK Extension B+ characters seen in names
DEPTS = [("市场监督管理局", "市监", "市场监管"), ("生态环境局", "环", "生态环境"), ("应急管理局", "应急", "应急管理"),
         ("交通运输局", "交", "交通运输"), ("城市管理综合执法局", "城管", "城市管理"), ("卫生健康委员会", "卫健", "卫生健康"),
         ("文化和旅游局", "文旅", "文化旅游"), ("农业农村局", "农", "农业")]
DISTRICTS = ["和平区", "河西区", "南开区", "河东区", "河北区", "红桥区", "东丽区", "西青区", "津南区", "北辰区",
             "武清区", "宝坻区", "滨海新区", "宁河区", "静海区", "蓟州区"]
SUMMARIES = ["销售不符合食品安全标准的食品", "未按规定公示年度报告", "超标排放大气污染物", "未取得许可从事道路运输经营",
             "安全生产隐患未及时整改", "发布虚假广告", "未按规定进行消防安全检查", "无证经营", "违法占道经营",
             "销售过期食品", "未建立进货查验记录制度", "使用未经检定的计量器具", "生产销售不合格产品",
             "违规倾倒建筑垃圾", "擅自改变房屋用途", "未按规定办理环境影响评价", "非法占用耕地", "医疗废物处置不当"]
PENALTIES = [["警告"], ["罚款"], ["警告", "罚款"], ["罚款", "没收违法所得"], ["责令停产停业"], ["暂扣许可证件"],
             ["通报批评"], ["罚款", "没收非法财物"]]
CATEGORIES = ["行政处罚"] * 7 + ["行政检查", "行政许可", "行政强制"]
ALNUM = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _slug(no: str) -> str:
    return hashlib.sha256(no.encode("utf-8")).hexdigest()[:16]


def synth(n: int, seed: int = 20250305):
    """N published decisions, ~n/100 withdrawal notices and ~n/50 officers."""
    rnd = random.Random(seed)
    agencies = []
    for dist in DISTRICTS:
        for name, abbr, domain in DEPTS:
            agencies.append((f"天津市{dist}{name}", f"津{dist[0]}{abbr}", domain))
    n_companies = max(10, int(n * 0.6))
    companies = []
    for i in range(n_companies):
        r = rnd.random()
        if r < 0.80:
            zh = rnd.choice(ZIHAO) + rnd.choice(ZIHAO)
            if rnd.random() < 0.01:
                zh = rnd.choice(RARE) + zh[1]
            name = rnd.choice(REGIONS) + ("市" if rnd.random() < 0.3 else "") + zh + rnd.choice(INDUSTRY) + rnd.choice(SUFFIX)
            code = "91" + "".join(rnd.choice(ALNUM) for _ in range(16))
        elif r < 0.93:
            name = rnd.choice(SURNAMES) + "某" + rnd.choice(SHOPS)
            if rnd.random() < 0.5:
                name = "天津市" + rnd.choice(DISTRICTS) + name
            code = "92" + "".join(rnd.choice(ALNUM) for _ in range(16))
        else:
            name, code = rnd.choice(SURNAMES) + "某", ""
        companies.append((name, code))
    counters: dict[tuple, int] = {}
    docs = []
    for i in range(n):
        name, code = companies[rnd.randrange(n_companies)]
        ag, abbr, _ = rnd.choice(agencies)
        year = rnd.choice([2023, 2024, 2025])
        cat = rnd.choice(CATEGORIES)
        k = {"行政处罚": "罚", "行政检查": "检", "行政许可": "许", "行政强制": "强"}[cat]
        counters[(abbr, k, year)] = counters.get((abbr, k, year), 0) + 1
        no = f"{abbr}{k}〔{year}〕{counters[(abbr, k, year)]}号"
        pens = rnd.choice(PENALTIES) if cat == "行政处罚" else []
        fine = float(rnd.choice([500, 2000, 5000, 10000, 50000, 200000])) if "罚款" in pens else None
        slug = _slug(no)
        docs.append({"id": slug, "url": f"decisions/{slug}/", "kind": "decision", "decision_no": no,
                     "target_name": name, "target_code": code, "agency": ag, "category": cat, "year": year,
                     "date": f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}", "fine_yuan": fine,
                     "penalty_types": pens,
                     "summary": "当事人" + rnd.choice(SUMMARIES) + ("，责令改正" if rnd.random() < 0.5 else "")})
    for j in range(max(1, n // 100)):
        ag, abbr, _ = rnd.choice(agencies)
        no = f"{abbr}罚〔2024〕{90000 + j}号"
        docs.append({"id": _slug(no), "url": f"decisions/{_slug(no)}/", "kind": "notice", "decision_no": no,
                     "target_name": "", "target_code": "", "agency": ag, "category": "行政处罚", "year": 2024,
                     "date": "2024-06-01", "fine_yuan": None, "penalty_types": [], "summary": ""})
    officers = []
    for j in range(max(3, n // 50)):
        ag, _, domain = rnd.choice(agencies)
        cert = f"12{rnd.randint(0, 99):02d}{j:07d}"
        officers.append({"name": rnd.choice(SURNAMES) + "".join(rnd.choice(ZIHAO) for _ in range(rnd.choice([1, 2]))),
                         "cert_no": cert, "agency": ag, "domain": domain,
                         "status": rnd.choice(["有效"] * 8 + ["暂扣", "注销"]),
                         "valid_until": "2027-12-31", "url": f"officers/#{cert}"})
    return docs, officers


def typical_queries(docs, officers, seed: int = 7):
    rnd = random.Random(seed)
    firms = [d for d in docs if d["kind"] == "decision" and d["target_name"].endswith("公司")]
    d = rnd.choice(firms)
    name = d["target_name"]
    i = next(k for k, r in enumerate(REGIONS) if name.startswith(r))
    rest = name[len(REGIONS[i]):].lstrip("市")
    zihao = rest[:2]
    dec = rnd.choice([x for x in docs if x["kind"] == "decision"])
    notice = next(x for x in docs if x["kind"] == "notice")
    return [
        ("字号 (2 chars)", zihao),
        ("字号+行业 (4+ chars)", rest[:2] + next(ind for ind in INDUSTRY if rest[2:].startswith(ind))),
        ("full company name", name),
        ("USCC", d["target_code"]),
        ("decision no. without 〔〕/号", dec["decision_no"].replace("〔", "").replace("〕", "").rstrip("号")),
        ("officer cert no.", rnd.choice(officers)["cert_no"]),
        ("withdrawn decision no.", notice["decision_no"]),
        ("common words 有限公司", "有限公司"),
        ("summary words 食品安全", "食品安全"),
    ]


# ---------------------------------------------------------------------------
# build step (run in a fresh process so that peak RSS is its own)

def _build_child(n: int, out: Path) -> dict:
    from .build import write_search_index
    t0 = time.perf_counter()
    docs, officers = synth(n)
    t_synth = time.perf_counter() - t0
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    (out / "data.json").write_text(json.dumps({"queries": typical_queries(docs, officers)}, ensure_ascii=False),
                                   encoding="utf-8")
    t1 = time.perf_counter()
    files = write_search_index(docs, officers, out / "site" / "search")
    t_build = time.perf_counter() - t1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = sum(f.stat().st_size for f in files)
    by_dir: dict[str, list[int]] = {}
    for f in files:
        by_dir.setdefault(f.parent.name if f.parent.name != "search" else ".", []).append(f.stat().st_size)
    return {"n": n, "synth_s": round(t_synth, 2), "build_s": round(t_build, 2),
            "rss_before_build_mb": round(rss_before, 1), "peak_rss_mb": round(peak, 1),
            "files": len(files), "total_bytes": total,
            "by_dir": {k: {"files": len(v), "bytes": sum(v), "max": max(v)} for k, v in sorted(by_dir.items())}}


def build_step(n: int, out: Path, python: str = sys.executable) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    if (out / "site").exists():
        shutil.rmtree(out / "site")
    code = ("import json,sys; from pathlib import Path; from generators.search.bench import _build_child;"
            f"print(json.dumps(_build_child({n}, Path({str(out)!r}))))")
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([python, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------
# browser step

def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6, mtime=0))


def browser_step(site: Path, queries, chromium: str | None = None, repeats: int = 3) -> list[dict]:
    from playwright.sync_api import sync_playwright
    from .demo import write_demo_site

    write_demo_site(site, "/")
    server, base = serve(site)
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium or shutil.which("chromium"), args=["--no-sandbox"])
            for label, q in queries:
                times = []
                for _ in range(repeats):  # each on a fresh context: cold cache
                    ctx = browser.new_context()
                    page = ctx.new_page()
                    fetched: list[str] = []
                    page.on("requestfinished", lambda r, f=fetched: f.append(r.url))
                    # the page prefetches manifest.json: counted in the bytes, not in the time
                    page.goto(base + "/search/", wait_until="networkidle")
                    res = page.evaluate(RUN_OURS, q)
                    if res["ms"] < 0:
                        raise RuntimeError(f"search did not settle within 20 s for {q!r}")
                    times.append(res["ms"])
                    ctx.close()
                paths = sorted({u.split("?")[0][len(base) + 1:] for u in fetched if "/search/" in u} - {"search/"})
                files = [site / pth for pth in paths]
                rows.append({"label": label, "query": q, "ms": round(sorted(times)[len(times) // 2], 1),
                             "ms_all": [round(t, 1) for t in times], "results": res["results"],
                             "officers": res["officers"], "notices": res["notices"], "requests": len(files),
                             "raw_bytes": sum(f.stat().st_size for f in files),
                             "gz_bytes": sum(_gz(f) for f in files)})
            browser.close()
    finally:
        server.shutdown()
    return rows


def page_assets_gz(site: Path) -> int:
    return sum(_gz(site / "theme" / rel) for rel in ("vendor/lunr/lunr.js", "js/search-core.js", "js/search.js"))


# ---------------------------------------------------------------------------
# Pagefind comparison (optional: pip install 'pagefind[extended]')

def pagefind_step(n: int, out: Path, queries, chromium: str | None = None, repeats: int = 3) -> dict:
    from playwright.sync_api import sync_playwright
    docs, _ = synth(n)
    site = out / "pagefind-site"
    if site.exists():
        shutil.rmtree(site)
    import html as h
    for d in docs:
        if d["kind"] != "decision":
            continue
        page = site / d["url"] / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        fine = f"<p>罚款金额：{d['fine_yuan']} 元</p>" if d["fine_yuan"] is not None else ""
        page.write_text(
            f"<!DOCTYPE html><html lang=zh-CN><head><meta charset=utf-8><title>{h.escape(d['decision_no'])}</title></head>"
            f"<body><main data-pagefind-body><h1>{h.escape(d['target_name'])}</h1>"
            f"<p>决定书文号：{h.escape(d['decision_no'])}</p><p>统一社会信用代码：{h.escape(d['target_code'])}</p>"
            f"<p>执法机关：{h.escape(d['agency'])}</p><p>{h.escape(d['category'])} {'、'.join(d['penalty_types'])}</p>"
            f"<p>{h.escape(d['summary'])}</p>{fine}<p>{d['date']}</p></main></body></html>", encoding="utf-8")
    (site / "pf.html").write_text("<!DOCTYPE html><meta charset=utf-8><title>pf</title><body></body>", encoding="utf-8")
    t0 = time.perf_counter()
    wrapper = ("import resource, subprocess, sys;"
               "r = subprocess.run([sys.executable, '-m', 'pagefind', '--site', sys.argv[1]]);"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)")
    proc = subprocess.run([sys.executable, "-c", wrapper, str(site)], capture_output=True, text=True)
    t_build = time.perf_counter() - t0
    if proc.returncode != 0:
        return {"error": proc.stderr[-2000:]}
    pf = site / "pagefind"
    pf_files = [f for f in pf.rglob("*") if f.is_file()]
    result = {"n": n, "build_s": round(t_build, 1), "files": len(pf_files),
              "peak_rss_mb": round(int(proc.stdout.strip().splitlines()[-1]) / 1024, 1),
              "total_bytes": sum(f.stat().st_size for f in pf_files), "queries": []}
    server, base = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium or shutil.which("chromium"), args=["--no-sandbox"])
            for label, q in queries:
                times = []
                for _ in range(repeats):
                    ctx = browser.new_context()
                    page = ctx.new_page()
                    fetched: list[str] = []
                    page.on("requestfinished", lambda r, f=fetched: f.append(r.url))
                    page.goto(base + "/pf.html", wait_until="load")
                    # like our manifest prefetch: Pagefind's init (entry, wasm, meta) is not timed
                    page.evaluate("async () => { window.pf = await import('/pagefind/pagefind.js'); await window.pf.init(); }")
                    init_paths = sorted({u.split("?")[0][len(base) + 1:] for u in fetched if "/pagefind/" in u})
                    fetched.clear()
                    res = page.evaluate("""async (q) => {
                      const t0 = performance.now();
                      const r = await window.pf.search(q);
                      const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
                      return {ms: performance.now() - t0, results: r.results.length, shown: data.length};
                    }""", q)
                    times.append(res["ms"])
                    ctx.close()
                paths = sorted({u.split("?")[0][len(base) + 1:] for u in fetched if "/pagefind/" in u})

                def size(pths):
                    # pf_meta / pf_index / pf_fragment / wasm files are stored gzip-compressed
                    return sum((site / p).stat().st_size if (p.endswith(".pagefind") or ".pf_" in p)
                               else _gz(site / p) for p in pths)
                result["queries"].append({"label": label, "query": q, "ms": round(sorted(times)[len(times) // 2], 1),
                                          "results": res["results"], "requests": len(paths), "gz_bytes": size(paths),
                                          "init_gz_bytes": size(init_paths)})
            browser.close()
    finally:
        server.shutdown()
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m generators.search.bench")
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--out", type=Path, default=Path(".bench/search"))
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--pagefind", action="store_true")
    ap.add_argument("--chromium", default=os.environ.get("PORTAL_CHROMIUM"))
    ap.add_argument("--repeats", type=int, default=3, help="timed runs per query (median reported)")
    args = ap.parse_args(argv)
    report = []
    for n in args.sizes:
        out = args.out / str(n)
        row = build_step(n, out)
        queries = json.loads((out / "data.json").read_text(encoding="utf-8"))["queries"]
        if not args.no_browser:
            row["queries"] = browser_step(out / "site", queries, args.chromium, args.repeats)
            row["page_js_gz"] = page_assets_gz(out / "site")
        if args.pagefind:
            row["pagefind"] = pagefind_step(n, out, queries, args.chromium, args.repeats)
        row["loadavg"] = [round(x, 2) for x in os.getloadavg()]
        report.append(row)
        print(json.dumps(row, ensure_ascii=False, indent=1), flush=True)
    (args.out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
