// The cablegraph explorer: type a name or a topic, see who is connected to
// whom, click an edge to read the sentences that prove it, open the cable.
//
// It talks only to the public GraphQL API (/graphql), so it is also the
// reference front end for that API. State lives in the URL hash so that a
// view can be shared.
import cytoscape from "cytoscape";

const COLORS = { Person: "#2f6fb3", Country: "#2e8b57", Cable: "#a05a2c", Tag: "#8a4fb0", Reference: "#888", Organization: "#b8860b", post: "#777" };
const EXPAND_CAP = 15;

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));

// ---- GraphQL -------------------------------------------------------------

async function gql(query, variables = {}) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const headers = { "Content-Type": "application/json" };
    const token = sessionStorage.getItem("cablegraph-token");
    if (token) headers.Authorization = "Bearer " + token;
    const resp = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) });
    if (resp.status === 401 && attempt === 0) {
      const t = window.prompt("This cablegraph needs an access token:");
      if (!t) throw new Error("an access token is needed");
      sessionStorage.setItem("cablegraph-token", t);
      continue;
    }
    const body = await resp.json().catch(() => ({ errors: [{ message: "HTTP " + resp.status }] }));
    return body;
  }
  throw new Error("access token refused");
}

const Q_FIND = `query Find($q: String!, $co: Boolean) {
  person(name: $q) { key name surname }
  discussions(topic: $q, includeCoMentions: $co, first: 50) {
    a { key name } b { key name } count firstDate lastDate
    evidence { cableId paragraph sentence kind date }
  }
}`;

const Q_PERSON = `query Person($q: String!, $co: Boolean) {
  person(name: $q) {
    key name roles countryCodes cableCount aliases
    alternatives { key name cableCount }
    interactions(first: 100, includeCoMentions: $co) { a b aName bName kind cableId paragraph evidence date }
  }
}`;

const Q_CABLE = `query Cable($id: ID!) {
  cable(id: $id) {
    id subject created classification origin signature permalink
    tags { code meaning }
    references { raw id kind letter cable { id subject } }
    citedBy { id subject }
    paragraphs { number marking text }
    persons { key name }
  }
}`;

const Q_PATH = `query Path($a: String!, $b: String!) {
  connection(a: $a, b: $b, maxHops: 4) {
    found reason
    persons { key name }
    hops { from { key name } to { key name } kind evidence { cableId paragraph sentence kind date } }
  }
}`;

const Q_SEARCH = `query Search($q: String!) {
  search(query: $q, first: 25) { totalCount edges { node { score cable { id subject created } snippets { paragraph text } } } }
}`;

const Q_NEIGH = `query N($id: ID!) { neighborhood(id: $id, depth: 1, limit: 150) { nodes { id kind label properties } edges { source target kind weight } truncated omitted } }`;

// ---- graph ---------------------------------------------------------------

const cy = cytoscape({
  container: $("cy"),
  // a few thousand elements stay interactive: one device pixel per CSS
  // pixel, a cached texture while panning, and labels only when readable
  textureOnViewport: true,
  hideEdgesOnViewport: false,
  pixelRatio: 1,
  style: [
    { selector: "node", style: {
      "background-color": (n) => COLORS[n.data("kind")] || "#555",
      label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
      width: "mapData(degree, 0, 20, 16, 60)", height: "mapData(degree, 0, 20, 16, 60)",
      "text-outline-color": "#fff", "text-outline-width": 2, "min-zoomed-font-size": 7,
    } },
    { selector: "edge", style: {
      width: "mapData(weight, 1, 10, 1.5, 10)", "line-color": "#9aa6b8", "curve-style": "bezier", opacity: 0.85,
    } },
    { selector: "edge[kind = 'coMentioned']", style: { "line-style": "dashed" } },
    { selector: ":selected", style: { "border-width": 3, "border-color": "#f0a500", "line-color": "#f0a500" } },
    { selector: ".hidden", style: { display: "none" } },
  ],
  layout: { name: "grid" },
});
window.cablegraphExplorer = { cy }; // for tests and power users in the console

