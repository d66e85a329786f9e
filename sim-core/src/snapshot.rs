//! A borrowed view of a running simulation, for the game's floor and dashboard and for
//! trainers: each agent's state, each waiting contact, and the KPIs so far. Nothing is
//! copied; the view lives as long as the borrow.
//!
//! ```
//! use sim_core::{Simulation, scenario::Scenario, dist::Dist, time::{SimDuration, SimTime}};
//! use sim_core::snapshot::AgentState;
//! let s = Scenario::single_queue(600.0, Dist::exponential(240.0), None, 30, SimDuration::from_hours(1));
//! let mut sim = Simulation::new(&s, 1);
//! sim.run_until(SimTime::ZERO + SimDuration::from_mins(20));
//! let snap = sim.snapshot();
//! let talking = snap.agents().filter(|a| matches!(a.state, AgentState::Talking { .. })).count();
//! let k = snap.kpis();
//! assert_eq!(k.agents_busy as usize, talking);
//! let ended = k.answered + k.abandoned + k.balked + k.ivr_resolved + k.callbacks;
//! assert_eq!(k.offered, ended + k.waiting + k.in_ivr + k.callbacks_pending);
//! ```

use crate::engine::{Simulation, Status};
use crate::scenario::{GroupId, TypeId};
use crate::time::{SimDuration, SimTime};

/// What an agent is doing now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgentState {
    /// Not on duty.
    Off,
    /// Waiting for a contact since `since`.
    Idle {
        /// When the agent became idle.
        since: SimTime,
    },
    /// Talking with a contact.
    Talking {
        /// The contact's type.
        contact_type: TypeId,
        /// When the talk ends.
        until: SimTime,
    },
    /// After-contact work.
    WrapUp {
        /// The contact's type.
        contact_type: TypeId,
        /// When the agent is free (or starts a breather).
        until: SimTime,
    },
    /// A breather an occupancy cap gives after a contact: paid, off the phones, not busy.
    Resting {
        /// When the agent is free.
        until: SimTime,
    },
}

/// One agent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgentView {
    /// Stable id (index).
    pub id: u32,
    /// The agent's group.
    pub group: GroupId,
    /// What the agent is doing.
    pub state: AgentState,
    /// True if the agent logs off after the current contact.
    pub leaving: bool,
}

/// One waiting contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaitingView {
    /// Its type.
    pub contact_type: TypeId,
    /// When it arrived.
    pub arrived: SimTime,
    /// How long it has waited so far.
    pub waited: SimDuration,
    /// Offered in the measured window (not in the warm-up or while the run drains).
    pub in_window: bool,
}

/// KPIs of the measured window so far (contacts that arrived in the warm-up excluded).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct LiveKpis {
    /// Contacts arrived so far.
    pub offered: u64,
    /// Answered so far.
    pub answered: u64,
    /// Abandoned so far.
    pub abandoned: u64,
    /// Waiting now (of the contacts offered in the window).
    pub waiting: u64,
    /// Hung up at once on a long queue so far.
    pub balked: u64,
    /// Resolved in the IVR so far.
    pub ivr_resolved: u64,
    /// In the IVR now (of the contacts offered in the window).
    pub in_ivr: u64,
    /// Called back so far.
    pub callbacks: u64,
    /// Waiting for a quiet-time callback or a voicemail answer now (keep-place callbacks
    /// wait in their queue and count in `waiting`).
    pub callbacks_pending: u64,
    /// Emails left in the backlog when the window closed.
    pub backlog: u64,
    /// Answered within the threshold so far.
    pub answered_in_threshold: u64,
    /// Answered within the threshold / (answered + abandoned + waiting longer than the
    /// threshold): the share of contacts whose fate is known that met the target.
    pub service_level: f64,
    /// Mean wait of answered contacts, seconds.
    pub asa_s: f64,
    /// Abandoned / offered.
    pub abandon_rate: f64,
    /// Agents on duty now.
    pub agents_on_duty: u32,
    /// Agents busy (talking or in wrap-up) now.
    pub agents_busy: u32,
}

/// A borrowed view of a [`Simulation`].
#[derive(Clone, Copy, Debug)]
pub struct Snapshot<'a> {
    sim: &'a Simulation,
}

impl<'a> Snapshot<'a> {
    pub(crate) fn new(sim: &'a Simulation) -> Self {
        Snapshot { sim }
    }

    /// The simulated time.
    pub fn now(&self) -> SimTime {
        self.sim.now
    }

