// cleaner review report: the overview, the document and rule viewers, and the review panel.
// Runs from disk, no server: data files are scripts that hand their JSON to window.cleanerReport.
(function () {
  "use strict";
  const R = window.cleanerReport = { idx: null, chunks: {}, waiting: {} };
  R.index = (payload) => { R.idx = payload; };
  R.chunk = (number, docs) => {
    R.chunks[number] = docs;
    for (const done of R.waiting[number] || []) done(docs);
    delete R.waiting[number];
  };

  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
  const esc = (text) => String(text).replace(/[&<>"]/g, (c) => ESC[c]);
  // Control characters and bidirectional overrides of scraped names shown escaped, as on a terminal.
  const shown = (text) => String(text).replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? "\\x" + code.toString(16).padStart(2, "0") : "\\u" + code.toString(16).padStart(4, "0");
  });
  const num = (n) => n.toLocaleString("en-US");
  const pct = (x) => (100 * x).toFixed(1) + "%";
  const short = (text, limit) => text.length <= limit ? text : text.slice(0, limit) + "… (" + num(text.length) + " characters)";
  const hashParams = () => new URLSearchParams(location.hash.slice(1));

  // --- data ----------------------------------------------------------------------------------
  function loadChunk(number) {
    if (R.chunks[number]) return Promise.resolve(R.chunks[number]);
    return new Promise((resolve, reject) => {
      const first = !R.waiting[number];
      (R.waiting[number] = R.waiting[number] || []).push(resolve);
      if (!first) return;
      const script = document.createElement("script");
      script.src = "data/docs-" + number + ".js";
      script.onerror = () => reject(new Error("cannot load " + script.src));
      document.head.appendChild(script);
    });
  }
  // A document: its index row and its chunk entry, with its edits as objects.
  function loadDocument(n) {
    return loadChunk(Math.floor(n / R.idx.chunk)).then((docs) => {
      const [original, rows, outputs, parts, speech] = docs[n % R.idx.chunk];
      const meta = R.idx.docs[n];
      const edits = rows.map(([start, end, rule, added, detail], i) => ({
        n: i, start, end, rule: R.idx.rules[rule][0], ruleNumber: rule, old: original.slice(start, end),
        added: added || "", detail: detail || "", speech: (speech || []).includes(i),
      }));
      return { n, name: meta[0], encoding: meta[1], original, edits, outputs, parts, flags: meta[6] };
    });
  }
  const ruleInfo = () => Object.fromEntries(R.idx.rules.map((r, i) => [r[0], { number: i, id: r[0], description: r[1], hue: r[2],
    dark: r[3], edits: r[4], documents: r[5], chars: r[6], speech: r[7] }]));
  const colour = (rule) => { const r = RULES[rule]; return r ? `style="--hue:${r.hue};--dark:${r.dark}"` : ""; };
  let RULES = {};

  function cleanedText(doc) {
    const pieces = [];
    let pos = 0;
    for (const e of doc.edits) { pieces.push(doc.original.slice(pos, e.start), e.added); pos = e.end; }
    pieces.push(doc.original.slice(pos));
    return pieces.join("");
  }
  // An offset in the cleaned text as an offset in the original (edits hold both sides of each change).
  function originalOffset(doc, cleaned) {
    let shift = 0;
    for (const e of doc.edits) {
      const at = e.start + shift;
      if (cleaned < at) break;
      if (cleaned < at + e.added.length) return e.start;
      shift += e.added.length - (e.end - e.start);
    }
    return cleaned - shift;
  }
  // The whole lines an edit touches, stripped (what `cleaner rules review` turns into rules).
  function touchedLines(original, start, end) {
    const from = original.lastIndexOf("\n", start - 1) + 1;
    const last = end > start && original[end - 1] === "\n" && end - 1 > start ? end - 1 : end;
    let to = original.indexOf("\n", last);
    if (to < 0) to = original.length;
    return original.slice(from, Math.max(to, from)).split("\n").map((l) => l.trim()).filter(Boolean);
  }

  // --- review decisions, kept in the browser -----------------------------------------------------
  const Review = {
    memory: {},
    key() { return "cleaner-review:" + (R.idx ? R.idx.id : location.pathname); },
    all() {
      try { return JSON.parse(localStorage.getItem(this.key()) || "{}"); } catch (e) { return this.memory; }
    },
    save(map) {
      this.memory = map;
      try { localStorage.setItem(this.key(), JSON.stringify(map)); } catch (e) { /* private mode: this page only */ }
      renderPanel();
      for (const listener of this.listeners) listener();
    },
    listeners: [],
    id: (doc, e) => doc.n + ":" + e.start + ":" + e.end + ":" + e.rule,
    verdict(doc, e) { const d = this.all()[this.id(doc, e)]; return d ? d.verdict : ""; },
    mark(doc, edits, verdict) {
      const map = this.all();
      for (const e of edits) {
        const id = this.id(doc, e);
        if (!verdict || (map[id] && map[id].verdict === verdict && edits.length === 1)) { delete map[id]; continue; }
        map[id] = { n: doc.n, doc: doc.name, start: e.start, end: e.end, rule: e.rule, text: e.old,
          lines: touchedLines(doc.original, e.start, e.end), verdict };
      }
      this.save(map);
    },
    exported() {
      const list = Object.values(this.all()).sort((a, b) => a.n - b.n || a.start - b.start || a.end - b.end || (a.rule < b.rule ? -1 : 1));
      return list.map(({ doc, start, end, rule, text, lines, verdict }) => ({ doc, start, end, rule, text, lines, verdict }));
    },
  };

  function renderPanel() {
    const panel = $("#review");
    if (!panel) return;
    const list = Object.entries(Review.all()).sort((a, b) => a[1].n - b[1].n || a[1].start - b[1].start);
    $("#review-count").textContent = list.length;
    $("#decisions tbody").innerHTML = list.map(([id, d]) =>
      `<tr data-decision="${esc(id)}"><td><a href="doc.html#doc=${d.n}&at=${d.start}-${d.end}">${esc(shown(d.doc))}</a></td>` +
      `<td><span class="rule-chip" ${colour(d.rule)}>${esc(d.rule)}</span></td><td class="context"><del>${esc(short(d.text, 80))}</del></td>` +
      `<td class="verdict ${d.verdict}">${d.verdict}</td><td><button class="chip" data-forget="${esc(id)}">undo</button></td></tr>`).join("");
    $("#review-json").value = JSON.stringify(Review.exported(), null, 1);
  }

  function wirePanel() {
    const panel = $("#review");
    if (!panel) return;
    $("#review-toggle").addEventListener("click", () => {
      panel.hidden = !panel.hidden;
      $("#review-toggle").setAttribute("aria-expanded", String(!panel.hidden));
    });
    $("#review-export").addEventListener("click", () => {
      const blob = new Blob([JSON.stringify(Review.exported(), null, 1) + "\n"], { type: "application/json" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "review.json";
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
    $("#review-clear").addEventListener("click", () => { if (confirm("Forget every decision of this report?")) Review.save({}); });
    panel.addEventListener("click", (event) => {
      const forget = event.target.closest("[data-forget]");
      if (!forget) return;
      const map = Review.all();
      delete map[forget.dataset.forget];
      Review.save(map);
    });
    window.addEventListener("storage", renderPanel);
    renderPanel();
  }

  const reviewButtons = (verdict) =>
    `<button class="chip verdict-button" data-verdict="rejected" aria-pressed="${verdict === "rejected"}">reject</button>` +
    `<button class="chip verdict-button" data-verdict="confirmed" aria-pressed="${verdict === "confirmed"}">confirm</button>`;

  // --- marked text -------------------------------------------------------------------------------
  // The original from `from` to `to`, each edit inside marked by its rule; `passage` [start, end)
  // marked as well (the target of a repeat or quote link).
  function markedHtml(doc, from, to, edits, options) {
    const { hit, passage, limit } = options || {};
    const pieces = [];
    const plain = (a, b) => {
      if (a >= b) return;
      if (!passage || b <= passage[0] || a >= passage[1]) { pieces.push(esc(doc.original.slice(a, b))); return; }
      const s = Math.max(a, passage[0]), e = Math.min(b, passage[1]);
      pieces.push(esc(doc.original.slice(a, s)), `<mark class="passage">${esc(doc.original.slice(s, e))}</mark>`, esc(doc.original.slice(e, b)));
    };
    let pos = from;
    for (const e of edits) {
      plain(pos, e.start);
      const join = e.rule.startsWith("layout.join-");
      const verdict = Review.verdict(doc, e);
      const tag = !join && e.old.trim().length >= 4
        ? `<a class="tag" href="rule.html#rule=${encodeURIComponent(e.rule)}&doc=${doc.n}&edit=${e.n}" ${colour(e.rule)}>${esc(e.rule)}</a>` : "";
      let inner = `<del>${esc(limit ? short(e.old, limit) : e.old)}</del>`;
      if (e.added) inner += `<span class="arrow">→</span><ins>${esc(e.added)}</ins>`;
      pieces.push(`<span class="edit${join ? " join" : ""}${e === hit ? " hit" : ""}${verdict ? " " + verdict : ""}" ` +
        `${hit ? "" : `id="e${e.n}" `}data-n="${e.n}" data-rule="${esc(e.rule)}" tabindex="0" ${colour(e.rule)} title="${esc(e.rule)}"` +
        `${e.detail ? ` data-reason="${esc(e.detail)}"` : ""}>${tag}${inner}</span>`);
      pos = e.end;
    }
    plain(pos, to);
    return pieces.join("");
  }

  // --- the overview ------------------------------------------------------------------------------
  const PAGE_ROWS = 200;

  function wireIndex() {
    const ruleIds = R.idx.rules.map((r) => r[0]);
    const rows = R.idx.docs.map((d, i) => ({
      i, name: d[0], encoding: d[1], cin: d[2], cout: d[3], edits: d[4], rules: d[5], flags: d[6],
      share: d[2] ? (d[2] - d[3]) / d[2] : 0,
      hay: (shown(d[0]) + " " + d[5].map((r) => ruleIds[r]).join(" ")).toLowerCase(),
      ruleKey: d[5].map((r) => ruleIds[r]).join(" "),
      flagWeight: (d[6].large ? 4 : 0) + (d[6].unusual ? 2 : 0) + (d[6].speech ? 1 : 0),
    }));
    const search = $("#search"), inText = $("#search-text"), rule = $("#rule-filter"), flag = $("#flag-filter");
    const sort = $("#sort"), order = $("#sort-order"), body = $("#documents tbody"), count = $("#shown"), more = $("#more");
    let matching = [], limit = PAGE_ROWS, textHits = null, textNeedle = "", searchRun = 0;
    const KEYS = {
      number: (r) => r.i, name: (r) => r.name, share: (r) => r.share, edits: (r) => r.edits, rule: (r) => r.ruleKey,
      flag: (r) => r.flagWeight * 10 + r.share,
    };
    const flagText = (f) => [
      f.large ? `<span class="flag" title="${esc(f.large.rule)} removed ${Math.round(100 * f.large.share)}% of this document">` +
        `${f.large.emptied ? "cleaned to nothing" : Math.round(100 * f.large.share) + "% removed by one rule"}: ${esc(f.large.rule)}</span>` : "",
      f.unusual ? '<span class="flag" data-flag="unusual" title="lost a far larger share of its text than the other documents of this run">unusual share removed</span>' : "",
      f.speech ? `<span class="flag" data-flag="speech" title="removals of a line of prose in the middle of the document">${f.speech} look like speech</span>` : "",
    ].join(" ");
    const rowHtml = (r) => `<tr data-doc="${r.i}"><td class="num">${r.i + 1}</td><td><a href="doc.html#doc=${r.i}">${esc(shown(r.name))}</a></td>` +
      `<td>${esc(r.encoding)}</td><td class="num">${num(r.cin)}</td><td class="num">${num(r.cout)}</td><td class="num">${pct(r.share)}</td>` +
      `<td class="num">${num(r.edits)}</td><td class="chips">${r.rules.slice(0, 6).map((n) => `<span class="rule-chip small" ${colour(ruleIds[n])}>${esc(ruleIds[n])}</span>`).join("")}` +
      `${r.rules.length > 6 ? `<span class="muted">+${r.rules.length - 6}</span>` : ""}</td><td>${flagText(r.flags)}</td></tr>`;
    const draw = () => {
      body.innerHTML = matching.slice(0, limit).map(rowHtml).join("");
      count.textContent = num(matching.length);
      more.hidden = matching.length <= limit;
    };
    const apply = () => {
      const needle = search.value.trim().toLowerCase();
      const wanted = rule.value ? ruleIds.indexOf(rule.value) : -1, flagged = flag.value;
      const texts = inText.checked && textNeedle === needle ? textHits : null;
      matching = rows.filter((r) => (!needle || r.hay.includes(needle) || (texts && texts.has(r.i)))
        && (wanted < 0 || r.rules.includes(wanted))
        && (!flagged || (flagged === "any" ? r.flagWeight > 0 : r.flags[flagged])));
      const key = KEYS[sort.value], down = order.getAttribute("aria-pressed") === "true" ? -1 : 1;
      matching.sort((a, b) => { const x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : a.i - b.i) * down; });
      limit = PAGE_ROWS;
      draw();
    };
    // Searching the text loads every chunk once, in the background; the names and rules filter at once.
    const searchText = () => {
      const needle = search.value.trim().toLowerCase(), run = ++searchRun;
      textHits = null; textNeedle = "";
      $("#searching").textContent = "";
      if (!inText.checked || needle.length < 2) return;
      const hits = new Set(), chunks = Math.ceil(R.idx.docs.length / R.idx.chunk);
      const step = (k) => {
        if (run !== searchRun) return;
        if (k >= chunks) { textHits = hits; textNeedle = needle; $("#searching").textContent = "(text searched)"; apply(); return; }
        $("#searching").textContent = `(searching the text: ${k} of ${chunks} parts)`;
        loadChunk(k).then((docs) => {
          docs.forEach((d, j) => { if (d[0].toLowerCase().includes(needle)) hits.add(k * R.idx.chunk + j); });
          step(k + 1);
        });
      };
      step(0);
    };
    let timer = 0;
    search.addEventListener("input", () => { apply(); clearTimeout(timer); timer = setTimeout(searchText, 250); });
    inText.addEventListener("change", () => { apply(); searchText(); });
    for (const control of [rule, flag, sort]) control.addEventListener("change", apply);
    order.addEventListener("click", () => {
      order.setAttribute("aria-pressed", String(order.getAttribute("aria-pressed") !== "true"));
      order.textContent = order.getAttribute("aria-pressed") === "true" ? "descending" : "ascending";
      apply();
    });
    order.textContent = "ascending";
    for (const th of $$("#documents th[data-sort]")) {
      th.addEventListener("click", () => {
        if (sort.value === th.dataset.sort) order.click();
        else { sort.value = th.dataset.sort; apply(); }
      });
    }
    $("#show-more").addEventListener("click", () => { limit += PAGE_ROWS; draw(); });
    const params = new URLSearchParams(location.search);
    if (params.get("rule")) rule.value = params.get("rule");
    apply();
  }

  // --- one document ------------------------------------------------------------------------------
  function wireDocument() {
    const marked = $("#marked"), cleaned = $("#cleaned");
    let current = null;
    for (const button of $$("[data-view]")) {
      button.addEventListener("click", () => {
        marked.hidden = button.dataset.view !== "marked";
        cleaned.hidden = button.dataset.view !== "cleaned";
        for (const b of $$("[data-view]")) b.setAttribute("aria-pressed", String(b === button));
      });
    }
    const show = () => {
      const params = hashParams(), n = Number(params.get("doc") || 0);
      if (!(n >= 0 && n < R.idx.docs.length)) { $("#title").textContent = "No such document"; return; }
      loadDocument(n).then((doc) => { current = doc; render(doc, params); });
    };
    const render = (doc, params) => {
      document.title = shown(doc.name);
      $("#title").textContent = shown(doc.name);
      const cleanedNow = cleanedText(doc);
      const nav = (doc.n > 0 ? `<a href="#doc=${doc.n - 1}" id="previous">← previous</a> ` : "") +
        (doc.n + 1 < R.idx.docs.length ? `<a href="#doc=${doc.n + 1}" id="next">next →</a>` : "");
      $("#facts").innerHTML = `${esc(doc.encoding)}; ${num(doc.original.length)} → ${num(cleanedNow.length)} characters; ` +
        `${num(doc.edits.length)} edits; output ${esc(doc.outputs.join(", "))}. ` + nav;
      let passage = null;
      for (const [key, toOriginal] of [["at", false], ["cat", true]]) {
        const span = (params.get(key) || "").split("-").map(Number);
        if (span.length === 2 && span.every((x) => x >= 0)) {
          passage = toOriginal ? [originalOffset(doc, span[0]), originalOffset(doc, span[1])] : span;
        }
      }
      marked.innerHTML = markedHtml(doc, 0, doc.original.length, doc.edits, { passage });
      cleaned.textContent = cleanedNow;
      renderLegend(doc);
      renderEdits(doc);
      const target = params.get("edit") !== null ? $("#e" + Number(params.get("edit")), marked) : $("mark.passage", marked);
      if (target) {
        target.classList.add("target");
        target.scrollIntoView({ block: "center" });
        if (target.classList.contains("edit")) target.focus({ preventScroll: true });
      } else {
        window.scrollTo(0, 0);
      }
    };
    const counts = (doc) => {
      const by = {};
      for (const e of doc.edits) (by[e.rule] = by[e.rule] || []).push(e);
      return by;
    };
    const renderLegend = (doc) => {
      const by = counts(doc);
      $("#legend").innerHTML = Object.keys(by).sort().map((rule) =>
        `<span class="legend-entry"><button class="chip" data-rule-chip="${esc(rule)}" aria-pressed="false">` +
        `<span class="swatch" ${colour(rule)}></span>${esc(rule)} (${by[rule].length})</button>` +
        `<a href="rule.html#rule=${encodeURIComponent(rule)}&doc=${doc.n}" title="every hit of this rule">hits</a> ` +
        `<button class="chip small" data-rule-verdict="rejected" data-rule="${esc(rule)}">reject all</button>` +
        `<button class="chip small" data-rule-verdict="confirmed" data-rule="${esc(rule)}">confirm all</button></span>`).join("");
    };
    const renderEdits = (doc) => {
      $("#edits tbody").innerHTML = doc.edits.map((e) => {
        const verdict = Review.verdict(doc, e);
        return `<tr data-rule="${esc(e.rule)}" data-n="${e.n}"${verdict ? ` class="${verdict}"` : ""}><td class="num"><a href="#doc=${doc.n}&edit=${e.n}">${e.n + 1}</a></td>` +
          `<td><a class="rule-chip" ${colour(e.rule)} href="rule.html#rule=${encodeURIComponent(e.rule)}&doc=${doc.n}&edit=${e.n}">${esc(e.rule)}</a></td>` +
          `<td class="num">${e.start}–${e.end}</td><td class="context"><del>${esc(short(e.old, 120))}</del>` +
          `${e.added ? ` → <ins>${esc(short(e.added, 120))}</ins>` : ""}</td><td>${esc(e.detail)}` +
          `${e.speech ? ' <span class="flag">looks like speech</span>' : ""}</td><td class="review">${reviewButtons(verdict)}</td></tr>`;
      }).join("");
    };
    const refresh = () => {
      if (!current) return;
      for (const mark of $$(".edit", marked)) {
        const e = current.edits[Number(mark.dataset.n)];
        mark.classList.remove("rejected", "confirmed");
        const v = Review.verdict(current, e);
        if (v) mark.classList.add(v);
      }
      renderEdits(current);
      const chip = $("[data-rule-chip][aria-pressed=true]");
      if (chip) filterEdits(chip.dataset.ruleChip);
    };
    const filterEdits = (rule) => {
      marked.classList.toggle("dim", Boolean(rule));
      for (const mark of $$(".edit", marked)) mark.classList.toggle("on", mark.dataset.rule === rule);
      for (const row of $$("#edits tbody tr")) row.hidden = Boolean(rule) && row.dataset.rule !== rule;
    };
    Review.listeners.push(refresh);
    document.addEventListener("click", (event) => {
      const chip = event.target.closest("[data-rule-chip]");
      if (chip) {
        const on = chip.getAttribute("aria-pressed") !== "true";
        for (const c of $$("[data-rule-chip]")) c.setAttribute("aria-pressed", "false");
        chip.setAttribute("aria-pressed", String(on));
        filterEdits(on ? chip.dataset.ruleChip : "");
        return;
      }
      const all = event.target.closest("[data-rule-verdict]");
      if (all && current) { Review.mark(current, current.edits.filter((e) => e.rule === all.dataset.rule), all.dataset.ruleVerdict); return; }
      const one = event.target.closest("#edits [data-verdict]");
      if (one && current) Review.mark(current, [current.edits[Number(one.closest("tr").dataset.n)]], one.dataset.verdict);
    });
    window.addEventListener("hashchange", show);
    show();
  }

  // --- one rule ----------------------------------------------------------------------------------
  const CONTEXT = 60, HITS_PAGE = 200;

  function wireRule() {
    const params = hashParams(), rule = RULES[params.get("rule")];
    if (!rule) { $("#title").textContent = "No such rule in this report"; return; }
    const back = { doc: params.get("doc"), edit: params.get("edit") };
    document.title = rule.id;
    $("#title").innerHTML = `<span class="rule-chip" ${colour(rule.id)}>${esc(rule.id)}</span>`;
    $("#description").textContent = rule.description;
    $("#facts").innerHTML = `${num(rule.edits)} hits in ${num(rule.documents)} documents, ${num(rule.chars)} characters removed.` +
      (rule.speech ? ` <span class="flag">${rule.speech} look like speech</span>` : "") +
      (back.doc !== null ? ` <a id="back" href="doc.html#doc=${Number(back.doc)}${back.edit !== null ? "&edit=" + Number(back.edit) : ""}">← back to the document</a>` : "");
    const docs = R.idx.docs.map((d, i) => d[5].includes(rule.number) ? i : -1).filter((i) => i >= 0);
    const body = $("#hits tbody"), count = $("#shown"), more = $("#more"), search = $("#search");
    const loaded = {};
    let run = 0, cursor = 0, shownHits = 0, found = 0;

    const hitHtml = (doc, e) => {
      let from = Math.max(0, e.start - CONTEXT), to = Math.min(doc.original.length, e.end + CONTEXT);
      for (const other of doc.edits) {  // a window never cuts another edit in two
        if (other.start < from && other.end > from) from = Math.min(e.start, other.end);
        if (other.start < to && other.end > to) to = Math.max(e.end, other.start);
      }
      const inside = doc.edits.filter((o) => o.start >= from && o.end <= to);
      const verdict = Review.verdict(doc, e);
      return `<tr data-doc="${doc.n}" data-n="${e.n}"${verdict ? ` class="${verdict}"` : ""}><td><a href="doc.html#doc=${doc.n}&edit=${e.n}">${esc(shown(doc.name))}</a></td>` +
        `<td class="context">…${markedHtml(doc, from, to, inside, { hit: e, limit: 400 })}…</td>` +
        `<td class="num">${num(e.old.length - e.added.length)}</td><td>${e.speech ? '<span class="flag">looks like speech</span>' : ""}</td>` +
        `<td class="review">${reviewButtons(verdict)}</td></tr>`;
    };
    const matches = (doc, e, needle) => !needle || doc.original.slice(Math.max(0, e.start - CONTEXT), e.end + CONTEXT).toLowerCase().includes(needle)
      || shown(doc.name).toLowerCase().includes(needle);
    // Hits in document order, HITS_PAGE at a time; with a search, every hit of the rule is searched.
    const fill = (wanted, untilDoc) => {
      const mine = run, needle = search.value.trim().toLowerCase();
      const step = () => {
        if (mine !== run) return;
        if (cursor >= docs.length) { $("#searching").textContent = needle ? "(every hit searched)" : ""; more.hidden = true; finish(); return; }
        if (shownHits >= wanted && (untilDoc === undefined || docs[cursor] > untilDoc)) { more.hidden = false; finish(); return; }
        if (needle) $("#searching").textContent = `(searching: ${cursor} of ${docs.length} documents)`;
        loadDocument(docs[cursor]).then((doc) => {
          if (mine !== run) return;
          loaded[doc.n] = doc;
          const rows = doc.edits.filter((e) => e.rule === rule.id && matches(doc, e, needle));
          found += rows.length;
          if (shownHits < wanted || (untilDoc !== undefined && doc.n <= untilDoc)) {
            body.insertAdjacentHTML("beforeend", rows.map((e) => hitHtml(doc, e)).join(""));
            shownHits += rows.length;
          }
          count.textContent = num(found);
          cursor += 1;
          step();
        });
      };
      step();
    };
    const finish = () => {
      count.textContent = num(found);
      if (back.doc === null) return;
      const row = $(`#hits tr[data-doc="${Number(back.doc)}"]${back.edit !== null ? `[data-n="${Number(back.edit)}"]` : ""}`);
      if (row && !row.classList.contains("target")) { row.classList.add("target"); row.scrollIntoView({ block: "center" }); }
    };
    const restart = () => {
      run += 1; cursor = 0; shownHits = 0; found = 0; body.innerHTML = "";
      const needle = search.value.trim();
      fill(needle ? Infinity : HITS_PAGE, needle || back.doc === null ? undefined : Number(back.doc));
    };
    let timer = 0;
    search.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(restart, 200); });
    $("#show-more").addEventListener("click", () => { run += 1; fill(shownHits + HITS_PAGE); });
    body.addEventListener("click", (event) => {
      const button = event.target.closest("[data-verdict]");
      if (!button) return;
      const row = button.closest("tr"), doc = loaded[Number(row.dataset.doc)], e = doc.edits[Number(row.dataset.n)];
      Review.mark(doc, [e], button.dataset.verdict);
      const v = Review.verdict(doc, e);
      row.className = v;
      for (const b of $$("[data-verdict]", row)) b.setAttribute("aria-pressed", String(b.dataset.verdict === v));
    });
    window.addEventListener("hashchange", () => location.reload());
    restart();
  }

  // --- static pages: a search box over their blocks (repeats, quotes) -----------------------------
  function wireBlocks() {
    const blocks = $$("[data-filterable]"), search = $("#search"), count = $("#shown");
    if (!blocks.length || !search) return;
    search.addEventListener("input", () => {
      const needle = search.value.trim().toLowerCase();
      let n = 0;
      for (const block of blocks) { block.hidden = Boolean(needle) && !block.textContent.toLowerCase().includes(needle); n += !block.hidden; }
      if (count) count.textContent = n;
    });
  }

  // Hovering or focusing an edit shows its rule, the rule's description and the edit's own detail.
  function wireTips() {
    const tip = document.createElement("div");
    tip.id = "tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);
    const show = (event) => {
      const mark = event.target.closest && event.target.closest(".edit");
      if (!mark) return;
      const rule = RULES[mark.dataset.rule];
      tip.textContent = mark.dataset.rule + ": " + (rule ? rule.description : "") + (mark.dataset.reason ? "\n" + mark.dataset.reason : "");
      const box = mark.getClientRects()[0] || mark.getBoundingClientRect();
      tip.style.left = (window.scrollX + box.left) + "px";
      tip.style.top = (window.scrollY + box.top) + "px";
      tip.hidden = false;
    };
    const hide = (event) => { if (event.target.closest && event.target.closest(".edit")) tip.hidden = true; };
    document.addEventListener("mouseover", show);
    document.addEventListener("focusin", show);
    document.addEventListener("mouseout", hide);
    document.addEventListener("focusout", hide);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const page = document.body.dataset.page;
    if (R.idx) RULES = ruleInfo();
    wirePanel();
    wireTips();
    if (!R.idx) { wireBlocks(); return; }
    if (page === "index") wireIndex();
    else if (page === "document") wireDocument();
    else if (page === "rule") wireRule();
    else wireBlocks();
    window.cleanerReport.ready = true;
  });
})();
