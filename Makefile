# Front door: `make serve` to read the site, `make test` to check it. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)

export TF_CPP_MIN_LOG_LEVEL := 3
export NO_MKDOCS_2_WARNING := 1

CHROMIUM ?= /usr/bin/chromium-headless-shell
export CHROMIUM

.PHONY: serve build test bench bench-tests browser graphviz pdf clean lock drift

# requirements.txt names the direct dependencies; requirements.lock pins every package (with
# hashes) and is what gets installed. After editing requirements.txt, run `make lock`.
$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

serve: $(STAMP) graphviz
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP) graphviz
	$(BIN)/mkdocs build --strict

test: $(STAMP) graphviz browser
	$(BIN)/python -m pytest

# Installs the Debian packages $(1) (a shell word list) needed for $(2): with apt-get as root, or
# through `sudo -n` when sudo needs no password (GitHub's runner user). Otherwise one message says
# what to install, and make carries on: what needs the packages skips, or fails under CI=true.
define apt_install
if [ "$$(id -u)" = 0 ]; then as_root=""; elif sudo -n true 2>/dev/null; then as_root="sudo -n"; \
else as_root=none; fi; \
if [ "$$as_root" = none ] || ! command -v apt-get >/dev/null; then \
	echo "Missing for $(2): $(1). make installs these with apt-get as root or through" \
		"password-less sudo, neither of which works here; install them: sudo apt-get install $(1)" >&2; \
else \
	echo "Installing $(1) for $(2)$${as_root:+ (through sudo)}"; \
	$$as_root apt-get update -qq && \
	$$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
fi
endef

# The browser tests and the PDF drive Debian's chromium-headless-shell (Chromium's headless build:
# the same engine without the browser around it, about 10% less CPU per page than `chromium`;
# Playwright's own browser download is not used), with the Noto CJK fonts for the Chinese pages.
browser:
	@missing=""; \
	[ -x "$(CHROMIUM)" ] || missing="chromium-headless-shell"; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$${missing:+$$missing }fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then $(call apt_install,$$missing,the browser tests and the PDF); fi

# keras.utils.plot_model (a snippet draws a model with it) needs Graphviz's `dot`; without it that
# snippet fails, saying that Graphviz is missing.
graphviz:
	@if ! command -v dot >/dev/null; then $(call apt_install,graphviz,keras.utils.plot_model); fi

# The printable book: site/pdf/tensorflow-neural-networks-{zh,en}.pdf, linked from the home pages.
pdf: build browser
	$(BIN)/python tools/pdf_book.py site

clean:
	rm -rf site .cache

UV := .cache/uv/bin/uv
lock:
	test -x $(UV) || ($(PYTHON) -m venv .cache/uv && .cache/uv/bin/pip install -q uv==0.13.9)
	$(UV) pip compile requirements.txt -o requirements.lock --generate-hashes --no-header \
		--python-version 3.11.7 --python-platform x86_64-manylinux_2_28

bench: $(STAMP) graphviz
	$(BIN)/python tools/bench.py

# What `make test`'s pytest costs on a fresh clone of HEAD (cold .cache/), and where the CPU goes.
bench-tests: $(STAMP) graphviz browser
	$(BIN)/python tools/bench_tests.py

# What other TensorFlow/Keras versions would change on the site, before the pins move:
# `make drift TENSORFLOW=2.18.1 KERAS=3.8.0` (any subset; a version not given is the newest pip finds).
# Builds in a side venv under .cache/drift/ and writes .cache/drift/report.md (tools/drift.py).
drift: $(STAMP) graphviz
	$(BIN)/python tools/drift.py $(if $(TENSORFLOW),--tensorflow $(TENSORFLOW)) $(if $(KERAS),--keras $(KERAS)) \
		$(if $(KERNELS),--kernels $(KERNELS))
