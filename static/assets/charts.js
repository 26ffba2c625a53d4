// gongkai charts: draws every chart of the page with ECharts from the options
// the page carries as JSON beside each container. Nothing else on the page is
// script, so it works under Content-Security-Policy: default-src 'self'.
(function () {
  "use strict";
  function init() {
    if (typeof window.echarts === "undefined") {
      return; // ECharts missing: the tables below each chart still read.
    }
    // Chart boxes take space only once they can be drawn.
    document.documentElement.classList.add("charts-on");
    var drawn = [];
    var boxes = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var source = document.getElementById(box.getAttribute("data-chart"));
      if (!source) {
        continue;
      }
      var option;
      try {
        option = JSON.parse(source.textContent);
      } catch (e) {
        continue;
      }
      var chart = window.echarts.init(box, null, { renderer: "canvas", locale: "ZH" });
      chart.setOption(option);
      box.classList.add("chart-drawn");
      drawn.push(chart);
    }
    var pending = 0;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        for (var j = 0; j < drawn.length; j++) {
          drawn[j].resize();
        }
      }, 100);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
