# mkreport: make = the tool and the report's site; make check = every test.
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/mkreport
VERSION = 0.1.0

CC ?= cc
B ?= build
PKGS = libcmark libxml-2.0 yaml-0.1 cairo pangocairo zlib libqpdf
# libzip: the pack for stakeholders (src/pack).
PKGS += libzip
# libmicrohttpd: the HTTP server of mkreport serve (src/serve).
PKGS += libmicrohttpd
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libmicrohttpd is not linked: serve loads it (dlopen) when it starts, so the other
# commands do not load it and the nine libraries it needs (src/serve/http.c).
PKG_LIBS = $(shell pkg-config --libs $(filter-out libmicrohttpd,$(PKGS)) 2>/dev/null) -ldl
CHECK_LIBS = $(shell pkg-config --libs check libpng 2>/dev/null)

CFLAGS ?= -O2 -g
WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE $(WARN) -Isrc $(PKG_CFLAGS) \
	-DMKR_DATADIR='"$(DATADIR)"' -DMKR_VERSION='"$(VERSION)"' $(CFLAGS) $(EXTRA_CFLAGS)
LDLIBS = $(PKG_LIBS) -lm -lpthread
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS)

# One short line per compiled or linked file (CC src/x.c, LD build/mkreport); V=1
# prints the full commands instead.
ifeq ($(V),1)
Q =
SAY = @:
else
Q = @
SAY = @printf '  %-5s %s\n'
endif

