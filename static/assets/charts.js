// gongkai charts: draws the charts of the page with ECharts from the options
// the page carries as JSON beside each container. Nothing else on the page is
// script, so it works under Content-Security-Policy: default-src 'self'.
//
// A report holds a dozen charts and a phone shows one at a time, so a chart
// is drawn only when its box comes near the viewport, one chart per task, so
// that drawing never blocks the reader's scrolling or tapping for long.
// Before printing, every chart is drawn at once, at the width of the paper.
//
// ECharts itself (data-echarts on this script's element) is fetched only
// after the page's first contentful paint, so that the text shows before
// the bundle is downloaded and compiled, however slow the phone and its
// connection.
(function () {
  "use strict";

  // script is the element of charts.js, known only while it runs.
  var script = document.currentScript;
  var root = document.documentElement;

  // margin is how far outside the viewport a box starts drawing, so that a
  // chart is usually ready by the time the reader scrolls to it.
  var margin = "200px 0px";

  // printWidth is the width of an A4 page less the margins of site.css
  // (@page { size: A4; margin: 18mm 15mm }), 180 mm at 96 CSS px per inch.
  // It is a guess for beforeprint, which fires while the page still has its
  // screen layout; the print media change measures the real width after.
  var printWidth = Math.round(180 * 96 / 25.4);

  // printHeight is the height site.css gives a chart box in print (50 mm,
  // 58 mm for horizontal bars), for the same guess: a chart drawn at its
  // screen height would be cut off in the shorter box on paper.
  function printHeight(box) {
    var mm = box.classList.contains("chart-hbar") ? 58 : 50;
    return Math.round(mm * 96 / 25.4);
  }

  // A chart is {box, chart}: chart is the ECharts instance once drawn, null
  // before, and false when the options do not parse (the table still reads).
  var charts = [];
  var queue = [];
  var scheduled = false;
  var near = null; // the IntersectionObserver, when the browser has one
  var sizes = null; // the ResizeObserver, when the browser has one
  var failed = false; // ECharts did not load
  var hidden = false; // the boxes are hidden for a print without ECharts

  function find(box) {
    for (var i = 0; i < charts.length; i++) {
      if (charts[i].box === box) {
        return charts[i];
      }
    }
    return null;
  }

  // draw draws c, at size when given ({width, height}) and otherwise at
  // the size of its box, which ECharts then reads.
  function draw(c, size) {
    if (c.chart !== null) {
      return;
    }
    var source = document.getElementById(c.box.getAttribute("data-chart"));
    var option;
    try {
      option = JSON.parse(source.textContent);
    } catch (e) {
      c.chart = false;
      return;
    }
    var opts = { renderer: "canvas", locale: "ZH" };
    if (size) {
      opts.width = size.width;
      opts.height = size.height;
    }
    c.chart = window.echarts.init(c.box, null, opts);
    c.chart.setOption(option);
    c.box.classList.add("chart-drawn");
    if (near) {
      near.unobserve(c.box);
    }
    if (sizes) {
      sizes.observe(c.box);
    }
  }

  // resize gives a drawn chart a new size. The size is always passed, so
  // ECharts reads no layout: a loop of resizes writes and never reads.
  function resize(c, size) {
    if (!c.chart || size.width <= 0 || size.height <= 0) {
      return;
    }
    if (c.chart.getWidth() !== size.width || c.chart.getHeight() !== size.height) {
      c.chart.resize(size);
    }
  }

  // measure reads the size of every box, all before any write.
  function measure() {
    var out = [];
    for (var i = 0; i < charts.length; i++) {
      out.push({ width: charts[i].box.clientWidth, height: charts[i].box.clientHeight });
    }
    return out;
  }

  function loaded() {
    return typeof window.echarts !== "undefined";
  }

  // schedule draws the queued charts one per task: in idle time where the
  // browser offers it, else one per frame's worth of time.
  function schedule() {
    if (scheduled || queue.length === 0 || !loaded()) {
      return;
    }
    scheduled = true;
    if (typeof window.requestIdleCallback === "function") {
      window.requestIdleCallback(next, { timeout: 300 });
    } else {
      window.setTimeout(next, 16);
    }
  }

  function next() {
    scheduled = false;
    var c = queue.shift();
    if (c) {
      draw(c);
    }
    schedule();
  }

  function enqueue(c) {
    if (c.chart === null && queue.indexOf(c) < 0) {
      queue.push(c);
    }
  }

  // forPrint draws every chart now, synchronously, since the print layout
  // follows at once, and sizes all of them to the paper. measured holds the
  // sizes of the boxes under print media, or is null before the print
  // layout exists: then the size is the guess printWidth × printHeight.
  function forPrint(measured) {
    if (!loaded()) {
      // Printed in the moment before ECharts arrived: the boxes would
      // print blank, so they go for this print; the tables stay.
      hidden = hidden || root.classList.contains("charts-on");
      root.classList.remove("charts-on");
      return;
    }
    for (var i = 0; i < charts.length; i++) {
      var size = {
        width: measured ? measured[i].width : printWidth,
        height: measured ? measured[i].height : printHeight(charts[i].box)
      };
      if (size.width <= 0 || size.height <= 0) {
        continue;
      }
      if (charts[i].chart === null) {
        draw(charts[i], size);
      } else {
        resize(charts[i], size);
      }
    }
  }

  // fit gives every drawn chart the size of its box.
  function fit() {
    var measured = measure();
    for (var i = 0; i < charts.length; i++) {
      resize(charts[i], measured[i]);
    }
  }

  // afterPrint returns the charts to the size of their boxes on screen.
  function afterPrint() {
    if (hidden && !failed) {
      root.classList.add("charts-on");
    }
    hidden = false;
    if (loaded()) {
      fit();
    }
  }

  function watchSizes() {
    if (typeof window.ResizeObserver === "function") {
      // The observer reports sizes it has already computed: resizing
      // from them reads no layout.
      sizes = new window.ResizeObserver(function (entries) {
        for (var i = 0; i < entries.length; i++) {
          var c = find(entries[i].target);
          var r = entries[i].contentRect;
          if (c) {
            resize(c, { width: Math.round(r.width), height: Math.round(r.height) });
          }
        }
      });
      return;
    }
    // Without it, one resize per burst of window resize events, in a
    // frame, measuring every box before resizing any.
    var timer = 0;
    window.addEventListener("resize", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        window.requestAnimationFrame(fit);
      }, 100);
    });
  }

  function watchPrint() {
    window.addEventListener("beforeprint", function () {
      forPrint(null);
    });
    window.addEventListener("afterprint", afterPrint);
    if (typeof window.matchMedia !== "function") {
      return;
    }
    // Under print media the boxes have their print layout, so the sizes
    // read here are the paper's: they correct the guess of beforeprint.
    var print = window.matchMedia("print");
    var changed = function (e) {
      if (e.matches) {
        forPrint(measure());
      } else {
        afterPrint();
      }
    };
    if (typeof print.addEventListener === "function") {
      print.addEventListener("change", changed);
    } else if (typeof print.addListener === "function") {
      print.addListener(changed);
    }
  }

  // load fetches ECharts from src once the page has loaded and its first
  // contentful paint is on the screen, so that the fetch neither holds up
  // the load event nor the reader's first sight of the text. A frame
  // painted is not yet a frame shown, so the browser's own report of the
  // paint decides; a browser without it waits a frame. The timers cover a
  // page in a hidden tab, which paints nothing.
  function load(src) {
    var started = false;
    var start = function () {
      if (started) {
        return;
      }
      started = true;
      var s = document.createElement("script");
      s.src = src;
      s.onload = schedule;
      s.onerror = function () {
        // The tables below each chart still read; the boxes go.
        failed = true;
        root.classList.remove("charts-on");
      };
      document.head.appendChild(s);
    };
    var paint = "first-contentful-paint";
    var reports = typeof window.PerformanceObserver === "function" &&
      (window.PerformanceObserver.supportedEntryTypes || []).indexOf("paint") >= 0;
    var afterLoad = function () {
      if (!reports) {
        window.requestAnimationFrame(function () {
          window.setTimeout(start, 0);
        });
        window.setTimeout(start, 1000);
        return;
      }
      var seen = new window.PerformanceObserver(function (list) {
        if (list.getEntriesByName(paint).length > 0) {
          seen.disconnect();
          window.setTimeout(start, 0);
        }
      });
      // buffered: the paint may be reported already.
      seen.observe({ type: "paint", buffered: true });
      window.setTimeout(start, 3000);
    };
    if (document.readyState === "complete") {
      afterLoad();
    } else {
      window.addEventListener("load", afterLoad);
    }
  }

  function init() {
    var src = script ? script.getAttribute("data-echarts") : null;
    if (!loaded() && !src) {
      return; // ECharts missing: the tables below each chart still read.
    }
    // From here the chart boxes take space (site.css), while ECharts is
    // on its way, so that nothing moves when a chart is drawn. Without
    // this script, or once ECharts failed to load, they take none.
    root.classList.add("charts-on");
    if (!loaded()) {
      load(src);
    }
    var boxes = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < boxes.length; i++) {
      charts.push({ box: boxes[i], chart: null });
    }
    watchSizes();
    watchPrint();
    if (typeof window.IntersectionObserver !== "function") {
      for (var j = 0; j < charts.length; j++) {
        enqueue(charts[j]);
      }
      schedule();
      return;
    }
    near = new window.IntersectionObserver(function (entries) {
      for (var k = 0; k < entries.length; k++) {
        var c = find(entries[k].target);
        if (c && entries[k].isIntersecting) {
          near.unobserve(c.box);
          enqueue(c);
        }
      }
      schedule();
    }, { rootMargin: margin });
    for (var m = 0; m < charts.length; m++) {
      near.observe(charts[m].box);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
