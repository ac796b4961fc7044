// Browser tests of the explorer page in headless Chromium (Debian's package),
// driven by playwright-core. scripts/explorer-test.sh starts `cablegraph
// serve` with the example cable and sets CABLEGRAPH_URL; SCREENSHOT_DIR, when
// set, receives screenshots of the views for the docs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const base = process.env.CABLEGRAPH_URL;
const shots = process.env.SCREENSHOT_DIR;
const chromePath = process.env.CHROMIUM || "/usr/bin/chromium";
let browser, page;
const pageErrors = [];

before(async () => {
  assert.ok(base, "CABLEGRAPH_URL must point at a running cablegraph serve");
  browser = await chromium.launch({ executablePath: chromePath, args: ["--no-sandbox", "--disable-gpu"] });
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 }, acceptDownloads: true });
  page = await ctx.newPage();
  // Script errors on any page fail the run (checked after the last test).
  page.on("pageerror", (e) => pageErrors.push(e));
});
after(async () => {
  await browser?.close();
  assert.deepEqual(pageErrors.map(String), [], "no script errors on the explorer page");
});

async function shot(name) {
  if (shots) await page.screenshot({ path: path.join(shots, name) });
}

test("the playground works offline and links to the explorer", async () => {
  await page.goto(base + "/");
  await page.waitForSelector(".graphiql-container", { timeout: 15000 });
  const href = await page.getAttribute("a[href^='/explore']", "href");
  assert.match(href, /^\/explore/);
  await page.waitForSelector(".graphiql-query-editor", { timeout: 5000 });
  const editor = await page.locator(".graphiql-query-editor").textContent();
  assert.match(editor, /discussions\(topic: "Kosovo"\)/);
  await page.click(".graphiql-execute-button");
  await page.waitForFunction(() => /Jeremic/.test(document.querySelector(".result-window")?.textContent || ""), null, { timeout: 10000 });
  await shot("playground.png");
});

test("search Kosovo shows Lavrov and Jeremic connected, the edge proves it, the cable opens", async () => {
  await page.goto(base + "/explore/");
  await page.fill("#q", "Kosovo");
  await page.press("#q", "Enter");
  await page.waitForFunction(() => window.cablegraphExplorer.cy.edges().length > 0, null, { timeout: 15000 });
  const pair = await page.evaluate(() => {
    const cy = window.cablegraphExplorer.cy;
    const e = cy.edges().filter((e) => {
      const l = [e.source().data("label"), e.target().data("label")].join(" ");
      return /Lavrov/.test(l) && /Jeremic/.test(l);
    });
    return e.length ? e[0].id() : null;
  });
  assert.ok(pair, "an edge joins Lavrov and Jeremic");
  await shot("explorer-seed-kosovo.png");

  // click the edge on the canvas itself, at its rendered midpoint
  const box = await page.locator("#cy").boundingBox();
  const mid = await page.evaluate((id) => window.cablegraphExplorer.cy.getElementById(id).renderedMidpoint(), pair);
  await page.mouse.click(box.x + mid.x, box.y + mid.y);
  await page.waitForSelector("#details .evidence button", { timeout: 5000 });
  const sentences = await page.locator("#details .evidence .sentence").allTextContents();
  assert.ok(sentences.some((s) => /Lavrov told Jeremic/.test(s) || /meeting between Serbian FM Jeremic and Lavrov/.test(s)),
    "a paragraph 6 sentence is shown: " + JSON.stringify(sentences));
  const meta = await page.locator("#details .evidence .meta").first().textContent();
  assert.match(meta, /08MOSCOW235 ¶6/);

  await page.locator("#details .evidence button").first().click();
  await page.waitForSelector("#details .cable mark", { timeout: 5000 });
  const marked = await page.locator("#details .cable mark").textContent();
  assert.ok(/Jeremic/.test(marked) && /Lavrov/.test(marked), "the sentence is highlighted: " + marked);
  const kv = await page.locator("#details .kv").textContent();
  assert.match(kv, /CONFIDENTIAL/);
  assert.match(kv, /Embassy Moscow/);
  assert.match(kv, /PREL/);
  assert.match(kv, /MOSCOW 149/);
  await shot("explorer-seed-cable.png");
});

test("the edge list is keyboard reachable", async () => {
  await page.goto(base + "/explore/#q=Kosovo");
  await page.waitForSelector("#links button", { timeout: 15000 });
  await page.focus("#links button");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#details h2", { timeout: 5000 });
  assert.ok(await page.locator("#details h2").textContent());
});

test("export GraphML parses back to what is on screen", async () => {
  await page.goto(base + "/explore/#q=Kosovo");
  await page.waitForFunction(() => window.cablegraphExplorer.cy.edges().length > 0, null, { timeout: 15000 });
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#export-graphml")]);
  const file = await dl.path();
  const text = fs.readFileSync(file, "utf8");
  const parsed = await page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, "application/xml");
    if (doc.getElementsByTagName("parsererror").length) return { error: true };
    const labels = [...doc.getElementsByTagName("node")].map((n) => n.querySelector("data[key=label]").textContent);
    return { nodes: doc.getElementsByTagName("node").length, edges: doc.getElementsByTagName("edge").length, labels };
  }, text);
  const onScreen = await page.evaluate(() => ({ nodes: window.cablegraphExplorer.cy.nodes(":visible").length, edges: window.cablegraphExplorer.cy.edges(":visible").length }));
  assert.equal(parsed.error, undefined);
  assert.equal(parsed.nodes, onScreen.nodes);
  assert.equal(parsed.edges, onScreen.edges);
  assert.ok(parsed.labels.some((l) => /Lavrov/.test(l)));
});

test("the path finder shows a chain with evidence", async () => {
  await page.goto(base + "/explore/");
  await page.fill("#pa", "Jeremic");
  await page.fill("#pb", "Lavrov");
  await page.click("#path-form button");
  await page.waitForSelector("#details ol li", { timeout: 10000 });
  const text = await page.locator("#details").textContent();
  assert.match(text, /Jeremic/);
  assert.match(text, /08MOSCOW235/);
  assert.match(page.url(), /path=/);
});

test("a person view expands counterparts", async () => {
  await page.goto(base + "/explore/");
  await page.fill("#q", "Lavrov");
  await page.press("#q", "Enter");
  await page.waitForFunction(() => window.cablegraphExplorer.cy.nodes().length > 1, null, { timeout: 10000 });
  const labels = await page.evaluate(() => window.cablegraphExplorer.cy.nodes().map((n) => n.data("label")));
  assert.ok(labels.some((l) => /Jeremic/.test(l)), JSON.stringify(labels));
  await shot("explorer-seed-person.png");
});
