#!/usr/bin/env bash
# Submits a sweep to Slurm as an N-task array (one shard per task) and its merge as a job that runs
# only after every task succeeded; prints both job ids.
#
#   harness/slurm/submit.sh [--budget B] [--shards N] [--out DIR] [--merged DIR] TABLE
#
# --out holds the shards' results and the job logs (default: target/slurm/TABLE-B). --merged, if
# given, receives the merged results, table and figure; otherwise they go where `reproduce` puts
# them. Partition, time limit, account etc. come from sbatch's own environment variables
# (SBATCH_PARTITION, SBATCH_TIMELIMIT, SBATCH_ACCOUNT, ...). Run from any folder of a checkout that
# the compute nodes see at the same path.
set -euo pipefail

die() { echo "submit: $*" >&2; exit 1; }
usage="usage: harness/slurm/submit.sh [--budget B] [--shards N] [--out DIR] [--merged DIR] TABLE"

budget=quick shards=7 out="" merged="" table=""
while [ $# -gt 0 ]; do
  case "$1" in
    --budget) budget="${2:?$usage}"; shift 2 ;;
    --shards) shards="${2:?$usage}"; shift 2 ;;
    --out) out="${2:?$usage}"; shift 2 ;;
    --merged) merged="${2:?$usage}"; shift 2 ;;
    -h|--help) echo "$usage"; exit 0 ;;
    -*) die "unknown option $1; $usage" ;;
    *) [ -z "$table" ] || die "one TABLE only; $usage"; table="$1"; shift ;;
  esac
done
[ -n "$table" ] || die "$usage"
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || die "--shards must be a positive whole number, not '$shards'."
command -v sbatch >/dev/null || die "sbatch not found: run on a Slurm login node (or harness/slurm/setup-cluster.sh here)."

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$(realpath -m "${out:-$root/target/slurm/$table-$budget}")"
[ -z "$merged" ] || merged="$(realpath -m "$merged")"

# Build once here, so that the array tasks do not all build at the same time, and check the table
# and budget before anything is queued.
tables="$(cd "$root" && ./sparsecode list)" || die "./sparsecode does not run; fix that first."
awk -v t="$table" '$1 == t {found = 1} END {exit !found}' <<<"$tables" \
  || die "no table '$table'; './sparsecode list' names them."
awk -v t="$table" -v b="$budget" '/^[^ ]/ {in_table = ($1 == t)} in_table && $1 == "--budget" && $2 == b {found = 1}
  END {exit !found}' <<<"$tables" \
  || die "table '$table' has no budget '$budget'; './sparsecode list' names its budgets."

mkdir -p "$out/logs"
array_job="$(sbatch --parsable --array="0-$((shards - 1))" --chdir="$root" \
  --output="$out/logs/shard-%A_%a.out" \
  "$here/shard.sbatch" "$table" "$budget" "$shards" "$out")"
array_job="${array_job%%;*}"
merge_job="$(sbatch --parsable --dependency="afterok:$array_job" --kill-on-invalid-dep=yes --chdir="$root" \
  --output="$out/logs/merge-%j.out" \
  "$here/merge.sbatch" "$table" "$budget" "$shards" "$out" ${merged:+"$merged"})"
merge_job="${merge_job%%;*}"

echo "array job $array_job: $shards shards of $table ($budget), results in $out/shard-*/results"
echo "merge job $merge_job: runs after every shard succeeded${merged:+, writes into $merged}"
echo "logs: $out/logs/   follow with: squeue -j $array_job,$merge_job"
