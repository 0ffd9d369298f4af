#!/usr/bin/env bash
# The release explorer in a real terminal (tmux): peak memory (VmHWM), the binary's own
# CHIPCAST_TRACE timings, and a rough key-to-screen bound seen from outside. For the figures
# of docs/performance.md ("Explorer at 10,000 samples"); needs tmux and a release build.
#
# Usage: scripts/explorer-tmux.sh [BINARY] [KEYS]   (default target/release/chipcast, 200)
# Prints VmHWM and VmRSS before quitting, the trace's start and key-to-frame figures, and the
# key-to-screen times: from `tmux send-keys` returning to `capture-pane` first showing the
# changed header/lever text (deterministic run), and to the KPI band text changing (bands).
set -euo pipefail
bin=${1:-target/release/chipcast}
keys=${2:-200}
session=chipcast-perf-$$
trace=$(mktemp)
cleanup() { tmux kill-session -t "$session" 2>/dev/null || true; rm -f "$trace"; }
trap cleanup EXIT

tmux new-session -d -s "$session" -x 120 -y 40 "CHIPCAST_TRACE=$trace $bin"
sleep 1.5
pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')

now_ms() { date +%s%3N; }
# The KPI rows (last four lines but the footer): the p10-p90 bands are printed there.
kpi() { tmux capture-pane -p -t "$session" | tail -n 4 | head -n 3; }
# Lever steps (l/h) on hub_enforcement, a number lever; read what changes on screen.
for _ in 1 2 3 4 5 6 7 8; do tmux send-keys -t "$session" j; sleep 0.05; done
sleep 0.5
screen_ms=()
bands_ms=()
for i in $(seq 1 "$keys"); do
  if (( i % 2 )); then k=l; else k=h; fi
  before=$(kpi)
  t0=$(now_ms)
  tmux send-keys -t "$session" "$k"
  # Poll until the KPI text changes (the deterministic run is drawn first, then the bands
  # change the band line again); record the first change and the last within 300 ms.
  first=""
  last=""
  prev=$before
  while (( $(now_ms) - t0 < 300 )); do
    cur=$(kpi)
    if [[ "$cur" != "$prev" ]]; then
      [[ -z "$first" ]] && first=$(( $(now_ms) - t0 ))
      last=$(( $(now_ms) - t0 ))
      prev=$cur
    fi
  done
  [[ -n "$first" ]] && screen_ms+=("$first")
  [[ -n "$last" ]] && bands_ms+=("$last")
done
echo "explorer pid $pid"
grep -E 'VmHWM|VmRSS' "/proc/$pid/status" || true
tmux send-keys -t "$session" q
sleep 0.5
stats() { sort -n | awk '{a[NR]=$1} END {if (NR) printf "n %d  p50 %s  p99 %s  worst %s\n", NR, a[int((NR+1)/2)], a[int(NR*0.99+0.999)], a[NR]}'; }
echo "trace first_frame_us: $(grep first_frame_us "$trace" | awk '{print $2}')"
echo "trace bands_in_us: $(grep bands_in_us "$trace" | awk '{print $2}')"
echo -n "trace key_to_frame_us: "; grep key_to_frame_us "$trace" | awk '{print $2}' | stats
echo -n "key to first screen change, ms (tmux, 1 ms polling): "; printf '%s\n' "${screen_ms[@]}" | stats
echo -n "key to last screen change within 300 ms (bands), ms: "; printf '%s\n' "${bands_ms[@]}" | stats
