#!/usr/bin/env bash
# Stops the daemons that setup-cluster.sh started (slurmd, slurmctld, slurmdbd, MariaDB, munged),
# each by the pid in its pid file. Jobs still running are ended with their slurmd. Packages and configuration stay;
# setup-cluster.sh starts the cluster again.
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "stop-cluster: run as root: sudo $0" >&2; exit 1; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/cluster-paths.sh"

stop_pid_file "$SLURMD_PID_FILE" slurmd
stop_pid_file "$SLURMCTLD_PID_FILE" slurmctld
stop_pid_file "$SLURMDBD_PID_FILE" slurmdbd
stop_pid_file "$MARIADB_PID_FILE" MariaDB
stop_pid_file "$MUNGE_PID_FILE" munged
