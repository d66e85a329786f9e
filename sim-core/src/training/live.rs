//! Erlang beside the simulation: what the formulas say for the current interval, next to
//! what the simulated day does, and why the two differ.
//!
//! The formulas pool every contact type and group into one queue with the interval's
//! planned arrival rate (times any surge), the weighted mean handle time and the agents
//! on duty now: Erlang C with callers who never hang up, Erlang A with the weighted mean
//! patience. The simulation differs for reasons a trainer can name, and [`erlang_now`]
//! names the ones that apply now.
//!
//! ```
//! use sim_core::{Simulation, training::{live::erlang_now, mission::builtin}};
//! use sim_core::time::{SimDuration, SimTime};
//! let m = &builtin()[2];
//! let mut sim = Simulation::new(&m.scenario, 1);
//! sim.run_until(SimTime::ZERO + SimDuration::from_mins(75));
//! let e = erlang_now(&sim).unwrap();
//! assert!(e.erlang_c_sl <= e.erlang_a_sl.unwrap());
//! assert!(!e.reasons.is_empty());
//! ```

use crate::Simulation;
use crate::dist::Dist;
use crate::erlang::Queue;
use crate::scenario::GroupId;

/// The formulas' view of the current interval, and the simulation's.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ErlangNow {
    /// The interval's index.
    pub interval: usize,
    /// Planned arrivals per hour (all types), times any surge.
    pub calls_per_hour: f64,
    /// Mean handle time (talk + wrap-up), seconds, weighted by arrivals.
    pub aht_s: f64,
    /// Agents on duty now (all groups).
    pub agents: u32,
    /// Offered load, Erlangs.
    pub load: f64,
    /// Erlang C's service level (nobody hangs up).
    pub erlang_c_sl: f64,
    /// Erlang A's service level (callers hang up after an exponential patience), if
    /// every type has a patience.
    pub erlang_a_sl: Option<f64>,
    /// The simulated service level of the interval so far (answered within the
    /// threshold over contacts that have been answered or hung up), if any has.
    pub simulated_sl: Option<f64>,
    /// Contacts of the interval answered or abandoned so far.
    pub decided: u64,
    /// Why the simulation and the formulas differ now, most important first.
    pub reasons: Vec<String>,
}

