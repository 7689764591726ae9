// On a page that embeds a letter: fit each Undersigned frame to its content's height, as
// the frame reports it (embed-size.js). Without this script the frame keeps its height.
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = script ? new URL(script.src, location.href).origin : location.origin;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.undersigned !== "embed-height") { return; }
    var height = Number(data.height);
    if (!(height > 0 && height < 5000)) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("iframe"), function (frame) {
      if (frame.contentWindow === event.source) { frame.style.height = height + "px"; }
    });
  });
})();
