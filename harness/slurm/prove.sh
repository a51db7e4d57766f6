#!/usr/bin/env bash
# Proves the Slurm path on this machine and writes reports/slurm-run.md: sets up (or reuses) the
# single-node cluster, runs a sweep locally, runs it again as an N-task Slurm array with the merge
# as a dependent job, and compares the two bit for bit (timing and memory aside). The comparison is
# also run on a copy with one metric changed by one unit in the last place, which must fail.
#
#   harness/slurm/prove.sh [--budget B] [--shards N] [TABLE]      (default: quick, 7, blog-fc)
#
# Exit 0 when the merged table equals the local one. Runs as root (setup-cluster.sh installs
# packages); leaves the cluster running: harness/slurm/stop-cluster.sh stops it.
set -euo pipefail

die() { echo "prove: $*" >&2; exit 1; }
budget=quick shards=7 table=blog-fc
while [ $# -gt 0 ]; do
  case "$1" in
    --budget) budget="${2:?}"; shift 2 ;;
    --shards) shards="${2:?}"; shift 2 ;;
    -*) die "unknown option $1; usage: harness/slurm/prove.sh [--budget B] [--shards N] [TABLE]" ;;
    *) table="$1"; shift ;;
  esac
done

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
work="$root/target/slurm-proof/$table-$budget"
report="$root/reports/slurm-run.md"
rm -rf "$work"
mkdir -p "$work"
log="$work/prove.log"

started="$(date -u +%FT%TZ)"
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"
setup_output="$("$here/setup-cluster.sh" 2>&1)" || { echo "$setup_output" >&2; die "the cluster did not start."; }
echo "$setup_output"

# 1. The local run, in its own folders.
local_cmd=(./sparsecode reproduce "$table" --budget "$budget" --no-progress
  --results-dir "$work/local/results" --reports-dir "$work/local/reports" --graphs-dir "$work/local/graphs")
echo "prove: local run: ${local_cmd[*]}"
t0="$(date +%s.%N)"
"${local_cmd[@]}" >"$work/local.log" 2>&1 || { tail -n 20 "$work/local.log" >&2; die "the local run failed; see $work/local.log"; }
local_seconds="$(echo "$(date +%s.%N) - $t0" | bc)"

# 2. The Slurm run: array + dependent merge; wait until the merge job has ended.
submit_cmd=(harness/slurm/submit.sh --budget "$budget" --shards "$shards" --out "$work/slurm" --merged "$work/slurm/merged" "$table")
echo "prove: slurm run: ${submit_cmd[*]}"
t0="$(date +%s.%N)"
submit_output="$("${submit_cmd[@]}")"
echo "$submit_output"
array_job="$(sed -n 's/^array job \([0-9]*\):.*/\1/p' <<<"$submit_output")"
merge_job="$(sed -n 's/^merge job \([0-9]*\):.*/\1/p' <<<"$submit_output")"
[ -n "$array_job" ] && [ -n "$merge_job" ] || die "could not read the job ids from submit.sh's output."
while squeue -h -j "$array_job,$merge_job" 2>/dev/null | grep -q .; do sleep 5; done
slurm_seconds="$(echo "$(date +%s.%N) - $t0" | bc)"
sleep 2  # let slurmctld hand the last job record to slurmdbd
sacct_cmd=(sacct -j "$array_job,$merge_job" --format=JobID%14,JobName%18,State,ExitCode,Start,End,Elapsed,TotalCPU,MaxRSS,AllocCPUS)
sacct_output="$("${sacct_cmd[@]}")"
merge_state="$(sacct -n -X -P -j "$merge_job" -o State | head -n 1)"
[ "$merge_state" = COMPLETED ] || die "the merge job $merge_job ended $merge_state; see $work/slurm/logs/"

# 3. Compare, then check that the comparison can fail.
trials="results/$table/$budget/trials"
compare_cmd=(harness/slurm/compare-results.py "$work/local/$trials" "$work/slurm/merged/$trials"
  "$work/local/reports/$table.csv" "$work/slurm/merged/reports/$table.csv")
