// Search results, filtered in the browser after material has rendered them:
// 1. Only the page's language. mkdocs-static-i18n can write just one search index, holding both
//    languages; material renders every match, so a reader on the Chinese site would also get the
//    English pages (and the reverse). Results are hidden here by where they link: under /en/ or not.
// 2. Only results that contain every word of the query. The index splits Chinese text into words
//    (jieba, with the glossary's terms in its dictionary), but lunr also matches word prefixes and
//    single characters (过拟合 found 过程 and 压过), and material lists a section that lacks some
//    of the words with a "Missing:" line. A result (a section) whose text does not hold every word
//    of the query (case aside) is hidden, and a page whose sections are all hidden.
(function () {
  var list = document.querySelector(".md-search-result__list");
  var meta = document.querySelector(".md-search-result__meta");
  var input = document.querySelector(".md-search__input");
  if (!list || typeof __md_scope === "undefined") return;
  var englishRoot = new URL("en/", __md_scope).href;
  var pageIsEnglish = location.href.indexOf(englishRoot) === 0;

  function normalize(text) {
    // the index separates Chinese words with zero-width spaces
    return text.replace(/[\u200b\s]+/g, " ").toLowerCase();
  }

  function queryWords() {
    return normalize(input ? input.value : "").split(" ").filter(function (word) {
      return word.length > 0;
    });
  }

  // The text a result shows, without material's "Missing: ..." line (which names the query's
  // words that the result lacks).
  function shownText(link) {
    var copy = link.cloneNode(true);
    copy.querySelectorAll(".md-search-result__terms").forEach(function (terms) {
      terms.remove();
    });
    return normalize(copy.textContent);
  }

  // The page's own entry (its title, with text only when the page's opening matched) heads the
  // page's sections: shown when one of them is.
  function isPageHeading(link) {
    var title = link.querySelector("h1");
    return !!title && normalize(link.textContent).trim() === normalize(title.textContent).trim();
  }

  function filter() {
    var words = queryWords();
    var shown = 0;
    list.querySelectorAll(".md-search-result__item").forEach(function (item) {
      var links = Array.prototype.slice.call(item.querySelectorAll("a.md-search-result__link"));
      var isEnglish = links.length > 0 && links[0].href.indexOf(englishRoot) === 0;
      var kept = links.filter(function (link) {
        var text = shownText(link);
        var keep = !isPageHeading(link) && words.every(function (word) {
          return text.indexOf(word) >= 0;
        });
        link.style.display = keep ? "" : "none"; // material's CSS overrides the `hidden` attribute
        return keep;
      });
      links.forEach(function (link) {
        if (isPageHeading(link) && kept.length) link.style.display = "";
      });
      var more = item.querySelector(".md-search-result__more");
      if (more) {
        more.hidden = !kept.some(function (link) {
          return more.contains(link);
        });
      }
      item.hidden = isEnglish !== pageIsEnglish || kept.length === 0;
      if (!item.hidden) shown += 1;
    });
    if (meta && list.children.length) {
      meta.textContent = meta.textContent.replace(/\d+/, String(shown));
    }
  }

  new MutationObserver(filter).observe(list, { childList: true });
})();
