#!/bin/bash
# PID 1 of a simulated instance: runs in new network, mount and PID namespaces
# (unshare), lays the instance's persistent directories over the system paths
# the bootstrap writes, starts what systemd would start, runs the user data on
# the first boot the way cloud-init does, then reaps children until it is
# killed (a halt).
set -u
sim=$SIM_ROOT

ip link set lo up

# What the nginx package would bring, taken before the directory is covered.
[ -e "$sim/mime.types" ] || cp /etc/nginx/mime.types "$sim/mime.types"

# Persistent across reboots: what the bootstrap and the package manager write.
for d in /etc/systemd/system /var/www /usr/local/sbin /etc/nginx /var/log/nginx /var/lib/nginx; do
  mkdir -p "$d" "$sim/root$d"
  mount --bind "$sim/root$d" "$d"
done
for f in /etc/passwd /etc/group; do
  [ -e "$sim/root$f" ] || cp "$f" "$sim/root$f"
  mount --bind "$sim/root$f" "$f"
done
mount -t tmpfs tmpfs /run # lost at a reboot, as on an instance
mkdir -p /run/sim-systemd "$sim/log"

# network-online: the simulator links this namespace to the metadata
# service's (the instance's only link: no route out).
for _ in $(seq 200); do
  ip -o -4 addr show | grep -q ' 169\.254\.0\.2/' && break
  sleep 0.05
done

export PATH="$sim/bin:$PATH"
export SIM_STATE=/run/sim-systemd

# systemd: start every enabled unit.
for link in /etc/systemd/system/multi-user.target.wants/*; do
  [ -e "$link" ] && systemctl start --no-block "$(basename "$link")"
done

# cloud-init: the user data runs once per instance, on its first boot.
if [ ! -e "$sim/user-data-ran" ]; then
  touch "$sim/user-data-ran"
  "$sim/user-data" >>"$sim/log/cloud-init-output.log" 2>&1
  echo "exit $?" >>"$sim/log/cloud-init-output.log"
fi
touch /run/sim-booted

while true; do
  sleep 1 &
  wait $!
done
