#!/usr/bin/env bash
# Sets up a single-node Slurm cluster on this machine (Debian or Ubuntu, run as root): installs
# slurm-wlm, munge, slurmdbd and MariaDB, writes /etc/slurm/slurm.conf from this machine's real name,
# CPUs and memory, makes sure a munge key exists, and starts munged, MariaDB (job accounting, so
# that sacct works), slurmdbd, slurmctld and slurmd, without systemd. Safe to run again: it installs
# and starts only what is missing, and restarts the Slurm daemons only if the generated
# configuration changed. stop-cluster.sh ends the daemons.
#
# Meant for trying the Slurm scripts on one machine; a real cluster already has its own slurm.conf.
set -euo pipefail

die() { echo "setup-cluster: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (it installs packages and starts system daemons): sudo $0"
command -v apt-get >/dev/null || die "needs apt-get (Debian or Ubuntu); on other systems install Slurm (with slurmdbd), munge and MariaDB by hand."

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/cluster-paths.sh"

# 1. Packages. Policy-rc.d may forbid starting services at install time (containers): we start
#    the daemons ourselves below, without systemd.
packages=(slurm-wlm munge slurmdbd mariadb-server)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-cluster: installing ${missing[*]}..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed; run 'apt-get update' and try again."
fi

# 2. Munge: a key only munge can read, its run folder, and the daemon.
install -d -o munge -g munge -m 0700 /etc/munge /var/log/munge
install -d -o munge -g munge -m 0711 /var/lib/munge
install -d -o munge -g munge -m 0755 "$MUNGE_RUN_DIR"
if [ ! -s "$MUNGE_KEY" ]; then
  echo "setup-cluster: creating the munge key $MUNGE_KEY"
  runuser -u munge -- mungekey --create --keyfile "$MUNGE_KEY"
fi
chown munge:munge "$MUNGE_KEY"
chmod 0600 "$MUNGE_KEY"
if running "$MUNGE_PID_FILE"; then
  echo "setup-cluster: munged already running (pid $(cat "$MUNGE_PID_FILE"))"
else
  runuser -u munge -- munged --pid-file="$MUNGE_PID_FILE" --socket="$MUNGE_SOCKET" --key-file="$MUNGE_KEY"
  echo "setup-cluster: started munged (pid $(cat "$MUNGE_PID_FILE"))"
fi
munge -n -S "$MUNGE_SOCKET" | unmunge -S "$MUNGE_SOCKET" >/dev/null \
  || die "munge cannot encode and decode a credential; see /var/log/munge/munged.log."

# 3. Job accounting: MariaDB on its local socket only, and a database that slurmdbd (running as the
#    slurm user) reaches through socket authentication, so that no password is stored anywhere.
install -d -o slurm -g slurm -m 0755 "$SLURM_RUN_DIR" /var/log/slurm
install -d -o mysql -g root -m 0755 "$MARIADB_RUN_DIR"
if running "$MARIADB_PID_FILE"; then
  echo "setup-cluster: MariaDB already running (pid $(cat "$MARIADB_PID_FILE"))"
else
  # mariadbd does not fork: start it in its own session, detached from this shell.
  setsid mariadbd --user=mysql --skip-networking --socket="$MARIADB_SOCKET" --pid-file="$MARIADB_PID_FILE" \
    </dev/null >>/var/log/slurm/mariadb.log 2>&1 &
  for _ in $(seq 1 60); do mariadb-admin --socket="$MARIADB_SOCKET" ping >/dev/null 2>&1 && break; sleep 0.5; done
  mariadb-admin --socket="$MARIADB_SOCKET" ping >/dev/null 2>&1 \
    || die "MariaDB did not start; see /var/log/slurm/mariadb.log."
  echo "setup-cluster: started MariaDB (pid $(cat "$MARIADB_PID_FILE"))"
fi
mariadb --socket="$MARIADB_SOCKET" -e "
  CREATE DATABASE IF NOT EXISTS slurm_acct_db;
  CREATE USER IF NOT EXISTS 'slurm'@'localhost' IDENTIFIED VIA unix_socket;
  GRANT ALL ON slurm_acct_db.* TO 'slurm'@'localhost';" \
  || die "could not create the accounting database in MariaDB."

dbd_conf="$(mktemp)"
cat >"$dbd_conf" <<CONF
# Written by harness/slurm/setup-cluster.sh; rerun it rather than editing.
AuthType=auth/munge
DbdHost=localhost
SlurmUser=slurm
PidFile=$SLURMDBD_PID_FILE
LogFile=/var/log/slurm/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=localhost
StoragePort=0
StorageLoc=slurm_acct_db
StorageUser=slurm
CONF
dbd_changed=no
if ! cmp -s "$dbd_conf" "$SLURMDBD_CONF_FILE"; then
  install -d -o root -g root -m 0755 /etc/slurm
  install -o slurm -g slurm -m 0600 "$dbd_conf" "$SLURMDBD_CONF_FILE"
  dbd_changed=yes
fi
rm -f "$dbd_conf"
[ "$dbd_changed" = no ] || stop_pid_file "$SLURMDBD_PID_FILE" slurmdbd
if running "$SLURMDBD_PID_FILE"; then
  echo "setup-cluster: slurmdbd already running (pid $(cat "$SLURMDBD_PID_FILE"))"
else
  slurmdbd
  wait_for_pid_file "$SLURMDBD_PID_FILE" || die "slurmdbd did not start; see /var/log/slurm/slurmdbd.log."
  echo "setup-cluster: started slurmdbd (pid $(cat "$SLURMDBD_PID_FILE"))"
fi

# 4. slurm.conf. The node line is slurmd's own reading of this machine (name, CPUs, sockets,
#    cores, threads, memory), so the node is never drained for claiming more than it has.
node_line="$(slurmd -C | head -n 1)"
node_name="$(sed -n 's/^NodeName=\([^ ]*\).*/\1/p' <<<"$node_line")"
cpus="$(sed -n 's/.* CPUs=\([0-9]*\).*/\1/p' <<<"$node_line")"
memory_mib="$(sed -n 's/.* RealMemory=\([0-9]*\).*/\1/p' <<<"$node_line")"
[ -n "$node_name" ] && [ -n "$cpus" ] && [ -n "$memory_mib" ] \
  || die "could not read this machine's name, CPUs and memory from 'slurmd -C': $node_line"

install -d -o slurm -g slurm -m 0755 "$SLURM_RUN_DIR" /var/lib/slurm/slurmctld /var/log/slurm
install -d -o root -g root -m 0755 /var/lib/slurm/slurmd /etc/slurm

new_conf="$(mktemp)"
trap 'rm -f "$new_conf"' EXIT
cat >"$new_conf" <<CONF
# Single-node cluster written by harness/slurm/setup-cluster.sh; rerun it rather than editing.
ClusterName=sparsecode
SlurmctldHost=$node_name
SlurmUser=slurm
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmdSpoolDir=/var/lib/slurm/slurmd
SlurmctldPidFile=$SLURMCTLD_PID_FILE
SlurmdPidFile=$SLURMD_PID_FILE
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
# No cgroups: this also works inside a container without systemd.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=5
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=$((memory_mib / cpus))
ReturnToService=2
MpiDefault=none
MinJobAge=3600
$node_line State=UNKNOWN
PartitionName=main Nodes=$node_name Default=YES MaxTime=INFINITE State=UP
CONF

conf_changed=no
if ! cmp -s "$new_conf" "$SLURM_CONF_FILE"; then
  install -o root -g root -m 0644 "$new_conf" "$SLURM_CONF_FILE"
  conf_changed=yes
  echo "setup-cluster: wrote $SLURM_CONF_FILE (node $node_name, $cpus CPUs, $memory_mib MiB)"
fi

# 5. The cluster in the accounting database (sacctmgr reads slurm.conf, so this comes after it).
for _ in $(seq 1 30); do sacctmgr -n list cluster >/dev/null 2>&1 && break; sleep 1; done
if ! sacctmgr -n -P list cluster format=cluster | grep -qx sparsecode; then
  sacctmgr -i add cluster sparsecode >/dev/null || die "sacctmgr could not add the cluster; see /var/log/slurm/slurmdbd.log."
fi

# 6. Slurm daemons: restart them only when the configuration they run with changed.
if [ "$conf_changed" = yes ]; then
  stop_pid_file "$SLURMD_PID_FILE" slurmd
  stop_pid_file "$SLURMCTLD_PID_FILE" slurmctld
fi
if running "$SLURMCTLD_PID_FILE"; then
  echo "setup-cluster: slurmctld already running (pid $(cat "$SLURMCTLD_PID_FILE"))"
else
  slurmctld
  wait_for_pid_file "$SLURMCTLD_PID_FILE" || die "slurmctld did not start; see /var/log/slurm/slurmctld.log."
  echo "setup-cluster: started slurmctld (pid $(cat "$SLURMCTLD_PID_FILE"))"
fi
if running "$SLURMD_PID_FILE"; then
  echo "setup-cluster: slurmd already running (pid $(cat "$SLURMD_PID_FILE"))"
else
  slurmd
  wait_for_pid_file "$SLURMD_PID_FILE" || die "slurmd did not start; see /var/log/slurm/slurmd.log."
  echo "setup-cluster: started slurmd (pid $(cat "$SLURMD_PID_FILE"))"
fi

# 7. Wait until the node takes jobs.
for _ in $(seq 1 30); do
  state="$(sinfo -h -n "$node_name" -o '%t' 2>/dev/null || true)"
  case "$state" in
    idle*|mix*|alloc*) echo "setup-cluster: node $node_name is $state; submit with harness/slurm/submit.sh"; exit 0 ;;
  esac
  sleep 1
done
die "node $node_name is '${state:-unknown}', not idle, after 30 s; see /var/log/slurm/slurmd.log and 'scontrol show node'."
