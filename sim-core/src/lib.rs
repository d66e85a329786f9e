//! sim-core: a deterministic discrete-event simulation of call centers, with the
//! Erlang B, C and A formulas beside it.
//!
//! A pure library: no I/O, no threads, no clock, no environment; it builds for wasm32 and
//! gives bit-identical results there (DESIGN §4). A run reads like this:
//!
//! ```
//! use sim_core::{Intervention, Simulation, scenario::{GroupId, Scenario}, time::{SimDuration, SimTime}};
//!
//! let scenario = Scenario::from_toml_str(sim_core::DEFAULT_SCENARIO, "default.toml")?;
//!
//! // The CLI's way: every replication, a report with 95 % confidence intervals.
//! let report = sim_core::run(&scenario, 7, 3);
//! assert!(report.summary.service_level.mean > 0.5);
//!
//! // The game's way: step, look, intervene, finish.
//! let mut sim = Simulation::new(&scenario, 7);
//! sim.run_until(SimTime::ZERO + SimDuration::from_hours(2));     // 10:00
//! let waiting = sim.snapshot().waiting().count();
//! sim.apply(Intervention::AddAgents { group: GroupId(0), delta: 3 })?;
//! let result = sim.finish();                                      // runs and drains
//! let again = Simulation::replay(&scenario, 7, 0, &result.log)?; // the same day again
//! assert_eq!(result, again);
//! # let _ = waiting;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Modules: [`scenario`] (the TOML format and the checked model), [`engine`] (the event
//! calendar and the simulation), [`routing`] (policies), [`stats`] and [`report`] (KPIs
//! and confidence intervals), [`snapshot`] (live views), [`erlang`] (analytic models),
//! [`dist`], [`rng`], [`math`] and [`time`] (the foundations of determinism).
pub mod calibrate;
pub mod dist;
pub mod engine;
pub mod erlang;
pub mod math;
pub mod people;
pub mod report;
pub mod rng;
pub mod routing;
pub mod scenario;
pub mod snapshot;
pub mod stats;
pub mod time;
pub mod trace;
pub mod training;
pub mod ziggurat;

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
    if scenario.people.is_some() {
        let runs: Vec<people::PeopleResult> = (0..replications)
            .map(|r| people::run_people(scenario, seed, r))
            .collect();
        return Report::from_people(scenario, seed, &runs);
    }
    let kpis: Vec<RunKpis> = (0..replications)
        .map(|r| run_replication(scenario, seed, r))
        .collect();
    Report::from_kpis(scenario, seed, &kpis)
}

/// Runs one replication to the end and returns its KPIs (of the average day, for a
/// multi-day scenario).
pub fn run_replication(scenario: &Scenario, seed: u64, replication: u32) -> RunKpis {
    if scenario.people.is_some() {
        return people::run_people(scenario, seed, replication).average_day();
    }
    let result = Simulation::new_replication(scenario, seed, replication).finish();
    RunKpis::of(&result.stats, scenario)
}

/// The built-in default scenario (`scenarios/default.toml`).
pub const DEFAULT_SCENARIO: &str = include_str!("../../scenarios/default.toml");