// edgeData keeps every evidence item of an edge so the date range can recount.
function pairId(a, b) { return a < b ? `e:${a}~${b}` : `e:${b}~${a}`; }

function addPerson(key, name, extra = {}) {
  const id = "Person:" + key;
  if (cy.getElementById(id).empty()) {
    const kind = key.startsWith("post:") ? "post" : "Person";
    cy.add({ group: "nodes", data: { id, key, kind, label: name || key, degree: 0, ...extra } });
  }
  return id;
}

function addEvidenceEdge(a, aName, b, bName, ev) {
  const s = addPerson(a, aName), t = addPerson(b, bName);
  const id = pairId(s, t);
  let e = cy.getElementById(id);
  if (e.empty()) {
    e = cy.add({ group: "edges", data: { id, source: s, target: t, kind: ev.kind, weight: 0, evidence: [] } });
  }
  const list = e.data("evidence");
  const sig = `${ev.cableId}|${ev.paragraph}|${ev.sentence}|${ev.kind}`;
  if (!list.some((x) => x.sig === sig)) list.push({ ...ev, sig, aName, bName });
  e.data("weight", list.length);
  if (ev.kind !== "coMentioned") e.data("kind", ev.kind);
}

function addGenericNode(n) {
  if (cy.getElementById(n.id).nonempty()) return;
  cy.add({ group: "nodes", data: { id: n.id, kind: n.kind, label: n.label, degree: 0, props: n.properties || {} } });
}

function refresh(layout = true) {
  applyRange();
  // large graphs: skip drawing edges while the view moves
  cy.renderer().hideEdgesOnViewport = cy.elements().length > 2000;
  cy.nodes().forEach((n) => n.data("degree", n.connectedEdges(":visible").length));
  if (layout) {
    const big = cy.nodes().length > 400;
    cy.layout(big ? { name: "concentric", concentric: (n) => n.data("degree"), levelWidth: () => 2, animate: false }
                  : { name: "cose", animate: false, nodeRepulsion: 9000, idealEdgeLength: 90, randomize: false }).run();
    // a handful of nodes should not fill the screen with giant labels
    if (cy.zoom() > 1.2) { cy.zoom(1.2); cy.center(); }
  }
  renderLinks();
  setStatus(`${cy.nodes(":visible").length} nodes, ${cy.edges(":visible").length} links`);
}

function setStatus(s) { $("status").textContent = s; }

// ---- date range ------------------------------------------------------------

let months = []; // sorted "YYYY-MM" present in evidence

function rebuildRange() {
  const set = new Set();
  cy.edges().forEach((e) => (e.data("evidence") || []).forEach((ev) => ev.date && set.add(ev.date.slice(0, 7))));
  months = [...set].sort();
  const max = Math.max(0, months.length - 1);
  for (const id of ["from", "to"]) { $(id).max = String(max); }
  const st = state();
  $("from").value = st.from && months.includes(st.from) ? String(months.indexOf(st.from)) : "0";
  $("to").value = st.to && months.includes(st.to) ? String(months.indexOf(st.to)) : String(max);
  showRange();
}

function showRange() {
  $("from-out").textContent = months[+$("from").value] || "–";
  $("to-out").textContent = months[+$("to").value] || "–";
}

function applyRange() {
  if (!months.length) { cy.elements().removeClass("hidden"); return; }
  const lo = months[Math.min(+$("from").value, +$("to").value)], hi = months[Math.max(+$("from").value, +$("to").value)];
  cy.edges().forEach((e) => {
    const ev = e.data("evidence");
    if (!ev) return;
    const n = ev.filter((x) => !x.date || (x.date.slice(0, 7) >= lo && x.date.slice(0, 7) <= hi)).length;
    e.toggleClass("hidden", n === 0);
    e.data("weight", Math.max(n, 1));
  });
  cy.nodes().forEach((n) => {
    const person = n.data("kind") === "Person" || n.data("kind") === "post";
    n.toggleClass("hidden", person && n.connectedEdges().length > 0 && n.connectedEdges().not(".hidden").length === 0);
  });
}

