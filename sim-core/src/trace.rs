//! The event log of a run, for debugging, animation and teaching: arrivals, answers,
//! abandonments and agents' state changes, in the order they happen.
//!
//! Off by default (the hot path pays one branch). [`crate::Simulation::enable_trace`]
//! turns it on; [`crate::Simulation::drain_trace`] takes what has been recorded so far, so
//! a caller that steps the simulation and drains as it goes keeps memory bounded.
//!
//! ```
//! use sim_core::{Simulation, scenario::Scenario, dist::Dist, time::SimDuration};
//! use sim_core::trace::TraceKind;
//! let s = Scenario::single_queue(60.0, Dist::exponential(120.0), None, 2, SimDuration::from_hours(1));
//! let mut sim = Simulation::new(&s, 1);
//! sim.enable_trace();
//! sim.run_until(sim_core::time::SimTime::ZERO + SimDuration::from_mins(10));
//! let log = sim.drain_trace();
//! assert_eq!(log[0].event, TraceKind::AgentOn);
//! assert!(log.iter().any(|e| e.event == TraceKind::Answer));
//! assert!(log.windows(2).all(|w| w[0].time_s <= w[1].time_s));
//! ```

use serde::Serialize;

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TraceKind {
    /// A contact arrived.
    Arrival,
    /// An agent answered a contact (talk until `talk_end_s`, wrap-up until `busy_end_s`).
    Answer,
    /// A waiting contact hung up (or was never answered when the run ended).
    Abandon,
    /// An agent logged on.
    AgentOn,
    /// An agent became idle.
    AgentIdle,
    /// A busy agent was told to log off after the current contact.
    AgentLeaving,
    /// An agent logged off.
    AgentOff,
}

/// One line of the log. Fields that do not apply to an event are `None`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TraceEvent {
    /// Seconds since the start of the simulation (the warm-up included).
    pub time_s: f64,
    /// What happened.
    pub event: TraceKind,
    /// The contact's number (arrival order).
    pub contact: Option<u64>,
    /// The contact type's index.
    pub contact_type: Option<u16>,
    /// The agent's id.
    pub agent: Option<u32>,
    /// The agent's group index.
    pub group: Option<u16>,
    /// How long the contact waited, seconds (answers and abandonments).
    pub wait_s: Option<f64>,
    /// When the talk ends, seconds (answers).
    pub talk_end_s: Option<f64>,
    /// When the agent is free again, seconds (answers).
    pub busy_end_s: Option<f64>,
}

impl TraceEvent {
    pub(crate) fn new(time_s: f64, event: TraceKind) -> Self {
        TraceEvent {
            time_s,
            event,
            contact: None,
            contact_type: None,
            agent: None,
            group: None,
            wait_s: None,
            talk_end_s: None,
            busy_end_s: None,
        }
    }
}
