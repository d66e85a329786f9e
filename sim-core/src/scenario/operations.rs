//! The operations model beyond "arrive, wait, talk": what callers do (balk, redial,
//! wait longer when told the wait, call again when not resolved), where contacts go
//! after an agent (transfers), the IVR in front of the queues, screen pop, and what it
//! all costs. Every part is optional; a scenario without them is the plain queue.

use crate::dist::Dist;
use crate::time::SimDuration;

use super::TypeId;

/// A caller who finds `queue` or more contacts of the type waiting hangs up at once with
/// `probability` (balking). Balked contacts are offered and counted as `balked`.
#[derive(Clone, Debug, PartialEq)]
pub struct Balking {
    /// Waiting contacts (of the same type) from which callers may balk.
    pub queue: u32,
    /// The share of callers who balk then, in `[0, 1]`.
    pub probability: f64,
}

/// A caller who abandoned or balked calls again with `probability`, after `delay`. A
/// redial is the same customer, not a new one: it is offered again and counted in
/// `redials`, so that customers = offered − redials − repeats − transfers. Redials
/// after the window closes are not simulated (the customer calls another day).
#[derive(Clone, Debug, PartialEq)]
pub struct Redial {
    /// The share of callers who try again, in `[0, 1]`; each attempt again.
    pub probability: f64,
    /// Time from hanging up to calling again.
    pub delay: Dist,
}

/// Expected-wait announcements: a share of the callers who wait hears the expected wait,
/// and an informed caller waits `patience_factor` times as long before hanging up (one
/// field study reports twice as long).
#[derive(Clone, Debug, PartialEq)]
pub struct Announcement {
    /// Patience multiplier of informed callers.
    pub patience_factor: f64,
    /// The share of waiting callers who are informed, in `[0, 1]`.
    pub share: f64,
}

/// First-contact resolution: an answered contact is resolved with probability
/// `first_contact`; otherwise the customer calls again after `repeat_delay` (a repeat
/// call, counted in `repeats`). The report's `fcr` is the share of answered contacts
/// resolved at once (neither repeated nor transferred).
#[derive(Clone, Debug, PartialEq)]
pub struct Resolution {
    /// First-contact resolution rate, in `[0, 1]`.
    pub first_contact: f64,
    /// Time from the end of the call to the repeat call.
    pub repeat_delay: Dist,
}

/// A share of the answered contacts is escalated to another contact type (tier 2, a
/// supervisor): after the first service the contact joins that type's queue (a second
/// wait) and is served again (a second service, drawn from that type's handle time).
/// The second leg is offered at the target type and counted in its `transfers`.
#[derive(Clone, Debug, PartialEq)]
pub struct Transfer {
    /// The share of answered contacts transferred, in `[0, 1]`.
    pub share: f64,
    /// The contact type they are transferred to.
    pub to: TypeId,
}

/// An IVR in front of the queue: every caller spends `time` in it; a share is resolved
/// there (self-service, counted as `ivr_resolved`), the rest chooses a menu option and
/// joins the queue. A share of those chooses wrong (`misroute`): they wait in the queue
/// of another contact type (the next one in the scenario's order), whose agent spends
/// `misroute_time` finding out and transfers them to the right queue.
#[derive(Clone, Debug, PartialEq)]
pub struct Ivr {
    /// Time in the IVR.
    pub time: Dist,
    /// The share of callers resolved in the IVR, in `[0, 1]`.
    pub self_service: f64,
    /// The share of the others that lands in a wrong queue, in `[0, 1]`.
    pub misroute: f64,
    /// An agent's time on a misrouted call before transferring it.
    pub misroute_time: SimDuration,
}

/// Callbacks (virtual hold): a caller who would wait longer than `offer_after` (the
/// expected wait: callers ahead + 1, times the mean handle time, over the agents on duty
/// with the skill) is offered a callback and takes it with probability `accept`. The
/// callback either keeps the caller's place in line (`keep_place`: when an agent reaches
/// it, the agent calls back) or is made when no caller of the agent's skills waits
/// (`quiet`; `voicemail` is the same for a message left in a mailbox). A caller waiting
/// for a callback never abandons. Callbacks are counted apart (`callbacks`, and the time
/// to the callback as `callback_wait_s`), out of the service level and the ASA.
#[derive(Clone, Debug, PartialEq)]
pub struct Callback {
    /// The expected wait above which a callback is offered.
    pub offer_after: SimDuration,
    /// The share of callers offered one who take it, in `[0, 1]`.
    pub accept: f64,
    /// When the agent calls back.
    pub mode: CallbackMode,
}

/// When a callback is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CallbackMode {
    /// In the caller's place in line.
    KeepPlace,
    /// When no caller of the agent's skills waits.
    Quiet,
    /// A voicemail, answered like a quiet-time callback.
    Voicemail,
}

/// Screen pop (CRM data on screen when the call arrives): talk time falls by a share.
#[derive(Clone, Debug, PartialEq)]
pub struct ScreenPop {
    /// The share of talk time saved, in `[0, 1)`.
    pub handle_time_cut: f64,
    /// Its cost per day (per replication).
    pub cost_per_day: f64,
}

/// What the center pays besides wages, and its budget. Costs "per day" are per
/// replication, spread over the reporting intervals in proportion to their length.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Costs {
    /// Telecom cost of a minute a caller is connected (IVR, waiting, talking).
    pub telecom_per_minute: f64,
    /// Cost of a minute in the IVR (ports, speech recognition), on top of telecom.
    pub ivr_per_minute: f64,
    /// The IVR's fixed cost per day.
    pub ivr_per_day: f64,
    /// Other technology (ACD, WFM, CRM licences) per day.
    pub technology_per_day: f64,
    /// Penalty for each reporting interval whose service level misses the target.
    pub sl_penalty_per_interval: f64,
    /// The budget for the day (per replication); `None`: no budget set.
    pub budget_per_day: Option<f64>,
}

impl Costs {
    /// True if no cost beyond wages is set.
    pub fn is_zero(&self) -> bool {
        *self == Costs::default()
    }
}
