//! The discrete-event engine: a [`Simulation`] of one replication of a scenario.
//!
//! # How a run goes
//! Build it with [`Simulation::new`]; advance it with [`Simulation::run_until`] (the game
//! and trainers step it) or [`Simulation::step`]; look at it with
//! [`Simulation::snapshot`]; change it with [`Simulation::apply`]; and turn it into
//! results with [`Simulation::finish`], which runs to the end and drains.
//!
//! # Events
//! Four kinds of event sit in the [`calendar::Calendar`]: the next arrival of each
//! contact type, an agent finishing a contact (talk and wrap-up are one event; the
//! snapshot tells the two apart by time), a waiting contact's patience running out, and a
//! group's staffing changing at a period boundary. Events at the same instant are
//! handled in the order they were scheduled (sequence numbers). Interventions are not
//! events: they apply at the current time, after every event at that time.
//!
//! # The day
//! Time 0 is the start of the warm-up; the measured window is `[warmup, warmup +
//! horizon)`. Contacts arrive until the window closes, then the run drains: every contact
//! still waiting or in service finishes, so every offered contact ends answered or
//! abandoned. Staffing stays at its last value while the run drains. A contact that is
//! still waiting when nothing else can happen (no agent on duty can ever take it) is
//! counted as abandoned at that moment and reported as `unserved`.
//!
//! # Staffing changes
//! When a group's target rises, agents who were about to leave stay first, then agents
//! log on (idle, and they take a waiting contact at once). When it falls, idle agents log
//! off first (the most recently idle first), then busy agents are marked to leave when
//! they finish their contact: nobody hangs up on a caller at the end of a shift.
//!
//! ```
//! use sim_core::{Simulation, scenario::Scenario, dist::Dist, time::{SimDuration, SimTime}};
//! let s = Scenario::single_queue(120.0, Dist::exponential(240.0), None, 10, SimDuration::from_hours(8));
//! let mut sim = Simulation::new(&s, 7);
//! sim.run_until(SimTime::ZERO + SimDuration::from_hours(1));
//! let snap = sim.snapshot();
//! assert_eq!(snap.agents().count(), 10);
//! let result = sim.finish();
//! let offered: u64 = result.stats.cells.iter().map(|c| c.offered).sum();
//! assert!(offered > 800 && offered < 1120);
//! ```

pub mod calendar;
mod channels;

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::dist::Dist;
use crate::rng::{Stream, StreamId};
use crate::routing::Routing;
use crate::routing::{GroupCandidate, QueueCandidate, RoutingPolicy};
use crate::scenario::{Callback, CallbackMode, Channel, GroupId, Profile, Scenario, TypeId};
use crate::snapshot::Snapshot;
use crate::stats::RunStats;
use crate::time::{SimDuration, SimTime};
use crate::trace::{TraceEvent, TraceKind};
use calendar::{Calendar, EventCode, EventKey};

const NIL: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Event {
    Arrival(u16),
    AgentFree(u32),
    Abandon(u32),
    /// A group's planned staffing changes (group, generation: events of an older
    /// generation were superseded by a shift move and do nothing).
    Staffing(u16, u16),
    /// A deferred action ([`Deferred`]), by index.
    Deferred(u32),
    /// A contact leaves the IVR, or a redial or repeat call comes in.
    Ready(u32),
    /// A waiting contact has waited long enough for the next overflow group.
    Overflow(u32),
    /// A chat ends (its session).
    ChatEnd(u32),
    /// A dial has its outcome (the dial).
    DialEnd(u32),
}

impl EventCode for Event {
    /// Kind in the top 4 of the 40 bits, index in the low 32.
    #[inline]
    fn encode(self) -> u64 {
        let (kind, index) = match self {
            Event::Arrival(t) => (0u64, t as u64),
            Event::AgentFree(a) => (1, a as u64),
            Event::Abandon(c) => (2, c as u64),
            Event::Staffing(g, generation) => (3, g as u64 | (generation as u64) << 16),
            Event::Deferred(k) => (4, k as u64),
            Event::Ready(c) => (5, c as u64),
            Event::Overflow(c) => (6, c as u64),
            Event::ChatEnd(s) => (7, s as u64),
            Event::DialEnd(k) => (8, k as u64),
        };
        kind << 36 | index
    }

    #[inline]
    fn decode(code: u64) -> Self {
        let index = code & 0xffff_ffff;
        match code >> 36 {
            0 => Event::Arrival(index as u16),
            1 => Event::AgentFree(index as u32),
            2 => Event::Abandon(index as u32),
            3 => Event::Staffing(index as u16, (index >> 16) as u16),
            4 => Event::Deferred(index as u32),
            5 => Event::Ready(index as u32),
            6 => Event::Overflow(index as u32),
            7 => Event::ChatEnd(index as u32),
            _ => Event::DialEnd(index as u32),
        }
    }
}

/// A change a manager makes during the day, applied at the current simulated time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Intervention {
    /// Staff the group with exactly `agents` from now to the end of the day (overrides
    /// the planned staffing).
    SetAgents {
        /// The group.
        group: GroupId,
        /// Agents on duty from now on.
        agents: u32,
    },
    /// Add (or, if negative, remove) agents on top of the plan from now to the end of
    /// the day.
    AddAgents {
        /// The group.
        group: GroupId,
        /// Agents to add (negative: remove).
        delta: i32,
    },
    /// Call in or hire `agents` more for the group; they are on duty from `lead` after
    /// now (travel, or a recruiting lead time) to the end of the day, and are paid from
    /// then.
    Hire {
        /// The group.
        group: GroupId,
        /// Agents who join.
        agents: u32,
        /// Time until they are on duty.
        lead: SimDuration,
    },
    /// Contacts of every type arrive at `percent` % of the plan for `duration` (a volume
    /// spike; 100 is the plan). Overlapping surges multiply. Arrivals stay a Poisson
    /// process: the pending arrivals are redrawn at the new rate, which memorylessness
    /// makes exact.
    Surge {
        /// Arrival rate as a percentage of the plan.
        percent: u32,
        /// How long it lasts.
        duration: SimDuration,
    },
    /// The phone system is down for `duration`: no agent starts a new contact, calls in
    /// progress finish, callers wait (and those with limited patience hang up).
    Outage {
        /// How long it lasts.
        duration: SimDuration,
    },
    /// Move the group's planned shifts by `minutes` (positive: later, negative: earlier)
    /// from now on: its planned staffing at time t becomes the plan's at t − minutes.
    /// Moves add up.
    MoveShifts {
        /// The group.
        group: GroupId,
        /// Minutes later (negative: earlier).
        minutes: i32,
    },
    /// Route with another built-in policy from now on.
    SetRouting {
        /// The policy.
        routing: Routing,
    },
    /// Offer callbacks to callers of every inbound voice or chat type whose expected wait exceeds
    /// `offer_after` (`None`: stop offering them; callbacks already promised are still
    /// made). Take-up and mode are the scenario's for the type (also after callbacks were
    /// switched off and on again); a type without a callback set-up in the scenario gets
    /// keep-place callbacks taken by 60 % of the callers offered one.
    Callbacks {
        /// The expected wait above which a callback is offered.
        offer_after: Option<SimDuration>,
    },
    /// Switch the scenario's screen pop on or off (nothing changes if it has none): talk
    /// times of contacts answered from now on are cut by its share, or not, and its cost
    /// per day is paid for the time it is on.
    ScreenPop {
        /// On from now on.
        on: bool,
    },
    /// Switch the IVR's self-service on or off for every contact type with an IVR (off:
    /// callers still go through the menu, then all reach the agents; on: the scenario's
    /// self-service shares).
    IvrSelfService {
        /// On from now on.
        on: bool,
    },
    /// Announce (or stop announcing) the expected wait to callers who join a queue, for
    /// the contact types whose scenario sets up announcements (their share of informed
    /// callers and patience factor); types without a set-up are not affected.
    Announcements {
        /// Announce from now on.
        on: bool,
    },
    /// Change the group's blending rule: outbound work only while more than `keep_idle`
    /// of its agents are idle, nobody waits inbound and (if given) the current interval's
    /// inbound service level is at least `min_service_level_percent` %.
    Blend {
        /// The group.
        group: GroupId,
        /// Agents kept idle for inbound.
        keep_idle: u32,
        /// The inbound service-level floor, in percent (`None`: none).
        min_service_level_percent: Option<u32>,
    },
    /// Pause (`on = false`) or resume every campaign's dialer: no new dials while paused;
    /// calls already placed end as they would.
    Dialing {
        /// Dial from now on.
        on: bool,
    },
    /// Cap the occupancy of the group's agents at `percent` % (`None`: no cap) for the
    /// contacts they start from now on: after each one, a paid breather of
    /// (100 / percent − 1) times its handling time (see `AgentGroup::occupancy_cap`).
    OccupancyCap {
        /// The group.
        group: GroupId,
        /// The cap, 30 to 100 % (values outside are clamped; 100: no cap).
        percent: Option<u32>,
    },
    /// Make the group an overflow group taking contacts that have waited `after` (0: a
    /// primary group, at once).
    Overflow {
        /// The group.
        group: GroupId,
        /// The wait after which it takes contacts.
        after: SimDuration,
    },
}

/// An action an intervention set up for later.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Deferred {
    /// Change a group's staffing by `delta` (a hire arriving).
    Agents { group: u16, delta: i32 },
    /// Surge `k` ends.
    SurgeEnd(usize),
    /// An outage may have ended: give waiting contacts to idle agents.
    Resume,
    /// The window closes: the email backlog is taken, the campaigns' state recorded
    /// (scheduled first of all events at that time).
    Close,
    /// A reporting interval begins: the dialers dial for the agents the blending rules
    /// free now (a calendar event, so that stepping never changes a run).
    Wake,
}

/// An intervention and the simulated time at which it was applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedIntervention {
    /// When, µs since the start of the simulation.
    pub at: SimTime,
    /// What.
    pub intervention: Intervention,
}

/// An intervention that does not fit the scenario.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InterventionError {
    /// The group index is out of range.
    #[error("there is no agent group {0}")]
    NoSuchGroup(u16),
    /// Replaying a log whose times go backwards.
    #[error("intervention at {at:?} is earlier than the simulation's time {now:?}")]
    InThePast {
        /// The logged time.
        at: SimTime,
        /// The simulation's time.
        now: SimTime,
    },
}

/// What an agent is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    Off,
    Idle,
    Busy,
}

#[derive(Clone, Debug)]
pub(crate) struct Agent {
    pub group: u16,
    pub status: Status,
    pub leaving: bool,
    pub contact_type: u16,
    pub idle_since: SimTime,
    pub busy_since: SimTime,
    pub talk_end: SimTime,
    pub busy_end: SimTime,
    /// The end of the breather after `busy_end` an occupancy cap gives (= `busy_end`
    /// without one).
    pub rest_end: SimTime,
    /// What happens to the contact when the agent is done with it.
    follow: Follow,
    /// Chats held now.
    pub chats: u32,
}

