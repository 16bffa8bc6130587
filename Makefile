SHELL := /bin/bash
# avail: the two commands a newcomer needs are `make run` and `make test`.
# Everything else is here for them (and for CI, which calls `make test`).

SWIFT        ?= swift
PREFIX       ?= /usr/local
CONFIG       ?= debug
BUILD_DIR    := .build/$(CONFIG)
STATE        ?= /tmp/avail-test-servers
APT_PACKAGES := pkg-config libncursesw5-dev libcurl4-openssl-dev libxml2-dev curl tmux time python3 \
                groff-base man-db bash-completion zsh fish binutils
SERVERS      := Tests/Servers/davical.sh
# Every private test server: DAViCal, Cyrus, and Radicale + Xandikos (no scheduling).
ALL_SERVERS  := Tests/Servers/davical.sh Tests/Servers/cyrus.sh Tests/Servers/noscheduling.sh
START_ALL    := for s in $(ALL_SERVERS); do $$s start || exit 1; done
STOP_ALL     := for s in $(ALL_SERVERS); do $$s stop >/dev/null 2>&1 || true; done
SERVER_ENV   := set -a; . $(STATE)/davical.env; . $(STATE)/cyrus.env; . $(STATE)/noscheduling.env; set +a

.PHONY: all deps build release run test unit-test integration-test servers stop-servers bench fuzz install uninstall deb clean

all: build

# Installs only what is missing (apt-get as root, else through sudo).
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null || exit 1; \
	fi; \
	for lib in ncursesw libcurl libxml-2.0; do \
	  pkg-config --exists $$lib || { echo "pkg-config cannot find $$lib; install its -dev package" >&2; exit 1; }; \
	done; \
	command -v $(SWIFT) >/dev/null || { echo "swift is not on PATH (Swift 6 toolchain needed)" >&2; exit 1; }; \
	python3 -c "import cryptography" 2>/dev/null || pip install -q cryptography >/dev/null 2>&1 || \
	  { echo "the TLS tests need python3's cryptography module: pip install cryptography" >&2; exit 1; }

# Release builds link the Swift runtime and Foundation statically: a warm
# `avail query` spends most of its time in the dynamic loader otherwise
# (measured: 23.8 ms → 16.8 ms, 34 → 28 MiB).
STATIC_FLAGS := $(if $(filter release,$(CONFIG)),--static-swift-stdlib,)
# Debug builds (make build, make test, CI) treat a compiler warning as an error:
# the build has none and is to keep it so.
WERROR       := -Xswiftc -warnings-as-errors

build: deps
	$(SWIFT) build -c $(CONFIG) $(STATIC_FLAGS) $(if $(filter debug,$(CONFIG)),$(WERROR),)

release:
	$(MAKE) build CONFIG=release

run: release
	.build/release/avail $(ARGS)

# Every test: unit tests, then the integration tests against the private local
# CalDAV servers this starts (and stops again afterwards).
test: deps
	$(SWIFT) build --build-tests $(WERROR)
	@$(START_ALL)
	@$(SERVER_ENV); \
	  AVAIL_BIN=$(CURDIR)/.build/debug/avail $(SWIFT) test --skip-build 2>&1 | tee $(STATE)/swift-test.log; \
	  rc=$${PIPESTATUS[0]}; $(STOP_ALL); \
	  Tests/Scripts/test-summary.sh < $(STATE)/swift-test.log; exit $$rc

unit-test: deps
	$(SWIFT) test $(WERROR) --skip IntegrationTests

integration-test: deps
	$(SWIFT) build --build-tests $(WERROR)
	@$(START_ALL)
	@$(SERVER_ENV); AVAIL_BIN=$(CURDIR)/.build/debug/avail $(SWIFT) test --skip-build --filter IntegrationTests

servers:
	@$(START_ALL)

stop-servers:
	@for s in $(ALL_SERVERS); do $$s stop; done

bench: deps
	@command -v valgrind >/dev/null || $(MAKE) --no-print-directory deps APT_PACKAGES=valgrind
	$(SWIFT) build -c release --static-swift-stdlib --product avail
	$(SWIFT) build -c release --static-swift-stdlib --product avail-bench
	@$(SERVERS) start && Tests/Servers/cyrus.sh start
	@Tests/Bench/bench.sh; rc=$$?; $(SERVERS) stop >/dev/null 2>&1 || true; Tests/Servers/cyrus.sh stop >/dev/null 2>&1 || true; exit $$rc

