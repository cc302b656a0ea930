#!/usr/bin/env bash
# Optional, not part of the build: recomputes the TA-Lib reference files of the edge-case tests
# (src/test/resources/data/edge_*.csv and edge_*.talib.csv). Needs npm, gcc and python3.
#
# TA-Lib C 0.6.0's source comes from the npm package `talib` 2.0.5 (the same source that produced the
# BTC and Apple reference files); it is compiled here with gcc, outside the repository, and linked
# with oracle.c. Usage: talib-oracle.sh [WORK_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../../src/test/resources/data
work=${1:-${TMPDIR:-/tmp}/rez-talib-oracle}
specs="rsi:14 rsi:2 ema:12 sma:20 wma:10 macd:12:26:9 atr:14 tr bb:20:2 stddev:5 stoch:14:3:3 stoch:5:1:1 adx:14 adx:2 obv roc:10"

mkdir -p "$work/obj"
cd "$work"
[ -f talib-2.0.5.tgz ] || npm pack talib@2.0.5 >/dev/null
[ -d package ] || tar xzf talib-2.0.5.tgz
src=$work/package/src/lib
if [ ! -f libta.a ]; then
  # the package's own build links objects made for another platform: compile the C sources here
  for f in "$src"/src/ta_func/*.c "$src"/src/ta_common/*.c; do
    gcc -O2 -c -I"$src/include" -I"$src/src/ta_common" -I"$src/src/ta_func" "$f" -o "obj/$(basename "$f" .c).o"
  done
  ar rcs libta.a obj/*.o
fi
gcc -O2 -I"$src/include" "$here/oracle.c" libta.a -lm -o oracle

python3 "$here/edge_series.py" "$data"
for bars in "$data"/edge_*.csv; do
  case $bars in *.talib.csv) continue ;; esac
  # shellcheck disable=SC2086
  ./oracle $specs <"$bars" >"${bars%.csv}.talib.csv"
  echo "wrote ${bars%.csv}.talib.csv"
done
