// quarry's page: reads the JSON API and draws the results. Every piece of
// text from the index goes into the page as text (textContent, text
// nodes), never as HTML, so an article holding markup shows it as words.
"use strict";

const FIELDS = ["q", "speaker", "outlet", "publisher", "kind", "since", "until", "sort", "group_quotes"];
// Kept in the URL beside the fields: the view (list, table, article) and the table's order.
const VIEW_FIELDS = ["view", "sort_by"];
const PAGE = 10;
const COLORS = ["#0b5cad", "#d9480f", "#2b8a3e", "#862e9c", "#c92a2a", "#adb5bd"];
const $ = (id) => document.getElementById(id);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Elements with text children: el("p", {class: "x"}, "text", child, …).
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// `text` with the UTF-8 byte ranges `ranges` ({start, end}) wrapped in <mark>.
function marked(text, ranges, cls) {
  const bytes = encoder.encode(text);
  const out = document.createDocumentFragment();
  let at = 0;
  for (const { start, end } of ranges) {
    if (start < at || end > bytes.length) continue;
    out.append(decoder.decode(bytes.subarray(at, start)));
    out.append(el("mark", { class: cls || "hl" }, decoder.decode(bytes.subarray(start, end))));
    at = end;
  }
  out.append(decoder.decode(bytes.subarray(at)));
  return out;
}

// The view's state, from the URL: the search fields, plus `view=article&id=…`.
function state() {
  return new URLSearchParams(location.search);
}

function searchParams(s, extra) {
  const p = new URLSearchParams();
  for (const f of FIELDS) for (const v of s.getAll(f)) if (v !== "") p.append(f, v);
  for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
  return p;
}

function go(params) {
  history.pushState(null, "", "?" + params.toString());
  render();
}

