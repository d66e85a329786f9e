//! Behaviour of the engine that users of other simulators report getting wrong
//! (DESIGN §2 "pitfalls"), each pinned by a test.

use sim_core::dist::Dist;
use sim_core::report::RunKpis;
use sim_core::scenario::{GroupId, Profile, Scenario};
use sim_core::snapshot::AgentState;
use sim_core::time::{SimDuration, SimTime};
use sim_core::{Intervention, Simulation};

fn mins(m: u64) -> SimDuration {
    SimDuration::from_mins(m)
}

fn at(d: SimDuration) -> SimTime {
    SimTime::ZERO + d
}

/// Common random numbers: staffing changes neither arrivals nor customers' handle times.
#[test]
fn staffing_does_not_change_arrivals_or_handle_times() {
    let base = Scenario::single_queue(
        300.0,
        Dist::lognormal_mean_sd(200.0, 300.0),
        None,
        20,
        SimDuration::from_hours(4),
    );
    let mut more = base.clone();
    more.agent_groups[0].staffing = Profile::constant(26);
    let a = Simulation::new(&base, 5).finish().stats;
    let b = Simulation::new(&more, 5).finish().stats;
    assert_ne!(a.cells, b.cells, "the staffing should change the waits");
    for (x, y) in a.cells.iter().zip(&b.cells) {
        assert_eq!(x.offered, y.offered);
        // No patience: every caller is answered, with their own handle time.
        assert_eq!(x.handle_us, y.handle_us);
    }
}

/// A short peak between two quiet periods is sampled exactly: arrivals fall only inside
/// it, and their number has the right mean (100 per replication).
#[test]
fn a_one_minute_peak_is_not_skipped() {
    let mut s = Scenario::single_queue(0.0, Dist::exponential(60.0), None, 200, mins(5));
    s.interval = mins(1);
    s.contact_types[0].arrivals = Profile {
        period: mins(1),
        values: vec![0.0, 0.0, 6000.0, 0.0, 0.0],
    };
    let mut total = 0;
    let reps = 200;
    for r in 0..reps {
        let k = RunKpis::of(&Simulation::new_replication(&s, 1, r).finish().stats, &s);
        for (i, iv) in k.intervals.iter().enumerate() {
            if i != 2 {
                assert_eq!(iv.offered, 0.0, "interval {i}");
            }
        }
        total += k.intervals[2].offered as u64;
    }
    let mean = total as f64 / reps as f64;
    // Poisson(100): the mean of 200 has sd 0.71.
    assert!((mean - 100.0).abs() < 3.0, "{mean}");
}

/// At a shift end busy agents finish their call, then log off; idle ones leave at once;
/// nobody takes a new call after being told to leave.
#[test]
fn shift_end_lets_calls_finish() {
    let mut s = Scenario::single_queue(600.0, Dist::constant(300.0), None, 10, mins(60));
    s.agent_groups[0].staffing = Profile {
        period: mins(30),
        values: vec![10, 4],
    };
    let mut sim = Simulation::new(&s, 3);
    sim.run_until(at(mins(30)));
    let snap = sim.snapshot();
    let busy = snap
        .agents()
        .filter(|a| matches!(a.state, AgentState::Talking { .. }))
        .count();
    let leaving = snap.agents().filter(|a| a.leaving).count();
    assert_eq!(
        busy, 10,
        "10 calls/min with 5-minute calls keeps all 10 busy"
    );
    assert_eq!(leaving, 6);
    assert_eq!(
        snap.on_duty(GroupId(0)),
        10,
        "leaving agents are on duty until they finish"
    );
    // Every leaving agent is still talking to the caller they had.
    for a in snap.agents().filter(|a| a.leaving) {
        assert!(matches!(a.state, AgentState::Talking { .. }));
    }
    sim.run_until(at(mins(36)));
    let snap = sim.snapshot();
    assert_eq!(snap.on_duty(GroupId(0)), 4);
    assert_eq!(
        snap.agents().filter(|a| a.state == AgentState::Off).count(),
        6
    );
}