/// What becomes of a contact after its service.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Follow {
    /// Resolved.
    Done,
    /// Transferred to another contact type's queue; a misrouted call carries the talk and
    /// wrap-up it came with.
    Transfer {
        to: u16,
        carried: Option<(SimDuration, SimDuration)>,
    },
    /// Not resolved: the customer calls again later.
    Repeat(u16),
}

/// How a leg of a contact came to be offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    New,
    Redial,
    Repeat,
    Transfer,
    /// Carried in from the day before (a multi-day run's backlog).
    Carried,
}

/// Where a contact held in the contact table is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    /// In a queue.
    Waiting,
    /// Waiting for a quiet-time callback (or a voicemail), in the type's callback list.
    Callback,
    /// In the IVR until its `Ready` event.
    Ivr,
    /// A redial or repeat call not yet made (its `Ready` event).
    Later,
}

#[derive(Clone, Debug)]
pub(crate) struct Contact {
    /// The queue it waits in.
    pub contact_type: u16,
    /// The leg as known so far (type counted, times drawn, origin).
    leg: Leg,
    pub stage: Stage,
    abandon: Option<EventKey>,
    /// The pending overflow timer.
    overflow: Option<EventKey>,
    /// Overflow delays of its type already passed.
    overflow_stage: u8,
    pub prev: u32,
    pub next: u32,
}

impl Contact {
    /// When it joined the queue.
    pub fn arrived(&self) -> SimTime {
        self.leg.arrived
    }
    /// Offered in the measured window.
    pub fn in_window(&self) -> bool {
        self.leg.interval != NIL
    }
}

/// One leg of a contact: from joining a queue (or the IVR) to the end of its service.
#[derive(Clone, Copy, Debug)]
struct Leg {
    /// The queue it waits in (differs from `counted` for a misrouted call).
    queue: u16,
    /// The contact type whose counters it counts in.
    counted: u16,
    origin: Origin,
    /// Reporting interval of the leg's arrival (`NIL`: outside the measured window).
    interval: u32,
    /// When it joined the queue (waits count from here).
    arrived: SimTime,
    seq: u64,
    talk: SimDuration,
    wrap: SimDuration,
    patience: Option<SimDuration>,
    /// Waiting for a callback (it never abandons; counted apart when served).
    callback: bool,
}

/// Waiting contacts of one type, oldest first: an intrusive list through the contacts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Queue {
    pub head: u32,
    pub tail: u32,
    pub len: u32,
}

impl Queue {
    const EMPTY: Queue = Queue {
        head: NIL,
        tail: NIL,
        len: 0,
    };
}

#[derive(Debug)]
struct Arrivals {
    stream: Stream,
    /// Rate per µs in the warm-up.
    warmup_rate: f64,
    /// Rates per µs, one per period from the window start; the last holds after.
    rates: Vec<f64>,
    /// Mean gaps (1 / rate, µs) for the same periods: the hot path multiplies.
    gaps: Vec<f64>,
    warmup_gap: f64,
    period_us: u64,
}

#[derive(Debug)]
pub(crate) struct TypeState {
    arrivals: Arrivals,
    handle: Dist,
    handle_stream: Stream,
    wrap: Option<Dist>,
    wrap_stream: Stream,
    patience: Option<Dist>,
    patience_stream: Stream,
    balk_stream: Stream,
    redial_stream: Stream,
    announce_stream: Stream,
    resolution_stream: Stream,
    transfer_stream: Stream,
    ivr_stream: Stream,
    legs_stream: Stream,
    callback_stream: Stream,
    pub priority: i32,
    pub queue: Queue,
    /// Quiet-time callbacks and voicemails, oldest first.
    pub callbacks: Queue,
    /// Groups with this skill.
    groups: Vec<u16>,
    /// The distinct positive overflow delays of those groups, shortest first.
    overflow_delays: Vec<SimDuration>,
    /// Mean talk + wrap-up, µs: the expected-wait estimate for callback offers.
    mean_busy_us: f64,
    /// Answered contacts may be transferred or call again (the type has a transfer or a
    /// resolution rate): the hot path skips both otherwise.
    follows: bool,
    /// Its service-level threshold.
    pub threshold: SimDuration,
    /// Chats an agent holds at once (1: one contact per agent, as voice).
    pub concurrency: u32,
    /// Chat handle-time growth per other chat open.
    stretch: f64,
    /// An email type: its waiting contacts become the backlog when the window closes.
    email: bool,
    /// An outbound campaign (its dialer is in `Simulation::dialers`).
    outbound: bool,
}

#[derive(Debug)]
pub(crate) struct GroupState {
    plan: Profile<u32>,
    override_agents: Option<u32>,
    delta: i64,
    /// Idle agents, longest idle first.
    pub idle: VecDeque<u32>,
    pub members: Vec<u32>,
    /// Agents on duty, leaving ones included.
    pub on_duty: u32,
    pub leaving: u32,
    on_duty_since: SimTime,
    /// Talk-time multiplier per contact type (empty: all 1).
    talk_factor: Vec<f64>,
    /// Shift moves: the plan is read at `now - plan_offset_us`.
    plan_offset_us: i64,
    /// Bumped by each shift move; staffing events of older generations are ignored.
    staffing_generation: u16,
    /// Contact types this group serves, by priority (highest first), then type order.
    types: Vec<u16>,
    /// It takes contacts that have waited at least this long (an overflow group).
    overflow_after: SimDuration,
    /// Agents paid per period, if it differs from `plan` (breaks).
    paid_plan: Option<Profile<u32>>,
    /// The planned agents who showed up today (1 − the day's absentees) times the share
    /// of their time on the phones (1 − shrinkage): the plan's multiplier.
    on_phone_factor: f64,
    /// The share of planned agents who showed up today.
    show: f64,
    /// Agents the plan pays now: the target on the phones and those off them by the
    /// plan (breaks, shrinkage). Agents on duty beyond it are on overtime.
    paid_target: u32,
    /// Since when `paid_target` and `on_duty` have held (for the paid-time integral).
    paid_since: SimTime,
    /// Agents holding chats (and maybe room for more).
    pub chat_open: Vec<u32>,
    /// The most chats an agent holds at once: the highest concurrency of its skills.
    chat_capacity: u32,
    /// The campaigns among its skills.
    outbound: Vec<u16>,
    /// The breather after each contact, as a share of its handling time: 1 / cap − 1
    /// (0: no occupancy cap).
    rest_factor: f64,
}

/// The outcome of one replication: its statistics and the interventions applied.
#[derive(Clone, Debug, PartialEq)]
pub struct RunResult {
    /// Counters per interval, type and group.
    pub stats: RunStats,
    /// Interventions in the order applied.
    pub log: Vec<LoggedIntervention>,
    /// The backlog when the window closed: each email still waiting (its type and age),
    /// to carry into a next day ([`Simulation::new_day`]).
    pub backlog: Vec<(TypeId, SimDuration)>,
}

/// The breather after a contact as a share of its handling time under an occupancy cap.
fn rest_factor(cap: Option<f64>) -> f64 {
    match cap {
        Some(c) if c > 0.0 && c < 1.0 => 1.0 / c - 1.0,
        _ => 0.0,
    }
}

/// One logged arrival of a trace-driven run ([`Simulation::new_scripted`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScriptedArrival {
    /// When it arrives (from the start of the simulation; the warm-up counts).
    pub at: SimTime,
    /// Its talk time, if the log has it (else drawn from the type's distribution).
    pub talk: Option<SimDuration>,
    /// Its patience, if the log has it (e.g. a caller who hung up; else drawn).
    pub patience: Option<SimDuration>,
}

/// A type's scripted arrivals and the next one to come.
#[derive(Clone, Debug)]
struct Script {
    arrivals: Vec<ScriptedArrival>,
    next: usize,
}

/// One replication of a scenario, advanced step by step.
#[derive(Debug)]
pub struct Simulation {
    pub(crate) scenario: Scenario,
    seed: u64,
    replication: u32,
    pub(crate) now: SimTime,
    pub(crate) window_start: SimTime,
    window_end: SimTime,
    cal: Calendar<Event>,
    pub(crate) types: Vec<TypeState>,
    pub(crate) groups: Vec<GroupState>,
    pub(crate) agents: Vec<Agent>,
    pub(crate) contacts: Vec<Contact>,
    free_contacts: Vec<u32>,
    next_contact_seq: u64,
    pub(crate) stats: RunStats,
    routing: Box<dyn RoutingPolicy>,
    log: Vec<LoggedIntervention>,
    group_buf: Vec<GroupCandidate>,
    queue_buf: Vec<QueueCandidate>,
    /// The reporting interval containing `now` (`NIL` outside the window) and the time at
    /// which that changes: kept up to date in `step`, so the hot path never divides.
    cur_interval: u32,
    next_boundary: SimTime,
    /// The event log, when enabled.
    trace: Option<Vec<TraceEvent>>,
    /// Actions set up by interventions, indexed by [`Event::Deferred`].
    deferred: Vec<Deferred>,
    /// Arrival-rate factors of the surges, `None` once over; arrivals run at the product.
    surges: Vec<Option<f64>>,
    pub(crate) arrival_factor: f64,
    /// No agent starts a contact before this time (a system outage).
    pub(crate) outage_until: SimTime,
    /// Set when the run is being closed: no more redials or repeat calls.
    closed: bool,
    /// Contacts offered in the window that are in the IVR now.
    pub(crate) in_ivr: u64,
    /// Contacts offered in the window in a callback list now (quiet-time callbacks and
    /// voicemails; keep-place callbacks wait in their queue).
    pub(crate) callbacks_pending: u64,
    /// Contacts in the callback lists now (any window).
    callbacks_pending_all: u64,
    /// Each type's callback take-up and mode as the scenario set them (or keep-place
    /// callbacks taken by 60 %): what callbacks switched on mid-day use.
    callback_setup: Vec<(f64, CallbackMode)>,
    /// Each type's IVR self-service share as the scenario set it up.
    self_service_setup: Vec<f64>,
    /// The scenario's screen pop, and since when it is switched off (if it is).
    screen_pop_setup: Option<crate::scenario::ScreenPop>,
    screen_pop_off_since: Option<SimTime>,
    /// Each type's announcement as the scenario set it up: what announcements switched
    /// on mid-day use.
    announcement_setup: Vec<Option<crate::scenario::Announcement>>,
    /// Chats held now, by session, and the free sessions.
    chats: Vec<channels::ChatSession>,
    free_chats: Vec<u32>,
    /// Dials waiting for their outcome, and the free slots.
    dials: Vec<channels::Dial>,
    free_dials: Vec<u32>,
    /// Per contact type: its dialer, if it is an outbound campaign.
    pub(crate) dialers: Vec<Option<channels::Dialer>>,
    /// The email backlog was taken when the window closed.
    backlog_closed: bool,
    /// Every dialer is paused ([`Intervention::Dialing`]).
    pub(crate) dialing_paused: bool,
    /// Per contact type, the scripted arrivals of a trace-driven run (empty: none).
    scripts: Vec<Option<Script>>,
    /// The backlog (type, age at the close) for a next day.
    carry_out: Vec<(u16, SimDuration)>,
    /// Ages at the start of the day of the contacts carried in, by sequence number.
    carried_ages: Vec<SimDuration>,
}

