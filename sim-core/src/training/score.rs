//! The debrief of a finished day: each objective met or not, a score with stars, the
//! service level per interval against the target, the player's staffing against Erlang's
//! for the same day, cost against budget, and the mission's lesson.
//!
//! Scoring: every objective is worth the same share of 100 points; stars are 3 when all
//! objectives are met, 2 when all but one are, 1 when at least one is, else 0.
//!
//! The benchmark: Erlang's staffing plan for the mission (per interval, meeting the
//! service-level target and any abandonment cap) played on the same seed. The same
//! callers arrive with the same handle times and patience, so the difference between the
//! player's score and the benchmark's is skill, not luck.

use crate::erlang::{Objective as ErlangObjective, staffing_plan};
use crate::report::RunKpis;
use crate::scenario::{Profile, Scenario};
use crate::{RunResult, Simulation};

use super::mission::{Mission, Objective};

/// One objective's outcome.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ObjectiveResult {
    /// What it asked.
    pub text: String,
    /// Whether the day met it.
    pub met: bool,
    /// What the day achieved, in words.
    pub actual: String,
}

/// One reporting interval in the debrief.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IntervalLine {
    /// Clock label.
    pub label: String,
    /// Calls offered.
    pub offered: f64,
    /// Service level (by arrival).
    pub service_level: f64,
    /// Whether it met the target.
    pub met: bool,
    /// The player's mean agents on duty (all groups).
    pub agents: f64,
    /// Erlang's staffing for the interval (all groups).
    pub erlang_agents: u32,
}

/// Everything the debrief screen shows, and what a trainer's results file holds.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Debrief {
    /// The mission's id.
    pub mission: String,
    /// The objectives.
    pub objectives: Vec<ObjectiveResult>,
    /// Points, 0–100.
    pub score: u32,
    /// Stars, 0–3.
    pub stars: u8,
    /// The day's KPIs.
    pub service_level: f64,
    /// Abandoned / offered.
    pub abandon_rate: f64,
    /// Mean wait of answered calls, seconds.
    pub asa_s: f64,
    /// Busy / on-duty agent time.
    pub occupancy: f64,
    /// Calls offered.
    pub offered: f64,
    /// Labour cost.
    pub cost: f64,
    /// The mission's budget.
    pub budget: Option<f64>,
    /// Per interval.
    pub intervals: Vec<IntervalLine>,
    /// The lesson.
    pub lesson: String,
    /// Erlang's plan on the same day.
    #[serde(default)]
    pub benchmark: Option<Benchmark>,
}

/// Erlang's staffing plan played on the same seed (see the module's documentation).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Benchmark {
    /// Points, 0–100.
    pub score: u32,
    /// Stars, 0–3.
    pub stars: u8,
    /// The day's service level.
    pub service_level: f64,
    /// Abandoned / offered.
    pub abandon_rate: f64,
    /// Labour cost.
    pub cost: f64,
}

/// The objective Erlang's plan staffs for: the service-level target, and the mission's
/// abandonment cap if it has one.
fn plan_objective(mission: &Mission) -> ErlangObjective {
    let s = &mission.scenario;
    let mut o = ErlangObjective::service_level(
        s.service_level.target,
        s.service_level.threshold.as_secs_f64(),
    );
    for obj in &mission.objectives {
        if let Objective::AbandonRate { max } = obj {
            o.max_abandon = Some(*max);
        }
    }
    o
}

/// The mission's scenario staffed with Erlang's plan, interval by interval: the agents
/// Erlang wants on the phones, grossed up for the group's expected absenteeism and
/// shrinkage, as a planner schedules them (breaks are then the planner's slack).
pub fn benchmark_scenario(mission: &Mission) -> Scenario {
    let mut s = mission.scenario.clone();
    let plan = staffing_plan(&s, &plan_objective(mission));
    for (g, per_interval) in s.agent_groups.iter_mut().zip(plan) {
        let on_phone = (1.0 - g.absenteeism) * (1.0 - g.shrinkage);
        g.staffing = Profile {
            period: s.interval,
            values: per_interval
                .into_iter()
                .map(|a| {
                    let a = a.unwrap_or(0);
                    if on_phone >= 1.0 || a == 0 {
                        a
                    } else {
                        (a as f64 / on_phone.max(0.05)).ceil() as u32
                    }
                })
                .collect(),
        };
        g.paid = None;
    }
    s
}

/// Erlang's plan on the day of `seed`.
pub fn benchmark(mission: &Mission, seed: u64) -> Benchmark {
    let result = Simulation::new(&benchmark_scenario(mission), seed).finish();
    let d = score_day(mission, &result);
    Benchmark {
        score: d.score,
        stars: d.stars,
        service_level: d.service_level,
        abandon_rate: d.abandon_rate,
        cost: d.cost,
    }
}

