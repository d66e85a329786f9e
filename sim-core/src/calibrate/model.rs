//! From records to a scenario: the calls of chosen weekdays, per contact type, give the
//! arrival rates per interval, a lognormal talk time (with its KS distance), exponential
//! patience (censored MLE, with the Kaplan–Meier median beside it), the IVR time and the
//! share of callers who leave in the IVR; the agents serving while callers waited and the
//! agents on duty give the staffing (see `observed_staffing`). [`Calibration::to_toml`] writes it as a scenario with its
//! provenance in comments.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::estimate::{
    LognormalFit, PatienceFit, arrival_rates, exponential_patience, kaplan_meier, lognormal_fit,
    queue_waits,
};
use super::log::{CallRecord, Outcome};

/// Day names, 0 = Sunday.
pub const WEEKDAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// What to calibrate.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// The days of the week to use (0 = Sunday); empty: the five busiest in the log.
    pub weekdays: Vec<u8>,
    /// Reporting interval, seconds.
    pub interval_s: f64,
    /// The day's window, seconds after midnight (`None`: from the first interval with
    /// calls on most days to the last).
    pub window: Option<(f64, f64)>,
    /// Types with less than this share of the calls are merged into "other".
    pub min_type_share: f64,
    /// How the scenario draws talk times.
    pub talk: TalkModel,
    /// Split each type by the log's priority (the bank's priority customers, priority 2
    /// and above, become "TYPE priority", served first).
    pub priority_classes: bool,
}

/// The contact type of a record in a calibration: its type, with " priority" for the
/// log's priority customers if classes are split.
pub fn class_of(r: &CallRecord, priority_classes: bool) -> String {
    if priority_classes && r.priority > 1 {
        format!("{} priority", r.contact_type)
    } else {
        r.contact_type.clone()
    }
}

/// The talk-time distribution a calibrated scenario uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TalkModel {
    /// Lognormal with the sample mean and cv (smooth; extrapolates the tail).
    #[default]
    Lognormal,
    /// The sample itself, as [`TALK_QUANTILES`] equally likely quantiles (keeps the
    /// shape the log shows, e.g. many short calls and a heavy tail).
    Empirical,
}

/// The number of quantiles an empirical talk time keeps.
pub const TALK_QUANTILES: usize = 200;

impl Default for Options {
    fn default() -> Self {
        Options {
            weekdays: Vec::new(),
            interval_s: 1800.0,
            window: None,
            min_type_share: 0.01,
            talk: TalkModel::Lognormal,
            priority_classes: false,
        }
    }
}

/// One contact type's estimates.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeFit {
    /// Name (the log's type, or "other").
    pub name: String,
    /// Calls of the chosen days.
    pub calls: usize,
    /// Arrival rate per hour in each interval of the window.
    pub rates: Vec<f64>,
    /// Talk time (served calls with a service time).
    pub talk: LognormalFit,
    /// Talk time: the sample's quantiles at (i + ½) / [`TALK_QUANTILES`], seconds.
    pub talk_quantiles: Vec<f64>,
    /// Patience (queued calls).
    pub patience: PatienceFit,
    /// Kaplan–Meier median patience, seconds (`None`: survival never falls to 1/2).
    pub patience_km_median_s: Option<f64>,
    /// The Kaplan–Meier survival curve of patience, (wait s, survival), thinned to at
    /// most 200 steps (for charts).
    pub patience_km: Vec<(f64, f64)>,
    /// Time in the IVR of callers who went through it.
    pub ivr: Option<LognormalFit>,
    /// The share of callers who left in the IVR without queueing.
    pub left_in_ivr: f64,
    /// The share with a priority above 1 (the bank's priority customers).
    pub priority_share: f64,
}

