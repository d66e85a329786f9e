//! `ccsim backtest --train LOG... --test LOG...`: the model against days it was not fitted
//! on. The training logs are calibrated (talk times, patience, IVR); every day of the test
//! logs in the same class of weekdays is then simulated with its own arrival volumes and
//! its own staffing (the agents available per interval, read from its log) and compared
//! with what its log recorded, day by day and hour by hour, six ways ([`WAYS`]), each
//! adding one thing the log knows: the calibrated model (Poisson arrivals), the day's mean
//! talk times (`+AHT`), the day's calls as logged (`replay`), the hour's logged talk times
//! (`mixed`), each call's own (`+talk`), and the logged patience of those who hung up
//! (`+times`). The differences between neighbours take the error apart.
//!
//! The summary gives the mean absolute errors of the daily abandonment (points), ASA
//! (relative) and service level, and of the hourly figures; `--csv` and `--html` write
//! the per-day table and the charts (docs/validation.md is made of them).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use rayon::prelude::*;
use sim_core::Simulation;
use sim_core::calibrate::day::Recorded;
use sim_core::calibrate::log::CallRecord;
use sim_core::calibrate::model::{
    Calibration, Options, WEEKDAYS, calibrate, iso_date, window_clock,
};
use sim_core::engine::ScriptedArrival;
use sim_core::report::{Estimate, RunKpis};
use sim_core::scenario::Scenario;
use sim_core::time::SimDuration;

use crate::BadInput;
use crate::calibrate_cmd::{TalkArg, parse_weekday, read_logs};
use crate::charts::{Chart, Pt, Series};

#[derive(Debug, Args)]
pub struct BacktestArgs {
    /// Logs to calibrate on (talk times, patience, IVR).
    #[arg(long, required = true, num_args = 1.., value_name = "LOG")]
    pub train: Vec<PathBuf>,
    /// Logs whose days are simulated and compared with what they recorded.
    #[arg(long, required = true, num_args = 1.., value_name = "LOG")]
    pub test: Vec<PathBuf>,
    /// Days of the week, e.g. sun,mon,tue,wed,thu (default: the training log's five busiest).
    #[arg(long, value_delimiter = ',', value_parser = parse_weekday)]
    pub weekdays: Vec<u8>,
    /// Split each type by the log's priority class (priority customers served first).
    #[arg(long)]
    pub priority_classes: bool,
    /// Talk-time distribution of the calibrated model.
    #[arg(long, value_enum, default_value_t = TalkArg::Lognormal)]
    pub talk: TalkArg,
    /// Write each chart as an SVG file into this directory.
    #[arg(long, value_name = "DIR")]
    pub svg_dir: Option<PathBuf>,
    /// Replications per day and way.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub replications: u32,
    /// Seed.
    #[arg(long, default_value_t = 1999)]
    pub seed: u64,
    /// Write the per-day table as CSV.
    #[arg(long, value_name = "FILE.csv")]
    pub csv: Option<PathBuf>,
    /// Write an HTML page with the tables and charts (daily and hourly, simulated vs recorded).
    #[arg(long, value_name = "FILE.html")]
    pub html: Option<PathBuf>,
}

/// The ways a day is simulated, each adding one thing the log knows to the one before: a
/// name, what it is, and (the day's own mean talk times?, the logged arrivals?, the logged
/// talk times and patience?).
const WAYS: [(&str, &str, Way); 6] = [
    (
        "model",
        "the calibrated model: Poisson arrivals at the day's rates per interval, talk and patience drawn",
        Way {
            day_talk: false,
            scripted: false,
            logged_talk: false,
            logged_patience: false,
            mix_talk: false,
        },
    ),
    (
        "+AHT",
        "the same with each type's mean talk time that of the day (the day's workload; same shapes)",
        Way {
            day_talk: true,
            scripted: false,
            logged_talk: false,
            logged_patience: false,
            mix_talk: false,
        },
    ),
    (
        "replay",
        "the day's calls as logged, talk (at the day's mean) and patience drawn",
        Way {
            day_talk: true,
            scripted: true,
            logged_talk: false,
            logged_patience: false,
            mix_talk: false,
        },
    ),
    (
        "mixed",
        "the day's calls, each with the logged talk time of another call of its type in the same hour",
        Way {
            day_talk: true,
            scripted: true,
            logged_talk: true,
            logged_patience: false,
            mix_talk: true,
        },
    ),
    (
        "+talk",
        "the day's calls with their logged talk times, patience drawn",
        Way {
            day_talk: true,
            scripted: true,
            logged_talk: true,
            logged_patience: false,
            mix_talk: false,
        },
    ),
    (
        "+times",
        "the day's calls with their logged talk times and the logged patience of those who hung up",
        Way {
            day_talk: true,
            scripted: true,
            logged_talk: true,
            logged_patience: true,
            mix_talk: false,
        },
    ),
];

