// Suggest the letter's web address from its title while the slug field is empty
// (the server makes the same suggestion when the form is saved with no slug).
(function () {
  "use strict";
  var title = document.getElementById("id_title");
  var slug = document.getElementById("id_slug");
  if (!title || !slug) return;
  function suggest() {
    slug.placeholder = title.value
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^a-z0-9\s-]/g, "").trim()
      .replace(/[\s-]+/g, "-").slice(0, 70);
  }
  title.addEventListener("input", suggest);
  suggest();
})();
