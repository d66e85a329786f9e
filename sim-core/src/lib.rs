//! PLACEHOLDER_DOC
pub mod dist;
pub mod engine;
pub mod erlang;
pub mod math;
pub mod report;
pub mod rng;
pub mod routing;
pub mod scenario;
pub mod snapshot;
pub mod stats;
pub mod time;

pub use engine::{Intervention, RunResult, Simulation};

use report::{Report, RunKpis};
use scenario::Scenario;

/// Runs every replication of `scenario` with `seed`, one after the other, and reports.
/// (The CLI runs replications in parallel; the report is the same.)
///
/// ```
/// let s = sim_core::scenario::Scenario::from_toml_str(sim_core::DEFAULT_SCENARIO, "default").unwrap();
/// let a = sim_core::run(&s, 7, 2);
/// let b = sim_core::run(&s, 7, 2);
/// assert_eq!(a, b);
/// assert_eq!(a.replications, 2);
/// ```
pub fn run(scenario: &Scenario, seed: u64, replications: u32) -> Report {
    let kpis: Vec<RunKpis> = (0..replications)
        .map(|r| run_replication(scenario, seed, r))
        .collect();
    Report::from_kpis(scenario, seed, &kpis)
}

/// Runs one replication to the end and returns its KPIs.
pub fn run_replication(scenario: &Scenario, seed: u64, replication: u32) -> RunKpis {
    let result = Simulation::new_replication(scenario, seed, replication).finish();
    RunKpis::of(&result.stats, scenario)
}

/// The built-in default scenario (`scenarios/default.toml`).
pub const DEFAULT_SCENARIO: &str = include_str!("../../scenarios/default.toml");
