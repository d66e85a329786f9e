//! People over many days: the `[people]` section of a scenario.
//!
//! A scenario with `[people]` is run for `days` working days, each day the scenario's day
//! with the team of that morning (see [`crate::people`]). The models, each one formula:
//!
//! - **Learning curve.** An agent who has handled `n` contacts talks
//!   `1 + (start − 1) · 2^(−n / half_life_calls)` times as long as a proficient one
//!   ([`Learning::factor`]): a new hire starts `start` times slower and halves the gap
//!   every `half_life_calls` contacts (the exponential learning curve of manufacturing
//!   and call-center studies).
//! - **Quality.** Their QA score rises on the same curve, from `qa_new` to `qa_trained`
//!   ([`Quality::score`]); the first-contact resolution of a contact type moves with the
//!   mean QA score of the productive agents who serve it:
//!   `fcr = scenario fcr + fcr_per_qa · (mean QA − qa_trained)`, clamped to `[0, 1]`.
//! - **Attrition.** Each working day an agent quits with probability
//!   `h = h0 · exp(slope · max(0, ō − knee)) · 2^(−incentive / incentive_halving)`
//!   ([`Attrition::daily_hazard`]), where `h0 = 1 − (1 − annual)^(1/250)` is the base rate
//!   of a year of 250 working days, `ō` the group's *sustained* occupancy (an exponentially
//!   weighted mean of its daily occupancy over about `memory_days` days) and `incentive`
//!   the money spent per agent and day on incentives. Trainees quit at the base rate.
//! - **Hiring.** A hire decided on day d starts training on day d + `recruiting_days`,
//!   is paid from then (the group's wage, for the hours the group's agents are paid on
//!   average) and takes calls from day d + `recruiting_days` + `training_days`.

use super::GroupId;

/// Working days in a year, for the annual attrition rate.
pub const WORKING_DAYS_PER_YEAR: f64 = 250.0;

/// The `[people]` section: a multi-day run with hiring, learning and attrition.
#[derive(Clone, Debug, PartialEq)]
pub struct People {
    /// Working days to run.
    pub days: u32,
    /// Agents on the roster of each group on day 1 (all proficient), in scenario order.
    /// The group's planned staffing is for this headcount; each day it is scaled by the
    /// productive headcount of the day over this one.
    pub headcount: Vec<u32>,
    /// Days from the decision to hire to the first day of training.
    pub recruiting_days: u32,
    /// Days of training: paid, no contacts.
    pub training_days: u32,
    /// The learning curve of talk time.
    pub learning: Learning,
    /// QA scores and first-contact resolution.
    pub quality: Quality,
    /// Who quits, and why.
    pub attrition: Attrition,
    /// Incentives paid per productive agent and day (money); they lower attrition.
    pub incentive_per_agent_day: f64,
    /// Each day's arrivals are `(1 + volume_growth)^(day − 1)` times the scenario's.
    pub volume_growth: f64,
    /// Hire a replacement for every agent who quits (the same day's decision).
    pub backfill: bool,
    /// The hiring plan.
    pub hires: Vec<HirePlan>,
}

/// The learning curve: `1 + (start − 1) · 2^(−calls / half_life_calls)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Learning {
    /// A new hire's talk-time multiplier (1.5: 50 % slower).
    pub start: f64,
    /// Contacts handled that halve the gap to proficiency.
    pub half_life_calls: f64,
}

impl Learning {
    /// The talk-time multiplier after `calls` contacts handled.
    ///
    /// ```
    /// use sim_core::scenario::Learning;
    /// let l = Learning { start: 1.6, half_life_calls: 200.0 };
    /// assert_eq!(l.factor(0.0), 1.6);
    /// assert!((l.factor(200.0) - 1.3).abs() < 1e-12);
    /// assert_eq!(l.factor(f64::INFINITY), 1.0);
    /// ```
    pub fn factor(&self, calls: f64) -> f64 {
        1.0 + (self.start - 1.0) * progress_left(calls, self.half_life_calls)
    }
}

impl Default for Learning {
    fn default() -> Self {
        Learning {
            start: 1.5,
            half_life_calls: 150.0,
        }
    }
}