SRC := $(sort $(wildcard src/*.c src/*/*.c))
LIB_SRC := $(filter-out src/main.c,$(SRC))
OBJ := $(SRC:src/%.c=$(B)/obj/%.o) $(B)/obj/gen/model_wasm.o
LIB_OBJ := $(LIB_SRC:src/%.c=$(B)/obj/%.o) $(B)/obj/gen/model_wasm.o
UNIT_SRC := $(sort $(wildcard tests/unit/check_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
# The starter report `mkreport init` writes: starter/, embedded as a generated C file.
STARTER := $(sort $(shell find starter -type f))
OBJ += $(B)/obj/gen/starter.o
LIB_OBJ += $(B)/obj/gen/starter.o

CONTENT ?= content
SITE ?= site
TEMPLATES ?= templates

# Debian 12 packages the project needs to build, test and look at its output.
DEB_PKGS = build-essential pkg-config libcmark-dev libxml2-dev libyaml-dev \
	libcairo2-dev libpango1.0-dev check mandoc python3 python3-numpy \
	libxml2-utils fonts-dejavu-core fonts-inter time python3-matplotlib zlib1g-dev libpng-dev \
	poppler-utils qpdf libqpdf-dev
DEB_PKGS += libzip-dev unzip python3-yaml
# clang, libclang-rt-dev: make fuzz (libFuzzer with ASan and UBSan; fuzz/README.md).
DEB_PKGS += clang libclang-rt-dev
# chromium: make phonecheck (every page at 390 px) and make axe drive it headless.
DEB_PKGS += chromium
# nginx: make check404 serves the site under a sub-path (tests/run-404.sh).
DEB_PKGS += nginx
# default-jre-headless: the Nu Html Checker (npm's vnu-jar) in make vnu.
DEB_PKGS += default-jre-headless
# libmicrohttpd-dev: the HTTP server of mkreport serve.
DEB_PKGS += libmicrohttpd-dev
# gcovr: make coverage (lines and branches per folder).
DEB_PKGS += gcovr
# The model as WebAssembly (wasm/README.md): clang's wasm32-wasi target, wasm-ld and
# Debian's wasi-libc (Node, installed below with npm, runs its tests).
DEB_PKGS += lld wasi-libc libclang-rt-14-dev-wasm32
# libharfbuzz-dev, fontconfig: make fontcheck (wasm/chart_fontgen.c reads the chart fonts).
DEB_PKGS += libharfbuzz-dev fontconfig

.PHONY: all deps check unit regress bad inject sitecheck pdfcheck lint oom asan install uninstall clean \
	reference jobs fuzz navcheck cache

all: $(B)/mkreport $(SITE)/.mkreport-manifest

deps:
	@if dpkg -s $(DEB_PKGS) >/dev/null 2>&1; then :; else \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(DEB_PKGS); \
	fi
	@command -v npm >/dev/null 2>&1 || { SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm; }
	@[ -x tests/html/node_modules/.bin/html-validate ] && \
		[ -f tests/html/node_modules/vnu-jar/build/dist/vnu.jar ] || \
		npm ci --prefix tests/html --no-audit --no-fund --loglevel=error
	@[ -d tests/a11y/node_modules/playwright-core ] || \
		npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error
	@[ -d tests/explore/node_modules/playwright-core ] || \
		npm ci --prefix tests/explore --no-audit --no-fund --loglevel=error

$(B)/mkreport: $(OBJ)
	$(SAY) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(OBJ) $(LDLIBS)

$(B)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(B)/gen/starter.c: tools/embed.sh $(STARTER)
	@mkdir -p $(dir $@)
	$(SAY) GEN $@
	$(Q)sh tools/embed.sh starter >$@.tmp && mv $@.tmp $@

$(B)/obj/gen/starter.o: $(B)/gen/starter.c src/cmd/starter.h
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

# The model compiled to WebAssembly for the explorer page (wasm/README.md), built when
# the toolchain is installed (make deps installs it).
WASM_CC ?= clang
WASM_SRC = src/explore/explore.c src/explore/jin.c src/export/fin_json.c src/export/json.c \
	src/export/num.c src/model/finance.c src/model/fin_metrics.c src/model/metrics.c \
	src/model/expect.c src/model/format.c src/util/buf.c src/util/hash.c src/util/utf8.c \
	src/explore/explore_mc.c src/model/montecarlo.c src/model/mc_kernel.c src/model/rng.c \
	src/model/params.c src/model/unc_metrics.c src/model/sensitivity.c src/model/bayes.c \
	src/model/bayes_metrics.c wasm/explore_wasm.c
WASM_OBJ = $(WASM_SRC:%.c=$(B)/wasm/%.o)
# -msimd128: the Monte Carlo's lane loops in 128-bit SIMD, twice as fast with the same
# bits (WebAssembly has no fused multiply-add); browsers since 2021-2023 (wasm/README.md).
WASM_CFLAGS = --target=wasm32-wasi -std=c11 -D_DEFAULT_SOURCE $(WARN) -Isrc -Iwasm -O2 -msimd128
# The chart code too (wasm/README.md): src/chart drawing on an SVG-writing cairo shim,
# text measured with the fonts' built-in metrics (wasm/chart_font.c, make fontcheck).
WASM_SRC += $(addprefix src/chart/,annot.c area.c axis.c bar.c chart.c csv.c fan.c \
	frame.c layout.c legend.c line.c matrix.c multiples.c scale.c theme.c timeline.c \
	tornado.c validate.c waterfall.c) src/export/csv.c wasm/shim/cairo.c \
	wasm/chart_text.c wasm/chart_metrics.c wasm/chart_font.c wasm/chart_read.c \
	wasm/chart_wasm.c
WASM_CFLAGS += -Iwasm/shim
HAVE_WASM := $(shell [ -f /usr/lib/wasm32-wasi/libc.a ] && command -v wasm-ld >/dev/null && \
	command -v $(WASM_CC) >/dev/null && echo yes)
ifeq ($(HAVE_WASM),yes)
all: $(B)/mkreport.wasm
# The tool carries the module and writes it into the explorer page (src/explore/model_wasm.h).
$(B)/gen/model_wasm.c: $(B)/mkreport.wasm
	@mkdir -p $(dir $@)
	$(SAY) GEN $@
	$(Q)sh wasm/embed.sh $< > $@
else
$(B)/gen/model_wasm.c:
	@mkdir -p $(dir $@)
	$(SAY) GEN $@
	$(Q)sh wasm/embed.sh /dev/null > $@
endif

$(B)/obj/gen/model_wasm.o: $(B)/gen/model_wasm.c
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/mkreport.wasm: $(WASM_OBJ)
	$(SAY) LD $@
	$(Q)$(WASM_CC) --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-all -o $@ $(WASM_OBJ) -lm

# The flags the WebAssembly objects were compiled with: rewritten only when they change
# (e.g. -msimd128 added), so the objects are compiled again then.
$(B)/wasm/flags: FORCE
	@mkdir -p $(dir $@) && echo '$(WASM_CFLAGS)' | cmp -s - $@ || echo '$(WASM_CFLAGS)' >$@

$(B)/wasm/%.o: %.c $(B)/wasm/flags
	@mkdir -p $(dir $@)
	$(SAY) CC $< "(wasm32)"
	$(Q)$(WASM_CC) $(WASM_CFLAGS) -MMD -MP -c $< -o $@

-include $(WASM_OBJ:.o=.d)

# The WebAssembly model gives exactly the numbers of metrics --json (Node).
.PHONY: wasmcheck
check: wasmcheck
wasmcheck: $(B)/mkreport $(B)/mkreport.wasm
	@sh tests/run-wasm.sh $(B)/mkreport $(B)/mkreport.wasm

# The explorer's charts from the chart code compiled to WebAssembly: the geometry and
# texts of the build's SVG files (tests/explore/chart-geometry.js), and in Chromium after
# a reader's changes those of a build with the same changes (chart-page.js).
.PHONY: chartwasmcheck fontcheck chart-font
check: chartwasmcheck fontcheck
chartwasmcheck: $(B)/mkreport $(B)/mkreport.wasm
	@sh tests/run-wasm-chart.sh $(B)/mkreport $(B)/mkreport.wasm
	@[ -d tests/explore/node_modules/playwright-core ] || \
		npm ci --prefix tests/explore --no-audit --no-fund --loglevel=error
	@sh tests/run-chart-page.sh $(B)/mkreport

# wasm/chart_font.c: the metrics of the font files fontconfig picks with the project's
# fonts.conf, as wasm/chart_fontgen.c reads them with harfbuzz. make fontcheck fails
# when the committed file is not what the fonts give; make chart-font rewrites it.
CHART_FONT_FILES = $(shell for w in 80 180; do FONTCONFIG_FILE=$(CURDIR)/templates/fonts.conf \
	fc-match -f '%{file} ' "Inter:weight=$$w" 2>/dev/null; done)
$(B)/chart_fontgen: wasm/chart_fontgen.c
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) -std=c11 $(WARN) -O2 $(shell pkg-config --cflags harfbuzz) -o $@ $< \
		$(shell pkg-config --libs harfbuzz)
fontcheck: $(B)/chart_fontgen
	@$(B)/chart_fontgen $(CHART_FONT_FILES) > $(B)/chart_font.c
	@diff -u wasm/chart_font.c $(B)/chart_font.c >/dev/null || { echo \
		"fontcheck: wasm/chart_font.c is not what the fonts give: run make chart-font" >&2; \
		exit 1; }
	@echo "fontcheck: wasm/chart_font.c matches $(CHART_FONT_FILES)"
chart-font: $(B)/chart_fontgen
	$(B)/chart_fontgen $(CHART_FONT_FILES) > wasm/chart_font.c

# The explorer page in Chromium: its numbers equal the tool's before and after a change.
.PHONY: explorecheck
check: explorecheck
explorecheck: $(B)/mkreport
	@[ -d tests/explore/node_modules/playwright-core ] || \
		npm ci --prefix tests/explore --no-audit --no-fund --loglevel=error
	@sh tests/run-explore.sh $(B)/mkreport

# The same tool with the Monte Carlo kernel's plain C paths only (no AVX/AVX2 code):
# tests/run-jobs.sh checks that it prints the same bytes.
PORTABLE_OBJ = $(filter-out $(B)/obj/model/mc_kernel.o,$(OBJ)) $(B)/obj/model/mc_kernel-portable.o
$(B)/obj/model/mc_kernel-portable.o: src/model/mc_kernel.c
	@mkdir -p $(dir $@)
	$(SAY) CC '$< (portable)'
	$(Q)$(CC) $(ALL_CFLAGS) -DMCK_PORTABLE -MMD -MP -c $< -o $@

$(B)/mkreport-portable: $(PORTABLE_OBJ)
	$(SAY) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(PORTABLE_OBJ) $(LDLIBS)

-include $(OBJ:.o=.d)

# The site: rebuilt only when the tool or an input named in the depfile changed. The
# manifest is the target: every successful build marks its time (not its bytes).
$(SITE)/.mkreport-manifest: $(B)/mkreport
	$(SAY) BUILD $(SITE)/
	$(Q)$(B)/mkreport build -C $(CONTENT) -o $(SITE) -T $(TEMPLATES) -M $(B)/site.d --cache $(B)/cache

-include $(B)/site.d

# make must not delete the manifest when a build is interrupted: the site stays whole.
.PRECIOUS: $(SITE)/.mkreport-manifest

$(B)/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(SAY) CCLD $@
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit $(ALL_LDFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS) $(CHECK_LIBS)

# The WebAssembly charts' font tables against pango (tests/unit/check_chart_font.c).
$(B)/tests/check_chart_font: tests/unit/check_chart_font.c wasm/chart_metrics.c \
		wasm/chart_font.c wasm/chart_font.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(SAY) CCLD $@
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit -Iwasm $(ALL_LDFLAGS) -o $@ $< wasm/chart_metrics.c \
		wasm/chart_font.c $(LIB_OBJ) $(LDLIBS) $(CHECK_LIBS)

# A chart spec through the explorer's JSON and back draws the same bytes.
$(B)/tests/check_chart_json: tests/unit/check_chart_json.c wasm/chart_read.c \
		wasm/chart_read.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(SAY) CCLD $@
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit -Iwasm $(ALL_LDFLAGS) -o $@ $< wasm/chart_read.c \
		$(LIB_OBJ) $(LDLIBS) $(CHECK_LIBS)

check: unit regress bad inject sitecheck pdfcheck lint reference jobs navcheck oom cache

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

regress: $(B)/mkreport
	@sh tests/run-regress.sh $(B)/mkreport

bad: $(B)/mkreport
	@sh tests/run-bad.sh $(B)/mkreport

inject: $(B)/mkreport
	@sh tests/run-inject.sh $(B)/mkreport

sitecheck: $(B)/mkreport
	@sh tests/run-site.sh $(B)/mkreport

# The navigation at 11, 100 (flat and in parts) and 300 sections (bench/gen-report.py).
navcheck: $(B)/mkreport
	@sh tests/run-nav.sh $(B)/mkreport

# The financial outputs recomputed independently (Debian's python3 with numpy).
PYTHON ?= /usr/bin/python3
reference: $(B)/mkreport
	@$(PYTHON) tests/reference/recompute.py $(B)/mkreport $(CONTENT) tests/fixtures/mini/content

# -j 1, 2, 4 and 0 give byte-identical metrics and charts, and so does the kernel
# without its AVX paths.
jobs: $(B)/mkreport $(B)/mkreport-portable
	@sh tests/run-jobs.sh $(B)/mkreport $(B)/mkreport-portable

# The build cache: unchanged outputs reused, and after each of a series of edits the
# incremental site equals a clean build's; another binary reuses nothing.
cache: $(B)/mkreport $(B)/mkreport-portable
	@sh tests/run-cache.sh $(B)/mkreport $(B)/mkreport-portable

# report.pdf read back with pdftotext (poppler-utils).
pdfcheck: $(B)/mkreport
	@sh tests/run-pdf.sh $(B)/mkreport
	@sh tests/run-pdf-layout.sh $(B)/mkreport

# report.pdf of pages that stretch the typesetter (tests/fixtures/pdfodd).
.PHONY: pdfodd
check: pdfodd
pdfodd: $(B)/mkreport
	@sh tests/run-pdf-odd.sh $(B)/mkreport

lint: $(B)/mkreport
	@sh tests/run-lint.sh $(B)/mkreport

# Builds killed (SIGKILL, SIGINT) at random moments, most inside the commit: the site
# is always the old or the new build, whole; leftovers are swept; the lock; symlinks.
.PHONY: killed
check: killed
killed: $(B)/mkreport
	@nice -n 10 $(PYTHON) tests/run-killed.py $(B)/mkreport

# The pack for stakeholders: unzip -t, its listing against the site, README.txt, the
# CSL JSON, the same bytes from -j1/-j2 and the cache, the footer links (unzip, zipinfo).
.PHONY: packcheck
check: packcheck
packcheck: $(B)/mkreport
	@sh tests/run-pack.sh $(B)/mkreport

# sources.yaml: every url an absolute https URL, none shared without same_page.
.PHONY: sourcescheck
check: sourcescheck
sourcescheck:
	@$(PYTHON) tests/check-sources.py --self-test $(CONTENT)/data/sources.yaml \
		tests/fixtures/mini/content/data/sources.yaml
# axe-core on every page of the built site in Debian's headless Chromium (playwright-core),
# light and dark scheme, 390 and 1280 px: 0 violations (installs tests/a11y's npm packages once).
.PHONY: axe
check: axe
axe: $(B)/mkreport
	@[ -d tests/a11y/node_modules/playwright-core ] || \
		npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error
	@sh tests/run-axe.sh $(B)/mkreport

# What make and mkreport print: one line per compiled file, build's progress on a
# terminal (script(1) gives it one) and none when piped, -v's reason for each output computed.
.PHONY: output
check: output
output: $(B)/mkreport
	@sh tests/run-output.sh $(B)/mkreport

# The Nu Html Checker (vnu-jar, Java) on every HTML and SVG file of the built site, in one
# JVM: 0 errors, 0 warnings (installs tests/html's npm packages once).
.PHONY: vnu
check: vnu
vnu: $(B)/mkreport
	@[ -f tests/html/node_modules/vnu-jar/build/dist/vnu.jar ] || \
		npm ci --prefix tests/html --no-audit --no-fund --loglevel=error
	@sh tests/run-vnu.sh $(B)/mkreport

# Every page at 390 px in headless Chromium: none wider than the screen, a wide table
# a named tab stop whose first column stays in view (installs tests/a11y's npm packages once).
.PHONY: phonecheck
check: phonecheck
phonecheck: $(B)/mkreport
	@[ -d tests/a11y/node_modules/playwright-core ] || \
		npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error
	@sh tests/run-phone.sh $(B)/mkreport

# mkreport init: the starter report checks and builds from any folder; refusals.
.PHONY: initcheck
check: initcheck
initcheck: $(B)/mkreport
	@sh tests/run-init.sh $(B)/mkreport

# The 404 page at any depth under a sub-path, served by nginx (python's http.server
# without it): styled, every link resolves.
.PHONY: check404
check: check404
check404: $(B)/mkreport
	@sh tests/run-404.sh $(B)/mkreport
# mkreport serve end to end: content types, edits seen within 2 s, the reload event,
# the error page, traversal and symlinks refused, --base, SIGINT/SIGTERM; in Chromium,
# a page under a strict CSP reloading itself (installs tests/a11y's npm packages once).
.PHONY: servecheck serve
check: servecheck
servecheck: $(B)/mkreport
	@[ -d tests/a11y/node_modules/playwright-core ] || \
		npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error
	@sh tests/run-serve.sh $(B)/mkreport

# Live preview of the report: make serve [PORT=8000] [BASE=/sub/path/].
PORT ?= 8000
BASE ?= /
serve: $(B)/mkreport
	$(B)/mkreport serve -C $(CONTENT) -T $(TEMPLATES) -p $(PORT) --base $(BASE)

# Builds under ulimit -v end in exit 3 and a message, the site untouched (not under asan).
oom: $(B)/mkreport
	@sh tests/run-oom.sh $(B)/mkreport

# Builds under ulimit -f end in exit 3 and a message, no temporary file left behind.
.PHONY: fsize
check: fsize
fsize: $(B)/mkreport
	@sh tests/run-fsize.sh $(B)/mkreport

# The unit suites and the end-to-end tests under AddressSanitizer and UBSan (jobs and
# navcheck build without report.pdf on several threads: the pages from their arenas,
# poisoned when released).
asan:
	CK_TIMEOUT_MULTIPLIER=10 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
		$(MAKE) B=build-asan CFLAGS='-O1 -g -fno-omit-frame-pointer' \
		EXTRA_CFLAGS='-fsanitize=address,undefined -fno-sanitize-recover=all' \
		EXTRA_LDFLAGS='-fsanitize=address,undefined' unit regress bad inject sitecheck pdfcheck servecheck jobs navcheck \
		fuzzcheck pdfodd

# The command line driven as a user would: every mode, good and bad arguments, --help
# against the man page, exit statuses, the files `chart` writes, `check` writing nothing.
.PHONY: cli
check: cli
cli: $(B)/mkreport $(B)/tests/nolink.so
	@sh tests/run-cli.sh $(B)/mkreport $(B)/tests/nolink.so

# A file system without hard links or RENAME_EXCHANGE, for run-cli.sh (LD_PRELOAD).
$(B)/tests/nolink.so: tests/shim/nolink.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) -shared -fPIC -O1 -o $@ $< -ldl