# libFuzzer targets with address sanitizer (Tests/Fuzz/README.md). Runs each for
# FUZZ_SECONDS, or FUZZ_RUNS executions when that is set; any crash fails.
FUZZ_TARGETS := fuzz-xml fuzz-icalendar fuzz-cache fuzz-config
FUZZ_SECONDS ?= 60
FUZZ_RUNS    ?= -1
fuzz: deps
	@for t in $(FUZZ_TARGETS); do \
	  AVAIL_FUZZ=1 $(SWIFT) build -c release --build-path .build-fuzz -Xswiftc -sanitize=fuzzer,address --product $$t || exit 1; \
	done
	@mkdir -p .build-fuzz/artifacts; rc=0; \
	for t in $(FUZZ_TARGETS); do \
	  case $$t in \
	    fuzz-xml) seeds="Tests/CalDAVClientTests/Hostile Tests/WebDAVTests/Fixtures";; \
	    fuzz-icalendar) seeds="Tests/Fuzz/seeds/icalendar";; \
	    fuzz-cache) seeds="Tests/Fuzz/seeds/cache";; \
	    fuzz-config) seeds="Tests/Fuzz/seeds/config themes";; \
	  esac; \
	  mkdir -p .build-fuzz/corpus/$$t; \
	  SWIFT_BACKTRACE=enable=no .build-fuzz/release/$$t -max_total_time=$(FUZZ_SECONDS) -runs=$(FUZZ_RUNS) -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=.build-fuzz/artifacts/$$t- .build-fuzz/corpus/$$t $$seeds > .build-fuzz/$$t.log 2>&1 || rc=1; \
	  echo "$$t: $$(sed -n 's/^stat::number_of_executed_units: *//p' .build-fuzz/$$t.log) executions, $$(ls .build-fuzz/artifacts | grep -c "^$$t-" || true) crashes"; \
	done; exit $$rc

