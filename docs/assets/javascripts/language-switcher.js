// The language selector keeps the section: both languages give a section the same id, so the
// link to the other language's page gets this page's #fragment when the reader picks it.
document.addEventListener(
  "click",
  function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (link && location.hash) {
      link.href = link.href.split("#")[0] + location.hash;
    }
  },
  true
);
