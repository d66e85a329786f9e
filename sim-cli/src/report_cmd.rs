//! `ccsim report` (a self-contained HTML page with SVG charts) and `ccsim plot` (one chart
//! as SVG or PNG), from the output of `ccsim sweep` (CSV or JSON lines) or of
//! `ccsim run --format json`.
//!
//! For a sweep: service level and ASA against the first varied field (one line per value
//! of the others) with 95 % bands, and cost against service level with the frontier of
//! plans no cheaper plan beats. For a run: service level (with the target), ASA and queue
//! length per interval.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, ValueEnum};
use sim_core::report::{Estimate, Kpis, Report};
use sim_core::time::SimDuration;

use crate::BadInput;
use crate::charts::{Chart, Pt, Series};

/// What a results file holds.
pub enum Results {
    /// A sweep: the varied fields, and per point their values and KPIs.
    Sweep {
        paths: Vec<String>,
        rows: Vec<(Vec<String>, Kpis<Estimate>)>,
    },
    /// One run's report.
    Run(Box<Report>),
}

/// Reads `ccsim sweep` output (CSV or JSON lines) or a `ccsim run --format json` report.
pub fn load(path: &Path) -> Result<Results> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| BadInput(format!("cannot read {}: {e}", path.display())))?;
    let name = path.display().to_string();
    let trimmed = text.trim_start();
    if trimmed.starts_with("{\"point\"") {
        return sweep_jsonl(&text, &name);
    }
    if trimmed.starts_with('{') {
        let report: Report = serde_json::from_str(&text)
            .map_err(|e| BadInput(format!("{name}: not a ccsim run report: {e}")))?;
        return Ok(Results::Run(Box::new(report)));
    }
    sweep_csv(&text, &name)
}

fn sweep_csv(text: &str, name: &str) -> Result<Results> {
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rd
        .headers()
        .map_err(|e| BadInput(format!("{name}: {e}")))?
        .iter()
        .map(str::to_string)
        .collect();
    let n_kpi = Kpis::<f64>::NAMES.len();
    if header.first().map(String::as_str) != Some("point") || header.len() < 1 + 2 * n_kpi {
        return Err(BadInput(format!(
            "{name}: not a ccsim sweep (CSV) or run report (JSON)"
        ))
        .into());
    }
    let n_paths = header.len() - 1 - 2 * n_kpi;
    let paths = header[1..1 + n_paths].to_vec();
    let mut rows = Vec::new();
    for (i, rec) in rd.records().enumerate() {
        let rec = rec.map_err(|e| BadInput(format!("{name}: {e}")))?;
        let num = |j: usize| -> Result<f64> {
            rec.get(j).and_then(|v| v.parse().ok()).ok_or_else(|| {
                BadInput(format!(
                    "{name}:{}: column {} is not a number",
                    i + 2,
                    j + 1
                ))
                .into()
            })
        };
        let mut est = Vec::with_capacity(n_kpi);
        for k in 0..n_kpi {
            est.push(Estimate {
                mean: num(1 + n_paths + 2 * k)?,
                ci95: num(2 + n_paths + 2 * k)?,
            });
        }
        rows.push((
            (1..=n_paths).map(|j| rec[j].to_string()).collect(),
            Kpis::from_values(&est),
        ));
    }
    Ok(Results::Sweep { paths, rows })
}

fn sweep_jsonl(text: &str, name: &str) -> Result<Results> {
    let mut paths: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let bad = |e: String| BadInput(format!("{name}:{}: {e}", i + 1));
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        let set = v["set"]
            .as_object()
            .ok_or_else(|| bad("no \"set\" object".into()))?;
        let p: Vec<String> = set.keys().cloned().collect();
        let vals: Vec<String> = set
            .values()
            .map(|x| x.as_str().unwrap_or_default().to_string())
            .collect();
        if paths.get_or_insert_with(|| p.clone()) != &p {
            return Err(bad("the varied fields differ from the first line's".into()).into());
        }
        let k: Kpis<Estimate> =
            serde_json::from_value(v["summary"].clone()).map_err(|e| bad(e.to_string()))?;
        rows.push((vals, k));
    }
    Ok(Results::Sweep {
        paths: paths.unwrap_or_default(),
        rows,
    })
}

