// Node test of the browser search: the vendored lunr.js 2.3.9 and
// search-core.js query indexes built by the Python side from the fixture.
// Run: node --test tests/js/   (PORTAL_PYTHON selects the Python, default python3)
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const lunr = require(join(ROOT, "themes/portal/static/vendor/lunr/lunr.js"));
const core = require(join(ROOT, "themes/portal/static/js/search-core.js"));
const FIX = join(ROOT, "tests/fixtures/search");
const fixture = JSON.parse(readFileSync(join(FIX, "fixture.json"), "utf8"));
const cases = JSON.parse(readFileSync(join(FIX, "tokenize_cases.json"), "utf8"));
const PYTHON = process.env.PORTAL_PYTHON || "python3";

function build(extra = []) {
  const dir = mkdtempSync(join(tmpdir(), "search-test-"));
  const r = spawnSync(PYTHON, ["-m", "generators.search.build_fixture", dir, ...extra], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, `build_fixture failed: ${r.stderr}`);
  return dir;
}

function engineFor(dir) {
  const loaded = [];
  const engine = new core.Engine({
    lunr,
    load: async (path) => { loaded.push(path); return JSON.parse(readFileSync(join(dir, path), "utf8")); },
  });
  return { engine, loaded };
}

const decisions = fixture.docs.filter((d) => d.kind === "decision");
const notices = fixture.docs.filter((d) => d.kind === "notice");
const urlsOf = (pred) => new Set(decisions.filter(pred).map((d) => d.url));

async function resultUrls(engine, q, filters) {
  const res = await engine.search(q, filters);
  const recs = await engine.records(res.results.map((r) => r.seq));
  return { res, recs, urls: recs.map((r) => r.url) };
}

test("tokeniser: same tokens as Python on the shared table", () => {
  assert.equal(cases.tokenizer, core.TOKENIZER_VERSION);
  for (const c of cases.cases) {
    assert.deepEqual(core.tokenize(c.text), c.tokens, `tokenize(${JSON.stringify(c.text)})`);
    assert.deepEqual(core.queryTokens(c.text), c.query_tokens, `queryTokens(${JSON.stringify(c.text)})`);
    assert.equal(core.exactKey(c.text), c.exact_key, `exactKey(${JSON.stringify(c.text)})`);
    assert.equal(core.significantLength(c.text), c.significant, `significantLength(${JSON.stringify(c.text)})`);
  }
});

test("lunr.js trimmer would delete Han text (why our pipeline is empty)", () => {
  const t = new lunr.Token("鑫隆");
  assert.equal(lunr.trimmer(t).toString(), "");
});

test("FNV-1a matches the Python shard hash", () => {
  assert.equal(core.fnv1a32(""), 0x811c9dc5);
  assert.equal(core.fnv1a32("a"), 0xe40c292c);
  assert.equal(core.fnv1a32("foobar"), 0xbf9cf968);
});

test("formatting and safe links", () => {
  assert.equal(core.formatYuan(5000), "5,000 元");
  assert.equal(core.formatYuan(12345.5), "12,345.50 元");
  assert.equal(core.formatYuan(null), "");
  assert.equal(core.safeHref("/", "decisions/0123abcd4567ef89/"), "/decisions/0123abcd4567ef89/");
  assert.equal(core.safeHref("../", "decisions/x/"), "../decisions/x/");
  assert.equal(core.safeHref("/", "javascript:alert(1)"), null);
  assert.equal(core.safeHref("/", "//evil.example/"), null);
  assert.equal(core.safeHref("/", "../../etc"), null);
});

