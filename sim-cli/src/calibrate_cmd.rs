//! `ccsim calibrate LOG... -o scenario.toml`: per-call logs (the Anonymous Bank format or
//! the generic CSV, told apart by their header) to a scenario, with a calibration report
//! of every estimate, its uncertainty and its goodness of fit. Rows that cannot be used
//! are skipped and counted by reason with their line numbers; a file that is not a log
//! is an error naming it (exit 2).

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use sim_core::calibrate::log::{CallRecord, ParsedLog, parse_anonymous_bank, parse_generic_csv};
use sim_core::calibrate::model::{Options, TalkModel, WEEKDAYS, calibrate};

use crate::BadInput;

#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// Call logs: Anonymous Bank files (tab-separated) or generic CSV
    /// (date,arrival,type,queue_entry,answer,end,outcome,agent).
    #[arg(required = true)]
    pub logs: Vec<PathBuf>,
    /// Write the scenario here (default: print it after the report).
    #[arg(short, long, value_name = "FILE.toml")]
    pub out: Option<PathBuf>,
    /// Days of the week to use, e.g. sun,mon,tue,wed,thu (default: the five busiest).
    #[arg(long, value_delimiter = ',', value_parser = parse_weekday)]
    pub weekdays: Vec<u8>,
    /// Reporting interval in minutes.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=720))]
    pub interval_minutes: u32,
    /// The day's window, e.g. 07:00-24:00 (default: the intervals with calls on most days).
    #[arg(long, value_parser = parse_window)]
    pub window: Option<(f64, f64)>,
    /// Split each type by the log's priority class (priority customers served first).
    #[arg(long)]
    pub priority_classes: bool,
    /// Talk-time distribution of the scenario: lognormal (sample mean and cv) or
    /// empirical (the sample's quantiles).
    #[arg(long, value_enum, default_value_t = TalkArg::Lognormal)]
    pub talk: TalkArg,
    /// Write the report with a chart of each fit against the data as HTML.
    #[arg(long, value_name = "FILE.html")]
    pub html: Option<PathBuf>,
    /// The scenario's name.
    #[arg(long, default_value = "Calibrated call center")]
    pub name: String,
}

/// `--talk`: the talk-time distribution of a calibrated scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TalkArg {
    /// Lognormal with the sample mean and cv.
    Lognormal,
    /// The sample's quantiles, equally likely.
    Empirical,
}

impl From<TalkArg> for TalkModel {
    fn from(t: TalkArg) -> TalkModel {
        match t {
            TalkArg::Lognormal => TalkModel::Lognormal,
            TalkArg::Empirical => TalkModel::Empirical,
        }
    }
}

pub(crate) fn parse_weekday(s: &str) -> Result<u8, String> {
    let l = s.trim().to_lowercase();
    WEEKDAYS
        .iter()
        .position(|d| l.starts_with(d))
        .map(|i| i as u8)
        .ok_or_else(|| format!("expected a day of the week (sun, mon, ..., sat), found \"{s}\""))
}

fn parse_window(s: &str) -> Result<(f64, f64), String> {
    let bad = || format!("expected a window like 07:00-24:00, found \"{s}\"");
    let (a, b) = s.split_once('-').ok_or_else(bad)?;
    let clock = |c: &str| -> Option<f64> {
        let (h, m) = c.trim().split_once(':')?;
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (h <= 24 && m < 60 && h * 60 + m <= 1440).then(|| f64::from(h * 3600 + m * 60))
    };
    match (clock(a), clock(b)) {
        (Some(a), Some(b)) if b > a => Ok((a, b)),
        _ => Err(bad()),
    }
}

/// Reads one log, by its header.
pub(crate) fn read_log(path: &PathBuf) -> Result<ParsedLog> {
    let origin = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| BadInput(format!("{origin}: {e}")))?;
    let text = String::from_utf8_lossy(&bytes);
    let first = text.lines().next().unwrap_or("");
    let parsed = if first.contains('\t') {
        parse_anonymous_bank(&text, &origin)
    } else {
        parse_generic_csv(&text, &origin)
    };
    parsed.map_err(|e| BadInput(e.to_string()).into())
}

/// Logs read together: their calls, a provenance line per file and the skipped rows.
pub(crate) struct Logs {
    pub records: Vec<CallRecord>,
    /// `path: N calls read, M rows skipped`, per file.
    pub read: Vec<String>,
    /// `path: skipped ...`, one line per file and reason.
    pub skipped: String,
}

/// Reads logs, one after the other.
pub(crate) fn read_logs(paths: &[PathBuf]) -> Result<Logs> {
    let mut logs = Logs {
        records: Vec::new(),
        read: Vec::new(),
        skipped: String::new(),
    };
    for path in paths {
        let log = read_log(path)?;
        logs.read.push(format!(
            "{}: {} calls read, {} rows skipped",
            path.display(),
            log.records.len(),
            log.skipped_rows()
        ));
        for line in log.skipped_summary() {
            logs.skipped
                .push_str(&format!("{}: skipped {line}\n", path.display()));
        }
        logs.records.extend(log.records);
    }
    Ok(logs)
}

pub fn run(args: CalibrateArgs) -> Result<()> {
    let Logs {
        records,
        read,
        skipped: mut report,
    } = read_logs(&args.logs)?;
    let mut provenance = vec!["Source: per-call logs read by `ccsim calibrate`:".to_string()];
    provenance.extend(read.iter().map(|l| format!("  {l}")));
    let options = Options {
        weekdays: args.weekdays.clone(),
        interval_s: f64::from(args.interval_minutes) * 60.0,
        window: args.window,
        talk: args.talk.into(),
        priority_classes: args.priority_classes,
        ..Options::default()
    };
    let Some(cal) = calibrate(&records, &options) else {
        return Err(BadInput(format!(
            "{}: no usable call on the chosen days of the week",
            args.logs[0].display()
        ))
        .into());
    };
    report.push_str(&cal.report());
    let toml = cal.to_toml(&args.name, &provenance);
    if let Some(p) = &args.html {
        let page =
            crate::calibrate_html::page(&cal, &report, &format!("Calibration: {}", args.name))?;
        std::fs::write(p, page).map_err(|e| BadInput(format!("{}: {e}", p.display())))?;
    }
    // The scenario must load: a calibration that does not is our bug, not the user's.
    sim_core::scenario::Scenario::from_toml_str(&toml, "calibrated.toml")
        .map_err(|e| anyhow::anyhow!("the calibrated scenario does not load: {e}"))?;
    match &args.out {
        Some(p) => {
            std::fs::write(p, &toml).map_err(|e| BadInput(format!("{}: {e}", p.display())))?;
            crate::output::print(&format!("{report}\nwrote {}\n", p.display()))
        }
        None => crate::output::print(&format!("{report}\n{toml}")),
    }
}