/// When a waiting call is answered its abandonment timer is removed from the calendar
/// at once: pending events are exactly the next arrival, one completion per busy agent
/// and one timer per waiting caller.
#[test]
fn answered_calls_leave_no_abandonment_timer_behind() {
    let s = Scenario::single_queue(
        900.0,
        Dist::exponential(240.0),
        Some(Dist::exponential(120.0)),
        55,
        SimDuration::from_hours(2),
    );
    let mut sim = Simulation::new(&s, 9);
    for m in (5..120).step_by(5) {
        sim.run_until(at(mins(m)));
        let snap = sim.snapshot();
        let busy = snap
            .agents()
            .filter(|a| {
                matches!(
                    a.state,
                    AgentState::Talking { .. } | AgentState::WrapUp { .. }
                )
            })
            .count();
        let waiting = snap.waiting().count();
        assert_eq!(sim.pending_events(), 1 + busy + waiting, "at {m} min");
    }
    let r = sim.finish();
    let (o, a, b): (u64, u64, u64) = r.stats.cells.iter().fold((0, 0, 0), |acc, c| {
        (acc.0 + c.offered, acc.1 + c.answered, acc.2 + c.abandoned)
    });
    assert_eq!(o, a + b);
}

/// Contacts still in the system when the window closes are not dropped: the run drains.
#[test]
fn the_run_drains_after_the_window() {
    // Overloaded, no patience: a long queue at the close.
    let s = Scenario::single_queue(
        200.0,
        Dist::exponential(240.0),
        None,
        10,
        SimDuration::from_hours(2),
    );
    let mut sim = Simulation::new(&s, 1);
    sim.run_until(at(SimDuration::from_hours(2)));
    assert!(sim.snapshot().waiting().count() > 10);
    let r = sim.finish();
    let k = RunKpis::of(&r.stats, &s);
    assert_eq!(k.summary.offered, k.summary.answered);
    assert_eq!(r.stats.unserved, 0);
}

/// A queue nobody can ever serve ends: its callers are counted as abandoned (unserved).
#[test]
fn callers_nobody_can_serve_are_counted_not_lost() {
    let mut s = Scenario::single_queue(
        60.0,
        Dist::exponential(240.0),
        None,
        2,
        SimDuration::from_hours(1),
    );
    s.agent_groups[0].staffing = Profile {
        period: mins(30),
        values: vec![2, 0],
    };
    let r = Simulation::new(&s, 2).finish();
    let k = RunKpis::of(&r.stats, &s);
    assert!(r.stats.unserved > 0);
    assert_eq!(k.summary.offered, k.summary.answered + k.summary.abandoned);
}

/// Interventions are logged and a replay of the log rebuilds the same run.
#[test]
fn an_intervention_log_replays_to_the_same_result() {
    let s = Scenario::single_queue(
        400.0,
        Dist::exponential(240.0),
        Some(Dist::exponential(150.0)),
        25,
        SimDuration::from_hours(3),
    );
    let mut sim = Simulation::new_replication(&s, 11, 2);
    sim.run_until(at(mins(40)));
    sim.apply(Intervention::AddAgents {
        group: GroupId(0),
        delta: 5,
    })
    .unwrap();
    sim.run_until(at(mins(95)));
    sim.apply(Intervention::SetAgents {
        group: GroupId(0),
        agents: 20,
    })
    .unwrap();
    sim.run_until(at(mins(95)));
    sim.apply(Intervention::AddAgents {
        group: GroupId(0),
        delta: -3,
    })
    .unwrap();
    assert!(
        sim.apply(Intervention::SetAgents {
            group: GroupId(7),
            agents: 1
        })
        .is_err()
    );
    let log = sim.log().to_vec();
    assert_eq!(log.len(), 3);
    let original = sim.finish();
    let replayed = Simulation::replay(&s, 11, 2, &log).unwrap();
    assert_eq!(original, replayed);
    let plain = Simulation::new_replication(&s, 11, 2).finish();
    assert_ne!(
        original.stats, plain.stats,
        "the interventions changed the day"
    );
    // The log is plain data: it survives JSON.
    let json = serde_json::to_string(&log).unwrap();
    let back: Vec<sim_core::engine::LoggedIntervention> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, log);
}