/// The share of the gap to proficiency left after `calls`: `2^(−calls / half_life)`.
fn progress_left(calls: f64, half_life: f64) -> f64 {
    if calls.is_infinite() {
        0.0
    } else {
        libm::exp2(-calls / half_life)
    }
}

/// QA scores (0–1) and their effect on first-contact resolution.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quality {
    /// A new hire's QA score.
    pub qa_new: f64,
    /// A proficient agent's QA score (the scenario's FCR is at this score).
    pub qa_trained: f64,
    /// FCR points gained per QA point.
    pub fcr_per_qa: f64,
}

impl Quality {
    /// The QA score after `calls` contacts, on the learning curve's half-life.
    ///
    /// ```
    /// use sim_core::scenario::Quality;
    /// let q = Quality { qa_new: 0.6, qa_trained: 0.9, fcr_per_qa: 0.5 };
    /// assert_eq!(q.score(0.0, 100.0), 0.6);
    /// assert!((q.score(100.0, 100.0) - 0.75).abs() < 1e-12);
    /// ```
    pub fn score(&self, calls: f64, half_life_calls: f64) -> f64 {
        self.qa_trained - (self.qa_trained - self.qa_new) * progress_left(calls, half_life_calls)
    }
}

impl Default for Quality {
    fn default() -> Self {
        Quality {
            qa_new: 0.7,
            qa_trained: 0.9,
            fcr_per_qa: 0.5,
        }
    }
}

/// Attrition: a daily hazard that rises with sustained occupancy and falls with
/// incentives.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Attrition {
    /// The share of agents who leave in a year at or below the occupancy knee, without
    /// incentives (0.3 for 30 %).
    pub annual: f64,
    /// Sustained occupancy above which the hazard rises.
    pub knee: f64,
    /// How fast: the hazard is multiplied by `exp(slope · (occupancy − knee))` above the
    /// knee (slope 10: ×2.7 at 10 points above).
    pub slope: f64,
    /// The memory of "sustained" occupancy, days (the weight of a new day is 1 / this).
    pub memory_days: f64,
    /// Incentives per agent and day that halve the hazard (0: incentives do nothing).
    pub incentive_halving: f64,
}

impl Attrition {
    /// The probability that an agent quits on a day, with `sustained` occupancy and
    /// `incentive` spent per agent that day.
    ///
    /// ```
    /// use sim_core::scenario::Attrition;
    /// let a = Attrition { annual: 0.3, knee: 0.8, slope: 10.0, memory_days: 5.0, incentive_halving: 10.0 };
    /// let base = 1.0 - 0.7f64.powf(1.0 / 250.0);
    /// assert!((a.daily_hazard(0.7, 0.0) - base).abs() < 1e-15);
    /// assert!((a.daily_hazard(0.9, 0.0) - base * 1f64.exp()).abs() < 1e-12);
    /// assert!((a.daily_hazard(0.7, 10.0) - base / 2.0).abs() < 1e-15);
    /// ```
    pub fn daily_hazard(&self, sustained: f64, incentive: f64) -> f64 {
        let base = self.base_daily();
        let stress = libm::exp(self.slope * (sustained - self.knee).max(0.0));
        let relief = if self.incentive_halving > 0.0 {
            libm::exp2(-incentive / self.incentive_halving)
        } else {
            1.0
        };
        (base * stress * relief).clamp(0.0, 1.0)
    }

    /// The daily hazard at or below the knee, without incentives.
    pub fn base_daily(&self) -> f64 {
        1.0 - libm::pow(1.0 - self.annual, 1.0 / WORKING_DAYS_PER_YEAR)
    }
}

impl Default for Attrition {
    fn default() -> Self {
        Attrition {
            annual: 0.35,
            knee: 0.85,
            slope: 10.0,
            memory_days: 5.0,
            incentive_halving: 0.0,
        }
    }
}

/// Hire `agents` into `group` on `day` (the day of the decision; they start training
/// `recruiting_days` later).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HirePlan {
    /// Day of the decision, 1-based.
    pub day: u32,
    /// The group.
    pub group: GroupId,
    /// Agents hired.
    pub agents: u32,
}
