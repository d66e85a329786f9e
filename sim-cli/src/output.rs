//! Rendering reports as tables and CSV, and writing to stdout.

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::Result;
use sim_core::people::{DayKpis, PeopleReport};
use sim_core::report::{Estimate, Kpis, Report};
use sim_core::scenario::Scenario;

/// Writes to stdout; a closed pipe (`ccsim run | head`) is not an error.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn pct(e: Estimate) -> String {
    if e.ci95 > 0.0 {
        format!("{:.1}% ±{:.1}", e.mean * 100.0, e.ci95 * 100.0)
    } else {
        format!("{:.1}%", e.mean * 100.0)
    }
}

fn num(e: Estimate, decimals: usize) -> String {
    if e.ci95 > 0.0 {
        format!("{:.*} ±{:.*}", decimals, e.mean, decimals, e.ci95)
    } else {
        format!("{:.*}", decimals, e.mean)
    }
}

/// The row of a KPI set shown in tables: offered, answered, abandoned, SL, ASA,
/// abandonment, occupancy, AHT, agents, cost.
fn cells(k: &Kpis<Estimate>) -> Vec<String> {
    vec![
        num(k.offered, 1),
        num(k.answered, 1),
        num(k.abandoned, 1),
        pct(k.service_level),
        num(k.asa_s, 1),
        pct(k.abandon_rate),
        pct(k.occupancy),
        num(k.aht_s, 0),
        num(k.agents, 1),
        num(k.cost, 0),
    ]
}

const HEADER: [&str; 10] = [
    "offered",
    "answered",
    "abandoned",
    "service lvl",
    "ASA s",
    "abandon",
    "occupancy",
    "AHT s",
    "agents",
    "cost",
];

fn table(out: &mut String, first: &str, rows: &[(String, Vec<String>)]) {
    let mut widths: Vec<usize> = std::iter::once(first.len())
        .chain(HEADER.iter().map(|h| h.len()))
        .collect();
    for (name, cs) in rows {
        widths[0] = widths[0].max(name.chars().count());
        for (i, c) in cs.iter().enumerate() {
            widths[i + 1] = widths[i + 1].max(c.chars().count());
        }
    }
    let line = |out: &mut String, first: &str, rest: &[String]| {
        let _ = write!(out, "{:<w$}", first, w = widths[0]);
        for (i, c) in rest.iter().enumerate() {
            let _ = write!(out, "  {:>w$}", c, w = widths[i + 1]);
        }
        out.push('\n');
    };
    let header: Vec<String> = HEADER.iter().map(|s| s.to_string()).collect();
    line(out, first, &header);
    for (name, cs) in rows {
        line(out, name, cs);
    }
}

