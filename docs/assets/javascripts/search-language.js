// Search shows the results of the page's language only.
// mkdocs-static-i18n can write just one search index, holding both languages; material renders
// every match, so a reader on the Chinese site would also get the English pages (and the
// reverse). Results are hidden here by where they link: under /en/ or not.
(function () {
  var list = document.querySelector(".md-search-result__list");
  var meta = document.querySelector(".md-search-result__meta");
  if (!list || typeof __md_scope === "undefined") return;
  var englishRoot = new URL("en/", __md_scope).href;
  var pageIsEnglish = location.href.indexOf(englishRoot) === 0;

  function filter() {
    var shown = 0;
    list.querySelectorAll(".md-search-result__item").forEach(function (item) {
      var link = item.querySelector("a");
      var isEnglish = !!link && link.href.indexOf(englishRoot) === 0;
      item.hidden = isEnglish !== pageIsEnglish;
      if (!item.hidden) shown += 1;
    });
    if (meta && list.children.length) {
      meta.textContent = meta.textContent.replace(/\d+/, String(shown));
    }
  }

  new MutationObserver(filter).observe(list, { childList: true });
})();
