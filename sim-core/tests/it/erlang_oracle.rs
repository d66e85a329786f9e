//! The simulator against the Erlang C and Erlang A formulas (DESIGN §5, "statistical
//! truth"). Each case runs independent replications of a long stationary day with a
//! warm-up, and each KPI must agree with theory within the larger of the replications'
//! 95 % confidence half-width and 0.5 percentage points (1 s for ASA). Seeds are fixed,
//! so the outcome is deterministic; the tolerances are the honest ones of the bar.

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

fn check(c: &Case) -> Vec<String> {
    let q = Queue {
        arrival_rate: c.per_hour / 3600.0,
        mean_handle: c.aht,
        agents: c.agents,
        patience: c.patience,
    };
    let theory = q.metrics(c.threshold);
    // About 150,000 calls per replication, 8 replications; warm-up 5 %.
    let hours = (150_000.0 / c.per_hour).max(8.0).ceil() as u64;
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
    let r: Report = sim_core::run(&s, 2024, 8);
    let k = &r.summary;
    let mut failures = Vec::new();
    let mut cmp = |name: &str, sim: sim_core::report::Estimate, th: f64, floor: f64| {
        let tol = sim.ci95.max(floor);
        if (sim.mean - th).abs() > tol {
            failures.push(format!(
                "{} agents, {}/h, AHT {} s, patience {:?}: {name} simulated {:.5} ±{:.5}, theory {:.5}",
                c.agents, c.per_hour, c.aht, c.patience, sim.mean, sim.ci95, th
            ));
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
    failures
}

fn run_cases(cases: &[Case]) {
    let failures: Vec<String> = cases.iter().flat_map(check).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn erlang_c_light_to_heavy_load_1_to_2050_agents() {
    run_cases(&[
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
    ]);
}

#[test]
fn erlang_a_under_and_over_loaded_2_to_2000_agents() {
    run_cases(&[
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
    ]);
}