# Line and branch coverage (gcovr) of the unit suites and the end-to-end tests (those
# asan runs, cli, navcheck, packcheck, and the serve, init, output, fsize and 404 tests;
# also fuzzcheck, jobs (the Monte Carlo kernel without AVX), cache, oom, killed, pdfodd: about
# 5 minutes more; 25-60 in all on a shared, loaded machine), printed per folder of src/ (the targets: 95%
# of lines and 85% of branches overall, no folder under 90% of lines);
# build-cov/coverage.json holds it per file. Branches: gcovr's
# --exclude-unreachable-branches and --exclude-throw-branches.
COV_FLAGS = --coverage -fprofile-update=atomic
.PHONY: coverage
coverage:
	@mkdir -p build-cov && find build-cov -name '*.gcda' -delete
	CK_TIMEOUT_MULTIPLIER=10 $(MAKE) B=build-cov CFLAGS='-O0 -g' EXTRA_CFLAGS='$(COV_FLAGS)' \
		EXTRA_LDFLAGS='$(COV_FLAGS)' unit regress bad inject sitecheck pdfcheck cli \
		navcheck packcheck servecheck initcheck output fsize check404 \
		fuzzcheck jobs cache oom killed pdfodd
	gcovr -r . build-cov -e 'tests/' -e 'fuzz/' -j 2 --exclude-unreachable-branches \
		--exclude-throw-branches --json-summary build-cov/coverage.json
	@$(PYTHON) tests/coverage-table.py build-cov/coverage.json

