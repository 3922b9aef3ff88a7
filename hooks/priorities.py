"""When each of our hooks runs: one table, read top to bottom per event.

MkDocs calls an event's handlers from the highest priority to the lowest (the default is 0).
mkdocs-static-i18n runs its on_config, on_files, on_nav, on_post_page and on_post_build at -100;
it builds the other languages inside its on_post_build, so a handler below -100 there runs once,
after every language.
"""

# on_config
READ_SETTINGS = 100  # snippets_hook: the environment, read once, before anything uses it; may empty .cache/
JIEBA_DICTIONARY = 90  # glossary: after that (its file is in .cache/), before material's search plugin (0)

# on_files
RUN_SNIPPETS = -200  # snippets_hook: after i18n sorted the files into languages; adds figures, notebooks
RENDER_NOTEBOOKS_AHEAD = -250  # notebook_pages: the notebooks RUN_SNIPPETS wrote
COLLECT_FIGURES = -300  # figures: the figure files RUN_SNIPPETS added

# on_nav
NOTEBOOKS_OUT_OF_FOOTER = -200  # notebook_pages: after i18n made this language's navigation

# on_pre_page
RENDER_NOTEBOOK_PAGE = -100  # notebook_pages: replaces page.render, after others prepared the page

# on_post_template
ACCESSIBLE_404 = 50  # accessibility: before i18n_fixes (0) writes each language's 404 page from it

# on_post_build
SAVE_CACHES = -200  # mathml, render_cache: after every language (what all of them used)
CHECK_SNIPPETS_UNCHANGED = -200  # snippets_hook: after every language; writes the build report
FORGET_RENDERINGS = -300  # notebook_pages: after every language; waits for its forks
