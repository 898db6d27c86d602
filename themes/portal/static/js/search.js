/*
 * Search page of the enforcement portal (progressive enhancement).
 *
 * Needs, in this order: vendor/lunr/lunr.js, js/search-core.js, js/search.js,
 * and on the page:
 *   <form id="search-form" action="" method="get" role="search"
 *         data-search-root="{{ SITEURL }}/"> <input id="q" name="q"> ... </form>
 *   <div id="search-results" aria-live="polite"></div>
 * Text from the index is only ever inserted with textContent.
 */
(function () {
  "use strict";

  var PAGE = 10;
  var FACET_LABELS = { category: "执法类别", agency: "执法机关", year: "年度", penalty: "处罚种类" };
  var STATUS_NOTES = { "暂扣": "执法证暂扣，暂停执法资格", "注销": "执法证已注销，不得从事执法活动" };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "className") node.className = attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function readState() {
    var p = new URLSearchParams(window.location.search);
    var s = { q: p.get("q") || "" };
    SearchCore.FACETS.forEach(function (k) { var v = p.get(k); if (v) s[k] = v; });
    return s;
  }

  function stateURL(state) {
    var p = new URLSearchParams();
    if (state.q) p.set("q", state.q);
    SearchCore.FACETS.forEach(function (k) { if (state[k]) p.set(k, state[k]); });
    var qs = p.toString();
    return window.location.pathname + (qs ? "?" + qs : "");
  }

  function init() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("q");
    var out = document.getElementById("search-results");
    if (!form || !input || !out || !window.lunr || !window.SearchCore) return;
    var root = form.getAttribute("data-search-root") || "/";
    if (root.charAt(root.length - 1) !== "/") root += "/";
    var rootURL = new URL(root, document.baseURI);
    var base = new URL("search/", rootURL);
    var version = null;
    var originalTitle = document.title;

    function load(path) {
      var url = new URL(path, base);
      if (version) url.searchParams.set("v", version);
      return fetch(url.href, path === "manifest.json" ? { cache: "no-cache" } : {}).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + path);
        return r.json();
      }).then(function (j) {
        if (path === "manifest.json") version = j.version;
        return j;
      });
    }

    var engine = new SearchCore.Engine({ lunr: window.lunr, load: load });
    var runId = 0;

    function href(url) { return SearchCore.safeHref(rootURL.href, url); }

    function go(state, push) {
      var url = stateURL(state);
      if (push) window.history.pushState(state, "", url);
      else window.history.replaceState(state, "", url);
      run(state);
    }

    function message(text, cls) {
      out.replaceChildren(el("p", { className: "search-message " + (cls || ""), text: text }));
    }

    function run(state) {
      var id = ++runId;
      input.value = state.q || "";
      document.title = state.q ? "“" + state.q + "”的搜索结果 - " + originalTitle : originalTitle;
      if (!state.q || !state.q.trim()) { out.replaceChildren(); return; }
      out.setAttribute("aria-busy", "true");
      message("正在搜索…");
      var filters = {};
      SearchCore.FACETS.forEach(function (k) { if (state[k]) filters[k] = state[k]; });
      engine.search(state.q, filters).then(function (res) {
        if (id !== runId) return null;
        if (res.status === "short") {
          message("请至少输入两个字（汉字、字母或数字），例如企业名称中连续的两个字、统一社会信用代码、决定书文号或执法证号。", "search-short");
          return null;
        }
        return engine.records(res.results.slice(0, PAGE).map(function (r) { return r.seq; })).then(function (recs) {
          if (id !== runId) return;
          render(state, res, recs);
        });
      }).catch(function (e) {
        if (id !== runId) return;
        message("搜索暂时不可用，请稍后再试，或浏览下方的公示列表。", "search-error");
        if (window.console) console.error(e);
      }).then(function () { if (id === runId) out.removeAttribute("aria-busy"); });
    }

    function render(state, res, recs) {
      var nodes = [];
      var hasFilter = SearchCore.FACETS.some(function (k) { return state[k]; });
      if (res.status === "empty") {
        nodes.push(el("p", { className: "search-message search-empty",
          text: hasFilter ? "在当前筛选条件下未找到与“" + state.q + "”相关的结果。" :
            "未找到与“" + state.q + "”相关的结果。请检查输入，或换用名称中的其他连续字词、统一社会信用代码、决定书文号。" }));
        if (hasFilter) nodes.push(el("p", {}, [facetLink(state, null, null, "清除筛选条件")]));
        out.replaceChildren.apply(out, nodes);
        return;
      }
      nodes.push(el("p", { className: "search-summary", text: summaryText(res) }));
      if (res.truncated.length) {
        nodes.push(el("p", { className: "search-note",
          text: "提示：查询中含有常见字词，对这些字词只检索最相关的部分记录；输入更完整的名称可获得更准确的结果。" }));
      }
      if (res.officers.length) nodes.push(officerSection(res.officers));
      if (res.notices.length) nodes.push(noticeSection(res.notices));
      if (res.results.length || hasFilter) nodes.push(facetSection(state, res));
      if (res.results.length) {
        var list = el("ol", { className: "search-result-list" });
        appendResults(list, recs, res.results);
        nodes.push(el("section", { className: "search-decisions" }, [el("h2", { text: "执法决定" }), list]));
        if (res.results.length > recs.length) nodes.push(moreButton(list, res, recs.length));
      }
      out.replaceChildren.apply(out, nodes);
    }

    function summaryText(res) {
      var parts = [];
      if (res.results.length) parts.push("执法决定 " + res.results.length + " 条");
      if (res.officers.length) parts.push("执法人员 " + res.officers.length + " 名");
      if (res.notices.length) parts.push("撤回公告 " + res.notices.length + " 条");
      return "“" + res.query + "”的搜索结果：" + parts.join("，") + "。";
    }

    function appendResults(list, recs, results) {
      recs.forEach(function (rec, i) {
        if (!rec) return;
        var link = href(rec.url);
        var title = rec.target || rec.no;
        var heading = el("h3", { className: "search-result-title" }, [link ? el("a", { href: link, text: title }) : title]);
        var dl = el("dl", { className: "search-result-fields" });
        function row(label, value) {
          if (!value) return;
          dl.appendChild(el("dt", { text: label }));
          dl.appendChild(el("dd", { text: value }));
        }
        row("决定书文号", rec.no);
        row("执法机关", rec.agency);
        row("执法类别", rec.category);
        row("决定日期", rec.date);
        row("处罚种类", (rec.penalties || []).join("、"));
        row("罚款金额", SearchCore.formatYuan(rec.fine));
        var li = el("li", { className: "search-result" + (results[i] && results[i].exact ? " search-exact" : "") }, [heading, dl]);
        list.appendChild(li);
      });
    }

    function moreButton(list, res, shown) {
      var btn = el("button", { type: "button", className: "search-more", text: "显示更多结果" });
      btn.addEventListener("click", function () {
        btn.disabled = true;
        var next = res.results.slice(shown, shown + PAGE);
        engine.records(next.map(function (r) { return r.seq; })).then(function (recs) {
          appendResults(list, recs, next);
          shown += next.length;
          if (shown >= res.results.length) btn.remove();
          else btn.disabled = false;
        }, function () { btn.disabled = false; });
      });
      return btn;
    }

    function officerSection(officers) {
      var list = el("ul", { className: "search-officer-list" });
      officers.forEach(function (o) {
        var dl = el("dl", {});
        function row(label, value, cls) {
          if (!value) return;
          dl.appendChild(el("dt", { text: label }));
          dl.appendChild(el("dd", cls ? { className: cls, text: value } : { text: value }));
        }
        row("执法证号", o.cert_no);
        row("所属机关", o.agency);
        row("执法类别", o.domain);
        var warn = STATUS_NOTES[o.status];
        var today = new Date().toISOString().slice(0, 10);
        if (!warn && o.valid_until && o.valid_until < today) warn = "执法证已过有效期，不得从事执法活动";
        row("状态", warn ? o.status + "（" + warn + "）" : o.status, warn ? "officer-status officer-status-invalid" : "officer-status");
        row("有效期至", o.valid_until);
        var link = href(o.url);
        var name = link ? el("a", { href: link, text: o.name }) : o.name;
        var cls = "search-officer" + (warn ? " search-officer-invalid" : "");
        list.appendChild(el("li", { className: cls }, [el("h3", {}, [name]), dl]));
      });
      return el("section", { className: "search-officers" }, [el("h2", { text: "执法人员（按执法证号或姓名匹配）" }), list]);
    }

    function noticeSection(notices) {
      var list = el("ul", { className: "search-notice-list" });
      notices.forEach(function (n) {
        var link = href(n.url);
        list.appendChild(el("li", { className: "search-notice" }, [
          el("strong", { className: "badge-withdrawn", text: "已撤回" }), " ",
          link ? el("a", { href: link, text: n.no }) : n.no,
          "（该决定已撤回，点击查看撤回公告）",
        ]));
      });
      return el("section", { className: "search-notices" }, [el("h2", { text: "已撤回的决定" }), list]);
    }

    function facetLink(state, key, value, text) {
      var next = { q: state.q };
      SearchCore.FACETS.forEach(function (k) { if (state[k]) next[k] = state[k]; });
      if (key === null) SearchCore.FACETS.forEach(function (k) { delete next[k]; });
      else if (value === null) delete next[key];
      else next[key] = value;
      var a = el("a", { href: stateURL(next), text: text });
      a.addEventListener("click", function (ev) {
        if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
        ev.preventDefault();
        go(next, true);
      });
      return a;
    }

    function facetSection(state, res) {
      var nav = el("nav", { className: "search-facets", "aria-label": "筛选结果" });
      nav.appendChild(el("h2", { text: "筛选" }));
      nav.appendChild(el("p", { className: "search-facet-note",
        text: "以下计数基于已载入的 " + res.results.length + " 条结果，而非全部公示记录。" }));
      SearchCore.FACETS.forEach(function (k) {
        var values = res.facets[k];
        if (!values.length && !state[k]) return;
        var ul = el("ul", {});
        if (state[k]) {
          ul.appendChild(el("li", { className: "facet-selected" }, [
            el("strong", { text: state[k] }), "（已选） ", facetLink(state, k, null, "取消"),
          ]));
        }
        values.forEach(function (pair) {
          if (pair[0] === state[k]) return;
          ul.appendChild(el("li", {}, [facetLink(state, k, pair[0], pair[0]), " (" + pair[1] + ")"]));
        });
        nav.appendChild(el("div", { className: "search-facet", "data-facet": k }, [el("h3", { text: FACET_LABELS[k] }), ul]));
      });
      return nav;
    }

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      go({ q: input.value.trim() }, true);
    });
    window.addEventListener("popstate", function () { run(readState()); });
    engine.manifest().catch(function () {});  // warm up: one round trip less per first query
    var initial = readState();
    if (initial.q) go(initial, false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