impl Simulation {
    /// Replication 0 of `scenario` with `seed`. The scenario must be valid (parsed
    /// scenarios are; see [`Scenario::validate`] for ones built in code).
    pub fn new(scenario: &Scenario, seed: u64) -> Self {
        Self::new_replication(scenario, seed, 0)
    }

    /// A trace-driven run: the contact types with a script (`scripts[t]`, sorted by time)
    /// get exactly those arrivals, with the logged talk times and patience where given;
    /// the other types, and everything else, run as in [`Simulation::new_replication`].
    /// Surges do not change scripted arrivals.
    ///
    /// ```
    /// use sim_core::{Simulation, engine::ScriptedArrival, scenario::Scenario, dist::Dist};
    /// use sim_core::time::{SimDuration, SimTime};
    /// let s = Scenario::single_queue(100.0, Dist::exponential(60.0), None, 1, SimDuration::from_hours(1));
    /// let at = |m: u64| SimTime::ZERO + SimDuration::from_mins(m);
    /// let script = vec![
    ///     ScriptedArrival { at: at(1), talk: Some(SimDuration::from_mins(5)), patience: None },
    ///     ScriptedArrival { at: at(2), talk: Some(SimDuration::from_mins(1)), patience: None },
    /// ];
    /// let r = Simulation::new_scripted(&s, 1, 0, vec![Some(script)]).finish();
    /// let k = sim_core::report::RunKpis::of(&r.stats, &s);
    /// assert_eq!(k.summary.offered, 2.0);
    /// assert_eq!(k.summary.asa_s, 120.0); // the second waits 4 minutes for the only agent
    /// ```
    pub fn new_scripted(
        scenario: &Scenario,
        seed: u64,
        replication: u32,
        scripts: Vec<Option<Vec<ScriptedArrival>>>,
    ) -> Self {
        let mut sim = Self::new_replication(scenario, seed, replication);
        let n = sim.types.len();
        sim.scripts = scripts
            .into_iter()
            .take(n)
            .map(|s| {
                s.map(|mut arrivals| {
                    arrivals.sort_by_key(|a| a.at);
                    Script { arrivals, next: 0 }
                })
            })
            .collect();
        sim.cal
            .retain_side(|e: Event| !matches!(e, Event::Arrival(_)));
        for t in 0..n {
            if let Some(at) = sim.next_arrival(t, SimTime::ZERO) {
                sim.cal.schedule_side(at, Event::Arrival(t as u16));
            }
        }
        sim
    }

