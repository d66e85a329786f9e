//! `ccsim staff`: a staffing plan per reporting interval and agent group that meets a
//! service-level target (and/or an abandonment cap) in every interval.
//!
//! 1. *Erlang*: for each interval and group, the fewest agents Erlang C (or Erlang A, when
//!    every type the group serves has a patience) says meet the target, from the
//!    interval's mean arrival rate and mean handle time (talk + wrap-up). A type served
//!    by several groups is split evenly between them.
//! 2. *Simulation*: the plan is simulated (the scenario's replications, common random
//!    numbers, so every evaluation sees the same days) and corrected: an interval that
//!    misses the target gets one more agent (and is then never reduced); an interval that
//!    meets it gives one back; until nothing changes. This accounts for what Erlang
//!    cannot: non-exponential times, abandonment, priorities, skills and calls carried
//!    over from one interval to the next.
//!
//! The plan is printed beside Erlang's with both costs, and `-o plan.toml` writes it as
//! an overlay that `ccsim run --overlay plan.toml` accepts.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use rayon::prelude::*;
use sim_core::erlang::{Objective, staffing_plan};
use sim_core::scenario::{Override, Profile, Scenario};
use sim_core::stats::RunStats;
use sim_core::time::SimDuration;

use crate::BadInput;
use crate::run_cmd::load_scenario;

#[derive(Debug, Args)]
pub struct StaffArgs {
    /// Scenario file (TOML).
    pub file: PathBuf,
    /// Service-level target, e.g. "sl>=0.8@20s" or "sl>=80%@20s" (default: the scenario's).
    #[arg(long, value_parser = parse_target)]
    pub target: Option<(f64, f64)>,
    /// Abandonment cap, e.g. 0.05.
    #[arg(long, value_parser = crate::parse_share)]
    pub max_abandon: Option<f64>,
    /// Replications per evaluation (default: the scenario's).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub replications: Option<u32>,
    /// Seed (default: the scenario's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Override a scenario field first (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE", value_parser = crate::parse_override)]
    pub set: Vec<Override>,
    /// Write the plan as an overlay for `ccsim run --overlay`.
    #[arg(short = 'o', long)]
    pub out: Option<PathBuf>,
}

/// "sl>=0.8@20s" → (0.8, 20.0).
pub fn parse_target(s: &str) -> Result<(f64, f64), String> {
    let err =
        || format!("expected a target like \"sl>=0.8@20s\" or \"sl>=80%@20s\", found \"{s}\"");
    let rest = s.trim().strip_prefix("sl>=").ok_or_else(err)?;
    let (share, threshold) = rest.split_once('@').ok_or_else(err)?;
    let share = match share.trim().strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().map_err(|_| err())? / 100.0,
        None => share.trim().parse::<f64>().map_err(|_| err())?,
    };
    if !(0.0..=1.0).contains(&share) {
        return Err(err());
    }
    let threshold: SimDuration = threshold.trim().parse().map_err(|_| err())?;
    Ok((share, threshold.as_secs_f64()))
}

/// Agents per group (outer) and interval (inner).
type Plan = Vec<Vec<u32>>;

struct Goal {
    sl: Option<f64>,
    threshold: f64,
    max_abandon: Option<f64>,
}

/// Erlang's plan: per group and interval (see `sim_core::erlang::staffing_plan`).
fn erlang_plan(s: &Scenario, goal: &Goal) -> Plan {
    let objective = Objective {
        service_level: goal.sl,
        threshold: goal.threshold,
        max_abandon: goal.max_abandon,
        max_asa: None,
    };
    staffing_plan(s, &objective)
        .into_iter()
        .map(|g| g.into_iter().map(|n| n.unwrap_or(1_000_000)).collect())
        .collect()
}

/// The scenario staffed by `plan`.
fn with_plan(s: &Scenario, plan: &Plan) -> Scenario {
    let mut s = s.clone();
    for (g, agents) in s.agent_groups.iter_mut().zip(plan) {
        g.staffing = Profile {
            period: s.interval,
            values: agents.clone(),
        };
    }
    s
}

