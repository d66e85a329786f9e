//! The simulator against the Erlang C and Erlang A formulas (DESIGN §5, "statistical
//! truth"). Each case runs 20 independent replications of a long stationary day after a
//! warm-up and compares service level, ASA, abandonment and occupancy with theory.
//!
//! The bar: a KPI agrees if it is within the larger of its 95 % confidence half-width
//! and 0.5 percentage points (1 s for ASA). The suite makes 56 such comparisons, so even
//! a perfect simulator misses a nominal 95 % interval about 2.8 times by chance. The test
//! is therefore stated as a statistician would state it:
//! 1. *no bias*: every comparison is within its family-wise 95 % interval (Bonferroni
//!    over the 56 comparisons: t(1 − 0.05/112, 19 df) = 3.933 instead of
//!    t(0.975, 19) = 2.093) or within the floor; a real bias fails here;
//! 2. *chance level*: at most 3 of the 56 comparisons miss their nominal 95 % interval
//!    and floor (the expected count is ≤ 2.8).
//!
//! Seeds are fixed, so the outcome is deterministic.

use sim_core::dist::Dist;
use sim_core::erlang::Queue;
use sim_core::report::Report;
use sim_core::scenario::Scenario;
use sim_core::time::SimDuration;

struct Case {
    per_hour: f64,
    aht: f64,
    agents: u32,
    patience: Option<f64>,
    threshold: f64,
}

/// Comparisons in the whole suite, and the ratio of the family-wise to the nominal
/// half-width for 19 degrees of freedom.
const COMPARISONS: usize = 56;
const FAMILY_OVER_NOMINAL: f64 = 3.933_023 / 2.093_024;

/// Outcome of one case: (failures of the family-wise bound, misses of the nominal bar).
fn check(c: &Case) -> (Vec<String>, Vec<String>) {
    let q = Queue {
        arrival_rate: c.per_hour / 3600.0,
        mean_handle: c.aht,
        agents: c.agents,
        patience: c.patience,
    };
    let theory = q.metrics(c.threshold);
    // About 60,000 calls per replication (at most 4,000 hours, within the 200-day limit
    // of a run), 20 replications; warm-up 5 %.
    let hours = (60_000.0 / c.per_hour).clamp(8.0, 4000.0).ceil() as u64;
    let horizon = SimDuration::from_hours(hours);
    let mut s = Scenario::single_queue(
        c.per_hour,
        Dist::exponential(c.aht),
        c.patience.map(Dist::exponential),
        c.agents,
        horizon,
    );
    s.warmup = SimDuration::from_hours((hours / 20).max(1));
    s.interval = horizon;
    s.service_level.threshold = SimDuration::from_secs_f64(c.threshold);
    let r: Report = sim_core::run(&s, 2024, 20);
    let k = &r.summary;
    let (mut biased, mut missed) = (Vec::new(), Vec::new());
    let mut cmp = |name: &str, sim: sim_core::report::Estimate, th: f64, floor: f64| {
        let what = format!(
            "{} agents, {}/h, AHT {} s, patience {:?}: {name} simulated {:.5} ±{:.5}, theory {:.5}",
            c.agents, c.per_hour, c.aht, c.patience, sim.mean, sim.ci95, th
        );
        let off = (sim.mean - th).abs();
        if off > (sim.ci95 * FAMILY_OVER_NOMINAL).max(floor) {
            biased.push(what.clone());
        }
        if off > sim.ci95.max(floor) {
            missed.push(what);
        }
    };
    cmp(
        "service level",
        k.service_level,
        theory.service_level,
        0.005,
    );
    cmp("ASA", k.asa_s, theory.asa, 1.0);
    cmp("abandonment", k.abandon_rate, theory.p_abandon, 0.005);
    cmp("occupancy", k.occupancy, theory.occupancy, 0.005);
    (biased, missed)
}

