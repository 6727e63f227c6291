/* graphtool network page. Every name and property is data: the DOM is built with
   textContent only, never from HTML strings; vis-network draws labels on a canvas
   and shows string tooltips as text. window.graphtool exposes the state to tests. */
(function () {
  "use strict";
  var started = performance.now();
  var DATA = JSON.parse(document.getElementById("graphtool-data").textContent);
  var META = DATA.meta, T = DATA.texts;
  var ORGS = DATA.organisations, ACTS = DATA.actions;
  var N = ORGS.length, FAST = META.fastMode, BIPARTITE = META.bipartite;
  var locale = META.lang === "nl" ? "nl-NL" : "en-GB";
  var numberFormat = new Intl.NumberFormat(locale);
  var moneyFormat = new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", maximumFractionDigits: 0 });

  function t(key, params) {
    var s = Object.prototype.hasOwnProperty.call(T, key) ? T[key] : key;
    if (params) {
      Object.keys(params).forEach(function (k) { s = s.split("{" + k + "}").join(String(params[k])); });
    }
    return s;
  }
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent) {
    for (var k = 1; k < arguments.length; k++) if (arguments[k]) parent.appendChild(arguments[k]);
    return parent;
  }
  function option(value, label) {
    var o = document.createElement("option");
    o.value = String(value);
    o.textContent = label;
    return o;
  }
  function nameOf(list, index) { return index >= 0 && list[index] ? list[index].name : ""; }

  // ------------------------------------------------------------------ indexes
  var participants = ACTS.map(function () { return []; });
  ORGS.forEach(function (o, i) { o.actions.forEach(function (a) { participants[a].push(i); }); });
  var flowsOf = ORGS.map(function () { return { "in": [], out: [] }; });
  DATA.funding.forEach(function (f, k) { flowsOf[f[0]].out.push(k); flowsOf[f[1]]["in"].push(k); });
  var suggestionsOf = ORGS.map(function () { return []; });
  DATA.suggestions.forEach(function (s, k) { suggestionsOf[s[0]].push(k); suggestionsOf[s[1]].push(k); });

  // ------------------------------------------------------------------ page frame
  var header = el("header");
  var h1 = el("h1", null, META.title);
  var subtitle = el("div", "subtitle", t("subtitle", {
    organisations: numberFormat.format(N),
    ties: numberFormat.format(DATA.collaboration.length),
    flows: numberFormat.format(DATA.funding.length)
  }) + (META.year !== null ? " · " + t("year_note", { year: META.year }) : ""));
  var form = el("form");
  form.setAttribute("role", "search");
  var search = el("input");
  search.type = "search";
  search.id = "search";
  search.placeholder = t("search");
  search.setAttribute("aria-label", t("search"));
  search.setAttribute("list", "organisation-names");
  search.autocomplete = "off";
  var names = el("datalist");
  names.id = "organisation-names";
  ORGS.slice().map(function (o) { return o.name; }).sort().forEach(function (name) {
    var o = document.createElement("option");
    o.value = name;
    names.appendChild(o);
  });
  var searchButton = el("button", null, t("search_button"));
  searchButton.type = "submit";
  var searchMessage = el("div", "search-message");
  searchMessage.id = "search-message";
  searchMessage.setAttribute("role", "status");
  add(form, search, names, searchButton);
  var notices = [];
  if (FAST) notices.push(t("fast_mode", { organisations: numberFormat.format(N), threshold: numberFormat.format(META.threshold) }));
  if (!META.analyses) notices.push(t("no_analyses"));
  var notice = el("div", "notice" + (notices.length ? "" : " empty"), notices.join(" "));
  notice.id = "notice";
  add(header, add(el("div"), h1, subtitle), form, searchMessage, notice);

  var aside = el("aside");
  aside.id = "controls";
  var main = el("main");
  var container = el("div");
  container.id = "network";
  var loading = el("div", null, t("loading"));
  loading.id = "loading";
  add(main, container, loading);
  var panel = el("section");
  panel.id = "panel";
  panel.setAttribute("aria-live", "polite");
  add(document.body, header, aside, main, panel);

  // ------------------------------------------------------------------ state
  var state = {
    groups: DATA.groups.map(function () { return true; }),
    type: -1, neighbourhood: -1, theme: -1, year: null, flaggedOnly: false,
    layers: {
      collaboration: META.layers.indexOf("collaboration") >= 0,
      funding: META.layers.indexOf("funding") >= 0,
      suggestions: false
    }
  };
  var orgVisible = new Uint8Array(N);
  var actVisible = new Uint8Array(ACTS.length);
  var actPasses = new Uint8Array(ACTS.length);

  function activeIn(a, year) {
    return (a.start === null || a.start <= year) && (a.end === null || a.end >= year);
  }
  function flowIn(f, year) {
    for (var k = 0; k < f[4].length; k++) if (f[4][k][0] === year) return true;
    return false;
  }

  function computeVisibility() {
    var actionFilter = state.theme >= 0 || state.neighbourhood >= 0 || state.year !== null;
    ACTS.forEach(function (a, k) {
      actPasses[k] = (state.theme < 0 || a.theme === state.theme) &&
        (state.neighbourhood < 0 || a.neighbourhood === state.neighbourhood) &&
        (state.year === null || activeIn(a, state.year)) ? 1 : 0;
    });
    ORGS.forEach(function (o, i) {
      var ok = state.groups[o.group] && (state.type < 0 || o.type === state.type) &&
        (!state.flaggedOnly || o.flagged);
      if (ok && actionFilter) {
        var active = o.actions.some(function (a) { return actPasses[a]; });
        var listed = state.neighbourhood < 0 || o.neighbourhoods.indexOf(state.neighbourhood) >= 0;
        if (!active && state.theme < 0 && listed) {
          if (state.year === null) {
            active = state.neighbourhood >= 0;
          } else {
            active = flowsOf[i].out.concat(flowsOf[i]["in"]).some(function (k) { return flowIn(DATA.funding[k], state.year); });
          }
        }
        ok = active;
      }
      orgVisible[i] = ok ? 1 : 0;
    });
    ACTS.forEach(function (a, k) {
      actVisible[k] = actPasses[k] && participants[k].some(function (i) { return orgVisible[i]; }) ? 1 : 0;
    });
  }

  function edgeVisible(e) {
    if (e.kind === "collaboration") {
      if (!state.layers.collaboration || !orgVisible[e.from] || !orgVisible[e.to]) return false;
      return DATA.collaboration[e.k][4].some(function (a) { return actPasses[a]; });
    }
    if (e.kind === "participation") {
      return state.layers.collaboration && orgVisible[e.from] && actVisible[e.to - N] === 1;
    }
    if (e.kind === "funding") {
      if (!state.layers.funding || !orgVisible[e.from] || !orgVisible[e.to]) return false;
      return state.year === null || flowIn(DATA.funding[e.k], state.year);
    }
    return state.layers.suggestions && orgVisible[e.from] === 1 && orgVisible[e.to] === 1;
  }

  // ------------------------------------------------------------------ vis data
  function orgTitle(o) {
    var lines = [o.name, nameOf(DATA.types, o.type) + " · " + nameOf(DATA.groups, o.group)];
    if (o.flagged) lines.push(t("flagged"));
    return lines.join("\n");
  }
  var nodeItems = ORGS.map(function (o, i) {
    var colour = DATA.groups[o.group].colour;
    return {
      id: i, kind: "organisation", idx: i,
      label: (o.flagged ? "⚑ " : "") + o.name,
      title: orgTitle(o),
      x: o.x, y: o.y, size: o.size, shape: "dot",
      borderWidth: o.flagged ? 7 : 1.5,
      borderWidthSelected: o.flagged ? 9 : 4,
      color: {
        background: colour, border: o.flagged ? "#000000" : "#333333",
        highlight: { background: colour, border: "#000000" },
        hover: { background: colour, border: "#000000" }
      }
    };
  });
  if (BIPARTITE) {
    ACTS.forEach(function (a, k) {
      var xs = participants[k].map(function (i) { return ORGS[i].x; });
      var ys = participants[k].map(function (i) { return ORGS[i].y; });
      var mean = function (v) { return v.length ? v.reduce(function (s, x) { return s + x; }, 0) / v.length : 0; };
      nodeItems.push({
        id: N + k, kind: "action", idx: k, label: a.name,
        title: a.name + (a.theme >= 0 ? "\n" + nameOf(DATA.themes, a.theme) : ""),
        x: mean(xs) + ((k * 37) % 41) - 20, y: mean(ys) + ((k * 53) % 43) - 21,
        shape: "box", font: { size: 17 }, margin: 6,
        color: { background: "#eeeeee", border: "#555555", highlight: { background: "#ffffff", border: "#000000" } }
      });
    });
  }
  var edgeItems = [];
  DATA.collaboration.forEach(function (c, k) {
    edgeItems.push({
      id: "c" + k, kind: "collaboration", k: k, from: c[0], to: c[1], width: c[3],
      title: c[2] + " " + t("shared_actions"),
      color: { color: "rgba(80,80,80,0.55)", highlight: "#111111", hover: "#111111" }
    });
  });
  DATA.participation.forEach(function (p, k) {
    edgeItems.push({
      id: "p" + k, kind: "participation", k: k, from: p[0], to: N + p[1], width: 1.5,
      color: { color: "rgba(80,80,80,0.5)", highlight: "#111111" }
    });
  });
  DATA.funding.forEach(function (f, k) {
    edgeItems.push({
      id: "f" + k, kind: "funding", k: k, from: f[0], to: f[1], width: f[3],
      title: moneyFormat.format(f[2]),
      arrows: { to: { enabled: true, scaleFactor: 0.9 } },
      smooth: FAST ? false : { enabled: true, type: "curvedCW", roundness: 0.18 },
      color: { color: "#D55E00", highlight: "#8a3a00", hover: "#8a3a00", opacity: 0.85 }
    });
  });
  DATA.suggestions.forEach(function (s, k) {
    edgeItems.push({
      id: "s" + k, kind: "suggestion", k: k, from: s[0], to: s[1], width: 3.5,
      dashes: [14, 10], title: s[3].join("\n"),
      color: { color: "#000000", highlight: "#000000", hover: "#000000" }
    });
  });

  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var nodeView = new vis.DataView(nodes, {
    filter: function (item) { return item.kind === "organisation" ? orgVisible[item.idx] === 1 : actVisible[item.idx] === 1; }
  });
  var edgeView = new vis.DataView(edges, { filter: edgeVisible });
  computeVisibility();
  nodeView.refresh();
  edgeView.refresh();

  var options = {
    autoResize: true,
    layout: { randomSeed: META.seed, improvedLayout: false },
    nodes: {
      shape: "dot",
      font: { size: 26, face: "Segoe UI, Helvetica Neue, Arial, Liberation Sans, sans-serif", color: "#111111", strokeWidth: 5, strokeColor: "#ffffff" }
    },
    edges: { smooth: FAST ? false : { enabled: true, type: "continuous", roundness: 0.3 }, selectionWidth: 2, hoverWidth: 1.5 },
    interaction: { hover: !FAST, tooltipDelay: 250, hideEdgesOnDrag: FAST, hideEdgesOnZoom: FAST, multiselect: false },
    physics: FAST ? false : {
      enabled: true, solver: "barnesHut",
      barnesHut: { gravitationalConstant: -30000, centralGravity: 0.3, springLength: 220, springConstant: 0.015, damping: 0.5, avoidOverlap: 0.6 },
      // small networks get room to spread their labels; large ones start from the
      // precomputed layout and only settle, so the page is usable within seconds
      stabilization: { enabled: true, iterations: N <= 300 ? 600 : 60, updateInterval: 25, fit: true },
      minVelocity: 1.5
    }
  };
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  var created = performance.now();

  var api = window.graphtool = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    state: state, data: DATA, ready: false, frozen: FAST, selected: null,
    timings: { parsed: null, created: created - started, ready: null }
  };

  // ------------------------------------------------------------------ controls
  function section(title) { aside.appendChild(el("h2", null, title)); }
  function checkbox(label, checked, onChange, id) {
    var box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    if (id) box.id = id;
    box.addEventListener("change", function () { onChange(box.checked); });
    var wrap = add(el("label"), box);
    if (label instanceof Node) wrap.appendChild(label); else wrap.appendChild(el("span", null, label));
    aside.appendChild(wrap);
    return box;
  }
  function lineSample(kind) { return el("span", "legend-line " + kind); }
  function labelWith(sample, text) { return add(el("span", "legend-row"), sample, el("span", null, text)); }

  section(t("layers"));
  checkbox(labelWith(lineSample(""), BIPARTITE ? t("layer_participation") : t("layer_collaboration")),
    state.layers.collaboration, function (v) { state.layers.collaboration = v; refresh(); }, "layer-collaboration");
  checkbox(labelWith(lineSample("funding"), t("layer_funding")),
    state.layers.funding, function (v) { state.layers.funding = v; refresh(); }, "layer-funding");
  var suggestionBox = checkbox(labelWith(lineSample("suggestion"), t("layer_suggestions")),
    state.layers.suggestions, function (v) { state.layers.suggestions = v; refresh(); }, "layer-suggestions");
  if (!DATA.suggestions.length) suggestionBox.disabled = true;

  section(t("filters"));
  aside.appendChild(el("span", "field-label", t("filter_group")));
  var groupBoxes = DATA.groups.map(function (g, k) {
    return checkbox(add(el("span", "legend-row"), (function () {
      var s = el("span", "swatch"); s.style.background = g.colour; return s;
    })(), el("span", null, g.name)), true, function (v) { state.groups[k] = v; refresh(); }, "group-" + k);
  });
  function selectFilter(id, label, entries, key, parse) {
    aside.appendChild(el("label", "field-label", label)).htmlFor = id;
    var select = el("select");
    select.id = id;
    select.appendChild(option("", t("all")));
    entries.forEach(function (e, k) { select.appendChild(option(parse ? e : k, parse ? String(e) : e.name)); });
    select.addEventListener("change", function () {
      state[key] = select.value === "" ? (parse ? null : -1) : Number(select.value);
      refresh();
    });
    aside.appendChild(select);
    return select;
  }
  var selects = [
    selectFilter("filter-type", t("filter_type"), DATA.types, "type"),
    selectFilter("filter-neighbourhood", t("filter_neighbourhood"), DATA.neighbourhoods, "neighbourhood"),
    selectFilter("filter-theme", t("filter_theme"), DATA.themes, "theme"),
    selectFilter("filter-year", t("filter_year"), DATA.years, "year", true)
  ];
  var flaggedBox = checkbox(t("filter_flagged"), false, function (v) { state.flaggedOnly = v; refresh(); }, "filter-flagged");
  if (!META.flags) flaggedBox.disabled = true;

  var buttons = el("div", "buttons");
  var freezeButton = el("button", null, t("unfreeze"));
  freezeButton.id = "freeze";
  freezeButton.type = "button";
  if (FAST) freezeButton.disabled = true;
  freezeButton.addEventListener("click", function () { setFrozen(!api.frozen); });
  var fitButton = el("button", null, t("fit"));
  fitButton.type = "button";
  fitButton.addEventListener("click", function () { network.fit({ animation: { duration: 500 } }); });
  var resetButton = el("button", null, t("reset"));
  resetButton.type = "button";
  resetButton.id = "reset";
  resetButton.addEventListener("click", resetFilters);
  add(aside, add(buttons, freezeButton, fitButton, resetButton));
  var count = el("div", "count");
  count.id = "count";
  aside.appendChild(count);

  section(t("legend"));
  DATA.groups.forEach(function (g) {
    var s = el("span", "swatch"); s.style.background = g.colour;
    aside.appendChild(labelWith(s, g.name));
  });
  aside.appendChild(el("div", "legend-row", t("legend_size")));
  if (BIPARTITE) {
    aside.appendChild(labelWith(el("span", "legend-action"), t("legend_action")));
    aside.appendChild(labelWith(lineSample(""), t("legend_participation")));
  } else {
    aside.appendChild(labelWith(lineSample(""), t("legend_collaboration")));
  }
  aside.appendChild(labelWith(lineSample("funding"), t("legend_funding")));
  if (DATA.suggestions.length) aside.appendChild(labelWith(lineSample("suggestion"), t("legend_suggestion")));
  if (META.flags) aside.appendChild(labelWith(el("span", "legend-flag"), t("legend_flagged")));

  function refresh() {
    computeVisibility();
    nodeView.refresh();
    edgeView.refresh();
    var shown = 0;
    for (var i = 0; i < N; i++) shown += orgVisible[i];
    count.textContent = t("shown", { nodes: numberFormat.format(shown), total: numberFormat.format(N) });
  }
  function resetFilters() {
    state.groups = DATA.groups.map(function () { return true; });
    groupBoxes.forEach(function (b) { b.checked = true; });
    state.type = state.neighbourhood = state.theme = -1;
    state.year = null;
    state.flaggedOnly = false;
    flaggedBox.checked = false;
    selects.forEach(function (s) { s.value = ""; });
    refresh();
  }
  function setFrozen(frozen) {
    if (FAST) return;
    api.frozen = frozen;
    network.setOptions({ physics: { enabled: !frozen } });
    freezeButton.textContent = frozen ? t("unfreeze") : t("freeze");
  }

  // ------------------------------------------------------------------ side panel
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function orgLink(i, suffix) {
    var b = el("button", "link", ORGS[i].name);
    b.type = "button";
    b.addEventListener("click", function () { select(i); });
    var li = add(el("li"), b);
    if (suffix) li.appendChild(document.createTextNode(" " + suffix));
    return li;
  }
  function listLimited(items, limit) {
    var ul = el("ul");
    items.slice(0, limit).forEach(function (li) { ul.appendChild(li); });
    if (items.length > limit) ul.appendChild(el("li", null, t("more", { count: items.length - limit })));
    if (!items.length) ul.appendChild(el("li", null, t("none")));
    return ul;
  }
  function row(label, value) {
    return add(el("tr"), el("td", null, label), el("td", "num", value));
  }
  function showHint() {
    clear(panel);
    panel.appendChild(el("p", "hint", t("panel_hint")));
  }
  function showOrganisation(i) {
    var o = ORGS[i];
    clear(panel);
    var close = el("button", null, t("close"));
    close.type = "button";
    close.addEventListener("click", function () { network.unselectAll(); api.selected = null; showHint(); });
    panel.appendChild(close);
    panel.appendChild(el("h2", "name", (o.flagged ? "⚑ " : "") + o.name));
    panel.appendChild(el("p", "meta", t("type") + ": " + nameOf(DATA.types, o.type)));
    panel.appendChild(el("p", "meta", t("group") + ": " + nameOf(DATA.groups, o.group)));
    if (o.neighbourhoods.length) {
      panel.appendChild(el("p", "meta", t("neighbourhoods") + ": " +
        o.neighbourhoods.map(function (h) { return nameOf(DATA.neighbourhoods, h); }).join(", ")));
    }
    if (META.flags) {
      var flag = el("div", "flag" + (o.flagged ? "" : " off"), o.flagged ? t("flagged") : t("not_flagged"));
      flag.id = "flag";
      if (!o.flagged) flag.style.cssText = "font-weight:400;background:#f4f4f4;border-left-color:#999";
      panel.appendChild(flag);
      if (o.reasons.length) {
        panel.appendChild(el("h2", null, t("why")));
        var reasons = el("ul", "reasons");
        reasons.id = "reasons";
        o.reasons.forEach(function (r) { reasons.appendChild(el("li", null, r)); });
        panel.appendChild(reasons);
      }
    }
    var partnerCounts = {};
    o.actions.forEach(function (a) {
      participants[a].forEach(function (j) { if (j !== i) partnerCounts[j] = (partnerCounts[j] || 0) + 1; });
    });
    var partners = Object.keys(partnerCounts).map(Number).sort(function (a, b) {
      return partnerCounts[b] - partnerCounts[a] || ORGS[a].name.localeCompare(ORGS[b].name);
    });
    panel.appendChild(el("h2", null, t("key_numbers")));
    var table = el("table");
    add(table, row(t("actions"), numberFormat.format(o.actions.length)),
      row(t("partners"), numberFormat.format(partners.length)),
      row(t("money_in"), moneyFormat.format(o.received)),
      row(t("money_out"), moneyFormat.format(o.given)));
    if (o.score !== null) table.appendChild(row(t("score"), o.score.toFixed(2)));
    panel.appendChild(table);

    panel.appendChild(el("h2", null, t("partners")));
    panel.appendChild(listLimited(partners.map(function (j) {
      return orgLink(j, "(" + partnerCounts[j] + " " + t("shared_actions") + ")");
    }), 12));

    var ins = flowsOf[i]["in"].slice().sort(function (a, b) { return DATA.funding[b][2] - DATA.funding[a][2]; });
    var outs = flowsOf[i].out.slice().sort(function (a, b) { return DATA.funding[b][2] - DATA.funding[a][2]; });
    panel.appendChild(el("h2", null, t("money_in") + ": " + moneyFormat.format(o.received)));
    panel.appendChild(listLimited(ins.map(function (k) {
      return orgLink(DATA.funding[k][0], moneyFormat.format(DATA.funding[k][2]));
    }), 8));
    panel.appendChild(el("h2", null, t("money_out") + ": " + moneyFormat.format(o.given)));
    panel.appendChild(listLimited(outs.map(function (k) {
      return orgLink(DATA.funding[k][1], moneyFormat.format(DATA.funding[k][2]));
    }), 8));

    if (DATA.suggestions.length) {
      panel.appendChild(el("h2", null, t("suggested_partners")));
      var items = suggestionsOf[i].map(function (k) {
        var s = DATA.suggestions[k];
        var other = s[0] === i ? s[1] : s[0];
        var li = orgLink(other);
        if (s[3].length) {
          var why = el("ul");
          s[3].forEach(function (r) { why.appendChild(el("li", null, r)); });
          li.appendChild(why);
        }
        return li;
      });
      var list = listLimited(items, 8);
      list.id = "suggested";
      panel.appendChild(list);
    }
    panel.appendChild(el("h2", null, t("actions")));
    panel.appendChild(listLimited(o.actions.map(function (a) {
      var act = ACTS[a];
      return el("li", null, act.name + (act.theme >= 0 ? " · " + nameOf(DATA.themes, act.theme) : ""));
    }), 10));
  }
  function showAction(k) {
    var a = ACTS[k];
    clear(panel);
    panel.appendChild(el("h2", "name", a.name));
    if (a.theme >= 0) panel.appendChild(el("p", "meta", t("filter_theme") + ": " + nameOf(DATA.themes, a.theme)));
    if (a.neighbourhood >= 0) panel.appendChild(el("p", "meta", t("filter_neighbourhood") + ": " + nameOf(DATA.neighbourhoods, a.neighbourhood)));
    if (a.start !== null || a.end !== null) {
      panel.appendChild(el("p", "meta", t("period") + ": " + (a.start === null ? "…" : a.start) + "–" + (a.end === null ? "…" : a.end)));
    }
    panel.appendChild(el("h2", null, t("participants")));
    panel.appendChild(listLimited(participants[k].map(function (i) { return orgLink(i); }), 30));
  }
  function showNode(id) {
    api.selected = id;
    if (id < N) showOrganisation(id); else showAction(id - N);
  }
  function select(i) {
    if (!orgVisible[i]) resetFilters();
    network.selectNodes([i]);
    network.focus(i, { scale: FAST ? 0.9 : 1.2, animation: { duration: 600, easingFunction: "easeInOutQuad" } });
    showNode(i);
  }
  function find(query) {
    var q = query.trim().toLocaleLowerCase();
    if (!q) return -1;
    var lower = ORGS.map(function (o) { return o.name.toLocaleLowerCase(); });
    var i = lower.indexOf(q);
    if (i < 0) i = lower.findIndex(function (name) { return name.indexOf(q) === 0; });
    if (i < 0) i = lower.findIndex(function (name) { return name.indexOf(q) >= 0; });
    return i;
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var i = find(search.value);
    if (i < 0) {
      searchMessage.textContent = t("not_found", { query: search.value });
      return;
    }
    searchMessage.textContent = "";
    select(i);
  });
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
  });

  // ------------------------------------------------------------------ ready
  function markReady() {
    if (api.ready) return;
    // fit() frames the nodes, not their labels: leave a margin so no name is cut off
    if (N > 0) network.moveTo({ scale: network.getScale() * 0.85 });
    api.ready = true;
    api.timings.ready = performance.now() - started;
    loading.className = "done";
    document.body.setAttribute("data-ready", "true");
  }
  if (FAST || N === 0) {
    network.once("afterDrawing", markReady);
    if (N === 0) markReady();
  } else {
    network.once("stabilizationIterationsDone", function () {
      // a still picture on the projector: stop the physics once it has settled
      setFrozen(true);
      markReady();
    });
  }
  api.search = function (query) { search.value = query; form.requestSubmit(); };
  api.select = select;
  api.refresh = refresh;
  api.resetFilters = resetFilters;
  api.setFrozen = setFrozen;
  api.timings.parsed = performance.now() - started;
  refresh();
  showHint();
})();
