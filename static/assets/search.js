// gongkai site search: reads the index that gongkai build writes under
// search/ (see internal/search) with script elements only, so that it works
// over HTTP under any sub-path, from file:// and under the policy
// default-src 'self'. Everything shown from the index is set as text, never
// parsed as HTML; a highlight is a <mark> element made here.
(function () {
  "use strict";
  var PAGE = 20;      // results a page
  var MAX_KEYS = 6;   // keys looked up for one query: the rest is verified in the text
  var ASCII = /[0-9a-z]/; // a character whose runs of three are keys too
  var FEW = 4;        // texts a longer query reads at least at once
  var BATCH = 8;      // texts read at once in the background
  var REFINE = 400000; // bytes of texts read after a page is shown, to make its count exact
  var SNIPPET = 80;   // characters of a snippet
  var DEBOUNCE = 30;  // milliseconds of a pause in typing that runs the query
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

  // keysOf lists the keys of a folded query, as internal/search makes
  // them: a run of indexable characters of up to two is one key, and so
  // are three one of which is an ASCII letter or digit; a longer run is
  // looked up by such triples and the pairs of it no triple holds.
  function keysOf(q) {
    var out = [], run = [];
    function isTriple(i) {
      return i >= 0 && i + 2 < run.length && ASCII.test(run[i] + run[i + 1] + run[i + 2]);
    }
    function flush() {
      if (run.length > 0 && (run.length <= 2 || (run.length === 3 && isTriple(0)))) {
        out.push(run.join(""));
      } else {
        for (var i = 0; i + 1 < run.length; i++) {
          if (isTriple(i)) { out.push(run.slice(i, i + 3).join("")); }
          else if (!isTriple(i - 1)) { out.push(run[i] + run[i + 1]); }
        }
      }
      run = [];
    }
    Array.from(q).forEach(function (c) {
      if (indexable.test(c)) { run.push(c); } else { flush(); }
    });
    flush();
    return out.filter(function (k, i) { return out.indexOf(k) === i; });
  }

  // pick chooses up to MAX_KEYS keys spread over the query (the first and
  // the last among them): they find nearly the same candidates as all the
  // keys, from fewer shards; the text decides.
  function pick(keys) {
    if (keys.length <= MAX_KEYS) { return keys; }
    var picked = [];
    for (var i = 0; i < MAX_KEYS; i++) {
      picked.push(keys[Math.round(i * (keys.length - 1) / (MAX_KEYS - 1))]);
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

  // decode reads the postings of a key (internal/search/postings.go): for
  // each report holding it, its number, how many of its sections hold it,
  // whether its title or unit does, and the most times in one section.
  function decode(s) {
    var out = [], i = 0, id = -1;
    function next() {
      var v = 0, mul = 1;
      while (i < s.length) {
        var d = DIGITS.indexOf(s.charAt(i++));
        if (d < 0) { break; }
        v += (d & 31) * mul;
        mul *= 32;
        if (!(d & 32)) { return v; }
      }
      i = s.length;
      return -1;
    }
    while (i < s.length) {
      var v = next();
      if (v < 0) { break; }
      var code = v % 32;
      id += Math.floor(v / 32) + 1;
      if (code < 28) {
        out.push({ id: id, secs: code % 7 + 1, named: false, most: Math.floor(code / 7) + 1 });
        continue;
      }
      var w = next(), most = next();
      if (code !== 31 || most < 0) { break; }
      out.push({ id: id, secs: Math.floor(w / 2), named: w % 2 === 1, most: most });
    }
    return out;
  }

  // candidates are the reports that may hold the keys, each with the
  // bounds of its hits the postings give: their number, whether its title
  // or unit holds the query, and the most times one section holds it.
  // For a query of one key these are exact.
  function candidates(keys) {
    var m = store.meta;
    var files = keys.map(function (k) { return "k/" + shardOf(k, m.keys) + ".js"; });
    return Promise.all(files.map(load)).then(function () {
      var lists = keys.map(function (k) {
        return store.keys[shardOf(k, m.keys)][k] || "";
      }).sort(function (a, b) { return a.length - b.length; });
      var by = new Map();
      decode(lists[0]).forEach(function (e) { by.set(e.id, e); });
      lists.slice(1).forEach(function (p) {
        var next = new Map();
        decode(p).forEach(function (e) {
          var c = by.get(e.id);
          if (c) {
            next.set(e.id, { id: e.id, secs: Math.min(c.secs, e.secs), named: c.named && e.named, most: Math.min(c.most, e.most) });
          }
        });
        by = next;
      });
      return Array.from(by.values());
    });
  }

  function doc(id) {
    if (store.docs[id]) { return Promise.resolve(store.docs[id]); }
    var size = 0;
    return load("t/" + id + ".js").then(function () {
      var bin = atob(store.raw[id]);
      size = store.raw[id].length;
      var bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).arrayBuffer();
    }).then(function (utf16) {
      var d = JSON.parse(new TextDecoder("utf-16le").decode(utf16));
      delete store.raw[id];
      d.id = id;
      d.size = size;
      d.folded = d.s.map(function (s) { return fold(s[2]); });
      store.docs[id] = d;
      return d;
    });
  }

  // count is how many times needle occurs in hay, overlaps included, as
  // the postings count a key.
  function count(hay, needle) {
    var n = 0, at = hay.indexOf(needle);
    while (at >= 0) { n++; at = hay.indexOf(needle, at + 1); }
    return n;
  }

  // rank orders hits: those of a report whose title or unit holds the
  // query first, then by matches, newer years, report and section. The
  // bound of a candidate report (sec -1) ranks ahead of each of its hits.
  function rank(a, b) {
    return (b.named - a.named) || (b.n - a.n) || (b.y - a.y) || (a.id - b.id) || (a.sec - b.sec);
  }

  function bound(c) {
    return { named: c.named, n: c.most, y: c.y, id: c.id, sec: -1 };
  }

  // search resolves to the query q among the reports that pass the
  // filters: its candidates ranked by their bounds, none yet read.
  function search(q, year, org) {
    var fq = fold(q);
    var keys = keysOf(fq);
    var m = store.meta;
    // cands: by bound; issued: how many have their texts asked for; next:
    // how many have their hits in hits.
    var query = { fq: fq, cands: [], issued: 0, next: 0, hits: [], bytes: 0, exact: false, total: 0 };
    if (keys.length === 0) { return Promise.resolve(query); }
    // One key that is the whole query: the postings are its hits.
    query.exact = keys.length === 1 && keys[0] === fq;
    var orgIndex = org ? m.orgs.indexOf(org) : -1;
    return candidates(pick(keys)).then(function (cands) {
      query.cands = cands.filter(function (c) {
        var r = m.reports[c.id];
        if (!r || (year && r[0] !== year) || (org && r[1] !== orgIndex)) { return false; }
        c.y = r[0];
        query.total += c.secs;
        return true;
      }).sort(function (a, b) { return rank(bound(a), bound(b)); });
      return query;
    });
  }

  // final reports whether every candidate is read.
  function final(query) { return query.next >= query.cands.length; }

  // certain is how many of the hits read are known to rank where they
  // are: those ahead of any hit of the candidates not yet read.
  function certain(query) {
    if (final(query)) { return query.hits.length; }
    var b = bound(query.cands[query.next]), n = 0;
    while (n < query.hits.length && rank(query.hits[n], b) < 0) { n++; }
    return n;
  }

  // read reads the texts of the next n candidates, all at once, and adds
  // their hits in the candidates' order as they come, calling progress
  // (if any) after each.
  function read(query, n, progress) {
    var batch = query.cands.slice(query.issued, query.issued + n);
    query.issued += batch.length;
    return Promise.all(batch.map(function (c) {
      return doc(c.id).then(function (d) {
        c.doc = d;
        var added = false;
        while (query.next < query.issued && query.cands[query.next].doc) {
          hitsOf(query, query.cands[query.next].doc);
          query.cands[query.next].doc = null;
          query.next++;
          added = true;
        }
        if (added) {
          query.hits.sort(rank);
          if (progress) { progress(); }
        }
      });
    }));
  }

  function hitsOf(query, d) {
    query.bytes += d.size;
    var named = fold(d.t).indexOf(query.fq) >= 0 || fold(d.o).indexOf(query.fq) >= 0;
    d.folded.forEach(function (text, i) {
      var n = count(text, query.fq);
      if (n > 0) { query.hits.push({ doc: d, sec: i, n: n, named: named, y: d.y, id: d.id, at: text.indexOf(query.fq) }); }
    });
  }

  // upto resolves once the first end hits are certain, reading candidates
  // in the order of their bounds: for a query of one key, at most one text
  // a hit.
  function upto(query, end, progress) {
    if (certain(query) >= Math.min(end, query.hits.length) && (final(query) || query.hits.length >= end)) {
      return Promise.resolve(query);
    }
    // As many candidates as may give the hits missing, by their bounds:
    // for a query of one key, exactly as many.
    var want = end - query.hits.length, n = 0;
    for (var i = query.issued; i < query.cands.length && want > 0; i++, n++) { want -= query.cands[i].secs; }
    // A longer query's bounds are loose, but every text read beyond what
    // the page needs is bytes the reader waits for: no more than that, and
    // a few at least.
    n = Math.max(n, query.exact ? 1 : FEW);
    return read(query, n, progress).then(function () { return upto(query, end, progress); });
  }

  // counted is what is known of the number of hits: exact (lo === hi) or
  // between lo, the hits read, and hi, their bound.
  function counted(query) {
    if (query.exact) { return { lo: query.total, hi: query.total }; }
    var hi = query.hits.length;
    for (var i = query.next; i < query.cands.length; i++) { hi += query.cands[i].secs; }
    return { lo: query.hits.length, hi: hi };
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

    // last is the query last run, kept for its other pages.
    var last = null;

    function run(s) {
      var mine = ++serial;
      status.removeAttribute("data-done");
      if (!s.q) {
        clear();
        status.textContent = "请输入要搜索的词语。";
        status.setAttribute("data-done", "");
        return;
      }
      status.textContent = "正在搜索……";
      var year = s.year ? parseInt(s.year, 10) : 0;
      var id = [s.q, year, s.org].join("\u0000");
      load("meta.js").then(function () {
        if (last && last.id === id) { return last.query; }
        return search(s.q, year, s.org).then(function (query) {
          last = { id: id, query: query };
          return query;
        });
      }).then(function (query) {
        // The hits are shown as soon as their rank is certain, as the texts
        // come; the count once the page is whole.
        var painted = { query: query, page: 0, n: 0 };
        var page = pageOf(s, query).page;
        return upto(query, page * PAGE, function () {
          if (mine === serial) { paint(painted, page); }
        }).then(function () { return painted; });
      }).then(function (painted) {
        if (mine !== serial) { return; }
        show(s, painted);
        refine(s, painted.query, mine);
      }).catch(function () {
        if (mine !== serial) { return; }
        clear();
        status.textContent = "搜索索引读取失败，请刷新页面后重试。";
        status.setAttribute("data-done", "");
      });
    }

    // refine reads the texts of further candidates in the background, up to
    // REFINE bytes, and then says once what it found: the exact count when
    // every candidate is read.
    function refine(s, query, mine) {
      if (query.exact || final(query) || query.bytes >= REFINE) {
        status.setAttribute("data-done", "");
        return;
      }
      read(query, BATCH).then(function () {
        if (mine !== serial) { return; }
        if (final(query) || query.bytes >= REFINE) {
          tell(s, query);
          status.setAttribute("data-done", "");
          return;
        }
        refine(s, query, mine);
      }).catch(function () {
        if (mine === serial) { status.setAttribute("data-done", ""); }
      });
    }

    // pageOf is the page of s that the known hits allow, and how many
    // pages there are (0: not yet known).
    function pageOf(s, query) {
      var c = counted(query);
      if (c.lo !== c.hi) { return { page: s.page, pages: 0, count: c }; }
      var pages = Math.max(1, Math.ceil(c.hi / PAGE));
      return { page: Math.min(s.page, pages), pages: pages, count: c };
    }

    // tell says in the live region how many hits there are, and fills the
    // pager.
    function tell(s, query) {
      var at = pageOf(s, query), c = at.count;
      if (at.pages) {
        status.textContent = "找到 " + c.hi + " 条结果" + (at.pages > 1 ? "，第 " + at.page + "/" + at.pages + " 页" : "") + "。";
      } else {
        // The hits read so far are certain; the rest are candidates that
        // the index cannot confirm without their texts.
        status.textContent = "找到至少 " + c.lo + " 条结果（至多 " + c.hi + " 条，其余尚待核对），第 " + at.page + " 页。";
      }
      while (pager.firstChild) { pager.removeChild(pager.firstChild); }
      pager.hidden = true;
      var more = at.pages ? at.page < at.pages : true;
      if (at.page > 1 || more) {
        pager.hidden = false;
        addPage("上一页", at.page - 1, at.page > 1);
        var label = document.createElement("span");
        label.textContent = at.pages ? "第 " + at.page + " / " + at.pages + " 页" : "第 " + at.page + " 页";
        pager.appendChild(label);
        addPage("下一页", at.page + 1, more);
      }
    }

    // paint adds to the list the hits of page that are certain and not yet
    // in it (painted says which are).
    function paint(painted, page) {
      var query = painted.query;
      if (painted.page !== page) {
        clear();
        painted.page = page;
        painted.n = 0;
      }
      var start = (page - 1) * PAGE, upto = Math.min(start + PAGE, certain(query));
      var len = query.fq.length;
      for (; start + painted.n < upto; painted.n++) {
        list.appendChild(item(query.hits[start + painted.n], len));
      }
    }

    function show(s, painted) {
      var query = painted.query;
      var c = counted(query);
      if (c.hi === 0 || (final(query) && query.hits.length === 0)) {
        clear();
        status.textContent = "没有找到包含“" + s.q + "”的内容。";
        return;
      }
      paint(painted, pageOf(s, query).page);
      tell(s, query);
    }

    function item(h, len) {
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
      return li;
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
    // Typing searches after a pause; an input method's letters are not a
    // query until it puts the characters in, and then the words it put in
    // are searched at once.
    function typed(e) {
      if (e.isComposing) { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { go(current(), false); }, DEBOUNCE);
    }
    input.addEventListener("input", typed);
    input.addEventListener("compositionend", function () {
      window.clearTimeout(timer);
      go(current(), false);
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
    // The table of reports is needed by any query: it loads with the page.
    load("meta.js").catch(function () {});
    var s = state();
    fill(s);
    run(s);
    if (!s.q) { input.focus(); }
  }

  document.addEventListener("DOMContentLoaded", ui);
})();