/// Per group and interval: (mean service level, mean abandonment) over replications, for
/// the contacts of the types the group serves, by arrival interval.
fn evaluate(s: &Scenario, plan: &Plan, seed: u64, reps: u32) -> Vec<Vec<(f64, f64)>> {
    let staffed = with_plan(s, plan);
    let runs: Vec<RunStats> = (0..reps)
        .into_par_iter()
        .map(|r| {
            sim_core::Simulation::new_replication(&staffed, seed, r)
                .finish()
                .stats
        })
        .collect();
    s.agent_groups
        .iter()
        .map(|g| {
            (0..s.interval_count())
                .map(|i| {
                    let (mut sl, mut ab) = (0.0, 0.0);
                    for st in &runs {
                        let (mut offered, mut inside, mut abandoned) = (0u64, 0u64, 0u64);
                        for t in &g.skills {
                            let c = st.cell(i, t.0 as usize);
                            offered += c.offered;
                            inside += c.answered_in_threshold;
                            abandoned += c.abandoned;
                        }
                        if offered > 0 {
                            sl += inside as f64 / offered as f64;
                            ab += abandoned as f64 / offered as f64;
                        } else {
                            sl += 1.0;
                        }
                    }
                    (sl / reps as f64, ab / reps as f64)
                })
                .collect()
        })
        .collect()
}

fn meets(goal: &Goal, (sl, ab): (f64, f64)) -> bool {
    goal.sl.is_none_or(|t| sl >= t) && goal.max_abandon.is_none_or(|x| ab <= x)
}

/// Corrects `plan` by simulation (see the module docs). Returns the plan, its evaluation
/// and the number of simulations run.
fn correct(
    s: &Scenario,
    mut plan: Plan,
    goal: &Goal,
    seed: u64,
    reps: u32,
) -> (Plan, Vec<Vec<(f64, f64)>>, usize) {
    let mut locked: Vec<Vec<bool>> = plan.iter().map(|p| vec![false; p.len()]).collect();
    let mut runs = 0;
    loop {
        let eval = evaluate(s, &plan, seed, reps);
        runs += 1;
        let mut failed = false;
        for (g, row) in eval.iter().enumerate() {
            for (i, &e) in row.iter().enumerate() {
                if !meets(goal, e) {
                    plan[g][i] += 1;
                    locked[g][i] = true;
                    failed = true;
                }
            }
        }
        if failed {
            if runs > 400 {
                return (plan, eval, runs);
            }
            continue;
        }
        let mut lowered = false;
        for (g, row) in plan.iter_mut().enumerate() {
            for (i, n) in row.iter_mut().enumerate() {
                if *n > 0 && !locked[g][i] {
                    *n -= 1;
                    lowered = true;
                }
            }
        }
        if !lowered || runs > 400 {
            if lowered {
                // Out of patience: undo the last untested step.
                for (g, row) in plan.iter_mut().enumerate() {
                    for (i, n) in row.iter_mut().enumerate() {
                        if !locked[g][i] {
                            *n += 1;
                        }
                    }
                }
            }
            return (plan, eval, runs);
        }
    }
}

fn cost(s: &Scenario, plan: &Plan) -> (f64, f64) {
    let mut hours = 0.0;
    let mut cost = 0.0;
    for (g, agents) in s.agent_groups.iter().zip(plan) {
        for (i, &n) in agents.iter().enumerate() {
            let start = i as u64 * s.interval.0;
            let len = (s.interval.0).min(s.horizon.0 - start) as f64 / 3.6e9;
            hours += n as f64 * len;
            cost += n as f64 * len * g.wage_per_hour;
        }
    }
    (hours, cost)
}

