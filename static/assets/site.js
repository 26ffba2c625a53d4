// gongkai theme script: the larger-text toggle for elderly readers (适老化).
// It is progressive: without JavaScript the button stays hidden and the page
// reads the same at the browser's own zoom.
(function () {
  "use strict";
  var key = "gongkai-text-size";
  var root = document.documentElement;
  function stored() {
    try { return window.localStorage.getItem(key) === "large"; } catch (e) { return false; }
  }
  function store(large) {
    try { window.localStorage.setItem(key, large ? "large" : "normal"); } catch (e) { /* private mode */ }
  }
  function apply(large) {
    root.classList.toggle("text-large", large);
    var b = document.getElementById("text-size");
    if (b) {
      b.setAttribute("aria-pressed", large ? "true" : "false");
      b.textContent = large ? "标准字号" : "大字版";
    }
  }
  apply(stored());

  // A printed copy names the page it came from. Without base_url the build
  // cannot know the address, so the page takes its own, when it has one a
  // reader could type (not file://); the part after # is where the reader
  // was, not the page.
  function pageURL() {
    var p = document.querySelector(".page-url");
    if (!p || !p.hidden || !/^https?:$/.test(window.location.protocol)) { return; }
    p.querySelector("[data-page-url]").textContent = window.location.href.split("#")[0];
    p.hidden = false;
  }

  // A table wider than its box scrolls sideways, the last resort on a
  // narrow screen: its box gets a label and a place in the tab order, so a
  // keyboard can scroll it, and the class that shows the hint.
  function scrollers() {
    var wraps = document.querySelectorAll(".table-wrap");
    for (var i = 0; i < wraps.length; i++) {
      var w = wraps[i];
      var caption = w.querySelector("caption");
      var scrolls = w.scrollWidth > w.clientWidth + 1;
      w.classList.toggle("scrolls", scrolls);
      if (scrolls) {
        w.setAttribute("tabindex", "0");
        w.setAttribute("role", "region");
        w.setAttribute("aria-label", (caption ? caption.textContent : "表格") + "（可左右滚动）");
      } else {
        w.removeAttribute("tabindex");
        w.removeAttribute("role");
        w.removeAttribute("aria-label");
      }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    pageURL();
    scrollers();
    var pending = 0;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(scrollers, 100);
    });
    var b = document.getElementById("text-size");
    if (!b) { return; }
    b.hidden = false;
    apply(stored());
    b.addEventListener("click", function () {
      var large = !root.classList.contains("text-large");
      store(large);
      apply(large);
      scrollers();
    });
  });
})();
