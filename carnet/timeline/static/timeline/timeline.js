/* Carnet timeline: turns the server-rendered list into an interactive timeline.
   Wide screens: one moment at a time as a slide, the axis with eras and markers below it;
   previous/next, zoom. Phones keep the list (the stylesheet decides). Everywhere: keyboard
   (arrows, Home, End), deep links (#slug, also in an iframe), filters and a search that
   apply as one types, the count of moments shown announced to screen readers.
   Without this script the list stays complete and readable, and the form filters on the
   server. */
(function () {
  "use strict";
  var root = document.getElementById("timeline");
  if (!root) return;
  var lis = root.querySelectorAll(".tl-event");
  if (!lis.length) return;

  var rtl = root.getAttribute("dir") === "rtl";
  var track = root.querySelector(".tl-track");
  var scale = root.querySelector(".tl-scale");
  var axis = root.querySelector(".tl-axis");
  var scroller = root.querySelector(".tl-scroll");
  var count = root.querySelector(".tl-count");
  var none = root.querySelector(".tl-none");
  var wide = window.matchMedia ? window.matchMedia("(min-width: 36rem)") : { matches: true };
  var controls = root.querySelector(".tl-controls");
  var live = root.querySelector(".tl-live");
  var position = root.querySelector(".tl-position");
  var prevButton = controls.querySelector("[data-go=prev]");
  var nextButton = controls.querySelector("[data-go=next]");
  var framed = window.parent !== window;

  function time(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], (+p[1] || 1) - 1, parseInt(p[2], 10) || 1); // "05T13:45": the day
  }

  var events = [];
  var bySlug = {};
  var min = Infinity;
  var max = -Infinity;
  var i, li, ev;
  for (i = 0; i < lis.length; i++) {
    li = lis[i];
    ev = {
      li: li,
      slug: li.id,
      start: time(li.querySelector("time").getAttribute("datetime")),
      end: li.getAttribute("data-end") ? time(li.getAttribute("data-end")) : null,
      orgs: " " + (li.getAttribute("data-orgs") || ""),
      tags: "|" + (li.getAttribute("data-tags") || "") + "|",
      era: li.getAttribute("data-era") || "",
      importance: +li.getAttribute("data-importance") || 3,
      index: i,
      marker: null,
      shown: true
    };
    events.push(ev);
    bySlug[ev.slug] = ev;
    if (ev.start < min) min = ev.start;
    if ((ev.end || ev.start) > max) max = ev.end || ev.start;
  }
  var eraNodes = scale.querySelectorAll(".tl-era");
  for (i = 0; i < eraNodes.length; i++) {
    min = Math.min(min, time(eraNodes[i].getAttribute("data-start")));
    max = Math.max(max, time(eraNodes[i].getAttribute("data-end")));
  }
  var year = 365.25 * 864e5;
  min -= year / 4;
  max += year / 4;
  var span = Math.max(max - min, 864e5);

  function pct(t) {
    return ((t - min) / span) * 100;
  }
  function place(node, t) {
    node.style.insetInlineStart = pct(t).toFixed(3) + "%";
  }

  // Eras: bands, on two rows when they overlap.
  var lastEnd = [-Infinity, -Infinity];
  for (i = 0; i < eraNodes.length; i++) {
    var era = eraNodes[i];
    var s = time(era.getAttribute("data-start"));
    var e = time(era.getAttribute("data-end"));
    var row = s < lastEnd[0] ? 1 : 0;
    lastEnd[row] = e;
    if (row) era.classList.add("tl-row1");
    place(era, s);
    era.style.width = Math.max(((e - s) / span) * 100, 0.5).toFixed(3) + "%";
    era.style.borderColor = era.getAttribute("data-colour");
    era.setAttribute("aria-hidden", "true");
  }

  // Year ticks, on their own row under the markers, as many as fit without touching.
  var STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
  function drawTicks() {
    var old = scale.querySelectorAll(".tl-tick");
    for (var k = 0; k < old.length; k++) scale.removeChild(old[k]);
    var first = new Date(min).getUTCFullYear() + 1;
    var last = new Date(max).getUTCFullYear();
    var room = Math.max(scale.offsetWidth, 200) / 56; // labels are about 3.5rem apart at most
    var yearStep = STEPS[STEPS.length - 1];
    for (k = 0; k < STEPS.length; k++) {
      if ((last - first + 1) / STEPS[k] <= room) {
        yearStep = STEPS[k];
        break;
      }
    }
    var fragment = document.createDocumentFragment();
    for (var y = Math.ceil(first / yearStep) * yearStep; y <= last; y += yearStep) {
      var tick = document.createElement("span");
      tick.className = "tl-tick";
      tick.textContent = y;
      tick.setAttribute("aria-hidden", "true");
      place(tick, Date.UTC(y, 0, 1));
      fragment.appendChild(tick);
    }
    scale.appendChild(fragment);
  }

  // Markers: a button per moment, as many as the axis can show apart. The axis keeps
  // markers at least GAP pixels (a marker's width) apart, the current moment's and the most
  // important first, and only along the part of the axis in view and one width on either
  // side: a timeline of 5,000 moments keeps a few hundred buttons, so neither the first
  // slide nor "next" waits for thousands. Zooming in shows more. Every moment stays one
  // "next" away, and in the list. Only the current marker is in the tab order.
  var GAP = 24; // a marker's width (1.5rem)
  var geometry = null; // the axis in pixels, read when its size may have changed
  var scrolled = 0; // how far the axis is scrolled from its start, kept here (no layout read)
  var withMarker = []; // the events that have a marker, in order
  var slots = {}; // where each of them stands: its slot of GAP pixels on the axis
  function measure() {
    var width = scale.offsetWidth;
    geometry = {
      width: width,
      start: rtl ? track.offsetWidth - scale.offsetLeft - width : scale.offsetLeft,
      track: track.offsetWidth,
      view: scroller.clientWidth
    };
    scrolled = Math.abs(scroller.scrollLeft);
  }
  function along(ev) {
    return geometry.start + ((ev.start - min) / span) * geometry.width;
  }
  // Markers are drawn along the part of the axis in view and one view's width on each side.
  function drawn(x) {
    return x >= scrolled - geometry.view && x <= scrolled + 2 * geometry.view;
  }
  function drawMarkers() {
    if (!geometry) return;
    var candidates = [];
    var k, ev, slot;
    for (k = 0; k < events.length; k++) {
      ev = events[k];
      if (!ev.shown) continue;
      ev.x = along(ev);
      if (drawn(ev.x)) candidates.push(ev);
    }
    // The current moment first, then the most important, then the earliest: each takes its
    // place unless one already taken is nearer than GAP.
    candidates.sort(function (a, b) {
      return (b.index === current) - (a.index === current) || b.importance - a.importance || a.index - b.index;
    });
    var best = {};
    function near(other) {
      return other && Math.abs(other.x - ev.x) < GAP;
    }
    for (k = 0; k < candidates.length; k++) {
      ev = candidates[k];
      slot = Math.floor(ev.x / GAP);
      if (!near(best[slot - 1]) && !near(best[slot]) && !near(best[slot + 1])) best[slot] = ev;
    }
    slots = best;
    var keep = [];
    for (slot in best) keep.push(best[slot]);
    keep.sort(function (a, b) { return a.index - b.index; });
    var stamp = {};
    for (k = 0; k < keep.length; k++) stamp[keep[k].index] = true;
    var left = [];
    for (k = 0; k < withMarker.length; k++) {
      ev = withMarker[k];
      if (stamp[ev.index]) left.push(ev);
      else {
        scale.removeChild(ev.marker);
        ev.marker = null;
      }
    }
    // Insert the new ones in order, without moving the kept ones (a focused marker keeps
    // the focus).
    var j = 0;
    for (k = 0; k < keep.length; k++) {
      ev = keep[k];
      if (ev.marker) j++;
      else scale.insertBefore(marker(ev), left[j] ? left[j].marker : null);
    }
    withMarker = keep;
  }
  // The current moment gets its marker, taking the place of the one in its slot (cheaper
  // than drawing them all again at each "next"; a neighbour may overlap it until then).
  function ensureMarker(ev) {
    if (ev.marker || !geometry) return;
    var x = (ev.x = along(ev));
    if (!drawn(x)) return drawMarkers();
    var slot = Math.floor(x / GAP);
    var other = slots[slot];
    if (other && other.marker) {
      scale.removeChild(other.marker);
      other.marker = null;
      withMarker.splice(withMarker.indexOf(other), 1);
    }
    var low = 0;
    var high = withMarker.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (withMarker[middle].index < ev.index) low = middle + 1;
      else high = middle;
    }
    scale.insertBefore(marker(ev), withMarker[low] ? withMarker[low].marker : null);
    withMarker.splice(low, 0, ev);
    slots[slot] = ev;
  }
  function marker(ev) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "tl-marker tl-imp-" + ev.importance;
    button.tabIndex = -1;
    button.setAttribute("data-index", ev.index);
    var heading = ev.li.querySelector("h2");
    button.setAttribute("aria-label", (heading ? heading.textContent : ev.slug) + ", " + dateText(ev));
    place(button, ev.start);
    ev.marker = button;
    if (ev.index === current) markCurrent(ev);
    return button;
  }

  var current = -1;
  var zoom = 1;

  // The moments the filters let through, in order; each knows its rank among them.
  var order = [];
  function refilter() {
    order = [];
    for (var k = 0; k < events.length; k++) {
      events[k].rank = events[k].shown ? order.length : -1;
      if (events[k].shown) order.push(events[k]);
    }
    return order;
  }

  function dateText(ev) {
    var times = ev.li.querySelectorAll(".tl-date time");
    var parts = [];
    for (var k = 0; k < times.length; k++) parts.push(times[k].textContent);
    return parts.join(" – ");
  }

  // Announce only the headline and the date.
  function announce(ev) {
    var h = ev.li.querySelector("h2");
    live.textContent = (h ? h.textContent : "") + " — " + dateText(ev);
  }

  function report(ev) {
    if (!framed) return;
    window.parent.postMessage(
      {
        type: "carnet-timeline",
        height: document.documentElement.scrollHeight,
        slug: ev ? ev.slug : ""
      },
      "*"
    );
  }

  // Bring a moment's place on the axis to the middle of the view. With the axis no wider
  // than its view (no zoom), there is nothing to scroll, and nothing is read from the layout.
  function centre(ev) {
    if (!ev || !geometry || !wide.matches || geometry.track <= geometry.view) return;
    var target = Math.max(0, Math.min(geometry.track - geometry.view, along(ev) - geometry.view / 2));
    if (Math.abs(target - scrolled) < 1) return;
    scrolled = target;
    scroller.scrollLeft = rtl ? -target : target;
  }

  function show(index, options) {
    options = options || {};
    var ev = events[index];
    if (!ev) return;
    if (current >= 0) {
      var old = events[current];
      old.li.classList.remove("tl-current");
      if (old.marker) {
        old.marker.removeAttribute("aria-current");
        old.marker.tabIndex = -1;
      }
    }
    current = index;
    ev.li.classList.add("tl-current");
    centre(ev);
    if (ev.marker) markCurrent(ev);
    else ensureMarker(ev); // its marker was left out, or is out of the axis's view
    var list = order;
    var at = ev.rank;
    position.textContent = at + 1 + " / " + list.length;
    prevButton.disabled = at <= 0;
    nextButton.disabled = at >= list.length - 1;
    if (options.focusMarker && ev.marker && wide.matches) ev.marker.focus();
    // On a phone the list is the timeline: bring the moment into view.
    if (options.scroll && !wide.matches && ev.li.scrollIntoView) ev.li.scrollIntoView();
    if (options.announce !== false) announce(ev);
    if (options.hash !== false && window.history.replaceState) {
      window.history.replaceState(null, "", "#" + ev.slug);
    }
    report(ev);
  }

  function markCurrent(ev) {
    if (!ev.marker) return;
    ev.marker.setAttribute("aria-current", "true");
    ev.marker.tabIndex = 0;
  }

  function step(delta) {
    var list = order;
    if (!list.length) return;
    var at = events[current].rank;
    var to = Math.max(0, Math.min(list.length - 1, at + delta));
    if (to !== at) {
      show(list[to].index, {
        scroll: true,
        focusMarker: document.activeElement && document.activeElement.classList.contains("tl-marker")
      });
    }
  }
  function edge(last) {
    var list = order;
    if (list.length) show(list[last ? list.length - 1 : 0].index, { focusMarker: true, scroll: true });
  }

  function setZoom(factor) {
    var ev = events[current];
    zoom = Math.max(1, Math.min(256, zoom * factor));
    track.style.width = zoom * 100 + "%";
    redrawAxis(ev);
  }
  // The axis changed size (zoom, a wider window): years, pixels, markers, the current moment.
  function redrawAxis(ev) {
    drawTicks();
    measure();
    centre(ev);
    drawMarkers();
  }
  // Scrolling the axis by hand brings the markers of the part now in view.
  var pending = false;
  scroller.addEventListener("scroll", function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      if (!geometry) return;
      var now = Math.abs(scroller.scrollLeft);
      if (Math.abs(now - scrolled) < geometry.view / 2) return;
      scrolled = now;
      drawMarkers();
    });
  });

  // Filters and search: applied here without reloading the page, as one types.
  var form = root.querySelector(".tl-filters");
  var selects = form ? form.querySelectorAll("select") : [];
  var query = form ? form.querySelector("input[type=search]") : null;

  // The same folding as the server's (domain.fold): no case, no accents or other marks.
  var marks = /[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g;
  try {
    marks = new RegExp("\\p{M}", "gu");
  } catch (error) {
    // older browsers: the common ranges above
  }
  function fold(text) {
    return (text.normalize ? text.normalize("NFKD") : text).replace(marks, "").toLowerCase();
  }
  var SEARCHED = ".tl-head, .tl-text, .tl-quote, figcaption, .tl-card-caption, .tl-meta";
  function haystack(ev) {
    if (ev.text == null) {
      var parts = ev.li.querySelectorAll(SEARCHED);
      var words = [];
      for (var k = 0; k < parts.length; k++) words.push(parts[k].textContent);
      ev.text = fold(words.join(" "));
    }
    return ev.text;
  }

  function counted(shown) {
    if (!count) return;
    var template = count.getAttribute("data-template");
    count.textContent = template
      .replace("{shown}", String(shown))
      .replace("{total}", count.getAttribute("data-total"));
  }

  function applyFilters() {
    var want = {};
    for (var k = 0; k < selects.length; k++) want[selects[k].getAttribute("data-filter")] = selects[k].value;
    var words = query ? fold(query.value).split(/\s+/).filter(Boolean) : [];
    for (k = 0; k < events.length; k++) {
      var ev = events[k];
      var shown =
        (!want.orgs || ev.orgs.indexOf(" " + want.orgs + " ") >= 0) &&
        (!want.tags || ev.tags.indexOf("|" + want.tags + "|") >= 0) &&
        (!want.era || ev.era === want.era);
      for (var w = 0; shown && w < words.length; w++) shown = haystack(ev).indexOf(words[w]) >= 0;
      ev.shown = shown;
      ev.li.classList.toggle("tl-out", !shown);
    }
    var list = refilter();
    drawMarkers();
    counted(list.length);
    if (none) none.hidden = list.length > 0;
    if (!list.length) {
      position.textContent = "0 / 0";
      prevButton.disabled = nextButton.disabled = true;
      return;
    }
    show(events[current] && events[current].shown ? current : list[0].index, { announce: false });
  }
  var typing = null;
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      applyFilters();
    });
    for (i = 0; i < selects.length; i++) selects[i].addEventListener("change", applyFilters);
    if (query) {
      query.addEventListener("input", function () {
        clearTimeout(typing);
        typing = setTimeout(applyFilters, 200);
      });
    }
  }

  function onButton(event) {
    var target = event.target.closest("button");
    if (!target) return;
    if (target.getAttribute("data-go") === "prev") step(-1);
    else if (target.getAttribute("data-go") === "next") step(1);
    else if (target.getAttribute("data-zoom") === "in") setZoom(2);
    else if (target.getAttribute("data-zoom") === "out") setZoom(0.5);
  }
  controls.addEventListener("click", onButton);
  axis.querySelector(".tl-axis-tools").addEventListener("click", onButton);
  scale.addEventListener("click", function (event) {
    var target = event.target.closest(".tl-marker");
    if (target) show(+target.getAttribute("data-index"), { focusMarker: true });
  });
  // Keys work from anywhere in the timeline, or when nothing in particular has the focus.
  document.addEventListener("keydown", function (event) {
    if (event.target !== document.body && !root.contains(event.target)) return;
    var tag = event.target.tagName;
    if (tag === "SELECT" || tag === "INPUT" || tag === "TEXTAREA") return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var key = event.key;
    var forward = rtl ? "ArrowLeft" : "ArrowRight";
    var back = rtl ? "ArrowRight" : "ArrowLeft";
    if (key === forward || key === "ArrowDown") step(1);
    else if (key === back || key === "ArrowUp") step(-1);
    else if (key === "Home") edge(false);
    else if (key === "End") edge(true);
    else return;
    event.preventDefault();
  });

  function fromHash() {
    var slug = decodeURIComponent(window.location.hash.slice(1));
    var ev = bySlug[slug];
    if (ev && ev.index !== current) {
      if (!ev.shown) {
        for (var k = 0; k < selects.length; k++) selects[k].value = "";
        if (query) query.value = "";
        applyFilters();
      }
      show(ev.index, { hash: false, scroll: true });
      return true;
    }
    return false;
  }
  window.addEventListener("hashchange", fromHash);

  root.classList.add("tl-js");
  controls.hidden = false;
  axis.hidden = false;
  drawTicks();
  measure();
  var list = refilter();
  // The embed's first moment (data-tl-start, set by the embed builder), unless filtered out.
  var first = bySlug[document.body.getAttribute("data-tl-start") || ""];
  if (!first || !first.shown) first = list[0];
  if (!fromHash()) show(first.index, { hash: false, announce: false });
  // The other markers come when the browser is idle: the first slide and "next" work before.
  if (window.requestIdleCallback) window.requestIdleCallback(drawMarkers, { timeout: 1000 });
  else setTimeout(drawMarkers, 0);
  var resizing = null;
  window.addEventListener("resize", function () {
    if (framed) report(events[current]);
    clearTimeout(resizing);
    resizing = setTimeout(function () { if (wide.matches) redrawAxis(events[current]); }, 150);
  });
  // From a phone's list to the slide (a turned tablet, a wider window): draw the axis again.
  if (wide.addEventListener) {
    wide.addEventListener("change", function () {
      redrawAxis(events[current]);
    });
  }
})();