/// A calibration: the estimates and their provenance.
#[derive(Clone, Debug, PartialEq)]
pub struct Calibration {
    /// The days of the week used.
    pub weekdays: Vec<u8>,
    /// Calendar days used (days since 1970-01-01).
    pub days: Vec<i64>,
    /// The window, seconds after midnight.
    pub window: (f64, f64),
    /// Reporting interval, seconds.
    pub interval_s: f64,
    /// How the scenario draws talk times.
    pub talk: TalkModel,
    /// Types are split by priority class (see [`Options::priority_classes`]).
    pub priority_classes: bool,
    /// Per type, the largest first.
    pub types: Vec<TypeFit>,
    /// The agents available in each interval of the window, mean over the days: the
    /// agents serving while callers waited, else the agents on duty times the day's
    /// availability (see `observed_staffing`).
    pub staffing: Vec<f64>,
    /// The share of the agents on duty who were serving while callers waited, mean over
    /// the days with a queue (1 if none): what breaks, after-call work and other duties
    /// leave of the team when it counts.
    pub availability: f64,
}

/// Calibrates `records` with `options`. `None` if no call falls on the chosen days.
pub fn calibrate(records: &[CallRecord], options: &Options) -> Option<Calibration> {
    // Days per weekday, and the busiest five by mean calls per day.
    let mut days_of: BTreeMap<u8, BTreeSet<i64>> = BTreeMap::new();
    let mut calls_of = [0usize; 7];
    for r in records {
        days_of.entry(r.weekday).or_default().insert(r.day);
        calls_of[r.weekday as usize] += 1;
    }
    let weekdays = if options.weekdays.is_empty() {
        let mut by_volume: Vec<(u8, f64)> = (0..7u8)
            .map(|w| {
                let n = days_of.get(&w).map_or(0, BTreeSet::len).max(1);
                (w, calls_of[w as usize] as f64 / n as f64)
            })
            .collect();
        by_volume.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut w: Vec<u8> = by_volume.iter().take(5).map(|x| x.0).collect();
        w.sort_unstable();
        w
    } else {
        options.weekdays.clone()
    };
    let chosen: Vec<&CallRecord> = records
        .iter()
        .filter(|r| weekdays.contains(&r.weekday))
        .collect();
    if chosen.is_empty() {
        return None;
    }
    let days: Vec<i64> = chosen
        .iter()
        .map(|r| r.day)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let step = options.interval_s;
    let window = options.window.unwrap_or_else(|| {
        // The staffed hours: from the first to the last interval with at least half an
        // agent seen serving on average (a log without agents: calls on half the days).
        let (whole, _) = observed_staffing(&chosen, days.len(), (0.0, 86_400.0), step);
        let mut busy: Vec<usize> = (0..whole.len()).filter(|&i| whole[i] >= 0.5).collect();
        if busy.is_empty() {
            let mut seen: BTreeMap<usize, BTreeSet<i64>> = BTreeMap::new();
            for r in &chosen {
                seen.entry((r.arrival_s / step) as usize)
                    .or_default()
                    .insert(r.day);
            }
            busy = seen
                .iter()
                .filter(|(_, d)| d.len() * 2 >= days.len())
                .map(|(i, _)| *i)
                .collect();
        }
        let first = busy.first().copied().unwrap_or(0);
        let last = busy.last().copied().unwrap_or(0);
        (
            first as f64 * step,
            ((last + 1) as f64 * step).min(86_400.0),
        )
    });
    // Types (or type and priority class): the large ones, the rest as "other".
    let class = |r: &CallRecord| class_of(r, options.priority_classes);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for r in &chosen {
        *counts.entry(class(r)).or_default() += 1;
    }
    let total = chosen.len() as f64;
    let mut names: Vec<(&str, usize)> = counts
        .iter()
        .filter(|(_, n)| **n as f64 >= options.min_type_share * total)
        .map(|(k, n)| (k.as_str(), *n))
        .collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut groups: Vec<(String, Vec<CallRecord>)> = names
        .iter()
        .map(|(n, _)| (n.to_string(), Vec::new()))
        .collect();
    let mut other = Vec::new();
    for r in &chosen {
        match groups.iter_mut().find(|g| g.0 == class(r)) {
            Some(g) => g.1.push((*r).clone()),
            None => other.push((*r).clone()),
        }
    }
    if !other.is_empty() {
        groups.push(("other".to_string(), other));
    }
    let (staffing, availability) = observed_staffing(&chosen, days.len(), window, step);
    let types = groups
        .into_iter()
        .map(|(name, rs)| fit_type(name, &rs, days.len(), window, step))
        .collect();
    Some(Calibration {
        staffing,
        availability,
        weekdays,
        days,
        window,
        interval_s: step,
        talk: options.talk,
        priority_classes: options.priority_classes,
        types,
    })
}