/// The debrief of `result`, a finished day of `mission` played on `seed`, with Erlang's
/// plan on the same seed as the benchmark.
pub fn debrief(mission: &Mission, seed: u64, result: &RunResult) -> Debrief {
    Debrief {
        benchmark: Some(benchmark(mission, seed)),
        ..score_day(mission, result)
    }
}

/// Callees dropped / connected over every campaign of a day.
fn outbound_abandon_rate(k: &RunKpis) -> f64 {
    let (dropped, connected) = k.campaigns.iter().fold((0.0, 0.0), |(d, c), (_, x)| {
        (d + x.abandoned, c + x.connected)
    });
    if connected > 0.0 {
        dropped / connected
    } else {
        0.0
    }
}

/// Points and stars from the objectives met (see the module's documentation).
fn points(objectives: &[ObjectiveResult]) -> (u32, u8) {
    let met = objectives.iter().filter(|o| o.met).count();
    let total = objectives.len().max(1);
    let stars = if met == total {
        3
    } else if met + 1 == total {
        2
    } else if met > 0 {
        1
    } else {
        0
    };
    ((100 * met / total) as u32, stars)
}

/// The debrief of a finished multi-day mission: the objectives over the whole run (the
/// service level, abandonment and ASA of the average day, the run's total cost and
/// revenue, the backlog of the last day, quits, the headcount at the end); the "intervals"
/// are the days. No benchmark.
pub fn debrief_month(mission: &Mission, result: &crate::people::PeopleResult) -> Debrief {
    let s = &mission.scenario;
    let avg = result.average_day();
    let target = s.service_level.target;
    let threshold = s.service_level.threshold.as_secs_f64();
    let days = &result.days;
    let total =
        |f: fn(&crate::people::DayKpis<f64>) -> f64| days.iter().map(|d| f(&d.kpis)).sum::<f64>();
    let cost = total(|k| k.cost);
    let revenue = total(|k| k.revenue);
    let quits = total(|k| k.quits);
    let headcount_end: f64 = result
        .cohorts
        .iter()
        .filter(|c| !matches!(c.stage, crate::people::Stage::Recruiting { .. }))
        .map(|c| f64::from(c.agents))
        .sum();
    let days_met = days
        .iter()
        .filter(|d| d.kpis.service_level >= target)
        .count();
    let n = days.len().max(1);
    let last_backlog = days.last().map_or(0.0, |d| d.kpis.backlog);
    let objectives: Vec<ObjectiveResult> = mission
        .objectives
        .iter()
        .map(|o| {
            let (met, actual) = match o {
                Objective::ServiceLevelIntervals { share } => (
                    days_met as f64 / n as f64 >= *share,
                    format!("{days_met} of {n} days met the target"),
                ),
                Objective::ServiceLevel { min } => (
                    avg.summary.service_level >= *min,
                    format!(
                        "{:.1}% on the average day",
                        avg.summary.service_level * 100.0
                    ),
                ),
                Objective::AbandonRate { max } => (
                    avg.summary.abandon_rate <= *max,
                    format!(
                        "{:.1}% abandoned on the average day",
                        avg.summary.abandon_rate * 100.0
                    ),
                ),
                Objective::Asa { max_s } => (
                    avg.summary.asa_s <= *max_s,
                    format!("ASA {:.1} s on the average day", avg.summary.asa_s),
                ),
                Objective::Cost { max } => (cost <= *max, format!("spent {cost:.0}")),
                Objective::LineServiceLevel { line, min } => {
                    let sl = s
                        .contact_types
                        .iter()
                        .position(|t| &t.name == line)
                        .and_then(|i| avg.by_type.get(i))
                        .map_or(0.0, |t| t.service_level);
                    (
                        sl >= *min,
                        format!("{line}: {:.1}% on the average day", sl * 100.0),
                    )
                }
                Objective::Revenue { min } => (revenue >= *min, format!("{revenue:.0} in sales")),
                Objective::OutboundAbandonRate { max } => {
                    let rate = outbound_abandon_rate(&avg);
                    (rate <= *max, format!("{:.1}% dropped", rate * 100.0))
                }
                Objective::Backlog { max } => (
                    last_backlog <= *max,
                    format!("{last_backlog:.0} emails left on the last day"),
                ),
                Objective::Quits { max } => (quits <= *max, format!("{quits:.0} quit")),
                Objective::HeadcountEnd { min } => (
                    headcount_end >= *min,
                    format!("{headcount_end:.0} on the payroll at the end"),
                ),
            };
            ObjectiveResult {
                text: o.describe(target, threshold),
                met,
                actual,
            }
        })
        .collect();
    let (score, stars) = points(&objectives);
    Debrief {
        mission: mission.id.clone(),
        objectives,
        score,
        stars,
        service_level: avg.summary.service_level,
        abandon_rate: avg.summary.abandon_rate,
        asa_s: avg.summary.asa_s,
        occupancy: avg.summary.occupancy,
        offered: total(|k| k.offered),
        cost,
        budget: mission.budget,
        intervals: days
            .iter()
            .map(|d| IntervalLine {
                label: format!("day {}", d.day),
                offered: d.kpis.offered,
                service_level: d.kpis.service_level,
                met: d.kpis.service_level >= target,
                agents: d.kpis.productive,
                erlang_agents: 0,
            })
            .collect(),
        lesson: mission.lesson.clone(),
        benchmark: None,
    }
}

