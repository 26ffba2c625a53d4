// gongkai serve: reloads the page when the site is rebuilt, and shows the
// errors of a failed rebuild over the page until a save fixes them. Served
// by gongkai serve only; never part of a built site.
(function () {
  "use strict";
  var me = document.currentScript;
  var loaded = me ? me.getAttribute("data-build") : "";
  var overlay = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }

  function where(p) {
    if (!p.path) { return ""; }
    var s = p.path;
    if (p.line) { s += ":" + p.line; }
    if (p.line && p.col) { s += ":" + p.col; }
    return s;
  }

  function show(errors, built) {
    hide();
    overlay = el("div", "gongkai-overlay");
    overlay.setAttribute("role", "alert");
    var box = el("div", "gongkai-overlay-box");
    box.appendChild(el("h2", "", "构建失败（" + errors.length + " 处错误）"));
    box.appendChild(el("p", "", built > 0
      ? "下面显示的是上次成功构建的页面。修正后保存，本提示会自动消失。"
      : "网站还没有成功构建过。修正后保存，页面会自动刷新。"));
    var list = el("ol");
    for (var i = 0; i < errors.length; i++) {
      var p = errors[i];
      var item = el("li");
      if (where(p)) { item.appendChild(el("code", "gongkai-where", where(p))); }
      item.appendChild(el("div", "gongkai-message", p.message));
      if (p.source) { item.appendChild(el("pre", "gongkai-source", p.source)); }
      list.appendChild(item);
    }
    box.appendChild(list);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
  }

  function hide() {
    if (overlay && overlay.parentNode) { overlay.parentNode.removeChild(overlay); }
    overlay = null;
  }

  function connect() {
    var events = new EventSource("/__gongkai/events");
    events.addEventListener("state", function (e) {
      var m = JSON.parse(e.data);
      if (m.errors.length > 0) {
        show(m.errors, m.build);
        return;
      }
      hide();
      if (String(m.build) !== loaded) {
        window.location.reload();
      }
    });
  }

  if (document.body) { connect(); } else { document.addEventListener("DOMContentLoaded", connect); }
})();