fn fit_type(
    name: String,
    rs: &[CallRecord],
    days: usize,
    window: (f64, f64),
    step: f64,
) -> TypeFit {
    let talks: Vec<f64> = rs.iter().filter_map(|r| r.service_s).collect();
    let waits = queue_waits(rs);
    let km = kaplan_meier(&waits);
    let ivr_times: Vec<f64> = rs.iter().map(|r| r.ivr_s).filter(|t| *t > 0.0).collect();
    let n = rs.len().max(1) as f64;
    TypeFit {
        calls: rs.len(),
        rates: arrival_rates(rs, |_| true, days, window.0, window.1, step),
        talk: lognormal_fit(&talks),
        talk_quantiles: quantiles(&talks, TALK_QUANTILES),
        patience: exponential_patience(&waits),
        patience_km_median_s: km.iter().find(|(_, s)| *s <= 0.5).map(|x| x.0),
        patience_km: km
            .iter()
            .step_by(km.len().div_ceil(200).max(1))
            .chain(km.last())
            .copied()
            .collect(),
        ivr: (ivr_times.len() * 2 >= rs.len()).then(|| lognormal_fit(&ivr_times)),
        left_in_ivr: rs
            .iter()
            .filter(|r| r.outcome == Outcome::LeftInIvr)
            .count() as f64
            / n,
        priority_share: rs.iter().filter(|r| r.priority > 1).count() as f64 / n,
        name,
    }
}

/// The resolution of the staffing estimate, seconds: each interval's agents are the mean
/// of its five-minute slots (agents come and go within half an hour).
const STAFFING_SLOT_S: f64 = 300.0;

/// An agent who serves again within this many seconds was on duty in between (a break of
/// up to 20 minutes, or a quiet spell, does not end a spell on duty).
const PRESENCE_GAP_S: f64 = 1200.0;