/// The formulas for the interval the simulation is in, and the reasons for the gap.
/// `None` outside the measured window.
pub fn erlang_now(sim: &Simulation) -> Option<ErlangNow> {
    let s = sim.scenario();
    let stats = sim.stats();
    let now = sim.now();
    let interval = stats.interval_of(now)?;
    let (start, end) = stats.interval_bounds(interval);
    let (ws, _) = sim.window();
    let snap = sim.snapshot();
    let factor = snap.arrival_factor();
    let (mut lambda, mut work, mut patience_w) = (0.0, 0.0, 0.0);
    let mut all_patient = true;
    let mut non_exponential = Vec::new();
    for ct in &s.contact_types {
        let l = ct.arrivals.mean_over(start.since(ws), end.since(ws)) / 3600.0 * factor;
        let aht = ct.handle_time.mean_secs() + ct.wrap_up.as_ref().map_or(0.0, Dist::mean_secs);
        lambda += l;
        work += l * aht;
        match &ct.patience {
            Some(p) => patience_w += l * p.mean_secs(),
            None => all_patient = false,
        }
        if !matches!(ct.handle_time, Dist::Exponential { .. }) {
            non_exponential.push(ct.name.clone());
        }
    }
    let agents: u32 = (0..s.agent_groups.len())
        .map(|g| snap.on_duty(GroupId(g as u16)))
        .sum();
    let threshold = s.service_level.threshold.as_secs_f64();
    let aht_s = if lambda > 0.0 { work / lambda } else { 0.0 };
    let q = Queue {
        arrival_rate: lambda,
        mean_handle: aht_s.max(1e-9),
        agents,
        patience: None,
    };
    let c = q.metrics(threshold);
    let patience = (all_patient && lambda > 0.0).then(|| patience_w / lambda);
    let erlang_a_sl = patience.map(|p| {
        Queue {
            patience: Some(p),
            ..q
        }
        .metrics(threshold)
        .service_level
    });

    let mut cell = crate::stats::TypeCounts::default();
    for t in 0..s.contact_types.len() {
        cell.add(stats.cell(interval, t));
    }
    let decided = cell.answered + cell.abandoned;
    let simulated_sl = (decided > 0).then(|| cell.answered_in_threshold as f64 / decided as f64);

    let mut reasons = Vec::new();
    if let Some(until) = snap.outage_until() {
        reasons.push(format!(
            "The phone system is down for another {:.0} minutes: nobody is answered, the formulas do not know.",
            until.since(now).as_secs_f64() / 60.0
        ));
    }
    if !c.stable {
        reasons.push(format!(
            "{:.1} Erlangs of work and {agents} agents: the queue can only grow, so Erlang C has no steady state{}.",
            q.load(),
            if patience.is_some() {
                "; hang-ups are what keep the simulated queue finite (Erlang A)"
            } else {
                ""
            }
        ));
    }
    if cell.abandoned > 0 {
        reasons.push(format!(
            "{} callers hung up this interval. Each hang-up shortens the queue for the callers behind, so Erlang A (which counts them) is above Erlang C.",
            cell.abandoned
        ));
    }
    let at_start = interval_start_queue(sim, start);
    if factor != 1.0 {
        reasons.push(format!(
            "Calls arrive at {:.0} % of the plan (a surge): a queue built in a surge takes time to drain, and the formulas assume every interval starts empty.",
            factor * 100.0
        ));
    } else if at_start {
        reasons.push("The queue carried over from the last interval: Erlang assumes a steady state, the day does not start each half hour empty.".into());
    }
    let types = s.contact_types.len();
    if types > 1 {
        let prioritised = s
            .contact_types
            .iter()
            .any(|t| t.priority != s.contact_types[0].priority);
        reasons.push(format!(
            "{types} kinds of call{}: the formulas see one mixed line, so their number is an average over callers who wait differently.",
            if prioritised {
                " with priorities: the high-priority line jumps the queue"
            } else {
                ""
            }
        ));
    }
    let groups = s.agent_groups.len();
    if groups > 1 {
        reasons.push(format!(
            "{groups} agent groups with their own skills: the formulas pool everyone into one team, and split skills make a team less efficient than one pool."
        ));
    }
    if snap.agents().any(|a| a.leaving) {
        reasons.push("Some agents are finishing their last call before leaving: they count as on duty but take no new call.".into());
    }
    if !non_exponential.is_empty() {
        reasons.push(format!(
            "Handle times of {} are not exponential, as the formulas assume: less variable calls make shorter queues, more variable ones longer.",
            non_exponential.join(", ")
        ));
    }
    if let Some(sl) = simulated_sl {
        let margin = 1.96 * (sl * (1.0 - sl) / decided as f64).sqrt();
        reasons.push(format!(
            "Chance: with {decided} calls decided so far this interval, the simulated service level is only known to about ±{:.0} points.",
            margin.max(1.0 / decided as f64) * 100.0
        ));
    }
    Some(ErlangNow {
        interval,
        calls_per_hour: lambda * 3600.0,
        aht_s,
        agents,
        load: q.load(),
        erlang_c_sl: c.service_level,
        erlang_a_sl,
        simulated_sl,
        decided,
        reasons,
    })
}

/// Whether callers who arrived before the interval were still waiting at some point in
/// it: i.e. whether the interval inherited a queue. Read from the waiting list now.
fn interval_start_queue(sim: &Simulation, start: crate::time::SimTime) -> bool {
    sim.snapshot().waiting().any(|w| w.arrived < start)
}
