#!/usr/bin/env bash
# make bench: avail against what a user would otherwise run, on the same local
# DAViCal in the same run, and how avail's cost grows with the work.
#
#  - cold `avail query` for 5, 50 and 200 attendees over one week, beside curl
#    doing the same three HTTP exchanges with no parsing (the floor) and the
#    python caldav library doing discovery + freebusy_request; interleaved
#    rounds (A B C A B C ...), medians, ratios to curl, peak RSS;
#  - warm (everything cached), --offline, and --refresh (discovery cached: one
#    POST) beside one curl POST; warm for 200 attendees in a cache holding
#    22,000 other entries (a lookup must not cost per file stored);
#  - the same cold query on the private Cyrus (3 attendees) beside curl;
#  - 1,000 attendees: `--refresh` beside one curl POST of 1,000, and in the
#    planner the first partly answered frame beside the first complete one;
#  - the planner: start to first complete frame from the network, with only
#    discovery cached (beside one curl POST of the 50) and from the cache, and
#    CPU per key press;
#  - scale without a server: parse + merge + render for 250 and 500 attendees x
#    28 days; the slot finder;
#  - instruction counts (valgrind's callgrind) for the small, noisy figures.
#
# Writes Tests/Bench/RESULTS.md (BENCH_OUT) and prints it. RUNS (default 10)
# rounds. The servers are started and stopped by `make bench`.
set -euo pipefail
cd "$(dirname "$0")/../.."
STATE=${AVAIL_TEST_STATE:-/tmp/avail-test-servers}
. "$STATE/davical.env"
BIN=${AVAIL_BIN:-.build/release/avail}
BENCH_BIN=${BENCH_BIN:-.build/release/avail-bench}
RUNS=${RUNS:-10}
URL=${AVAIL_TEST_DAVICAL_URL%/}
OUT=${BENCH_OUT:-Tests/Bench/RESULTS.md}
# The commit measured ("+changes" when the work tree differs from it).
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || COMMIT="$COMMIT+changes"

[ -x "$BIN" ] && [ -x "$BENCH_BIN" ] || { echo "bench: $BIN or $BENCH_BIN is missing; run make bench" >&2; exit 1; }
python3 -c "import caldav" 2>/dev/null || pip install -q caldav >/dev/null 2>&1 \
  || { echo "bench: cannot install the python caldav library (pip install caldav)" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "bench: valgrind is needed for the instruction counts (apt-get install valgrind)" >&2; exit 1; }
Tests/Servers/davical.sh seed-bench 1000

tmp=$(mktemp -d); trap 'rm -rf "$tmp"; tmux kill-session -t avail-bench 2>/dev/null || true' EXIT
printf 'user = "alice:alicepw"\n' > "$tmp/curlrc" # credentials from a file, not argv
export AVAIL_URL=$URL/ AVAIL_USER=alice AVAIL_PASSWORD=alicepw TZ=UTC

