#!/usr/bin/env bash
# Functions shared by bench/run.sh and bench/run-issue12.sh (sourced, not run).

# machine_info JAVA...: the machine and each given java's version, for machine.txt
machine_info() {
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  lscpu | grep -E '^(Model name|Thread|Core|Socket|CPU\(s\)|Hypervisor)' || true
  grep MemTotal /proc/meminfo || true
  for j in "$@"; do
    "$j" -version 2>&1
  done
  uname -srm
  grep PRETTY_NAME /etc/os-release || true
}

# noise LABEL: what else used the CPU: load average and /proc/stat's cpu line
# (user nice system idle iowait irq softirq steal)
noise() {
  echo "$1: $(cut -d' ' -f1-3 /proc/loadavg) | $(grep '^cpu ' /proc/stat)"
}