/// What a way takes from the day's log.
#[derive(Clone, Copy, Debug)]
struct Way {
    day_talk: bool,
    scripted: bool,
    logged_talk: bool,
    logged_patience: bool,
    /// Logged talk times moved to another call of the same type in the same hour: the
    /// hour's talk times, not the call's own.
    mix_talk: bool,
}

/// Gives each scripted call the talk time of another call of its type in the same clock
/// hour, half the hour's calls away (about half an hour apart): the hour-by-hour talk
/// times stay, the link between a call (and the minutes around it) and its own talk time
/// goes.
fn mix_within_hours(script: &mut [ScriptedArrival]) {
    script.sort_by_key(|a| a.at);
    let hour = |a: &ScriptedArrival| (a.at.as_secs_f64() / 3600.0) as u64;
    let mut start = 0;
    while start < script.len() {
        let h = hour(&script[start]);
        let end = start + script[start..].iter().take_while(|a| hour(a) == h).count();
        let talks: Vec<Option<SimDuration>> = script[start..end].iter().map(|a| a.talk).collect();
        let n = talks.len();
        for (k, a) in script[start..end].iter_mut().enumerate() {
            a.talk = talks[(k + n / 2) % n];
        }
        start = end;
    }
}

/// Types with fewer served calls in a day keep the calibrated mean talk time.
const MIN_TALK_CALLS: usize = 10;

/// Hours with fewer recorded calls than this are left out of the hourly errors.
const MIN_HOUR_CALLS: f64 = 20.0;

/// Sums of an hour (or a day), for pooled rates: mean over replications.
#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    offered: f64,
    answered: f64,
    abandoned: f64,
    waited_s: f64,
}