    /// Replication `replication` of `scenario` with `seed`: its own random streams.
    pub fn new_replication(scenario: &Scenario, seed: u64, replication: u32) -> Self {
        debug_assert!(scenario.validate().is_ok(), "{:?}", scenario.validate());
        let window_start = SimTime::ZERO + scenario.warmup;
        let window_end = window_start + scenario.horizon;
        let n_intervals = scenario.interval_count();
        let stats = RunStats::new(
            scenario.contact_types.len(),
            scenario.agent_groups.len(),
            n_intervals,
            window_start,
            window_end,
            scenario.interval.0.max(1),
        );
        let per_us = |per_hour: f64| per_hour / 3_600e6;
        let types = scenario
            .contact_types
            .iter()
            .enumerate()
            .map(|(i, ct)| TypeState {
                arrivals: Arrivals {
                    stream: Stream::new(seed, replication, StreamId::arrivals(i)),
                    warmup_rate: per_us(ct.arrivals.values[0]),
                    rates: ct.arrivals.values.iter().map(|&r| per_us(r)).collect(),
                    gaps: ct
                        .arrivals
                        .values
                        .iter()
                        .map(|&r| 1.0 / per_us(r))
                        .collect(),
                    warmup_gap: 1.0 / per_us(ct.arrivals.values[0]),
                    period_us: ct.arrivals.period.0.max(1),
                },
                handle: ct.handle_time.clone(),
                handle_stream: Stream::new(seed, replication, StreamId::handle_time(i)),
                wrap: ct.wrap_up.clone(),
                wrap_stream: Stream::new(seed, replication, StreamId::wrap_up(i)),
                patience: ct.patience.clone(),
                patience_stream: Stream::new(seed, replication, StreamId::patience(i)),
                balk_stream: Stream::new(seed, replication, StreamId::balking(i)),
                redial_stream: Stream::new(seed, replication, StreamId::redial(i)),
                announce_stream: Stream::new(seed, replication, StreamId::announcement(i)),
                resolution_stream: Stream::new(seed, replication, StreamId::resolution(i)),
                transfer_stream: Stream::new(seed, replication, StreamId::transfer(i)),
                ivr_stream: Stream::new(seed, replication, StreamId::ivr(i)),
                legs_stream: Stream::new(seed, replication, StreamId::legs(i)),
                callback_stream: Stream::new(seed, replication, StreamId::callback(i)),
                priority: ct.priority,
                queue: Queue::EMPTY,
                callbacks: Queue::EMPTY,
                overflow_delays: {
                    let mut d: Vec<SimDuration> = scenario
                        .agent_groups
                        .iter()
                        .filter(|g| g.skills.contains(&TypeId(i as u16)))
                        .map(|g| g.overflow_after)
                        .filter(|d| *d > SimDuration::ZERO)
                        .collect();
                    d.sort();
                    d.dedup();
                    d
                },
                follows: ct.transfer.is_some() || ct.resolution.is_some(),
                threshold: ct.threshold.unwrap_or(scenario.service_level.threshold),
                concurrency: ct.channel.concurrency(),
                stretch: match &ct.channel {
                    crate::scenario::Channel::Chat(c) => c.stretch,
                    _ => 0.0,
                },
                email: ct.channel == crate::scenario::Channel::Email,
                outbound: ct.channel.campaign().is_some(),
                mean_busy_us: (ct.handle_time.mean_secs()
                    + ct.wrap_up.as_ref().map_or(0.0, |w| w.mean_secs()))
                    * 1e6,
                groups: scenario
                    .agent_groups
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| g.skills.contains(&TypeId(i as u16)))
                    .map(|(gi, _)| gi as u16)
                    .collect(),
            })
            .collect();
        let groups = scenario
            .agent_groups
            .iter()
            .map(|g| {
                let mut types: Vec<u16> = g.skills.iter().map(|t| t.0).collect();
                types.sort_by_key(|&t| {
                    (
                        std::cmp::Reverse(scenario.contact_types[t as usize].priority),
                        t,
                    )
                });
                GroupState {
                    plan: g.staffing.clone(),
                    override_agents: None,
                    delta: 0,
                    idle: VecDeque::new(),
                    members: Vec::new(),
                    on_duty: 0,
                    leaving: 0,
                    on_duty_since: SimTime::ZERO,
                    talk_factor: talk_factors(
                        g,
                        scenario.screen_pop.as_ref(),
                        scenario.contact_types.len(),
                    ),
                    plan_offset_us: 0,
                    staffing_generation: 0,
                    types,
                    overflow_after: g.overflow_after,
                    paid_plan: g.paid.clone(),
                    on_phone_factor: 1.0,
                    show: 1.0,
                    paid_target: 0,
                    paid_since: SimTime::ZERO,
                    chat_open: Vec::new(),
                    rest_factor: rest_factor(g.occupancy_cap),
                    chat_capacity: g
                        .skills
                        .iter()
                        .map(|t| scenario.contact_types[t.0 as usize].channel.concurrency())
                        .max()
                        .unwrap_or(1),
                    outbound: g
                        .skills
                        .iter()
                        .filter(|t| {
                            scenario.contact_types[t.0 as usize]
                                .channel
                                .campaign()
                                .is_some()
                        })
                        .map(|t| t.0)
                        .collect(),
                }
            })
            .collect();
        let mut sim = Simulation {
            scenario: scenario.clone(),
            seed,
            replication,
            now: SimTime::ZERO,
            window_start,
            window_end,
            cal: Calendar::new(),
            types,
            groups,
            agents: Vec::new(),
            contacts: Vec::new(),
            free_contacts: Vec::new(),
            next_contact_seq: 0,
            stats,
            routing: scenario.routing.policy(),
            log: Vec::new(),
            group_buf: Vec::new(),
            queue_buf: Vec::new(),
            cur_interval: NIL,
            next_boundary: SimTime::ZERO,
            trace: None,
            deferred: Vec::new(),
            surges: Vec::new(),
            arrival_factor: 1.0,
            outage_until: SimTime::ZERO,
            closed: false,
            in_ivr: 0,
            callbacks_pending: 0,
            callbacks_pending_all: 0,
            self_service_setup: scenario
                .contact_types
                .iter()
                .map(|ct| ct.ivr.as_ref().map_or(0.0, |v| v.self_service))
                .collect(),
            screen_pop_setup: scenario.screen_pop.clone(),
            screen_pop_off_since: None,
            announcement_setup: scenario
                .contact_types
                .iter()
                .map(|ct| ct.announcement.clone())
                .collect(),
            chats: Vec::new(),
            free_chats: Vec::new(),
            dials: Vec::new(),
            free_dials: Vec::new(),
            dialers: channels::dialers(scenario, seed, replication),
            backlog_closed: false,
            dialing_paused: false,
            scripts: Vec::new(),
            carry_out: Vec::new(),
            carried_ages: Vec::new(),
            callback_setup: scenario
                .contact_types
                .iter()
                .map(|ct| {
                    ct.callback
                        .as_ref()
                        .map_or((0.6, CallbackMode::KeepPlace), |c| (c.accept, c.mode))
                })
                .collect(),
        };
        sim.track_interval();
        // The close of the window, before anything else that happens then.
        if sim.types.iter().any(|t| t.email || t.outbound) {
            sim.deferred.push(Deferred::Close);
            sim.cal.schedule(window_end, Event::Deferred(0));
        }
        if sim.types.iter().any(|t| t.outbound) {
            let k = sim.deferred.len() as u32;
            sim.deferred.push(Deferred::Wake);
            sim.cal.schedule(window_start, Event::Deferred(k));
        }
        for (g, group) in scenario.agent_groups.iter().enumerate() {
            let show = absentee_draw(
                group,
                Stream::new(seed, replication, StreamId::absenteeism(g)),
            );
            let gs = &mut sim.groups[g];
            gs.show = show;
            gs.on_phone_factor = show * (1.0 - group.shrinkage);
        }
        for t in 0..sim.types.len() {
            if let Some(at) = sim.next_arrival(t, SimTime::ZERO) {
                sim.cal.schedule_side(at, Event::Arrival(t as u16));
            }
        }
        for g in 0..sim.groups.len() {
            sim.adjust_staffing(g);
            sim.schedule_next_staffing(g);
        }
        sim
    }

    /// Replication `replication` of a day that starts with `carried` contacts waiting
    /// (the day before's backlog: each contact type and its age at the start): they are
    /// served in turn, not counted as offered again, and their response time (age
    /// included) is counted in [`crate::stats::ChannelCounts`]'s `carried_*`.
    pub fn new_day(
        scenario: &Scenario,
        seed: u64,
        replication: u32,
        carried: &[(TypeId, SimDuration)],
    ) -> Self {
        let mut sim = Self::new_replication(scenario, seed, replication);
        let carried: Vec<(u16, SimDuration)> = carried
            .iter()
            .filter(|(t, _)| (t.0 as usize) < sim.types.len())
            .map(|&(t, age)| (t.0, age))
            .collect();
        sim.carry_in(&carried);
        sim
    }

    /// Starts recording the event log ([`crate::trace`]): first the agents on duty now
    /// (`agent_on`, then `agent_idle` or `agent_leaving` as they are), then every event.
    /// Enabled right after [`Simulation::new`], it logs the whole run.
    pub fn enable_trace(&mut self) {
        if self.trace.is_some() {
            return;
        }
        self.trace = Some(Vec::new());
        for a in 0..self.agents.len() as u32 {
            let agent = &self.agents[a as usize];
            let (status, leaving) = (agent.status, agent.leaving);
            if status == Status::Off {
                continue;
            }
            self.record_agent(TraceKind::AgentOn, a);
            match status {
                Status::Idle => self.record_agent(TraceKind::AgentIdle, a),
                _ if leaving => self.record_agent(TraceKind::AgentLeaving, a),
                _ => {}
            }
        }
    }

    /// Takes the events recorded since the last call.
    pub fn drain_trace(&mut self) -> Vec<TraceEvent> {
        self.trace.as_mut().map(std::mem::take).unwrap_or_default()
    }

    #[inline]
    fn record(&mut self, event: TraceKind, fill: impl FnOnce(&mut TraceEvent)) {
        if let Some(log) = &mut self.trace {
            let mut e = TraceEvent::new(self.now.as_secs_f64(), event);
            fill(&mut e);
            log.push(e);
        }
    }

    fn record_agent(&mut self, event: TraceKind, a: u32) {
        let group = self.agents[a as usize].group;
        self.record(event, |e| {
            e.agent = Some(a);
            e.group = Some(group);
        });
    }

    /// Replaces the routing policy (from now on).
    pub fn set_routing(&mut self, policy: Box<dyn RoutingPolicy>) {
        self.routing = policy;
    }

    /// The current simulated time.
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// The seed this run was built with.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The replication index.
    pub fn replication(&self) -> u32 {
        self.replication
    }

    /// The scenario being simulated.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Start and end of the measured window.
    pub fn window(&self) -> (SimTime, SimTime) {
        (self.window_start, self.window_end)
    }

    /// Whether the dialers are paused ([`Intervention::Dialing`]).
    pub fn dialing_paused(&self) -> bool {
        self.dialing_paused
    }

    /// The interventions applied so far.
    pub fn log(&self) -> &[LoggedIntervention] {
        &self.log
    }

    /// Counters so far.
    pub fn stats(&self) -> &RunStats {
        &self.stats
    }

    /// Number of pending events (arrivals, completions, abandonment timers, staffing).
    pub fn pending_events(&self) -> usize {
        self.cal.len()
    }

    /// True when nothing is left to happen: the window is over and the run has drained.
    pub fn is_finished(&self) -> bool {
        self.cal.is_empty()
    }

    /// A view of the current state, borrowed (nothing is copied).
    pub fn snapshot(&self) -> Snapshot<'_> {
        Snapshot::new(self)
    }

    /// Handles the next event. Returns false when nothing is left to happen.
    #[inline]
    pub fn step(&mut self) -> bool {
        let Some((t, ev)) = self.cal.pop() else {
            return false;
        };
        debug_assert!(t >= self.now, "time went backwards");
        self.now = t;
        if t >= self.next_boundary {
            self.track_interval();
        }
        self.stats.events += 1;
        match ev {
            Event::Arrival(ty) => self.on_arrival(ty as usize),
            Event::AgentFree(a) => self.on_agent_free(a),
            Event::Abandon(c) => self.on_abandon(c),
            Event::Staffing(g, generation) => {
                if generation == self.groups[g as usize].staffing_generation {
                    self.adjust_staffing(g as usize);
                    self.schedule_next_staffing(g as usize);
                }
            }
            Event::Deferred(k) => self.on_deferred(k as usize),
            Event::Ready(c) => self.on_ready(c),
            Event::Overflow(c) => self.on_overflow(c),
            Event::ChatEnd(s) => self.on_chat_end(s),
            Event::DialEnd(k) => self.on_dial_end(k),
        }
        true
    }

    /// Handles every event up to and including time `t`, then sets the clock to `t`
    /// (if `t` is later than the last event).
    pub fn run_until(&mut self, t: SimTime) {
        while let Some(next) = self.cal.peek_time() {
            if next > t {
                break;
            }
            self.step();
        }
        if t > self.now && t != SimTime::NEVER {
            self.now = t;
            if t >= self.next_boundary {
                self.track_interval();
            }
        }
    }

    /// Recomputes the interval containing `now` and the next boundary.
    fn track_interval(&mut self) {
        match self.stats.interval_of(self.now) {
            Some(i) => {
                self.cur_interval = i as u32;
                self.next_boundary = self.stats.interval_bounds(i).1;
            }
            None if self.now < self.window_start => {
                self.cur_interval = NIL;
                self.next_boundary = self.window_start;
            }
            None => {
                self.cur_interval = NIL;
                self.next_boundary = SimTime::NEVER;
            }
        }
    }

    /// Applies an intervention now, and logs it.
    pub fn apply(&mut self, iv: Intervention) -> Result<(), InterventionError> {
        match &iv {
            Intervention::SetAgents { group, .. }
            | Intervention::AddAgents { group, .. }
            | Intervention::Hire { group, .. }
            | Intervention::MoveShifts { group, .. }
            | Intervention::Overflow { group, .. }
            | Intervention::Blend { group, .. }
            | Intervention::OccupancyCap { group, .. }
                if group.0 as usize >= self.groups.len() =>
            {
                return Err(InterventionError::NoSuchGroup(group.0));
            }
            _ => {}
        }
        match iv {
            Intervention::SetAgents { group, agents } => {
                let gs = &mut self.groups[group.0 as usize];
                gs.override_agents = Some(agents);
                gs.delta = 0;
                self.adjust_staffing(group.0 as usize);
            }
            Intervention::AddAgents { group, delta } => {
                self.groups[group.0 as usize].delta += delta as i64;
                self.adjust_staffing(group.0 as usize);
            }
            Intervention::Hire {
                group,
                agents,
                lead,
            } => {
                let delta = agents.min(i32::MAX as u32) as i32;
                self.defer(
                    lead,
                    Deferred::Agents {
                        group: group.0,
                        delta,
                    },
                );
            }
            Intervention::Surge { percent, duration } => {
                self.surges.push(Some(percent as f64 / 100.0));
                self.defer(duration, Deferred::SurgeEnd(self.surges.len() - 1));
                self.rescale_arrivals();
            }
            Intervention::Outage { duration } => {
                self.outage_until = self.outage_until.max(self.now + duration);
                self.defer(duration, Deferred::Resume);
            }
            Intervention::MoveShifts { group, minutes } => {
                let g = group.0 as usize;
                let gs = &mut self.groups[g];
                gs.plan_offset_us += minutes as i64 * 60_000_000;
                // The pending boundary event is now stale: a new generation replaces it.
                gs.staffing_generation = gs.staffing_generation.wrapping_add(1);
                self.adjust_staffing(g);
                self.schedule_next_staffing(g);
            }
            Intervention::SetRouting { routing } => {
                self.scenario.routing = routing;
                self.routing = routing.policy();
            }
            Intervention::Callbacks { offer_after } => {
                for (ct, &(accept, mode)) in self
                    .scenario
                    .contact_types
                    .iter_mut()
                    .zip(&self.callback_setup)
                {
                    // Callbacks are for callers waiting on the line: not for a campaign's
                    // callees or the email backlog.
                    if matches!(ct.channel, Channel::Outbound(_) | Channel::Email) {
                        continue;
                    }
                    ct.callback = offer_after.map(|offer_after| Callback {
                        offer_after,
                        accept,
                        mode,
                    });
                }
            }
            Intervention::IvrSelfService { on } => {
                for (ct, &share) in self
                    .scenario
                    .contact_types
                    .iter_mut()
                    .zip(&self.self_service_setup)
                {
                    if let Some(ivr) = &mut ct.ivr {
                        ivr.self_service = if on { share } else { 0.0 };
                    }
                }
            }
            Intervention::ScreenPop { on } => {
                if self.screen_pop_setup.is_some() {
                    match (on, self.screen_pop_off_since) {
                        (false, None) => self.screen_pop_off_since = Some(self.now),
                        (true, Some(since)) => {
                            self.stats.add_screen_pop_off(since, self.now);
                            self.screen_pop_off_since = None;
                        }
                        _ => {}
                    }
                    self.scenario.screen_pop = on.then(|| self.screen_pop_setup.clone()).flatten();
                    let n = self.scenario.contact_types.len();
                    for (gs, g) in self.groups.iter_mut().zip(&self.scenario.agent_groups) {
                        gs.talk_factor = talk_factors(g, self.scenario.screen_pop.as_ref(), n);
                    }
                }
            }
            Intervention::Announcements { on } => {
                for (ct, setup) in self
                    .scenario
                    .contact_types
                    .iter_mut()
                    .zip(&self.announcement_setup)
                {
                    ct.announcement = if on { setup.clone() } else { None };
                }
            }
            Intervention::Overflow { group, after } => {
                self.set_overflow(group.0 as usize, after);
            }
            Intervention::Blend {
                group,
                keep_idle,
                min_service_level_percent,
            } => {
                self.scenario.agent_groups[group.0 as usize].blend = crate::scenario::Blend {
                    keep_idle,
                    min_service_level: min_service_level_percent
                        .map(|p| f64::from(p.min(100)) / 100.0),
                };
                self.wake_dialers();
            }
            Intervention::Dialing { on } => {
                self.dialing_paused = !on;
                self.wake_dialers();
            }
            Intervention::OccupancyCap { group, percent } => {
                let cap = percent.map(|p| f64::from(p.clamp(30, 100)) / 100.0);
                let g = group.0 as usize;
                self.scenario.agent_groups[g].occupancy_cap = cap.filter(|&c| c < 1.0);
                self.groups[g].rest_factor = rest_factor(cap);
            }
        }
        self.log.push(LoggedIntervention {
            at: self.now,
            intervention: iv,
        });
        Ok(())
    }

    /// Runs to the end of the day, drains, and returns the results.
    pub fn finish(mut self) -> RunResult {
        while self.step() {}
        self.close_backlog();
        self.close_campaigns();
        self.closed = true;
        // Nothing can happen any more: contacts still waiting can never be answered.
        for t in 0..self.types.len() {
            while self.types[t].queue.head != NIL {
                let c = self.types[t].queue.head;
                self.stats.unserved += 1;
                self.abandon_contact(c);
            }
            while self.types[t].callbacks.head != NIL {
                let c = self.types[t].callbacks.head;
                self.stats.unserved += 1;
                self.abandon_contact(c);
            }
        }
        let end = self.now.max(self.window_end);
        for g in 0..self.groups.len() {
            let gs = &mut self.groups[g];
            self.stats.add_staffed(g, gs.on_duty, gs.on_duty_since, end);
            gs.on_duty_since = end;
        }
        for g in 0..self.groups.len() {
            self.account_paid(g, end);
        }
        if let Some(since) = self.screen_pop_off_since {
            self.stats.add_screen_pop_off(since, end);
        }
        RunResult {
            stats: self.stats,
            log: self.log,
            backlog: self
                .carry_out
                .iter()
                .map(|&(t, age)| (TypeId(t), age))
                .collect(),
        }
    }

    /// Rebuilds a run from its intervention log: same scenario, seed, replication and
    /// log give the same result.
    pub fn replay(
        scenario: &Scenario,
        seed: u64,
        replication: u32,
        log: &[LoggedIntervention],
    ) -> Result<RunResult, InterventionError> {
        let mut sim = Simulation::new_replication(scenario, seed, replication);
        for entry in log {
            if entry.at < sim.now {
                return Err(InterventionError::InThePast {
                    at: entry.at,
                    now: sim.now,
                });
            }
            sim.run_until(entry.at);
            sim.apply(entry.intervention.clone())?;
        }
        Ok(sim.finish())
    }

    // ----- arrivals -------------------------------------------------------------------

    /// The next arrival of type `t` after `from`: inversion of the piecewise-constant
    /// cumulative rate, exact across period boundaries (a short peak is never skipped).
    fn defer(&mut self, after: SimDuration, action: Deferred) {
        let k = self.deferred.len() as u32;
        self.deferred.push(action);
        self.cal.schedule(self.now + after, Event::Deferred(k));
    }

    fn on_deferred(&mut self, k: usize) {
        match self.deferred[k] {
            Deferred::Agents { group, delta } => {
                self.groups[group as usize].delta += delta as i64;
                self.adjust_staffing(group as usize);
            }
            Deferred::SurgeEnd(s) => {
                self.surges[s] = None;
                self.rescale_arrivals();
            }
            Deferred::Resume => {
                if self.now >= self.outage_until {
                    self.resume_after_outage();
                }
            }
            Deferred::Close => {
                self.close_backlog();
                self.close_campaigns();
            }
            Deferred::Wake => {
                self.wake_dialers();
                let next = self.now + self.scenario.interval;
                if next < self.window_end {
                    self.cal.schedule(next, Event::Deferred(k as u32));
                }
            }
        }
    }

    /// Sets the arrival factor to the product of the running surges and redraws each
    /// type's next arrival from now at the new rate.
    fn rescale_arrivals(&mut self) {
        self.arrival_factor = self.surges.iter().flatten().product();
        self.cal
            .retain_side(|e: Event| !matches!(e, Event::Arrival(_)));
        for t in 0..self.types.len() {
            if let Some(at) = self.next_arrival(t, self.now) {
                self.cal.schedule_side(at, Event::Arrival(t as u16));
            }
        }
    }

    /// Changes group `g`'s overflow delay: the types' delays are recomputed, the waiting
    /// contacts' timers re-armed, and the group's idle agents take what they now may.
    fn set_overflow(&mut self, g: usize, after: SimDuration) {
        self.groups[g].overflow_after = after;
        self.scenario.agent_groups[g].overflow_after = after;
        for t in 0..self.types.len() {
            let mut d: Vec<SimDuration> = self.types[t]
                .groups
                .iter()
                .map(|&g| self.groups[g as usize].overflow_after)
                .filter(|d| *d > SimDuration::ZERO)
                .collect();
            d.sort();
            d.dedup();
            self.types[t].overflow_delays = d;
            let mut c = self.types[t].queue.head;
            while c != NIL {
                let next = self.contacts[c as usize].next;
                if let Some(key) = self.contacts[c as usize].overflow.take() {
                    self.cal.cancel(key);
                }
                let waited = self.now - self.contacts[c as usize].leg.arrived;
                let stage = self.types[t]
                    .overflow_delays
                    .iter()
                    .position(|&d| d > waited)
                    .unwrap_or(self.types[t].overflow_delays.len());
                self.arm_overflow(c, stage as u8);
                c = next;
            }
        }
        self.resume_after_outage();
    }

    /// After an outage, idle agents take the waiting contacts, longest idle first.
    fn resume_after_outage(&mut self) {
        let mut idle: Vec<u32> = self
            .groups
            .iter()
            .flat_map(|g| g.idle.iter().copied())
            .collect();
        idle.sort_by_key(|&a| (self.agents[a as usize].idle_since, a));
        for a in idle {
            let g = self.agents[a as usize].group as usize;
            // Work it may take now (an overflow group: only contacts that waited enough).
            let ready = self.now.0.saturating_sub(self.groups[g].overflow_after.0);
            let has_work = self.groups[g].types.iter().any(|&t| {
                let ty = &self.types[t as usize];
                [&ty.queue, &ty.callbacks]
                    .iter()
                    .any(|q| q.len > 0 && self.contacts[q.head as usize].leg.arrived.0 <= ready)
            });
            if has_work && let Some(pos) = self.groups[g].idle.iter().position(|&x| x == a) {
                self.groups[g].idle.remove(pos);
                self.agent_available(a);
            }
        }
        // Agents holding chats take more; the dialers dial for the agents free now.
        let open: Vec<u32> = self
            .groups
            .iter()
            .flat_map(|g| g.chat_open.iter().copied())
            .collect();
        for a in open {
            self.fill_chats(a);
        }
        self.wake_dialers();
    }

    fn next_arrival(&mut self, t: usize, from: SimTime) -> Option<SimTime> {
        if let Some(script) = self.scripts.get(t).and_then(Option::as_ref) {
            // A trace-driven type: its next logged arrival, whatever the surges.
            return script
                .arrivals
                .get(script.next)
                .map(|a| a.at)
                .filter(|&at| at < self.window_end);
        }
        let ws = self.window_start.0;
        let we = self.window_end.0;
        let factor = self.arrival_factor;
        let a = &mut self.types[t].arrivals;
        let mut remaining = crate::ziggurat::exp1(&mut a.stream);
        if factor != 1.0 {
            if factor <= 0.0 {
                return None;
            }
            // A rate f·λ(t) over the segment is a unit-rate budget of `remaining / f`.
            remaining /= factor;
        }
        let mut now = from.0;
        if a.rates.len() == 1 && now >= ws {
            // One rate for the whole window: no segments to cross.
            if a.rates[0] <= 0.0 {
                return None;
            }
            let at = now.saturating_add((remaining * a.gaps[0] + 0.5) as u64);
            return (at < we).then_some(SimTime(at));
        }
        while now < we {
            let (rate, gap, seg_end) = if now < ws {
                (a.warmup_rate, a.warmup_gap, ws)
            } else {
                let k = (now - ws) / a.period_us;
                let end = ws
                    .saturating_add(k.saturating_add(1).saturating_mul(a.period_us))
                    .min(we);
                let k = (k as usize).min(a.rates.len() - 1);
                (a.rates[k], a.gaps[k], end)
            };
            let capacity = rate * (seg_end - now) as f64;
            if rate > 0.0 && remaining <= capacity {
                let at = (now + (remaining * gap + 0.5) as u64).min(seg_end);
                return (at < we).then_some(SimTime(at));
            }
            remaining -= capacity;
            now = seg_end;
        }
        None
    }

    fn on_arrival(&mut self, t: usize) {
        let now = self.now;
        let scripted = match self.scripts.get_mut(t).and_then(Option::as_mut) {
            Some(script) => {
                let e = script.arrivals[script.next];
                script.next += 1;
                Some(e)
            }
            None => None,
        };
        if let Some(at) = self.next_arrival(t, now) {
            self.cal.schedule_side(at, Event::Arrival(t as u16));
        }
        // Every customer draws talk, wrap-up and patience, served or not, from streams of
        // their own: common random numbers across staffing and routing changes.
        let ty = &mut self.types[t];
        let talk = ty.handle.sample(&mut ty.handle_stream);
        let wrap = match &ty.wrap {
            Some(d) => d.sample(&mut ty.wrap_stream),
            None => SimDuration::ZERO,
        };
        let patience = ty
            .patience
            .as_ref()
            .map(|d| d.sample(&mut ty.patience_stream));
        // A logged arrival keeps the log's own times where it has them (the draws are made
        // all the same, so the streams stay aligned).
        let (talk, patience) = match scripted {
            Some(e) => (e.talk.unwrap_or(talk), e.patience.or(patience)),
            None => (talk, patience),
        };
        self.enter(t, Origin::New, talk, wrap, patience);
    }

    /// A leg of type `t` is offered now: counted, then into the IVR or to the queue.
    #[inline]
    fn enter(
        &mut self,
        t: usize,
        origin: Origin,
        talk: SimDuration,
        wrap: SimDuration,
        patience: Option<SimDuration>,
    ) {
        self.stats.contacts_simulated += 1;
        let seq = self.next_contact_seq;
        self.next_contact_seq += 1;
        self.record(TraceKind::Arrival, |e| {
            e.contact = Some(seq);
            e.contact_type = Some(t as u16);
        });
        let interval = self.cur_interval;
        if interval != NIL {
            let cell = self.stats.cell_mut(interval as usize, t);
            cell.offered += 1;
            match origin {
                Origin::New | Origin::Carried => {}
                Origin::Redial => cell.redials += 1,
                Origin::Repeat => cell.repeats += 1,
                Origin::Transfer => cell.transfers += 1,
            }
        }
        let leg = Leg {
            queue: t as u16,
            counted: t as u16,
            origin,
            interval,
            arrived: self.now,
            seq,
            talk,
            wrap,
            patience,
            callback: false,
        };
        // Transfers go straight to the agents' queue; the others call the IVR first.
        if origin != Origin::Transfer
            && let Some(ivr) = &self.scenario.contact_types[t].ivr
        {
            let time = ivr.time.sample(&mut self.types[t].ivr_stream);
            if interval != NIL {
                self.stats.cell_mut(interval as usize, t).ivr_us += time.0 as u128;
                self.in_ivr += 1;
            }
            let c = self.alloc_contact(Contact {
                contact_type: t as u16,
                leg,
                stage: Stage::Ivr,
                abandon: None,
                overflow: None,
                overflow_stage: 0,
                prev: NIL,
                next: NIL,
            });
            self.cal.schedule(self.now + time, Event::Ready(c));
            return;
        }
        self.present(leg);
    }

    /// A contact leaves the IVR, or a redial or repeat call comes in.
    fn on_ready(&mut self, c: u32) {
        let contact = &self.contacts[c as usize];
        let (stage, mut leg) = (contact.stage, contact.leg);
        self.free_contacts.push(c);
        let t = leg.counted as usize;
        if stage == Stage::Later {
            // A redial or repeat: the same customer, with this call's own times.
            let ty = &mut self.types[t];
            let talk = ty.handle.sample(&mut ty.legs_stream);
            let wrap = match &ty.wrap {
                Some(d) => d.sample(&mut ty.legs_stream),
                None => SimDuration::ZERO,
            };
            let patience = ty.patience.as_ref().map(|d| d.sample(&mut ty.legs_stream));
            self.enter(t, leg.origin, talk, wrap, patience);
            return;
        }
        let Some(ivr) = &self.scenario.contact_types[t].ivr else {
            return;
        };
        if leg.interval != NIL {
            self.in_ivr -= 1;
        }
        let stream = &mut self.types[t].ivr_stream;
        let (served_by_ivr, wrong_choice) = (stream.uniform(), stream.uniform());
        if served_by_ivr < ivr.self_service {
            if leg.interval != NIL {
                self.stats.cell_mut(leg.interval as usize, t).ivr_resolved += 1;
            }
            return;
        }
        if wrong_choice < ivr.misroute {
            // The wrong menu option: the next contact type's queue (not a campaign's or
            // the email backlog).
            let n = self.types.len();
            if let Some(q) = (1..n)
                .map(|k| (t + k) % n)
                .find(|&q| !self.types[q].outbound && !self.types[q].email)
            {
                leg.queue = q as u16;
            }
        }
        leg.arrived = self.now;
        self.present(leg);
    }

    /// A leg reaches the agents' queue: the caller balks, is answered at once, or waits.
    #[inline]
    fn present(&mut self, leg: Leg) {
        let (q, t) = (leg.queue as usize, leg.counted as usize);
        let ct = &self.scenario.contact_types[t];
        if let Some(b) = &ct.balking {
            // One draw per caller, balking or not: the stream stays in step across what-ifs.
            let u = self.types[t].balk_stream.uniform();
            if self.types[q].queue.len >= b.queue && u < b.probability {
                if leg.interval != NIL {
                    self.stats.cell_mut(leg.interval as usize, t).balked += 1;
                }
                self.record(TraceKind::Abandon, |e| {
                    e.contact = Some(leg.seq);
                    e.contact_type = Some(t as u16);
                    e.wait_s = Some(0.0);
                });
                self.maybe_redial(t);
                return;
            }
        }
        if let Some(agent) = self.find_idle_agent(q, SimDuration::ZERO) {
            self.start_service(agent, leg);
            return;
        }
        if self.types[q].concurrency > 1
            && let Some(agent) = self.find_chat_slot(q, SimDuration::ZERO)
        {
            self.start_service(agent, leg);
            return;
        }
        let mut leg = leg;
        if let Some(cb) = &self.scenario.contact_types[t].callback
            && self.expected_wait(q) > cb.offer_after
            && self.types[t].callback_stream.uniform() < cb.accept
        {
            leg.callback = true;
            if cb.mode != CallbackMode::KeepPlace {
                let c = self.alloc_contact(Contact {
                    contact_type: q as u16,
                    leg,
                    stage: Stage::Callback,
                    abandon: None,
                    overflow: None,
                    overflow_stage: 0,
                    prev: NIL,
                    next: NIL,
                });
                if leg.interval != NIL {
                    self.callbacks_pending += 1;
                }
                self.enqueue(q, c, true);
                return;
            }
        }
        let mut patience = if leg.callback { None } else { leg.patience };
        let ct = &self.scenario.contact_types[t];
        if let (Some(p), Some(a)) = (patience, &ct.announcement) {
            let u = self.types[t].announce_stream.uniform();
            if u < a.share {
                patience = Some(SimDuration((p.0 as f64 * a.patience_factor + 0.5) as u64));
            }
        }
        let c = self.alloc_contact(Contact {
            contact_type: q as u16,
            leg,
            stage: Stage::Waiting,
            abandon: None,
            overflow: None,
            overflow_stage: 0,
            prev: NIL,
            next: NIL,
        });
        if let Some(p) = patience {
            let key = self
                .cal
                .schedule_cancellable(self.now + p, Event::Abandon(c));
            self.contacts[c as usize].abandon = Some(key);
        }
        self.arm_overflow(c, 0);
        self.enqueue(q, c, false);
    }

    /// The expected wait of a caller joining queue `q` now: callers ahead + 1, times the
    /// mean talk and wrap-up, over the agents on duty with the skill.
    fn expected_wait(&self, q: usize) -> SimDuration {
        let ty = &self.types[q];
        let agents: u32 = ty
            .groups
            .iter()
            .map(|&g| {
                let gs = &self.groups[g as usize];
                gs.on_duty - gs.leaving
            })
            .sum();
        if agents == 0 {
            return SimDuration(u64::MAX / 2);
        }
        let us = (ty.queue.len as f64 + 1.0) * ty.mean_busy_us / agents as f64;
        SimDuration(us.min(u64::MAX as f64 / 2.0) as u64)
    }

    /// Arms waiting contact `c`'s timer for overflow delay `stage` of its type, if any.
    fn arm_overflow(&mut self, c: u32, stage: u8) {
        let contact = &self.contacts[c as usize];
        let delays = &self.types[contact.contact_type as usize].overflow_delays;
        if let Some(&d) = delays.get(stage as usize) {
            let at = contact.leg.arrived + d;
            let key = self.cal.schedule_cancellable(at, Event::Overflow(c));
            let contact = &mut self.contacts[c as usize];
            contact.overflow = Some(key);
            contact.overflow_stage = stage;
        }
    }

    /// Contact `c` has waited long enough for more groups: one of them may take it now.
    fn on_overflow(&mut self, c: u32) {
        let contact = &mut self.contacts[c as usize];
        contact.overflow = None;
        let (q, leg, stage) = (
            contact.contact_type as usize,
            contact.leg,
            contact.overflow_stage,
        );
        let waited = self.now - leg.arrived;
        let agent = self.find_idle_agent(q, waited).or_else(|| {
            if self.types[q].concurrency > 1 {
                self.find_chat_slot(q, waited)
            } else {
                None
            }
        });
        if let Some(agent) = agent {
            self.take_from_queue(q, c);
            self.start_service(agent, leg);
        } else {
            self.arm_overflow(c, stage + 1);
        }
    }

    /// Takes waiting contact `c` out of queue `q` for an agent: its timers are cancelled
    /// and its wait is counted.
    fn take_from_queue(&mut self, q: usize, c: u32) {
        let callback_list = self.contacts[c as usize].stage == Stage::Callback;
        self.dequeue(q, c, callback_list);
        let contact = &mut self.contacts[c as usize];
        let (arrived, abandon, overflow) = (
            contact.leg.arrived,
            contact.abandon.take(),
            contact.overflow.take(),
        );
        if let Some(key) = abandon {
            let cancelled = self.cal.cancel(key);
            debug_assert!(
                cancelled,
                "abandonment timer of an answered call was missing"
            );
        }
        if let Some(key) = overflow {
            self.cal.cancel(key);
        }
        if callback_list {
            if self.contacts[c as usize].leg.interval != NIL {
                self.callbacks_pending -= 1;
            }
        } else {
            self.stats.add_queue(q, arrived, self.now);
        }
        self.free_contacts.push(c);
    }

    /// A caller of type `t` hung up: they may call again later (in the window).
    fn maybe_redial(&mut self, t: usize) {
        let Some(r) = &self.scenario.contact_types[t].redial else {
            return;
        };
        let stream = &mut self.types[t].redial_stream;
        if stream.uniform() >= r.probability {
            return;
        }
        let at = self.now + r.delay.sample(stream);
        self.call_later(t, Origin::Redial, at);
    }

    /// Schedules a redial or repeat call of type `t` at `at`, if the window is still open
    /// then (after it, the customer calls another day).
    fn call_later(&mut self, t: usize, origin: Origin, at: SimTime) {
        if at >= self.window_end || self.closed {
            return;
        }
        let c = self.alloc_contact(Contact {
            contact_type: t as u16,
            leg: Leg {
                queue: t as u16,
                counted: t as u16,
                origin,
                interval: NIL,
                arrived: at,
                seq: 0,
                talk: SimDuration::ZERO,
                wrap: SimDuration::ZERO,
                patience: None,
                callback: false,
            },
            stage: Stage::Later,
            abandon: None,
            overflow: None,
            overflow_stage: 0,
            prev: NIL,
            next: NIL,
        });
        self.cal.schedule(at, Event::Ready(c));
    }
    // ----- routing ----------------------------------------------------------------------

    /// Takes the agent who answers a contact of type `t`, if one is idle.
    fn find_idle_agent(&mut self, t: usize, waited: SimDuration) -> Option<u32> {
        if self.now < self.outage_until {
            return None;
        }
        let groups = &self.types[t].groups;
        let g = if groups.len() == 1 {
            let g = groups[0] as usize;
            let gs = &self.groups[g];
            if gs.idle.is_empty() || gs.overflow_after > waited {
                return None;
            }
            g
        } else {
            self.group_buf.clear();
            for &g in groups {
                let gs = &self.groups[g as usize];
                if gs.overflow_after > waited {
                    continue;
                }
                if let Some(&front) = gs.idle.front() {
                    self.group_buf.push(GroupCandidate {
                        group: GroupId(g),
                        skills: gs.types.len() as u32,
                        idle_agents: gs.idle.len() as u32,
                        longest_idle_since: self.agents[front as usize].idle_since,
                    });
                }
            }
            match self.group_buf.len() {
                0 => return None,
                1 => self.group_buf[0].group.0 as usize,
                n => {
                    let i = self.routing.choose_group(TypeId(t as u16), &self.group_buf);
                    debug_assert!(i < n, "routing policy returned {i} of {n}");
                    self.group_buf[i.min(n - 1)].group.0 as usize
                }
            }
        };
        self.groups[g].idle.pop_front()
    }

    /// An agent is free: takes a waiting contact, or becomes idle.
    fn agent_available(&mut self, a: u32) {
        let g = self.agents[a as usize].group as usize;
        let types = &self.groups[g].types;
        // An overflow group takes only contacts that have waited long enough: the head
        // of a queue has waited longest, so it decides.
        let ready = self.now.0.saturating_sub(self.groups[g].overflow_after.0);
        let eligible =
            |q: &Queue| q.len > 0 && self.contacts[q.head as usize].leg.arrived.0 <= ready;
        let chosen = if self.now < self.outage_until {
            None
        } else if types.len() == 1 {
            let t = types[0] as usize;
            eligible(&self.types[t].queue).then_some(t)
        } else {
            self.queue_buf.clear();
            for &t in types {
                let q = &self.types[t as usize].queue;
                if eligible(q) {
                    let head = &self.contacts[q.head as usize];
                    self.queue_buf.push(QueueCandidate {
                        contact_type: TypeId(t),
                        priority: self.types[t as usize].priority,
                        waiting: q.len,
                        oldest_arrival: head.leg.arrived,
                        oldest_seq: head.leg.seq,
                    });
                }
            }
            match self.queue_buf.len() {
                0 => None,
                1 => Some(self.queue_buf[0].contact_type.0 as usize),
                n => {
                    let i = self
                        .routing
                        .choose_queue(GroupId(g as u16), &self.queue_buf);
                    debug_assert!(i < n, "routing policy returned {i} of {n}");
                    Some(self.queue_buf[i.min(n - 1)].contact_type.0 as usize)
                }
            }
        };
        // Nobody waits: a quiet-time callback (or voicemail) of its skills, by priority.
        let chosen = chosen.map(|t| (t, self.types[t].queue.head)).or_else(|| {
            if self.now < self.outage_until || self.callbacks_pending_all == 0 {
                return None;
            }
            self.groups[g]
                .types
                .iter()
                .map(|&t| t as usize)
                .find(|&t| eligible(&self.types[t].callbacks))
                .map(|t| (t, self.types[t].callbacks.head))
        });
        match chosen {
            Some((t, c)) => {
                let leg = self.contacts[c as usize].leg;
                self.take_from_queue(t, c);
                self.start_service(a, leg);
                if self.agents[a as usize].chats > 0 {
                    self.fill_chats(a);
                }
            }
            None => {
                if !self.groups[g].outbound.is_empty() && self.try_agent_dial(a) {
                    return;
                }
                let agent = &mut self.agents[a as usize];
                agent.status = Status::Idle;
                agent.idle_since = self.now;
                self.groups[g].idle.push_back(a);
                self.record_agent(TraceKind::AgentIdle, a);
                for i in 0..self.groups[g].outbound.len() {
                    let t = self.groups[g].outbound[i] as usize;
                    self.pace(t);
                }
            }
        }
    }

    fn start_service(&mut self, a: u32, leg: Leg) {
        let (q, t) = (leg.queue as usize, leg.counted as usize);
        let now = self.now;
        let wait = now - leg.arrived;
        let (talk, wrap, follow) = if q != t {
            // A misrouted call: the agent finds out, then transfers it where it belongs.
            let time = self.scenario.contact_types[t]
                .ivr
                .as_ref()
                .map_or(SimDuration::ZERO, |v| v.misroute_time);
            let carried = Some((leg.talk, leg.wrap));
            (
                time,
                SimDuration::ZERO,
                Follow::Transfer {
                    to: t as u16,
                    carried,
                },
            )
        } else {
            // The agent's proficiency and screen pop scale the caller's talk time (drawn
            // at arrival, so who answers never changes what the caller brings).
            let factors = &self.groups[self.agents[a as usize].group as usize].talk_factor;
            let talk = match factors.get(t) {
                Some(&f) if f != 1.0 => SimDuration((leg.talk.0 as f64 * f + 0.5) as u64),
                _ => leg.talk,
            };
            (talk, leg.wrap, self.after_service(t))
        };
        // A chat beside others takes longer (fixed when it starts).
        let chat = self.types[q].concurrency > 1;
        let stretch = self.types[q].stretch;
        let talk = if chat && stretch > 0.0 {
            let others = self.agents[a as usize].chats as f64;
            SimDuration((talk.0 as f64 * (1.0 + stretch * others) + 0.5) as u64)
        } else {
            talk
        };
        let end = now + talk + wrap;
        let g = self.agents[a as usize].group as usize;
        self.stats.group_handled[g] += 1;
        if self.trace.is_some() {
            let group = self.agents[a as usize].group;
            self.record(TraceKind::Answer, |e| {
                e.contact = Some(leg.seq);
                e.contact_type = Some(t as u16);
                e.agent = Some(a);
                e.group = Some(group);
                e.wait_s = Some(wait.as_secs_f64());
                e.talk_end_s = Some((now + talk).as_secs_f64());
                e.busy_end_s = Some(end.as_secs_f64());
            });
        }
        if leg.interval != NIL {
            let cell = self.stats.cell_mut(leg.interval as usize, t);
            if leg.callback {
                // Called back: counted apart, out of the service level and the ASA.
                cell.callbacks += 1;
                cell.callback_wait_us += wait.0 as u128;
            } else {
                cell.answered += 1;
                cell.answered_in_threshold += (wait <= self.types[t].threshold) as u64;
                cell.wait_answered_us += wait.0 as u128;
                cell.handle_us += (talk.0 + wrap.0) as u128;
            }
            cell.talk_us += talk.0 as u128;
            cell.unresolved += (follow != Follow::Done) as u64;
        } else if leg.origin == Origin::Carried {
            self.count_carried_answer(&leg, wait);
        }
        if self.types[t].outbound {
            self.outbound_answered(t, &leg);
        }
        if chat {
            // A chat holds one of the agent's slots.
            let k = self.groups[self.agents[a as usize].group as usize].chat_capacity;
            self.stats.add_busy_shared(t, now, end, k);
            self.stats.add_group_busy(g, now, end, k);
            self.open_chat(a, q, now, now + talk, end, follow);
            return;
        }
        self.stats.add_group_busy(g, now, end, 1);
        if self.cur_interval != NIL && end <= self.next_boundary {
            // The whole service falls in the current interval (the common case).
            self.stats.cell_mut(self.cur_interval as usize, t).busy_us += (end - now).0 as u128;
        } else {
            self.stats.add_busy(t, now, end);
        }
        let agent = &mut self.agents[a as usize];
        debug_assert!(
            agent.status != Status::Busy,
            "agent {a} would serve two contacts"
        );
        agent.status = Status::Busy;
        agent.contact_type = q as u16;
        agent.busy_since = now;
        agent.talk_end = now + talk;
        agent.busy_end = end;
        agent.follow = follow;
        // An occupancy cap: a paid breather after the contact, off the phones.
        let rest = self.groups[g].rest_factor;
        let free = if rest > 0.0 {
            end + SimDuration(((end - now).0 as f64 * rest + 0.5) as u64)
        } else {
            end
        };
        agent.rest_end = free;
        self.cal.schedule(free, Event::AgentFree(a));
    }

    /// Whether an answered contact of type `t` is transferred on, calls again, or is
    /// resolved (one draw from each configured stream, whatever the outcome).
    #[inline]
    fn after_service(&mut self, t: usize) -> Follow {
        let ty = &mut self.types[t];
        if !ty.follows {
            return Follow::Done;
        }
        let ct = &self.scenario.contact_types[t];
        if let Some(tr) = &ct.transfer
            && ty.transfer_stream.uniform() < tr.share
        {
            return Follow::Transfer {
                to: tr.to.0,
                carried: None,
            };
        }
        if let Some(r) = &ct.resolution
            && ty.resolution_stream.uniform() >= r.first_contact
        {
            return Follow::Repeat(t as u16);
        }
        Follow::Done
    }

    fn on_agent_free(&mut self, a: u32) {
        let follow = std::mem::replace(&mut self.agents[a as usize].follow, Follow::Done);
        self.release_agent(a);
        self.follow_up(follow);
    }

    /// Agent `a` is done with its work: it goes off duty if it was asked to leave, else
    /// it takes the next contact or becomes idle.
    fn release_agent(&mut self, a: u32) {
        let agent = &mut self.agents[a as usize];
        if agent.leaving {
            agent.leaving = false;
            agent.status = Status::Off;
            let g = agent.group as usize;
            self.groups[g].leaving -= 1;
            self.change_on_duty(g, -1);
            self.record_agent(TraceKind::AgentOff, a);
        } else {
            agent.status = Status::Idle;
            self.agent_available(a);
        }
    }

    /// What becomes of a contact after its service: a transfer on, or a repeat call.
    fn follow_up(&mut self, follow: Follow) {
        match follow {
            Follow::Done => {}
            Follow::Transfer { to, carried } => {
                let to = to as usize;
                let ty = &mut self.types[to];
                let (talk, wrap) = carried.unwrap_or_else(|| {
                    let talk = ty.handle.sample(&mut ty.legs_stream);
                    let wrap = match &ty.wrap {
                        Some(d) => d.sample(&mut ty.legs_stream),
                        None => SimDuration::ZERO,
                    };
                    (talk, wrap)
                });
                let patience = ty.patience.as_ref().map(|d| d.sample(&mut ty.legs_stream));
                self.enter(to, Origin::Transfer, talk, wrap, patience);
            }
            Follow::Repeat(t) => {
                let t = t as usize;
                if let Some(r) = &self.scenario.contact_types[t].resolution {
                    let at = self.now + r.repeat_delay.sample(&mut self.types[t].resolution_stream);
                    self.call_later(t, Origin::Repeat, at);
                }
            }
        }
    }

    fn on_abandon(&mut self, c: u32) {
        self.contacts[c as usize].abandon = None;
        let t = self.contacts[c as usize].leg.counted as usize;
        self.abandon_contact(c);
        self.maybe_redial(t);
    }

    fn abandon_contact(&mut self, c: u32) {
        let (q, leg) = {
            let contact = &self.contacts[c as usize];
            (contact.contact_type as usize, contact.leg)
        };
        let t = leg.counted as usize;
        let wait = self.now - leg.arrived;
        self.record(TraceKind::Abandon, |e| {
            e.contact = Some(leg.seq);
            e.contact_type = Some(t as u16);
            e.wait_s = Some(wait.as_secs_f64());
        });
        let contact = &mut self.contacts[c as usize];
        let callback_list = contact.stage == Stage::Callback;
        for key in [contact.abandon.take(), contact.overflow.take()]
            .into_iter()
            .flatten()
        {
            self.cal.cancel(key);
        }
        self.dequeue(q, c, callback_list);
        if callback_list && leg.interval != NIL {
            self.callbacks_pending -= 1;
        }
        if leg.interval != NIL {
            let cell = self.stats.cell_mut(leg.interval as usize, t);
            cell.abandoned += 1;
            cell.wait_abandoned_us += wait.0 as u128;
        }
        if self.types[t].outbound && !self.closed {
            self.outbound_abandoned(t);
        }
        if !callback_list {
            self.stats.add_queue(q, leg.arrived, self.now);
        }
        self.free_contacts.push(c);
    }

    // ----- queues -----------------------------------------------------------------------

    fn alloc_contact(&mut self, c: Contact) -> u32 {
        match self.free_contacts.pop() {
            Some(i) => {
                self.contacts[i as usize] = c;
                i
            }
            None => {
                self.contacts.push(c);
                (self.contacts.len() - 1) as u32
            }
        }
    }

    /// Appends contact `c` to type `t`'s queue (or, with `callback_list`, to its list of
    /// quiet-time callbacks).
    fn enqueue(&mut self, t: usize, c: u32, callback_list: bool) {
        if callback_list {
            self.callbacks_pending_all += 1;
        }
        let ty = &mut self.types[t];
        let q = if callback_list {
            &mut ty.callbacks
        } else {
            &mut ty.queue
        };
        self.contacts[c as usize].prev = q.tail;
        self.contacts[c as usize].next = NIL;
        if q.tail == NIL {
            q.head = c;
        } else {
            self.contacts[q.tail as usize].next = c;
        }
        q.tail = c;
        q.len += 1;
    }

    fn dequeue(&mut self, t: usize, c: u32, callback_list: bool) {
        if callback_list {
            self.callbacks_pending_all -= 1;
        }
        let (prev, next) = {
            let x = &self.contacts[c as usize];
            (x.prev, x.next)
        };
        let ty = &mut self.types[t];
        let q = if callback_list {
            &mut ty.callbacks
        } else {
            &mut ty.queue
        };
        if prev == NIL {
            q.head = next;
        } else {
            self.contacts[prev as usize].next = next;
        }
        if next == NIL {
            q.tail = prev;
        } else {
            self.contacts[next as usize].prev = prev;
        }
        q.len -= 1;
    }

    // ----- staffing ---------------------------------------------------------------------

    /// Group `g`'s `profile` (its on-phone or paid plan) now. Shift moves run the plan's
    /// clock behind or ahead: before a plan moved later has begun, or after a plan moved
    /// earlier has ended, nobody of it is at work. In the warm-up the plan's first value
    /// holds (a steady start).
    fn plan_value(&self, g: usize, profile: &Profile<u32>) -> u32 {
        let offset = self.groups[g].plan_offset_us;
        let plan_now = self.now.0 as i64 - offset;
        let ws = self.window_start.0 as i64;
        if self.now < self.window_start {
            return profile.at(None);
        }
        if plan_now < ws {
            return 0;
        }
        let since = SimDuration((plan_now - ws) as u64);
        if offset < 0 && since >= self.window_end - self.window_start {
            return 0;
        }
        profile.at(Some(since))
    }

    /// Agents the plan puts on the phones now, before interventions: planned, less
    /// absentees and shrinkage.
    fn planned_on_phone(&self, g: usize) -> u32 {
        let gs = &self.groups[g];
        let planned = self.plan_value(g, &gs.plan);
        if gs.on_phone_factor == 1.0 {
            planned
        } else {
            (planned as f64 * gs.on_phone_factor + 0.5) as u32
        }
    }

    fn target(&self, g: usize) -> u32 {
        let gs = &self.groups[g];
        let base = match gs.override_agents {
            Some(n) => n,
            None => self.planned_on_phone(g),
        } as i64;
        (base + gs.delta).clamp(0, u32::MAX as i64) as u32
    }

    /// Agents paid but off the phones now by the plan: on a break, or shrinkage.
    fn planned_off_phone(&self, g: usize) -> u32 {
        let gs = &self.groups[g];
        if gs.paid_plan.is_none() && gs.on_phone_factor == gs.show {
            return 0;
        }
        let paid = self.plan_value(g, gs.paid_plan.as_ref().unwrap_or(&gs.plan));
        let paid = (paid as f64 * gs.show + 0.5) as u32;
        paid.saturating_sub(self.planned_on_phone(g))
    }

    fn schedule_next_staffing(&mut self, g: usize) {
        let gs = &self.groups[g];
        let plan = &gs.plan;
        // In the plan's clock (see `plan_value`), then back to real time. Periods in which
        // nothing changes (shift patterns are kept to the minute) are skipped.
        let offset = gs.plan_offset_us;
        let ws = self.window_start.0 as i64;
        let p = plan.period.0 as i64;
        let plan_now = self.now.0 as i64 - offset;
        // A moved plan begins late or ends early: those are changes too.
        let plan_end = self.window_end.0 as i64 + offset;
        let boundary = if self.now < self.window_start {
            None
        } else if plan_now < ws {
            Some(ws + offset)
        } else if offset < 0 && plan_end > self.now.0 as i64 {
            Some(plan_end)
        } else {
            None
        };
        if plan.is_constant() {
            if let Some(at) = boundary
                && at < self.window_end.0 as i64
                && at > self.now.0 as i64
            {
                let generation = gs.staffing_generation;
                self.cal
                    .schedule(SimTime(at as u64), Event::Staffing(g as u16, generation));
            }
            return;
        }
        let current = if plan_now < ws {
            0
        } else {
            ((plan_now - ws) / p) as usize
        };
        let same = |k: usize| {
            let last = plan.values.len() - 1;
            let (a, b) = (k.min(last), current.min(last));
            plan.values[a] == plan.values[b]
                && gs.paid_plan.as_ref().is_none_or(|pp| {
                    pp.values[a.min(pp.values.len() - 1)] == pp.values[b.min(pp.values.len() - 1)]
                })
        };
        let mut k = if plan_now < ws { 0 } else { current + 1 };
        while k < plan.values.len() && k > 0 && same(k) {
            k += 1;
        }
        let at = if k >= plan.values.len() {
            // No change left in the plan; a plan moved earlier still ends early.
            match boundary {
                Some(end) if offset < 0 && plan_now >= ws => end,
                _ => return,
            }
        } else {
            ws + k as i64 * p + offset
        };
        if at < self.window_end.0 as i64 && at > self.now.0 as i64 {
            let generation = gs.staffing_generation;
            self.cal
                .schedule(SimTime(at as u64), Event::Staffing(g as u16, generation));
        }
    }

    /// Adds group `g`'s paid time and overtime since the last change, up to `until`: paid
    /// agents are the plan's or those on duty if more; those beyond the plan stay past
    /// their planned end to finish a contact (overtime).
    fn account_paid(&mut self, g: usize, until: SimTime) {
        let gs = &mut self.groups[g];
        let paid = gs.on_duty.max(gs.paid_target);
        let over = gs.on_duty.saturating_sub(gs.paid_target);
        self.stats.add_paid(g, paid, over, gs.paid_since, until);
        gs.paid_since = until;
    }

    fn change_on_duty(&mut self, g: usize, by: i32) {
        self.account_paid(g, self.now);
        let now = self.now;
        let gs = &mut self.groups[g];
        self.stats.add_staffed(g, gs.on_duty, gs.on_duty_since, now);
        gs.on_duty_since = now;
        gs.on_duty = (gs.on_duty as i64 + by as i64) as u32;
    }

    /// Brings group `g` to its current target (see the module docs for who comes and
    /// who goes).
    fn adjust_staffing(&mut self, g: usize) {
        let target = self.target(g);
        let paid = target.saturating_add(self.planned_off_phone(g));
        if paid != self.groups[g].paid_target {
            self.account_paid(g, self.now);
            self.groups[g].paid_target = paid;
        }
        let working = self.groups[g].on_duty - self.groups[g].leaving;
        if target > working {
            let mut need = target - working;
            // Agents about to leave stay on.
            let members = std::mem::take(&mut self.groups[g].members);
            for &a in &members {
                if need == 0 {
                    break;
                }
                if self.agents[a as usize].leaving {
                    self.agents[a as usize].leaving = false;
                    self.groups[g].leaving -= 1;
                    need -= 1;
                }
            }
            // Off-duty members log on, lowest id first, then new agents.
            let mut new_on = Vec::new();
            for &a in &members {
                if need == 0 {
                    break;
                }
                if self.agents[a as usize].status == Status::Off {
                    new_on.push(a);
                    need -= 1;
                }
            }
            self.groups[g].members = members;
            while need > 0 {
                let a = self.agents.len() as u32;
                self.agents.push(Agent {
                    group: g as u16,
                    status: Status::Off,
                    leaving: false,
                    contact_type: 0,
                    idle_since: self.now,
                    busy_since: self.now,
                    talk_end: self.now,
                    busy_end: self.now,
                    rest_end: self.now,
                    follow: Follow::Done,
                    chats: 0,
                });
                self.groups[g].members.push(a);
                new_on.push(a);
                need -= 1;
            }
            for a in new_on {
                self.change_on_duty(g, 1);
                self.agents[a as usize].status = Status::Idle;
                self.record_agent(TraceKind::AgentOn, a);
                self.agent_available(a);
            }
        } else if target < working {
            let mut excess = working - target;
            while excess > 0 {
                let Some(a) = self.groups[g].idle.pop_back() else {
                    break;
                };
                self.agents[a as usize].status = Status::Off;
                self.change_on_duty(g, -1);
                self.record_agent(TraceKind::AgentOff, a);
                excess -= 1;
            }
            let members = std::mem::take(&mut self.groups[g].members);
            for &a in members.iter().rev() {
                if excess == 0 {
                    break;
                }
                let agent = &mut self.agents[a as usize];
                if agent.status == Status::Busy && !agent.leaving {
                    agent.leaving = true;
                    self.groups[g].leaving += 1;
                    excess -= 1;
                    self.record_agent(TraceKind::AgentLeaving, a);
                }
            }
            self.groups[g].members = members;
        }
    }
}

