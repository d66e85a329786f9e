//! `ccsim erlang`: the analytic metrics of one queue, or the staffing for a target.

use std::fmt::Write as _;

use anyhow::Result;
use clap::Args;
use serde::Serialize;
use sim_core::erlang::{Metrics, Model, Objective, Queue, solve_agents};
use sim_core::time::SimDuration;

use crate::BadInput;
use crate::output;

#[derive(Debug, Args)]
pub struct ErlangArgs {
    /// Arrival rate with its unit: 120/h, 2/m, 0.5/s.
    #[arg(long, value_parser = parse_rate)]
    pub rate: f64,
    /// Mean handle time (talk + wrap-up), e.g. 4m.
    #[arg(long, value_parser = parse_duration)]
    pub aht: f64,
    /// Number of agents (omit it and give --target or --max-abandon to solve for it).
    #[arg(long, required_unless_present_any = ["target", "max_abandon"])]
    pub agents: Option<u32>,
    /// Mean patience (exponential), e.g. 3m: uses Erlang A instead of Erlang C.
    #[arg(long, value_parser = parse_duration)]
    pub patience: Option<f64>,
    /// Service-level threshold.
    #[arg(long, value_parser = parse_duration, default_value = "20s")]
    pub threshold: f64,
    /// Service-level target to solve for, e.g. 0.8.
    #[arg(long, value_parser = crate::parse_share, conflicts_with = "agents")]
    pub target: Option<f64>,
    /// Abandonment cap to solve for, e.g. 0.05 (needs --patience).
    #[arg(long, value_parser = crate::parse_share, conflicts_with = "agents", requires = "patience")]
    pub max_abandon: Option<f64>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

fn parse_rate(s: &str) -> Result<f64, String> {
    let err = || format!("expected a rate like 120/h, 2/m or 0.5/s, found \"{s}\"");
    let (n, unit) = s.split_once('/').ok_or_else(err)?;
    let n: f64 = n.trim().parse().map_err(|_| err())?;
    let per_s = match unit.trim() {
        "h" | "hour" => n / 3600.0,
        "m" | "min" => n / 60.0,
        "s" | "sec" => n,
        _ => return Err(err()),
    };
    if per_s.is_finite() && per_s >= 0.0 {
        Ok(per_s)
    } else {
        Err(err())
    }
}

fn parse_duration(s: &str) -> Result<f64, String> {
    s.parse::<SimDuration>()
        .map(|d| d.as_secs_f64())
        .map_err(|e| e.to_string())
}

#[derive(Serialize)]
struct Out {
    model: &'static str,
    arrival_rate_per_hour: f64,
    aht_s: f64,
    patience_s: Option<f64>,
    threshold_s: f64,
    agents: u32,
    load_erlangs: f64,
    p_wait: f64,
    service_level: f64,
    asa_s: Option<f64>,
    abandon_rate: f64,
    occupancy: f64,
    mean_queue: Option<f64>,
    stable: bool,
}

pub fn run(a: ErlangArgs) -> Result<()> {
    if a.aht <= 0.0 {
        return Err(BadInput("--aht must be longer than 0s".into()).into());
    }
    if a.patience == Some(0.0) {
        return Err(BadInput("--patience must be longer than 0s".into()).into());
    }
    let mut q = Queue {
        arrival_rate: a.rate,
        mean_handle: a.aht,
        agents: a.agents.unwrap_or(0),
        patience: a.patience,
    };
    let mut solved = None;
    if a.agents.is_none() {
        let obj = Objective {
            service_level: a.target,
            threshold: a.threshold,
            max_abandon: a.max_abandon,
            max_asa: None,
        };
        let n = solve_agents(&q, &obj, 1_000_000).ok_or_else(|| {
            BadInput("no staffing up to 1,000,000 agents meets the target".into())
        })?;
        q.agents = n;
        solved = Some(obj);
    }
    let m = q.metrics(a.threshold);
    let out = Out {
        model: match Model::of(&q) {
            Model::ErlangC => "erlang_c",
            Model::ErlangA => "erlang_a",
        },
        arrival_rate_per_hour: a.rate * 3600.0,
        aht_s: a.aht,
        patience_s: a.patience,
        threshold_s: a.threshold,
        agents: q.agents,
        load_erlangs: m.load,
        p_wait: m.p_wait,
        service_level: m.service_level,
        asa_s: m.asa.is_finite().then_some(m.asa),
        abandon_rate: m.p_abandon,
        occupancy: m.occupancy,
        mean_queue: m.mean_queue.is_finite().then_some(m.mean_queue),
        stable: m.stable,
    };
    let text = if a.json {
        serde_json::to_string_pretty(&out)? + "\n"
    } else {
        table(&out, &m, solved.as_ref())
    };
    output::print(&text)
}

fn table(o: &Out, m: &Metrics, solved: Option<&Objective>) -> String {
    let mut s = String::new();
    let model = if o.model == "erlang_a" {
        "Erlang A (M/M/n+M)"
    } else {
        "Erlang C (M/M/n)"
    };
    let _ = writeln!(
        s,
        "{model}: {:.1} calls/h, AHT {:.0} s, load {:.2} Erlangs",
        o.arrival_rate_per_hour, o.aht_s, o.load_erlangs
    );
    if let Some(obj) = solved {
        let mut goals = Vec::new();
        if let Some(t) = obj.service_level {
            goals.push(format!(
                "service level ≥ {:.1}% within {} s",
                t * 100.0,
                obj.threshold
            ));
        }
        if let Some(x) = obj.max_abandon {
            goals.push(format!("abandonment ≤ {:.1}%", x * 100.0));
        }
        let _ = writeln!(s, "Fewest agents for {}: {}", goals.join(" and "), o.agents);
    }
    let _ = writeln!(s, "  {:<26}{}", "Agents", o.agents);
    if !m.stable {
        let _ = writeln!(
            s,
            "  Unstable: the load is at least the number of agents; the queue grows without bound."
        );
        return s;
    }
    let _ = writeln!(
        s,
        "  {:<26}{:.2}%",
        "Probability of waiting",
        m.p_wait * 100.0
    );
    let _ = writeln!(
        s,
        "  {:<26}{:.2}%",
        format!("Service level ({} s)", o.threshold_s),
        m.service_level * 100.0
    );
    let _ = writeln!(s, "  {:<26}{:.1} s", "ASA", m.asa);
    if o.patience_s.is_some() {
        let _ = writeln!(s, "  {:<26}{:.2}%", "Abandonment", m.p_abandon * 100.0);
    }
    let _ = writeln!(s, "  {:<26}{:.2}%", "Occupancy", m.occupancy * 100.0);
    let _ = writeln!(s, "  {:<26}{:.2}", "Mean queue", m.mean_queue);
    s
}
