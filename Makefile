SHELL := /bin/bash
# avail: the two commands a newcomer needs are `make run` and `make test`.
# Everything else is here for them (and for CI, which calls `make test`).

SWIFT        ?= swift
PREFIX       ?= /usr/local
CONFIG       ?= debug
BUILD_DIR    := .build/$(CONFIG)
STATE        ?= /tmp/avail-test-servers
APT_PACKAGES := pkg-config libncursesw5-dev libcurl4-openssl-dev libxml2-dev curl tmux time python3
SERVERS      := Tests/Servers/davical.sh
# Every private test server: DAViCal, Cyrus, and Radicale + Xandikos (no scheduling).
ALL_SERVERS  := Tests/Servers/davical.sh Tests/Servers/cyrus.sh Tests/Servers/noscheduling.sh
START_ALL    := for s in $(ALL_SERVERS); do $$s start || exit 1; done
STOP_ALL     := for s in $(ALL_SERVERS); do $$s stop >/dev/null 2>&1 || true; done
SERVER_ENV   := set -a; . $(STATE)/davical.env; . $(STATE)/cyrus.env; . $(STATE)/noscheduling.env; set +a

.PHONY: all deps build release run test unit-test integration-test servers stop-servers bench fuzz install clean

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
	@$(SERVERS) start
	@Tests/Bench/bench.sh; rc=$$?; $(SERVERS) stop >/dev/null 2>&1 || true; exit $$rc

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

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 .build/release/avail $(DESTDIR)$(PREFIX)/bin/avail

clean:
	rm -rf .build
