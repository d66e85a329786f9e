#!/usr/bin/env bash
# The sweep benchmark (issue 3): 1,000 points x 10 replications of an 8-hour, 100-agent
# center, on 1 and on 2 worker threads. Prints wall times and the speed-up, and checks
# that both outputs are byte-identical.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p sim-cli
out=$(mktemp -d)
args=(sweep benches/sweep-100-agents.toml
  --vary agent_groups.agents.agents=95..104
  --vary contact_types.calls.handle_time.mean=3m30s..4m15s:5s
  --vary contact_types.calls.patience.mean=1m..10m:1m
  --quiet)
t1=$( { /usr/bin/time -f %e ./target/release/ccsim "${args[@]}" -j 1 -o "$out/j1.csv"; } 2>&1 )
t2=$( { /usr/bin/time -f %e ./target/release/ccsim "${args[@]}" -j 2 -o "$out/j2.csv"; } 2>&1 )
cmp "$out/j1.csv" "$out/j2.csv"
points=$(($(wc -l < "$out/j1.csv") - 1))
echo "sweep: $points points x 10 replications: -j 1 ${t1}s, -j 2 ${t2}s, speed-up $(echo "scale=2; $t1 / $t2" | bc)x (outputs identical)"