# Fuzz targets (fuzz/README.md), one per parser or writer that takes source text.
# make fuzz: built with clang, libFuzzer, ASan and UBSan into build-fuzz/, each run for
# FUZZ_TIME seconds from its seed corpus fuzz/corpus/<target> with fuzz/<target>.dict
# (needs clang and libclang-rt-dev). fuzzcheck (in check, and in asan): the same targets
# linked with fuzz/driver.c instead of libFuzzer, each run once on every file of its corpus.
FUZZ_TARGETS = ytree report data chart inline page pdf
FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_SRC = fuzz/fixture.c
FUZZ_DEF = -DFUZZ_SRCDIR='"$(CURDIR)"'
fuzz:
	$(MAKE) B=build-fuzz CC=$(FUZZ_CC) CFLAGS='-O1 -g -fno-omit-frame-pointer' \
		EXTRA_CFLAGS='$(FUZZ_SAN) -fsanitize=fuzzer-no-link' \
		EXTRA_LDFLAGS='$(FUZZ_SAN) -fsanitize=fuzzer' $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)
	@mkdir -p build-fuzz/art && for t in $(FUZZ_TARGETS); do \
		mkdir -p build-fuzz/corpus/$$t && echo "fuzz_$$t: $(FUZZ_TIME) s" && \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
		nice build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_TIME) -timeout=30 -max_len=65536 \
			-dict=fuzz/$$t.dict -artifact_prefix=build-fuzz/art/$$t- -print_final_stats=1 \
			build-fuzz/corpus/$$t fuzz/corpus/$$t 2>build-fuzz/fuzz_$$t.log || \
			{ tail -40 build-fuzz/fuzz_$$t.log; exit 1; }; \
		grep -E '^stat::(number_of_executed_units|peak_rss)|cov:' build-fuzz/fuzz_$$t.log | tail -3; \
	done

