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
  document.addEventListener("DOMContentLoaded", function () {
    var b = document.getElementById("text-size");
    if (!b) { return; }
    b.hidden = false;
    apply(stored());
    b.addEventListener("click", function () {
      var large = !root.classList.contains("text-large");
      store(large);
      apply(large);
    });
  });
})();
