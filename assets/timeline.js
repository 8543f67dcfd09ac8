/* timeline: the little the page does in the browser. */

window.dash_clientside = Object.assign({}, window.dash_clientside, {
  timeline: {
    /* Keep files over the size limit, and what one drop may not send at once, from going to the
       server; the server names them. limits = {file: bytes, batch: bytes}. */
    screenUploads: function (contents, filenames, limits) {
      if (!contents) {
        return window.dash_clientside.no_update;
      }
      const files = [];
      const refused = [];
      const held = [];
      let sent = 0;
      contents.forEach(function (dataUrl, i) {
        const payload = dataUrl.length - dataUrl.indexOf(",") - 1;
        const size = Math.floor((payload * 3) / 4);
        if (size > limits.file) {
          refused.push({ name: filenames[i], size: size });
        } else if (sent + size > limits.batch) {
          held.push({ name: filenames[i], size: size });
        } else {
          sent += size;
          files.push({ name: filenames[i], contents: dataUrl });
        }
      });
      return { files: files, refused: refused, held: held, at: Date.now() };
    },
    /* The view's query string (made on the server) into the address bar, without reloading, so
       the address can be bookmarked or sent; opening it restores the view. */
    writeAddress: function (query) {
      if (typeof query !== "string") {
        return window.dash_clientside.no_update;
      }
      const wanted = query ? "?" + query : "";
      if (window.location.search !== wanted) {
        window.history.replaceState(null, "", window.location.pathname + wanted + window.location.hash);
      }
      return window.dash_clientside.no_update;
    },
    /* Keep the selected event in sight beside the details panel (see keepInSight below). */
    keepInSight: function (eventId) {
      window.timelineKeepInSight(eventId);
      return window.dash_clientside.no_update;
    },
    /* The graph's width in px: the server lays labels out for it. */
    graphWidth: function () {
      window.timelineReportedWidth = window.timelineGraphWidth();
      return window.timelineReportedWidth;
    },
  },
});

/* Every zoom, pan or range button goes to the server (which redraws what fits the new range) through
   the zoom-request store. The graph's relayoutData would do, but the resize that follows a redraw
   replaces it ({"autosize": true}) before it is sent, and the zoom is lost. */