set +e
compare_output="$("${compare_cmd[@]}" 2>&1)"; compare_rc=$?
tampered="$work/tampered"
cp -r "$work/slurm/merged/$trials" "$tampered"
first_trial="$(ls "$tampered" | head -n 1)"
python3 - "$tampered/$first_trial" <<'PY'
import math, re, sys
path = sys.argv[1]
text = open(path).read()
# Move test_accuracy by one unit in the last place: the smallest change a double can show.
def bump(m):
    return f"{m.group(1)}{repr(math.nextafter(float(m.group(2)), math.inf))}"
changed = re.sub(r"^(  test_accuracy: )(\S+)$", bump, text, count=1, flags=re.M)
assert changed != text, "no test_accuracy in " + path
open(path, "w").write(changed)
PY
control_output="$(harness/slurm/compare-results.py "$work/local/$trials" "$tampered" 2>&1)"; control_rc=$?
set -e
[ "$control_rc" -eq 1 ] || die "the comparison did not notice a one-ulp change (exit $control_rc): $control_output"

load_at_end="$(cut -d' ' -f1-3 /proc/loadavg)"
commit="$(git rev-parse HEAD)$(git diff --quiet HEAD -- . ':!reports/slurm-run.md' || echo -dirty)"
{
  echo "# Slurm run: $table ($budget budget) as a $shards-task array"
  echo
  echo "Written by \`harness/slurm/prove.sh --budget $budget --shards $shards $table\` on a single-node"
  echo "Slurm cluster set up on this machine by \`harness/slurm/setup-cluster.sh\`. Commit $commit,"
  echo "started $started. $(sinfo -V), node: \`$(slurmd -C | head -n 1)\`."
  echo "The local run used all CPUs (TensorFlow intra-op threads = CPUs); each array task used 1."
  echo "Load average (1, 5, 15 min) on this machine's $(nproc) CPUs: $load_at_start at the start, $load_at_end"
  echo "at the end; other work shared the machine, so the times below say what happened, not how fast"
  echo "sparsecode is."
  echo
  echo "**Result: $( [ "$compare_rc" -eq 0 ] && echo "the merged table is bit-identical to the local run's" || echo "the merged table DIFFERS from the local run's") (timing and memory fields aside).**"
  echo
  echo "## Commands"
  echo
  echo '```'
  echo "\$ harness/slurm/setup-cluster.sh"
  echo "$setup_output"
  echo
  echo "\$ ${local_cmd[*]}" | sed "s#$root/##g"
  echo "(local run: $(printf '%.0f' "$local_seconds") s wall)"
  echo
  echo "\$ ${submit_cmd[*]}" | sed "s#$root/##g"
  echo "$submit_output" | sed "s#$root/##g"
  echo "(submit to merge job end: $(printf '%.0f' "$slurm_seconds") s wall)"
  echo '```'
  echo
  echo "## Jobs"
  echo
  echo '```'
  echo "\$ ${sacct_cmd[*]}"
  echo "$sacct_output"
  echo '```'
  echo
  echo "## Comparison"
  echo
  echo '```'
  echo "\$ ${compare_cmd[*]}" | sed "s#$root/##g"
  echo "$compare_output" | sed "s#$root/##g"
  echo "(exit $compare_rc)"
  echo '```'
  echo
  echo "The same comparison against a copy of the merged trials in which \`test_accuracy\` of"
  echo "\`${first_trial%.yaml}\` was moved by one unit in the last place:"
  echo
  echo '```'
  echo "$control_output" | sed "s#$root/##g"
  echo "(exit $control_rc)"
  echo '```'
  echo
  echo "## Merged table"
  echo
  awk '/^\|/ {inside = 1; print; next} inside {exit}' "$work/slurm/merged/reports/$table.md"
} >"$report"
echo "prove: wrote $report"
echo "$compare_output"
exit "$compare_rc"
