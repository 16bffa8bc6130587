#!/usr/bin/env bash
# make bench: cold `avail query` against the local DAViCal beside curl doing the
# same three HTTP exchanges (PROPFIND /.well-known/caldav, PROPFIND principal,
# POST to the outbox) with no parsing: the floor. Median of interleaved runs.
# (Issue 8 grows this into the full comparison; this is the first row of it.)
set -euo pipefail
cd "$(dirname "$0")/../.."
STATE=${AVAIL_TEST_STATE:-/tmp/avail-test-servers}
. "$STATE/davical.env"
BIN=${AVAIL_BIN:-.build/release/avail}
RUNS=${RUNS:-15}
URL=${AVAIL_TEST_DAVICAL_URL%/}
OUT=${BENCH_OUT:-Tests/Bench/RESULTS.md}

[ -x "$BIN" ] || { echo "bench: $BIN is missing; run make bench" >&2; exit 1; }
# The comparison a script writer would reach for: python's caldav library (PyPI).
python3 -c "import caldav" 2>/dev/null || pip install -q caldav >/dev/null 2>&1 \
  || { echo "bench: cannot install the python caldav library (pip install caldav)" >&2; exit 1; }

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/cup.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:current-user-principal/><C:schedule-outbox-URL/><C:calendar-user-address-set/><D:displayname/><D:resourcetype/></D:prop></D:propfind>
XML
cat > "$tmp/principal.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:schedule-outbox-URL/><C:calendar-user-address-set/><D:displayname/></D:prop></D:propfind>
XML
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nMETHOD:REQUEST\r\nBEGIN:VFREEBUSY\r\nUID:bench-1\r\nDTSTAMP:20261125T000000Z\r\nDTSTART:20261207T000000Z\r\nDTEND:20261212T000000Z\r\nORGANIZER:mailto:alice@example.com\r\nATTENDEE:mailto:bob@example.com\r\nATTENDEE:mailto:carol@example.com\r\nATTENDEE:mailto:dave@example.com\r\nATTENDEE:mailto:nobody@example.com\r\nATTENDEE:mailto:alice@example.com\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n' > "$tmp/fb.ics"

# The principal and outbox as avail finds them, so curl asks for the same things.
principal=$(AVAIL_URL=$URL/ AVAIL_USER=alice AVAIL_PASSWORD=alicepw "$BIN" discover --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["principal"]); print(d["outbox"])')
principal_url=$(sed -n 1p <<<"$principal"); outbox_url=$(sed -n 2p <<<"$principal")
printf 'user = "alice:alicepw"\n' > "$tmp/curlrc" # credentials from a file, not argv

ATTENDEES="bob@example.com carol@example.com dave@example.com nobody@example.com alice@example.com"
# Cold: a new, empty cache every run.
run_avail() {
  local home; home=$(mktemp -d -p "$tmp")
  HOME=$home AVAIL_URL=$URL/ AVAIL_USER=alice AVAIL_PASSWORD=alicepw "$BIN" query --from 2026-12-07 --days 5 --format json \
    $ATTENDEES >/dev/null
  rm -rf "$home"
}
# Warm: answers and discovery cached (within the TTL): no network at all.
run_avail_warm() {
  HOME=$tmp/warm AVAIL_URL=$URL/ AVAIL_USER=alice AVAIL_PASSWORD=alicepw "$BIN" query --from 2026-12-07 --days 5 --format json \
    $ATTENDEES >/dev/null
}
# Discovery cached, answers asked again: one POST.
run_avail_post() {
  HOME=$tmp/warm AVAIL_URL=$URL/ AVAIL_USER=alice AVAIL_PASSWORD=alicepw "$BIN" query --refresh --from 2026-12-07 --days 5 --format json \
    $ATTENDEES >/dev/null
}
run_python() {
  python3 Tests/Bench/python_caldav_freebusy.py "$URL/" alice alicepw $ATTENDEES >/dev/null
}
run_curl_post() {
  curl -sS -K "$tmp/curlrc" -o /dev/null -H 'Content-Type: text/calendar; charset=utf-8' --data-binary @"$tmp/fb.ics" "$outbox_url"
}
run_curl() {
  curl -sS -K "$tmp/curlrc" -o /dev/null -X PROPFIND -H 'Depth: 0' -H 'Content-Type: application/xml' --data-binary @"$tmp/cup.xml" "$URL/.well-known/caldav" \
    --next -sS -K "$tmp/curlrc" -o /dev/null -X PROPFIND -H 'Depth: 0' -H 'Content-Type: application/xml' --data-binary @"$tmp/principal.xml" "$principal_url" \
    --next -sS -K "$tmp/curlrc" -o /dev/null -H 'Content-Type: text/calendar; charset=utf-8' --data-binary @"$tmp/fb.ics" "$outbox_url"
}
now_ns() { date +%s%N; }

