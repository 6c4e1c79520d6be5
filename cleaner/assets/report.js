// cleaner review report: filters, search and the original/cleaned toggle. Runs from disk, no server.
(function () {
  "use strict";
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

  // Rows (or blocks) with data-rules / data-doc / text are shown when they pass every active filter.
  function filterRows(rows, { text, rule, doc }) {
    const needle = (text || "").trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const rules = (row.dataset.rules || row.dataset.rule || "").split(" ");
      const ok = (!needle || row.textContent.toLowerCase().includes(needle))
        && (!rule || rules.includes(rule))
        && (!doc || row.dataset.doc === doc);
      row.hidden = !ok;
      shown += ok ? 1 : 0;
    }
    return shown;
  }

  function wireTableFilters() {
    const rows = $$("[data-filterable]");
    if (!rows.length) return;
    const search = $("#search"), rule = $("#rule-filter"), doc = $("#doc-filter"), count = $("#shown");
    const apply = () => {
      const shown = filterRows(rows, { text: search && search.value, rule: rule && rule.value, doc: doc && doc.value });
      if (count) count.textContent = shown;
    };
    for (const control of [search, rule, doc]) {
      if (!control) continue;
      control.addEventListener("input", apply);
      control.addEventListener("change", apply);
    }
    const wanted = new URLSearchParams(location.search).get("rule");
    if (wanted && rule) { rule.value = wanted; }
    apply();
  }

  function wireDocument() {
    const marked = $("#marked"), cleaned = $("#cleaned");
    for (const button of $$("[data-view]")) {
      button.addEventListener("click", () => {
        const view = button.dataset.view;
        marked.hidden = view !== "marked";
        cleaned.hidden = view !== "cleaned";
        for (const b of $$("[data-view]")) b.setAttribute("aria-pressed", String(b === button));
      });
    }
    const chips = $$("[data-rule-chip]");
    for (const chip of chips) {
      chip.addEventListener("click", () => {
        const on = chip.getAttribute("aria-pressed") !== "true";
        for (const c of chips) c.setAttribute("aria-pressed", "false");
        chip.setAttribute("aria-pressed", String(on));
        const rule = on ? chip.dataset.ruleChip : "";
        marked.classList.toggle("dim", Boolean(rule));
        for (const mark of $$(".edit", marked)) mark.classList.toggle("on", mark.dataset.rule === rule);
        filterRows($$("#edits tbody tr"), { rule });
      });
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    wireTableFilters();
    if (document.body.dataset.page === "document") wireDocument();
  });
})();

// Hovering or focusing an edit shows its rule, the rule's description and the edit's own detail.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", () => {
    const source = document.getElementById("rule-descriptions");
    if (!source) return;
    const descriptions = JSON.parse(source.textContent);
    const tip = document.createElement("div");
    tip.id = "tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);
    const show = (event) => {
      const mark = event.target.closest(".edit");
      if (!mark) return;
      const rule = mark.dataset.rule;
      tip.textContent = rule + ": " + (descriptions[rule] || "") + (mark.dataset.reason ? "\n" + mark.dataset.reason : "");
      const box = mark.getClientRects()[0] || mark.getBoundingClientRect();
      tip.style.left = (window.scrollX + box.left) + "px";
      tip.style.top = (window.scrollY + box.top) + "px";
      tip.hidden = false;
    };
    const hide = (event) => { if (event.target.closest(".edit")) tip.hidden = true; };
    document.addEventListener("mouseover", show);
    document.addEventListener("focusin", show);
    document.addEventListener("mouseout", hide);
    document.addEventListener("focusout", hide);
  });
})();
