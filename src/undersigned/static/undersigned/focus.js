// After a failed submit, put focus on the error summary so a screen reader reads it out and
// a keyboard user starts from the list of problems. The page works without this file.
(function () {
  "use strict";
  var target = document.querySelector("[data-focus]");
  if (target) {
    target.focus();
  }
})();