attendees() { # attendees N: the first N bench users
  local i; for i in $(seq "$1"); do printf 'bench%03d@example.com ' "$i"; done
}
A5=$(attendees 5); A50=$(attendees 50); A200=$(attendees 200); A1000=$(attendees 1000)
CYRUS_URL=${AVAIL_TEST_CYRUS_URL:-http://127.0.0.1:58008/}; CYRUS_URL=${CYRUS_URL%/}
C3="alice@example.com bob@example.com carol@example.com" # the users the private Cyrus has

cat > "$tmp/cup.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:current-user-principal/><C:schedule-outbox-URL/><C:calendar-user-address-set/><D:displayname/><D:resourcetype/></D:prop></D:propfind>
XML
cat > "$tmp/principal.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:schedule-outbox-URL/><C:calendar-user-address-set/><D:displayname/></D:prop></D:propfind>
XML
for n in 5 50 200 1000; do # the POST body avail sends, for curl to send too
  {
    printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nMETHOD:REQUEST\r\nBEGIN:VFREEBUSY\r\nUID:bench-%s\r\n' "$n"
    printf 'DTSTAMP:20261125T000000Z\r\nDTSTART:20261207T000000Z\r\nDTEND:20261214T000000Z\r\nORGANIZER:mailto:alice@example.com\r\n'
    for a in $(attendees "$n"); do printf 'ATTENDEE:mailto:%s\r\n' "$a"; done
    printf 'END:VFREEBUSY\r\nEND:VCALENDAR\r\n'
  } > "$tmp/fb$n.ics"
done
for k in 1 2 3 4; do # the same 200 as 4 POSTs of 50, for curl to send at once
  {
    printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nMETHOD:REQUEST\r\nBEGIN:VFREEBUSY\r\nUID:bench-200-%s\r\n' "$k"
    printf 'DTSTAMP:20261125T000000Z\r\nDTSTART:20261207T000000Z\r\nDTEND:20261214T000000Z\r\nORGANIZER:mailto:alice@example.com\r\n'
    for i in $(seq $(( (k - 1) * 50 + 1 )) $(( k * 50 ))); do printf 'ATTENDEE:mailto:bench%03d@example.com\r\n' "$i"; done
    printf 'END:VFREEBUSY\r\nEND:VCALENDAR\r\n'
  } > "$tmp/fb200-$k.ics"
done
discovered=$("$BIN" discover --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["principal"]); print(d["outbox"])')
principal_url=$(sed -n 1p <<<"$discovered"); outbox_url=$(sed -n 2p <<<"$discovered")
# The same on the private Cyrus (a fast C server: there the client's own time shows most).
printf 'user = "alice:alicepw"\n' > "$tmp/curlrc-cyrus"
cyrus_discovered=$(AVAIL_URL=$CYRUS_URL/ HOME=$(mktemp -d -p "$tmp") "$BIN" discover --json \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["principal"]); print(d["outbox"])') \
  || { echo "bench: the private Cyrus does not answer at $CYRUS_URL (make servers)" >&2; exit 1; }
cyrus_principal=$(sed -n 1p <<<"$cyrus_discovered"); cyrus_outbox=$(sed -n 2p <<<"$cyrus_discovered")
{
  printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nMETHOD:REQUEST\r\nBEGIN:VFREEBUSY\r\nUID:bench-cyrus\r\n'
  printf 'DTSTAMP:20261125T000000Z\r\nDTSTART:20261207T000000Z\r\nDTEND:20261214T000000Z\r\nORGANIZER:mailto:alice@example.com\r\n'
  for a in $C3; do printf 'ATTENDEE:mailto:%s\r\n' "$a"; done
  printf 'END:VFREEBUSY\r\nEND:VCALENDAR\r\n'
} > "$tmp/fbcyrus.ics"

# --------------------------------------------------------------- the commands
query_args() { echo "query --from 2026-12-07 --days 7 --format json"; }
# A cold run gets a new, empty HOME made before the clock starts and removed
# after it stops (fresh_home; time the run; gone_home): making and removing a
# directory tree is the bench's work, not avail's.
fresh_home() { NEW_HOME=$(mktemp -d -p "$tmp"); }
gone_home() { rm -rf "$NEW_HOME"; NEW_HOME=""; }
run_avail_cold() { # N, in $NEW_HOME
  HOME=$NEW_HOME "$BIN" $(query_args) $(eval echo "\$A$1") >/dev/null
}
run_curl() { # N: the same three exchanges, nothing parsed
  curl -sS -K "$tmp/curlrc" -o /dev/null -X PROPFIND -H 'Depth: 0' -H 'Content-Type: application/xml' --data-binary @"$tmp/cup.xml" "$URL/.well-known/caldav" \
    --next -sS -K "$tmp/curlrc" -o /dev/null -X PROPFIND -H 'Depth: 0' -H 'Content-Type: application/xml' --data-binary @"$tmp/principal.xml" "$principal_url" \
    --next -sS -K "$tmp/curlrc" -o /dev/null -H 'Content-Type: text/calendar; charset=utf-8' --data-binary @"$tmp/fb$1.ics" "$outbox_url"
}
run_avail_cyrus() { # cold, 3 attendees, on Cyrus, in $NEW_HOME
  AVAIL_URL=$CYRUS_URL/ HOME=$NEW_HOME "$BIN" $(query_args) $C3 >/dev/null
}
run_curl_cyrus() { # the same three exchanges on Cyrus
  curl -sS -K "$tmp/curlrc-cyrus" -o /dev/null -X PROPFIND -H 'Depth: 0' -H 'Content-Type: application/xml' --data-binary @"$tmp/cup.xml" "$CYRUS_URL/.well-known/caldav" -L \
    --next -sS -K "$tmp/curlrc-cyrus" -o /dev/null -X PROPFIND -H 'Depth: 0' -H 'Content-Type: application/xml' --data-binary @"$tmp/principal.xml" "$cyrus_principal" \
    --next -sS -K "$tmp/curlrc-cyrus" -o /dev/null -H 'Content-Type: text/calendar; charset=utf-8' --data-binary @"$tmp/fbcyrus.ics" "$cyrus_outbox"
}
run_python() { # N
  python3 Tests/Bench/python_caldav_freebusy.py "$URL/" alice alicepw $(eval echo "\$A$1") >/dev/null
}
run_avail_warm() { HOME=$tmp/warm "$BIN" $(query_args) $A5 >/dev/null; }
run_avail_offline() { HOME=$tmp/warm "$BIN" $(query_args) --offline $A5 >/dev/null; }
run_avail_post() { HOME=$tmp/warm "$BIN" $(query_args) --refresh $A5 >/dev/null; }
run_avail_big() { HOME=$tmp/big "$BIN" $(query_args) --max-age 1d $A200 >/dev/null; }
big_cache() { # tops $tmp/big's cache up to 22,000 entries of other people (2,200 x 10 weeks), older than the real ones
  python3 - "$tmp/big/.cache/avail" <<'PY'
import glob, os, sys
account = glob.glob(os.path.join(sys.argv[1], "*", ""))[0]
template = sorted(glob.glob(os.path.join(account, "mailto=bench001@example.com", "*.fb")))[0]
body = open(template).read()
old = os.path.getmtime(template) - 86400
for r in range(2200):
    d = os.path.join(account, "mailto=other%04d@example.com" % r)
    os.makedirs(d, mode=0o700, exist_ok=True)
    for w in range(10):
        p = os.path.join(d, "2027%02d01T000000Z_2027%02d08T000000Z.fb" % (w + 1, w + 1))
        if not os.path.exists(p):
            with open(p, "w") as f:
                f.write(body)
            os.utime(p, (old, old))
PY
}
run_curl_post() {
  curl -sS -K "$tmp/curlrc" -o /dev/null -H 'Content-Type: text/calendar; charset=utf-8' --data-binary @"$tmp/fb5.ics" "$outbox_url"
}
run_avail_post200() { HOME=$tmp/warm "$BIN" $(query_args) --refresh $A200 >/dev/null; } # batches of 50, 4 at once
run_curl_post200() {
  curl -sS -K "$tmp/curlrc" -o /dev/null -H 'Content-Type: text/calendar; charset=utf-8' --data-binary @"$tmp/fb200.ics" "$outbox_url"
}
run_curl_post50() {
  curl -sS -K "$tmp/curlrc" -o /dev/null -H 'Content-Type: text/calendar; charset=utf-8' --data-binary @"$tmp/fb50.ics" "$outbox_url"
}
run_avail_post1000() { HOME=$tmp/warm "$BIN" $(query_args) --refresh $A1000 >/dev/null; }
run_curl_post1000() {
  curl -sS -K "$tmp/curlrc" -o /dev/null -H 'Content-Type: text/calendar; charset=utf-8' --data-binary @"$tmp/fb1000.ics" "$outbox_url"
}
run_curl_par200() { # the 4 batches at once, on 4 connections
  local args=() k
  for k in 1 2 3 4; do
    [ "$k" = 1 ] || args+=(--next)
    args+=(-sS -K "$tmp/curlrc" -o /dev/null -H 'Content-Type: text/calendar; charset=utf-8' --data-binary @"$tmp/fb200-$k.ics" "$outbox_url")
  done
  curl --no-progress-meter --parallel --parallel-max 4 "${args[@]}"
}
# Times are read from bash's clock (${EPOCHREALTIME//[!0-9]/}: microseconds):
# `$(date ...)` would fork a process at each end of every timed run.
rss_mib() { # the peak RSS of a command, MiB
  /usr/bin/time -o "$tmp/rss" -f '%M' "$@" >/dev/null 2>&1 || true
  awk '{printf "%.1f", $1/1024}' "$tmp/rss"
}
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f %.1f %.1f", m/1000, a[1]/1000, a[NR]/1000}'; }

# Warm the server and fill avail's cache for the warm cases.
fresh_home; run_avail_cold 5; gone_home; run_curl 5; run_python 5; run_avail_warm
HOME=$tmp/big "$BIN" $(query_args) $A200 >/dev/null
fresh_home; run_avail_cyrus; gone_home; run_curl_cyrus

declare -A T
cases="avail5 curl5 python5 avail50 curl50 python50 avail200 curl200 python200 warm offline post curlpost big post200 curlpost200 curlpar200 cyrus3 curlcyrus3 curlpost50 post1000 curlpost1000"
for c in $cases; do T[$c]=""; done
for r in $(seq "$RUNS"); do
  for n in 5 50 200; do
    fresh_home; t0=${EPOCHREALTIME//[!0-9]/}; run_avail_cold "$n"; t1=${EPOCHREALTIME//[!0-9]/}; gone_home; T[avail$n]+=" $((t1 - t0))"
    t0=${EPOCHREALTIME//[!0-9]/}; run_curl "$n"; t1=${EPOCHREALTIME//[!0-9]/}; T[curl$n]+=" $((t1 - t0))"
    t0=${EPOCHREALTIME//[!0-9]/}; run_python "$n"; t1=${EPOCHREALTIME//[!0-9]/}; T[python$n]+=" $((t1 - t0))"
  done
  t0=${EPOCHREALTIME//[!0-9]/}; run_avail_warm; t1=${EPOCHREALTIME//[!0-9]/}; T[warm]+=" $((t1 - t0))"
  t0=${EPOCHREALTIME//[!0-9]/}; run_avail_offline; t1=${EPOCHREALTIME//[!0-9]/}; T[offline]+=" $((t1 - t0))"
  t0=${EPOCHREALTIME//[!0-9]/}; run_avail_post; t1=${EPOCHREALTIME//[!0-9]/}; T[post]+=" $((t1 - t0))"
  t0=${EPOCHREALTIME//[!0-9]/}; run_curl_post; t1=${EPOCHREALTIME//[!0-9]/}; T[curlpost]+=" $((t1 - t0))"
  big_cache; t0=${EPOCHREALTIME//[!0-9]/}; run_avail_big; t1=${EPOCHREALTIME//[!0-9]/}; T[big]+=" $((t1 - t0))"
  t0=${EPOCHREALTIME//[!0-9]/}; run_avail_post200; t1=${EPOCHREALTIME//[!0-9]/}; T[post200]+=" $((t1 - t0))"
  t0=${EPOCHREALTIME//[!0-9]/}; run_curl_post200; t1=${EPOCHREALTIME//[!0-9]/}; T[curlpost200]+=" $((t1 - t0))"
  t0=${EPOCHREALTIME//[!0-9]/}; run_curl_par200; t1=${EPOCHREALTIME//[!0-9]/}; T[curlpar200]+=" $((t1 - t0))"
  fresh_home; t0=${EPOCHREALTIME//[!0-9]/}; run_avail_cyrus; t1=${EPOCHREALTIME//[!0-9]/}; gone_home; T[cyrus3]+=" $((t1 - t0))"
  t0=${EPOCHREALTIME//[!0-9]/}; run_curl_cyrus; t1=${EPOCHREALTIME//[!0-9]/}; T[curlcyrus3]+=" $((t1 - t0))"
  t0=${EPOCHREALTIME//[!0-9]/}; run_curl_post50; t1=${EPOCHREALTIME//[!0-9]/}; T[curlpost50]+=" $((t1 - t0))"
  if [ "$r" -le 3 ]; then # 1,000 attendees: three rounds are enough to see it
    t0=${EPOCHREALTIME//[!0-9]/}; run_avail_post1000; t1=${EPOCHREALTIME//[!0-9]/}; T[post1000]+=" $((t1 - t0))"
    t0=${EPOCHREALTIME//[!0-9]/}; run_curl_post1000; t1=${EPOCHREALTIME//[!0-9]/}; T[curlpost1000]+=" $((t1 - t0))"
  fi
done
declare -A MED MIN MAX
for c in $cases; do read -r MED[$c] MIN[$c] MAX[$c] <<<"$(stats ${T[$c]})"; done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
verdict() { # verdict VALUE OP LIMIT: "met" or "MISSED"
  awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN{ok = (op == "<") ? (v < l) : (v >= l); print ok ? "met" : "**MISSED**"}'
}

# Peak memory, one run each.
declare -A RSS
for n in 5 50 200; do
  RSS[avail$n]=$(rss_mib env HOME="$(mktemp -d -p "$tmp")" "$BIN" $(query_args) $(eval echo "\$A$n"))
  RSS[python$n]=$(rss_mib python3 Tests/Bench/python_caldav_freebusy.py "$URL/" alice alicepw $(eval echo "\$A$n"))
  RSS[curl$n]=$(rss_mib curl -sS -K "$tmp/curlrc" -o /dev/null -H 'Content-Type: text/calendar; charset=utf-8' --data-binary @"$tmp/fb$n.ics" "$outbox_url")
done
RSS[warm]=$(rss_mib env HOME="$tmp/warm" "$BIN" $(query_args) $A5)
RSS[offline]=$(rss_mib env HOME="$tmp/warm" "$BIN" $(query_args) --offline $A5)
RSS[post]=$(rss_mib env HOME="$tmp/warm" "$BIN" $(query_args) --refresh $A5)
RSS[cyrus3]=$(rss_mib env HOME="$(mktemp -d -p "$tmp")" AVAIL_URL="$CYRUS_URL/" "$BIN" $(query_args) $C3)
RSS[post1000]=$(rss_mib env HOME="$tmp/warm" "$BIN" $(query_args) --refresh $A1000)

# ------------------------------------------------------------------ planner
# From launch to the first frame where every row is answered (avail writes that
# moment to AVAIL_BENCH_FIRST_FRAME), in a real terminal (tmux).
first_frame_ms() { # N [HOME]: ms to the first complete frame; with FIRST_ROWS=1 also to the first partly answered one
  local n=$1 home=${2:-} marker="$tmp/first-frame" rows="$tmp/first-rows"
  [ -n "$home" ] || home=$(mktemp -d -p "$tmp")
  rm -f "$marker" "$rows"
  tmux kill-session -t avail-bench 2>/dev/null || true
  printf '%s\n' $(attendees "$n") > "$tmp/planner-attendees"
  local t0; t0=$(( $(date +%s%N) / 1000000 ))
  tmux new-session -d -s avail-bench -x 160 -y 60 \
    "HOME=$home AVAIL_URL=$URL/ AVAIL_USER=alice AVAIL_PASSWORD=alicepw AVAIL_BENCH_FIRST_FRAME=$marker AVAIL_BENCH_FIRST_ROWS=$rows TZ=UTC $BIN --from 2026-12-07 \$(cat $tmp/planner-attendees)"
  for _ in $(seq 2000); do [ -s "$marker" ] && break; sleep 0.01; done
  tmux kill-session -t avail-bench 2>/dev/null || true
  [ -s "$marker" ] || { echo "bench: the planner never showed a complete frame ($n attendees)" >&2; exit 1; }
  if [ "${FIRST_ROWS:-0}" = 1 ]; then
    [ -s "$rows" ] || { echo "bench: the planner painted no partly answered frame before the complete one ($n attendees)" >&2; exit 1; }
    echo "$(( $(cat "$rows") - t0 )) $(( $(cat "$marker") - t0 ))"
  else
    echo $(( $(cat "$marker") - t0 ))
  fi
}
first_frame_stats() { # N [HOME]
  local n=$1 i v=()
  [ -n "${2:-}" ] && first_frame_ms "$n" "$2" >/dev/null # fill that cache first
  for i in $(seq 7); do v+=($(first_frame_ms "$n" "${2:-}")); done
  printf '%s\n' "${v[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%d | %d | %d", a[int((NR+1)/2)], a[1], a[NR]}'
}

# The scale case, five runs each: the run with the median total CPU time, and
# the peak RSS of that size.
declare -A SCALE SCALE_RSS
for n in 250 500; do
  lines=""
  for i in 1 2 3 4 5; do lines+="$("$BENCH_BIN" scale "$n" 28)"$'\n'; done
  SCALE[$n]=$(printf '%s' "$lines" | sort -t$'\t' -k7 -n | sed -n 3p)
  /usr/bin/time -o "$tmp/rss" -f '%M' "$BENCH_BIN" scale "$n" 28 >/dev/null
  SCALE_RSS[$n]=$(awk '{printf "%.1f", $1/1024}' "$tmp/rss")
done

# Planner runs the targets need (measured before the output is written).
discovery_home() { # a new HOME whose cache holds the discovery and nobody of the first 50
  local home; home=$(mktemp -d -p "$tmp")
  HOME=$home "$BIN" $(query_args) bench999@example.com >/dev/null
  echo "$home"
}
declare -A P1000
for i in 1 2 3; do P1000[$i]=$(FIRST_ROWS=1 first_frame_ms 1000); done
FF50=()
for i in $(seq 7); do FF50+=($(first_frame_ms 50 "$(discovery_home)")); done
ff=$(printf '%s\n' "${FF50[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')

callgrind_ir() { # the instructions a command executes (env ... is followed into the command)
  valgrind --tool=callgrind --trace-children=yes --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*I *refs: *//p' | tr -d ',' | tail -1
}
mir() { awk -v i="$1" 'BEGIN{printf "%.1f", i/1e6}'; }

# ------------------------------------------------------------------- output
{
  echo "# avail benchmark"
  echo
  echo "Machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d), commit $COMMIT."
  echo "Server: the local DAViCal ($URL), users bench001..bench1000 with a week of meetings each (davical.sh seed-bench 1000); the private Cyrus (alice, bob, carol) for its row."
  echo "$RUNS interleaved rounds (every case once per round); wall times in ms; peak RSS from one run."
  echo "Versions: avail $("$BIN" --version), $(curl --version | head -1 | cut -d' ' -f1,2), python caldav $(python3 -c 'import caldav; print(caldav.__version__)')."
  echo
  echo "## One free/busy request, one week, a new process each time"
  echo
  echo "| case | median | min | max | ratio to curl | peak MiB |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for n in 5 50 200; do
    echo "| cold \`avail query\`, $n attendees (discovery + POST + parse + JSON) | ${MED[avail$n]} | ${MIN[avail$n]} | ${MAX[avail$n]} | $(ratio "${MED[avail$n]}" "${MED[curl$n]}") | ${RSS[avail$n]} |"
    echo "| curl, the same 3 exchanges, nothing parsed, $n attendees | ${MED[curl$n]} | ${MIN[curl$n]} | ${MAX[curl$n]} | 1.00 | ${RSS[curl$n]} (the POST alone) |"
    echo "| python caldav, discovery + freebusy_request, $n attendees | ${MED[python$n]} | ${MIN[python$n]} | ${MAX[python$n]} | $(ratio "${MED[python$n]}" "${MED[curl$n]}") | ${RSS[python$n]} |"
  done
  echo "| warm \`avail query\`, 5 attendees (answers and discovery cached: no network) | ${MED[warm]} | ${MIN[warm]} | ${MAX[warm]} | | ${RSS[warm]} |"
  echo "| \`avail query --offline\`, 5 attendees | ${MED[offline]} | ${MIN[offline]} | ${MAX[offline]} | | ${RSS[offline]} |"
  echo "| \`avail query --refresh\`, 5 attendees (discovery cached: one POST) | ${MED[post]} | ${MIN[post]} | ${MAX[post]} | $(ratio "${MED[post]}" "${MED[curlpost]}") (to one curl POST) | ${RSS[post]} |"
  echo "| curl, one POST, 5 attendees | ${MED[curlpost]} | ${MIN[curlpost]} | ${MAX[curlpost]} | 1.00 | |"
  echo "| warm \`avail query\`, 200 attendees, 22,000 other entries in the cache (pruning back to 10,000 included) | ${MED[big]} | ${MIN[big]} | ${MAX[big]} | | |"
  echo "| \`avail query --refresh\`, 200 attendees (discovery cached: 4 POSTs of 50 at once) | ${MED[post200]} | ${MIN[post200]} | ${MAX[post200]} | $(ratio "${MED[post200]}" "${MED[curlpost200]}") (to one curl POST of 200) | |"
  echo "| curl, one POST, 200 attendees | ${MED[curlpost200]} | ${MIN[curlpost200]} | ${MAX[curlpost200]} | 1.00 | |"
  echo "| curl, the same 200 as 4 POSTs of 50 at once (--parallel) | ${MED[curlpar200]} | ${MIN[curlpar200]} | ${MAX[curlpar200]} | $(ratio "${MED[curlpar200]}" "${MED[curlpost200]}") | |"
  echo
  echo "## Targets (issue 17; the earlier ones of issue 8 below them)"
  echo
  echo "| target | measured | verdict |"
  echo "| --- | --- | --- |"
  r5=$(awk -v a="${MED[avail5]}" -v b="${MED[curl5]}" 'BEGIN{print a/b}')
  echo "| cold \`avail query\`, 5 attendees, DAViCal: at most 1.0× curl doing the three exchanges | $(ratio "${MED[avail5]}" "${MED[curl5]}")× | $(verdict "$r5" "<" 1.0001) |"
  rc=$(awk -v a="${MED[cyrus3]}" -v b="${MED[curlcyrus3]}" 'BEGIN{print a/b}')
  echo "| cold \`avail query\`, 3 attendees, Cyrus: at most 1.0× curl doing the three exchanges | $(ratio "${MED[cyrus3]}" "${MED[curlcyrus3]}")× (${MED[cyrus3]} vs ${MED[curlcyrus3]} ms) | $(verdict "$rc" "<" 1.0001) |"
  p5=$(ratio "${MED[python5]}" "${MED[avail5]}")
  echo "| at least 10× faster than python caldav (5 attendees) | ${p5}× ($(ratio "${MED[python50]}" "${MED[avail50]}")× at 50, $(ratio "${MED[python200]}" "${MED[avail200]}")× at 200) | $(verdict "$p5" ">=" 10) |"
  rp=$(awk -v a="${MED[post]}" -v b="${MED[curlpost]}" 'BEGIN{print a/b}')
  echo "| \`--refresh\` with discovery cached: at most 1.1× one curl POST | $(ratio "${MED[post]}" "${MED[curlpost]}")× | $(verdict "$rp" "<" 1.1001) |"
  echo "| peak memory of a cold query under 18 MiB (5 attendees; curl's POST alone: ${RSS[curl5]} MiB) | ${RSS[avail5]} MiB | $(verdict "${RSS[avail5]}" "<" 18) |"
  r200=$(awk -v a="${MED[post200]}" -v b="${MED[curlpost200]}" 'BEGIN{print a/b}')
  echo "| 200 attendees, discovery cached: at most 0.75× one curl POST of 200 | $(ratio "${MED[post200]}" "${MED[curlpost200]}")× | $(verdict "$r200" "<" 0.7501) |"
  echo "| 1,000 attendees answered, discovery cached (one curl POST of 1,000: ${MED[curlpost1000]} ms) | ${MED[post1000]} ms, $(ratio "${MED[post1000]}" "${MED[curlpost1000]}")×, peak ${RSS[post1000]} MiB | $( [ -n "${MED[post1000]}" ] && echo met || echo '**MISSED**') |"
  echo "| 1,000 attendees in the planner: first rows painted before the last batch answers | see the planner section | $(awk -v s="${P1000[1]} ${P1000[2]} ${P1000[3]}" 'BEGIN{n=split(s,a," "); ok=1; for(i=1;i<n;i+=2) if(!(a[i]<a[i+1])) ok=0; print ok ? "met" : "**MISSED**"}') |"
  rf=$(awk -v a="$ff" -v b="${MED[curlpost50]}" 'BEGIN{print a/b}')
  echo "| planner, 50 attendees, start to first complete frame (discovery cached): at most 1.1× one curl POST of 50 (${MED[curlpost50]} ms) | $ff ms, $(ratio "$ff" "${MED[curlpost50]}")× | $(verdict "$rf" "<" 1.1001) |"
  echo "| (issue 8) warm \`avail query\` from the cache under 15 ms | ${MED[warm]} ms | $(verdict "${MED[warm]}" "<" 15) |"
  s500=$(cut -f7 <<<"${SCALE[500]}")
  echo "| (issue 8) 500 × 28 days: parse + merge + layout under 50 ms | $s500 ms | $(verdict "$s500" "<" 50) |"
  key80=$("$BENCH_BIN" | head -1 | cut -f3)
  echo "| (issue 8) planner key press to repaint under 5 ms CPU, 50 attendees | $(awk -v u="$key80" 'BEGIN{printf "%.2f", u/1000}') ms | $(verdict "$key80" "<" 5000) |"
  echo
  echo "## The planner (a real terminal: tmux, 160×60)"
  echo
  echo "| case | median ms | min ms | max ms |"
  echo "| --- | --- | --- | --- |"
  for n in 3 50; do
    echo "| start to first complete frame, $n attendees, local DAViCal | $(first_frame_stats "$n") |"
  done
  echo "| start to first complete frame, 50 attendees, from the cache | $(first_frame_stats 50 "$tmp/planner-warm") |"
  echo "| start to first complete frame, 50 attendees, discovery cached (the target's case) | $ff (median of 7: ${FF50[*]}) | | |"
  echo
  echo "1,000 attendees, a new cache each time (discovery + 20 batches of 50, 4 at once), ms from launch:"
  echo
  echo "| run | first frame with some rows answered | first complete frame |"
  echo "| --- | --- | --- |"
  for i in 1 2 3; do read -r a b <<<"${P1000[$i]}"; echo "| $i | $a | $b |"; done
  echo
  echo "CPU per key press (state change + full render into the cell grid), 50 attendees over a week:"
  echo
  echo "| case | iterations | CPU µs per key press |"
  echo "| --- | --- | --- |"
  "$BENCH_BIN" | awk -F'\t' '{printf "| %s | %s | %s |\n", $1, $2, $3}'
  echo
  echo "## Scale, no server: a generated schedule-response parsed, merged, and rendered (160×48); median of 5 runs"
  echo
  echo "| case | busy periods | answer KiB | XML ms | iCalendar + merge ms | render ms | total CPU ms | peak MiB |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  for n in 250 500; do
    awk -F'\t' -v r="${SCALE_RSS[$n]}" '{printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, r}' <<<"${SCALE[$n]}"
  done
  echo
  echo "## The slot finder, no server (30-min slots, 15-min step, 4 weeks)"
  echo
  echo "| case | busy periods | slots | CPU ms | peak MiB |"
  echo "| --- | --- | --- | --- | --- |"
  for n in 100 200; do
    line=$( { /usr/bin/time -f 'RSS %M' "$BENCH_BIN" slots "$n" 28; } 2>&1 )
    rss_kib=$(sed -n 's/^RSS //p' <<<"$line")
    grep -v '^RSS ' <<<"$line" | awk -F'\t' -v r="$rss_kib" '{printf "| %s | %s | %s | %s | %.1f |\n", $1, $2, $3, $4, r/1024}'
  done
  echo
  echo "## Instruction counts (callgrind; the same on any x86-64 machine, unlike the times above)"
  echo
  echo "| case | instructions (millions) |"
  echo "| --- | --- |"
  echo "| \`avail --version\` (process start-up and exit) | $(mir "$(callgrind_ir "$BIN" --version)") |"
  echo "| warm \`avail query --offline\`, 5 attendees, whole process | $(mir "$(callgrind_ir env HOME="$tmp/warm" "$BIN" $(query_args) --offline $A5)") |"
  k0=$(callgrind_ir "$BENCH_BIN" keys 80 24 0); k=$(callgrind_ir "$BENCH_BIN" keys 80 24 200)
  echo "| one key press + render, 50 attendees, 80×24 | $(awk -v a="$k" -v b="$k0" 'BEGIN{printf "%.2f", (a-b)/200/1e6}') |"
  k0=$(callgrind_ir "$BENCH_BIN" keys 160 48 0); k=$(callgrind_ir "$BENCH_BIN" keys 160 48 100)
  echo "| one key press + render, 50 attendees, 160×48 | $(awk -v a="$k" -v b="$k0" 'BEGIN{printf "%.2f", (a-b)/100/1e6}') |"
  s1=$(callgrind_ir "$BENCH_BIN" scale 125 28); s2=$(callgrind_ir "$BENCH_BIN" scale 250 28)
  echo "| scale 125 × 28 days (whole run, answer generation included) | $(mir "$s1") |"
  echo "| scale 250 × 28 days (the same; twice the work) | $(mir "$s2") ($(ratio "$s2" "$s1")×) |"
} > "$OUT"
cat "$OUT"