$(B)/fuzz_%: fuzz/fuzz_%.c $(FUZZ_SRC) fuzz/fixture.h $(LIB_OBJ)
	$(SAY) CCLD $@
	$(Q)$(CC) $(ALL_CFLAGS) $(FUZZ_DEF) $(ALL_LDFLAGS) -o $@ $< $(FUZZ_SRC) $(LIB_OBJ) $(LDLIBS)

$(B)/fuzzrun/fuzz_%: fuzz/fuzz_%.c fuzz/driver.c $(FUZZ_SRC) fuzz/fixture.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(SAY) CCLD $@
	$(Q)$(CC) $(ALL_CFLAGS) $(FUZZ_DEF) $(ALL_LDFLAGS) -o $@ $< fuzz/driver.c $(FUZZ_SRC) \
		$(LIB_OBJ) $(LDLIBS)

.PHONY: fuzzcheck
check: fuzzcheck
fuzzcheck: $(FUZZ_TARGETS:%=$(B)/fuzzrun/fuzz_%)
	@for t in $(FUZZ_TARGETS); do $(B)/fuzzrun/fuzz_$$t fuzz/corpus/$$t || exit 1; done

.PHONY: FORCE
FORCE:

install: $(B)/mkreport
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/templates
	install -m 755 $(B)/mkreport $(DESTDIR)$(BINDIR)/mkreport
	install -m 644 docs/mkreport.1 $(DESTDIR)$(MANDIR)/man1/mkreport.1
	install -m 644 templates/* $(DESTDIR)$(DATADIR)/templates/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mkreport $(DESTDIR)$(MANDIR)/man1/mkreport.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz build-cov site