for (const id of ["from", "to"]) {
  $(id).addEventListener("input", () => { showRange(); refresh(false); saveState({ from: $("from-out").textContent, to: $("to-out").textContent }); });
}

// ---- panel -----------------------------------------------------------------

function renderLinks() {
  const ul = $("links");
  ul.innerHTML = "";
  const edges = cy.edges(":visible").sort((a, b) => b.data("weight") - a.data("weight")).slice(0, 300);
  for (const e of edges) {
    const li = document.createElement("li");
    const btn = document.createElement("button");
    btn.type = "button";
    btn.dataset.edge = e.id();
    btn.textContent = `${e.source().data("label")} — ${e.target().data("label")} (${e.data("weight")} ${e.data("kind")})`;
    btn.addEventListener("click", () => selectEdge(e));
    li.appendChild(btn);
    ul.appendChild(li);
  }
}

function selectEdge(e) {
  cy.elements().unselect();
  e.select();
  const evs = (e.data("evidence") || []).slice().sort((x, y) => (x.date || "").localeCompare(y.date || "") || x.cableId.localeCompare(y.cableId) || x.paragraph - y.paragraph);
  let html = `<h2>${esc(e.source().data("label"))} — ${esc(e.target().data("label"))}</h2>`;
  if (!evs.length) {
    html += `<p class="meta">${esc(e.data("kind"))}, weight ${e.data("weight")}</p>`;
  } else {
    html += `<p class="meta">${evs.length} sentence${evs.length > 1 ? "s" : ""} prove this link.</p><ul class="evidence">`;
    evs.forEach((ev, i) => {
      html += `<li><button type="button" data-ev="${i}"><span class="meta">${esc(ev.cableId)} ¶${ev.paragraph} · ${esc(ev.date || "")} · ${esc(ev.kind)}</span>
        <span class="sentence">${esc(ev.sentence)}</span></button></li>`;
    });
    html += "</ul>";
  }
  $("details").innerHTML = html;
  $("details").querySelectorAll("button[data-ev]").forEach((b) => b.addEventListener("click", () => {
    const ev = evs[+b.dataset.ev];
    openCable(ev.cableId, ev.sentence, ev.paragraph);
  }));
  saveState({ edge: e.id() });
}

async function openCable(id, highlight, paragraph) {
  const r = await gql(Q_CABLE, { id });
  const c = r.data && r.data.cable;
  if (!c) { $("details").innerHTML = `<p class="error">${esc(errText(r) || "cable not found")}</p>`; return; }
  let html = `<div class="cable"><h2>${esc(c.id)}: ${esc(c.subject)}</h2><dl class="kv">
    <dt>Created</dt><dd>${esc(c.created || "")}</dd>
    <dt>Classification</dt><dd>${esc(c.classification)}</dd>
    <dt>Origin</dt><dd>${esc(c.origin)}</dd>
    <dt>Tags</dt><dd>${c.tags.map((t) => `<span title="${esc(t.meaning)}">${esc(t.code)}</span>`).join(" ")}</dd>
    <dt>References</dt><dd>${c.references.map((x) => x.cable ? `<a href="#cable=${esc(x.cable.id)}" data-cable="${esc(x.cable.id)}">${esc(x.raw)}</a>` : `${esc(x.raw)}${x.kind === "cable" ? " (not loaded)" : ""}`).join("; ") || "none"}</dd>
    <dt>Cited by</dt><dd>${c.citedBy.map((x) => `<a href="#cable=${esc(x.id)}" data-cable="${esc(x.id)}">${esc(x.id)}</a>`).join(", ") || "none loaded"}</dd>
    <dt>Signed</dt><dd>${esc(c.signature)}</dd>
    <dt>Public copy</dt><dd><a href="${esc(c.permalink)}" rel="noopener" target="_blank">${esc(c.permalink)}</a></dd>
  </dl>`;
  let marked = false;
  for (const p of c.paragraphs) {
    let text = esc(p.text);
    if (highlight && (!paragraph || p.number === paragraph) && !marked) {
      const h = markSentence(p.text, highlight);
      if (h) { text = h; marked = true; }
    }
    html += `<p id="par${p.number}">${p.number ? `<b>${p.number}.</b> ` : ""}${p.marking ? `<span class="marking">(${esc(p.marking)})</span> ` : ""}${text}</p>`;
  }
  html += "</div>";
  $("details").innerHTML = html;
  $("details").querySelectorAll("a[data-cable]").forEach((a) => a.addEventListener("click", (ev) => { ev.preventDefault(); openCable(a.dataset.cable); }));
  const m = $("details").querySelector("mark");
  if (m) m.scrollIntoView({ block: "center" });
  saveState({ cable: id });
}

