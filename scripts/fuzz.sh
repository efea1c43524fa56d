#!/usr/bin/env bash
# Fuzzes the parsers of untrusted input with AFL++ through SharpFuzz, time-boxed, and keeps what it finds.
#
#   scripts/fuzz.sh [TARGET|all] [SECONDS_PER_TARGET]     (defaults: all, 120)
#
# Targets are listed in fuzz/Zhangjiang.Fuzz/FuzzTargets.cs. Needs the Debian package afl++ (apt-get install -y afl++);
# the SharpFuzz instrumenter is installed from NuGet into artifacts/fuzz/tools. Each crash or hang input is copied to
# tests/Zhangjiang.Platform.Tests/FuzzInputs/TARGET/, where FuzzReplayTests replays it in the normal test run: fix the
# parser, then keep the input. Figures (executions, crashes, hangs) are printed and appended to artifacts/fuzz/summary.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
target=${1:-all}
seconds=${2:-120}
out=$root/artifacts/fuzz
saved=$root/tests/Zhangjiang.Platform.Tests/FuzzInputs

command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install -y afl++" >&2; exit 1; }
if [ ! -x "$out/tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$out/tools" >/dev/null
fi

echo "building the harness and instrumenting the parsers' assemblies..."
rm -rf "$out/bin"
dotnet publish fuzz/Zhangjiang.Fuzz -c Release -o "$out/bin" --nologo -v quiet
for dll in Zhangjiang.Platform.dll Zhangjiang.Indicators.dll MiniExcel.dll Sep.dll; do
  "$out/tools/sharpfuzz" "$out/bin/$dll"
done

if [ "$target" = all ]; then
  targets=$(ls fuzz/testcases)
else
  targets=$target
fi

export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1
printf '%-16s %12s %8s %8s %8s\n' target executions exec/s crashes hangs
for t in $targets; do
  findings=$out/findings/$t
  rm -rf "$findings" && mkdir -p "$out/findings"
  afl-fuzz -V "$seconds" -i "fuzz/testcases/$t" -o "$findings" -t 5000 -m none -- "$out/bin/Zhangjiang.Fuzz" "$t" > "$out/$t.log" 2>&1 || {
    echo "afl-fuzz failed for $t; see $out/$t.log" >&2; tail -20 "$out/$t.log" >&2; exit 1; }
  stats=$findings/default/fuzzer_stats
  execs=$(awk -F' *: *' '$1=="execs_done"{print $2}' "$stats")
  speed=$(awk -F' *: *' '$1=="execs_per_sec"{print $2}' "$stats")
  crashes=$(awk -F' *: *' '$1=="saved_crashes"{print $2}' "$stats")
  hangs=$(awk -F' *: *' '$1=="saved_hangs"{print $2}' "$stats")
  for kind in crashes hangs; do
    for f in "$findings/default/$kind"/id:*; do
      [ -f "$f" ] || continue
      mkdir -p "$saved/$t"
      cp "$f" "$saved/$t/$kind-$(sha256sum "$f" | cut -c1-16).bin"
    done
  done
  printf '%-16s %12s %8s %8s %8s\n' "$t" "$execs" "$speed" "$crashes" "$hangs"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$seconds" "$execs" "$speed" "$crashes" "$hangs" >> "$out/summary.tsv"
done