# `make install PREFIX=... DESTDIR=...`: the binary, avail(1) and avail-config(5),
# the completions where bash-completion, zsh (Debian's vendor-completions) and
# fish look, and copies of the themes to start your own from (avail has them
# built in). The man pages and completion scripts are written by the binary
# itself, from the same specification as its --help. BIN=path installs a binary
# already built instead of building the release one (the tests give the debug one).
BIN          ?=
INSTALL_BIN  := $(or $(BIN),.build/release/avail)
THEMES       := $(notdir $(wildcard themes/*))
INSTALLED    := bin/avail share/man/man1/avail.1 share/man/man5/avail-config.5 \
                share/bash-completion/completions/avail share/zsh/vendor-completions/_avail \
                share/fish/vendor_completions.d/avail.fish $(addprefix share/avail/themes/,$(THEMES))
TO           := $(DESTDIR)$(PREFIX)

install: $(if $(BIN),,release)
	install -d $(TO)/bin $(TO)/share/man/man1 $(TO)/share/man/man5 $(TO)/share/bash-completion/completions \
	  $(TO)/share/zsh/vendor-completions $(TO)/share/fish/vendor_completions.d $(TO)/share/avail/themes
	install -m 0755 $(INSTALL_BIN) $(TO)/bin/avail
	@gen=$$(mktemp -d) && trap 'rm -rf "$$gen"' EXIT && \
	  $(INSTALL_BIN) __man 1 > $$gen/avail.1 && $(INSTALL_BIN) __man 5 > $$gen/avail-config.5 && \
	  for s in bash zsh fish; do $(INSTALL_BIN) completions $$s > $$gen/$$s || exit 1; done && \
	  install -m 0644 $$gen/avail.1 $(TO)/share/man/man1/avail.1 && \
	  install -m 0644 $$gen/avail-config.5 $(TO)/share/man/man5/avail-config.5 && \
	  install -m 0644 $$gen/bash $(TO)/share/bash-completion/completions/avail && \
	  install -m 0644 $$gen/zsh $(TO)/share/zsh/vendor-completions/_avail && \
	  install -m 0644 $$gen/fish $(TO)/share/fish/vendor_completions.d/avail.fish
	install -m 0644 $(addprefix themes/,$(THEMES)) $(TO)/share/avail/themes/

uninstall:
	rm -f $(addprefix $(TO)/,$(INSTALLED))
	-@rmdir $(TO)/share/avail/themes $(TO)/share/avail 2>/dev/null || true

# `make deb`: avail_<version>_<arch>.deb in DEB_DIR, from a `make install
# DESTDIR` tree of the release build (the Swift runtime linked in), man pages
# gzipped as Debian does. Depends:
# the Debian packages of the libraries the binary links (readelf NEEDED) and of
# libcurl.so.4 and libxml2.so.2, which avail loads with dlopen on its first
# request and its first answer.
DEB_DIR      ?= .build/deb
MAINTAINER   ?= avail <avail@localhost>
# dpkg-deb's own options; the tests pass a light compression (-Zgzip -z1).
DEB_FLAGS    ?=
deb: $(if $(BIN),,release)
	@set -e; version=$$($(INSTALL_BIN) --version); arch=$$(dpkg --print-architecture); \
	  mkdir -p $(DEB_DIR); out=$$(cd $(DEB_DIR) && pwd); root=$$out/avail_$${version}_$$arch; \
	  rm -rf $$root; \
	  $(MAKE) --no-print-directory install BIN=$(INSTALL_BIN) PREFIX=/usr DESTDIR=$$root >/dev/null; \
	  gzip -9n $$root/usr/share/man/man1/avail.1 $$root/usr/share/man/man5/avail-config.5; \
	  doc=$$root/usr/share/doc/avail; mkdir -p $$doc; \
	  { echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"; \
	    echo "Upstream-Name: avail"; \
	    echo "Source: the avail source tree this package was built from (no public location is stated)"; \
	    echo "Comment: The upstream states no license yet."; \
	    echo; echo "Files: *"; echo "Copyright: the avail authors"; echo "License: unspecified"; \
	    echo " The upstream states no license yet. Until it does, no license is granted"; \
	    echo " beyond what copyright law itself allows."; \
	  } > $$doc/copyright; \
	  { echo "avail ($$version) unstable; urgency=medium"; echo; \
	    echo "  * Built with \`make deb\` from the avail source tree."; echo; \
	    echo " -- $(MAINTAINER)  $$(LC_ALL=C date -u -R -d @$${SOURCE_DATE_EPOCH:-$$(date +%s)})"; \
	  } | gzip -9n > $$doc/changelog.Debian.gz; \
	  depends=""; \
	  for so in $$(readelf -d $(INSTALL_BIN) | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p') libcurl.so.4 libxml2.so.2; do \
	    path=$$(ldconfig -p | awk -v so=$$so '$$1 == so { print $$NF; exit }'); \
	    pkg=$$( { dpkg -S "$$path" || dpkg -S "/usr$$path" || dpkg -S "$${path#/usr}"; } 2>/dev/null | head -1 | cut -d: -f1); \
	    if [ -n "$$pkg" ]; then depends="$$depends$$pkg\n"; else echo "deb: $$so ($$path) is not from a Debian package; not in Depends" >&2; fi; \
	  done; \
	  depends=$$(printf "$$depends" | sort -u | paste -sd, | sed 's/,/, /g'); \
	  mkdir -p $$root/DEBIAN; \
	  { echo "Package: avail"; echo "Version: $$version"; echo "Architecture: $$arch"; \
	    echo "Maintainer: $(MAINTAINER)"; echo "Installed-Size: $$(du -sk $$root/usr | cut -f1)"; \
	    echo "Depends: $$depends"; echo "Section: utils"; echo "Priority: optional"; \
	    echo "Description: see when people are free, from the terminal, over CalDAV scheduling"; \
	    echo " avail asks a CalDAV server for the free/busy time of the people named (RFC 6638"; \
	    echo " scheduling) and shows it in a keyboard-driven planner, or as text, JSON or"; \
	    echo " iCalendar; it finds free slots for everyone and books the meeting."; \
	  } > $$root/DEBIAN/control; \
	  dpkg-deb --root-owner-group $(DEB_FLAGS) --build $$root $$out/avail_$${version}_$$arch.deb >/dev/null; \
	  rm -rf $$root; echo "$$out/avail_$${version}_$$arch.deb"

clean:
	rm -rf .build