impl Sums {
    fn add(&mut self, o: &Sums, weight: f64) {
        self.offered += o.offered * weight;
        self.answered += o.answered * weight;
        self.abandoned += o.abandoned * weight;
        self.waited_s += o.waited_s * weight;
    }
    fn abandon_rate(&self) -> f64 {
        ratio(self.abandoned, self.offered)
    }
    fn asa_s(&self) -> f64 {
        ratio(self.waited_s, self.answered)
    }
    fn of_recorded(r: &Recorded) -> Sums {
        Sums {
            offered: r.offered,
            answered: r.answered,
            abandoned: r.abandoned,
            waited_s: r.asa_s * r.answered,
        }
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// One way's result for a day.
#[derive(Clone, Debug)]
struct Simulated {
    abandon_rate: Estimate,
    asa_s: Estimate,
    service_level: Estimate,
    /// Hour of the day → sums, mean over replications.
    hours: BTreeMap<u32, Sums>,
}

/// One test day.
struct DayResult {
    date: String,
    weekday: u8,
    agent_hours: f64,
    recorded: Recorded,
    hours: BTreeMap<u32, Sums>,
    ways: Vec<Simulated>,
}

fn simulate(
    scenario: &Scenario,
    model: &Calibration,
    calls: &[CallRecord],
    way: Way,
    seed: u64,
    replications: u32,
) -> Simulated {
    // The day's script, built once for all replications.
    let script = way.scripted.then(|| {
        let mut scripts = model.script(calls, way.logged_talk, way.logged_patience);
        if way.mix_talk {
            scripts.iter_mut().for_each(|s| mix_within_hours(s));
        }
        scripts
    });
    let runs: Vec<RunKpis> = (0..replications)
        .into_par_iter()
        .map(|rep| {
            let sim = if let Some(scripts) = &script {
                let scripts = scripts.iter().cloned().map(Some).collect();
                Simulation::new_scripted(scenario, seed, rep, scripts)
            } else {
                Simulation::new_replication(scenario, seed, rep)
            };
            RunKpis::of(&sim.finish().stats, scenario)
        })
        .collect();
    let pick = |f: fn(&RunKpis) -> f64| Estimate::of(&runs.iter().map(f).collect::<Vec<_>>());
    let mut hours: BTreeMap<u32, Sums> = BTreeMap::new();
    let w = 1.0 / runs.len() as f64;
    for run in &runs {
        for (i, k) in run.intervals.iter().enumerate() {
            let start = model.window.0 + i as f64 * model.interval_s;
            let s = Sums {
                offered: k.offered,
                answered: k.answered,
                abandoned: k.abandoned,
                waited_s: k.asa_s * k.answered,
            };
            hours.entry((start / 3600.0) as u32).or_default().add(&s, w);
        }
    }
    Simulated {
        abandon_rate: pick(|r| r.summary.abandon_rate),
        asa_s: pick(|r| r.summary.asa_s),
        service_level: pick(|r| r.summary.service_level),
        hours,
    }
}

/// Mean absolute errors of one way over the days (and their hours).
#[derive(Clone, Copy, Debug, Default)]
struct Errors {
    abandon_pts: f64,
    abandon_bias_pts: f64,
    asa_rel: f64,
    asa_bias_rel: f64,
    sl_pts: f64,
    hourly_abandon_pts: f64,
    hourly_asa_s: f64,
}

fn errors(days: &[DayResult], way: usize) -> Errors {
    let mut e = Errors::default();
    let n = days.len().max(1) as f64;
    let mut asa_days = 0.0_f64;
    let (mut hours, mut hour_abandon, mut hour_asa) = (0.0_f64, 0.0, 0.0);
    for d in days {
        let s = &d.ways[way];
        let r = &d.recorded;
        let ab = (s.abandon_rate.mean - r.abandon_rate) * 100.0;
        e.abandon_pts += ab.abs() / n;
        e.abandon_bias_pts += ab / n;
        e.sl_pts += ((s.service_level.mean - r.service_level) * 100.0).abs() / n;
        if r.asa_s > 0.0 {
            let rel = (s.asa_s.mean - r.asa_s) / r.asa_s;
            e.asa_rel += rel.abs();
            e.asa_bias_rel += rel;
            asa_days += 1.0;
        }
        for (h, rec) in &d.hours {
            let Some(sim) = s.hours.get(h) else { continue };
            if rec.offered < MIN_HOUR_CALLS {
                continue;
            }
            hours += 1.0;
            hour_abandon += (sim.abandon_rate() - rec.abandon_rate()).abs() * 100.0;
            hour_asa += (sim.asa_s() - rec.asa_s()).abs();
        }
    }
    e.asa_rel /= asa_days.max(1.0);
    e.asa_bias_rel /= asa_days.max(1.0);
    e.hourly_abandon_pts = hour_abandon / hours.max(1.0);
    e.hourly_asa_s = hour_asa / hours.max(1.0);
    e
}

/// Pooled over the days: hour → (recorded, per way).
fn hour_profile(days: &[DayResult]) -> BTreeMap<u32, (Sums, Vec<Sums>)> {
    let mut out: BTreeMap<u32, (Sums, Vec<Sums>)> = BTreeMap::new();
    for d in days {
        for (h, rec) in &d.hours {
            let e = out
                .entry(*h)
                .or_insert_with(|| (Sums::default(), vec![Sums::default(); WAYS.len()]));
            e.0.add(rec, 1.0);
            for (w, s) in d.ways.iter().enumerate() {
                if let Some(x) = s.hours.get(h) {
                    e.1[w].add(x, 1.0);
                }
            }
        }
    }
    out
}

pub fn run(args: BacktestArgs) -> Result<()> {
    let bad = |m: String| -> anyhow::Error { BadInput(m).into() };
    let train = read_logs(&args.train)?;
    let test = read_logs(&args.test)?;
    let options = Options {
        weekdays: args.weekdays.clone(),
        talk: args.talk.into(),
        priority_classes: args.priority_classes,
        ..Options::default()
    };
    let model = calibrate(&train.records, &options).ok_or_else(|| {
        bad(format!(
            "{}: no usable call on the chosen days of the week",
            args.train[0].display()
        ))
    })?;
    let mut by_day: BTreeMap<i64, Vec<CallRecord>> = BTreeMap::new();
    for r in test
        .records
        .into_iter()
        .filter(|r| model.weekdays.contains(&r.weekday))
    {
        by_day.entry(r.day).or_default().push(r);
    }
    if by_day.is_empty() {
        return Err(bad(format!(
            "{}: no call on the calibrated days of the week",
            args.test[0].display()
        )));
    }
    let threshold_s = {
        let text = model.to_toml("backtest", &[]);
        Scenario::from_toml_str(&text, "backtest.toml")
            .map_err(|e| anyhow::anyhow!("the calibrated scenario does not load: {e}"))?
            .service_level
            .threshold
            .as_secs_f64()
    };
    let mut days = Vec::new();
    for (day, calls) in &by_day {
        let day_model = model.for_day(calls);
        let talk_model = day_model.with_talk_of(calls, MIN_TALK_CALLS);
        let load = |m: &Calibration| {
            Scenario::from_toml_str(&m.to_toml("backtest day", &[]), "backtest.toml")
                .map_err(|e| anyhow::anyhow!("the day's scenario does not load: {e}"))
        };
        let (scenario, talk_scenario) = (load(&day_model)?, load(&talk_model)?);
        let in_window: Vec<&CallRecord> = day_model.in_window(calls).collect();
        let mut hours: BTreeMap<u32, Vec<&CallRecord>> = BTreeMap::new();
        for r in &in_window {
            hours
                .entry((r.arrival_s / 3600.0) as u32)
                .or_default()
                .push(r);
        }
        let ways = WAYS
            .iter()
            .map(|(_, _, way)| {
                let (m, sc) = if way.day_talk {
                    (&talk_model, &talk_scenario)
                } else {
                    (&day_model, &scenario)
                };
                simulate(sc, m, calls, *way, args.seed, args.replications)
            })
            .collect();
        days.push(DayResult {
            date: iso_date(*day),
            weekday: calls[0].weekday,
            agent_hours: day_model.staffing.iter().sum::<f64>() * model.interval_s / 3600.0,
            recorded: Recorded::of(in_window.iter().copied(), threshold_s),
            hours: hours
                .into_iter()
                .map(|(h, rs)| (h, Sums::of_recorded(&Recorded::of(rs, threshold_s))))
                .collect(),
            ways,
        });
    }
    let errs: Vec<Errors> = (0..WAYS.len()).map(|w| errors(&days, w)).collect();
    let text = summary(&args, &model, &train.read, &test.read, &days, &errs);
    if let Some(path) = &args.csv {
        std::fs::write(path, csv(&days))
            .map_err(|e| bad(format!("cannot write {}: {e}", path.display())))?;
    }
    if let Some(path) = &args.html {
        std::fs::write(path, html(&text, &days)?)
            .map_err(|e| bad(format!("cannot write {}: {e}", path.display())))?;
    }
    if let Some(dir) = &args.svg_dir {
        let fail = |e: std::io::Error| bad(format!("cannot write into {}: {e}", dir.display()));
        std::fs::create_dir_all(dir).map_err(fail)?;
        for (name, chart) in charts(&days) {
            std::fs::write(dir.join(format!("{name}.svg")), chart.to_svg()?).map_err(fail)?;
        }
    }
    crate::output::print(&text)
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn summary(
    args: &BacktestArgs,
    model: &Calibration,
    train: &[String],
    test: &[String],
    days: &[DayResult],
    errs: &[Errors],
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Calibrated on {} days ({}) of {}; tested on {} days of {}; {}–{}, {} replications per day and way.",
        model.days.len(),
        model.weekday_names(),
        train.join(", "),
        days.len(),
        test.join(", "),
        window_clock(model.window.0),
        window_clock(model.window.1),
        args.replications
    );
    let _ = writeln!(
        out,
        "Each test day has its own arrival volumes (per type and interval) and its own staffing (the agents\navailable per interval, from its log); talk times, patience and the IVR come from the calibration."
    );
    for (name, what, _) in WAYS {
        let _ = writeln!(out, "  {name:<13} {what}");
    }
    let heads = |width: usize| -> String {
        WAYS.iter()
            .map(|(n, _, _)| format!("{n:>width$}"))
            .collect()
    };
    let _ = writeln!(
        out,
        "\n{:<11}{:>4}{:>7}{:>7} | {:>7}{} | {:>7}{} | {:>7}{}",
        "day",
        "",
        "calls",
        "agt-h",
        "aband",
        heads(7),
        "ASA",
        heads(7),
        "SL",
        heads(7)
    );
    for d in days {
        let _ = write!(
            out,
            "{:<11}{:>4}{:>7.0}{:>7.0} | {:>7}",
            d.date,
            WEEKDAYS[d.weekday as usize],
            d.recorded.offered,
            d.agent_hours,
            pct(d.recorded.abandon_rate)
        );
        for s in &d.ways {
            let _ = write!(out, "{:>7}", pct(s.abandon_rate.mean));
        }
        let _ = write!(out, " | {:>7.1}", d.recorded.asa_s);
        for s in &d.ways {
            let _ = write!(out, "{:>7.1}", s.asa_s.mean);
        }
        let _ = write!(out, " | {:>7.1}", d.recorded.service_level * 100.0);
        for s in &d.ways {
            let _ = write!(out, "{:>7.1}", s.service_level.mean * 100.0);
        }
        out.push('\n');
    }
    let mean = |f: fn(&Recorded) -> f64| {
        days.iter().map(|d| f(&d.recorded)).sum::<f64>() / days.len() as f64
    };
    let _ = writeln!(
        out,
        "\nRecorded, mean of the days: abandonment {}, ASA {:.1} s, service level {}.",
        pct(mean(|r| r.abandon_rate)),
        mean(|r| r.asa_s),
        pct(mean(|r| r.service_level))
    );
    let _ = writeln!(
        out,
        "\nErrors (mean absolute over the days; bias = mean of simulated − recorded; hourly: hours with ≥ {MIN_HOUR_CALLS:.0} calls):"
    );
    let _ = writeln!(
        out,
        "  {:<13}{:>14}{:>12}{:>12}{:>12}{:>10}{:>16}{:>14}",
        "way", "abandonment", "bias", "ASA", "bias", "SL", "hourly abandon", "hourly ASA"
    );
    for ((name, _, _), e) in WAYS.iter().zip(errs) {
        let _ = writeln!(
            out,
            "  {:<13}{:>10.2} pts{:>+8.2} pts{:>11.1}%{:>+11.1}%{:>6.1} pts{:>12.2} pts{:>12.1} s",
            name,
            e.abandon_pts,
            e.abandon_bias_pts,
            e.asa_rel * 100.0,
            e.asa_bias_rel * 100.0,
            e.sl_pts,
            e.hourly_abandon_pts,
            e.hourly_asa_s
        );
    }
    let verdict = |ok: bool| if ok { "met" } else { "missed" };
    let _ = writeln!(
        out,
        "\nTargets: daily abandonment within 3 pts on average, daily ASA within 20 %:"
    );
    for ((name, _, _), e) in WAYS.iter().zip(errs) {
        let _ = writeln!(
            out,
            "  {name:<13}abandonment {}, ASA {}",
            verdict(e.abandon_pts <= 3.0),
            verdict(e.asa_rel <= 0.2)
        );
    }
    let _ = writeln!(
        out,
        "\nBy hour of the day, pooled over the days (abandonment, ASA in s):"
    );
    let _ = writeln!(
        out,
        "  {:<6}{:>8} | {:>7}{} | {:>7}{}",
        "hour",
        "calls",
        "aband",
        heads(7),
        "ASA",
        heads(7)
    );
    for (h, (rec, ways)) in hour_profile(days) {
        let _ = write!(
            out,
            "  {:<6}{:>8.0} | {:>7}",
            format!("{h:02}:00"),
            rec.offered,
            pct(rec.abandon_rate())
        );
        for s in &ways {
            let _ = write!(out, "{:>7}", pct(s.abandon_rate()));
        }
        let _ = write!(out, " | {:>7.1}", rec.asa_s());
        for s in &ways {
            let _ = write!(out, "{:>7.1}", s.asa_s());
        }
        out.push('\n');
    }
    out
}

fn csv(days: &[DayResult]) -> String {
    let mut out = String::from(
        "date,weekday,offered,agent_hours,recorded_abandon_rate,recorded_asa_s,recorded_service_level",
    );
    for (name, _, _) in WAYS {
        let n = name.replace('+', "").to_lowercase();
        let _ = write!(
            out,
            ",{n}_abandon_rate,{n}_abandon_rate_ci95,{n}_asa_s,{n}_asa_s_ci95,{n}_service_level,{n}_service_level_ci95"
        );
    }
    out.push('\n');
    for d in days {
        let r = &d.recorded;
        let _ = write!(
            out,
            "{},{},{},{:.2},{:.5},{:.3},{:.5}",
            d.date,
            WEEKDAYS[d.weekday as usize],
            r.offered,
            d.agent_hours,
            r.abandon_rate,
            r.asa_s,
            r.service_level
        );
        for s in &d.ways {
            let _ = write!(
                out,
                ",{:.5},{:.5},{:.3},{:.3},{:.5},{:.5}",
                s.abandon_rate.mean,
                s.abandon_rate.ci95,
                s.asa_s.mean,
                s.asa_s.ci95,
                s.service_level.mean,
                s.service_level.ci95
            );
        }
        out.push('\n');
    }
    out
}

/// The charts, each with a file name.
fn charts(days: &[DayResult]) -> Vec<(&'static str, Chart)> {
    let names: Vec<String> = days.iter().map(|d| d.date[5..].to_string()).collect();
    let daily = |title: &str,
                 y: &str,
                 percent,
                 rec: fn(&Recorded) -> f64,
                 sim: fn(&Simulated) -> Estimate| {
        let mut series = vec![Series::line(
            "recorded",
            days.iter()
                .enumerate()
                .map(|(i, d)| Pt::at(i as f64, rec(&d.recorded))),
        )];
        series.extend(WAYS.iter().enumerate().map(|(w, (name, _, _))| {
            Series::line(
                *name,
                days.iter().enumerate().map(|(i, d)| {
                    let e = sim(&d.ways[w]);
                    Pt {
                        x: i as f64,
                        y: e.mean,
                        ci: e.ci95,
                    }
                }),
            )
        }));
        Chart {
            x_names: Some(names.clone()),
            ..Chart::lines(title, "day", y, percent, series)
        }
    };
    let profile = hour_profile(days);
    let hour_names: Vec<String> = profile.keys().map(|h| format!("{h:02}")).collect();
    let hourly = |title: &str, y: &str, percent, f: fn(&Sums) -> f64| {
        let at = |i: usize, s: &Sums| Pt::at(i as f64, f(s));
        let mut series = vec![Series::line(
            "recorded",
            profile.values().enumerate().map(|(i, (rec, _))| at(i, rec)),
        )];
        series.extend(WAYS.iter().enumerate().map(|(w, (name, _, _))| {
            Series::line(
                *name,
                profile
                    .values()
                    .enumerate()
                    .map(|(i, (_, ways))| at(i, &ways[w])),
            )
        }));
        Chart {
            x_names: Some(hour_names.clone()),
            ..Chart::lines(title, "hour of the day", y, percent, series)
        }
    };
    vec![
        (
            "daily-abandonment",
            daily(
                "Daily abandonment: recorded and simulated",
                "abandoned / offered",
                true,
                |r| r.abandon_rate,
                |s| s.abandon_rate,
            ),
        ),
        (
            "daily-asa",
            daily(
                "Daily ASA: recorded and simulated",
                "ASA (s)",
                false,
                |r| r.asa_s,
                |s| s.asa_s,
            ),
        ),
        (
            "daily-service-level",
            daily(
                "Daily service level: recorded and simulated",
                "service level",
                true,
                |r| r.service_level,
                |s| s.service_level,
            ),
        ),
        (
            "hourly-abandonment",
            hourly(
                "Abandonment by hour, pooled over the days",
                "abandoned / offered",
                true,
                Sums::abandon_rate,
            ),
        ),
        (
            "hourly-asa",
            hourly(
                "ASA by hour, pooled over the days",
                "ASA (s)",
                false,
                Sums::asa_s,
            ),
        ),
    ]
}

fn html(summary: &str, days: &[DayResult]) -> Result<String> {
    let mut page = crate::report_cmd::html_head("ccsim backtest: simulated vs recorded days");
    for (_, c) in charts(days) {
        let _ = write!(page, "<figure>\n{}\n</figure>\n", c.to_svg()?);
    }
    let _ = write!(
        page,
        "<h2>Tables</h2>\n<pre>{}</pre>\n<p><small>Made by ccsim.</small></p></body></html>\n",
        crate::report_cmd::esc(summary)
    );
    Ok(page)
}
