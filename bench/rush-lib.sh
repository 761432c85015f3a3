# CPU seconds used so far, for the benchmarks that measure the application and PostgreSQL
# beside each other (sourced by bench/checkin-rush.sh and bench/checkin-ab.sh).
# A process's user and system time.
process_cpu_seconds() { awk '{print ($14 + $15) / 100}' "/proc/$1/stat"; }
# An embedded PostgreSQL's: every server process, plus what the postmaster collected from
# exited ones. $1: its data folder.
postgres_cpu_seconds() {
  local postmaster
  postmaster=$(head -1 "$1/postmaster.pid")
  { awk '{print $16 + $17}' "/proc/$postmaster/stat"
    for p in $(pgrep -P "$postmaster") "$postmaster"; do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null; done
  } | awk '{s += $1} END {print s / 100}'
}