    /// Every agent that has ever been on duty, by id.
    pub fn agents(&self) -> impl Iterator<Item = AgentView> + 'a {
        let now = self.sim.now;
        self.sim.agents.iter().enumerate().map(move |(id, a)| {
            let state = match a.status {
                Status::Off => AgentState::Off,
                Status::Idle => AgentState::Idle {
                    since: a.idle_since,
                },
                Status::Busy if now < a.talk_end => AgentState::Talking {
                    contact_type: TypeId(a.contact_type),
                    until: a.talk_end,
                },
                Status::Busy if now >= a.busy_end && now < a.rest_end => {
                    AgentState::Resting { until: a.rest_end }
                }
                Status::Busy => AgentState::WrapUp {
                    contact_type: TypeId(a.contact_type),
                    until: a.busy_end,
                },
            };
            AgentView {
                id: id as u32,
                group: GroupId(a.group),
                state,
                leaving: a.leaving,
            }
        })
    }

    /// Waiting contacts, type by type, longest waiting first within a type.
    pub fn waiting(self) -> impl Iterator<Item = WaitingView> + 'a {
        let this = self;
        (0..self.sim.types.len()).flat_map(move |t| this.waiting_of(TypeId(t as u16)))
    }

    /// Waiting contacts of one type, longest waiting first.
    pub fn waiting_of(self, t: TypeId) -> impl Iterator<Item = WaitingView> + 'a {
        let sim = self.sim;
        let mut c = sim
            .types
            .get(t.0 as usize)
            .map_or(u32::MAX, |ty| ty.queue.head);
        std::iter::from_fn(move || {
            if c == u32::MAX {
                return None;
            }
            let contact = &sim.contacts[c as usize];
            c = contact.next;
            Some(WaitingView {
                contact_type: TypeId(contact.contact_type),
                arrived: contact.arrived(),
                waited: sim.now - contact.arrived(),
                in_window: contact.in_window(),
            })
        })
    }

    /// How many contacts of type `t` wait now.
    pub fn queue_len(&self, t: TypeId) -> usize {
        self.sim
            .types
            .get(t.0 as usize)
            .map_or(0, |ty| ty.queue.len as usize)
    }

    /// Agents on duty in group `g` now (leaving ones included).
    pub fn on_duty(&self, g: GroupId) -> u32 {
        self.sim.groups.get(g.0 as usize).map_or(0, |gs| gs.on_duty)
    }

    /// The end of the system outage in progress, if any (see
    /// [`crate::Intervention::Outage`]).
    pub fn outage_until(&self) -> Option<SimTime> {
        (self.sim.now < self.sim.outage_until).then_some(self.sim.outage_until)
    }

    /// The arrival rate as a multiple of the plan (1 outside surges; see
    /// [`crate::Intervention::Surge`]).
    pub fn arrival_factor(&self) -> f64 {
        self.sim.arrival_factor
    }

    /// KPIs so far.
    pub fn kpis(&self) -> LiveKpis {
        let sim = self.sim;
        let mut k = LiveKpis {
            offered: 0,
            answered: 0,
            abandoned: 0,
            waiting: 0,
            balked: 0,
            ivr_resolved: 0,
            in_ivr: sim.in_ivr,
            callbacks: 0,
            callbacks_pending: sim.callbacks_pending,
            backlog: 0,
            answered_in_threshold: 0,
            service_level: 1.0,
            asa_s: 0.0,
            abandon_rate: 0.0,
            agents_on_duty: sim.groups.iter().map(|g| g.on_duty).sum(),
            agents_busy: sim
                .agents
                .iter()
                .filter(|a| a.status == Status::Busy)
                .count() as u32,
        };
        let mut wait_us = 0u128;
        for c in &sim.stats.cells {
            k.offered += c.offered;
            k.answered += c.answered;
            k.abandoned += c.abandoned;
            k.balked += c.balked;
            k.ivr_resolved += c.ivr_resolved;
            k.callbacks += c.callbacks;
            k.backlog += c.backlog;
            k.answered_in_threshold += c.answered_in_threshold;
            wait_us += c.wait_answered_us;
        }
        let threshold = sim.scenario.service_level.threshold;
        let mut late = 0;
        for w in self.waiting() {
            if w.in_window {
                k.waiting += 1;
                late += (w.waited > threshold) as u64;
            }
        }
        let decided = k.answered + k.abandoned + late;
        if decided > 0 {
            k.service_level = k.answered_in_threshold as f64 / decided as f64;
        }
        if k.answered > 0 {
            k.asa_s = wait_us as f64 / 1e6 / k.answered as f64;
        }
        if k.offered > 0 {
            k.abandon_rate = k.abandoned as f64 / k.offered as f64;
        }
        k
    }
}