// markSentence finds the evidence sentence in the paragraph text even when
// white space differs, and wraps it in <mark>.
function markSentence(text, sentence) {
  const words = sentence.split(/\s+/).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (!words.length) return null;
  const re = new RegExp(words.join("\\s+"));
  const m = re.exec(text);
  if (!m) return null;
  return esc(text.slice(0, m.index)) + "<mark>" + esc(m[0]) + "</mark>" + esc(text.slice(m.index + m[0].length));
}

function errText(r) { return r && r.errors && r.errors.map((e) => e.message).join("; "); }

// ---- views -----------------------------------------------------------------

function clear() { cy.elements().remove(); $("details").innerHTML = ""; }

async function showTopic(q, discussions) {
  clear();
  for (const d of discussions) {
    for (const ev of d.evidence) addEvidenceEdge(d.a.key, d.a.name, d.b.key, d.b.name, ev);
  }
  rebuildRange();
  refresh();
  $("details").innerHTML = `<h2>Who discussed ${esc(q)} with whom</h2><p class="meta">${discussions.length} pairs. Click a link to read the proof; click a person to expand.</p>` + legend();
}

async function showPerson(name, keepGraph = false) {
  const r = await gql(Q_PERSON, { q: name, co: $("cocheck").checked });
  const p = r.data && r.data.person;
  if (!p) { if (!keepGraph) $("details").innerHTML = `<p class="error">${esc(errText(r) || "no such person")}</p>`; return null; }
  if (!keepGraph) clear();
  const center = addPerson(p.key, p.name);
  // rank counterparts by number of interactions and cap the expansion
  const byOther = new Map();
  for (const it of p.interactions) {
    const other = it.a === p.key ? it.b : it.a;
    if (!byOther.has(other)) byOther.set(other, []);
    byOther.get(other).push(it);
  }
  const ranked = [...byOther.entries()].sort((x, y) => y[1].length - x[1].length || x[0].localeCompare(y[0]));
  for (const [, list] of ranked.slice(0, EXPAND_CAP)) {
    for (const it of list) addEvidenceEdge(it.a, it.aName, it.b, it.bName, { cableId: it.cableId, paragraph: it.paragraph, sentence: it.evidence, kind: it.kind, date: it.date });
  }
  cy.getElementById(center).data("more", Math.max(0, ranked.length - EXPAND_CAP));
  rebuildRange();
  refresh();
  const more = ranked.length > EXPAND_CAP ? `<p class="meta">${ranked.length - EXPAND_CAP} more counterparts not shown.</p>` : "";
  const alts = p.alternatives && p.alternatives.length ? `<p class="meta">Also could mean: ${p.alternatives.map((a) => esc(a.name)).join(", ")}</p>` : "";
  $("details").innerHTML = `<h2>${esc(p.name)}</h2><dl class="kv"><dt>Roles</dt><dd>${esc(p.roles.join("; "))}</dd>
    <dt>Countries</dt><dd>${esc(p.countryCodes.join(", "))}</dd><dt>Cables</dt><dd>${p.cableCount}</dd>
    <dt>Also written</dt><dd>${esc(p.aliases.join("; "))}</dd></dl>${alts}${more}` + legend();
  return p;
}