/// A varied value as a number: itself, or a duration in minutes.
fn numeric(v: &str) -> Option<(f64, bool)> {
    if let Ok(x) = v.parse::<f64>() {
        return Some((x, false));
    }
    v.trim_matches('"')
        .parse::<SimDuration>()
        .ok()
        .map(|d| (d.as_secs_f64() / 60.0, true))
}

/// Which chart `ccsim plot` draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ChartKind {
    /// Sweep: service level against the first varied field. Run: per interval.
    ServiceLevel,
    /// Sweep: ASA against the first varied field. Run: per interval.
    Asa,
    /// Sweep: cost against service level, with the frontier.
    Frontier,
    /// Run: mean queue length per interval.
    Queue,
}

fn kpi_of(k: &Kpis<Estimate>, kind: ChartKind) -> Estimate {
    match kind {
        ChartKind::Asa => k.asa_s,
        ChartKind::Queue => k.avg_queue,
        _ => k.service_level,
    }
}

/// Builds one chart from results.
pub fn chart(results: &Results, kind: ChartKind, target: f64) -> Result<Chart> {
    let (y_label, y_percent) = match kind {
        ChartKind::ServiceLevel => ("service level".to_string(), true),
        ChartKind::Asa => ("ASA (s)".to_string(), false),
        ChartKind::Queue => ("mean queue length".to_string(), false),
        ChartKind::Frontier => ("service level".to_string(), true),
    };
    let target_line =
        (kind == ChartKind::ServiceLevel || kind == ChartKind::Frontier).then_some(target);
    match results {
        Results::Run(r) => {
            if kind == ChartKind::Frontier {
                return Err(BadInput(
                    "the frontier chart needs sweep results (ccsim sweep), not a single run".into(),
                )
                .into());
            }
            let points = r
                .intervals
                .iter()
                .enumerate()
                .map(|(i, iv)| {
                    let e = kpi_of(&iv.kpis, kind);
                    Pt {
                        x: i as f64,
                        y: e.mean,
                        ci: e.ci95,
                    }
                })
                .collect();
            Ok(Chart {
                title: format!("{}: {} per interval", r.scenario, y_label),
                x_label: "interval".into(),
                y_label,
                series: vec![Series {
                    name: format!("{} replications", r.replications),
                    points,
                    line: true,
                }],
                target: target_line,
                y_percent,
                x_names: Some(r.intervals.iter().map(|iv| iv.label.clone()).collect()),
            })
        }
        Results::Sweep { paths, rows } => {
            if rows.is_empty() || paths.is_empty() {
                return Err(BadInput("the sweep results have no points".into()).into());
            }
            if kind == ChartKind::Queue {
                return Err(BadInput(
                    "the queue chart needs a run report (ccsim run --format json)".into(),
                )
                .into());
            }
            if kind == ChartKind::Frontier {
                let mut pts: Vec<Pt> = rows
                    .iter()
                    .map(|(_, k)| Pt {
                        x: k.cost.mean,
                        y: k.service_level.mean,
                        ci: 0.0,
                    })
                    .collect();
                pts.sort_by(|a, b| a.x.total_cmp(&b.x).then(b.y.total_cmp(&a.y)));
                let mut front = Vec::new();
                let mut best = f64::MIN;
                for p in &pts {
                    if p.y > best {
                        front.push(*p);
                        best = p.y;
                    }
                }
                return Ok(Chart {
                    title: "Cost against service level".into(),
                    x_label: "cost".into(),
                    y_label,
                    series: vec![
                        Series {
                            name: "plans".into(),
                            points: pts,
                            line: false,
                        },
                        Series {
                            name: "frontier (no cheaper plan serves better)".into(),
                            points: front,
                            line: true,
                        },
                    ],
                    target: target_line,
                    y_percent,
                    x_names: None,
                });
            }
            // x: the first varied field; one line per combination of the others.
            let all_numeric = rows.iter().all(|(v, _)| numeric(&v[0]).is_some());
            let in_minutes = all_numeric
                && rows
                    .iter()
                    .any(|(v, _)| numeric(&v[0]).is_some_and(|(_, d)| d));
            let mut categories: Vec<String> = Vec::new();
            let mut series: Vec<Series> = Vec::new();
            for (vals, k) in rows {
                let x = if all_numeric {
                    numeric(&vals[0]).map_or(0.0, |(x, _)| x)
                } else {
                    match categories.iter().position(|c| c == &vals[0]) {
                        Some(i) => i as f64,
                        None => {
                            categories.push(vals[0].clone());
                            (categories.len() - 1) as f64
                        }
                    }
                };
                let name = if paths.len() == 1 {
                    "mean ± 95 % CI".to_string()
                } else {
                    paths[1..]
                        .iter()
                        .zip(&vals[1..])
                        .map(|(p, v)| format!("{}={v}", short(p)))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let e = kpi_of(k, kind);
                let pt = Pt {
                    x,
                    y: e.mean,
                    ci: e.ci95,
                };
                match series.iter_mut().find(|s| s.name == name) {
                    Some(s) => s.points.push(pt),
                    None => series.push(Series {
                        name,
                        points: vec![pt],
                        line: true,
                    }),
                }
            }
            series.truncate(6);
            Ok(Chart {
                title: format!("{} against {}", y_label, short(&paths[0])),
                x_label: format!("{}{}", paths[0], if in_minutes { " (min)" } else { "" }),
                y_label,
                series,
                target: target_line,
                y_percent,
                x_names: (!all_numeric).then_some(categories),
            })
        }
    }
}

/// The last two parts of a path: `agent_groups.tier1.agents` → `tier1.agents`.
fn short(path: &str) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    parts[parts.len().saturating_sub(2)..].join(".")
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Results: `ccsim sweep` output (CSV or JSON lines) or `ccsim run --format json` output.
    pub results: PathBuf,
    /// The HTML file to write.
    #[arg(short = 'o', long)]
    pub out: PathBuf,
    /// Service-level target drawn on the charts.
    #[arg(long, default_value_t = 0.8)]
    pub target: f64,
}

