# Paths and helpers shared by setup-cluster.sh and stop-cluster.sh (sourced, not run).
MUNGE_KEY=/etc/munge/munge.key
MUNGE_RUN_DIR=/run/munge
MUNGE_SOCKET=$MUNGE_RUN_DIR/munge.socket.2
MUNGE_PID_FILE=$MUNGE_RUN_DIR/munged.pid
SLURM_CONF_FILE=/etc/slurm/slurm.conf
SLURM_RUN_DIR=/run/slurm
SLURMCTLD_PID_FILE=$SLURM_RUN_DIR/slurmctld.pid
SLURMD_PID_FILE=$SLURM_RUN_DIR/slurmd.pid
SLURMDBD_CONF_FILE=/etc/slurm/slurmdbd.conf
SLURMDBD_PID_FILE=$SLURM_RUN_DIR/slurmdbd.pid
MARIADB_RUN_DIR=/run/mysqld
MARIADB_SOCKET=$MARIADB_RUN_DIR/mysqld.sock
MARIADB_PID_FILE=$MARIADB_RUN_DIR/sparsecode-mariadb.pid

# True when the pid file names a live process.
running() {
  local pid
  [ -s "$1" ] && pid="$(cat "$1")" && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

wait_for_pid_file() {
  for _ in $(seq 1 50); do running "$1" && return 0; sleep 0.2; done
  return 1
}

# Ends the daemon whose pid the file holds (SIGTERM, then SIGKILL after 20 s) and removes the file.
stop_pid_file() {
  local file="$1" name="$2" pid
  if ! running "$file"; then rm -f "$file"; return 0; fi
  pid="$(cat "$file")"
  kill "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "stopping $name (pid $pid): no exit after 20 s, sending SIGKILL" >&2
    kill -KILL "$pid"
  fi
  rm -f "$file"
  echo "stopped $name (pid $pid)"
}
