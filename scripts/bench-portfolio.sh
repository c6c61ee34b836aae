#!/usr/bin/env bash
# The portfolio benchmark of issue 20: the 500-contract synthetic
# portfolio (2.47M KPI-months, every regime) through the portfolio path,
# on one core and then on two in each of RUNS runs (default 10), so that
# the two interleave; then the medians of KPI-months a second per core on
# one core and on two, of the speed-up from one to two and of the peak
# heap; then the speed-ups of the runs that had at least 90% of the cores
# they asked for. The machine is shared: run it in a quiet moment (uptime,
# /proc/pressure/cpu), and read the figures of one run together: a spin
# that parallelises perfectly runs beside each, and cores-had says how
# much of the cores each run had.
#
#   scripts/bench-portfolio.sh
#   RUNS=20 scripts/bench-portfolio.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
uptime
go test -run '^$' -bench PortfolioRun -benchtime 1x -count "$RUNS" ./internal/synth | tee "$out"
uptime
# median prints the median of the values of the metric named $1.
median() {
  awk -v m="$1" '$1 ~ /^BenchmarkPortfolioRun/ { for (i = 2; i < NF; i++) if ($(i+1) == m) print $i }' "$out" |
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2 }'
}
# quiet prints the speed-ups of the runs that had at least 90% of the
# cores they asked for, on one core and on two.
quiet() {
  awk '$1 ~ /^BenchmarkPortfolioRun/ {
    for (i = 2; i < NF; i++) v[$(i+1)] = $i
    if (v["cores-had@1"] >= 0.9 && v["cores-had@2"] >= 0.9) print v["speed-up"]
  }' "$out"
}
echo "medians of $RUNS runs:"
for m in kpi-months/s/core@1 kpi-months/s/core@2 speed-up spin-speed-up cpu@2/cpu@1 cores-had@1 cores-had@2 peak-heap-MB peak-live-MB; do
  printf '  %-22s %s\n' "$m" "$(median "$m")"
done
echo "speed-ups of the runs that had at least 90% of their cores: $(quiet | sort -g | tr '\n' ' ')"