/// The agents available to take calls in each interval, mean over the days. A call log
/// shows only busy agents, so the estimate combines two things it does show:
///
/// - while a caller waits, every agent available is busy (else the caller would be
///   answered): in that time the agents available are exactly the agents serving;
/// - the agents on duty: an agent is on duty from a service to their next one if the two
///   are less than [`PRESENCE_GAP_S`] apart. Not all of them are available (breaks,
///   after-call work, other duties): the day's *availability* is the share of the agents
///   on duty who were serving while callers waited.
///
/// In a five-minute slot, the time with a caller waiting counts the agents serving; the
/// rest counts the agents on duty times the availability, and at least the most serving
/// at once in the slot. The simulator's agents only talk, so breaks and after-call work
/// are left out, as they should be. docs/validation.md compares this estimator with
/// simpler ones on the bank's logs (the most serving at once per half hour overstates the
/// agents by far; without the agents on duty, the estimate is a lower bound outside
/// queues and the simulated days are too congested).
pub(crate) fn observed_staffing(
    rs: &[&CallRecord],
    days: usize,
    window: (f64, f64),
    step: f64,
) -> (Vec<f64>, f64) {
    let n = ((window.1 - window.0) / step).ceil().max(0.0) as usize;
    let sub = STAFFING_SLOT_S.min(step);
    let per = (step / sub).round().max(1.0) as usize;
    let slots = n * per;
    // Per day, services (+1/−1 busy) and waits (+1/−1 queued) as events on the clock.
    let mut events: BTreeMap<i64, Vec<(f64, i32, i32, i32)>> = BTreeMap::new();
    let mut services: BTreeMap<(i64, &str), Vec<(f64, f64)>> = BTreeMap::new();
    for r in rs {
        let queued = r.arrival_s + r.ivr_s;
        let e = events.entry(r.day).or_default();
        if let Some(w) = r.wait_s.filter(|w| *w > 0.0) {
            e.push((queued, 0, 1, 0));
            e.push((queued + w, 0, -1, 0));
        }
        if let Some(service) = r.service_s {
            let start = queued + r.wait_s.unwrap_or(0.0);
            e.push((start, 1, 0, 0));
            e.push((start + service, -1, 0, 0));
            if let Some(a) = &r.agent {
                services
                    .entry((r.day, a.as_str()))
                    .or_default()
                    .push((start, start + service));
            }
        }
    }
    // Each agent's spells on duty: services less than PRESENCE_GAP_S apart are one spell.
    for ((day, _), mut v) in services {
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        let e = events.entry(day).or_default();
        let mut span = v[0];
        for &(a, b) in &v[1..] {
            if a - span.1 <= PRESENCE_GAP_S {
                span.1 = span.1.max(b);
            } else {
                e.push((span.0, 0, 0, 1));
                e.push((span.1, 0, 0, -1));
                span = (a, b);
            }
        }
        e.push((span.0, 0, 0, 1));
        e.push((span.1, 0, 0, -1));
    }
    let mut total = vec![0.0; n];
    let mut availabilities = Vec::new();
    for mut ev in events.into_values() {
        // Ends before starts at the same instant (back-to-back calls are one agent; a
        // caller answered as another hangs up leaves no gap).
        ev.sort_by(|a, b| {
            a.0.total_cmp(&b.0)
                .then((a.1 + a.2 + a.3).cmp(&(b.1 + b.2 + b.3)))
        });
        // Per slot: ∫ busy and ∫ on duty over queued time, queued time, ∫ on duty over the
        // rest, most busy at once.
        let mut queued_busy = vec![0.0; slots];
        let mut queued_time = vec![0.0; slots];
        let mut most = vec![0i32; slots];
        let mut queued_present = vec![0.0; slots];
        let mut free_present = vec![0.0; slots];
        let (mut busy, mut waiting, mut present) = (0i32, 0i32, 0i32);
        let mut t = window.0;
        let mut at = 0usize;
        let mut advance =
            |to: f64, busy: i32, waiting: i32, present: i32, t: &mut f64, at: &mut usize| {
                // Spreads the constant state (busy, waiting) over [t, to).
                while *at < slots && *t < to {
                    let end = (window.0 + (*at + 1) as f64 * sub).min(to);
                    if end > *t {
                        most[*at] = most[*at].max(busy);
                    }
                    if waiting > 0 {
                        queued_busy[*at] += f64::from(busy) * (end - *t);
                        queued_time[*at] += end - *t;
                        queued_present[*at] += f64::from(present) * (end - *t);
                    } else {
                        free_present[*at] += f64::from(present) * (end - *t);
                    }
                    *t = end;
                    if end >= window.0 + (*at + 1) as f64 * sub {
                        *at += 1;
                    }
                }
            };
        for (time, d_busy, d_wait, d_present) in ev {
            if time > t {
                advance(time, busy, waiting, present, &mut t, &mut at);
            }
            busy += d_busy;
            waiting += d_wait;
            present += d_present;
        }
        advance(window.1, busy, waiting, present, &mut t, &mut at);
        // The day's availability: the share of the agents on duty who were serving while
        // callers waited (1 if nobody waited, or the log names no agents).
        let on_duty_queued: f64 = queued_present.iter().sum();
        let availability = if on_duty_queued > 0.0 {
            (queued_busy.iter().sum::<f64>() / on_duty_queued).min(1.0)
        } else {
            1.0
        };
        if on_duty_queued > 0.0 {
            availabilities.push(availability);
        }
        for (k, slot_total) in total.iter_mut().enumerate() {
            let mut sum = 0.0;
            for s in k * per..(k + 1) * per {
                let free = (sub - queued_time[s]).max(0.0);
                let free_available = if free > 0.0 {
                    f64::from(most[s]).max(availability * free_present[s] / free)
                } else {
                    0.0
                };
                sum += (queued_busy[s] + free * free_available) / sub;
            }
            *slot_total += sum / per as f64;
        }
    }
    let mean_availability = if availabilities.is_empty() {
        1.0
    } else {
        availabilities.iter().sum::<f64>() / availabilities.len() as f64
    };
    (
        total.iter().map(|t| t / days.max(1) as f64).collect(),
        mean_availability,
    )
}

