//! One real day against the model: what the log recorded ([`Recorded`]), the day's own
//! model ([`Calibration::for_day`]: the calibrated distributions with that day's arrival
//! rates and staffing) and its script ([`Calibration::script`]: its calls as they came),
//! for `ccsim replay` and `ccsim backtest`.

use super::log::{CallRecord, Outcome};
use super::model::Calibration;
use crate::engine::ScriptedArrival;
use crate::time::{SimDuration, SimTime};

/// What a log recorded for a set of calls (a day, or an hour of it).
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Recorded {
    /// Calls arrived.
    pub offered: f64,
    /// Calls served.
    pub answered: f64,
    /// Calls that hung up in the queue.
    pub abandoned: f64,
    /// Abandoned / offered (the simulator's definition).
    pub abandon_rate: f64,
    /// Mean wait of served calls, seconds.
    pub asa_s: f64,
    /// Served within `threshold` / calls that queued or were served.
    pub service_level: f64,
}

impl Recorded {
    /// The figures of `calls` with a service-level threshold of `threshold_s` seconds.
    ///
    /// ```
    /// use sim_core::calibrate::day::Recorded;
    /// use sim_core::calibrate::log::{CallRecord, Outcome};
    /// let call = |wait: f64, outcome| CallRecord {
    ///     day: 0, weekday: 4, contact_type: "PS".into(), priority: 0, arrival_s: 36_000.0,
    ///     ivr_s: 0.0, wait_s: Some(wait), outcome, service_s: None, agent: None,
    /// };
    /// let r = Recorded::of(&[call(10.0, Outcome::Served), call(30.0, Outcome::Served),
    ///     call(50.0, Outcome::Abandoned)], 20.0);
    /// assert_eq!((r.offered, r.answered, r.abandoned), (3.0, 2.0, 1.0));
    /// assert_eq!(r.asa_s, 20.0);
    /// assert!((r.service_level - 1.0 / 3.0).abs() < 1e-12);
    /// ```
    pub fn of<'a>(calls: impl IntoIterator<Item = &'a CallRecord>, threshold_s: f64) -> Recorded {
        let mut r = Recorded::default();
        let (mut waited, mut within, mut queued) = (0.0, 0.0, 0.0);
        for c in calls {
            r.offered += 1.0;
            match c.outcome {
                Outcome::Served => {
                    let w = c.wait_s.unwrap_or(0.0);
                    r.answered += 1.0;
                    waited += w;
                    queued += 1.0;
                    if w <= threshold_s {
                        within += 1.0;
                    }
                }
                Outcome::Abandoned => {
                    r.abandoned += 1.0;
                    queued += 1.0;
                }
                Outcome::LeftInIvr => {}
            }
        }
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        r.abandon_rate = ratio(r.abandoned, r.offered);
        r.asa_s = ratio(waited, r.answered);
        r.service_level = ratio(within, queued);
        r
    }
}

impl Calibration {
    /// The index of the type a record belongs to: its own, else "other", else none.
    /// (With priority classes, a priority customer's type is "TYPE priority", as
    /// [`super::model::class_of`] names it; compared without building the name.)
    pub fn type_of(&self, record: &CallRecord) -> Option<usize> {
        let priority = self.priority_classes && record.priority > 1;
        let own = |name: &str| match name.strip_suffix(" priority") {
            Some(base) if priority => base == record.contact_type,
            _ => !priority && name == record.contact_type,
        };
        self.types
            .iter()
            .position(|t| own(&t.name))
            .or_else(|| self.types.iter().position(|t| t.name == "other"))
    }

    /// This model with one day's arrival rates (per type and interval) and its staffing:
    /// the calibrated talk times, patience and IVR stay. `day` are that day's calls.
    pub fn for_day(&self, day: &[CallRecord]) -> Calibration {
        let mut model = self.clone();
        let refs: Vec<&CallRecord> = day.iter().collect();
        (model.staffing, model.availability) =
            super::model::observed_staffing(&refs, 1, self.window, self.interval_s);
        let (start, end) = self.window;
        for (i, t) in model.types.iter_mut().enumerate() {
            t.rates = super::estimate::arrival_rates(
                day,
                |r| self.type_of(r) == Some(i),
                1,
                start,
                end,
                self.interval_s,
            );
        }
        model.days = day.first().map(|r| vec![r.day]).unwrap_or_default();
        model
    }

    /// This model with each type's mean talk time set to that of `day`'s served calls
    /// (types with fewer than `min_calls` keep theirs); the shape (cv) stays. A day's
    /// workload is its volume times its talk time: this gives the model the day's own.
    pub fn with_talk_of(&self, day: &[CallRecord], min_calls: usize) -> Calibration {
        let mut model = self.clone();
        let mut sums = vec![(0.0, 0usize); self.types.len()];
        for r in self.in_window(day) {
            if let (Some(t), Some(s)) = (self.type_of(r), r.service_s) {
                sums[t].0 += s;
                sums[t].1 += 1;
            }
        }
        for (t, (sum, n)) in model.types.iter_mut().zip(sums) {
            if n >= min_calls.max(1) {
                t.talk.sample_mean = sum / n as f64;
            }
        }
        model
    }

    /// The day's calls inside the window as scripted arrivals per type (in this model's
    /// type order), with their logged talk times if `logged_talk`, and the logged patience of
    /// callers who hung up if `logged_patience` `logged_talk` and `logged_patience` (else both are drawn).
    pub fn script(
        &self,
        day: &[CallRecord],
        logged_talk: bool,
        logged_patience: bool,
    ) -> Vec<Vec<ScriptedArrival>> {
        let secs = |x: f64| SimDuration((x.max(0.0) * 1e6).round() as u64);
        let mut scripts = vec![Vec::new(); self.types.len()];
        let start = self.window.0;
        for r in self.in_window(day) {
            let Some(t) = self.type_of(r) else { continue };
            scripts[t].push(ScriptedArrival {
                at: SimTime::ZERO + secs(r.arrival_s - start),
                talk: logged_talk.then_some(r.service_s).flatten().map(secs),
                patience: (logged_patience && r.outcome == Outcome::Abandoned)
                    .then_some(r.wait_s)
                    .flatten()
                    .map(secs),
            });
        }
        scripts
    }

    /// The day's calls inside the window.
    pub fn in_window<'a>(&self, day: &'a [CallRecord]) -> impl Iterator<Item = &'a CallRecord> {
        let (start, end) = self.window;
        day.iter()
            .filter(move |r| r.arrival_s >= start && r.arrival_s < end)
    }
}