# The planner in tmux: from launch to the first frame where every row is answered
# (avail writes that moment to AVAIL_BENCH_FIRST_FRAME).
first_frame_ms() {
  local n=$1 home=${2:-} marker="$tmp/first-frame" attendees="" i
  [ -n "$home" ] || home=$(mktemp -d -p "$tmp")
  for i in $(seq "$n"); do
    case $i in 1) attendees+=" bob@example.com";; 2) attendees+=" carol@example.com";; 3) attendees+=" dave@example.com";; *) attendees+=" person$i@example.com";; esac
  done
  rm -f "$marker"
  tmux kill-session -t avail-bench 2>/dev/null || true
  local t0; t0=$(( $(now_ns) / 1000000 ))
  tmux new-session -d -s avail-bench -x 160 -y 60 \
    "HOME=$home AVAIL_URL=$URL/ AVAIL_USER=alice AVAIL_PASSWORD=alicepw AVAIL_BENCH_FIRST_FRAME=$marker TZ=UTC $BIN --from 2026-12-07$attendees"
  for _ in $(seq 200); do [ -s "$marker" ] && break; sleep 0.01; done
  tmux kill-session -t avail-bench 2>/dev/null || true
  [ -s "$marker" ] || { echo "bench: the planner never showed a complete frame" >&2; exit 1; }
  echo $(( $(cat "$marker") - t0 ))
}
first_frame_stats() {
  local n=$1 i v=()
  [ -n "$2" ] && first_frame_ms "$n" "$2" >/dev/null # fill that cache first
  for i in $(seq 7); do v+=($(first_frame_ms "$n" "$2")); done
  printf '%s\n' "${v[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%d | %d | %d", a[int((NR+1)/2)], a[1], a[NR]}'
}

run_avail; run_curl; run_avail_warm # warm the server's caches, and fill avail's
declare -a A C W P CP PY
for i in $(seq "$RUNS"); do
  t0=$(now_ns); run_avail; t1=$(now_ns); A+=($(( (t1 - t0) / 1000 )))
  t0=$(now_ns); run_curl; t1=$(now_ns); C+=($(( (t1 - t0) / 1000 )))
  t0=$(now_ns); run_avail_warm; t1=$(now_ns); W+=($(( (t1 - t0) / 1000 )))
  t0=$(now_ns); run_avail_post; t1=$(now_ns); P+=($(( (t1 - t0) / 1000 )))
  t0=$(now_ns); run_curl_post; t1=$(now_ns); CP+=($(( (t1 - t0) / 1000 )))
  t0=$(now_ns); run_python; t1=$(now_ns); PY+=($(( (t1 - t0) / 1000 )))