test("queries against the built fixture index", async (t) => {
  const dir = build();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { engine } = engineFor(dir);
  const m = await engine.manifest();
  assert.ok(m.termShards > 1, "fixture build must exercise several term shards");

  await t.test("name fragments of 2+ characters", async () => {
    for (const frag of ["鑫隆", "鑫隆商贸", "华信科技", "恒盛建筑", "小吃店", "𠮷野", "𠮷野家", "五金店", "天津鑫隆商贸有限公司"]) {
      const { urls } = await resultUrls(engine, frag);
      const expected = urlsOf((d) => d.target_name.includes(frag));
      assert.ok(expected.size > 0, frag);
      // every decision whose name contains the fragment is found, and ranked first
      assert.deepEqual(new Set(urls.slice(0, expected.size)), expected, `query ${frag}`);
    }
  });

  await t.test("AND semantics: all bigrams required", async () => {
    const { urls } = await resultUrls(engine, "鑫隆物业");
    assert.deepEqual(new Set(urls), urlsOf((d) => d.target_name.includes("鑫隆物业")));
    const none = await engine.search("鑫隆化工");
    assert.equal(none.status, "empty");
  });

  await t.test("USCC, with any case and spacing", async () => {
    for (const q of ["91120101MA05T8XK1B", "91120101ma05t8xk1b", " 91120101 MA05T8XK1B "]) {
      const { res, urls } = await resultUrls(engine, q);
      const expected = urlsOf((d) => d.target_code === "91120101MA05T8XK1B");
      assert.deepEqual(new Set(urls.slice(0, expected.size)), expected, q);
      assert.ok(res.results.slice(0, expected.size).every((r) => r.exact));
    }
  });

  await t.test("decision numbers with and without brackets and 号", async () => {
    const d = decisions.find((x) => x.decision_no === "津西市监罚[2024]101号");
    for (const q of ["津西市监罚[2024]101号", "津西市监罚〔2024〕101号", "津西市监罚（2024）101号", "津西市监罚(2024)101",
      "津西市监罚2024101", "津西市监罚〔2024〕第101号", "津西市监罚 2024 101 号"]) {
      const { res, urls } = await resultUrls(engine, q);
      assert.equal(urls[0], d.url, q);
      assert.ok(res.results[0].exact, q);
    }
  });

  await t.test("officer certificate numbers and names", async () => {
    let res = await engine.search("12010023002");
    assert.equal(res.officers.length, 1);
    assert.equal(res.officers[0].name, "刘芳");
    assert.equal(res.officers[0].status, "暂扣");
    res = await engine.search("jz 1201 0456");
    assert.equal(res.officers[0].name, "陈𠀾明");
    assert.equal(res.officers[0].status, "注销");
    res = await engine.search("王建国");
    assert.equal(res.officers[0].cert_no, "12010023001");
  });

  await t.test("withdrawal notices: found by number only, nothing else", async () => {
    for (const n of notices) {
      const variants = [n.decision_no, n.decision_no.replace(/[〔〕\[\]（）()]/g, "").replace(/号$/, "")];
      for (const q of variants) {
        const res = await engine.search(q);
        assert.equal(res.notices.length, 1, q);
        assert.deepEqual(Object.keys(res.notices[0]).sort(), ["no", "url"]);
        assert.equal(res.notices[0].url, n.url);
        const recs = await engine.records(res.results.map((r) => r.seq));
        assert.ok(!recs.some((r) => r.url === n.url), "notice must not be a decision result");
      }
    }
    const res = await engine.search("999");
    assert.equal(res.notices.length, 0);
    assert.ok(!(await engine.records(res.results.map((r) => r.seq))).some((r) => notices.some((n) => n.url === r.url)));
  });

  await t.test("query syntax characters are plain text", async () => {
    for (const q of ["鑫隆-商贸", "鑫隆:商贸", "鑫隆*", "鑫隆~1", "+鑫隆 ^2", "<script>"]) {
      const res = await engine.search(q);
      assert.ok(["ok", "empty"].includes(res.status), q);
    }
    const { urls } = await resultUrls(engine, "<script>alert(1)</script>");
    assert.deepEqual(new Set(urls.slice(0, 2)), urlsOf((d) => d.target_name.startsWith("<script>")));
  });

  await t.test("too short queries", async () => {
    for (const q of ["", " ", "张", "a", "〔〕", "-"]) {
      assert.equal((await engine.search(q)).status, "short", JSON.stringify(q));
    }
  });

  await t.test("facets: counts over loaded results and filtering", async () => {
    const all = await engine.search("天津");
    assert.ok(all.results.length > 5);
    const cat = all.facets.category.find(([v]) => v === "行政处罚");
    assert.ok(cat);
    const only = await engine.search("天津", { category: "行政处罚" });
    assert.equal(only.results.length, cat[1]);
    const recs = await engine.records(only.results.map((r) => r.seq));
    assert.ok(recs.every((r) => r.category === "行政处罚"));
    const y = await engine.search("天津", { year: "2024", penalty: "罚款" });
    const yrecs = await engine.records(y.results.map((r) => r.seq));
    assert.ok(yrecs.length > 0 && yrecs.every((r) => r.date.startsWith("2024") && r.penalties.includes("罚款")));
  });
});

test("truncated postings: rare tokens still give complete answers", async (t) => {
  const dir = build(["--top-n", "4"]);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { engine, loaded } = engineFor(dir);
  const { res, urls } = await resultUrls(engine, "鑫隆商贸");
  assert.ok(res.truncated.includes("鑫隆") && res.truncated.includes("商贸"));
  assert.deepEqual(new Set(urls), urlsOf((d) => d.target_name.includes("鑫隆商贸")));
  const common = await engine.search("有限公司");
  assert.ok(common.results.length > 0 && common.results.length <= 4 * 3 * 3);
  assert.ok(loaded.every((p) => /^(manifest\.json|[tmx]\/\d+\.json)$/.test(p)));
});
