// Inside the embedded letter: tell the page around it how tall the content is, so that the
// frame can fit it (see embed.js). Only the height and the letter's address are sent.
(function () {
  "use strict";
  if (window.parent === window) { return; }
  var last = 0;
  function send() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) { return; }
    last = height;
    window.parent.postMessage({ undersigned: "embed-height", href: location.href, height: height }, "*");
  }
  window.addEventListener("load", send);
  window.addEventListener("resize", send);
  if (window.ResizeObserver) { new ResizeObserver(send).observe(document.body); }
  send();
})();
