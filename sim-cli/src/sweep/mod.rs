//! `ccsim sweep`: one scenario over a grid of parameter values, every point with the same
//! replications and seeds (common random numbers), in parallel, streamed to CSV or JSON
//! lines in point order, resumable and shardable. `ccsim merge` joins shards.
//!
//! Output order never depends on `-j`: finished points wait in a small reorder buffer
//! until every earlier point is written, so the file is always a prefix of the final one.
//! That makes `--resume` simple and exact: the complete rows in the file are skipped.

pub mod grid;
pub mod merge;

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, IsTerminal, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use sim_core::report::{Estimate, Kpis, Report, RunKpis};
use sim_core::scenario::{Override, Scenario};

use crate::BadInput;
use crate::run_cmd::read_scenario_text;
use grid::{Axis, Point};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SweepFormat {
    /// One row per point: the varied values, then every KPI's mean and 95 % half-width.
    Csv,
    /// One JSON object per line: point, values, summary and per-type KPIs.
    Jsonl,
}

#[derive(Debug, Args)]
pub struct SweepArgs {
    /// Scenario file (TOML).
    pub file: PathBuf,
    /// A field and its values: 8..16, 8..16:2, 0.7..0.9:0.05, 8,10,12, 3m,4m,5m, true,false.
    /// Several --vary make a full grid (the first varies slowest).
    #[arg(long = "vary", value_name = "PATH=VALUES", value_parser = grid::parse_axis)]
    pub vary: Vec<Axis>,
    /// An explicit list of points: a CSV file whose header names the fields.
    #[arg(long, value_name = "FILE.csv", conflicts_with = "vary")]
    pub points: Option<PathBuf>,
    /// Override a field at every point (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE", value_parser = crate::parse_override)]
    pub set: Vec<Override>,
    /// Seed (overrides the scenario's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Replications per point (overrides the scenario's).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub replications: Option<u32>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub jobs: Option<u32>,
    /// Output file (default: stdout). Needed for --resume.
    #[arg(short = 'o', long)]
    pub out: Option<PathBuf>,
    /// Output format (default: from the --out extension, .jsonl or .json for JSON lines, else CSV).
    #[arg(long, value_enum)]
    pub format: Option<SweepFormat>,
    /// Keep the finished points already in --out and run the rest.
    #[arg(long, requires = "out")]
    pub resume: bool,
    /// Run one slice K/N of the points (1-based). Without it, SLURM_ARRAY_TASK_ID and
    /// SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX and CCSIM_SHARDS, are used.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,
    /// No progress bar.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Slice `k` (0-based) of `n`: the points whose number is `k` modulo `n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub k: usize,
    pub n: usize,
}

fn parse_shard(s: &str) -> Result<Shard, String> {
    let err = || format!("expected K/N with 1 <= K <= N (e.g. 2/8), found \"{s}\"");
    let (k, n) = s.split_once('/').ok_or_else(err)?;
    let (k, n): (usize, usize) = (
        k.trim().parse().map_err(|_| err())?,
        n.trim().parse().map_err(|_| err())?,
    );
    if k == 0 || n == 0 || k > n {
        return Err(err());
    }
    Ok(Shard { k: k - 1, n })
}

