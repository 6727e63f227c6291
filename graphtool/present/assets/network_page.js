/* graphtool network page. Every name and property is data: the DOM is built with
   textContent only, never from HTML strings; names on the canvas are drawn with
   fillText and vis-network shows string tooltips as text. window.graphtool exposes
   the page to tests and embedders; window.graphtool.state() is the test hook. */
(function () {
  "use strict";
  var started = performance.now();
  var DATA = JSON.parse(document.getElementById("graphtool-data").textContent);
  var META = DATA.meta, T = DATA.texts;
  var ORGS = DATA.organisations, ACTS = DATA.actions;
  var N = ORGS.length, FAST = META.fastMode, BIPARTITE = META.bipartite;
  var GROUP_FIRST = !!META.groupFirst && !BIPARTITE;
  // No physics when the page opens with the group view: the precomputed layout stands.
  var STILL = FAST || GROUP_FIRST;
  // Names are drawn by the page in screen pixels, whatever the zoom, and never overlap.
  var LABEL_GAP = 3, LABEL_MAX_CHARS = 44, MAX_STRETCH = 1.8;
  var FONT_FACE = "Segoe UI, Helvetica Neue, Arial, Liberation Sans, sans-serif";
  var SPRING_LENGTH = 170, FLAG_COLOUR = "#A50021", WHATIF_COLOUR = "#007A3D";
  var ANIMATION_MS = 320;
  var locale = META.lang === "nl" ? "nl-NL" : "en-GB";
  var numberFormat = new Intl.NumberFormat(locale);
  var decimalFormat = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var percentFormat = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  var COMPONENTS = META.components;
  var DRIVE = META.drive;
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
  function button(label, id, onClick, className) {
    var b = el("button", className || null, label);
    b.type = "button";
    if (id) b.id = id;
    if (onClick) b.addEventListener("click", onClick);
    return b;
  }
  function nameOf(list, index) { return index >= 0 && list[index] ? list[index].name : ""; }
  function joinNames(names) {
    if (names.length <= 1) return names.join("");
    return names.slice(0, -1).join(", ") + " " + t("and") + " " + names[names.length - 1];
  }
  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }

  // ------------------------------------------------------------------ indexes
  var participants = ACTS.map(function () { return []; });
  ORGS.forEach(function (o, i) { o.actions.forEach(function (a) { participants[a].push(i); }); });
  var flowsOf = ORGS.map(function () { return { "in": [], out: [] }; });
  DATA.funding.forEach(function (f, k) { flowsOf[f[0]].out.push(k); flowsOf[f[1]]["in"].push(k); });
  var suggestionsOf = ORGS.map(function () { return []; });
  DATA.suggestions.forEach(function (s, k) { suggestionsOf[s[0]].push(k); suggestionsOf[s[1]].push(k); });
  // background funders: pay more than META.backgroundShare of all organisations
  var isBackground = new Uint8Array(N);
  DATA.background.forEach(function (b) { isBackground[b.i] = 1; });
  // a background funder without any joint action is drawn only with its arrows
  var moneyOnlyBackground = new Uint8Array(N);
  DATA.background.forEach(function (b) { if (!ORGS[b.i].actions.length) moneyOnlyBackground[b.i] = 1; });
  var idIndex = {};
  ORGS.forEach(function (o, i) { idIndex[o.id] = i; });
  var byName = ORGS.map(function (o, i) { return i; }).sort(function (a, b) {
    return ORGS[a].name.localeCompare(ORGS[b].name, locale) || a - b;
  });

  // tie weights (shared joint actions) of an organisation, as {partner: weight}
  function weightsOf(i, extra) {
    var w = {};
    ORGS[i].actions.forEach(function (a) {
      participants[a].forEach(function (j) { if (j !== i) w[j] = (w[j] || 0) + 1; });
    });
    if (extra && (extra[0] === i || extra[1] === i)) {
      var other = extra[0] === i ? extra[1] : extra[0];
      if (other !== i) w[other] = (w[other] || 0) + 1;
    }
    return w;
  }

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
  byName.forEach(function (i) {
    var o = document.createElement("option");
    o.value = ORGS[i].name;
    names.appendChild(o);
  });
  var searchButton = el("button", null, t("search_button"));
  searchButton.type = "submit";
  var searchMessage = el("div", "search-message");
  searchMessage.id = "search-message";
  searchMessage.setAttribute("role", "status");
  add(form, search, names, searchButton);
  var storyButton = button(t("story"), "story-button", function () { startStory(); });
  var posterButton = button(t("poster"), "poster-button", function () { poster(); });
  var tools = add(el("div", "tools"), storyButton, posterButton);
  var notices = [];
  if (FAST) notices.push(t("fast_mode", { organisations: numberFormat.format(N), threshold: numberFormat.format(META.threshold) }));
  if (!META.analyses) notices.push(t("no_analyses"));
  var notice = el("div", "notice" + (notices.length ? "" : " empty"), notices.join(" "));
  notice.id = "notice";
  add(header, add(el("div"), h1, subtitle), form, tools, searchMessage, notice);

  var aside = el("aside");
  aside.id = "controls";
  var main = el("main");
  var container = el("div");
  container.id = "network";
  var loading = el("div", null, t("loading"));
  loading.id = "loading";
  // the banner over the drawing: which view this is, and the way back
  var banner = el("div", "banner empty");
  banner.id = "banner";
  var storyBox = el("div", "story empty");
  storyBox.id = "story";
  storyBox.setAttribute("aria-live", "polite");
  add(main, container, loading, banner, storyBox);
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
      suggestions: false,
      background: false
    },
    // "organisations" or "groups"; grouping "group" (the colours) or "community"
    view: GROUP_FIRST ? "groups" : "organisations",
    grouping: "group",
    drill: null,   // {grouping, key}: the organisations of one group
    focus: null,   // {i, depth, members}
    highlight: []  // organisations whose names come first (story, what-if)
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
  function groupKeyOf(i, grouping) {
    return grouping === "community" ? ORGS[i].community : ORGS[i].group;
  }

  function computeVisibility() {
    var actionFilter = state.theme >= 0 || state.neighbourhood >= 0 || state.year !== null;
    var orgsView = state.view === "organisations";
    ACTS.forEach(function (a, k) {
      actPasses[k] = (state.theme < 0 || a.theme === state.theme) &&
        (state.neighbourhood < 0 || a.neighbourhood === state.neighbourhood) &&
        (state.year === null || activeIn(a, state.year)) ? 1 : 0;
    });
    for (var i = 0; i < N; i++) {
      var o = ORGS[i];
      var ok = orgsView && state.groups[o.group] && (state.type < 0 || o.type === state.type) &&
        (!state.flaggedOnly || o.flagged) && (!moneyOnlyBackground[i] || state.layers.background);
      if (ok && state.focus) ok = state.focus.members[i] === 1;
      if (ok && state.drill) ok = groupKeyOf(i, state.drill.grouping) === state.drill.key;
      if (ok && actionFilter && !state.focus) {
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
    }
    ACTS.forEach(function (a, k) {
      actVisible[k] = orgsView && actPasses[k] && participants[k].some(function (i) { return orgVisible[i]; }) ? 1 : 0;
    });
  }

  function edgeVisible(e) {
    if (e.kind === "groupTie" || e.kind === "groupMoney") {
      if (state.view !== "groups" || e.grouping !== state.grouping) return false;
      if (e.kind === "groupMoney" && !state.layers.funding) return false;
      if (e.kind === "groupTie" && !state.layers.collaboration) return false;
      return groupShown(e.grouping, e.a) && groupShown(e.grouping, e.b);
    }
    if (e.kind === "whatif") return state.view === "organisations" && orgVisible[e.from] === 1 && orgVisible[e.to] === 1;
    if (e.kind === "collaboration") {
      if (!state.layers.collaboration || !orgVisible[e.from] || !orgVisible[e.to]) return false;
      return DATA.collaboration[e.k][4].some(function (a) { return actPasses[a]; });
    }
    if (e.kind === "participation") {
      return state.layers.collaboration && orgVisible[e.from] && actVisible[e.to - N] === 1;
    }
    if (e.kind === "funding") {
      if (!state.layers.funding || !orgVisible[e.from] || !orgVisible[e.to]) return false;
      if (isBackground[e.from] && !state.layers.background) return false;
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
  function shortName(name) {
    return name.length > LABEL_MAX_CHARS ? name.slice(0, LABEL_MAX_CHARS - 1) + "…" : name;
  }
  var nodeItems = ORGS.map(function (o, i) {
    var colour = DATA.groups[o.group].colour;
    var border = o.flagged ? FLAG_COLOUR : "#333333";
    return {
      id: i, kind: "organisation", idx: i,
      // the name is drawn by the page (drawLabels), in screen pixels
      name: (o.flagged ? "⚑ " : "") + o.name,
      title: orgTitle(o),
      x: o.x, y: o.y, size: o.size, shape: "dot",
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
        id: N + k, kind: "action", idx: k, name: a.name,
        title: a.name + (a.theme >= 0 ? "\n" + nameOf(DATA.themes, a.theme) : ""),
        x: mean(xs) + ((k * 37) % 41) - 20, y: mean(ys) + ((k * 53) % 43) - 21,
        shape: "square", size: 12,
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

  // ------------------------------------------------------------------ groups
  // One node per group (the colours) or per community, sized by its organisations,
  // with the ties and the money between groups. Communities of one organisation
  // and the smallest ones beyond MAX_COMMUNITIES are one node, "the others".
  var MAX_COMMUNITIES = 24;
  var groupings = {};
  function buildGrouping(grouping) {
    var keyOf = [], entries = [], index = {};
    if (grouping === "community") {
      var sizes = {};
      ORGS.forEach(function (o, i) { if (!moneyOnlyBackground[i]) sizes[o.community] = (sizes[o.community] || 0) + 1; });
      var big = Object.keys(sizes).map(Number).filter(function (c) { return sizes[c] > 1; })
        .sort(function (a, b) { return sizes[b] - sizes[a] || a - b; }).slice(0, MAX_COMMUNITIES);
      big.forEach(function (c, k) { index[c] = k; });
      ORGS.forEach(function (o, i) { keyOf[i] = has(index, o.community) ? index[o.community] : big.length; });
      big.forEach(function (c, k) { entries.push({ key: k, members: [] }); });
      entries.push({ key: big.length, members: [], others: true });
    } else {
      DATA.groups.forEach(function (g, k) { entries.push({ key: k, members: [] }); });
      ORGS.forEach(function (o, i) { keyOf[i] = o.group; });
    }
    ORGS.forEach(function (o, i) { if (!moneyOnlyBackground[i]) entries[keyOf[i]].members.push(i); });
    entries = entries.filter(function (e) { return e.members.length; });
    var position = {};
    entries.forEach(function (e, k) { position[e.key] = k; });
    entries.forEach(function (e) {
      e.members.sort(function (a, b) { return ORGS[b].actions.length - ORGS[a].actions.length || a - b; });
      e.flagged = e.members.filter(function (i) { return ORGS[i].flagged; });
      if (grouping === "community") {
        e.name = e.others ? t("community_others") : t("community_around", { name: ORGS[e.members[0]].name });
        var counts = {};
        e.members.forEach(function (i) { counts[ORGS[i].group] = (counts[ORGS[i].group] || 0) + 1; });
        var main = Object.keys(counts).map(Number).sort(function (a, b) { return counts[b] - counts[a] || a - b; })[0];
        e.colour = e.others ? "#bbbbbb" : DATA.groups[main].colour;
      } else {
        e.name = DATA.groups[e.key].name;
        e.colour = DATA.groups[e.key].colour;
      }
      e.ties = {}; e.money = {}; e.inside = 0; e.moneyInside = 0;
    });
    DATA.collaboration.forEach(function (c) {
      var a = keyOf[c[0]], b = keyOf[c[1]];
      if (!has(position, a) || !has(position, b)) return;
      if (a === b) { entries[position[a]].inside += 1; return; }
      var lo = Math.min(a, b), hi = Math.max(a, b);
      entries[position[lo]].ties[hi] = (entries[position[lo]].ties[hi] || 0) + 1;
    });
    DATA.funding.forEach(function (f) {
      if (isBackground[f[0]]) return;
      var a = keyOf[f[0]], b = keyOf[f[1]];
      if (!has(position, a) || !has(position, b)) return;
      if (a === b) { entries[position[a]].moneyInside += f[2]; return; }
      entries[position[a]].money[b] = (entries[position[a]].money[b] || 0) + f[2];
    });
    // a circle, the largest group first; radius from the sizes so nodes stand apart
    var largest = Math.max.apply(null, entries.map(function (e) { return e.members.length; }));
    var items = [], ties = [];
    var radius = Math.max(260, entries.length * 95);
    entries.forEach(function (e, k) {
      var angle = -Math.PI / 2 + 2 * Math.PI * k / entries.length;
      e.size = 22 + 58 * Math.sqrt(e.members.length / largest);
      e.x = entries.length > 1 ? radius * 1.35 * Math.cos(angle) : 0;
      e.y = entries.length > 1 ? radius * Math.sin(angle) : 0;
      items.push({
        id: "g:" + grouping + ":" + e.key, kind: "group", grouping: grouping, key: e.key,
        name: e.name + " · " + numberFormat.format(e.members.length) + (e.flagged.length ? " · ⚑ " + e.flagged.length : ""),
        title: e.name + "\n" + t("group_members", { count: numberFormat.format(e.members.length) }),
        x: e.x, y: e.y, size: e.size, shape: "dot", physics: false, fixed: true,
        borderWidth: e.flagged.length ? 6 : 2,
        shapeProperties: { borderDashes: e.flagged.length ? [10, 5] : false },
        color: { background: e.colour, border: e.flagged.length ? FLAG_COLOUR : "#333333",
          highlight: { background: e.colour, border: "#000000" }, hover: { background: e.colour, border: "#000000" } }
      });
    });
    var tieMax = 1, moneyMax = 1;
    entries.forEach(function (e) {
      Object.keys(e.ties).forEach(function (b) { tieMax = Math.max(tieMax, e.ties[b]); });
      Object.keys(e.money).forEach(function (b) { moneyMax = Math.max(moneyMax, e.money[b]); });
    });
    entries.forEach(function (e) {
      Object.keys(e.ties).forEach(function (b) {
        var n = e.ties[b];
        ties.push({ id: "gt:" + grouping + ":" + e.key + ":" + b, kind: "groupTie", grouping: grouping, a: e.key, b: Number(b), ties: n,
          from: "g:" + grouping + ":" + e.key, to: "g:" + grouping + ":" + b,
          width: 1 + 11 * Math.sqrt(n / tieMax), title: t("group_ties", { count: numberFormat.format(n) }),
          smooth: false, color: { color: "rgba(110,110,110,0.45)", highlight: "#111111", hover: "#111111" } });
      });
      Object.keys(e.money).forEach(function (b) {
        var m = e.money[b];
        ties.push({ id: "gm:" + grouping + ":" + e.key + ":" + b, kind: "groupMoney", grouping: grouping, a: e.key, b: Number(b),
          from: "g:" + grouping + ":" + e.key, to: "g:" + grouping + ":" + b,
          width: 1.5 + 8 * Math.log(1 + m) / Math.log(1 + moneyMax), title: moneyFormat.format(m),
          arrows: { to: { enabled: true, scaleFactor: 0.9 } },
          smooth: { enabled: true, type: "curvedCW", roundness: 0.2 },
          color: { color: "#D55E00", highlight: "#8a3a00", hover: "#8a3a00", opacity: 0.8 } });
      });
    });
    var result = { keyOf: keyOf, entries: entries, position: position, items: items, ties: ties };
    groupings[grouping] = result;
    return result;
  }
  function groupShown(grouping, key) {
    if (grouping === "group") return state.groups[key];
    return true;
  }
  function groupEntry(grouping, key) {
    var g = groupings[grouping];
    return g.entries[g.position[key]];
  }

  // ------------------------------------------------------------------ the network
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  if (!BIPARTITE) {
    ["group"].concat(META.communities ? ["community"] : []).forEach(function (grouping) {
      var g = buildGrouping(grouping);
      nodes.add(g.items);
      edges.add(g.ties);
    });
  }
  var nodeView = new vis.DataView(nodes, {
    filter: function (item) {
      if (item.kind === "group") return state.view === "groups" && item.grouping === state.grouping && groupShown(item.grouping, item.key);
      return item.kind === "organisation" ? orgVisible[item.idx] === 1 : actVisible[item.idx] === 1;
    }
  });
  var edgeView = new vis.DataView(edges, { filter: edgeVisible });
  computeVisibility();
  nodeView.refresh();
  edgeView.refresh();

  var options = {
    autoResize: true,
    layout: { randomSeed: META.seed, improvedLayout: false },
    nodes: { shape: "dot", font: { size: 0 } },
    edges: { smooth: FAST ? false : { enabled: true, type: "continuous", roundness: 0.3 }, selectionWidth: 2, hoverWidth: 1.5 },
    interaction: { hover: !FAST, tooltipDelay: 250, hideEdgesOnDrag: FAST, hideEdgesOnZoom: FAST, multiselect: false },
    physics: STILL ? false : {
      enabled: true, solver: "barnesHut",
      barnesHut: { gravitationalConstant: -30000, centralGravity: 0.3, springLength: SPRING_LENGTH, springConstant: 0.015, damping: 0.5, avoidOverlap: 1 },
      // small networks get room to spread; larger ones start from the precomputed
      // layout and only settle, so the page is usable within seconds
      stabilization: { enabled: true, iterations: N <= 300 ? 600 : 60, updateInterval: 25, fit: false },
      minVelocity: 1.5
    }
  };
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  var created = performance.now();

  var api = window.graphtool = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    filters: state, data: DATA, ready: false, frozen: STILL, selected: null,
    timings: { parsed: null, created: created - started, ready: null }
  };

  // ------------------------------------------------------------------ names on the canvas
  // Every name is drawn by the page after vis-network has drawn the network, in
  // screen pixels: the same height at every zoom. Which names are written is picked
  // anew at every drawing: first the selected organisation, the ones highlighted
  // (story, what-if, focus) and its partners, then the flagged ones, then by size;
  // a name is written only where it overlaps no name already written, stays inside
  // the canvas (moved in from the edge, or above its circle at the bottom) and
  // covers no other organisation's circle (except the first ones).
  var labelPx = 15, labelBoldPx = 16, printFactor = 1;
  var measure = document.createElement("canvas").getContext("2d");
  var widthCache = {};
  function textWidth(text, px, bold) {
    var key = (bold ? "b" : "") + px + "|" + text;
    if (!has(widthCache, key)) {
      measure.font = (bold ? "700 " : "") + px + "px " + FONT_FACE;
      widthCache[key] = measure.measureText(text).width;
    }
    return widthCache[key];
  }
  var importance = ORGS.map(function (o, i) { return i; }).sort(function (a, b) {
    return (ORGS[b].flagged - ORGS[a].flagged) || (ORGS[b].size - ORGS[a].size) ||
      (ORGS[b].partners - ORGS[a].partners) || a - b;
  });
  // the largest organisations: their names are written even over a neighbour's circle
  var topFour = new Uint8Array(N);
  ORGS.map(function (o, i) { return i; }).sort(function (a, b) { return ORGS[b].size - ORGS[a].size || a - b; })
    .slice(0, 4).forEach(function (i) { topFour[i] = 1; });
  var drawn = [];
  // what a name needs, by node id, without copying the data set's items per drawing
  var labelItems = {};
  function labelItem(id) {
    if (!has(labelItems, id)) {
      var item = nodes.get(id);
      labelItems[id] = { kind: item.kind, idx: item.idx, text: shortName(item.name) };
    }
    return labelItems[id];
  }
  function labelOrder() {
    var first = [], seen = {};
    function put(id) { if (!has(seen, id)) { seen[id] = 1; first.push(id); } }
    if (state.view === "groups") {
      return { first: nodeView.getIds(), rest: [] };
    }
    if (api.selected !== null && api.selected !== undefined) put(api.selected);
    state.highlight.forEach(put);
    if (state.focus) put(state.focus.i);
    var strong = first.length;
    // flagged organisations in view keep their ⚑ and name before anyone's partners
    for (var f = 0; f < importance.length && ORGS[importance[f]].flagged; f++) if (orgVisible[importance[f]]) put(importance[f]);
    var centre = api.selected !== null && api.selected < N ? api.selected : state.focus ? state.focus.i : null;
    if (centre !== null) {
      var w = weightsOf(centre);
      Object.keys(w).map(Number).sort(function (a, b) { return w[b] - w[a] || ORGS[b].size - ORGS[a].size; }).forEach(put);
    }
    var rest = importance.filter(function (i) { return !has(seen, i); });
    if (BIPARTITE) for (var k = 0; k < ACTS.length; k++) rest.push(N + k);
    return { first: first, rest: rest, leading: first.length, strong: strong };
  }
  function blockedRects() {
    var frame = container.getBoundingClientRect(), out = [];
    [banner, storyBox].forEach(function (e) {
      if (e.className.indexOf("empty") >= 0) return;
      var r = e.getBoundingClientRect();
      out.push({ left: r.left - frame.left, top: r.top - frame.top, right: r.right - frame.left, bottom: r.bottom - frame.top });
    });
    return out;
  }
  function drawLabels(ctx) {
    var W = container.clientWidth, H = container.clientHeight;
    var scale = network.getScale();
    var px = labelPx * printFactor, boldPx = labelBoldPx * printFactor, margin = 2 * printFactor;
    var limit = Math.max(12, Math.round(W * H / (13000 * printFactor * printFactor)));
    var order = labelOrder();
    var body = network.body.nodes;
    var cell = 90 * printFactor, grid = {};
    var placed = [];
    function keys(b) {
      var out = [];
      for (var gx = Math.floor(b.left / cell); gx <= Math.floor(b.right / cell); gx++) {
        for (var gy = Math.floor(b.top / cell); gy <= Math.floor(b.bottom / cell); gy++) out.push(gx + ":" + gy);
      }
      return out;
    }
    function hits(b) {
      var ks = keys(b);
      for (var k = 0; k < ks.length; k++) {
        var list = grid[ks[k]];
        if (!list) continue;
        for (var m = 0; m < list.length; m++) {
          var c = list[m];
          if (b.left < c.right && c.left < b.right && b.top < c.bottom && c.top < b.bottom) return true;
        }
      }
      return false;
    }
    function occupy(b) { keys(b).forEach(function (k) { (grid[k] = grid[k] || []).push(b); }); }
    blockedRects().forEach(occupy);
    // circles on screen, so a name does not hide another organisation
    var dots = {}, dotCell = 60 * printFactor;
    var ids = order.first.concat(order.rest);
    var screen = {};
    ids.forEach(function (id) {
      var node = body[id];
      if (!node) return;
      var p = network.canvasToDOM({ x: node.x, y: node.y });
      var r = (node.options.size || 10) * scale;
      screen[id] = { x: p.x, y: p.y, r: r };
      if (p.x < -r || p.y < -r || p.x > W + r || p.y > H + r) return;
      var key = Math.floor(p.x / dotCell) + ":" + Math.floor(p.y / dotCell);
      (dots[key] = dots[key] || []).push({ id: id, x: p.x, y: p.y, r: Math.max(r, 3) });
    });
    function coversDot(b, own) {
      for (var gx = Math.floor((b.left - 40) / dotCell); gx <= Math.floor((b.right + 40) / dotCell); gx++) {
        for (var gy = Math.floor((b.top - 40) / dotCell); gy <= Math.floor((b.bottom + 40) / dotCell); gy++) {
          var list = dots[gx + ":" + gy];
          if (!list) continue;
          for (var m = 0; m < list.length; m++) {
            var d = list[m];
            // the middle of another circle may not be under a name
            var inner = Math.min(d.r, 6);
            if (d.id !== own && d.x + inner > b.left && d.x - inner < b.right && d.y + inner > b.top && d.y - inner < b.bottom) return true;
          }
        }
      }
      return false;
    }
    for (var k = 0; k < ids.length && placed.length < limit; k++) {
      var id = ids[k], s = screen[id];
      if (!s) continue;
      if (s.x < 0 || s.y < 0 || s.x > W || s.y > H) continue;
      var node = body[id];
      var leading = k < (order.leading || order.first.length);
      var item = labelItem(id);
      var text = item.text;
      var bold = k < (order.strong || 0) || (item.kind === "organisation" && ORGS[item.idx].flagged) || item.kind === "group";
      var size = bold ? boldPx : px;
      var w = textWidth(text, size, bold) + 6 * printFactor, h = Math.round(size * 1.3);
      if (w > W - 2 * margin) continue;
      // under the circle, above it, right of it, left of it: the first place that is free
      var centred = Math.min(Math.max(s.x - w / 2, margin), W - margin - w);
      var gap = LABEL_GAP * printFactor;
      var tries = [
        { left: centred, top: s.y + s.r + gap },
        { left: centred, top: s.y - s.r - gap - h },
        { left: s.x + s.r + gap, top: s.y - h / 2 },
        { left: s.x - s.r - gap - w, top: s.y - h / 2 }
      ];
      var chosen = null;
      var firstOnes = leading || bold || (item.kind === "organisation" && topFour[item.idx] === 1);
      for (var q = 0; q < tries.length; q++) {
        var b = tries[q];
        b.right = b.left + w;
        b.bottom = b.top + h;
        if (b.top < margin || b.bottom > H - margin || b.left < margin || b.right > W - margin) continue;
        if (hits(b)) continue;
        if (!firstOnes && coversDot(b, id)) continue;
        chosen = b;
        break;
      }
      if (!chosen) continue;
      chosen.id = id; chosen.text = text; chosen.size = size; chosen.bold = bold;
      chosen.marked = id === api.selected || state.highlight.indexOf(id) >= 0;
      occupy(chosen);
      placed.push(chosen);
      void node;
    }
    // in the group view, the number of ties on each line between two groups
    if (state.view === "groups") {
      edgeView.get({ filter: function (e) { return e.kind === "groupTie"; } }).forEach(function (e) {
        var a = body[e.from], b = body[e.to];
        if (!a || !b) return;
        var p = network.canvasToDOM({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
        var text = numberFormat.format(e.ties), size = px - 1;
        var w = textWidth(text, size, false) + 8 * printFactor, h = Math.round(size * 1.3);
        var box = { left: p.x - w / 2, top: p.y - h / 2, right: p.x + w / 2, bottom: p.y + h / 2 };
        if (box.left < margin || box.top < margin || box.right > W - margin || box.bottom > H - margin || hits(box)) return;
        box.id = e.id; box.text = text; box.size = size; box.bold = false; box.tag = true;
        occupy(box);
        placed.push(box);
      });
    }
    ctx.save();
    var ratio = network.canvas.pixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    placed.forEach(function (b) {
      ctx.font = (b.bold ? "700 " : "") + b.size + "px " + FONT_FACE;
      if (b.marked || b.tag) {
        ctx.fillStyle = b.tag ? "rgba(255,255,255,0.95)" : "#FFE98A";
        ctx.fillRect(b.left, b.top, b.right - b.left, b.bottom - b.top);
        if (b.tag) { ctx.strokeStyle = "#999999"; ctx.lineWidth = 1; ctx.strokeRect(b.left, b.top, b.right - b.left, b.bottom - b.top); }
      }
      var x = b.left + 3 * printFactor, y = (b.top + b.bottom) / 2;
      ctx.lineWidth = 4 * printFactor;
      ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.strokeText(b.text, x, y);
      ctx.fillStyle = "#111111";
      ctx.fillText(b.text, x, y);
    });
    ctx.restore();
    drawn = placed;
  }
  network.on("afterDrawing", function (ctx) { drawLabels(ctx); });
  function overlaps(list) {
    var count = 0;
    for (var a = 0; a < list.length; a++) {
      for (var b = a + 1; b < list.length; b++) {
        var p = list[a], q = list[b];
        if (Math.min(p.right, q.right) - Math.max(p.left, q.left) > 0.5 &&
            Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 0.5) count++;
      }
    }
    return count;
  }

  // ------------------------------------------------------------------ moving the view
  // A short animation by the clock (not by frames, which a loaded machine slows
  // down); any key, click or wheel turn ends it at once.
  var animation = null;
  function flyTo(position, scale, duration) {
    finishAnimation();
    var from = network.getViewPosition(), fromScale = network.getScale();
    if (duration === 0 || !isFinite(from.x)) { network.moveTo({ position: position, scale: scale }); return; }
    var begin = performance.now(), length = duration || ANIMATION_MS;
    animation = { position: position, scale: scale, frame: null };
    function step(now) {
      if (!animation) return;
      var u = Math.min(1, (now - begin) / length);
      var e = u < 0.5 ? 2 * u * u : 1 - Math.pow(-2 * u + 2, 2) / 2;
      network.moveTo({
        position: { x: from.x + (position.x - from.x) * e, y: from.y + (position.y - from.y) * e },
        scale: fromScale * Math.pow(scale / fromScale, e)
      });
      if (u < 1) animation.frame = requestAnimationFrame(step); else animation = null;
    }
    animation.frame = requestAnimationFrame(step);
  }
  function finishAnimation() {
    if (!animation) return;
    var a = animation;
    animation = null;
    cancelAnimationFrame(a.frame);
    network.moveTo({ position: a.position, scale: a.scale });
  }
  ["keydown", "mousedown", "wheel", "touchstart"].forEach(function (type) {
    document.addEventListener(type, finishAnimation, { capture: true, passive: true });
  });
  // the view that shows these nodes whole, with room for their names
  function viewOf(ids) {
    var body = network.body.nodes, box = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
    ids.forEach(function (id) {
      var n = body[id];
      if (!n) return;
      var r = n.options.size || 10;
      box.minX = Math.min(box.minX, n.x - r); box.maxX = Math.max(box.maxX, n.x + r);
      box.minY = Math.min(box.minY, n.y - r); box.maxY = Math.max(box.maxY, n.y + r);
    });
    var W = container.clientWidth, H = container.clientHeight;
    if (!isFinite(box.minX)) return { position: { x: 0, y: 0 }, scale: 1 };
    // the banner at the top and the story at the bottom cover part of the drawing
    var top = 0, bottom = H;
    blockedRects().forEach(function (r) {
      if (r.top < H / 3) top = Math.max(top, r.bottom); else bottom = Math.min(bottom, r.top);
    });
    var usable = Math.max(bottom - top, H / 3);
    // names stick out beside and under the circles: leave them room
    var scale = Math.min((W - 260) / Math.max(box.maxX - box.minX, 1), (usable - 80) / Math.max(box.maxY - box.minY, 1));
    scale = Math.max(0.02, Math.min(scale, 1.6));
    var shift = ((top + bottom) / 2 - H / 2) / scale;
    return { position: { x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 - shift }, scale: scale };
  }
  function fitShown(duration) {
    var v = viewOf(nodeView.getIds());
    flyTo(v.position, v.scale, duration);
    return v;
  }

  // ------------------------------------------------------------------ controls
  function section(title, parent) { (parent || aside).appendChild(el("h2", null, title)); }
  function checkbox(label, checked, onChange, id, parent) {
    var box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    if (id) box.id = id;
    box.addEventListener("change", function () { onChange(box.checked); });
    var wrap = add(el("label"), box);
    if (label instanceof Node) wrap.appendChild(label); else wrap.appendChild(el("span", null, label));
    (parent || aside).appendChild(wrap);
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
  var collaborationBox = checkbox(labelWith(lineSample(""), BIPARTITE ? t("legend_participation") : t("legend_collaboration")),
    state.layers.collaboration, function (v) { state.layers.collaboration = v; refresh(); }, "layer-collaboration");
  var fundingBox = checkbox(labelWith(lineSample("funding"), t("legend_funding")),
    state.layers.funding, function (v) { state.layers.funding = v; refresh(); }, "layer-funding");
  var suggestionBox = checkbox(labelWith(lineSample("suggestion"), t("legend_suggestion")),
    state.layers.suggestions, function (v) { state.layers.suggestions = v; refresh(); }, "layer-suggestions");
  if (!DATA.suggestions.length) suggestionBox.disabled = true;
  // background funders: a badge with the total instead of an arrow to everyone
  var backgroundBox = null;
  if (DATA.background.length) {
    var badges = el("div", "badges");
    badges.id = "background-funders";
    DATA.background.forEach(function (b) {
      add(badges, add(el("div", "badge"),
        el("span", "badge-amount", moneyFormat.format(b.total)),
        el("span", "badge-text", t("background_badge", { name: ORGS[b.i].name, recipients: numberFormat.format(b.recipients) }))));
    });
    badges.appendChild(el("p", "note", t("background_note", { share: percentFormat.format(META.backgroundShare) })));
    aside.appendChild(badges);
    backgroundBox = checkbox(t("background_switch"), false, function (v) {
      state.layers.background = v; refresh();
    }, "layer-background");
  }

  section(t("view"));
  var viewSelect = el("select");
  viewSelect.id = "view";
  viewSelect.setAttribute("aria-label", t("view"));
  viewSelect.appendChild(option("organisations", t("view_organisations")));
  if (!BIPARTITE) viewSelect.appendChild(option("group", t("view_groups")));
  if (!BIPARTITE && META.communities) viewSelect.appendChild(option("community", t("view_communities")));
  viewSelect.value = state.view === "groups" ? "group" : "organisations";
  viewSelect.addEventListener("change", function () {
    if (viewSelect.value === "organisations") showOrganisations(); else showGroups(viewSelect.value);
  });
  aside.appendChild(viewSelect);

  section(t("filters"));
  function selectFilter(id, label, entries, key, parse) {
    var fieldLabel = el("label", "field-label", label);
    fieldLabel.htmlFor = id;
    aside.appendChild(fieldLabel);
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
      if (state.view !== "organisations") showOrganisations(true);
      refresh();
    });
    aside.appendChild(select);
    // a filter with nothing to choose from is left out, not offered with "all" alone
    if (!entries.length) { fieldLabel.hidden = true; select.hidden = true; }
    return select;
  }
  var selects = [
    selectFilter("filter-type", t("filter_type"), DATA.types, "type"),
    selectFilter("filter-neighbourhood", META.placeColumn ? t("filter_place") : t("filter_neighbourhood"), DATA.neighbourhoods, "neighbourhood"),
    selectFilter("filter-theme", META.themeColumn ? t("filter_programme") : t("filter_theme"), DATA.themes, "theme"),
    selectFilter("filter-year", t("filter_year"), DATA.years, "year", true)
  ];
  var flaggedBox = checkbox(t("filter_flagged"), false, function (v) {
    state.flaggedOnly = v;
    if (v && state.view !== "organisations") showOrganisations(true);
    refresh();
  }, "filter-flagged");
  if (!META.flags) flaggedBox.disabled = true;

  var buttons = el("div", "buttons");
  var freezeButton = button(t("unfreeze"), "freeze", function () { setFrozen(!api.frozen); });
  if (FAST) freezeButton.disabled = true;
  var fitButton = button(t("fit"), "fit", function () { showAll(true); });
  var resetButton = button(t("reset"), "reset", function () { resetFilters(); });
  add(aside, add(buttons, freezeButton, fitButton, resetButton));
  var count = el("div", "count");
  count.id = "count";
  aside.appendChild(count);

  // corrections from the room: kept in the page, downloaded as one CSV file
  section(t("corrections"));
  aside.appendChild(el("p", "note", t("corrections_hint")));
  var missingName = el("input");
  missingName.id = "missing-name";
  missingName.type = "text";
  missingName.placeholder = t("missing_name");
  missingName.setAttribute("aria-label", t("missing_name"));
  var missingType = el("select");
  missingType.id = "missing-type";
  missingType.setAttribute("aria-label", t("type"));
  (DATA.allTypes || DATA.types).slice().sort(function (a, b) { return a.name.localeCompare(b.name, locale); })
    .forEach(function (ty) { missingType.appendChild(option(ty.key, ty.name)); });
  var missingNote = el("input");
  missingNote.id = "missing-note";
  missingNote.type = "text";
  missingNote.placeholder = t("note");
  missingNote.setAttribute("aria-label", t("note"));
  var missingButton = button(t("missing_add"), "missing-add", function () {
    if (!missingName.value.trim()) { missingName.focus(); return; }
    addCorrection({ kind: "missing_organisation", name: missingName.value.trim(), type: missingType.value, note: missingNote.value.trim() });
    missingName.value = ""; missingNote.value = "";
  });
  add(aside, add(el("div", "missing"), el("span", "field-label", t("missing_title")), missingName, missingType, missingNote, missingButton));
  var correctionList = el("ul", "corrections");
  correctionList.id = "corrections";
  var downloadButton = button(t("corrections_download"), "corrections-download", function () { downloadCorrections(); });
  add(aside, correctionList, downloadButton);

  function refresh() {
    computeVisibility();
    nodeView.refresh();
    edgeView.refresh();
    var shown = 0;
    for (var i = 0; i < N; i++) shown += orgVisible[i];
    if (state.view === "groups") {
      count.textContent = t("shown_groups", { groups: numberFormat.format(nodeView.length), total: numberFormat.format(N) });
    } else {
      count.textContent = t("shown", { nodes: numberFormat.format(shown), total: numberFormat.format(N) });
    }
    network.redraw();
  }
  function resetFilters(keepView) {
    state.groups = DATA.groups.map(function () { return true; });
    groupBoxes.forEach(function (b) { b.checked = true; });
    state.type = state.neighbourhood = state.theme = -1;
    state.year = null;
    state.flaggedOnly = false;
    flaggedBox.checked = false;
    selects.forEach(function (s) { s.value = ""; });
    if (!keepView) { state.drill = null; if (state.focus) leaveFocus(true); updateBanner(); }
    refresh();
  }
  function setFrozen(frozen) {
    if (FAST) return;
    api.frozen = frozen;
    network.setOptions({ physics: frozen ? { enabled: false } : {
      enabled: true, solver: "barnesHut", minVelocity: 1.5, stabilization: { enabled: false },
      barnesHut: { gravitationalConstant: -30000, centralGravity: 0.3, springLength: SPRING_LENGTH, springConstant: 0.015, damping: 0.5, avoidOverlap: 1 }
    } });
    freezeButton.textContent = frozen ? t("unfreeze") : t("freeze");
  }

  // ------------------------------------------------------------------ views
  function updateBanner() {
    clear(banner);
    var text = null, back = null;
    if (state.focus) {
      var around = focusCount() - 1;
      text = t(around === 1 ? "focus_banner_one" : "focus_banner", { name: ORGS[state.focus.i].name, count: numberFormat.format(around) });
      back = button(t("focus_back"), "focus-back", function () { leaveFocus(); });
      var depth = button(state.focus.depth === 1 ? t("focus_two") : t("focus_one"), "focus-depth", function () {
        focusOn(state.focus.i, state.focus.depth === 1 ? 2 : 1);
      });
      add(banner, el("span", null, text), depth, back);
    } else if (state.drill) {
      text = t("drill_banner", { name: groupEntry(state.drill.grouping, state.drill.key).name });
      back = button(t("drill_back"), "drill-back", function () { showGroups(state.drill.grouping); });
      add(banner, el("span", null, text), back);
    } else if (state.view === "groups") {
      add(banner, el("span", null, state.grouping === "community" ? t("groups_banner_community") : t("groups_banner")));
    }
    banner.className = "banner" + (banner.firstChild ? "" : " empty");
  }
  function showGroups(grouping) {
    if (BIPARTITE) return;
    if (state.focus) leaveFocus(true);
    state.view = "groups";
    state.grouping = grouping || "group";
    state.drill = null;
    state.flaggedOnly = false;
    flaggedBox.checked = false;
    viewSelect.value = state.grouping;
    network.unselectAll();
    api.selected = null;
    updateBanner();
    refresh();
    fitShown(0);
    showHint();
  }
  function showOrganisations(keepView) {
    state.view = "organisations";
    viewSelect.value = "organisations";
    updateBanner();
    refresh();
    if (!keepView) showAll(false);
  }
  function drill(grouping, key) {
    state.view = "organisations";
    state.drill = { grouping: grouping, key: key };
    viewSelect.value = "organisations";
    updateBanner();
    refresh();
    fitShown(0);
  }
  // Focus: the organisation and its partners within one or two steps, on rings
  // around it (partners on the inner ring, their partners outside, near the
  // partner that links them), with a way back.
  var savedPositions = null;
  function focusCount() {
    var c = 0;
    for (var i = 0; i < N; i++) c += state.focus.members[i];
    return c;
  }
  function focusOn(i, depth) {
    depth = depth === 2 ? 2 : 1;
    if (state.focus) restorePositions();
    if (!api.frozen) setFrozen(true);
    state.view = "organisations";
    state.drill = null;
    viewSelect.value = "organisations";
    var members = new Uint8Array(N);
    members[i] = 1;
    var w1 = weightsOf(i);
    var ring1 = Object.keys(w1).map(Number).sort(function (a, b) { return w1[b] - w1[a] || ORGS[a].name.localeCompare(ORGS[b].name); });
    ring1.forEach(function (j) { members[j] = 1; });
    var ring2 = [], parentOf = {};
    if (depth === 2) {
      ring1.forEach(function (j) {
        var wj = weightsOf(j);
        Object.keys(wj).map(Number).forEach(function (q) {
          if (!members[q]) { members[q] = 1; ring2.push(q); parentOf[q] = j; }
        });
      });
    }
    state.focus = { i: i, depth: depth, members: members };
    // positions: saved, then set on the rings (wider than high, for the names)
    savedPositions = {};
    var moves = [{ id: i, x: 0, y: 0 }];
    var r1 = Math.max(230, ring1.length * 34), angle = {};
    ring1.forEach(function (j, k) {
      var a = -Math.PI / 2 + 2 * Math.PI * k / Math.max(ring1.length, 1);
      angle[j] = a;
      moves.push({ id: j, x: 1.6 * r1 * Math.cos(a), y: r1 * Math.sin(a) });
    });
    ring2.sort(function (a, b) { return angle[parentOf[a]] - angle[parentOf[b]] || a - b; });
    var r2 = r1 + Math.max(260, ring2.length * 14);
    ring2.forEach(function (q, k) {
      var a = -Math.PI / 2 + 2 * Math.PI * (k + 0.5) / ring2.length;
      moves.push({ id: q, x: 1.6 * r2 * Math.cos(a), y: r2 * Math.sin(a) });
    });
    var current = nodes.get(moves.map(function (m) { return m.id; }), { fields: ["id", "x", "y"] });
    current.forEach(function (n) { savedPositions[n.id] = { x: n.x, y: n.y }; });
    nodes.update(moves);
    refresh();
    updateBanner();
    try { if (location.hash !== "#focus=" + encodeURIComponent(ORGS[i].id)) location.hash = "focus=" + encodeURIComponent(ORGS[i].id); } catch (e) { /* file: pages may refuse */ }
    fitShown(0);
  }
  function restorePositions() {
    if (!savedPositions) return;
    nodes.update(Object.keys(savedPositions).map(function (id) {
      return { id: Number(id), x: savedPositions[id].x, y: savedPositions[id].y };
    }));
    savedPositions = null;
  }
  function leaveFocus(quiet) {
    if (!state.focus) return;
    restorePositions();
    state.focus = null;
    try { if (location.hash) history.replaceState(null, "", location.pathname + location.search); } catch (e) { /* ignore */ }
    if (quiet) return;
    updateBanner();
    refresh();
    if (GROUP_FIRST) showGroups(state.grouping); else showAll(false);
  }
  function focusFromHash() {
    var m = /^#focus=(.+)$/.exec(location.hash);
    if (!m) return false;
    var id = decodeURIComponent(m[1]);
    var parts = /^(.*?)(?:&depth=([12]))?$/.exec(id);
    var i = idIndex[parts[1]];
    if (i === undefined) return false;
    if (state.focus && state.focus.i === i) return true;
    focusOn(i, Number(parts[2] || 1));
    showNode(i);
    return true;
  }
  window.addEventListener("hashchange", focusFromHash);

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
    if (key === "partner_diversity" || key === "constraint") return decimalFormat.format(value);
    return percentFormat.format(value);
  }
  // each part turned so that 1 means inward-looking: the score is their mean
  function inward(key, value) {
    if (value === null || value === undefined) return null;
    if (key === "ei_index") return (1 - value) / 2;
    if (key === "partner_diversity" || key === "resident_reach") return 1 - value;
    if (key === "constraint") return Math.min(value, 1);
    return value;
  }
  function row(label, value, extra) {
    var tr = add(el("tr"), el("td", null, label), el("td", "num", value));
    if (extra !== undefined) tr.appendChild(el("td", "num", extra));
    return tr;
  }
  function showHint() {
    clear(panel);
    panel.appendChild(el("p", "hint", state.view === "groups" ? t("panel_hint_groups") : t("panel_hint")));
  }
  function closeButton() {
    return button(t("close"), "close", function () { network.unselectAll(); api.selected = null; state.highlight = []; showHint(); network.redraw(); });
  }
  function driveTable(o, id) {
    var table = el("table", "drive");
    table.id = id || "drive";
    var head = add(el("tr", "head"), el("th", null, t("drive_part")), el("th", "num", t("drive_value")), el("th", "num", t("drive_inward")));
    table.appendChild(head);
    COMPONENTS.forEach(function (key) {
      if (!has(o.components, key)) return;
      if (key === "constraint" && !(DRIVE.weights.constraint > 0)) return;
      var v = o.components[key], turned = inward(key, v);
      table.appendChild(row(t("component_" + key), component(key, v),
        turned === null ? t("undefined_value") : decimalFormat.format(turned)));
    });
    table.appendChild(row(t("score"), "", decimalFormat.format(o.score)));
    return table;
  }
  function significanceNotes(o) {
    var s = o.significance;
    if (!s) return null;
    var ul = el("ul", "significance");
    ul.id = "significance";
    if (s.expected_ei !== undefined && o.components && o.components.ei_index !== null && o.components.ei_index !== undefined) {
      // E-I as the share of ties outside its group, (1 + E-I) / 2: no jargon on the panel
      ul.appendChild(el("li", null, t("sig_expected_ei", {
        expected: percentFormat.format((1 + s.expected_ei) / 2),
        actual: percentFormat.format((1 + o.components.ei_index) / 2)
      })));
    }
    if (s.chance !== undefined) {
      ul.appendChild(el("li", null, s.chance + " (p = " + s.p_value + ")"));
    } else if (s.p_value !== undefined) {
      ul.appendChild(el("li", null, t("sig_p_value", { percent: percentFormat.format(s.p_value), p: decimalFormat.format(s.p_value) })));
    }
    if (s.q_value !== undefined) {
      ul.appendChild(el("li", null, t("sig_q_value", { q: decimalFormat.format(s.q_value) })));
    }
    if (s.flag_stability !== undefined) {
      ul.appendChild(el("li", null, s.flag_stability === "robust" ? t("sig_robust") : s.flag_stability === "fragile" ? t("sig_fragile") : s.flag_stability));
    }
    return ul;
  }
  function showOrganisation(i) {
    var o = ORGS[i];
    clear(panel);
    var top = add(el("div", "panel-buttons"), closeButton(),
      button(t("focus"), "focus", function () { focusOn(i, 1); }));
    panel.appendChild(top);
    panel.appendChild(el("h2", "name", (o.flagged ? "⚑ " : "") + o.name));
    panel.appendChild(el("p", "meta", t("type") + ": " + nameOf(DATA.types, o.type)));
    panel.appendChild(el("p", "meta", t("group") + ": " + nameOf(DATA.groups, o.group)));
    if (o.neighbourhoods.length) {
      panel.appendChild(el("p", "meta", (META.placeColumn ? t("filter_place") : t("neighbourhoods")) + ": " +
        o.neighbourhoods.map(function (h) { return nameOf(DATA.neighbourhoods, h); }).join(", ")));
    }
    if (isBackground[i]) panel.appendChild(el("p", "meta", t("background_panel", { share: percentFormat.format(META.backgroundShare) })));
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
        panel.appendChild(driveTable(o));
        var scale = el("p", "note", t("score_scale", {
          threshold: decimalFormat.format(DRIVE.threshold), minimum: DRIVE.minActions
        }));
        scale.id = "score-scale";
        panel.appendChild(scale);
        panel.appendChild(el("p", "note", t("ei_plain")));
        var sig = significanceNotes(o);
        if (sig) panel.appendChild(sig);
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
    panel.appendChild(pairTools(i));
    var partnerCounts = weightsOf(i);
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
  // "with another organisation": what if they start a joint action; corrections
  function pairTools(i) {
    var box = el("div", "pair");
    box.id = "pair-tools";
    box.appendChild(el("h2", null, t("pair_title")));
    var other = el("select");
    other.id = "pair-other";
    other.setAttribute("aria-label", t("pair_other"));
    other.appendChild(option("", t("pair_choose")));
    var partners = weightsOf(i);
    byName.forEach(function (j) {
      if (j === i || moneyOnlyBackground[j]) return;
      other.appendChild(option(j, ORGS[j].name + (has(partners, j) ? " ✓" : "")));
    });
    var note = el("input");
    note.type = "text";
    note.id = "pair-note";
    note.placeholder = t("note");
    note.setAttribute("aria-label", t("note"));
    function chosen() {
      if (other.value === "") { other.focus(); return null; }
      return Number(other.value);
    }
    var whatIfButton = button(t("whatif_button"), "whatif", function () {
      var j = chosen();
      if (j !== null) showWhatIf(i, j);
    });
    var together = button(t("correct_together"), "correct-together", function () {
      var j = chosen();
      if (j !== null) { addCorrection({ kind: "works_together", a: i, b: j, note: note.value.trim() }); note.value = ""; }
    });
    var wrong = button(t("correct_wrong"), "correct-wrong", function () {
      var j = chosen();
      if (j !== null) { addCorrection({ kind: "tie_wrong", a: i, b: j, note: note.value.trim() }); note.value = ""; }
    });
    add(box, other, add(el("div", "buttons"), whatIfButton), note, add(el("div", "buttons"), together, wrong));
    return box;
  }
  function showAction(k) {
    var a = ACTS[k];
    clear(panel);
    panel.appendChild(closeButton());
    panel.appendChild(el("h2", "name", a.name));
    if (a.theme >= 0) panel.appendChild(el("p", "meta", t("filter_theme") + ": " + nameOf(DATA.themes, a.theme)));
    if (a.neighbourhood >= 0) panel.appendChild(el("p", "meta", t("filter_neighbourhood") + ": " + nameOf(DATA.neighbourhoods, a.neighbourhood)));
    if (a.start !== null || a.end !== null) {
      panel.appendChild(el("p", "meta", t("period") + ": " + (a.start === null ? "…" : a.start) + "–" + (a.end === null ? "…" : a.end)));
    }
    panel.appendChild(el("h2", null, t("participants")));
    panel.appendChild(listLimited(participants[k].map(function (i) { return orgLink(i); }), 30));
  }
  function showGroup(grouping, key) {
    var e = groupEntry(grouping, key);
    clear(panel);
    panel.appendChild(closeButton());
    panel.appendChild(el("h2", "name", e.name));
    panel.appendChild(el("p", "meta", t("group_members", { count: numberFormat.format(e.members.length) })));
    panel.appendChild(button(t("drill"), "drill", function () { drill(grouping, key); }));
    var table = el("table");
    var outside = 0;
    groupings[grouping].entries.forEach(function (f) {
      if (f.key === key) return;
      outside += (f.ties[key] || 0) + (e.ties[f.key] || 0);
    });
    add(table, row(t("group_inside"), numberFormat.format(e.inside)),
      row(t("group_outside"), numberFormat.format(outside)),
      row(t("group_money_inside"), moneyFormat.format(e.moneyInside)));
    panel.appendChild(table);
    if (e.flagged.length) {
      panel.appendChild(el("h2", null, t("group_flagged")));
      panel.appendChild(listLimited(e.flagged.map(function (i) { return orgLink(i); }), 10));
    }
    panel.appendChild(el("h2", null, t("group_largest")));
    panel.appendChild(listLimited(e.members.slice(0, 10).map(function (i) { return orgLink(i); }), 10));
  }
  function showNode(id) {
    if (typeof id === "string") {
      var item = nodes.get(id);
      if (item && item.kind === "group") { api.selected = null; showGroup(item.grouping, item.key); }
      return;
    }
    api.selected = id;
    if (id < N) showOrganisation(id); else showAction(id - N);
  }
  // the zoom at which an organisation and its partners are readable: they fill
  // about two thirds of the drawing around it
  function readableView(i) {
    var body = network.body.nodes, centre = body[i];
    var W = container.clientWidth, H = container.clientHeight;
    var xs = [], ys = [];
    Object.keys(weightsOf(i)).forEach(function (j) {
      var n = body[j];
      if (!n) return;
      xs.push(Math.abs(n.x - centre.x));
      ys.push(Math.abs(n.y - centre.y));
    });
    // most partners (three in four) in view, the far ones may stand outside
    function quantile(v) { v.sort(function (a, b) { return a - b; }); return v.length ? v[Math.floor(0.75 * (v.length - 1))] : 0; }
    var dx = Math.max(60, quantile(xs)), dy = Math.max(60, quantile(ys));
    var scale = Math.min(0.42 * W / dx, 0.42 * H / dy);
    var floor = home ? home.scale : 0.05;
    return { position: { x: centre.x, y: centre.y }, scale: Math.max(floor, Math.min(scale, 1.4)) };
  }
  function select(i) {
    // in a large network, a search from the group view opens the organisation's
    // focus view: drawing every organisation first would take seconds
    if (GROUP_FIRST && (state.view === "groups" || state.focus) && !(state.focus && state.focus.members[i])) {
      focusOn(i, 1);
      network.selectNodes([i]);
      showNode(i);
      return;
    }
    if (state.focus && !state.focus.members[i]) leaveFocus(true);
    if (state.view !== "organisations") { state.view = "organisations"; viewSelect.value = "organisations"; }
    if (state.drill && groupKeyOf(i, state.drill.grouping) !== state.drill.key) state.drill = null;
    updateBanner();
    computeVisibility();
    if (!orgVisible[i]) resetFilters(true);
    refresh();
    network.selectNodes([i]);
    showNode(i);
    var v = readableView(i);
    flyTo(v.position, v.scale);
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
  network.on("doubleClick", function (params) {
    if (!params.nodes.length) return;
    var item = nodes.get(params.nodes[0]);
    if (item && item.kind === "group") drill(item.grouping, item.key);
    else if (item && item.kind === "organisation") focusOn(item.idx, 1);
  });

  // ------------------------------------------------------------------ what if
  // Suppose two organisations start a joint action together: their territorial-
  // drive components and scores are computed again here, exactly as the analysis
  // does (graphtool/analyses/territorial_drive.py), with that one action added.
  var K = DATA.groups.length;
  function driveOf(i, extra) {
    var o = ORGS[i], pair = extra && (extra[0] === i || extra[1] === i);
    var nActs = o.actions.length + (pair ? 1 : 0);
    var out = { actions: nActs, components: {}, score: null, flagged: false };
    if (nActs === 0) return out;
    var solo = 0, reached = 0;
    o.actions.forEach(function (a) {
      if (participants[a].length === 1) solo += 1;
      if (participants[a].some(function (j) { return ORGS[j].resident; })) reached += 1;
    });
    if (pair && (ORGS[extra[0]].resident || ORGS[extra[1]].resident)) reached += 1;
    var w = weightsOf(i, extra), byGroup = {}, strength = 0;
    Object.keys(w).forEach(function (j) {
      var g = ORGS[j].group;
      byGroup[g] = (byGroup[g] || 0) + w[j];
      strength += w[j];
    });
    var c = out.components;
    c.solo_share = solo / nActs;
    if (strength > 0) {
      var internal = byGroup[o.group] || 0;
      c.ei_index = (strength - 2 * internal) / strength;
      if (K > 1) {
        var sum = 0;
        Object.keys(byGroup).forEach(function (g) { sum += Math.pow(byGroup[g] / strength, 2); });
        c.partner_diversity = Math.min(1, Math.max(0, (1 - sum) / ((K - 1) / K)));
      } else c.partner_diversity = null;
      c.constraint = constraintOf(i, w, extra);
    } else {
      c.ei_index = c.partner_diversity = c.constraint = null;
    }
    c.resident_reach = o.resident ? null : reached / nActs;
    var total = o.given + o.received, within = 0;
    flowsOf[i].out.concat(flowsOf[i]["in"]).forEach(function (k, n) {
      var f = DATA.funding[k];
      if (ORGS[f[0]].group === ORGS[f[1]].group) within += f[2];
      void n;
    });
    c.funding_in_group_share = total > 0 ? within / total : null;
    var weighted = 0, weights = 0;
    Object.keys(DRIVE.weights).forEach(function (key) {
      var v = inward(key, c[key]);
      if (v === null || v === undefined || !(DRIVE.weights[key] > 0)) return;
      weighted += v * DRIVE.weights[key];
      weights += DRIVE.weights[key];
    });
    out.score = weights > 0 ? weighted / weights : null;
    out.flagged = out.score !== null && nActs >= DRIVE.minActions && out.score >= DRIVE.threshold - 1e-12;
    return out;
  }
  // Burt's constraint on the weighted ties, as networkx.constraint
  function constraintOf(i, w, extra) {
    var share = function (weights) {
      var s = 0;
      Object.keys(weights).forEach(function (j) { s += weights[j]; });
      return s;
    };
    var si = share(w), total = 0, rows = {};
    Object.keys(w).forEach(function (q) { rows[q] = weightsOf(Number(q), extra); rows[q].sum = share(rows[q]); });
    Object.keys(w).forEach(function (j) {
      var local = w[j] / si;
      Object.keys(w).forEach(function (q) {
        if (q === j) return;
        var wq = rows[q][j] || 0;
        if (wq) local += (w[q] / si) * (wq / rows[q].sum);
      });
      total += local * local;
    });
    return total;
  }
  function whatIf(a, b) {
    var result = { a: a, b: b, organisations: [] };
    [a, b].forEach(function (i) {
      var before = driveOf(i, null), after = driveOf(i, [a, b]);
      result.organisations.push({
        i: i, id: ORGS[i].id, name: ORGS[i].name, before: before, after: after,
        lifted: before.flagged && !after.flagged, raised: !before.flagged && after.flagged
      });
    });
    return result;
  }
  var whatIfEdge = null;
  function showWhatIf(a, b) {
    var result = whatIf(a, b);
    api.lastWhatIf = result;
    if (whatIfEdge) edges.remove(whatIfEdge);
    whatIfEdge = "w:" + a + ":" + b;
    edges.add({ id: whatIfEdge, kind: "whatif", from: a, to: b, width: 7, dashes: [8, 6],
      title: t("whatif_edge"), smooth: false, color: { color: WHATIF_COLOUR, highlight: WHATIF_COLOUR, hover: WHATIF_COLOUR } });
    state.highlight = [a, b];
    if (state.focus && (!state.focus.members[a] || !state.focus.members[b])) leaveFocus(true);
    if (state.view !== "organisations") { state.view = "organisations"; viewSelect.value = "organisations"; }
    if (state.drill) state.drill = null;
    updateBanner();
    computeVisibility();
    if (!orgVisible[a] || !orgVisible[b]) resetFilters(true);
    refresh();
    api.selected = a;
    network.selectNodes([a, b]);
    clear(panel);
    panel.appendChild(closeButton());
    panel.appendChild(el("h2", "name", t("whatif_title")));
    panel.appendChild(el("p", "meta", t("whatif_intro", { a: ORGS[a].name, b: ORGS[b].name })));
    var box = el("div", "whatif");
    box.id = "whatif-result";
    result.organisations.forEach(function (r) {
      var o = ORGS[r.i];
      box.appendChild(el("h2", null, (o.flagged ? "⚑ " : "") + o.name));
      var verdict;
      if (r.lifted) verdict = t("whatif_lifted");
      else if (r.raised) verdict = t("whatif_raised");
      else if (r.before.flagged) verdict = t("whatif_stays");
      else verdict = t("whatif_not_flagged");
      var line = el("div", "flag" + (r.lifted ? " lifted" : r.before.flagged || r.raised ? "" : " off"), verdict);
      line.className += " whatif-verdict";
      box.appendChild(line);
      var table = el("table", "drive");
      add(table, add(el("tr", "head"), el("th", null, t("drive_part")), el("th", "num", t("whatif_now")), el("th", "num", t("whatif_then"))));
      COMPONENTS.forEach(function (key) {
        if (key === "constraint" && !(DRIVE.weights.constraint > 0)) return;
        table.appendChild(row(t("component_" + key), component(key, r.before.components[key]), component(key, r.after.components[key])));
      });
      table.appendChild(row(t("score"), r.before.score === null ? t("undefined_value") : decimalFormat.format(r.before.score),
        r.after.score === null ? t("undefined_value") : decimalFormat.format(r.after.score)));
      box.appendChild(table);
    });
    box.appendChild(el("p", "note", t("whatif_note", { threshold: decimalFormat.format(DRIVE.threshold), minimum: DRIVE.minActions })));
    panel.appendChild(box);
    var v = viewOf([a, b].concat(Object.keys(weightsOf(a)).map(Number)).concat(Object.keys(weightsOf(b)).map(Number)));
    flyTo(v.position, Math.max(v.scale, home ? home.scale : 0), 0);
    return result;
  }

  // ------------------------------------------------------------------ corrections
  // CSV columns (docs/network-page.md, "Corrections"): kind, organisation_id,
  // organisation_name, other_id, other_name, name, type, note
  var corrections = [];
  var CSV_COLUMNS = ["kind", "organisation_id", "organisation_name", "other_id", "other_name", "name", "type", "note"];
  function addCorrection(c) {
    corrections.push(c);
    renderCorrections();
  }
  function correctionText(c) {
    if (c.kind === "works_together") return t("correction_together", { a: ORGS[c.a].name, b: ORGS[c.b].name });
    if (c.kind === "tie_wrong") return t("correction_wrong", { a: ORGS[c.a].name, b: ORGS[c.b].name });
    return t("correction_missing", { name: c.name, type: c.type });
  }
  function renderCorrections() {
    clear(correctionList);
    corrections.forEach(function (c, k) {
      var li = el("li", null, correctionText(c) + (c.note ? " — " + c.note : ""));
      var remove = button("✕", null, function () { corrections.splice(k, 1); renderCorrections(); }, "link remove");
      remove.setAttribute("aria-label", t("correction_remove"));
      li.appendChild(remove);
      correctionList.appendChild(li);
    });
    downloadButton.textContent = t("corrections_download") + " (" + corrections.length + ")";
    downloadButton.disabled = !corrections.length;
  }
  function csvCell(value) {
    var s = value === undefined || value === null ? "" : String(value);
    return /[",\r\n]/.test(s) || s !== s.trim() ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function correctionsCsv() {
    var lines = [CSV_COLUMNS.join(",")];
    corrections.forEach(function (c) {
      var a = c.a !== undefined ? ORGS[c.a] : null, b = c.b !== undefined ? ORGS[c.b] : null;
      lines.push([c.kind, a ? a.id : "", a ? a.name : "", b ? b.id : "", b ? b.name : "",
        c.name || "", c.type || "", c.note || ""].map(csvCell).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }
  // a file made in the page (a blob), saved by the browser: no network request
  function download(blob, filename) {
    var url = URL.createObjectURL(blob);
    var a = el("a");
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 4000);
  }
  function fileStem() {
    return String(META.dataset || "network").replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 60) || "network";
  }
  function downloadCorrections() {
    if (!corrections.length) return;
    download(new Blob(["\ufeff" + correctionsCsv()], { type: "text/csv;charset=utf-8" }), "corrections-" + fileStem() + ".csv");
  }
  renderCorrections();

  // ------------------------------------------------------------------ poster
  // The current view as an A3 landscape poster (PNG, 150 dots per inch) with the
  // title, the legend and where it comes from.
  var POSTER = { width: 2480, height: 1754 };
  function poster(save) {
    finishAnimation();
    var legendWidth = 560, titleHeight = 130;
    var drawW = POSTER.width - legendWidth, drawH = POSTER.height - titleHeight;
    var W = container.clientWidth, H = container.clientHeight;
    var view = network.getViewPosition(), scale = network.getScale();
    var factor = Math.min(drawW / W, drawH / H);
    var style = container.style.cssText;
    container.style.cssText = "position:fixed;left:0;top:0;width:" + drawW + "px;height:" + drawH + "px;";
    network.setSize(drawW + "px", drawH + "px");
    printFactor = factor;
    network.moveTo({ position: view, scale: scale * factor });
    network.redraw();
    var out = document.createElement("canvas");
    out.width = POSTER.width;
    out.height = POSTER.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    var source = container.querySelector("canvas");
    ctx.drawImage(source, 0, titleHeight, drawW, drawH);
    printFactor = 1;
    container.style.cssText = style;
    network.setSize("100%", "100%");
    network.moveTo({ position: view, scale: scale });
    network.redraw();
    ctx.fillStyle = "#111111";
    ctx.textBaseline = "top";
    ctx.font = "700 54px " + FONT_FACE;
    ctx.fillText(META.title, 40, 30, POSTER.width - 80);
    ctx.font = "30px " + FONT_FACE;
    ctx.fillText(subtitle.textContent + (banner.textContent ? " · " + banner.textContent.replace(/(Back|Terug).*$/, "") : ""), 40, 92, POSTER.width - 80);
    var x = drawW + 30, y = titleHeight + 10;
    ctx.font = "700 36px " + FONT_FACE;
    ctx.fillText(t("legend"), x, y);
    y += 60;
    ctx.font = "26px " + FONT_FACE;
    DATA.groups.forEach(function (g) {
      ctx.beginPath();
      ctx.fillStyle = g.colour;
      ctx.arc(x + 16, y + 15, 15, 0, 2 * Math.PI);
      ctx.fill();
      ctx.strokeStyle = "#333333";
      ctx.lineWidth = 2;
      ctx.stroke();
      ctx.fillStyle = "#111111";
      ctx.fillText(g.name, x + 46, y, legendWidth - 90);
      y += 44;
    });
    y += 10;
    function legendLine(colour, dashed, text, arrow) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 6;
      ctx.setLineDash(dashed ? [14, 10] : []);
      ctx.beginPath();
      ctx.moveTo(x, y + 15);
      ctx.lineTo(x + 60, y + 15);
      ctx.stroke();
      ctx.setLineDash([]);
      if (arrow) {
        ctx.fillStyle = colour;
        ctx.beginPath();
        ctx.moveTo(x + 72, y + 15); ctx.lineTo(x + 56, y + 5); ctx.lineTo(x + 56, y + 25);
        ctx.fill();
      }
      ctx.fillStyle = "#111111";
      wrap(text, x + 86, legendWidth - 120);
    }
    function wrap(text, left, width) {
      var words = text.split(" "), line = "";
      words.forEach(function (word) {
        var test = line ? line + " " + word : word;
        if (ctx.measureText(test).width > width && line) { ctx.fillText(line, left, y); y += 32; line = word; } else line = test;
      });
      if (line) { ctx.fillText(line, left, y); y += 32; }
      y += 12;
    }
    legendLine("rgba(120,120,120,0.6)", false, t("legend_collaboration"));
    legendLine("#D55E00", false, t("legend_funding"), true);
    if (state.layers.suggestions) legendLine("#000000", true, t("legend_suggestion"));
    if (META.flags) {
      ctx.beginPath();
      ctx.setLineDash([10, 5]);
      ctx.strokeStyle = FLAG_COLOUR;
      ctx.lineWidth = 6;
      ctx.arc(x + 30, y + 15, 14, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = "#111111";
      wrap(t("legend_flagged"), x + 86, legendWidth - 120);
    }
    DATA.background.forEach(function (b) {
      ctx.font = "700 26px " + FONT_FACE;
      wrap(moneyFormat.format(b.total), x, legendWidth - 60);
      ctx.font = "26px " + FONT_FACE;
      y -= 10;
      wrap(t("background_badge", { name: ORGS[b.i].name, recipients: numberFormat.format(b.recipients) }), x, legendWidth - 60);
    });
    ctx.font = "22px " + FONT_FACE;
    ctx.fillStyle = "#444444";
    ctx.fillText(t("poster_footer", { dataset: META.dataset, date: new Date().toISOString().slice(0, 10) }), 40, POSTER.height - 40, POSTER.width - 80);
    var url = out.toDataURL("image/png");
    if (save !== false) {
      out.toBlob(function (blob) { download(blob, "poster-" + fileStem() + ".png"); }, "image/png");
    }
    return { width: out.width, height: out.height, url: url };
  }

  // ------------------------------------------------------------------ story mode
  // A guided sequence for the projector, built from the data: the arrow keys (or
  // Page Up/Down) move between the steps, Escape ends it. Each step has a heading
  // and two plain sentences.
  var story = null;
  function storySteps() {
    var steps = [];
    var flagged = ORGS.map(function (o, i) { return i; }).filter(function (i) { return ORGS[i].flagged; })
      .sort(function (a, b) { return (ORGS[b].score || 0) - (ORGS[a].score || 0) || a - b; });
    var across = 0;
    DATA.collaboration.forEach(function (c) { if (ORGS[c[0]].group !== ORGS[c[1]].group) across += 1; });
    var tieShare = DATA.collaboration.length ? across / DATA.collaboration.length : 0;
    steps.push({
      key: "whole", heading: t("story_whole"),
      sentences: [t("story_whole_1", { organisations: numberFormat.format(N), actions: numberFormat.format(ACTS.length), groups: DATA.groups.length }),
        t("story_whole_2", { share: percentFormat.format(tieShare) })],
      apply: function () { if (GROUP_FIRST) showGroups("group"); else { resetFilters(); showOrganisations(); } }
    });
    if (META.flags) {
      if (flagged.length) {
        steps.push({
          key: "flagged", heading: t("story_flagged"),
          sentences: [t("story_flagged_1", { count: numberFormat.format(flagged.length), names: joinNames(flagged.slice(0, 3).map(function (i) { return ORGS[i].name; })) + (flagged.length > 3 ? " " + t("story_and_more", { count: flagged.length - 3 }) : "") }),
            t("story_flagged_2", { threshold: decimalFormat.format(DRIVE.threshold) })],
          apply: function () {
            resetFilters(); state.flaggedOnly = true; flaggedBox.checked = true;
            showOrganisations(true); refresh(); fitShown(0);
          }
        });
        flagged.slice(0, 2).forEach(function (i) {
          steps.push({
            key: "flagged-one", heading: t("story_why", { name: ORGS[i].name }),
            sentences: [ORGS[i].reasons[0] || t("story_score", { score: decimalFormat.format(ORGS[i].score) }),
              ORGS[i].reasons[1] || t("story_score", { score: decimalFormat.format(ORGS[i].score) })],
            apply: function () { resetFilters(); focusOn(i, 1); network.selectNodes([i]); showNode(i); }
          });
        });
      } else {
        steps.push({ key: "flagged", heading: t("story_flagged"),
          sentences: [t("story_none_flagged"), t("story_flagged_2", { threshold: decimalFormat.format(DRIVE.threshold) })],
          apply: function () { resetFilters(); if (GROUP_FIRST) showGroups("group"); else showOrganisations(); } });
      }
    }
    DATA.suggestions.slice(0, 2).forEach(function (s, k) {
      steps.push({
        key: "suggestion", heading: t("story_suggestion"),
        sentences: [t("story_suggestion_1", { a: ORGS[s[0]].name, b: ORGS[s[1]].name }),
          s[3].length ? t("story_suggestion_2", { reason: s[3][0] }) : t("story_suggestion_none")],
        apply: function () {
          resetFilters();
          focusOn(s[0], 2);
          state.layers.suggestions = true; suggestionBox.checked = true;
          state.highlight = [s[0], s[1]];
          refresh();
          network.selectNodes([s[0], s[1]]);
          showNode(s[0]);
        }
      });
      void k;
    });
    var cmp = DATA.story.compare;
    if (cmp) {
      steps.push({
        key: "compare", heading: t("story_compare", { from: cmp.from_year, to: cmp.to_year }),
        sentences: [t("story_compare_1", { from: cmp.from_year, to: cmp.to_year, appeared: numberFormat.format(cmp.appeared), left: numberFormat.format(cmp.left), added: numberFormat.format(cmp.ties_added), lost: numberFormat.format(cmp.ties_lost) }),
          t("story_compare_2", { from: cmp.from_year, to: cmp.to_year, flagged_from: cmp.flagged_from, flagged_to: cmp.flagged_to }) +
          (cmp.no_longer_flagged.length ? " " + t("story_compare_lifted", { names: joinNames(cmp.no_longer_flagged) }) : "")],
        apply: function () {
          resetFilters(); showOrganisations();
          state.year = cmp.to_year; selects[3].value = String(cmp.to_year); refresh(); fitShown(0);
        }
      });
    }
    (DATA.story.scan || []).forEach(function (p) {
      steps.push({
        key: "scan", heading: p.title + " — " + t("verdict_" + p.verdict.replace(/ /g, "_")),
        sentences: [p.summary, p.evidence[0] || ""],
        apply: function () { resetFilters(); if (GROUP_FIRST) showGroups("group"); else showOrganisations(); }
      });
    });
    return steps;
  }
  function renderStep() {
    var step = story.steps[story.index];
    clear(storyBox);
    var headingRow = add(el("div", "story-head"),
      el("span", "story-count", (story.index + 1) + " / " + story.steps.length),
      el("h2", null, step.heading));
    add(storyBox, headingRow);
    // reasons are written to follow a name; in the story they stand as sentences
    step.sentences.filter(function (s) { return s; }).forEach(function (s) {
      var sentence = s.charAt(0).toLocaleUpperCase(locale) + s.slice(1);
      if (!/[.!?…]$/.test(sentence)) sentence += ".";
      storyBox.appendChild(el("p", null, sentence));
    });
    add(storyBox, add(el("div", "story-buttons"),
      button("←", "story-prev", function () { storyMove(-1); }),
      button("→", "story-next", function () { storyMove(1); }),
      button(t("story_end"), "story-end", function () { endStory(); }),
      el("span", "story-keys", t("story_keys"))));
    storyBox.className = "story";
    state.highlight = [];
    network.unselectAll();
    api.selected = null;
    step.apply();
    network.redraw();
  }
  function startStory() {
    story = { steps: storySteps(), index: 0 };
    document.body.classList.add("story-mode");
    renderStep();
  }
  function storyMove(delta) {
    if (!story) return;
    var next = Math.max(0, Math.min(story.steps.length - 1, story.index + delta));
    if (next === story.index) return;
    story.index = next;
    renderStep();
  }
  function endStory() {
    if (!story) return;
    story = null;
    clear(storyBox);
    storyBox.className = "story empty";
    document.body.classList.remove("story-mode");
    state.highlight = [];
    state.layers.suggestions = false; suggestionBox.checked = false;
    resetFilters();
    if (GROUP_FIRST) showGroups("group"); else showOrganisations();
    showHint();
  }
  document.addEventListener("keydown", function (event) {
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
    if (story) {
      if (event.key === "ArrowRight" || event.key === "PageDown" || event.key === " ") { storyMove(1); event.preventDefault(); }
      else if (event.key === "ArrowLeft" || event.key === "PageUp") { storyMove(-1); event.preventDefault(); }
      else if (event.key === "Escape") endStory();
    } else if (event.key === "Escape" && state.focus) {
      leaveFocus();
    }
  });

  // ------------------------------------------------------------------ ready
  // Moves go straight to the drawn nodes: network.moveNode redraws the whole network
  // for every node it moves, and a data update costs a full pass over the network.
  function moveNodes(moves) {
    moves.forEach(function (m) { var node = network.body.nodes[m.id]; if (node) { node.x = m.x; node.y = m.y; } });
  }
  // Organisations without ties keep their rows; after the physics has moved the
  // others, the rows move as one block to just under the drawing, centred.
  function placeIsolated() {
    var isolated = [], others = [];
    for (var i = 0; i < N; i++) if (network.body.nodes[i]) (ORGS[i].isolated ? isolated : others).push(i);
    if (!isolated.length || !others.length) return;
    var pos = network.getPositions(isolated.concat(others));
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
  // Names are wider than high: on a wide screen the drawing is stretched sideways
  // (at most by MAX_STRETCH) to fill the width, which gives the names more room.
  function stretchToScreen() {
    var ids = [];
    for (var i = 0; i < N; i++) if (!ORGS[i].isolated && network.body.nodes[i]) ids.push(i);
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
  // the positions the physics left into the data, so a node hidden by a filter
  // comes back where it was
  function storePositions() {
    var now = network.getPositions();
    nodes.update(Object.keys(now).filter(function (id) { return nodes.get(isNaN(id) ? id : Number(id)).kind !== "group"; })
      .map(function (id) { return { id: Number(id), x: now[id].x, y: now[id].y }; }));
  }
  // "Show all" returns to the first view of the current view
  var home = null;
  function showAll(animate) {
    if (state.focus) { leaveFocus(); return; }
    if (state.view === "groups" || state.drill) { fitShown(animate ? ANIMATION_MS : 0); return; }
    if (!home) { home = viewOf(nodeView.getIds()); }
    flyTo(home.position, home.scale, animate ? ANIMATION_MS : 0);
  }
  function markReady() {
    if (api.ready) return;
    if (N > 0 && !STILL) {
      stretchToScreen();
      placeIsolated();
      storePositions();
    }
    if (N > 0) {
      if (state.view === "groups") {
        // the organisations' view is worked out when the room first opens it
        fitShown(0);
      } else {
        home = viewOf(nodeView.getIds());
        flyTo(home.position, home.scale, 0);
      }
    }
    updateBanner();
    focusFromHash();
    api.ready = true;
    api.timings.ready = performance.now() - started;
    loading.className = "done";
    document.body.setAttribute("data-ready", "true");
  }
  if (STILL || N === 0) {
    network.once("afterDrawing", function () { setTimeout(markReady, 0); });
    if (N === 0) markReady();
  } else {
    network.once("stabilizationIterationsDone", function () {
      // a still picture on the projector: stop the physics once it has settled
      setFrozen(true);
      markReady();
    });
  }

  // ------------------------------------------------------------------ the test hook
  api.state = function () {
    var W = container.clientWidth, H = container.clientHeight;
    var shown = 0;
    for (var i = 0; i < N; i++) shown += orgVisible[i];
    return {
      ready: api.ready,
      view: state.focus ? "focus" : state.view === "groups" ? "groups" : "organisations",
      grouping: state.view === "groups" ? state.grouping : null,
      shown: shown,
      groupsShown: state.view === "groups" ? nodeView.length : 0,
      selected: api.selected === undefined ? null : api.selected,
      scale: network.getScale(),
      labels: drawn.length,
      labelled: drawn.map(function (b) { return b.id; }),
      overlappingLabels: overlaps(drawn),
      labelsOutside: drawn.filter(function (b) { return b.left < 0 || b.top < 0 || b.right > W || b.bottom > H; }).length,
      animating: !!animation,
      focus: state.focus ? { id: ORGS[state.focus.i].id, depth: state.focus.depth } : null,
      story: story ? { step: story.index, steps: story.steps.length, key: story.steps[story.index].key } : null,
      corrections: corrections.length
    };
  };
  api.labelBoxes = function () {
    return drawn.map(function (b) { return { id: b.id, text: b.text, left: b.left, top: b.top, right: b.right, bottom: b.bottom }; });
  };
  api.search = function (query) { search.value = query; form.requestSubmit(); };
  api.select = select;
  api.showAll = showAll;
  api.refresh = refresh;
  api.resetFilters = resetFilters;
  api.setFrozen = setFrozen;
  api.focus = focusOn;
  api.leaveFocus = leaveFocus;
  api.showGroups = showGroups;
  api.showOrganisations = showOrganisations;
  api.drill = drill;
  api.whatIf = whatIf;
  api.showWhatIf = showWhatIf;
  api.driveOf = driveOf;
  api.story = { start: startStory, next: function () { storyMove(1); }, previous: function () { storyMove(-1); }, end: endStory };
  api.corrections = { list: corrections, csv: correctionsCsv, add: addCorrection, download: downloadCorrections };
  api.poster = poster;
  api.finishAnimation = finishAnimation;
  api.timings.parsed = performance.now() - started;
  refresh();
  updateBanner();
  showHint();
})();
