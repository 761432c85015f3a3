# What the check-in benchmarks share (sourced by bench/checkin-rush.sh and bench/checkin-ab.sh).

# CPU seconds used so far: a process's user and system time.
process_cpu_seconds() { awk '{print ($14 + $15) / 100}' "/proc/$1/stat"; }
# An embedded PostgreSQL's: every server process, plus what the postmaster collected from
# exited ones. $1: its data folder. The children's counters are read in one pass, so that a
# backend collected meanwhile is rarely lost between the two reads (call
# postgres_backends_gone first where a client has just disconnected).
postgres_cpu_seconds() {
  local postmaster
  postmaster=$(head -1 "$1/postmaster.pid")
  { awk '{print $16 + $17}' "/proc/$postmaster/stat"
    (cd /proc && cat $(pgrep -P "$postmaster" | sed 's|$|/stat|') "$postmaster/stat" 2>/dev/null) | awk '{print $14 + $15}'
  } | awk '{s += $1} END {print s / 100}'
}

# Waits (at most ~5 s) until the backends of a client that has just ended (pgbench's 16 or
# 64) are gone and the postmaster has added their CPU to its own: read while they exit,
# part of it was in neither place (a 15 s pgbench at 16 clients once counted 0.11 ms of
# PostgreSQL CPU per transaction where the same work counted 0.42). $1: the data folder.
postgres_backends_gone() {
  local postmaster last=-1 same=0 now
  postmaster=$(head -1 "$1/postmaster.pid")
  for _ in $(seq 1 100); do
    now=$(pgrep -c -P "$postmaster")
    if [ "$now" = "$last" ]; then
      same=$((same + 1)); [ "$same" -ge 3 ] && return 0
    else
      same=0; last=$now
    fi
    sleep 0.05
  done
}

# Before each measured phase: the hours ledger has credited every check-out of the previous
# phase (SessionCompleted is handled asynchronously, after the check-out's commit), the
# previous round's dead session versions are vacuumed (as autovacuum does between one day's
# check-outs and the next morning's rush; the benchmarks run a day's churn every few
# seconds) and dirty pages are written out, so that no phase pays for the one before it.
# $@: the psql command for the database (psql itself, or a function that calls it).
settle_database() {
  local outstanding
  for _ in $(seq 1 120); do
    outstanding=$("$@" -Atc "SELECT count(*) FROM event_publication WHERE completion_date IS NULL")
    [ "$outstanding" = 0 ] && break
    sleep 0.5
  done
  # bench_checkins: pgbench's own rows (bench/seed.sql); left to autovacuum, pgbench's churn
  # was vacuumed during the application's next phase and billed to it
  "$@" -qc "VACUUM (ANALYZE) attendance_sessions, device_bindings, event_publication, hours_entries, bench_checkins" -c CHECKPOINT
  sync   # and the operating system has written those pages, so no phase's commits queue behind them
}
