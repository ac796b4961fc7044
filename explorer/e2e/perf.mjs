// Measures the explorer with 3,000 nodes and 4,500 edges on screen (not a test):
// CABLEGRAPH_URL=http://127.0.0.1:8080 node explorer/e2e/perf.mjs
import { chromium } from "playwright-core";
const base = process.env.CABLEGRAPH_URL || "http://127.0.0.1:8080";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const p = await b.newPage({ viewport: { width: 1366, height: 800 } });
await p.goto(base + "/explore/");
await p.waitForFunction(() => window.cablegraphExplorer);
const r = await p.evaluate(() => {
  window.cablegraphExplorer.cy.renderer().hideEdgesOnViewport = true;
  const cy = window.cablegraphExplorer.cy;
  const els = [];
  for (let i = 0; i < 3000; i++) els.push({ group: "nodes", data: { id: "n" + i, kind: "Person", label: "Person " + i, degree: 0 } });
  for (let i = 0; i < 4500; i++) els.push({ group: "edges", data: { id: "e" + i, source: "n" + (i % 3000), target: "n" + ((i * 7 + 13) % 3000), kind: "met", weight: 1 + (i % 5) } });
  let t = performance.now();
  cy.add(els);
  cy.nodes().forEach((n) => n.data("degree", n.connectedEdges().length));
  cy.layout({ name: "concentric", concentric: (n) => n.data("degree"), levelWidth: () => 2, animate: false }).run();
  const layout = performance.now() - t;
  t = performance.now();
  for (let k = 0; k < 10; k++) { cy.zoom(cy.zoom() * 1.1); cy.pan({ x: k * 5, y: k * 3 }); }
  return { layoutMs: Math.round(layout), nodes: cy.nodes().length, edges: cy.edges().length };
});
// measure frame time for a few redraws
const frames = await p.evaluate(() => new Promise((res) => {
  const cy = window.cablegraphExplorer.cy; const ts = []; let k = 0;
  function step(t) { ts.push(t); cy.pan({ x: k * 10, y: 0 }); if (++k < 30) requestAnimationFrame(step); else res(ts); }
  requestAnimationFrame(step);
}));
const d = frames.slice(1).map((t, i) => t - frames[i]); d.sort((a, b) => a - b);
console.log(JSON.stringify({ ...r, frameMsMedian: Math.round(d[Math.floor(d.length / 2)]), frameMsP90: Math.round(d[Math.floor(d.length * 0.9)]) }));
await p.screenshot({ path: process.env.SCREENSHOT || "explorer-3000-nodes.png" });
await b.close();