/// The quantiles of `xs` at (i + ½) / n, i = 0..n (empty for an empty sample).
fn quantiles(xs: &[f64], n: usize) -> Vec<f64> {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return Vec::new();
    }
    (0..n)
        .map(|i| {
            let k = ((i as f64 + 0.5) / n as f64 * v.len() as f64) as usize;
            v[k.min(v.len() - 1)]
        })
        .collect()
}

/// The empirical distribution of `values` scaled to `mean`.
fn empirical_toml(values: &[f64], mean: f64) -> String {
    let m = values.iter().sum::<f64>() / values.len() as f64;
    let scale = if m > 0.0 { mean / m } else { 1.0 };
    let v: Vec<String> = values
        .iter()
        .map(|x| format!("\"{:.1}s\"", x * scale))
        .collect();
    format!("{{ dist = \"empirical\", values = [{}] }}", v.join(", "))
}

/// A lognormal with this mean and cv, or a constant when the sample has no spread.
fn dist_toml(mean: f64, cv: f64) -> String {
    if cv > 1e-3 {
        format!(
            "{{ dist = \"lognormal\", mean = \"{:.0}s\", cv = {cv:.3} }}",
            mean.max(1.0)
        )
    } else {
        format!(
            "{{ dist = \"constant\", mean = \"{:.0}s\" }}",
            mean.max(1.0)
        )
    }
}

