# What the check-in benchmarks share (sourced by bench/checkin-rush.sh and bench/checkin-ab.sh).

# CPU seconds used so far: a process's user and system time.
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