/// The share of a group's planned agents who show up on a day: each of the most agents
/// it ever plans is absent with the group's absenteeism (a binomial draw, once a day).
fn absentee_draw(group: &crate::scenario::AgentGroup, mut stream: Stream) -> f64 {
    if group.absenteeism <= 0.0 {
        return 1.0;
    }
    let peak = group
        .paid
        .as_ref()
        .unwrap_or(&group.staffing)
        .values
        .iter()
        .copied()
        .max()
        .unwrap_or(0);
    if peak == 0 {
        return 1.0;
    }
    let absent = (0..peak)
        .filter(|_| stream.uniform() < group.absenteeism)
        .count();
    (peak as usize - absent) as f64 / peak as f64
}

/// A group's talk-time multiplier per contact type: its proficiency, times what the screen
/// pop leaves of the talk time (empty: 1 for every type).
fn talk_factors(
    g: &crate::scenario::AgentGroup,
    screen_pop: Option<&crate::scenario::ScreenPop>,
    n_types: usize,
) -> Vec<f64> {
    match (screen_pop, g.proficiency.is_empty()) {
        (None, _) => g.proficiency.clone(),
        (Some(sp), true) => vec![1.0 - sp.handle_time_cut; n_types],
        (Some(sp), false) => g
            .proficiency
            .iter()
            .map(|f| f * (1.0 - sp.handle_time_cut))
            .collect(),
    }
}
