//! Routing policies: which agent group takes an arriving contact, and which waiting
//! contact a freed agent takes.
//!
//! The engine keeps, per group, its idle agents in the order they became idle (so the
//! group's longest-idle agent is always at the front) and, per contact type, its waiting
//! contacts in arrival order. A policy only chooses *between* groups or between queues;
//! it is asked only when there are two or more candidates, and it must return the index
//! of one of them. The default, [`LongestIdle`], gives the contact to the longest-idle
//! agent among all groups with the skill, and gives a freed agent the highest-priority,
//! longest-waiting contact it is skilled for.
//!
//! A scenario names a built-in policy with `routing = "..."` ([`Routing`]):
//! `longest_idle` (the default), `most_idle_group` ([`MostIdleGroup`]) or
//! `least_skilled_first` ([`LeastSkilledFirst`]: specialists first, generalists kept
//! free). All three give a freed agent the highest-priority, longest-waiting contact.
//!
//! A researcher's policy is a few lines:
//!
//! ```
//! use sim_core::routing::{GroupCandidate, QueueCandidate, RoutingPolicy};
//! use sim_core::scenario::{GroupId, TypeId};
//!
//! /// Sends contacts to the group with the most idle agents; agents take the longest queue.
//! #[derive(Debug)]
//! struct MostIdle;
//!
//! impl RoutingPolicy for MostIdle {
//!     fn choose_group(&self, _t: TypeId, c: &[GroupCandidate]) -> usize {
//!         (0..c.len()).max_by_key(|&i| (c[i].idle_agents, std::cmp::Reverse(i))).unwrap()
//!     }
//!     fn choose_queue(&self, _g: GroupId, c: &[QueueCandidate]) -> usize {
//!         (0..c.len()).max_by_key(|&i| (c[i].waiting, std::cmp::Reverse(i))).unwrap()
//!     }
//! }
//! ```
//! and is installed with [`crate::Simulation::set_routing`].

use crate::scenario::{GroupId, TypeId};
use crate::time::SimTime;

/// The built-in policies, by the name a scenario gives (`routing = "..."`).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Routing {
    /// [`LongestIdle`].
    #[default]
    LongestIdle,
    /// [`MostIdleGroup`].
    MostIdleGroup,
    /// [`LeastSkilledFirst`].
    LeastSkilledFirst,
}

impl Routing {
    /// The policy.
    pub fn policy(self) -> Box<dyn RoutingPolicy> {
        match self {
            Routing::LongestIdle => Box::new(LongestIdle),
            Routing::MostIdleGroup => Box::new(MostIdleGroup),
            Routing::LeastSkilledFirst => Box::new(LeastSkilledFirst),
        }
    }
}

/// A group that has an idle agent with the needed skill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupCandidate {
    /// The group.
    pub group: GroupId,
    /// How many contact types the group is skilled for.
    pub skills: u32,
    /// How many of its agents are idle.
    pub idle_agents: u32,
    /// When its longest-idle agent became idle.
    pub longest_idle_since: SimTime,
}

/// A contact type with contacts waiting that a freed agent could take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueCandidate {
    /// The contact type.
    pub contact_type: TypeId,
    /// Its priority (higher first).
    pub priority: i32,
    /// How many contacts of this type wait.
    pub waiting: u32,
    /// Arrival time of the longest-waiting one.
    pub oldest_arrival: SimTime,
    /// Arrival sequence number of the longest-waiting one (breaks ties).
    pub oldest_seq: u64,
}

/// Chooses between groups and between queues. Must be deterministic; `Sync` so that a
/// simulation can live in a game engine resource.
pub trait RoutingPolicy: std::fmt::Debug + Send + Sync {
    /// Index into `candidates` (two or more) of the group that takes a contact of type
    /// `contact_type`; the group's longest-idle agent answers it.
    fn choose_group(&self, contact_type: TypeId, candidates: &[GroupCandidate]) -> usize;
    /// Index into `candidates` (two or more) of the queue whose oldest contact an agent
    /// of `group` takes.
    fn choose_queue(&self, group: GroupId, candidates: &[QueueCandidate]) -> usize;
}

/// Longest-idle agent; highest priority, then longest waiting (DESIGN §2 default).
#[derive(Clone, Copy, Debug, Default)]
pub struct LongestIdle;

impl RoutingPolicy for LongestIdle {
    fn choose_group(&self, _t: TypeId, c: &[GroupCandidate]) -> usize {
        let mut best = 0;
        for i in 1..c.len() {
            if c[i].longest_idle_since < c[best].longest_idle_since {
                best = i;
            }
        }
        best
    }

    fn choose_queue(&self, _g: GroupId, c: &[QueueCandidate]) -> usize {
        priority_then_oldest(c)
    }
}

/// The freed agent's choice shared by the built-in policies: the highest priority, then
/// the longest-waiting contact.
fn priority_then_oldest(c: &[QueueCandidate]) -> usize {
    let mut best = 0;
    for i in 1..c.len() {
        let (a, b) = (&c[i], &c[best]);
        let better = a.priority > b.priority
            || (a.priority == b.priority
                && (a.oldest_arrival, a.oldest_seq) < (b.oldest_arrival, b.oldest_seq));
        if better {
            best = i;
        }
    }
    best
}

/// The group with the most idle agents takes the contact (ties: the longest-idle agent):
/// balances the load between groups in agents rather than in time.
#[derive(Clone, Copy, Debug, Default)]
pub struct MostIdleGroup;

impl RoutingPolicy for MostIdleGroup {
    fn choose_group(&self, _t: TypeId, c: &[GroupCandidate]) -> usize {
        let mut best = 0;
        for i in 1..c.len() {
            let (a, b) = (&c[i], &c[best]);
            if (a.idle_agents, std::cmp::Reverse(a.longest_idle_since))
                > (b.idle_agents, std::cmp::Reverse(b.longest_idle_since))
            {
                best = i;
            }
        }
        best
    }

    fn choose_queue(&self, _g: GroupId, c: &[QueueCandidate]) -> usize {
        priority_then_oldest(c)
    }
}

/// The group with the fewest skills takes the contact (ties: the longest-idle agent):
/// specialists answer what they can, so generalists stay free for the contacts only they
/// can take.
#[derive(Clone, Copy, Debug, Default)]
pub struct LeastSkilledFirst;

impl RoutingPolicy for LeastSkilledFirst {
    fn choose_group(&self, _t: TypeId, c: &[GroupCandidate]) -> usize {
        let mut best = 0;
        for i in 1..c.len() {
            let (a, b) = (&c[i], &c[best]);
            if (a.skills, a.longest_idle_since) < (b.skills, b.longest_idle_since) {
                best = i;
            }
        }
        best
    }

    fn choose_queue(&self, _g: GroupId, c: &[QueueCandidate]) -> usize {
        priority_then_oldest(c)
    }
}
