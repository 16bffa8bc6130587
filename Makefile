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

.PHONY: all deps build release run test unit-test integration-test servers stop-servers bench install clean

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
	command -v $(SWIFT) >/dev/null || { echo "swift is not on PATH (Swift 6 toolchain needed)" >&2; exit 1; }

build: deps
	$(SWIFT) build -c $(CONFIG)

release:
	$(MAKE) build CONFIG=release

run: release
	.build/release/avail $(ARGS)

# Every test: unit tests, then the integration tests against the private local
# CalDAV servers this starts (and stops again afterwards).
test: deps
	$(SWIFT) build --build-tests
	@$(SERVERS) start
	@set -a; . $(STATE)/davical.env; set +a; \
	  AVAIL_BIN=$(CURDIR)/.build/debug/avail $(SWIFT) test --skip-build 2>&1 | tee $(STATE)/swift-test.log; \
	  rc=$${PIPESTATUS[0]}; $(SERVERS) stop >/dev/null 2>&1 || true; \
	  Tests/Scripts/test-summary.sh < $(STATE)/swift-test.log; exit $$rc

unit-test: deps
	$(SWIFT) test --skip IntegrationTests

integration-test: deps
	$(SWIFT) build --build-tests
	@$(SERVERS) start
	@set -a; . $(STATE)/davical.env; set +a; AVAIL_BIN=$(CURDIR)/.build/debug/avail $(SWIFT) test --skip-build --filter IntegrationTests

servers:
	$(SERVERS) start

stop-servers:
	$(SERVERS) stop

bench: deps
	$(SWIFT) build -c release --product avail
	$(SWIFT) build -c release --product avail-bench
	@$(SERVERS) start
	@Tests/Bench/bench.sh; rc=$$?; $(SERVERS) stop >/dev/null 2>&1 || true; exit $$rc

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 .build/release/avail $(DESTDIR)$(PREFIX)/bin/avail

clean:
	rm -rf .build