fn erlang_c_cases() -> Vec<Case> {
    vec![
        // Single agent, ρ = 0.67.
        Case {
            per_hour: 10.0,
            aht: 240.0,
            agents: 1,
            patience: None,
            threshold: 20.0,
        },
        // Light load, ρ = 0.5, short threshold.
        Case {
            per_hour: 60.0,
            aht: 120.0,
            agents: 4,
            patience: None,
            threshold: 10.0,
        },
        // Small team, ρ = 0.83, 30 s.
        Case {
            per_hour: 30.0,
            aht: 300.0,
            agents: 3,
            patience: None,
            threshold: 30.0,
        },
        // The classic 8 Erlangs on 10 agents, 80/20.
        Case {
            per_hour: 120.0,
            aht: 240.0,
            agents: 10,
            patience: None,
            threshold: 20.0,
        },
        // Mid-size, ρ = 0.89.
        Case {
            per_hour: 600.0,
            aht: 240.0,
            agents: 45,
            patience: None,
            threshold: 20.0,
        },
        // Heavy, ρ = 0.95, 60 s.
        Case {
            per_hour: 3000.0,
            aht: 240.0,
            agents: 210,
            patience: None,
            threshold: 60.0,
        },
        // 2,000 Erlangs on 2,050 agents (ρ = 0.976), the benchmark center.
        Case {
            per_hour: 30_000.0,
            aht: 240.0,
            agents: 2050,
            patience: None,
            threshold: 20.0,
        },
    ]
}

fn erlang_a_cases() -> Vec<Case> {
    vec![
        // Two agents, long patience.
        Case {
            per_hour: 20.0,
            aht: 360.0,
            agents: 2,
            patience: Some(600.0),
            threshold: 60.0,
        },
        // Light, ρ = 0.83.
        Case {
            per_hour: 60.0,
            aht: 300.0,
            agents: 6,
            patience: Some(300.0),
            threshold: 20.0,
        },
        // Critically loaded, ρ = 1.
        Case {
            per_hour: 120.0,
            aht: 240.0,
            agents: 8,
            patience: Some(180.0),
            threshold: 20.0,
        },
        // Overloaded, ρ = 1.14, impatient callers.
        Case {
            per_hour: 240.0,
            aht: 240.0,
            agents: 14,
            patience: Some(120.0),
            threshold: 60.0,
        },
        // ρ = 1.03, 15 s threshold.
        Case {
            per_hour: 1200.0,
            aht: 180.0,
            agents: 58,
            patience: Some(90.0),
            threshold: 15.0,
        },
        // 2,000 Erlangs on 2,000 agents with 3 min patience.
        Case {
            per_hour: 30_000.0,
            aht: 240.0,
            agents: 2000,
            patience: Some(180.0),
            threshold: 20.0,
        },
        // 2,000 Erlangs on 2,050 agents, 3 min patience (the benchmark scenario).
        Case {
            per_hour: 30_000.0,
            aht: 240.0,
            agents: 2050,
            patience: Some(180.0),
            threshold: 10.0,
        },
    ]
}

#[test]
fn simulation_agrees_with_erlang_c_and_erlang_a() {
    let cases: Vec<Case> = erlang_c_cases()
        .into_iter()
        .chain(erlang_a_cases())
        .collect();
    assert_eq!(cases.len() * 4, COMPARISONS);
    let (mut biased, mut missed) = (Vec::new(), Vec::new());
    for c in &cases {
        let (b, m) = check(c);
        biased.extend(b);
        missed.extend(m);
    }
    assert!(
        biased.is_empty(),
        "outside the family-wise interval:\n{}",
        biased.join("\n")
    );
    assert!(
        missed.len() <= 3,
        "{} of {COMPARISONS} comparisons miss their 95 % interval (chance: at most 3):\n{}",
        missed.len(),
        missed.join("\n")
    );
    // The nominal misses are printed so a reader sees them (`cargo test -- --nocapture`).
    for m in &missed {
        println!("nominal 95 % miss (allowed by chance): {m}");
    }
}