async function api(path, params) {
  const response = await fetch(path + "?" + params.toString());
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function fillForm(s) {
  for (const f of FIELDS) {
    const input = $(f);
    if (input.type === "checkbox") input.checked = s.get(f) === "true";
    else input.value = s.get(f) || "";
  }
  const advanced = FIELDS.slice(1).some((f) => s.get(f));
  if (advanced) $("more").open = true;
}

function showFilters(s) {
  const box = $("active");
  box.replaceChildren();
  for (const f of ["speaker", "outlet", "publisher", "kind", "since", "until"]) {
    for (const v of s.getAll(f)) {
      const chip = el("button", { class: "chip", type: "button", title: "remove this filter" }, `${f}: ${v} ×`);
      chip.addEventListener("click", () => {
        const next = state();
        const kept = next.getAll(f).filter((x) => x !== v);
        next.delete(f);
        for (const k of kept) next.append(f, k);
        next.delete("offset");
        go(next);
      });
      box.append(chip);
    }
  }
}

async function render() {
  const s = state();
  fillForm(s);
  showFilters(s);
  if (s.get("view") === "article" && s.get("id")) return renderArticle(s.get("id"));
  const table = s.get("view") === "table";
  $("article").hidden = true;
  $("hits").hidden = table;
  $("table").hidden = !table;
  $("export").href = "/api/export.csv?" + searchParams(s).toString();
  if (!s.get("q")) return renderHome(s);
  $("status").textContent = "Searching…";
  const offset = Number(s.get("offset") || 0);
  try {
    const results = await api("/api/search", searchParams(s, { n: String(PAGE + offset) }));
    $("status").replaceChildren(
      (results.num_hits_relation === "gte" ? "at least " : "") +
      `${results.num_hits} matching ${results.counted}` + (results.num_hits ? "" : " — try fewer words or filters"),
      " · ", viewSwitch(s, table));
    if (table) drawTable(results.hits, s); else drawHits(results.hits);
    $("next").hidden = results.hits.length < PAGE + offset;
  } catch (e) {
    $("status").textContent = e.message;
    $("hits").replaceChildren();
    $("table").replaceChildren();
    $("next").hidden = true;
  }
  facets(s);
  drawTimeline(s);
}

async function renderHome(s) {
  $("hits").replaceChildren();
  $("next").hidden = true;
  $("timeline").hidden = true;
  try {
    const st = await api("/api/stats", new URLSearchParams());
    $("status").textContent = `${st.articles} articles, ${st.quotes} quotations and ${st.reported} reported statements by ${st.speakers} speakers. Ask a question above.`;
  } catch (e) {
    $("status").textContent = e.message;
  }
  facets(s);
}

/// The link between the list and the table, the choice kept in the URL.
function viewSwitch(s, table) {
  const b = el("button", { class: "linkish", type: "button", id: "view-switch" }, table ? "list view" : "table view");
  b.addEventListener("click", () => {
    const next = state();
    if (table) next.delete("view"); else next.set("view", "table");
    go(next);
  });
  return b;
}

/// The sentence of `passage` that holds `quote`, as [before, quote,
/// after]: a card shows the statement in its sentence, the rest dimmed.
function inSentence(passage, quote) {
  const at = quote ? passage.indexOf(quote) : -1;
  if (at < 0) return ["", quote || passage, ""];
  const ends = /[.!?][”"’)]?\s/g;
  let start = 0, m;
  while ((m = ends.exec(passage)) && m.index + m[0].length <= at) start = m.index + m[0].length;
  ends.lastIndex = at + quote.length;
  m = ends.exec(passage);
  const end = m ? m.index + m[0].length - 1 : passage.length;
  return [passage.slice(start, at), quote, passage.slice(at + quote.length, Math.max(end, at + quote.length))];
}

const COLUMNS = [
  ["speaker", (h) => h.speaker || ""], ["outlet", (h) => h.outlet || ""],
  ["kind", (h) => ({ quote: "quotation", reported: "reported", passage: "paragraph" }[h.kind] || h.kind)],
  ["statement", (h) => h.quote || h.fragment], ["article", (h) => h.article.title || h.article.relative_path],
  ["publisher", (h) => h.article.publisher || ""], ["date", (h) => h.article.date || ""],
];

/// The hits as a table, sortable by any column (`sort_by` in the URL).
function drawTable(hits, s) {
  const by = COLUMNS.find(([name]) => name === s.get("sort_by"));
  const rows = by ? [...hits].sort((a, b) => by[1](a).localeCompare(by[1](b))) : hits;
  const head = el("tr", {}, ...COLUMNS.map(([name]) => {
    const b = el("button", { type: "button", class: "linkish" }, name + (by && by[0] === name ? " ▲" : ""));
    b.addEventListener("click", () => {
      const next = state();
      next.set("sort_by", name);
      go(next);
    });
    return el("th", { scope: "col" }, b);
  }));
  $("table").replaceChildren(
    el("thead", {}, head),
    el("tbody", {}, ...rows.map((h) => el("tr", { "data-kind": h.kind }, ...COLUMNS.map(([, cell]) => el("td", {}, cell(h)))))));
}

function drawHits(hits) {
  const list = $("hits");
  list.replaceChildren();
  for (const h of hits) {
    const kind = { quote: "quotation", reported: "reported", passage: "paragraph", article: "article" }[h.kind] || h.kind;
    const who = h.speaker ? el("span", { class: "who" }, h.speaker) : null;
    const where = h.outlet ? el("span", { class: "outlet" }, ` on ${h.outlet}`) : null;
    // The statement in its sentence, the rest of the sentence dimmed.
    const whole = (h.kind === "quote" || h.kind === "reported") && h.fragment === h.quote;
    const [before, , after] = whole ? inSentence(h.passage, h.quote) : ["", "", ""];
    const text = el("blockquote", {}, el("span", { class: "context" }, before), marked(h.fragment, h.highlights),
      el("span", { class: "context" }, after));
    const a = h.article;
    const source = [a.title || a.relative_path, a.publisher, a.date].filter(Boolean).join(" · ");
    const open = el("button", { class: "linkish", type: "button" }, "open article");
    open.addEventListener("click", () => {
      const next = state();
      next.set("view", "article");
      next.set("id", a.id);
      go(next);
    });
    const reports = h.count > 1 ? el("span", { class: "meta" }, ` · reported by ${h.count} articles`) : null;
    list.append(el("li", { class: "hit", "data-kind": h.kind },
      el("div", {}, el("span", { class: `badge ${h.kind}` }, kind), who, where, reports),
      text,
      el("div", { class: "meta" }, source, " · ", open)));
  }
}

async function facets(s) {
  // The lists say what they count: the kind searched, statements by default.
  const noun = { quote: "quotations", reported: "reported statements" }[s.get("kind")] || "statements";
  const [speakersHead, outletsHead] = document.querySelectorAll("#facets h2");
  speakersHead.textContent = `Speakers · ${noun}`;
  outletsHead.textContent = `Outlets · ${noun}`;
  const params = searchParams(s, { limit: "15" });
  params.delete("sort");
  params.delete("group_quotes");
  for (const [by, list, datalist] of [["speaker", "facet-speakers", "speakers-list"], ["outlet", "facet-outlets", "outlets-list"]]) {
    try {
      const rows = await api(`/api/${by}s`, params);
      const ul = $(list);
      ul.replaceChildren();
      for (const r of rows) {
        // The kind searched is the kind counted, as in the match count.
        const n = { quote: r.quotes, reported: r.reported }[s.get("kind")] ?? r.statements;
        const b = el("button", { type: "button", "data-name": r.name }, el("span", {}, r.name), el("span", { class: "n" }, n));
        b.addEventListener("click", () => {
          const next = state();
          next.append(by, r.name);
          next.delete("offset");
          if (!next.get("q")) next.set("q", "*");
          go(next);
        });
        ul.append(el("li", {}, b));
      }
      $(datalist).replaceChildren(...rows.map((r) => el("option", { value: r.name })));
    } catch (e) {
      // The status line says what went wrong, once; the lists are empty.
      $(list).replaceChildren();
    }
  }
}

async function drawTimeline(s) {
  const fig = $("timeline");
  const params = searchParams(s, { top: "5" });
  params.delete("sort");
  params.delete("group_quotes");
  let t;
  try {
    t = await api("/api/timeline", params);
  } catch (e) {
    fig.hidden = true;
    return;
  }
  if (!t.buckets.length) {
    // Undated articles have no place on a timeline: say so, once.
    fig.hidden = !t.undated;
    $("chart").replaceChildren();
    $("legend").replaceChildren();
    fig.querySelector("figcaption").textContent =
      `No timeline: the ${t.undated} matching ${t.undated === 1 ? "statement is" : "statements are"} in undated articles`;
    return;
  }
  if (t.buckets.length > 60 && params.get("interval") !== "month") {
    params.set("interval", "month");
    t = await api("/api/timeline", params);
  }
  fig.hidden = false;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  // Room for the count axis on the left and the dates below.
  const width = 600, height = 160, left = 34, bottom = 18, n = t.buckets.length;
  const plot = height - bottom - 6;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `statements per ${t.interval}`);
  const max = Math.max(...t.buckets.map((b) => b.total), 1);
  const bar = (width - left) / n;
  const text = (x, y, anchor, content) => {
    const e = document.createElementNS(ns, "text");
    e.setAttribute("x", String(x));
    e.setAttribute("y", String(y));
    e.setAttribute("text-anchor", anchor);
    e.setAttribute("class", "axis");
    e.textContent = content;
    svg.append(e);
  };
  const line = (x1, y1, x2, y2) => {
    const e = document.createElementNS(ns, "line");
    for (const [k, v] of Object.entries({ x1, y1, x2, y2 })) e.setAttribute(k, String(v));
    e.setAttribute("class", "axis");
    svg.append(e);
  };
  // The count axis: 0 and the tallest bar.
  line(left - 2, 6, left - 2, 6 + plot);
  text(left - 6, 6 + plot, "end", "0");
  text(left - 6, 14, "end", String(max));
  t.buckets.forEach((b, i) => {
    let y = 6 + plot;
    b.counts.forEach((c, j) => {
      if (!c) return;
      const h = (c / max) * plot;
      const r = document.createElementNS(ns, "rect");
      r.setAttribute("x", String(left + i * bar + bar * 0.1));
      r.setAttribute("width", String(bar * 0.8));
      r.setAttribute("y", String(y - h));
      r.setAttribute("height", String(h));
      r.setAttribute("fill", COLORS[Math.min(j, t.series.length) % COLORS.length]);
      const title = document.createElementNS(ns, "title");
      title.textContent = `${b.start}: ${c} (${(t.series[j] || "others")})`;
      r.append(title);
      svg.append(r);
      y -= h;
    });
  });
  // The date axis: every bar's date when few, else the first, middle and last.
  const shown = n <= 8 ? t.buckets.map((_, i) => i) : [0, Math.floor(n / 2), n - 1];
  const label = (start) => (t.interval === "month" ? start.slice(0, 7) : start);
  for (const i of shown) text(left + i * bar + bar / 2, height - 4, "middle", label(t.buckets[i].start));
  $("chart").replaceChildren(svg);
  const names = [...t.series, "others"];
  $("legend").replaceChildren(...names.map((name, j) =>
    el("span", {}, el("i", { style: null, "data-color": j }), name)));
  for (const i of $("legend").querySelectorAll("i")) {
    i.style.background = COLORS[Math.min(Number(i.dataset.color), t.series.length) % COLORS.length];
  }
  const first = t.buckets[0].start, last = t.buckets[n - 1].start;
  const undated = t.undated ? `; ${t.undated} in undated articles, not shown` : "";
  fig.querySelector("figcaption").textContent =
    `Matching statements per ${t.interval} (count), ${label(first)} to ${label(last)}${undated}`;
}

async function renderArticle(id) {
  $("hits").hidden = true;
  $("next").hidden = true;
  $("timeline").hidden = true;
  const box = $("article");
  box.hidden = false;
  box.replaceChildren(el("p", {}, "Loading…"));
  let view;
  try {
    view = await api("/api/article", new URLSearchParams({ id }));
  } catch (e) {
    box.replaceChildren(el("p", {}, e.message));
    return;
  }
  const a = view.article;
  $("status").textContent = "";
  const back = el("button", { class: "linkish", type: "button" }, "← back to results");
  back.addEventListener("click", () => history.back());
  const body = el("div", { class: "body" });
  const bytes = encoder.encode(view.text);
  const text = (from, to) => decoder.decode(bytes.subarray(from, to));
  // The title is the heading: the text's own first line is not repeated.
  let at = 0;
  const firstLine = view.text.split("\n", 1)[0];
  if (a.title && firstLine.trim() === a.title.trim()) at = encoder.encode(firstLine).length;
  const para = () => el("p");
  let p = para();
  const addText = (t) => {
    const parts = t.split(/\n\s*\n|\n/);
    parts.forEach((part, i) => {
      if (i > 0 && p.childNodes.length) { body.append(p); p = para(); }
      p.append(part);
    });
  };
  const marks = [];
  const speakers = new Map(), outlets = new Map();
  for (const att of view.attributions) {
    // A statement inside one already marked (a quotation inside reported
    // speech) is part of that mark, not one of its own.
    if (att.start < at) continue;
    addText(text(at, att.start));
    const who = att.speaker || "unattributed";
    const kind = att.kind === "quote" ? "quotation" : "reported speech";
    const m = el("mark", { class: att.kind, title: `${who}${att.outlet ? " on " + att.outlet : ""} (${kind})`,
      "data-speaker": who, "data-outlet": att.outlet || "" }, text(att.start, att.end));
    const label = el("span", { class: "who" }, ` — ${who}${att.outlet ? " · " + att.outlet : ""}, ${kind}`);
    p.append(m, label);
    marks.push([m, label]);
    speakers.set(who, (speakers.get(who) || 0) + 1);
    if (att.outlet) outlets.set(att.outlet, (outlets.get(att.outlet) || 0) + 1);
    at = att.end;
  }
  addText(text(at, bytes.length));
  body.append(p);
  box.replaceChildren(
    back,
    el("h1", {}, a.title || a.relative_path),
    el("p", { class: "meta" }, [a.publisher, a.date, a.author, a.relative_path].filter(Boolean).join(" · ")),
    el("p", { class: "count" }, `${marks.length} ${marks.length === 1 ? "statement" : "statements"} marked`),
    body);
  // The side lists are this article's speakers and outlets; a click shows
  // only their statements marked, a second click all again.
  let only = null;
  const show = (key, value) => {
    only = only && only[0] === key && only[1] === value ? null : [key, value];
    for (const [m, label] of marks) {
      const on = !only || m.dataset[only[0]] === only[1];
      m.classList.toggle("dim", !on);
      label.hidden = !on;
    }
  };
  for (const [list, counted, key] of [["facet-speakers", speakers, "speaker"], ["facet-outlets", outlets, "outlet"]]) {
    $(list).replaceChildren(...[...counted].sort((x, y) => y[1] - x[1]).map(([name, n]) => {
      const b = el("button", { type: "button", "data-name": name }, el("span", {}, name), el("span", { class: "n" }, n));
      b.addEventListener("click", () => show(key, name));
      return el("li", {}, b);
    }));
  }
}

// Words too common to be what a question is about.
const COMMON = new Set(("about above after again against among because before being below between could " +
  "during every first found would should their there these those through under until where which while " +
  "whose people thing things going think really still other said says saying told years today week").split(" "));

/// The example question in the search box, from this index: its most
/// quoted speaker and the word that speaker uses most.
async function suggestQuestion() {
  try {
    const [top] = await api("/api/speakers", new URLSearchParams({ limit: "1" }));
    if (!top) return;
    const said = await api("/api/search", new URLSearchParams({ q: "*", speaker: top.name, kind: "statement", n: "50" }));
    const names = new Set(top.name.toLowerCase().split(/\s+/));
    const counts = new Map();
    for (const h of said.hits) {
      for (const w of (h.quote || "").toLowerCase().match(/\p{L}{5,}/gu) || []) {
        if (!COMMON.has(w) && !names.has(w)) counts.set(w, (counts.get(w) || 0) + 1);
      }
    }
    const [word] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] || [];
    $("q").placeholder = word ? `what did ${top.name} say about ${word}?` : `what did ${top.name} say?`;
  } catch (e) {
    // The box keeps its plain invitation.
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    // A new search keeps the table, if that is the view.
    const now = state();
    if (now.get("view") === "table") for (const f of VIEW_FIELDS) if (now.get(f)) next.set(f, now.get(f));
    for (const f of FIELDS) {
      const input = $(f);
      const v = input.type === "checkbox" ? (input.checked ? "true" : "") : input.value.trim();
      if (v) next.set(f, v);
    }
    go(next);
  });
  $("next").addEventListener("click", () => {
    const next = state();
    next.set("offset", String(Number(next.get("offset") || 0) + PAGE));
    go(next);
  });
  window.addEventListener("popstate", render);
  render();
  suggestQuestion();
});
