// gongkai site search: reads the index that gongkai build writes under
// search/ (see internal/search) with script elements only, so that it works
// over HTTP under any sub-path, from file:// and under the policy
// default-src 'self'. Everything shown from the index is set as text, never
// parsed as HTML; a highlight is a <mark> element made here.
(function () {
  "use strict";
  var PAGE = 20;      // results a page
  var MAX_KEYS = 4;   // keys looked up for one query: the rest is verified in the text
  var SNIPPET = 80;   // characters of a snippet
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var indexable = /[\p{L}\p{Nd}]/u;

  var store = { meta: null, keys: {}, raw: {}, docs: {} };
  var loading = {};

  // The registration functions the index files call.
  window.gongkaiSearch = {
    meta: function (m) { store.meta = m; },
    keys: function (n, k) { store.keys[n] = k; },
    text: function (id, b64) { store.raw[id] = b64; }
  };

  // load adds a script element for src once; the promise settles when it ran.
  function load(src) {
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.onload = function () { resolve(); };
        s.onerror = function () { delete loading[src]; reject(new Error(src)); };
        document.head.appendChild(s);
      });
    }
    return loading[src];
  }

  // fold is internal/search.Fold over a string: full-width ASCII to ASCII,
  // Latin capitals to small letters; the length never changes.
  function fold(s) {
    return s.replace(/[A-Z\uFF01-\uFF5E]/g, function (c) {
      var n = c.charCodeAt(0);
      if (n >= 0xFF01) { n -= 0xFEE0; }
      if (n >= 65 && n <= 90) { n += 32; }
      return String.fromCharCode(n);
    });
  }

  // keysOf lists the keys of a folded query: each pair of adjacent
  // indexable characters, or the character alone in a run of one.
  function keysOf(q) {
    var out = [], run = [];
    function flush() {
      if (run.length === 1) { out.push(run[0]); }
      for (var i = 1; i < run.length; i++) { out.push(run[i - 1] + run[i]); }
      run = [];
    }
    Array.from(q).forEach(function (c) {
      if (indexable.test(c)) { run.push(c); } else { flush(); }
    });
    flush();
    out = out.filter(function (k, i) { return out.indexOf(k) === i; });
    if (out.length <= MAX_KEYS) { return out; }
    // Evenly spread keys find nearly the same candidates; the text decides.
    var picked = [];
    for (var i = 0; i < MAX_KEYS; i++) {
      picked.push(out[Math.round(i * (out.length - 1) / (MAX_KEYS - 1))]);
    }
    return picked;
  }

  // shardOf is FNV-1a over the key's code points, as internal/search.
  function shardOf(k, n) {
    var h = 2166136261;
    Array.from(k).forEach(function (c) {
      h = Math.imul(h ^ c.codePointAt(0), 16777619) >>> 0;
    });
    return h % n;
  }

  function decode(s) {
    var ids = [], v = 0, shift = 0, prev = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGITS.indexOf(s.charAt(i));
      v += (d & 31) * Math.pow(2, shift);
      shift += 5;
      if (d & 32) { continue; }
      if (ids.length > 0) { v += prev; }
      ids.push(v);
      prev = v; v = 0; shift = 0;
    }
    return ids;
  }

  function intersect(a, b) {
    var set = new Set(b);
    return a.filter(function (x) { return set.has(x); });
  }

  // candidates are the numbers of the reports holding every key.
  function candidates(keys) {
    var m = store.meta;
    var files = keys.map(function (k) { return "k/" + shardOf(k, m.keys) + ".js"; });
    return Promise.all(files.map(load)).then(function () {
      var ids = null;
      keys.forEach(function (k) {
        var p = store.keys[shardOf(k, m.keys)][k];
        var list = p ? decode(p) : [];
        ids = ids === null ? list : intersect(ids, list);
      });
      return ids || [];
    });
  }

  function doc(id) {
    if (store.docs[id]) { return Promise.resolve(store.docs[id]); }
    return load("t/" + id + ".js").then(function () {
      var bin = atob(store.raw[id]);
      var bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).text();
    }).then(function (json) {
      var d = JSON.parse(json);
      delete store.raw[id];
      d.id = id;
      d.folded = d.s.map(function (s) { return fold(s[2]); });
      store.docs[id] = d;
      return d;
    });
  }

  function count(hay, needle) {
    var n = 0, at = hay.indexOf(needle);
    while (at >= 0) { n++; at = hay.indexOf(needle, at + needle.length); }
    return n;
  }

  // search resolves to the hits of query q among the reports that pass the
  // filters: one a section of a report whose text holds q, ranked.
  function search(q, year, org) {
    var fq = fold(q);
    var keys = keysOf(fq);
    if (keys.length === 0) { return Promise.resolve([]); }
    var m = store.meta;
    var orgIndex = org ? m.orgs.indexOf(org) : -1;
    return candidates(keys).then(function (ids) {
      ids = ids.filter(function (id) {
        var r = m.reports[id];
        return r && (!year || r[0] === year) && (!org || r[1] === orgIndex);
      });
      return Promise.all(ids.map(doc));
    }).then(function (docs) {
      var hits = [];
      docs.forEach(function (d) {
        var named = fold(d.t).indexOf(fq) >= 0 || fold(d.o).indexOf(fq) >= 0;
        d.folded.forEach(function (text, i) {
          var n = count(text, fq);
          if (n > 0) { hits.push({ doc: d, sec: i, n: n, named: named, at: text.indexOf(fq) }); }
        });
      });
      hits.sort(function (a, b) {
        return (b.named - a.named) || (b.n - a.n) || (b.doc.y - a.doc.y) ||
          (a.doc.id - b.doc.id) || (a.sec - b.sec);
      });
      return hits;
    });
  }

  // snippet fills el with the text around the first match, each match in
  // a <mark>.
  function snippet(el, hit, len) {
    var text = hit.doc.s[hit.sec][2], folded = hit.doc.folded[hit.sec];
    var start = Math.max(0, hit.at - 20);
    var end = Math.min(text.length, Math.max(start + SNIPPET, hit.at + len + 20));
    if (start > 0) { el.appendChild(document.createTextNode("…")); }
    var pos = start;
    var at = folded.indexOf(folded.substr(hit.at, len), start);
    while (at >= 0 && at < end) {
      el.appendChild(document.createTextNode(text.slice(pos, at).replace(/\s+/g, " ")));
      var mark = document.createElement("mark");
      mark.textContent = text.substr(at, len);
      el.appendChild(mark);
      pos = at + len;
      at = folded.indexOf(folded.substr(hit.at, len), pos);
    }
    end = Math.max(end, pos);
    el.appendChild(document.createTextNode(text.slice(pos, end).replace(/\s+/g, " ")));
    if (end < text.length) { el.appendChild(document.createTextNode("…")); }
  }

  function ui() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-q");
    var yearSel = document.getElementById("search-year");
    var orgSel = document.getElementById("search-org");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var pager = document.getElementById("search-pages");
    if (!form || !input || !status || !list || !pager) { return; }
    var serial = 0, timer = 0;

    function state() {
      var p = new URLSearchParams(window.location.search);
      return {
        q: (p.get("q") || "").slice(0, 1000),
        year: p.get("year") || "",
        org: p.get("org") || "",
        page: Math.max(1, parseInt(p.get("page"), 10) || 1)
      };
    }

    function url(s) {
      var p = new URLSearchParams();
      if (s.q) { p.set("q", s.q); }
      if (s.year) { p.set("year", s.year); }
      if (s.org) { p.set("org", s.org); }
      if (s.page > 1) { p.set("page", String(s.page)); }
      var qs = p.toString();
      return window.location.pathname + (qs ? "?" + qs : "");
    }

    function current() {
      return { q: input.value.trim().slice(0, 1000), year: yearSel ? yearSel.value : "", org: orgSel ? orgSel.value : "", page: 1 };
    }

    function go(s, push) {
      try {
        if (push) { window.history.pushState(null, "", url(s)); } else { window.history.replaceState(null, "", url(s)); }
      } catch (e) { /* some browsers refuse history on file:// */ }
      run(s);
    }

    function clear() {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      while (pager.firstChild) { pager.removeChild(pager.firstChild); }
      pager.hidden = true;
    }

    function run(s) {
      var mine = ++serial;
      if (!s.q) {
        clear();
        status.textContent = "请输入要搜索的词语。";
        return;
      }
      status.textContent = "正在搜索……";
      var year = s.year ? parseInt(s.year, 10) : 0;
      load("meta.js").then(function () {
        return search(s.q, year, s.org);
      }).then(function (hits) {
        if (mine !== serial) { return; }
        show(s, hits);
      }).catch(function () {
        if (mine !== serial) { return; }
        clear();
        status.textContent = "搜索索引读取失败，请刷新页面后重试。";
      });
    }

    function show(s, hits) {
      clear();
      if (hits.length === 0) {
        status.textContent = "没有找到包含“" + s.q + "”的内容。";
        return;
      }
      var pages = Math.ceil(hits.length / PAGE);
      var page = Math.min(s.page, pages);
      status.textContent = "找到 " + hits.length + " 条结果" + (pages > 1 ? "，第 " + page + "/" + pages + " 页" : "") + "。";
      var len = fold(s.q).length;
      hits.slice((page - 1) * PAGE, page * PAGE).forEach(function (h) {
        var li = document.createElement("li");
        var title = document.createElement("a");
        var sec = h.doc.s[h.sec];
        title.href = "../" + h.doc.u + (sec[1] ? "#" + sec[1] : "");
        title.className = "search-title";
        title.textContent = h.doc.t + (sec[0] ? " · " + sec[0] : "");
        var head = document.createElement("h2");
        head.appendChild(title);
        li.appendChild(head);
        var meta = document.createElement("p");
        meta.className = "search-meta";
        meta.textContent = h.doc.o + " · " + h.doc.y + "年度 · " + (sec[0] || "报告概况") + " · " + h.n + " 处";
        li.appendChild(meta);
        var p = document.createElement("p");
        p.className = "search-snippet";
        snippet(p, h, len);
        li.appendChild(p);
        list.appendChild(li);
      });
      if (pages > 1) {
        pager.hidden = false;
        addPage("上一页", page - 1, page > 1);
        var label = document.createElement("span");
        label.textContent = "第 " + page + " / " + pages + " 页";
        pager.appendChild(label);
        addPage("下一页", page + 1, page < pages);
      }
      function addPage(text, to, enabled) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = text;
        b.disabled = !enabled;
        b.addEventListener("click", function () {
          var next = state();
          next.page = to;
          go(next, true);
          list.scrollIntoView();
        });
        pager.appendChild(b);
      }
    }

    function fill(s) {
      input.value = s.q;
      if (yearSel) { yearSel.value = s.year; }
      if (orgSel) { orgSel.value = s.org; }
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      window.clearTimeout(timer);
      go(current(), true);
    });
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { go(current(), false); }, 100);
    });
    [yearSel, orgSel].forEach(function (sel) {
      if (sel) { sel.addEventListener("change", function () { go(current(), true); }); }
    });
    window.addEventListener("popstate", function () {
      var s = state();
      fill(s);
      run(s);
    });

    if (typeof DecompressionStream === "undefined") {
      status.textContent = "当前浏览器版本过旧，无法使用站内搜索，请升级浏览器。";
      return;
    }
    var s = state();
    fill(s);
    run(s);
    if (!s.q) { input.focus(); }
  }

  document.addEventListener("DOMContentLoaded", ui);
})();
