/*
 * Search core of the enforcement portal: tokeniser, shard selection, lunr
 * queries and ranking.  No DOM: loaded by the browser (global SearchCore)
 * and by Node (require / import) for tests.
 *
 * The tokeniser must give exactly the tokens of generators/search/tokenize.py
 * (tests/fixtures/search/tokenize_cases.json is checked on both sides).
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.SearchCore = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var TOKENIZER_VERSION = "bigram-1";
  var MAX_QUERY_TOKENS = 6;
  var MIN_QUERY_CHARS = 2;

  function foldCp(cp) {
    if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
    else if (cp === 0x3000) cp = 0x20;
    if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
    return cp;
  }
  function isAlnum(cp) {
    return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a);
  }
  function isHan(cp) {
    return cp === 0x3007 || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff);
  }

  /* Runs of [kind, [chars]]: kind "a" (alnum) or "h" (Han), by code point. */
  function runs(text) {
    var out = [], kind = null, buf = [];
    for (var ch of String(text == null ? "" : text)) {
      var cp = foldCp(ch.codePointAt(0));
      var k = isAlnum(cp) ? "a" : isHan(cp) ? "h" : null;
      if (k !== kind && buf.length) { out.push([kind, buf]); buf = []; }
      kind = k;
      if (k !== null) buf.push(String.fromCodePoint(cp));
    }
    if (buf.length) out.push([kind, buf]);
    return out;
  }

  function tokenize(text) {
    var out = [];
    runs(text).forEach(function (r) {
      var chars = r[1];
      if (r[0] === "a" || chars.length === 1) out.push(chars.join(""));
      else for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    });
    return out;
  }

  function queryTokens(text) {
    var seen = new Set(), out = [];
    tokenize(text).forEach(function (t) { if (!seen.has(t)) { seen.add(t); out.push(t); } });
    return out;
  }

  function significantLength(text) {
    return runs(text).reduce(function (n, r) { return n + r[1].length; }, 0);
  }

  function isDigit(ch) { return ch >= "0" && ch <= "9"; }

  function exactKey(text) {
    var chars = [];
    runs(text).forEach(function (r) { chars = chars.concat(r[1]); });
    var out = [];
    for (var i = 0; i < chars.length; i++) {
      if (chars[i] === "第" && i > 0 && i < chars.length - 1 && isDigit(chars[i - 1]) && isDigit(chars[i + 1])) continue;
      out.push(chars[i]);
    }
    if (out.length > 1 && out[out.length - 1] === "号") out.pop();
    return out.join("");
  }

  var encoder = new TextEncoder();
  function fnv1a32(text) {
    var bytes = encoder.encode(text), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function isHanUnigram(token) {
    var cps = Array.from(token);
    return cps.length === 1 && isHan(cps[0].codePointAt(0));
  }

  /*
   * Tokens to look up for a query: all of them up to MAX_QUERY_TOKENS;
   * beyond that, Han bigrams are thinned to a non-overlapping cover (every
   * other bigram plus the last of each run), which still requires every
   * character of the query.
   */
  function selectQueryTokens(text, max) {
    max = max || MAX_QUERY_TOKENS;
    var all = queryTokens(text);
    if (all.length <= max) return all;
    var picked = [], seen = new Set();
    runs(text).forEach(function (r) {
      var chars = r[1];
      if (r[0] === "a" || chars.length === 1) { add(chars.join("")); return; }
      for (var i = 0; i + 1 < chars.length; i += 2) add(chars[i] + chars[i + 1]);
      if (chars.length % 2 === 1) add(chars[chars.length - 2] + chars[chars.length - 1]);
    });
    function add(t) { if (!seen.has(t)) { seen.add(t); picked.push(t); } }
    return picked.slice(0, max);
  }

  function termShard(token, manifest) { return fnv1a32(token) % manifest.termShards; }
  function exactShard(key, manifest) { return fnv1a32(key) % manifest.exactShards; }

  var SAFE_URL = /^[A-Za-z0-9_~-][A-Za-z0-9._~\/#%-]*$/;
  /* Link to a site-relative URL from the index; null if it looks unsafe. */
  function safeHref(root, url) {
    if (typeof url !== "string" || !SAFE_URL.test(url) || url.indexOf("..") >= 0 || url.indexOf("//") >= 0) return null;
    var r = String(root || "/");
    if (r.charAt(r.length - 1) !== "/") r += "/";
    return r + url;
  }

  function formatYuan(v) {
    if (v === null || v === undefined || v === "" || !isFinite(Number(v))) return "";
    var n = Number(v), neg = n < 0;
    n = Math.abs(n);
    var fixed = Math.round(n * 100) % 100 === 0 ? Math.round(n).toString() : n.toFixed(2);
    var parts = fixed.split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (neg ? "-" : "") + parts.join(".") + " 元";
  }

  var FACETS = ["category", "agency", "year", "penalty"];

  function facetValues(codes, manifest) {
    var f = manifest.facets;
    return {
      category: codes[0] >= 0 ? [f.category[codes[0]]] : [],
      agency: codes[1] >= 0 ? [f.agency[codes[1]]] : [],
      year: codes[2] ? [String(codes[2])] : [],
      penalty: (codes[3] || []).map(function (i) { return f.penalty[i]; }),
    };
  }

  function matchesFilters(values, filters) {
    for (var i = 0; i < FACETS.length; i++) {
      var k = FACETS[i], want = filters && filters[k];
      if (want && values[k].indexOf(String(want)) < 0) return false;
    }
    return true;
  }

  function facetCounts(results) {
    var counts = {};
    FACETS.forEach(function (k) { counts[k] = new Map(); });
    results.forEach(function (r) {
      FACETS.forEach(function (k) {
        r.values[k].forEach(function (v) { counts[k].set(v, (counts[k].get(v) || 0) + 1); });
      });
    });
    var out = {};
    FACETS.forEach(function (k) {
      out[k] = Array.from(counts[k].entries()).sort(function (a, b) {
        if (k === "year") return b[0] < a[0] ? -1 : b[0] > a[0] ? 1 : 0;
        return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
      });
    });
    return out;
  }

  /*
   * Engine: `load(path)` returns a Promise of the parsed JSON of a file under
   * the site's search/ directory ("manifest.json", "t/3.json", ...).
   */
  function Engine(opts) {
    this.lunr = opts.lunr;
    this.load = opts.load;
    this._manifest = null;
    this._shards = new Map();
    this._exact = new Map();
    this._chunks = new Map();
  }

  Engine.prototype.manifest = function () {
    if (!this._manifest) {
      var self = this;
      this._manifest = this.load("manifest.json").then(function (m) {
        if (m.tokenizer !== TOKENIZER_VERSION) throw new Error("search index tokenizer " + m.tokenizer + " != " + TOKENIZER_VERSION);
        return m;
      }, function (e) { self._manifest = null; throw e; });
    }
    return this._manifest;
  };

  Engine.prototype._cached = function (cache, path, make) {
    if (!cache.has(path)) {
      var p = this.load(path).then(make);
      p.catch(function () { cache.delete(path); });
      cache.set(path, p);
    }
    return cache.get(path);
  };

  Engine.prototype.termShard = function (n) {
    var lunr = this.lunr;
    return this._cached(this._shards, "t/" + n + ".json", function (json) {
      return { index: lunr.Index.load(json.index), facets: json.facets, truncated: json.truncated || {} };
    });
  };

  /* Postings of one token: {token, complete, df, hits: Map(ref -> score), facets}. */
  Engine.prototype.postings = function (token) {
    var self = this, lunr = this.lunr;
    return this.manifest().then(function (m) {
      return self.termShard(termShard(token, m));
    }).then(function (shard) {
      var hits = new Map();
      if (Object.prototype.hasOwnProperty.call(shard.index.invertedIndex, token)) {
        shard.index.query(function (q) {
          q.term(token, { usePipeline: false, wildcard: lunr.Query.wildcard.NONE });
        }).forEach(function (r) { hits.set(r.ref, r.score); });
      }
      var trunc = Object.prototype.hasOwnProperty.call(shard.truncated, token);
      return { token: token, complete: !trunc, df: trunc ? shard.truncated[token] : hits.size, hits: hits, facets: shard.facets };
    });
  };

  Engine.prototype.exact = function (key) {
    var self = this;
    return this.manifest().then(function (m) {
      return self._cached(self._exact, "x/" + exactShard(key, m) + ".json", function (j) { return j; });
    }).then(function (table) {
      return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : null;
    });
  };

  /*
   * Run a query.  Returns {status, query, tokens, results, officers, notices,
   * facets, loaded, truncated}; status is "short", "empty" (nothing found)
   * or "ok".  `results` are decisions ranked: exact identifier matches
   * first, then by the number of query tokens matched, lunr score, newest.
   */
  Engine.prototype.search = function (query, filters) {
    var self = this;
    query = String(query == null ? "" : query);
    if (significantLength(query) < MIN_QUERY_CHARS) {
      return Promise.resolve({ status: "short", query: query, tokens: [], results: [], officers: [], notices: [], facets: facetCounts([]), loaded: 0, truncated: [] });
    }
    return this.manifest().then(function (m) {
      var tokens = selectQueryTokens(query);
      var key = exactKey(query);
      var plan = exactPlan(key);
      var f = filters || {};
      function lists() {
        return Promise.all(tokens.map(function (t) { return self.postings(t); }));
      }
      if (plan === "first") {
        // Identifier-like query (has digits): an exact hit answers it alone.
        return self.exact(key).then(function (exact) {
          if (exact) return combine(m, query, [], exact, [], f);
          return lists().then(function (l) { return combine(m, query, tokens, null, l, f); });
        });
      }
      var exactP = plan === "parallel" ? self.exact(key) : Promise.resolve(null);
      return Promise.all([exactP, lists()]).then(function (res) {
        return combine(m, query, tokens, res[0], res[1], f);
      });
    });
  };

  /*
   * When to consult the exact tables: "first" for keys with a digit
   * (decision, USCC and certificate numbers: an exact hit answers the query
   * alone), "parallel" for other keys of 2+ characters (a full organisation
   * name or an officer's name, shown above the full-text results).
   */
  function exactPlan(key) {
    var n = Array.from(key).length;
    if (n < 2) return "none";
    return /[0-9]/.test(key) ? "first" : "parallel";
  }

  function combine(m, query, tokens, exact, lists, filters) {
    var byRef = new Map();
    function entry(ref, codes) {
      var e = byRef.get(ref);
      if (!e) { e = { ref: ref, seq: parseInt(ref, 36), score: 0, matched: 0, exact: false, codes: codes }; byRef.set(ref, e); }
      return e;
    }
    var required = lists.filter(function (l) { return l.complete && !isHanUnigram(l.token); });
    var candidates = null;
    if (required.length) {
      required.slice().sort(function (a, b) { return a.hits.size - b.hits.size; }).forEach(function (l) {
        if (candidates === null) candidates = new Set(l.hits.keys());
        else candidates.forEach(function (ref) { if (!l.hits.has(ref)) candidates.delete(ref); });
      });
    }
    lists.forEach(function (l) {
      l.hits.forEach(function (score, ref) {
        if (candidates !== null && !candidates.has(ref)) return;
        var e = entry(ref, l.facets[ref]);
        e.score += score;
        e.matched += 1;
      });
    });
    var officers = [], notices = [];
    if (exact) {
      (exact.d || []).forEach(function (row) {
        var e = entry(row[0], row.slice(1));
        e.exact = true;
      });
      officers = exact.o || [];
      notices = exact.n || [];
    }
    var all = Array.from(byRef.values());
    all.forEach(function (e) { e.values = facetValues(e.codes || [-1, -1, 0, []], m); });
    var filtered = all.filter(function (e) { return matchesFilters(e.values, filters); });
    filtered.sort(function (a, b) {
      return (b.exact - a.exact) || (b.matched - a.matched) || (b.score - a.score) || (a.seq - b.seq);
    });
    var truncated = lists.filter(function (l) { return !l.complete; }).map(function (l) { return l.token; });
    var found = filtered.length + officers.length + notices.length;
    return {
      status: found ? "ok" : "empty",
      query: query,
      tokens: tokens,
      results: filtered,
      officers: officers,
      notices: notices,
      facets: facetCounts(filtered),
      loaded: all.length,
      truncated: truncated,
    };
  }

  /* Display records for decision seqs (loads only the chunks needed). */
  Engine.prototype.records = function (seqs) {
    var self = this;
    return this.manifest().then(function (m) {
      return Promise.all(seqs.map(function (seq) {
        var c = Math.floor(seq / m.chunkSize);
        return self._cached(self._chunks, "m/" + c + ".json", function (j) { return j; }).then(function (chunk) {
          return chunk[seq - c * m.chunkSize] || null;
        });
      }));
    });
  };

  return {
    TOKENIZER_VERSION: TOKENIZER_VERSION,
    MIN_QUERY_CHARS: MIN_QUERY_CHARS,
    FACETS: FACETS,
    foldCp: foldCp,
    tokenize: tokenize,
    queryTokens: queryTokens,
    selectQueryTokens: selectQueryTokens,
    significantLength: significantLength,
    exactKey: exactKey,
    fnv1a32: fnv1a32,
    termShard: termShard,
    exactShard: exactShard,
    safeHref: safeHref,
    formatYuan: formatYuan,
    facetValues: facetValues,
    Engine: Engine,
  };
});
