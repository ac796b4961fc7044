// Takes the screenshots of docs/screenshots/ from a running cablegraph
// (not a test): CABLEGRAPH_URL=http://127.0.0.1:8080 SCREENSHOT_DIR=docs/screenshots
// PREFIX=corpus node explorer/e2e/screenshots.mjs
import path from "node:path";
import { chromium } from "playwright-core";

const base = process.env.CABLEGRAPH_URL || "http://127.0.0.1:8080";
const dir = process.env.SCREENSHOT_DIR || ".";
const prefix = process.env.PREFIX || "corpus";
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
const shot = (name) => page.screenshot({ path: path.join(dir, `${prefix}-${name}.png`) });
const settle = () => page.waitForFunction(() => window.cablegraphExplorer && window.cablegraphExplorer.cy.nodes().length > 0, null, { timeout: 60000 });

await page.goto(base + "/explore/#q=Kosovo");
await settle();
await page.waitForTimeout(500);
await shot("kosovo");
const n = await page.evaluate(() => ({ nodes: window.cablegraphExplorer.cy.nodes().length, edges: window.cablegraphExplorer.cy.edges().length }));
console.log("Kosovo topic view:", JSON.stringify(n));
await page.locator("#links button").first().click();
await page.waitForSelector("#details .evidence button");
await shot("kosovo-edge");
await page.locator("#details .evidence button").first().click();
await page.waitForSelector("#details .cable");
await shot("kosovo-cable");

await page.goto(base + "/explore/#q=Lavrov");
await settle();
await page.waitForTimeout(500);
await shot("lavrov");

await page.goto(base + "/explore/#path=Jeremic|Clinton");
await page.waitForSelector("#details h2", { timeout: 60000 });
await page.waitForTimeout(500);
await shot("path");
console.log("path:", (await page.locator("#details").textContent()).slice(0, 300));
await browser.close();
