// The part of Apache ECharts that gongkai's charts use, and nothing more:
// scripts/bundle-echarts.mjs bundles this file into static/assets/echarts.min.js.
//
// What internal/chart puts in an option decides this list: pie, bar and line
// series on a cartesian grid; a hidden title (aria's description reads it);
// a plain legend; a rich-text tooltip (which brings the axis pointer); aria
// with decal patterns; the canvas renderer alone. Dataset, markLine,
// toolbox, dataZoom, visualMap and the SVG renderer are not used. echarts/core
// registers the ZH locale that charts.js asks for.
//
// Keep each import on one line: the bundle script names them in the
// bundle's header.
import { use, init, getInstanceByDom, version } from "echarts/core";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendPlainComponent, TitleComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

use([BarChart, LineChart, PieChart, AriaComponent, GridComponent, LegendPlainComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

// window.echarts: what charts.js calls.
export { init, getInstanceByDom, version };