async function showPath(a, b) {
  const r = await gql(Q_PATH, { a, b });
  const c = r.data && r.data.connection;
  if (!c) { $("details").innerHTML = `<p class="error">${esc(errText(r))}</p>`; return; }
  clear();
  if (!c.found) { $("details").innerHTML = `<h2>No path</h2><p>${esc(c.reason)}</p>`; refresh(); return; }
  let html = `<h2>${esc(c.persons[0].name)} → ${esc(c.persons[c.persons.length - 1].name)}</h2><ol>`;
  for (const h of c.hops) {
    for (const ev of h.evidence) addEvidenceEdge(h.from.key, h.from.name, h.to.key, h.to.name, ev);
    if (!h.evidence.length) addEvidenceEdge(h.from.key, h.from.name, h.to.key, h.to.name, { cableId: "", paragraph: 0, sentence: "", kind: h.kind, date: null });
    html += `<li>${esc(h.from.name)} — ${esc(h.to.name)} (${esc(h.kind)})<ul class="evidence">${h.evidence.slice(0, 3).map((ev) => `<li><span class="meta">${esc(ev.cableId)} ¶${ev.paragraph}</span> ${esc(ev.sentence)}</li>`).join("")}</ul></li>`;
  }
  html += "</ol>";
  rebuildRange();
  refresh(false);
  // a chain reads best as a line, in path order
  c.persons.forEach((p, i) => cy.getElementById("Person:" + p.key).position({ x: i * 170, y: (i % 2) * 60 }));
  cy.fit(undefined, 60);
  if (cy.zoom() > 1.2) { cy.zoom(1.2); cy.center(); }
  $("details").innerHTML = html;
}

async function showSearch(q) {
  const r = await gql(Q_SEARCH, { q });
  const s = r.data && r.data.search;
  clear();
  refresh(false);
  if (!s) { $("details").innerHTML = `<p class="error">${esc(errText(r))}</p>`; return; }
  let html = `<h2>${s.totalCount} cables mention “${esc(q)}”</h2><ul class="evidence">`;
  for (const e of s.edges) {
    const h = e.node;
    html += `<li class="hit"><button type="button" data-cable="${esc(h.cable.id)}"><span class="meta">${esc(h.cable.id)} · ${esc((h.cable.created || "").slice(0, 10))}</span>
      <span class="sentence">${esc(h.cable.subject)}</span>${h.snippets[0] ? `<span class="meta">${esc(h.snippets[0].text)}</span>` : ""}</button></li>`;
  }
  $("details").innerHTML = html + "</ul>";
  $("details").querySelectorAll("button[data-cable]").forEach((b) => b.addEventListener("click", () => showCableGraph(b.dataset.cable)));
}

async function showCableGraph(id) {
  const r = await gql(Q_NEIGH, { id: "Cable:" + id });
  clear();
  const g = r.data && r.data.neighborhood;
  if (g) {
    for (const n of g.nodes) addGenericNode(n);
    for (const e of g.edges) {
      if (cy.getElementById(e.source).nonempty() && cy.getElementById(e.target).nonempty()) {
        cy.add({ group: "edges", data: { id: `g:${e.source}>${e.kind}>${e.target}`, source: e.source, target: e.target, kind: e.kind, weight: e.weight } });
      }
    }
  }
  months = [];
  refresh();
  await openCable(id);
}

function legend() {
  return `<p class="legend">${["Person", "Country", "Cable", "Tag", "post"].map((k) => `<span><i style="background:${COLORS[k]}"></i>${k === "post" ? "embassy" : k.toLowerCase()}</span>`).join("")}</p>`;
}

async function search(q) {
  q = q.trim();
  if (!q) return;
  $("q").value = q;
  saveState({ q, path: null, cable: null, edge: null }, true);
  setStatus("searching…");
  if (/^\d{2}[A-Z]+\d+$/i.test(q.replace(/\s+/g, ""))) return showCableGraph(q.replace(/\s+/g, "").toUpperCase());
  const r = await gql(Q_FIND, { q, co: $("cocheck").checked });
  const d = (r.data && r.data.discussions) || [];
  const p = r.data && r.data.person;
  const nameLike = p && [p.name, p.surname, p.key].some((x) => (x || "").toLowerCase() === q.toLowerCase());
  if (p && (nameLike || !d.length)) return showPerson(q);
  if (d.length) return showTopic(q, d);
  return showSearch(q);
}