/// The shard from the flag, else from a cluster scheduler's environment.
pub fn shard_from(
    flag: Option<Shard>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Shard>, BadInput> {
    if flag.is_some() {
        return Ok(flag);
    }
    let num = |name: &str| -> Result<Option<usize>, BadInput> {
        match env(name) {
            None => Ok(None),
            Some(v) => v
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| BadInput(format!("{name}={v} is not a whole number"))),
        }
    };
    if let Some(id) = num("SLURM_ARRAY_TASK_ID")? {
        let count = num("SLURM_ARRAY_TASK_COUNT")?.ok_or_else(|| {
            BadInput("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not".into())
        })?;
        let min = num("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
        let k = id.checked_sub(min).filter(|k| *k < count).ok_or_else(|| {
            BadInput(format!(
                "SLURM_ARRAY_TASK_ID={id} is outside {min}..{} (SLURM_ARRAY_TASK_MIN + COUNT)",
                min + count
            ))
        })?;
        return Ok(Some(Shard { k, n: count }));
    }
    if let Some(k) = num("JOB_COMPLETION_INDEX")? {
        let n = num("CCSIM_SHARDS")?.ok_or_else(|| {
            BadInput("JOB_COMPLETION_INDEX is set: set CCSIM_SHARDS to the Job's completions count (or pass --shard K/N)".into())
        })?;
        if n == 0 || k >= n {
            return Err(BadInput(format!(
                "JOB_COMPLETION_INDEX={k} is outside 0..{n} (CCSIM_SHARDS)"
            )));
        }
        return Ok(Some(Shard { k, n }));
    }
    Ok(None)
}

/// The header line of a CSV sweep.
pub fn csv_header(paths: &[String]) -> String {
    let mut h = String::from("point");
    for p in paths {
        h.push(',');
        h.push_str(&crate::output::csv_field(p));
    }
    for n in Kpis::<f64>::NAMES {
        h.push_str(&format!(",{n}_mean,{n}_ci95"));
    }
    h.push('\n');
    h
}

fn csv_row(point: &Point, report: &Report) -> String {
    let mut r = point.index.to_string();
    for o in &point.overrides {
        r.push(',');
        r.push_str(&crate::output::csv_field(&o.value));
    }
    for e in report.summary.values() {
        r.push_str(&format!(",{},{}", e.mean, e.ci95));
    }
    r.push('\n');
    r
}

fn jsonl_row(point: &Point, report: &Report) -> Result<String> {
    let set: Vec<String> = point
        .overrides
        .iter()
        .map(|o| {
            Ok(format!(
                "{}:{}",
                serde_json::to_string(&o.path)?,
                serde_json::to_string(&o.value)?
            ))
        })
        .collect::<Result<_>>()?;
    let summary: &Kpis<Estimate> = &report.summary;
    Ok(format!(
        "{{\"point\":{},\"set\":{{{}}},\"summary\":{},\"by_type\":{}}}\n",
        point.index,
        set.join(","),
        serde_json::to_string(summary)?,
        serde_json::to_string(&report.by_type)?
    ))
}

/// The index of the point a complete output line is about.
pub fn line_point(line: &str, format: SweepFormat) -> Option<usize> {
    match format {
        SweepFormat::Csv => line.split(',').next()?.parse().ok(),
        SweepFormat::Jsonl => line
            .strip_prefix("{\"point\":")?
            .split(',')
            .next()?
            .parse()
            .ok(),
    }
}

pub fn format_for(path: Option<&Path>, flag: Option<SweepFormat>) -> SweepFormat {
    flag.unwrap_or_else(
        || match path.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
            Some("jsonl" | "json" | "ndjson") => SweepFormat::Jsonl,
            _ => SweepFormat::Csv,
        },
    )
}

