//! `ccsim compare`: two variants of a center on the same days. Replication r of A and of
//! B share their random streams (common random numbers), so the difference of each KPI
//! is estimated from the paired differences, whose confidence interval is much narrower
//! than that of two independent runs.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use rayon::prelude::*;
use serde::Serialize;
use sim_core::report::{Estimate, Kpis, RunKpis};
use sim_core::scenario::{Override, Scenario};

use crate::BadInput;
use crate::output;
use crate::run_cmd::load_scenario;

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Scenario A.
    pub a: PathBuf,
    /// Scenario B (default: A with the --set overrides).
    pub b: Option<PathBuf>,
    /// Overrides that make B (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE", value_parser = crate::parse_override)]
    pub set: Vec<Override>,
    /// Seed (default: A's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Replications (default: A's).
    #[arg(long, value_parser = clap::value_parser!(u32).range(2..=1_000_000))]
    pub replications: Option<u32>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// One KPI of the comparison.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub kpi: &'static str,
    pub a: Estimate,
    pub b: Estimate,
    /// B − A, with the 95 % half-width of the paired differences.
    pub diff: Estimate,
    /// True if the 95 % interval of the difference excludes 0.
    pub significant: bool,
}

#[derive(Serialize)]
struct Out<'a> {
    a: &'a str,
    b: &'a str,
    seed: u64,
    replications: u32,
    kpis: Vec<Row>,
}

/// Compares paired replications of two scenarios KPI by KPI.
pub fn compare(a: &[RunKpis], b: &[RunKpis]) -> Vec<Row> {
    let col = |runs: &[RunKpis], j: usize| -> Vec<f64> {
        runs.iter().map(|k| k.summary.values()[j]).collect()
    };
    Kpis::<f64>::NAMES
        .iter()
        .enumerate()
        .map(|(j, name)| {
            let (xa, xb) = (col(a, j), col(b, j));
            let d: Vec<f64> = xa.iter().zip(&xb).map(|(x, y)| y - x).collect();
            let diff = Estimate::of(&d);
            Row {
                kpi: name,
                a: Estimate::of(&xa),
                b: Estimate::of(&xb),
                significant: diff.mean.abs() > diff.ci95,
                diff,
            }
        })
        .collect()
}

pub fn run(args: CompareArgs) -> Result<()> {
    if args.b.is_none() && args.set.is_empty() {
        return Err(
            BadInput("give a second scenario, or --set overrides that make B".into()).into(),
        );
    }
    let a = load_scenario(Some(&args.a), &[])?;
    let (b, b_name) = match &args.b {
        Some(path) => (
            load_scenario(Some(path), &args.set)?,
            path.display().to_string(),
        ),
        None => {
            let sets: Vec<String> = args.set.iter().map(|o| o.to_string()).collect();
            (
                load_scenario(Some(&args.a), &args.set)?,
                format!("{} with {}", args.a.display(), sets.join(" ")),
            )
        }
    };
    let seed = args.seed.unwrap_or(a.seed);
    let reps = args.replications.unwrap_or(a.replications).max(2);
    let runs = |s: &Scenario| -> Vec<RunKpis> {
        (0..reps)
            .into_par_iter()
            .map(|r| sim_core::run_replication(s, seed, r))
            .collect()
    };
    let (ka, kb) = rayon::join(|| runs(&a), || runs(&b));
    let rows = compare(&ka, &kb);
    let a_name = args.a.display().to_string();
    let text = if args.json {
        serde_json::to_string_pretty(&Out {
            a: &a_name,
            b: &b_name,
            seed,
            replications: reps,
            kpis: rows,
        })? + "\n"
    } else {
        table(&a_name, &b_name, seed, reps, &rows)
    };
    output::print(&text)
}

fn table(a: &str, b: &str, seed: u64, reps: u32, rows: &[Row]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "A: {a}\nB: {b}\nseed {seed}, {reps} paired replications (common random numbers)\n"
    );
    let _ = writeln!(
        s,
        "{:<18}{:>14}{:>14}{:>24}  ",
        "KPI", "A", "B", "B − A (95 % CI)"
    );
    for r in rows {
        let pct = matches!(r.kpi, "service_level" | "abandon_rate" | "occupancy");
        let f = |x: f64| {
            if pct {
                format!("{:.2}%", x * 100.0)
            } else {
                format!("{x:.2}")
            }
        };
        let _ = writeln!(
            s,
            "{:<18}{:>14}{:>14}{:>24}  {}",
            r.kpi,
            f(r.a.mean),
            f(r.b.mean),
            format!("{} ±{}", f(r.diff.mean), f(r.diff.ci95)),
            if r.significant { "significant" } else { "" }
        );
    }
    s
}