// ---- interactions with the graph ---------------------------------------------

cy.on("tap", "edge", (e) => selectEdge(e.target));
cy.on("tap", "node", async (e) => {
  const n = e.target;
  if (n.data("kind") === "Person") {
    await showPerson(n.data("key"), true);
  } else if (n.data("kind") === "Cable") {
    openCable(n.id().slice("Cable:".length));
  }
});

// ---- export ----------------------------------------------------------------

function download(name, type, text) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

const xml = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));

function toGraphML() {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '<key id="label" for="node" attr.name="label" attr.type="string"/>',
    '<key id="kind" for="node" attr.name="kind" attr.type="string"/>',
    '<key id="ekind" for="edge" attr.name="kind" attr.type="string"/>',
    '<key id="weight" for="edge" attr.name="weight" attr.type="int"/>',
    '<key id="evidence" for="edge" attr.name="evidence" attr.type="string"/>',
    '<graph id="cablegraph" edgedefault="undirected">'];
  cy.nodes(":visible").forEach((n) => lines.push(`<node id="${xml(n.id())}"><data key="label">${xml(n.data("label"))}</data><data key="kind">${xml(n.data("kind"))}</data></node>`));
  cy.edges(":visible").forEach((e) => lines.push(`<edge id="${xml(e.id())}" source="${xml(e.source().id())}" target="${xml(e.target().id())}"><data key="ekind">${xml(e.data("kind"))}</data><data key="weight">${e.data("weight")}</data><data key="evidence">${xml((e.data("evidence") || []).map((x) => `${x.cableId} ¶${x.paragraph}: ${x.sentence}`).join("\n"))}</data></edge>`));
  lines.push("</graph>", "</graphml>");
  return lines.join("\n");
}

function toJSON() {
  return JSON.stringify({
    nodes: cy.nodes(":visible").map((n) => ({ id: n.id(), kind: n.data("kind"), label: n.data("label") })),
    edges: cy.edges(":visible").map((e) => ({ source: e.source().id(), target: e.target().id(), kind: e.data("kind"), weight: e.data("weight"), evidence: (e.data("evidence") || []).map(({ sig, ...x }) => x) })),
  }, null, 2);
}

$("export-graphml").addEventListener("click", () => download("cablegraph.graphml", "application/graphml+xml", toGraphML()));
$("export-json").addEventListener("click", () => download("cablegraph.json", "application/json", toJSON()));
window.cablegraphExplorer.toGraphML = toGraphML;

// ---- URL state -------------------------------------------------------------

function state() { return Object.fromEntries(new URLSearchParams(location.hash.slice(1))); }
function saveState(patch, replace) {
  const st = replace ? {} : state();
  for (const [k, v] of Object.entries(patch)) { if (v == null) delete st[k]; else st[k] = v; }
  history.replaceState(null, "", "#" + new URLSearchParams(st).toString());
}

async function restore() {
  const st = state();
  if (st.path) {
    const [a, b] = st.path.split("|");
    $("pa").value = a; $("pb").value = b;
    await showPath(a, b);
  } else if (st.q) {
    await search(st.q);
    if (st.edge && cy.getElementById(st.edge).nonempty()) selectEdge(cy.getElementById(st.edge));
  }
  if (st.cable) await openCable(st.cable);
}

$("search-form").addEventListener("submit", (e) => { e.preventDefault(); search($("q").value); });
$("path-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const a = $("pa").value.trim(), b = $("pb").value.trim();
  if (!a || !b) return;
  saveState({ path: `${a}|${b}` }, true);
  showPath(a, b);
});
$("cocheck").addEventListener("change", () => { if ($("q").value) search($("q").value); });
// a pasted or edited URL (or the back button) shows the view it names
window.addEventListener("hashchange", () => restore());
restore();
