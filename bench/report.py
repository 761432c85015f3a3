"""Summarises bench/checkin-rush.sh's results.jsonl into report.md and the headline line."""
import json
import sys

results, report, startup_ms, idle_rss, load_rss, small, large, cores, cpu, java = sys.argv[1:11]
face_rss = sys.argv[11:13]
rows = [json.loads(line) for line in open(results, encoding="utf-8")]


def by(label, phase):
    return next((r for r in rows if r["label"] == label and r.get("phase") == phase), None)


def per_txn(run):
    """PostgreSQL's CPU ms per transaction of a pgbench run."""
    return 1000 * run["pgCpuSeconds"] / run["transactions"] if run and run.get("transactions") else 0


def check_in_phase_cpu(cin, server):
    """CPU ms per check-in of the check-in phase alone, application / PostgreSQL."""
    if "pgCpuAt" not in cin or "pgCpu0" not in server:
        return "—"
    return (f"{1000 * (cin['appCpuAt'] - server['appCpu0']) / cin['requests']:.2f} / "
            f"{1000 * (cin['pgCpuAt'] - server['pgCpu0']) / cin['requests']:.2f}")


long_seconds = next((r.get("seconds", 15) for r in rows if r.get("phase") == "pgbench-long"), 15)
levels = sorted({int(r["load"]) for r in rows if r.get("mode") == "closed" and r["label"].startswith("closed-")})
lines = ["# Check-in rush results", "",
         f"Machine: {cores} cores ({cpu}), {java}; start-up {startup_ms} ms; RSS 2 s after ready {int(idle_rss) // 1024} MiB (the idle figure, 30 s after, is bench/startup.sh's), "
         f"RSS after the run {int(load_rss) // 1024} MiB.", "",
         "| concurrency | app check-in req/s | p50 ms | p95 ms | p99 ms | max ms | app check-out req/s | check-out p99 ms "
         f"| pgbench tps, same work | ratio | pgbench tps over {long_seconds} s | ratio to it "
         "| CPU ms per request: app / PostgreSQL / client | CPU ms per check-in, check-in phase alone: app / PostgreSQL "
         f"| PostgreSQL CPU ms per pgbench transaction: same work / {long_seconds} s | outcomes (check-in) |",
         "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
best = None
errors = sum(r.get("unexpected", 0) for r in rows)
for level in levels:
    cin, cout, server = by(f"closed-{level}", "check-in"), by(f"closed-{level}", "check-out"), by(f"closed-{level}", "server")
    pg, pg_long = by(f"pgbench-{level}", "pgbench"), by(f"pgbench-{level}", "pgbench-long")
    tps = pg["tps"] if pg else 0
    ratio = cin["rps"] / tps if tps else 0
    tps_long = pg_long["tps"] if pg_long else 0
    ratio_long = cin["rps"] / tps_long if tps_long else 0
    requests = cin["requests"] + cout["requests"]
    client = cin.get("clientCpuSeconds", 0) + cout.get("clientCpuSeconds", 0)
    alone = check_in_phase_cpu(cin, server)
    lines.append(f"| {level} | {cin['rps']:.0f} | {cin['p50']:.1f} | {cin['p95']:.1f} | {cin['p99']:.1f} | {cin['max']:.1f} "
                 f"| {cout['rps']:.0f} | {cout['p99']:.1f} | {tps:.0f} | {ratio:.2f} | {tps_long:.0f} | {ratio_long:.2f} "
                 f"| {1000 * server['cpuSeconds'] / requests:.2f} / {1000 * server.get('pgCpuSeconds', 0) / requests:.2f} "
                 f"/ {1000 * client / requests:.2f} | {alone} | {per_txn(pg):.2f} / {per_txn(pg_long):.2f} "
                 f"| {json.dumps(cin['outcomes'], ensure_ascii=False)} |")
    if best is None or ratio > best[0]:
        best = (ratio, cin, tps)
lines += ["", "| open loop | sessions in table | offered req/s | achieved req/s | p50 ms | p95 ms "
              "| p99 ms | max ms | unexpected |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
open_rows = [("open-saturation", "—")] + [(f"open-80pct-{size}-{n}", count)
                                          for size, count in (("small", small), ("large", large)) for n in (1, 2)]
open_rows += [(f"idle-rush-{n}", "— (after an idle spell)") for n in (1, 2, 3)]
for label, sessions in open_rows:
    r = by(label, "check-in")
    if r:
        lines.append(f"| {label} | {sessions} | {r['load']} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} "
                     f"| {r['p99']:.1f} | {r['max']:.1f} | {r['unexpected']} |")


def mean_of(size, key):
    runs = [by(f"open-80pct-{size}-{n}", "check-in") for n in (1, 2)]
    values = [r[key] for r in runs if r]
    return sum(values) / len(values) if values else 0


if by("open-80pct-small-1", "check-in") and by("open-80pct-large-1", "check-in"):
    growth = []
    for key in ("p50", "p95", "p99"):
        before, after = mean_of("small", key), mean_of("large", key)
        growth.append(f"{key} {before:.1f} → {after:.1f} ms ({100 * (after - before) / before:+.0f} %)")
    lines += ["", f"Growth from {small} to {large} sessions (mean of the two runs at 80 %): " + ", ".join(growth) + "."]
bare_levels = [level for level in levels if by(f"bare-{level}", "check-in")]
if bare_levels:
    lines += ["", "Second baseline (BARE=on): pgbench's transaction behind Yixing's check-in request on a bare Spring "
                  "Boot application (bench/checkin-rush-bare), the same load generator, right after pgbench.", "",
              "| concurrency | bare check-in req/s | p99 ms | ratio to pgbench, same work | Yixing's rate / bare's "
              "| CPU ms per check-in, bare: app / PostgreSQL | same, Yixing's check-in phase |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for level in bare_levels:
        bare, bare_server = by(f"bare-{level}", "check-in"), by(f"bare-{level}", "server")
        cin, server = by(f"closed-{level}", "check-in"), by(f"closed-{level}", "server")
        pg = by(f"pgbench-{level}", "pgbench")
        tps = pg["tps"] if pg else 0
        lines.append(f"| {level} | {bare['rps']:.0f} | {bare['p99']:.1f} | {bare['rps'] / tps if tps else 0:.2f} "
                     f"| {cin['rps'] / bare['rps']:.2f} | {1000 * bare_server['cpuSeconds'] / bare['requests']:.2f} / "
                     f"{1000 * bare_server['pgCpuSeconds'] / bare['requests']:.2f} | {check_in_phase_cpu(cin, server)} |")
enrol, face = by("face", "face-enrolment"), by("face", "face-check-in")
if enrol and face:
    lines += ["", f"Face, after the rush on the same server: {enrol['requests']} enrolments two at a time "
                  f"(p50 {enrol['p50']:.1f} ms), {face['requests']} face check-ins with 640x480 camera frames four at "
                  f"a time ({face['rps']:.1f} per second, p50 {face['p50']:.1f} ms, p99 {face['p99']:.1f} ms, "
                  f"{json.dumps(face['outcomes'], ensure_ascii=False)}); RSS {int(face_rss[0]) // 1024} MiB 15 s later, "
                  f"{int(face_rss[1]) // 1024} MiB 60 s later."]
lines += ["", f"Unexpected errors in all phases: {errors}."]
open(report, "w", encoding="utf-8").write("\n".join(lines) + "\n")
print("\n".join(lines))
ratio, cin, tps = best
print(f"checkin-rush: app {cin['rps']:.1f} req/s, pgbench {tps:.1f} tps, ratio {ratio:.2f}, p99 {cin['p99']:.1f} ms, "
      f"errors {errors}")
