"""Summarises bench/checkin-rush.sh's results.jsonl into report.md and the headline line."""
import json
import sys

results, report, startup_ms, idle_rss, load_rss, small, large, cores, cpu, java = sys.argv[1:11]
rows = [json.loads(line) for line in open(results, encoding="utf-8")]


def by(label, phase):
    return next((r for r in rows if r["label"] == label and r.get("phase") == phase), None)


levels = sorted({int(r["load"]) for r in rows if r.get("mode") == "closed" and r["label"].startswith("closed-")})
lines = ["# Check-in rush results", "",
         f"Machine: {cores} cores ({cpu}), {java}; start-up {startup_ms} ms; idle RSS {int(idle_rss) // 1024} MiB, "
         f"RSS after the run {int(load_rss) // 1024} MiB.", "",
         "| concurrency | app check-in req/s | p50 ms | p95 ms | p99 ms | max ms | app check-out req/s | check-out p99 ms "
         "| pgbench tps | ratio | server CPU s | outcomes (check-in) |",
         "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
best = None
errors = sum(r.get("unexpected", 0) for r in rows)
for level in levels:
    cin, cout, server = by(f"closed-{level}", "check-in"), by(f"closed-{level}", "check-out"), by(f"closed-{level}", "server")
    pg = by(f"pgbench-{level}", "pgbench")
    tps = pg["tps"] if pg else 0
    ratio = cin["rps"] / tps if tps else 0
    lines.append(f"| {level} | {cin['rps']:.0f} | {cin['p50']:.1f} | {cin['p95']:.1f} | {cin['p99']:.1f} | {cin['max']:.1f} "
                 f"| {cout['rps']:.0f} | {cout['p99']:.1f} | {tps:.0f} | {ratio:.2f} | {server['cpuSeconds']:.1f} "
                 f"| {json.dumps(cin['outcomes'], ensure_ascii=False)} |")
    if best is None or ratio > best[0]:
        best = (ratio, cin, tps)
lines += ["", "| open loop (80 % of the best rate) | sessions in table | offered req/s | achieved req/s | p50 ms | p95 ms "
              "| p99 ms | max ms | unexpected |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
for label, sessions in (("open-80pct-small", small), ("open-80pct-large", large)):
    r = by(label, "check-in")
    if r:
        lines.append(f"| {label} | {sessions} | {r['load']} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} "
                     f"| {r['p99']:.1f} | {r['max']:.1f} | {r['unexpected']} |")
small_r, large_r = by("open-80pct-small", "check-in"), by("open-80pct-large", "check-in")
if small_r and large_r:
    lines += ["", f"Growth: p50 {small_r['p50']:.1f} → {large_r['p50']:.1f} ms, p99 {small_r['p99']:.1f} → "
                  f"{large_r['p99']:.1f} ms from {small} to {large} sessions."]
lines += ["", f"Unexpected errors in all phases: {errors}."]
open(report, "w", encoding="utf-8").write("\n".join(lines) + "\n")
print("\n".join(lines))
ratio, cin, tps = best
print(f"checkin-rush: app {cin['rps']:.1f} req/s, pgbench {tps:.1f} tps, ratio {ratio:.2f}, p99 {cin['p99']:.1f} ms, "
      f"errors {errors}")