/// `hh:mm` of seconds after midnight, 24:00 for the end of the day (a window's bounds).
pub fn window_clock(s: f64) -> String {
    let m = (s / 60.0).round() as u64;
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01.
pub fn iso_date(day: i64) -> String {
    // Civil from days (Howard Hinnant's algorithm).
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn list(xs: &[f64], decimals: usize) -> String {
    let v: Vec<String> = xs.iter().map(|x| format!("{x:.decimals$}")).collect();
    format!("[{}]", v.join(", "))
}

impl Calibration {
    /// The days of the week used, e.g. `sun mon tue wed thu`.
    pub fn weekday_names(&self) -> String {
        let names: Vec<&str> = self
            .weekdays
            .iter()
            .map(|&w| WEEKDAYS[w as usize])
            .collect();
        names.join(" ")
    }

    /// The calibration report: per type, each estimate with its uncertainty and fit.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} days ({}, {} to {}), {}–{} in {}-minute intervals",
            self.days.len(),
            self.weekday_names(),
            iso_date(self.days[0]),
            iso_date(*self.days.last().expect("non-empty")),
            window_clock(self.window.0),
            window_clock(self.window.1),
            self.interval_s / 60.0
        );
        for t in &self.types {
            let p = &t.patience;
            let _ = writeln!(
                out,
                "\n{}: {} calls ({:.1} a day)\n  talk time: sample mean {:.0} s, cv {:.2} (n = {}); lognormal by moments KS distance {:.3} (used); by maximum likelihood mean {:.0} s, cv {:.2}, KS {:.3}\n  patience: exponential MLE {:.0} s ± {:.0} (abandons / time at risk: {} of {} queued); Kaplan–Meier median {}; naive mean wait of abandoners {:.0} s (biased low)\n  IVR: {}; left in the IVR {:.1} %; priority customers {:.1} %",
                t.name,
                t.calls,
                t.calls as f64 / self.days.len() as f64,
                t.talk.sample_mean,
                t.talk.sample_cv,
                t.talk.n,
                t.talk.moments_ks,
                t.talk.mean,
                t.talk.cv,
                t.talk.ks,
                p.mean_s,
                p.se_s,
                p.abandons,
                p.queued,
                t.patience_km_median_s
                    .map_or("beyond the longest wait".into(), |m| format!("{m:.0} s")),
                p.naive_mean_s,
                t.ivr.map_or("none".into(), |v| format!(
                    "mean {:.0} s, cv {:.2}",
                    v.mean, v.cv
                )),
                t.left_in_ivr * 100.0,
                t.priority_share * 100.0
            );
        }
        let _ = writeln!(
            out,
            "\navailability: {:.0} % of the agents on duty were serving while callers waited (mean over the days; the rest were on breaks, in after-call work or other duties)\nagents available per interval (serving while callers waited, else on duty × the day's availability; mean over the days): {}",
            self.availability * 100.0,
            list(&self.staffing, 1)
        );
        out
    }

    /// The scenario, as TOML, with `provenance` (e.g. the files read) in its header.
    pub fn to_toml(&self, name: &str, provenance: &[String]) -> String {
        let mut out = String::new();
        for line in provenance {
            let _ = writeln!(out, "# {line}");
        }
        let _ = writeln!(
            out,
            "# Calibrated by `ccsim calibrate` on {} days; every estimate, its uncertainty\n# and goodness of fit:\n#",
            self.days.len()
        );
        for line in self.report().lines() {
            if line.is_empty() {
                out.push_str("#\n");
            } else {
                let _ = writeln!(out, "#   {line}");
            }
        }
        let _ = writeln!(
            out,
            "#\n# Talk times are lognormal with the sample mean and cv, patience exponential (the censored MLE), arrivals the mean\n# rate per interval over the days; the staffing is the agents available in each\n# interval: those serving while callers waited (agents on breaks or after-call work are not\n# available), else the agents on duty times the share of them available. One group\n# takes every type, as the log does not say who could take what."
        );
        let _ = writeln!(out, "name = {:?}", name);
        let _ = writeln!(
            out,
            "description = \"Calibrated from a call log: {} days, {} contact types.\"",
            self.days.len(),
            self.types.len()
        );
        let _ = writeln!(out, "seed = 1999");
        let span = self.window.1 - self.window.0;
        let _ = writeln!(out, "horizon = \"{}m\"", (span / 60.0).round());
        let _ = writeln!(out, "day_start = \"{}\"", window_clock(self.window.0));
        let _ = writeln!(out, "interval = \"{}m\"", (self.interval_s / 60.0).round());
        let _ = writeln!(out, "replications = 10");
        for t in &self.types {
            let _ = writeln!(out, "\n[[contact_types]]\nname = {:?}", t.name);
            let _ = writeln!(
                out,
                "arrivals = {{ rate_per_hour = {} }}",
                list(&t.rates, 2)
            );
            let talk = match self.talk {
                TalkModel::Empirical if !t.talk_quantiles.is_empty() => {
                    empirical_toml(&t.talk_quantiles, t.talk.sample_mean)
                }
                _ => dist_toml(t.talk.sample_mean, t.talk.sample_cv),
            };
            let _ = writeln!(out, "handle_time = {talk}");
            if self.priority_classes && t.name.ends_with(" priority") {
                let _ = writeln!(out, "priority = 1");
            }
            if t.patience.mean_s.is_finite() {
                let _ = writeln!(
                    out,
                    "patience = {{ dist = \"exponential\", mean = \"{:.0}s\" }}",
                    t.patience.mean_s.max(1.0)
                );
            }
            if let Some(v) = t.ivr {
                let _ = writeln!(
                    out,
                    "ivr = {{ time = {}, self_service = {:.4} }}",
                    dist_toml(v.sample_mean, v.sample_cv),
                    t.left_in_ivr
                );
            }
        }
        let skills: Vec<String> = self.types.iter().map(|t| format!("{:?}", t.name)).collect();
        let agents: Vec<f64> = self.staffing.iter().map(|a| a.round()).collect();
        let _ = writeln!(
            out,
            "\n[[agent_groups]]\nname = \"agents\"\nagents = {}\nskills = [{}]",
            list(&agents, 0),
            skills.join(", ")
        );
        out
    }
}
