#!/usr/bin/env bash
# Reads `swift test` output on stdin and prints one plain closing line,
# "N passed, N failed": N from Swift Testing's own "Test run with N tests"
# line, the failures counted from its per-test "✘ Test … failed" lines
# (XCTest's summary says 0 because every test here is a Swift Testing test).
set -euo pipefail
awk '
  /Test run with [0-9]+ tests? / { for (i = 1; i <= NF; i++) if ($i == "with") { total = $(i + 1); break } }
  /^✘ Test .* failed after/ && !/^✘ Test run with/ { failed++ }
  END {
    if (total == "") { print "no test run summary found: the tests did not finish"; exit 1 }
    printf "%d passed, %d failed\n", total - failed, failed
  }
'
