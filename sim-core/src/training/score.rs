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

/// What a day or a multi-day run achieved, for [`judge`].
struct Measured<'a> {
    /// The KPIs (of the day, or of the average day).
    kpis: &'a RunKpis,
    cost: f64,
    revenue: f64,
    backlog: f64,
    /// Reporting periods (intervals, or days) meeting the service-level target, of all.
    periods_met: usize,
    periods: usize,
    period_word: &'static str,
    /// How a service level is qualified ("within 20 s", "on the average day").
    sl_scope: String,
    /// Appended to the other averages, and to the backlog.
    scope: &'static str,
    backlog_scope: &'static str,
    /// A multi-day run's quits and headcount at the end.
    people: Option<(f64, f64)>,
}

/// Each objective of `mission` against what was measured.
fn judge(mission: &Mission, m: &Measured<'_>) -> Vec<ObjectiveResult> {
    let s = &mission.scenario;
    let target = s.service_level.target;
    let threshold = s.service_level.threshold.as_secs_f64();
    let k = &m.kpis.summary;
    let scope = m.scope;
    mission
        .objectives
        .iter()
        .map(|o| {
            let (met, actual) = match o {
                Objective::ServiceLevelIntervals { share } => (
                    m.periods_met as f64 / m.periods as f64 >= *share,
                    format!(
                        "{} of {} {} met the target",
                        m.periods_met, m.periods, m.period_word
                    ),
                ),
                Objective::ServiceLevel { min } => (
                    k.service_level >= *min,
                    format!("{:.1}% {}", k.service_level * 100.0, m.sl_scope),
                ),
                Objective::AbandonRate { max } => (
                    k.abandon_rate <= *max,
                    format!("{:.1}% abandoned{scope}", k.abandon_rate * 100.0),
                ),
                Objective::Asa { max_s } => {
                    (k.asa_s <= *max_s, format!("ASA {:.1} s{scope}", k.asa_s))
                }
                Objective::Cost { max } => (m.cost <= *max, format!("spent {:.0}", m.cost)),
                Objective::LineServiceLevel { line, min } => {
                    let sl = s
                        .contact_types
                        .iter()
                        .position(|t| &t.name == line)
                        .and_then(|i| m.kpis.by_type.get(i))
                        .map_or(0.0, |t| t.service_level);
                    (
                        sl >= *min,
                        format!("{line}: {:.1}% {}", sl * 100.0, m.sl_scope),
                    )
                }
                Objective::Revenue { min } => {
                    (m.revenue >= *min, format!("{:.0} in sales", m.revenue))
                }
                Objective::OutboundAbandonRate { max } => {
                    let rate = outbound_abandon_rate(m.kpis);
                    (rate <= *max, format!("{:.1}% dropped", rate * 100.0))
                }
                Objective::Backlog { max } => (
                    m.backlog <= *max,
                    format!("{:.0} emails left{}", m.backlog, m.backlog_scope),
                ),
                Objective::Quits { max } => match m.people {
                    Some((quits, _)) => (quits <= *max, format!("{quits:.0} quit")),
                    None => (false, "only a multi-day mission measures this".into()),
                },
                Objective::HeadcountEnd { min } => match m.people {
                    Some((_, end)) => (end >= *min, format!("{end:.0} on the payroll at the end")),
                    None => (false, "only a multi-day mission measures this".into()),
                },
            };
            ObjectiveResult {
                text: o.describe(target, threshold),
                met,
                actual,
            }
        })
        .collect()
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
    let days = &result.days;
    let total =
        |f: fn(&crate::people::DayKpis<f64>) -> f64| days.iter().map(|d| f(&d.kpis)).sum::<f64>();
    let cost = total(|k| k.cost);
    let revenue = total(|k| k.revenue);
    let quits = total(|k| k.quits);
    let headcount_end = result.headcount_end();
    let days_met = days
        .iter()
        .filter(|d| d.kpis.service_level >= target)
        .count();
    let n = days.len().max(1);
    let last_backlog = days.last().map_or(0.0, |d| d.kpis.backlog);
    let objectives = judge(
        mission,
        &Measured {
            kpis: &avg,
            cost,
            revenue,
            backlog: last_backlog,
            periods_met: days_met,
            periods: n,
            period_word: "days",
            sl_scope: "on the average day".into(),
            scope: " on the average day",
            backlog_scope: " on the last day",
            people: Some((quits, headcount_end)),
        },
    );
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
    let objectives = judge(
        mission,
        &Measured {
            kpis: &k,
            cost: k.summary.cost,
            revenue: k.summary.revenue,
            backlog: k.summary.backlog,
            periods_met: intervals_met,
            periods: k.intervals.len().max(1),
            period_word: "half hours",
            sl_scope: format!("within {threshold:.0} s"),
            scope: "",
            backlog_scope: "",
            people: None,
        },
    );
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
