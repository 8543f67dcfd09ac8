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
    /* The graph's width in px: the server lays labels out for it. */
    graphWidth: function () {
      const box = document.querySelector(".graph-box");
      return Math.round((box && box.clientWidth) || window.innerWidth * 0.75);
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

/* When the window changes size, tell the server the graph's new width (it re-stacks the labels). */
(function () {
  let timer = null;
  let reported = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      const width = window.dash_clientside.timeline.graphWidth();
      if (reported === null || Math.abs(width - reported) > 8) {
        reported = width;
        if (window.dash_clientside.set_props) {
          window.dash_clientside.set_props("plot-width", { data: width });
        }
      }
    }, 250);
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
