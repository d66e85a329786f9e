//! The calibration report as an HTML page: each fit drawn against the data it came from
//! (`ccsim calibrate --html FILE`). Per contact type, the talk-time distribution of the
//! log beside the two lognormal fits, and the Kaplan–Meier survival of patience beside the
//! exponential fit; for the center, the arrival rates and the staffing per interval.

use std::fmt::Write as _;

use anyhow::Result;
use sim_core::calibrate::model::{Calibration, TypeFit, window_clock};

use crate::charts::{Chart, Pt, Series};
use crate::report_cmd::{esc, html_head};

fn series(name: &str, points: impl IntoIterator<Item = (f64, f64)>) -> Series {
    Series::line(name, points.into_iter().map(|(x, y)| Pt::at(x, y)))
}

/// The talk-time distribution: the log's quantiles against both lognormal fits.
fn talk_chart(t: &TypeFit) -> Chart {
    let q = &t.talk_quantiles;
    let n = q.len().max(1) as f64;
    let top = q.last().copied().unwrap_or(1.0).max(1.0);
    let grid = |f: &dyn Fn(f64) -> f64| -> Vec<(f64, f64)> {
        (0..=120)
            .map(|i| top * f64::from(i) / 120.0)
            .map(|x| (x, f(x)))
            .collect()
    };
    Chart::lines(
        format!(
            "{}: talk time, log vs lognormal fits (KS {:.3} used, {:.3} ML)",
            t.name, t.talk.moments_ks, t.talk.ks
        ),
        "seconds",
        "share of calls at most",
        true,
        vec![
            series(
                "lognormal, sample mean and cv (used)",
                grid(&|x| t.talk.moments_cdf(x)),
            ),
            series("lognormal, maximum likelihood", grid(&|x| t.talk.cdf(x))),
            series(
                "log",
                q.iter()
                    .enumerate()
                    .map(|(i, &x)| (x, (i as f64 + 0.5) / n)),
            ),
        ],
    )
}

/// Patience: the Kaplan–Meier survival against the exponential MLE.
fn patience_chart(t: &TypeFit) -> Chart {
    let km = &t.patience_km;
    // The first ten minutes: beyond, few callers are still at risk and the curve is noise.
    let top = km.last().map_or(600.0, |p| p.0).clamp(1.0, 600.0);
    let theta = t.patience.mean_s;
    let exp_fit = (0..=120).map(|i| {
        let x = top * f64::from(i) / 120.0;
        let s = if theta.is_finite() && theta > 0.0 {
            sim_core::math::exp(-x / theta)
        } else {
            1.0
        };
        (x, s)
    });
    // Kaplan–Meier as a step function.
    let mut steps = vec![(0.0, 1.0)];
    for &(x, s) in km.iter().take_while(|p| p.0 <= top) {
        steps.push((x, steps.last().map_or(1.0, |p| p.1)));
        steps.push((x, s));
    }
    Chart::lines(
        format!(
            "{}: patience, Kaplan–Meier vs exponential (mean {:.0} s ± {:.0})",
            t.name, theta, t.patience.se_s
        ),
        "seconds waited",
        "share still waiting (not hung up)",
        true,
        vec![
            series("Kaplan–Meier (answered callers censored)", steps),
            series("exponential MLE", exp_fit),
        ],
    )
}

/// The whole page: the text report, then the charts.
pub fn page(cal: &Calibration, report: &str, title: &str) -> Result<String> {
    let clock = |i: usize| window_clock(cal.window.0 + i as f64 * cal.interval_s);
    let names: Vec<String> = (0..cal.staffing.len()).map(clock).collect();
    let indexed = |v: &[f64]| -> Vec<(f64, f64)> {
        v.iter().enumerate().map(|(i, &y)| (i as f64, y)).collect()
    };
    let mut rates = Chart::lines(
        "Arrivals per hour in each interval, mean over the days",
        "interval",
        "calls per hour",
        false,
        cal.types
            .iter()
            .map(|t| series(&t.name, indexed(&t.rates)))
            .collect(),
    );
    rates.x_names = Some(names.clone());
    let mut staffing = Chart::lines(
        "Agents available per interval, mean over the days",
        "interval",
        "agents",
        false,
        vec![series("agents", indexed(&cal.staffing))],
    );
    staffing.x_names = Some(names);
    let mut html = html_head(title);
    let _ = writeln!(
        html,
        "<p>Each estimate against the data it came from. The scenario uses the lognormal with the sample mean and cv (or the log's own quantiles with <code>--talk empirical</code>) and the exponential patience.</p>"
    );
    let mut charts = vec![rates, staffing];
    for t in &cal.types {
        charts.push(talk_chart(t));
        charts.push(patience_chart(t));
    }
    for c in charts {
        let _ = writeln!(html, "<figure>\n{}\n</figure>", c.to_svg()?);
    }
    let _ = write!(
        html,
        "<h2>Report</h2>\n<pre>{}</pre>\n<p><small>Made by ccsim.</small></p></body></html>\n",
        esc(report)
    );
    Ok(html)
}
