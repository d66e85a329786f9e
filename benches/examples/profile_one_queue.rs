//! Runs the one-queue 2,050-agent center for `N` simulated 8-hour days (default 10), or
//! with `multi` the 24-hour 1,000-agent multi-skill day, and prints simulated calls per
//! second: a target for `perf record` / `valgrind`.
//!
//! `cargo run --release -p ccsim-benches --example profile_one_queue -- 10 [multi]`

use std::time::Instant;

fn main() {
    let days: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let s = match std::env::args().nth(2).as_deref() {
        Some("multi") => ccsim_benches::multi_skill_1000(),
        _ => ccsim_benches::one_queue_2050(8),
    };
    let start = Instant::now();
    let mut calls = 0;
    let mut events = 0;
    for r in 0..days {
        let res = sim_core::Simulation::new_replication(&s, 1, r).finish();
        calls += res.stats.contacts_simulated;
        events += res.stats.events;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{days} days, {calls} calls, {events} events in {secs:.3} s: {:.2} M calls/s, {:.1} ns/event",
        calls as f64 / secs / 1e6,
        secs * 1e9 / events as f64
    );
}
