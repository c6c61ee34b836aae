#!/usr/bin/env bash
# The timed comparison of issue 14: `servicecredit evaluate -format csv`
# against the pandas script a finance analyst would write instead
# (../shared/bench/pandas_credits.py), on the same 1.2-million-row file
# (500 KPIs x 20 organisations x 120 months), run alternately RUNS times
# (default 5) and reported as the medians of wall time and peak memory
# (/usr/bin/time -v), then the clean refusal of a 1 GB measurements file.
#
# Needs python3 and GNU time; pandas from Debian for the comparison
# (apt-get install -y python3-pandas; run with /usr/bin/python3). The
# generator and the pandas script are found in $BENCH (default
# ../shared/bench beside the repository). The machine is shared: run it in
# a quiet moment, and compare the medians of the same run.
#
#   scripts/bench-pandas.sh            # the comparison, then the 1 GB refusal
#   RUNS=9 scripts/bench-pandas.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
BENCH=${BENCH:-$repo/../shared/bench}
[ -d "$BENCH" ] || BENCH=/work/shared/bench
RUNS=${RUNS:-5}
PY=${PY:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== building servicecredit"
go build -o "$work/servicecredit" ./cmd/servicecredit
"$work/servicecredit" version

echo "== generating the 1.2-million-row file (gen_big.py 500 20 120)"
python3 "$BENCH/gen_big.py" 500 20 120 "$work/m.csv" "$work/c.yaml"
ls -l "$work/m.csv"

# measure NAME COMMAND...: runs COMMAND under GNU time, appending
# "seconds kilobytes" to $work/NAME.
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.one" "$@" >/dev/null
  cat "$work/$name.one" >>"$work/$name"
}

for i in $(seq "$RUNS"); do
  measure go "$work/servicecredit" evaluate -format csv "$work/c.yaml" "$work/m.csv"
  measure pandas "$PY" "$BENCH/pandas_credits.py" "$work/m.csv" "$work/pandas.csv"
  echo "run $i: servicecredit $(tail -1 "$work/go") | pandas $(tail -1 "$work/pandas")   (seconds, peak KB)"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
echo "| $RUNS runs, alternating | wall time, median (s) | peak memory, median (MB) |"
echo "|---|---|---|"
for name in go pandas; do
  t=$(cut -d' ' -f1 "$work/$name" | median)
  m=$(cut -d' ' -f2 "$work/$name" | median)
  label=$([ "$name" = go ] && echo "servicecredit evaluate -format csv" || echo "pandas_credits.py")
  echo "| $label | $t | $(awk -v k="$m" 'BEGIN {printf "%.0f", k/1024}') |"
done

echo
echo "== a 1 GB measurements file (the same rows over and over): refused, never a crash"
cp "$work/m.csv" "$work/big.csv"
while [ "$(stat -c %s "$work/big.csv")" -lt 1073741824 ]; do
  tail -n +2 "$work/m.csv" >>"$work/big.csv"
done
truncate -s 1073741824 "$work/big.csv"
ls -l "$work/big.csv"
set +e
/usr/bin/time -f "%e s, peak %M KB" "$work/servicecredit" evaluate -format csv "$work/c.yaml" "$work/big.csv" >/dev/null
echo "exit status $? (4: a documented limit)"
echo "-- the same from standard input, where the size is not known in advance"
cat "$work/big.csv" | /usr/bin/time -f "%e s, peak %M KB" "$work/servicecredit" evaluate -format csv "$work/c.yaml" - >/dev/null
echo "exit status $? (4: a documented limit)"