/// The readable report.
pub fn report_table(r: &Report, s: &Scenario) -> String {
    let mut out = String::new();
    let sl = s.service_level;
    let _ = writeln!(
        out,
        "{} — seed {}, {} replication{}, target {:.0}/{}s",
        r.scenario,
        r.seed,
        r.replications,
        if r.replications == 1 { "" } else { "s" },
        sl.target * 100.0,
        sl.threshold.as_secs_f64()
    );
    if r.replications > 1 {
        out.push_str("(± is the half-width of the 95 % confidence interval)\n");
    }
    out.push('\n');
    let k = &r.summary;
    let mut rows = vec![
        ("Offered", num(k.offered, 1)),
        ("Answered", num(k.answered, 1)),
        ("Abandoned", num(k.abandoned, 1)),
        ("Service level", pct(k.service_level)),
        ("ASA (s)", num(k.asa_s, 1)),
        ("Abandonment", pct(k.abandon_rate)),
        ("Occupancy", pct(k.occupancy)),
        ("AHT (s)", num(k.aht_s, 1)),
        ("Agents on duty (avg)", num(k.agents, 1)),
        ("Queue (avg)", num(k.avg_queue, 2)),
        ("Cost", num(k.cost, 2)),
        ("Cost per answered", num(k.cost_per_contact, 2)),
    ];
    rows.extend(operations_rows(k, s));
    for (name, v) in rows {
        let _ = writeln!(out, "  {name:<22}{v}");
    }
    if r.by_type.0.len() > 1 {
        out.push_str("\nBy contact type\n");
        let rows: Vec<(String, Vec<String>)> = r
            .by_type
            .0
            .iter()
            .map(|(n, k)| (n.clone(), cells(k)))
            .collect();
        table(&mut out, "type", &rows);
    }
    if r.by_channel.0.len() > 1 {
        out.push_str("\nBy channel\n");
        let rows: Vec<(String, Vec<String>)> = r
            .by_channel
            .0
            .iter()
            .map(|(n, k)| (n.clone(), cells(k)))
            .collect();
        table(&mut out, "channel", &rows);
    }
    for c in &r.campaigns {
        let k = &c.kpis;
        let _ = writeln!(out, "\nCampaign {}", c.name);
        for (name, v) in [
            ("Dials", num(k.dials, 1)),
            ("Right-party rate", pct(k.right_party_rate)),
            ("Connected", num(k.connected, 1)),
            ("Abandoned calls", num(k.abandoned, 1)),
            ("Abandon rate", pct(k.abandon_rate)),
            ("Sales", num(k.sales, 1)),
            ("Conversion", pct(k.conversion)),
            ("Revenue", num(k.revenue, 2)),
            ("Revenue per agent-hour", num(k.revenue_per_hour, 2)),
            ("Pacing at the close", num(k.pacing_end, 2)),
            ("Records left", num(k.list_left, 1)),
        ] {
            let _ = writeln!(out, "  {name:<24}{v}");
        }
    }
    if let Some(p) = &r.people {
        people_table(&mut out, p);
    }
    out.push_str(if r.people.is_some() {
        "\nBy interval (the average day)\n"
    } else {
        "\nBy interval\n"
    });
    let rows: Vec<(String, Vec<String>)> = r
        .intervals
        .iter()
        .map(|i| (i.label.clone(), cells(&i.kpis)))
        .collect();
    table(&mut out, "interval", &rows);
    out
}

