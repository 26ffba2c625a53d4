// The quality report's sorting and filters. They are enhancements: the
// page is complete without this script, which a strict Content Security
// Policy (default-src 'self') does not run.
(function () {
  "use strict";
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };

  // Sorting: each header of a sortable table becomes a button; the first
  // click sorts numbers from the largest, text in Chinese order.
  each(document.querySelectorAll("table.sortable"), function (table) {
    var heads = table.tHead.rows[0].cells;
    each(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var numeric = th.classList.contains("n");
        var now = th.getAttribute("aria-sort");
        var down = numeric ? now !== "descending" : now === "ascending";
        each(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var cell = row.cells[col];
          return numeric ? Number(cell.getAttribute("data-n")) : cell.textContent;
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = numeric ? x - y : x.localeCompare(y, "zh-CN");
          return down ? -c : c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  // Filters by year, unit and severity: the form is in the page, hidden
  // until this script can make it work.
  var form = document.getElementById("filters");
  if (!form) { return; }
  var year = form.elements.year, org = form.elements.org, sev = form.elements.sev;
  var shown = document.getElementById("shown");
  var match = function (el) {
    return (!year.value || el.getAttribute("data-year") === year.value) &&
      (!org.value || el.getAttribute("data-org") === org.value);
  };
  var apply = function () {
    each(document.querySelectorAll("#units tbody tr"), function (tr) { tr.hidden = !match(tr); });
    var n = 0;
    each(document.querySelectorAll("section.group"), function (group) {
      var any = false;
      each(group.querySelectorAll("tr.finding"), function (tr) {
        var on = match(group) && (!sev.value || tr.getAttribute("data-sev") === sev.value);
        tr.hidden = !on;
        if (on) { any = true; n++; }
      });
      group.hidden = !any;
    });
    shown.textContent = "显示 " + n + " 条问题";
  };
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  apply();
})();
