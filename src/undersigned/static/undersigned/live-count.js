// Live count: every few seconds, ask the count endpoint for each [data-live-count="<slug>"]
// and update the number (and its "signature(s)" label). The page works without it.
(function () {
  "use strict";
  var EVERY = 5000;
  var elements = Array.prototype.slice.call(document.querySelectorAll("[data-live-count]"));
  if (!elements.length || !window.fetch) { return; }

  function show(slug, count) {
    elements.forEach(function (el) {
      if (el.getAttribute("data-live-count") !== slug) { return; }
      el.textContent = String(count);
      var label = el.nextElementSibling;
      if (label && label.classList.contains("count-label")) {
        label.textContent = count === 1 ? "signature" : "signatures";
      }
    });
  }

  function poll(slug) {
    var timer = window.setInterval(function () {
      if (document.hidden) { return; }
      // "no-cache" revalidates with the ETag: an unchanged count costs a 304.
      fetch("/api/v1/letters/" + encodeURIComponent(slug) + "/count", { cache: "no-cache" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) { return; }
          show(slug, data.count);
          if (data.status !== "open") { window.clearInterval(timer); }
        })
        .catch(function () { /* offline for a moment: try again next time */ });
    }, EVERY);
  }

  var seen = {};
  elements.forEach(function (el) {
    var slug = el.getAttribute("data-live-count");
    if (slug && !seen[slug]) { seen[slug] = true; poll(slug); }
  });
})();