(function () {
  function watch(gd) {
    if (gd.__timelineWatched || !gd.on) { return; }
    gd.__timelineWatched = true;
    gd.on("plotly_relayout", function (update) {
      const keys = Object.keys(update || {});
      let request = null;
      if (update["xaxis.autorange"]) {
        request = { "xaxis.autorange": true };
      } else if (keys.some(function (k) { return k.indexOf("xaxis.range") === 0; })) {
        request = { "xaxis.range": gd.layout.xaxis.range.slice() };
      }
      if (request && gd.__timelineHoldHeight) {  // the pan of keepInSight: keep the graph as tall
        request.hold_height = gd.__timelineHoldHeight;
        gd.__timelineHoldHeight = null;
      }
      if (request && window.dash_clientside.set_props) {
        request.at = Date.now();
        window.dash_clientside.set_props("zoom-request", { data: request });
      }
    });
  }
  const observer = new MutationObserver(function () {
    const gd = document.querySelector("#timeline-graph .js-plotly-plot");
    if (gd) { watch(gd); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    observer.observe(document.body, { childList: true, subtree: true });
  });
})();

/* The details panel lies over the right of the plot (the graph keeps its size). When it opens on an
   event, or steps to one, whose mark it would cover, the view pans, as a drag would, until the mark
   sits a third of the way into the part of the plot the panel leaves free (labels mostly run to the
   right of their marks); a mark already in sight stays put, and the server draws the selected event
   on its own after the pan, never only counted in a cluster, in a graph at least as tall as before
   (fewer rows in view are spaced out), so the page does not jump.
   It waits for the panel to open and for the server's figure of the range shown (a step to an event
   outside the view redraws first), and gives up after a few seconds (an event counted in a cluster
   has no mark of its own). On a phone the panel is a sheet below the plot: nothing to pan. */
(function () {
  const GAP = 12;          // px kept free between the mark and the panel
  const MIN_SHOWN = 40;    // px of a bar that must show beside the panel
  const WAIT_MS = 8000;
  let wanted = null;
  let timer = null;

  function graph() { return document.querySelector("#timeline-graph .js-plotly-plot"); }
  function settled(gd) {
    const shown = gd && gd.layout && gd.layout.xaxis && gd.layout.xaxis.range;
    const drawn = gd && gd.layout && gd.layout.meta && gd.layout.meta.view;
    return !!(gd._fullLayout && shown && drawn && shown[0] === drawn[0] && shown[1] === drawn[1]);
  }
  /* The panel's left edge in px when it is open beside the plot; null while it is closed or a sheet. */
  function panelEdge() {
    const panel = document.getElementById("event-details");
    if (!panel || !panel.classList.contains("open")) { return null; }
    const r = panel.getBoundingClientRect();
    return r.width > 0 && r.width < window.innerWidth * 0.8 ? r.left : null;
  }
  /* The event's mark, [left, right] in px on screen, clipped to the plot; null if not drawn in view. */
  function markBox(gd, eventId) {
    const xa = gd._fullLayout.xaxis;
    const origin = gd.getBoundingClientRect().left + xa._offset;
    for (const trace of gd._fullData) {
      const data = trace.customdata ? Array.from(trace.customdata) : [];
      const k = data.findIndex(function (c) { return c && c[0] === eventId && c[1] === "event"; });
      if (k < 0) { continue; }
      let from, to;
      if (trace.type === "bar") {
        from = xa.d2l(trace.base[k]);
        to = from + Number(trace.x[k]);
      } else {
        from = to = xa.d2l(trace.x[k]);
      }
      const half = trace.type === "bar" ? 0 : ((trace.marker && trace.marker.size) || 10) / 2;
      const left = Math.max(origin + xa.l2p(from) - half, origin);
      const right = Math.min(origin + xa.l2p(to) + half, origin + xa._length);
      return right >= left ? [left, right, origin] : null;
    }
    return null;
  }
  function pan(gd, by) {
    const xa = gd._fullLayout.xaxis;
    const shift = xa.p2l(by) - xa.p2l(0);
    const range = xa.range.map(function (r) { return xa.l2r(xa.r2l(r) + shift); });
    gd.__timelineHoldHeight = Math.round(gd._fullLayout.height);
    window.Plotly.relayout(gd, { "xaxis.range": range });
  }
  /* One look: true when there is nothing more to do for the wanted event. */
  function look() {
    const gd = graph();
    const edge = panelEdge();
    if (!gd || !settled(gd) || edge === null) { return false; }
    const mark = markBox(gd, wanted);
    if (mark === null) { return false; }
    const [left, right, origin] = mark;
    const free = edge - GAP;
    if (right <= free || free - left >= MIN_SHOWN || free <= origin) { return true; }
    pan(gd, left + (right - left) / 2 - (origin + (free - origin) / 3));
    return true;
  }
  window.timelineKeepInSight = function (eventId) {
    clearInterval(timer);
    wanted = typeof eventId === "string" && eventId ? eventId : null;
    if (wanted === null) { return; }
    const until = Date.now() + WAIT_MS;
    timer = setInterval(function () {
      if (look() || Date.now() > until) { clearInterval(timer); }
    }, 100);
  };
})();

/* The width the graph really has: that of the element plotly sizes the figure to, whole pixels. */
window.timelineGraphWidth = function () {
  const graph = document.getElementById("timeline-graph");
  const width = graph && graph.getBoundingClientRect().width;
  return Math.floor(width || window.innerWidth * 0.75);
};

/* When the graph's width changes (the window is resized, or the page's scrollbar comes or goes),
   tell the server the new width: it re-stacks the labels for it. */
(function () {
  let timer = null;
  function report() {
    const width = window.timelineGraphWidth();
    const first = window.timelineReportedWidth === undefined;  // the page's own callback reports first
    if (!first && width !== window.timelineReportedWidth && window.dash_clientside.set_props) {
      window.timelineReportedWidth = width;
      window.dash_clientside.set_props("plot-width", { data: width });
    }
  }
  const observer = new ResizeObserver(function () {
    clearTimeout(timer);
    timer = setTimeout(report, 150);
  });
  const watcher = new MutationObserver(function () {
    const graph = document.getElementById("timeline-graph");
    if (graph && !graph.__timelineSized) {
      graph.__timelineSized = true;
      observer.observe(graph);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    watcher.observe(document.body, { childList: true, subtree: true });
  });
})();

/* When the details panel shows a document, scroll its highlighted expression into view. */
(function () {
  function centreMark(root) {
    const box = root.querySelector(".document-text");
    const mark = box && box.querySelector("mark");
    if (mark) {
      box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 2);
    }
  }
  const observer = new MutationObserver(function (mutations) {
    const details = document.getElementById("event-details");
    if (details && mutations.some(function (m) { return details.contains(m.target); })) {
      centreMark(details);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    observer.observe(document.body, { childList: true, subtree: true });
  });
})();

/* The drawer (the sidebar on a phone) and the keys of the details panel: Esc closes, ← and → step. */
(function () {
  function page() { return document.querySelector(".page"); }
  function typing(target) {
    const tag = (target && target.tagName) || "";
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }
  function press(id) {
    const button = document.getElementById(id);
    if (button) { button.click(); }
  }
  document.addEventListener("click", function (event) {
    const target = event.target;
    if (target.closest && target.closest("#menu-button")) {
      page().classList.toggle("drawer-open");
    } else if (target.classList && target.classList.contains("drawer-backdrop")) {
      page().classList.remove("drawer-open");
    }
  });
  document.addEventListener("keydown", function (event) {
    const details = document.getElementById("event-details");
    const open = details && details.classList.contains("open");
    if (event.key === "Escape") {
      if (page() && page().classList.contains("drawer-open")) {
        page().classList.remove("drawer-open");
      } else if (open) {
        press("details-close");
      }
      return;
    }
    if (!open || typing(event.target) || event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.key === "ArrowLeft") {
      event.preventDefault();
      press("details-previous");
    } else if (event.key === "ArrowRight") {
      event.preventDefault();
      press("details-next");
    }
  });
})();