done
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f %.1f %.1f", m/1000, a[1]/1000, a[NR]/1000}'; }
read -r am amin amax <<<"$(stats "${A[@]}")"
read -r cm cmin cmax <<<"$(stats "${C[@]}")"
read -r wm wmin wmax <<<"$(stats "${W[@]}")"
read -r pm pmin pmax <<<"$(stats "${P[@]}")"
read -r cpm cpmin cpmax <<<"$(stats "${CP[@]}")"
read -r pym pymin pymax <<<"$(stats "${PY[@]}")"
rss_py=$( { /usr/bin/time -f '%M' python3 Tests/Bench/python_caldav_freebusy.py "$URL/" alice alicepw $ATTENDEES >/dev/null; } 2>&1 | tail -1 )
rss_warm=$( { /usr/bin/time -f '%M' bash -c "$(declare -f run_avail_warm); ATTENDEES='$ATTENDEES' tmp=$tmp BIN=$BIN URL=$URL run_avail_warm" ; } 2>&1 | tail -1 )
rss=$( { /usr/bin/time -f '%M' bash -c "$(declare -f run_avail); ATTENDEES='$ATTENDEES' tmp=$tmp BIN=$BIN URL=$URL run_avail" ; } 2>&1 | tail -1 )
ratio=$(awk -v a="$am" -v c="$cm" 'BEGIN{printf "%.2f", a/c}')
{
  echo "# avail benchmark"
  echo
  echo "Machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d). Server: local DAViCal ($URL). $RUNS interleaved runs each; 5 attendees, 5 days."
  echo
  echo "| case | median ms | min ms | max ms | ratio to curl | peak MiB |"
  echo "| --- | --- | --- | --- | --- | --- |"
  echo "| cold \`avail query\` (discovery + POST + parse + JSON) | $am | $amin | $amax | $ratio | $(awk -v k="$rss" 'BEGIN{printf "%.1f", k/1024}') |"
  echo "| curl, same 3 exchanges, no parsing | $cm | $cmin | $cmax | 1.00 | |"
  echo "| python caldav $(python3 -c 'import caldav; print(caldav.__version__)'): discovery + freebusy_request | $pym | $pymin | $pymax | $(awk -v a="$pym" -v c="$cm" 'BEGIN{printf "%.2f", a/c}') | $(awk -v k="$rss_py" 'BEGIN{printf "%.1f", k/1024}') |"
  echo "| (avail is $(awk -v a="$am" -v p="$pym" 'BEGIN{printf "%.1f", p/a}')× faster than python caldav) | | | | | |"
  echo "| warm \`avail query\` (answers and discovery cached, no network) | $wm | $wmin | $wmax | $(awk -v a="$wm" -v c="$cm" 'BEGIN{printf "%.2f", a/c}') | $(awk -v k="$rss_warm" 'BEGIN{printf "%.1f", k/1024}') |"
  echo "| \`avail query --refresh\` (discovery cached: one POST) | $pm | $pmin | $pmax | $(awk -v a="$pm" -v c="$cpm" 'BEGIN{printf "%.2f", a/c}') (to one curl POST) | |"
  echo "| curl, one POST | $cpm | $cpmin | $cpmax | 1.00 | |"
  echo
  echo "## The planner"
  echo
  echo "| case | median ms | min ms | max ms |"
  echo "| --- | --- | --- | --- |"
  for n in 3 50; do
    echo "| start to first complete frame, $n attendees, real terminal (tmux), local DAViCal | $(first_frame_stats "$n" "") |"
  done
  echo "| start to first complete frame, 3 attendees, from the cache | $(first_frame_stats 3 "$tmp/planner-warm") |"
  echo
  echo "CPU per key press (state change + full render into the cell grid), from \`avail-bench\`:"
  echo
  echo "| case | iterations | CPU µs per key press |"
  echo "| --- | --- | --- |"
  "${BENCH_BIN:-.build/release/avail-bench}" | awk -F'\t' '{printf "| %s | %s | %s |\n", $1, $2, $3}'
  echo
  echo "## The slot finder (no server: generated busy time, 30-min slots, 15-min step, 4 weeks)"
  echo
  echo "| case | busy periods | slots | CPU ms | peak MiB |"
  echo "| --- | --- | --- | --- | --- |"
  for n in 100 200; do
    line=$( { /usr/bin/time -f 'RSS %M' "${BENCH_BIN:-.build/release/avail-bench}" slots "$n" 28; } 2>&1 )
    rss_kib=$(sed -n 's/^RSS //p' <<<"$line")
    grep -v '^RSS ' <<<"$line" | awk -F'\t' -v r="$rss_kib" '{printf "| %s | %s | %s | %s | %.1f |\n", $1, $2, $3, $4, r/1024}'
  done
} > "$OUT"
cat "$OUT"
