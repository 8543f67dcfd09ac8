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
  },
});

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