/// A multi-day run's people figures: the run's totals, then day by day.
fn people_table(out: &mut String, p: &PeopleReport) {
    let _ = writeln!(
        out,
        "\nPeople over {} days (the summary above is the average day)",
        p.days
    );
    for (name, v) in [
        ("Hires", num(p.hires, 1)),
        ("Quits", num(p.quits, 1)),
        ("Attrition (quits / day 1)", pct(p.attrition_rate)),
        ("Headcount at the end", num(p.headcount_end, 1)),
        ("Total cost", num(p.cost, 2)),
        ("Total revenue", num(p.revenue, 2)),
    ] {
        let _ = writeln!(out, "  {name:<27}{v}");
    }
    out.push_str("\nBy day\n");
    let head = [
        "day",
        "on phones",
        "training",
        "hired",
        "quit",
        "occupancy",
        "learning",
        "QA",
        "service",
        "abandon",
        "AHT s",
        "cost",
        "revenue",
    ];
    let rows: Vec<Vec<String>> = p
        .by_day
        .iter()
        .map(|d| {
            let k = &d.kpis;
            let m = |e: Estimate, dp: usize| format!("{:.dp$}", e.mean);
            let pc = |e: Estimate| format!("{:.1}%", e.mean * 100.0);
            vec![
                d.day.to_string(),
                m(k.productive, 1),
                m(k.trainees, 1),
                m(k.hires, 1),
                m(k.quits, 1),
                pc(k.occupancy),
                m(k.learning_factor, 3),
                m(k.qa, 3),
                pc(k.service_level),
                pc(k.abandon_rate),
                m(k.aht_s, 1),
                m(k.cost, 0),
                m(k.revenue, 0),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..head.len())
        .map(|j| {
            rows.iter()
                .map(|r| r[j].len())
                .chain([head[j].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |out: &mut String, cells: &[&str]| {
        let mut l = String::from(" ");
        for (c, w) in cells.iter().zip(&widths) {
            let _ = write!(l, " {c:>w$}");
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(out, &head);
    for r in &rows {
        line(out, &r.iter().map(String::as_str).collect::<Vec<_>>());
    }
}

/// A multi-day run's figures day by day as CSV: `day` then `<figure>_mean,<figure>_ci95`.
pub fn days_csv(p: &PeopleReport) -> String {
    let mut out = String::from("day");
    for n in DayKpis::<f64>::NAMES {
        let _ = write!(out, ",{n}_mean,{n}_ci95");
    }
    out.push('\n');
    for d in &p.by_day {
        let _ = write!(out, "{}", d.day);
        for e in d.kpis.values() {
            let _ = write!(out, ",{},{}", e.mean, e.ci95);
        }
        out.push('\n');
    }
    out
}

/// The summary lines of the parts of the operations model the scenario uses (callers'
/// behaviour, IVR, transfers, the cost breakdown, the budget); none for a plain queue.
fn operations_rows(k: &Kpis<Estimate>, s: &Scenario) -> Vec<(&'static str, String)> {
    let types = &s.contact_types;
    let any = |f: fn(&sim_core::scenario::ContactType) -> bool| types.iter().any(f);
    let mut rows = Vec::new();
    if any(|t| t.balking.is_some()) {
        rows.push(("Balked", num(k.balked, 1)));
    }
    if any(|t| t.redial.is_some()) {
        rows.push(("Redials", num(k.redials, 1)));
    }
    if any(|t| t.resolution.is_some()) {
        rows.push(("Repeat calls", num(k.repeats, 1)));
    }
    if any(|t| t.transfer.is_some() || t.ivr.as_ref().is_some_and(|v| v.misroute > 0.0)) {
        rows.push(("Transfers", num(k.transfers, 1)));
    }
    if any(|t| t.resolution.is_some() || t.transfer.is_some()) {
        rows.push(("First-contact res.", pct(k.fcr)));
    }
    if any(|t| t.ivr.is_some()) {
        rows.push(("Resolved in the IVR", num(k.ivr_resolved, 1)));
    }
    if any(|t| t.channel == sim_core::scenario::Channel::Email) {
        rows.push(("Email backlog", num(k.backlog, 1)));
    }
    if any(|t| t.channel.campaign().is_some()) {
        rows.push(("Outbound sales", num(k.sales, 1)));
        rows.push(("Revenue", num(k.revenue, 2)));
    }
    if any(|t| t.callback.is_some()) {
        rows.push(("Called back", num(k.callbacks, 1)));
        rows.push(("Time to callback (s)", num(k.callback_wait_s, 1)));
    }
    if !s.costs.is_zero() || s.screen_pop.is_some() {
        rows.push(("  labour", num(k.labour_cost, 2)));
        rows.push(("  telecom", num(k.telecom_cost, 2)));
        rows.push(("  technology", num(k.technology_cost, 2)));
        rows.push(("  SL penalties", num(k.penalty_cost, 2)));
    }
    if s.costs.budget_per_day.is_some() {
        rows.push(("Budget", num(k.budget, 2)));
        let over = Estimate {
            mean: k.cost.mean - k.budget.mean,
            ci95: k.cost.ci95,
        };
        rows.push(("Cost − budget", num(over, 2)));
    }
    rows
}

/// CSV: one row for the summary, one per contact type, one per interval; every KPI as
/// `<kpi>_mean,<kpi>_ci95`.
pub fn report_csv(r: &Report) -> String {
    let mut out = String::from("section,name,start_s,end_s");
    for n in Kpis::<f64>::NAMES {
        let _ = write!(out, ",{n}_mean,{n}_ci95");
    }
    out.push('\n');
    let row = |out: &mut String,
               section: &str,
               name: &str,
               span: Option<(f64, f64)>,
               k: &Kpis<Estimate>| {
        let _ = write!(out, "{section},{}", csv_field(name));
        match span {
            Some((a, b)) => {
                let _ = write!(out, ",{a},{b}");
            }
            None => out.push_str(",,"),
        }
        for e in k.values() {
            let _ = write!(out, ",{},{}", e.mean, e.ci95);
        }
        out.push('\n');
    };
    row(&mut out, "summary", &r.scenario, None, &r.summary);
    for (name, k) in &r.by_type.0 {
        row(&mut out, "type", name, None, k);
    }
    if r.by_channel.0.len() > 1 {
        for (name, k) in &r.by_channel.0 {
            row(&mut out, "channel", name, None, k);
        }
    }
    for i in &r.intervals {
        row(
            &mut out,
            "interval",
            &i.label,
            Some((i.start_s, i.end_s)),
            &i.kpis,
        );
    }
    out
}

pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
