//! `ccsim replay LOG --day YYYY-MM-DD`: one real day, trace-driven. The day's calls arrive
//! exactly when the log says (with their logged talk times and, for callers who hung up,
//! their logged patience, if `--actual-times`), and are queued and routed by the
//! simulator under the staffing seen in the log that day, or a changed one (`--set`). The
//! rest of the model (distributions for what the log does not say) is calibrated from the
//! whole log, or taken from `--scenario`. Printed beside what the log recorded.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use rayon::prelude::*;
use sim_core::Simulation;
use sim_core::calibrate::day::Recorded;
use sim_core::calibrate::log::CallRecord;
use sim_core::calibrate::model::{Options, calibrate, window_clock};
use sim_core::report::{Report, RunKpis};
use sim_core::scenario::{Override, Scenario};

use crate::BadInput;

#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// The call log (Anonymous Bank or generic CSV).
    pub log: PathBuf,
    /// The day to replay, YYYY-MM-DD.
    #[arg(long)]
    pub day: String,
    /// Use the logged talk times, and the logged patience of callers who hung up (else
    /// both are drawn from the calibrated distributions).
    #[arg(long)]
    pub actual_times: bool,
    /// Split each type by the log's priority class (priority customers served first).
    #[arg(long)]
    pub priority_classes: bool,
    /// Change a field of the day's scenario, e.g. agent_groups.agents.agents=[...] (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE", value_parser = crate::parse_override)]
    pub set: Vec<Override>,
    /// Replications (the parts the log does not fix are random).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub replications: u32,
    /// Seed.
    #[arg(long, default_value_t = 1999)]
    pub seed: u64,
    /// Print the report as JSON (with a `recorded` object: what the log says).
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: ReplayArgs) -> Result<()> {
    let log = crate::calibrate_cmd::read_log(&args.log)?;
    let bad = |m: String| -> anyhow::Error { BadInput(m).into() };
    let day = sim_core::calibrate::log::parse_iso_day(&args.day).ok_or_else(|| {
        bad(format!(
            "--day {}: expected a date like 1999-10-05",
            args.day
        ))
    })?;
    let today: Vec<&CallRecord> = log.records.iter().filter(|r| r.day == day).collect();
    let Some(first) = today.first() else {
        return Err(bad(format!(
            "{}: no call on {} in this log",
            args.log.display(),
            args.day
        )));
    };
    let weekday = first.weekday;
    // The model: calibrated on the days of this weekday's class (the five busiest days, or
    // this day of the week if it is not one of them).
    let base = Options {
        priority_classes: args.priority_classes,
        ..Options::default()
    };
    let mut model = calibrate(&log.records, &base)
        .ok_or_else(|| bad(format!("{}: nothing to calibrate", args.log.display())))?;
    if !model.weekdays.contains(&weekday) {
        model = calibrate(
            &log.records,
            &Options {
                weekdays: vec![weekday],
                ..base.clone()
            },
        )
        .ok_or_else(|| bad(format!("{}: nothing to calibrate", args.log.display())))?;
    }
    let window = model.window;
    let owned: Vec<CallRecord> = today.iter().map(|r| (*r).clone()).collect();
    let day_model = model.for_day(&owned);
    let text = day_model.to_toml(
        &format!("Replay of {}", args.day),
        &[format!(
            "A replay of {} from {}",
            args.day,
            args.log.display()
        )],
    );
    let scenario =
        Scenario::from_toml_str_with(&text, "replay", &args.set).map_err(|e| bad(e.to_string()))?;
    let scripts = day_model.script(&owned, args.actual_times, args.actual_times);
    let kpis: Vec<RunKpis> = (0..args.replications)
        .into_par_iter()
        .map(|rep| {
            let scripts = scripts.iter().cloned().map(Some).collect();
            let r = Simulation::new_scripted(&scenario, args.seed, rep, scripts).finish();
            RunKpis::of(&r.stats, &scenario)
        })
        .collect();
    let report = Report::from_kpis(&scenario, args.seed, &kpis);
    let rec = Recorded::of(
        day_model.in_window(&owned),
        scenario.service_level.threshold.as_secs_f64(),
    );
    if args.json {
        let mut v = serde_json::to_value(&report)?;
        v["recorded"] = serde_json::to_value(rec)?;
        return crate::output::print(&(serde_json::to_string_pretty(&v)? + "\n"));
    }
    let k = &report.summary;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}, {} replications{}), {}–{} — simulated vs recorded",
        scenario.name,
        args.log.display(),
        args.replications,
        if args.actual_times {
            ", logged talk times and patience"
        } else {
            ""
        },
        window_clock(window.0),
        window_clock(window.1),
    );
    for (name, sim, real, pct) in [
        ("Offered", k.offered, rec.offered, false),
        ("Answered", k.answered, rec.answered, false),
        ("Abandoned", k.abandoned, rec.abandoned, false),
        ("Abandonment", k.abandon_rate, rec.abandon_rate, true),
        ("ASA (s)", k.asa_s, rec.asa_s, false),
        ("Service level", k.service_level, rec.service_level, true),
    ] {
        let f = |x: f64| {
            if pct {
                format!("{:.1}%", x * 100.0)
            } else {
                format!("{x:.1}")
            }
        };
        let _ = writeln!(
            out,
            "  {name:<15}{:>16}   recorded {}",
            format!("{} ±{}", f(sim.mean), f(sim.ci95)),
            f(real)
        );
    }
    crate::output::print(&out)
}
