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
  // names on screen: LABELS_AT_FIT of them when all is in view, from LABEL_PX_MIN
  // (hidden below LABEL_SHOWN_PX) to LABEL_PX_MAX pixels high, never above LABEL_PX_ZOOMED
  var LABEL_PX_MIN = 10, LABEL_PX_MAX = 26, LABEL_PX_FLAGGED = 23, LABEL_SHOWN_PX = 17;
  var LABEL_PX_ZOOMED = 32, LABELS_AT_FIT = 25, LABELS_LEADING = 4, MAX_STRETCH = 1.8;
  var FONT_FACE = "Segoe UI, Helvetica Neue, Arial, Liberation Sans, sans-serif";
  var SPRING_LENGTH = 170, FLAG_COLOUR = "#A50021";
  var locale = META.lang === "nl" ? "nl-NL" : "en-GB";
  var numberFormat = new Intl.NumberFormat(locale);
  var decimalFormat = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var percentFormat = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  var COMPONENTS = META.components;
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
  // The height of a name on screen when the whole network is in view: larger for
  // larger organisations, and large for flagged ones, so their names are written.
  var sizeMin = Infinity, sizeMax = -Infinity;
  ORGS.forEach(function (o) { sizeMin = Math.min(sizeMin, o.size); sizeMax = Math.max(sizeMax, o.size); });
  function labelPixels(o) {
    var share = sizeMax > sizeMin ? (o.size - sizeMin) / (sizeMax - sizeMin) : 1;
    var px = LABEL_PX_MIN + (LABEL_PX_MAX - LABEL_PX_MIN) * share;
    return o.flagged ? Math.max(px, LABEL_PX_FLAGGED) : px;
  }
  var nodeItems = ORGS.map(function (o, i) {
    var colour = DATA.groups[o.group].colour;
    var border = o.flagged ? FLAG_COLOUR : "#333333";
    return {
      id: i, kind: "organisation", idx: i,
      label: (o.flagged ? "⚑ " : "") + o.name,
      title: orgTitle(o),
      x: o.x, y: o.y, size: o.size, shape: "dot",
      font: { size: labelPixels(o) * 4 },
      // hubs push harder, so their many partners get room around them
      mass: 1 + 0.6 * Math.sqrt(o.partners),
      // organisations without ties stand still in their row under the drawing
      physics: !o.isolated,
      borderWidth: o.flagged ? 8 : 1.5,
      borderWidthSelected: o.flagged ? 10 : 4,
      shapeProperties: { borderDashes: o.flagged ? [10, 5] : false },
      color: {
        background: colour, border: border,
        highlight: { background: colour, border: o.flagged ? FLAG_COLOUR : "#000000" },
        hover: { background: colour, border: o.flagged ? FLAG_COLOUR : "#000000" }
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
  // a tie to a hub is longer, so the hub's partners stand on a wider circle
  function tieLength(i, j) {
    return SPRING_LENGTH + 28 * Math.sqrt(Math.max(ORGS[i].partners, ORGS[j].partners));
  }
  var edgeItems = [];
  DATA.collaboration.forEach(function (c, k) {
    edgeItems.push({
      id: "c" + k, kind: "collaboration", k: k, from: c[0], to: c[1], width: c[3],
      length: tieLength(c[0], c[1]),
      title: c[2] + " " + t("shared_actions"),
      // light grey, so the money arrows and the flags read on top of it
      color: { color: "rgba(120,120,120,0.35)", highlight: "#111111", hover: "#111111" }
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
      length: tieLength(f[0], f[1]),
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

  // the first view and the names written in it (chooseLabels)
  var home = null, labelled = [];
  computeVisibility();
  if (FAST && N > 0) planFastView();
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
      scaling: { label: { drawThreshold: LABEL_SHOWN_PX, maxVisible: LABEL_PX_ZOOMED } },
      font: { size: 26, face: FONT_FACE, color: "#111111", strokeWidth: 5, strokeColor: "#ffffff" }
    },
    edges: { smooth: FAST ? false : { enabled: true, type: "continuous", roundness: 0.3 }, selectionWidth: 2, hoverWidth: 1.5 },
    interaction: { hover: !FAST, tooltipDelay: 250, hideEdgesOnDrag: FAST, hideEdgesOnZoom: FAST, multiselect: false },
    physics: FAST ? false : {
      enabled: true, solver: "barnesHut",
      barnesHut: { gravitationalConstant: -30000, centralGravity: 0.3, springLength: SPRING_LENGTH, springConstant: 0.015, damping: 0.5, avoidOverlap: 1 },
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

  // The legend is also the first set of controls: each colour switches its group
  // on and off, each line style its layer. It comes first, so it is on screen.
  section(t("legend"));
  aside.appendChild(el("span", "field-label", t("legend_colour")));
  var groupBoxes = DATA.groups.map(function (g, k) {
    var s = el("span", "swatch");
    s.style.background = g.colour;
    return checkbox(labelWith(s, g.name), true, function (v) { state.groups[k] = v; refresh(); }, "group-" + k);
  });
  aside.appendChild(labelWith(el("span", "legend-size"), t("legend_size")));
  if (META.flags) aside.appendChild(labelWith(el("span", "legend-flag"), t("legend_flagged")));
  aside.appendChild(el("span", "field-label", t("layers")));
  if (BIPARTITE) aside.appendChild(labelWith(el("span", "legend-action"), t("legend_action")));
  checkbox(labelWith(lineSample(""), BIPARTITE ? t("legend_participation") : t("legend_collaboration")),
    state.layers.collaboration, function (v) { state.layers.collaboration = v; refresh(); }, "layer-collaboration");
  checkbox(labelWith(lineSample("funding"), t("legend_funding")),
    state.layers.funding, function (v) { state.layers.funding = v; refresh(); }, "layer-funding");
  var suggestionBox = checkbox(labelWith(lineSample("suggestion"), t("legend_suggestion")),
    state.layers.suggestions, function (v) { state.layers.suggestions = v; refresh(); }, "layer-suggestions");
  if (!DATA.suggestions.length) suggestionBox.disabled = true;

  section(t("filters"));
  function selectFilter(id, label, entries, key, parse) {
    aside.appendChild(el("label", "field-label", label)).htmlFor = id;
    var select = el("select");
    select.id = id;
    select.appendChild(option("", t("all")));
    var order = entries.map(function (e, k) { return k; });
    // names in the page's language, in alphabetical order; years in their own order
    if (!parse) order.sort(function (a, b) { return entries[a].name.localeCompare(entries[b].name, locale); });
    order.forEach(function (k) {
      var e = entries[k];
      select.appendChild(option(parse ? e : k, parse ? String(e) : e.name));
    });
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
  fitButton.addEventListener("click", function () { showAll(true); });
  var resetButton = el("button", null, t("reset"));
  resetButton.type = "button";
  resetButton.id = "reset";
  resetButton.addEventListener("click", resetFilters);
  add(aside, add(buttons, freezeButton, fitButton, resetButton));
  var count = el("div", "count");
  count.id = "count";
  aside.appendChild(count);

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
  // shares as percentages, the E-I index signed (−1 only its own kind … +1 only others)
  function component(key, value) {
    if (value === null || value === undefined) return t("undefined_value");
    if (key === "ei_index") return (value > 0 ? "+" : "") + decimalFormat.format(value);
    if (key === "partner_diversity") return decimalFormat.format(value);
    return percentFormat.format(value);
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
      var flag = el("div", "flag" + (o.flagged ? "" : " off"),
        o.flagged ? t("flagged") : o.absent ? t("absent") : t("not_flagged"));
      flag.id = "flag";
      panel.appendChild(flag);
      if (o.reasons.length) {
        panel.appendChild(el("h2", null, t("why")));
        var reasons = el("ul", "reasons");
        reasons.id = "reasons";
        o.reasons.forEach(function (r) { reasons.appendChild(el("li", null, r)); });
        panel.appendChild(reasons);
      }
      if (o.score !== null) {
        panel.appendChild(el("h2", null, t("drive")));
        var drive = el("table", "drive");
        drive.id = "drive";
        drive.appendChild(row(t("score"), decimalFormat.format(o.score)));
        COMPONENTS.forEach(function (key) {
          if (Object.prototype.hasOwnProperty.call(o.components, key)) {
            drive.appendChild(row(t("component_" + key), component(key, o.components[key])));
          }
        });
        panel.appendChild(drive);
        panel.appendChild(el("p", "note", t("score_scale")));
      }
    }
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
  // Moves go straight to the drawn nodes: network.moveNode redraws the whole network
  // for every node it moves, and a data update costs a full pass over the network.
  // fitLabels() then writes every position into the data in one update (so a node
  // hidden by a filter comes back where it was).
  function moveNodes(moves) {
    moves.forEach(function (m) { var node = network.body.nodes[m.id]; node.x = m.x; node.y = m.y; });
  }
  // Organisations without ties keep their rows; after the physics has moved the
  // others, the rows move as one block to just under the drawing, centred.
  function placeIsolated() {
    var isolated = [], others = [];
    for (var i = 0; i < N; i++) (ORGS[i].isolated ? isolated : others).push(i);
    if (!isolated.length || !others.length) return;
    var pos = network.getPositions();
    var box = { minX: Infinity, maxX: -Infinity, maxY: -Infinity };
    others.forEach(function (i) {
      var p = pos[i];
      box.minX = Math.min(box.minX, p.x); box.maxX = Math.max(box.maxX, p.x); box.maxY = Math.max(box.maxY, p.y);
    });
    var rows = { minX: Infinity, maxX: -Infinity, minY: Infinity };
    isolated.forEach(function (i) {
      var p = pos[i];
      rows.minX = Math.min(rows.minX, p.x); rows.maxX = Math.max(rows.maxX, p.x); rows.minY = Math.min(rows.minY, p.y);
    });
    var dx = (box.minX + box.maxX) / 2 - (rows.minX + rows.maxX) / 2;
    var dy = box.maxY + 2 * SPRING_LENGTH - rows.minY;
    moveNodes(isolated.map(function (i) { return { id: i, x: pos[i].x + dx, y: pos[i].y + dy }; }));
  }
  // At the fit-all zoom only some names are written: the flagged organisations'
  // first, then the larger ones, each only where it does not cover a name already
  // chosen, at least LABEL_SHOWN_PX high. The others are written when zooming in
  // makes them large enough. Font sizes are in the network's units, so they follow
  // the zoom of the first view; the choice depends only on the positions.
  function chooseLabels(pos, scale, toScreen) {
    var dots = [];
    for (var d = 0; d < N; d++) {
      if (orgVisible[d]) {
        var c = toScreen(pos[d]);
        dots.push({ i: d, x: c.x, y: c.y, r: 0.7 * ORGS[d].size * scale });
      }
    }
    // a name may not hide another organisation, except the names of the flagged
    // organisations and of the LABELS_LEADING largest, which always show
    var leading = LABELS_LEADING + ORGS.filter(function (o) { return o.flagged; }).length;
    function covers(box, own) {
      return dots.some(function (c) {
        return c.i !== own && c.x + c.r > box.left && c.x - c.r < box.right &&
          c.y + c.r > box.top && c.y - c.r < box.bottom;
      });
    }
    var pixels = ORGS.map(labelPixels);
    var order = ORGS.map(function (o, i) { return i; }).sort(function (a, b) {
      return (ORGS[b].flagged - ORGS[a].flagged) || (pixels[b] - pixels[a]) ||
        (ORGS[a].name < ORGS[b].name ? -1 : ORGS[a].name > ORGS[b].name ? 1 : a - b);
    });
    var measure = document.createElement("canvas").getContext("2d");
    var chosen = [], boxes = [];
    for (var k = 0; k < order.length && chosen.length < LABELS_AT_FIT; k++) {
      var i = order[k];
      if (!orgVisible[i]) continue;
      var px = Math.max(pixels[i], LABEL_SHOWN_PX);
      measure.font = px + "px " + FONT_FACE;
      var width = measure.measureText(nodeItems[i].label).width + 8;
      var p = toScreen(pos[i]);
      var top = p.y + ORGS[i].size * scale;
      var box = { left: p.x - width / 2, right: p.x + width / 2, top: top, bottom: top + px * 1.3 };
      var clash = boxes.some(function (b) {
        return box.left < b.right && b.left < box.right && box.top < b.bottom && b.top < box.bottom;
      }) || (k >= leading && covers(box, i));
      if (clash) continue;
      boxes.push(box);
      chosen.push(i);
      pixels[i] = px;
    }
    var isChosen = new Uint8Array(N);
    chosen.forEach(function (i) { isChosen[i] = 1; });
    for (var j = 0; j < N; j++) if (!isChosen[j]) pixels[j] = Math.min(pixels[j], LABEL_SHOWN_PX - 1.5);
    labelled = chosen;
    return pixels;
  }
  // after the physics: names for the settled view, and the positions into the data
  function fitLabels() {
    var scale = network.getScale();
    var now = network.getPositions();
    var pixels = chooseLabels(now, scale, function (p) { return network.canvasToDOM(p); });
    // per node: network.setOptions does not reach nodes that already exist
    nodes.update(nodeItems.map(function (n) {
      var update = { id: n.id };
      if (now[n.id]) { update.x = now[n.id].x; update.y = now[n.id].y; }
      if (n.kind === "organisation") update.font = { size: pixels[n.idx] / scale };
      return update;
    }));
  }
  // Fast mode: the positions are final, so the first view and its names are worked
  // out before the network is made, which spares a pass over every node afterwards.
  function planFastView() {
    var rect = container.getBoundingClientRect();
    var box = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity }, big = 0;
    ORGS.forEach(function (o) {
      box.minX = Math.min(box.minX, o.x); box.maxX = Math.max(box.maxX, o.x);
      box.minY = Math.min(box.minY, o.y); box.maxY = Math.max(box.maxY, o.y);
      big = Math.max(big, o.size);
    });
    var scale = 0.9 * Math.min(rect.width / (box.maxX - box.minX + 2 * big),
      rect.height / (box.maxY - box.minY + 2 * big));
    if (!(scale > 0 && isFinite(scale))) return;
    var centre = { x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 };
    home = { position: centre, scale: scale };
    var pixels = chooseLabels(ORGS, scale, function (p) {
      return { x: (p.x - centre.x) * scale + rect.width / 2, y: (p.y - centre.y) * scale + rect.height / 2 };
    });
    nodeItems.forEach(function (n) { if (n.kind === "organisation") n.font = { size: pixels[n.idx] / scale }; });
  }
  // Names are wider than high: on a wide screen the drawing is stretched sideways
  // (at most by MAX_STRETCH) to fill the width, which gives the names more room.
  function stretchToScreen() {
    var ids = [];
    for (var i = 0; i < N; i++) if (!ORGS[i].isolated) ids.push(i);
    if (ids.length < 3) return;
    var pos = network.getPositions(ids);
    var xs = ids.map(function (i) { return pos[i].x; }), ys = ids.map(function (i) { return pos[i].y; });
    var width = Math.max.apply(null, xs) - Math.min.apply(null, xs);
    var height = Math.max.apply(null, ys) - Math.min.apply(null, ys);
    var rect = container.getBoundingClientRect();
    if (!(width > 0 && height > 0 && rect.height > 0)) return;
    var factor = Math.min(MAX_STRETCH, (rect.width / rect.height) / (width / height));
    if (factor <= 1.05) return;
    var centre = (Math.max.apply(null, xs) + Math.min.apply(null, xs)) / 2;
    if (BIPARTITE) {
      ACTS.forEach(function (a, k) { ids.push(N + k); });
      pos = network.getPositions(ids);
    }
    moveNodes(ids.map(function (id) { return { id: id, x: centre + (pos[id].x - centre) * factor, y: pos[id].y }; }));
  }
  // "Show all" returns to the first view, for which the names were chosen
  function showAll(animate) {
    if (!home) { network.fit(); return; }
    network.moveTo({ position: home.position, scale: home.scale,
      animation: animate ? { duration: 500, easingFunction: "easeInOutQuad" } : false });
  }
  function markReady() {
    if (api.ready) return;
    if (N > 0 && FAST) {
      showAll(false);
    } else if (N > 0) {
      stretchToScreen();
      placeIsolated();
      network.fit();
      // fit() frames the nodes, not their labels: leave a margin so no name is cut off
      network.moveTo({ scale: network.getScale() * 0.9 });
      home = { position: network.getViewPosition(), scale: network.getScale() };
      fitLabels();
    }
    api.labelled = labelled;
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
  api.showAll = showAll;
  api.refresh = refresh;
  api.resetFilters = resetFilters;
  api.setFrozen = setFrozen;
  api.timings.parsed = performance.now() - started;
  refresh();
  showHint();
})();