#[derive(Debug, Args)]
pub struct PlotArgs {
    /// Results: `ccsim sweep` output or `ccsim run --format json` output.
    pub results: PathBuf,
    /// Which chart.
    #[arg(long, value_enum, default_value_t = ChartKind::ServiceLevel)]
    pub chart: ChartKind,
    /// The file to write: .svg or .png.
    #[arg(short = 'o', long)]
    pub out: PathBuf,
    /// Service-level target drawn on the chart.
    #[arg(long, default_value_t = 0.8)]
    pub target: f64,
}

pub fn plot(args: PlotArgs) -> Result<()> {
    let results = load(&args.results)?;
    let c = chart(&results, args.chart, args.target)?;
    match args.out.extension().and_then(|e| e.to_str()) {
        Some("png") => c.to_png(&args.out),
        Some("svg") => std::fs::write(&args.out, c.to_svg()?)
            .map_err(|e| BadInput(format!("cannot write {}: {e}", args.out.display())).into()),
        _ => Err(BadInput(format!(
            "{}: the chart file must end in .svg or .png",
            args.out.display()
        ))
        .into()),
    }
}

/// The start of a self-contained HTML page, up to its `<h1>` title.
pub(crate) fn html_head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title>\n<style>body{{font-family:sans-serif;max-width:860px;margin:2em auto;color:#222}}figure{{margin:1.5em 0}}figcaption{{color:#555;font-size:.9em}}table{{border-collapse:collapse;font-size:.85em}}td,th{{border:1px solid #ccc;padding:2px 6px;text-align:right}}pre{{font-size:.75em}}</style></head><body>\n<h1>{t}</h1>\n",
        t = esc(title)
    )
}

pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn report(args: ReportArgs) -> Result<()> {
    let results = load(&args.results)?;
    let source = args.results.display().to_string();
    let kinds: &[(ChartKind, &str)] = match &results {
        Results::Sweep { .. } => &[
            (
                ChartKind::ServiceLevel,
                "Service level against the varied field, with 95 % confidence bands.",
            ),
            (
                ChartKind::Asa,
                "Average speed of answer (ASA) against the varied field.",
            ),
            (
                ChartKind::Frontier,
                "Cost against service level: each dot is a point of the sweep; the line joins the plans that no cheaper plan beats. This is the frontier a manager decides on.",
            ),
        ],
        Results::Run(_) => &[
            (
                ChartKind::ServiceLevel,
                "Service level per reporting interval (by arrival), with its 95 % band and the target.",
            ),
            (ChartKind::Asa, "ASA per interval."),
            (
                ChartKind::Queue,
                "Mean number of callers waiting, per interval.",
            ),
        ],
    };
    let title = match &results {
        Results::Sweep { rows, .. } => format!("ccsim sweep report: {} points", rows.len()),
        Results::Run(r) => format!("ccsim report: {}", r.scenario),
    };
    let mut html = html_head(&title);
    let _ = writeln!(
        html,
        "<p>From <code>{}</code>. Means over replications with 95 % confidence intervals (Student t); common random numbers across points.</p>",
        esc(&source)
    );
    for (kind, caption) in kinds {
        let svg = chart(&results, *kind, args.target)?.to_svg()?;
        let _ = write!(
            html,
            "<figure>\n{svg}\n<figcaption>{}</figcaption></figure>\n",
            esc(caption)
        );
    }
    html.push_str("<h2>Data</h2>\n<table><tr>");
    match &results {
        Results::Sweep { paths, rows } => {
            for p in paths {
                let _ = write!(html, "<th>{}</th>", esc(p));
            }
            html.push_str("<th>service level</th><th>ASA s</th><th>abandon</th><th>occupancy</th><th>cost</th></tr>\n");
            for (vals, k) in rows {
                html.push_str("<tr>");
                for v in vals {
                    let _ = write!(html, "<td>{}</td>", esc(v));
                }
                let _ = writeln!(
                    html,
                    "<td>{:.1}% ±{:.1}</td><td>{:.1} ±{:.1}</td><td>{:.1}%</td><td>{:.1}%</td><td>{:.0}</td></tr>",
                    k.service_level.mean * 100.0,
                    k.service_level.ci95 * 100.0,
                    k.asa_s.mean,
                    k.asa_s.ci95,
                    k.abandon_rate.mean * 100.0,
                    k.occupancy.mean * 100.0,
                    k.cost.mean
                );
            }
        }
        Results::Run(r) => {
            html.push_str("<th>interval</th><th>offered</th><th>service level</th><th>ASA s</th><th>abandon</th><th>occupancy</th><th>agents</th><th>queue</th></tr>\n");
            for iv in &r.intervals {
                let k = &iv.kpis;
                let _ = writeln!(
                    html,
                    "<tr><td>{}</td><td>{:.1}</td><td>{:.1}% ±{:.1}</td><td>{:.1}</td><td>{:.1}%</td><td>{:.1}%</td><td>{:.1}</td><td>{:.2}</td></tr>",
                    esc(&iv.label),
                    k.offered.mean,
                    k.service_level.mean * 100.0,
                    k.service_level.ci95 * 100.0,
                    k.asa_s.mean,
                    k.abandon_rate.mean * 100.0,
                    k.occupancy.mean * 100.0,
                    k.agents.mean,
                    k.avg_queue.mean
                );
            }
        }
    }
    html.push_str("</table>\n<p><small>Made by ccsim.</small></p></body></html>\n");
    std::fs::write(&args.out, html)
        .map_err(|e| BadInput(format!("cannot write {}: {e}", args.out.display())))?;
    Ok(())
}