pub fn run(args: SweepArgs) -> Result<()> {
    let (text, origin) = read_scenario_text(Some(&args.file))?;
    let (paths, points) = match &args.points {
        Some(p) => {
            let csv = std::fs::read_to_string(p)
                .map_err(|e| BadInput(format!("cannot read {}: {e}", p.display())))?;
            grid::from_csv(&csv, &p.display().to_string()).map_err(BadInput)?
        }
        None => {
            if args.vary.is_empty() {
                return Err(BadInput(
                    "give at least one --vary PATH=VALUES, or --points FILE.csv".into(),
                )
                .into());
            }
            let paths = args.vary.iter().map(|a| a.path.clone()).collect();
            (paths, grid::grid(&args.vary).map_err(BadInput)?)
        }
    };
    let base = Scenario::from_toml_str_with(&text, &origin, &args.set)
        .map_err(|e| BadInput(e.to_string()))?;
    let seed = args.seed.unwrap_or(base.seed);
    let replications = args.replications.unwrap_or(base.replications);
    // Check every value before running anything: each axis value alone, and (for
    // explicit lists, which are short) every point.
    let parse_point = |p: &Point| -> Result<Scenario, BadInput> {
        let mut ovs = args.set.clone();
        ovs.extend(p.overrides.iter().cloned());
        Scenario::from_toml_str_with(&text, &origin, &ovs)
            .map_err(|e| BadInput(format!("point {}: {e}", p.index)))
    };
    if args.points.is_some() {
        for p in &points {
            parse_point(p)?;
        }
    } else {
        for a in &args.vary {
            for v in &a.values {
                let single = Point {
                    index: 0,
                    overrides: vec![Override {
                        path: a.path.clone(),
                        value: v.clone(),
                    }],
                };
                parse_point(&single).map_err(|e| {
                    BadInput(e.0.replacen("point 0: ", &format!("--vary {}: ", a.path), 1))
                })?;
            }
        }
        parse_point(&points[0])?;
    }
    let shard = shard_from(args.shard, &|k| std::env::var(k).ok())?;
    let mine: Vec<Point> = match shard {
        Some(s) => points
            .into_iter()
            .filter(|p| p.index % s.n == s.k)
            .collect(),
        None => points,
    };
    let format = format_for(args.out.as_deref(), args.format);
    let header = match format {
        SweepFormat::Csv => Some(csv_header(&paths)),
        SweepFormat::Jsonl => None,
    };

    // Where to write, and what is already done.
    let (mut out, done): (Box<dyn Write>, usize) = match &args.out {
        None => (Box::new(std::io::stdout().lock()), 0),
        Some(path) => {
            let (file, done) = open_output(path, args.resume, header.as_deref(), format, &mine)?;
            (Box::new(BufWriter::new(file)), done)
        }
    };
    if done == 0
        && let Some(h) = &header
    {
        out.write_all(h.as_bytes())?;
        out.flush()?;
    }
    let todo = &mine[done..];
    let progress = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
        let pb = indicatif::ProgressBar::new(mine.len() as u64);
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} points  {per_sec}  ETA {eta}",
            )
            .expect("a valid template"),
        );
        pb.set_position(done as u64);
        pb
    });

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0) as usize)
        .build()
        .context("starting the worker threads")?;
    let (tx, rx) = mpsc::channel::<(usize, Result<String>)>();
    std::thread::scope(|scope| -> Result<()> {
        let text = &text;
        let origin = &origin;
        let set = &args.set;
        scope.spawn(move || {
            pool.install(|| {
                todo.par_iter().enumerate().for_each_with(tx, |tx, (i, p)| {
                    let row = (|| -> Result<String> {
                        let mut ovs = set.clone();
                        ovs.extend(p.overrides.iter().cloned());
                        let s = Scenario::from_toml_str_with(text, origin, &ovs)
                            .map_err(|e| BadInput(format!("point {}: {e}", p.index)))?;
                        let kpis: Vec<RunKpis> = (0..replications)
                            .into_par_iter()
                            .map(|r| sim_core::run_replication(&s, seed, r))
                            .collect();
                        let report = Report::from_kpis(&s, seed, &kpis);
                        match format {
                            SweepFormat::Csv => Ok(csv_row(p, &report)),
                            SweepFormat::Jsonl => jsonl_row(p, &report),
                        }
                    })();
                    // The receiver is gone only if writing failed; stop quietly then.
                    let _ = tx.send((i, row));
                });
            });
        });
        // Write in point order as results arrive.
        let mut pending: BTreeMap<usize, String> = BTreeMap::new();
        let mut next = 0;
        for (i, row) in rx {
            pending.insert(i, row?);
            while let Some(row) = pending.remove(&next) {
                out.write_all(row.as_bytes())?;
                out.flush()?;
                next += 1;
                if let Some(pb) = &progress {
                    pb.inc(1);
                }
            }
        }
        Ok(())
    })?;
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    Ok(())
}

/// Opens `path` for writing; with `resume`, keeps its complete rows (which must be the
/// first rows of this sweep, in order) and returns how many points they cover.
fn open_output(
    path: &Path,
    resume: bool,
    header: Option<&str>,
    format: SweepFormat,
    mine: &[Point],
) -> Result<(File, usize)> {
    let cannot = |e: std::io::Error| BadInput(format!("cannot write {}: {e}", path.display()));
    if !resume || !path.exists() {
        return Ok((File::create(path).map_err(cannot)?, 0));
    }
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(cannot)?;
    let mut text = String::new();
    file.read_to_string(&mut text)
        .map_err(|e| BadInput(format!("cannot read {} to resume: {e}", path.display())))?;
    // Only complete lines count; a half-written last line is dropped.
    let complete = text.rfind('\n').map_or(0, |i| i + 1);
    let mut lines = text[..complete].lines();
    let mut kept = 0;
    if let Some(h) = header {
        match lines.next() {
            None => return Ok((truncate(file, 0).map_err(cannot)?, 0)),
            Some(first) if format!("{first}\n") == h => kept += first.len() + 1,
            Some(_) => {
                return Err(BadInput(format!(
                    "{} was written by a different sweep (its header differs); use another --out or drop --resume",
                    path.display()
                ))
                .into());
            }
        }
    }
    let mut done = 0;
    for line in lines {
        let expected = mine.get(done).map(|p| p.index);
        if line_point(line, format) != expected {
            return Err(BadInput(format!(
                "{}: row {} is not point {} of this sweep; use another --out or drop --resume",
                path.display(),
                done + 1,
                expected.map_or("(none left)".to_string(), |i| i.to_string())
            ))
            .into());
        }
        kept += line.len() + 1;
        done += 1;
    }
    Ok((truncate(file, kept as u64).map_err(cannot)?, done))
}

fn truncate(mut file: File, len: u64) -> std::io::Result<File> {
    file.set_len(len)?;
    file.seek(SeekFrom::Start(len))?;
    Ok(file)
}
