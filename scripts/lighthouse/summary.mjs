// summary.mjs prints what scripts/lighthouse.sh reports from Lighthouse's
// JSON reports.
//
//   node summary.mjs --run N REPORT   one line: the scores and TBT, LCP, CLS
//   node summary.mjs REPORT…          the medians of the reports, and the
//                                     audits that kept a category below 100
import { readFileSync } from "node:fs";

const categories = ["performance", "accessibility", "best-practices", "seo"];
const metrics = [
  ["TBT", "total-blocking-time", (v) => `${Math.round(v)} ms`],
  ["LCP", "largest-contentful-paint", (v) => `${(v / 1000).toFixed(2)} s`],
  ["CLS", "cumulative-layout-shift", (v) => v.toFixed(3)],
];

function figures(path) {
  const lhr = JSON.parse(readFileSync(path, "utf8"));
  if (lhr.runtimeError) {
    throw new Error(`${path}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  }
  const f = { lhr };
  for (const c of categories) {
    f[c] = Math.round(100 * lhr.categories[c].score);
  }
  for (const [name, id] of metrics) {
    f[name] = lhr.audits[id].numericValue;
  }
  // Lighthouse's measure of this machine's CPU at the time of the run:
  // the simulated phone's times scale with it, so a busy machine (a low
  // index) gives a worse performance score.
  f.cpu = lhr.environment.benchmarkIndex;
  return f;
}

function line(f) {
  const scores = categories.map((c) => `${c} ${f[c]}`).join(", ");
  const times = metrics.map(([name, , show]) => `${name} ${show(f[name])}`).join(", ");
  return `${scores}; ${times}; CPU benchmark index ${Math.round(f.cpu)}`;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// shortfalls lists the audits that cost a category points in any report,
// once each, with the elements they name.
function shortfalls(all) {
  const seen = new Map();
  for (const f of all) {
    for (const c of categories) {
      for (const ref of f.lhr.categories[c].auditRefs) {
        const a = f.lhr.audits[ref.id];
        if (ref.weight === 0 || a.score === null || a.score >= 1) {
          continue;
        }
        const key = `${c}: ${a.id}`;
        if (seen.has(key)) {
          continue;
        }
        const items = (a.details && a.details.items) || [];
        const where = items
          .slice(0, 5)
          .map((it) => (it.node && (it.node.selector || it.node.snippet)) || it.url || it.source?.url || it.description || "")
          .filter(Boolean);
        seen.set(key, `${key} (score ${a.score}, weight ${ref.weight}): ${a.title}` +
          (a.displayValue ? ` — ${a.displayValue}` : "") +
          where.map((w) => `\n      ${w}`).join(""));
      }
    }
  }
  return [...seen.values()];
}

const args = process.argv.slice(2);
if (args[0] === "--run") {
  console.log(`run ${args[1]}: ${line(figures(args[2]))}`);
} else {
  const all = args.map(figures);
  const m = {};
  for (const c of categories) m[c] = median(all.map((f) => f[c]));
  for (const [name] of metrics) m[name] = median(all.map((f) => f[name]));
  m.cpu = median(all.map((f) => f.cpu));
  console.log(`median of ${all.length}: ${line(m)}`);
  const perf = shortfalls(all).filter((s) => !s.startsWith("performance: "));
  if (perf.length > 0) {
    console.log("below 100 (accessibility, best practices, SEO):");
    for (const s of perf) console.log(`  ${s}`);
  }
}
