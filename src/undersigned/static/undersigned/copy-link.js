// The "Copy link" button beside a share link: shown only when the browser can copy. Without
// it the link is still there to select and copy by hand.
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
    var input = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector("[data-copied-message]");
    if (!input) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        if (status) { status.textContent = status.getAttribute("data-copied-message"); }
      });
    });
  });
})();