/// Priorities: with one group serving two types, the high-priority type waits less.
#[test]
fn a_freed_agent_takes_the_highest_priority_contact() {
    let text = r#"
name = "two types"
horizon = "8h"
[[contact_types]]
name = "vip"
priority = 10
arrivals = { rate_per_hour = 60 }
handle_time = { dist = "exponential", mean = "4m" }
[[contact_types]]
name = "regular"
arrivals = { rate_per_hour = 150 }
handle_time = { dist = "exponential", mean = "4m" }
[[agent_groups]]
name = "all"
agents = 15
skills = ["regular", "vip"]
"#;
    let s = Scenario::from_toml_str(text, "t.toml").unwrap();
    let r = sim_core::run(&s, 4, 5);
    let vip = r.by_type.0[0].1.asa_s.mean;
    let regular = r.by_type.0[1].1.asa_s.mean;
    assert!(vip * 3.0 < regular, "vip {vip} regular {regular}");
}

/// Longest-idle routing across groups: the group whose agent has been idle longest
/// answers, so the load spreads over both groups.
#[test]
fn longest_idle_agent_across_groups() {
    let text = r#"
name = "two groups"
horizon = "4h"
[[contact_types]]
name = "calls"
arrivals = { rate_per_hour = 100 }
handle_time = { dist = "exponential", mean = "3m" }
[[agent_groups]]
name = "a"
agents = 5
skills = ["calls"]
[[agent_groups]]
name = "b"
agents = 5
skills = ["calls"]
"#;
    let s = Scenario::from_toml_str(text, "t.toml").unwrap();
    let mut sim = Simulation::new(&s, 8);
    let mut served_by = [0u32; 2];
    for m in 1..240 {
        sim.run_until(at(mins(m)));
        for a in sim.snapshot().agents() {
            if matches!(a.state, AgentState::Talking { .. }) {
                served_by[a.group.0 as usize] += 1;
            }
        }
    }
    let share = served_by[0] as f64 / (served_by[0] + served_by[1]) as f64;
    assert!((share - 0.5).abs() < 0.05, "{served_by:?}");
}

/// A trace-driven run fed with a run's own arrivals and talk times is that run again,
/// counter for counter; the scripted arrivals are exactly the logged ones, surges or not.
#[test]
fn scripted_arrivals_replay_a_run() {
    use sim_core::engine::ScriptedArrival;
    use sim_core::trace::TraceKind;
    let s = sim_core::scenario::Scenario::single_queue(
        90.0,
        sim_core::dist::Dist::exponential(240.0),
        None,
        6,
        SimDuration::from_hours(6),
    );
    let mut sim = Simulation::new(&s, 8);
    sim.enable_trace();
    let result = {
        let end = sim.window().1;
        sim.run_until(end);
        let log = sim.drain_trace();
        let us = |x: f64| SimDuration((x * 1e6).round() as u64);
        let mut arrivals: Vec<ScriptedArrival> = Vec::new();
        let mut index = std::collections::BTreeMap::new();
        for e in &log {
            match e.event {
                TraceKind::Arrival => {
                    index.insert(e.contact.unwrap(), arrivals.len());
                    arrivals.push(ScriptedArrival {
                        at: SimTime::ZERO + us(e.time_s),
                        talk: None,
                        patience: None,
                    });
                }
                TraceKind::Answer => {
                    let a = &mut arrivals[index[&e.contact.unwrap()]];
                    a.talk = Some(SimDuration(us(e.talk_end_s.unwrap()).0 - us(e.time_s).0));
                }
                _ => {}
            }
        }
        // Contacts answered in the drain have their talk time in the drain's trace.
        let plain = sim.finish();
        (plain, arrivals)
    };
    let (plain, arrivals) = result;
    let n = arrivals.len() as u64;
    let replayed = Simulation::new_scripted(&s, 8, 0, vec![Some(arrivals.clone())]).finish();
    let offered = |r: &sim_core::RunResult| r.stats.cells.iter().map(|c| c.offered).sum::<u64>();
    assert_eq!(offered(&replayed), n);
    assert_eq!(offered(&plain), n);
    // The talk times of contacts answered in the drain are not in the trace drained at
    // the close: they are drawn, from the same stream position as in the plain run.
    assert_eq!(plain.stats, replayed.stats);
    // A surge changes nothing in a scripted type.
    let mut surged = Simulation::new_scripted(&s, 8, 0, vec![Some(arrivals)]);
    surged
        .apply(Intervention::Surge {
            percent: 300,
            duration: SimDuration::from_hours(2),
        })
        .unwrap();
    let surged = surged.finish();
    assert_eq!(offered(&surged), n);
}
