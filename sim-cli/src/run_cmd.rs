//! `ccsim run`: load a scenario (or the built-in default), apply `--set` overrides, run
//! the replications in parallel and print the report.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use sim_core::Simulation;
use sim_core::engine::{InterventionError, LoggedIntervention};
use sim_core::people::PeopleResult;
use sim_core::report::{Report, RunKpis};
use sim_core::scenario::{Override, Scenario};

use crate::BadInput;
use crate::output;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable table.
    Table,
    /// One JSON object (DESIGN §3.3).
    Json,
    /// One CSV row per summary, contact type and interval.
    Csv,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Scenario file (TOML). Without it, the built-in default scenario runs.
    pub file: Option<PathBuf>,
    /// Seed (overrides the scenario's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Number of replications (overrides the scenario's).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub replications: Option<u32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Override a scenario field, e.g. agent_groups.tier1.agents=12 (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE", value_parser = crate::parse_override)]
    pub set: Vec<Override>,
    /// A partial scenario whose fields override the file's (e.g. a plan from `ccsim staff`);
    /// applied before --set.
    #[arg(long, value_name = "FILE.toml")]
    pub overlay: Option<PathBuf>,
    /// Replay a decision log in every replication: a game results file (its log, and its
    /// seed unless --seed is given) or a JSON list of logged interventions.
    #[arg(long, value_name = "FILE.json")]
    pub decisions: Option<PathBuf>,
    /// For a multi-day scenario (`[people]`): also write its figures day by day (headcount,
    /// hires, quits, occupancy, service, cost, revenue) to this CSV file.
    #[arg(long, value_name = "FILE.csv")]
    pub days_csv: Option<PathBuf>,
}

/// A decision log and, if the file is a game's results file, the seed it was played on.
pub fn read_decisions(path: &PathBuf) -> Result<(Vec<LoggedIntervention>, Option<u64>)> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| BadInput(format!("cannot read {}: {e}", path.display())))?;
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum File {
        Log(Vec<LoggedIntervention>),
        Results {
            seed: u64,
            log: Vec<LoggedIntervention>,
        },
    }
    match serde_json::from_str::<File>(&text) {
        Ok(File::Log(log)) => Ok((log, None)),
        Ok(File::Results { seed, log }) => Ok((log, Some(seed))),
        Err(_) => {
            // Say where the list form fails: that is the error a hand-written log needs.
            let e = serde_json::from_str::<Vec<LoggedIntervention>>(&text)
                .err()
                .map_or_else(String::new, |e| format!(": {e}"));
            Err(BadInput(format!(
                "{}: not a decision log (a JSON list of {{\"at\": µs, \"intervention\": {{\"kind\": ...}}}}) nor a results file{e}",
                path.display()
            ))
            .into())
        }
    }
}

/// The overrides an overlay file stands for.
pub fn read_overlay(path: &PathBuf) -> Result<Vec<Override>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| BadInput(format!("cannot read {}: {e}", path.display())))?;
    sim_core::scenario::overlay_overrides(&text, &path.display().to_string())
        .map_err(|e| BadInput(e.to_string()).into())
}

/// The text of the scenario named on the command line (or the built-in default) and the
/// name to report it by.
pub fn read_scenario_text(file: Option<&PathBuf>) -> Result<(String, String)> {
    Ok(match file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| BadInput(format!("cannot read {}: {e}", path.display())))?;
            (text, path.display().to_string())
        }
        None => (
            sim_core::DEFAULT_SCENARIO.to_string(),
            "<default scenario>".to_string(),
        ),
    })
}

/// Reads the scenario named on the command line, or the built-in default.
pub fn load_scenario(file: Option<&PathBuf>, overrides: &[Override]) -> Result<Scenario> {
    let (text, origin) = read_scenario_text(file)?;
    Scenario::from_toml_str_with(&text, &origin, overrides)
        .map_err(|e| BadInput(e.to_string()).into())
}

pub fn run(args: RunArgs) -> Result<()> {
    let mut overrides = match &args.overlay {
        Some(p) => read_overlay(p)?,
        None => Vec::new(),
    };
    overrides.extend(args.set.iter().cloned());
    let scenario = load_scenario(args.file.as_ref(), &overrides)?;
    let (log, played_seed) = match &args.decisions {
        Some(p) => read_decisions(p)?,
        None => (Vec::new(), None),
    };
    let seed = args.seed.or(played_seed).unwrap_or(scenario.seed);
    let replications = args.replications.unwrap_or(scenario.replications);
    if let Some(people) = &scenario.people {
        if let Some(p) = &args.decisions {
            return Err(BadInput(format!(
                "{}: a decision log replays one day, and this scenario runs {} days ([people]); run it without --decisions",
                p.display(),
                people.days
            ))
            .into());
        }
        let runs: Vec<PeopleResult> = (0..replications)
            .into_par_iter()
            .map(|r| sim_core::people::run_people(&scenario, seed, r))
            .collect();
        let report = Report::from_people(&scenario, seed, &runs);
        if let (Some(path), Some(p)) = (&args.days_csv, &report.people) {
            std::fs::write(path, output::days_csv(p))
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        }
        return print_report(&report, &scenario, args.format);
    }
    if let Some(p) = &args.days_csv {
        return Err(BadInput(format!(
            "--days-csv {}: the scenario has no [people] section; it runs one day",
            p.display()
        ))
        .into());
    }
    let kpis: Vec<RunKpis> = (0..replications)
        .into_par_iter()
        .map(|r| {
            let result = Simulation::replay(&scenario, seed, r, &log)?;
            Ok(RunKpis::of(&result.stats, &scenario))
        })
        .collect::<std::result::Result<_, InterventionError>>()
        .map_err(|e| {
            let file = args.decisions.as_ref().map(|p| p.display().to_string());
            BadInput(format!("{}: {e}", file.unwrap_or_default()))
        })?;
    let report = Report::from_kpis(&scenario, seed, &kpis);
    print_report(&report, &scenario, args.format)
}

fn print_report(report: &Report, scenario: &Scenario, format: Format) -> Result<()> {
    let text = match format {
        Format::Json => serde_json::to_string_pretty(report)? + "\n",
        Format::Csv => output::report_csv(report),
        Format::Table => output::report_table(report, scenario),
    };
    output::print(&text)
}
