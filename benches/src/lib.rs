//! Scenarios shared by the benchmarks.

use sim_core::dist::Dist;
use sim_core::scenario::Scenario;
use sim_core::time::SimDuration;

/// The 24-hour, 1,000-agent multi-skill center with every part of the operations model
/// on (`benches/multi-skill-1000.toml`; `ccsim run` runs it too).
pub fn multi_skill_1000() -> Scenario {
    Scenario::from_toml_str(
        include_str!("../multi-skill-1000.toml"),
        "benches/multi-skill-1000.toml",
    )
    .expect("the benchmark scenario is valid")
}

/// The speed bar's one-queue center: λ = 500/min, AHT 4 min (exponential), 2,050 agents,
/// patience 3 min (exponential), `hours` long.
pub fn one_queue_2050(hours: u64) -> Scenario {
    Scenario::single_queue(
        30_000.0,
        Dist::exponential(240.0),
        Some(Dist::exponential(180.0)),
        2050,
        SimDuration::from_hours(hours),
    )
}

/// The people benchmark: 30 working days of a 300-agent multichannel desk with hiring,
/// training, learning, QA, attrition and backfill (`benches/people-300.toml`).
pub fn people_300() -> Scenario {
    Scenario::from_toml_str(
        include_str!("../people-300.toml"),
        "benches/people-300.toml",
    )
    .expect("the benchmark scenario is valid")
}