pub fn run(args: StaffArgs) -> Result<()> {
    let s = load_scenario(Some(&args.file), &args.set)?;
    let (sl, threshold) = match args.target {
        Some((t, th)) => (Some(t), th),
        None if args.max_abandon.is_some() => (None, s.service_level.threshold.as_secs_f64()),
        None => (
            Some(s.service_level.target),
            s.service_level.threshold.as_secs_f64(),
        ),
    };
    let goal = Goal {
        sl,
        threshold,
        max_abandon: args.max_abandon,
    };
    let mut s = s;
    s.service_level.threshold = SimDuration::from_secs_f64(threshold);
    let seed = args.seed.unwrap_or(s.seed);
    let reps = args.replications.unwrap_or(s.replications);
    let erlang = erlang_plan(&s, &goal);
    if erlang.iter().flatten().any(|&n| n >= 1_000_000) {
        return Err(BadInput(
            "Erlang finds no staffing under 1,000,000 agents for some interval".into(),
        )
        .into());
    }
    let erlang_eval = evaluate(&s, &erlang, seed, reps);
    let (plan, eval, sims) = correct(&s, erlang.clone(), &goal, seed, reps);
    let (eh, ec) = cost(&s, &erlang);
    let (ph, pc) = cost(&s, &plan);

    let mut out = String::new();
    let mut goals = Vec::new();
    if let Some(t) = goal.sl {
        goals.push(format!(
            "service level >= {:.0}% within {}s",
            t * 100.0,
            goal.threshold
        ));
    }
    if let Some(x) = goal.max_abandon {
        goals.push(format!("abandonment <= {:.1}%", x * 100.0));
    }
    let _ = writeln!(
        out,
        "Staffing plan for \"{}\": {} in every interval",
        s.name,
        goals.join(" and ")
    );
    let _ = writeln!(
        out,
        "({reps} replications per evaluation, seed {seed}, {sims} simulations)\n"
    );
    for (g, group) in s.agent_groups.iter().enumerate() {
        let _ = writeln!(out, "Group {}", group.name);
        let _ = writeln!(
            out,
            "{:<9}{:>8}{:>10}{:>10}{:>10}{:>10}{:>10}",
            "interval", "Erlang", "SL", "abandon", "plan", "SL", "abandon"
        );
        for i in 0..s.interval_count() {
            let label = s.interval_label(i);
            let (esl, eab) = erlang_eval[g][i];
            let (psl, pab) = eval[g][i];
            let _ = writeln!(
                out,
                "{:<9}{:>8}{:>9.1}%{:>9.1}%{:>10}{:>9.1}%{:>9.1}%",
                label,
                erlang[g][i],
                esl * 100.0,
                eab * 100.0,
                plan[g][i],
                psl * 100.0,
                pab * 100.0
            );
        }
        out.push('\n');
    }
    let missed = erlang_eval
        .iter()
        .flatten()
        .filter(|e| !meets(&goal, **e))
        .count();
    let _ = writeln!(
        out,
        "Erlang plan: {eh:.1} agent-hours, cost {ec:.2}; misses the target in {missed} interval(s) when simulated"
    );
    let _ = writeln!(
        out,
        "This plan:   {ph:.1} agent-hours, cost {pc:.2}; meets it in every interval"
    );
    if let Some(path) = &args.out {
        let mut overlay = format!(
            "# Staffing plan by `ccsim staff` for \"{}\": {} in every interval\n# ({reps} replications, seed {seed}). Erlang's plan: {eh:.1} agent-hours, cost {ec:.2}; this plan: {ph:.1} agent-hours, cost {pc:.2}.\n# Use it with: ccsim run {} --overlay {}\n",
            s.name,
            goals.join(" and "),
            args.file.display(),
            path.display()
        );
        for (group, agents) in s.agent_groups.iter().zip(&plan) {
            let list: Vec<String> = agents.iter().map(u32::to_string).collect();
            let _ = write!(
                overlay,
                "\n[[agent_groups]]\nname = \"{}\"\nperiod = \"{}\"\nagents = [{}]\n",
                group.name,
                s.interval,
                list.join(", ")
            );
        }
        std::fs::write(path, overlay)
            .map_err(|e| BadInput(format!("cannot write {}: {e}", path.display())))?;
        let _ = writeln!(
            out,
            "Written to {} (ccsim run {} --overlay {})",
            path.display(),
            args.file.display(),
            path.display()
        );
    }
    crate::output::print(&out)
}