fn score_day(mission: &Mission, result: &RunResult) -> Debrief {
    let s = &mission.scenario;
    let k = RunKpis::of(&result.stats, s);
    let target = s.service_level.target;
    let threshold = s.service_level.threshold.as_secs_f64();
    let intervals_met = k
        .intervals
        .iter()
        .filter(|i| i.service_level >= target)
        .count();
    let n_int = k.intervals.len().max(1);
    let objectives: Vec<ObjectiveResult> = mission
        .objectives
        .iter()
        .map(|o| {
            let (met, actual) = match o {
                Objective::ServiceLevelIntervals { share } => (
                    intervals_met as f64 / n_int as f64 >= *share,
                    format!("{intervals_met} of {n_int} half hours met the target"),
                ),
                Objective::ServiceLevel { min } => (
                    k.summary.service_level >= *min,
                    format!(
                        "{:.1}% within {threshold:.0} s",
                        k.summary.service_level * 100.0
                    ),
                ),
                Objective::AbandonRate { max } => (
                    k.summary.abandon_rate <= *max,
                    format!("{:.1}% abandoned", k.summary.abandon_rate * 100.0),
                ),
                Objective::Asa { max_s } => (
                    k.summary.asa_s <= *max_s,
                    format!("ASA {:.1} s", k.summary.asa_s),
                ),
                Objective::Cost { max } => (
                    k.summary.cost <= *max,
                    format!("spent {:.0}", k.summary.cost),
                ),
                Objective::Revenue { min } => (
                    k.summary.revenue >= *min,
                    format!("{:.0} in sales", k.summary.revenue),
                ),
                Objective::OutboundAbandonRate { max } => {
                    let rate = outbound_abandon_rate(&k);
                    (rate <= *max, format!("{:.1}% dropped", rate * 100.0))
                }
                Objective::Backlog { max } => (
                    k.summary.backlog <= *max,
                    format!("{:.0} emails left", k.summary.backlog),
                ),
                Objective::Quits { .. } | Objective::HeadcountEnd { .. } => {
                    (false, "only a multi-day mission measures this".into())
                }
                Objective::LineServiceLevel { line, min } => {
                    let sl = s
                        .contact_types
                        .iter()
                        .position(|t| &t.name == line)
                        .and_then(|i| k.by_type.get(i))
                        .map_or(0.0, |t| t.service_level);
                    (
                        sl >= *min,
                        format!("{line}: {:.1}% within {threshold:.0} s", sl * 100.0),
                    )
                }
            };
            ObjectiveResult {
                text: o.describe(target, threshold),
                met,
                actual,
            }
        })
        .collect();
    let (score, stars) = points(&objectives);
    let erlang = staffing_plan(s, &plan_objective(mission));
    let intervals = k
        .intervals
        .iter()
        .enumerate()
        .map(|(i, iv)| IntervalLine {
            label: s.interval_label(i),
            offered: iv.offered,
            service_level: iv.service_level,
            met: iv.service_level >= target,
            agents: iv.agents,
            erlang_agents: erlang.iter().map(|g| g[i].unwrap_or(0)).sum(),
        })
        .collect();
    Debrief {
        mission: mission.id.clone(),
        objectives,
        score,
        stars,
        service_level: k.summary.service_level,
        abandon_rate: k.summary.abandon_rate,
        asa_s: k.summary.asa_s,
        occupancy: k.summary.occupancy,
        offered: k.summary.offered,
        cost: k.summary.cost,
        budget: mission.budget,
        intervals,
        lesson: mission.lesson.clone(),
        benchmark: None,
    }
}
