//! Trainers' incidents and delayed hires as core interventions: a volume surge follows
//! its rate, an outage stops every answer and then releases the backlog at once, a hire
//! arrives after its lead time, and a day with all of them replays exactly.

use sim_core::dist::Dist;
use sim_core::report::RunKpis;
use sim_core::scenario::{GroupId, Scenario};
use sim_core::time::{SimDuration, SimTime};
use sim_core::trace::TraceKind;
use sim_core::{Intervention, Simulation};

fn at_mins(m: u64) -> SimTime {
    SimTime::ZERO + SimDuration::from_mins(m)
}

fn hourly(rate: f64, agents: u32, patience: Option<Dist>) -> Scenario {
    let mut s = Scenario::single_queue(
        rate,
        Dist::exponential(180.0),
        patience,
        agents,
        SimDuration::from_hours(8),
    );
    s.interval = SimDuration::from_hours(1);
    s
}

/// A 300 % surge from 2 h to 4 h triples the arrivals in those hours only; a 0 % "surge"
/// stops them. Means over 40 replications against the Poisson means, ±4 standard errors.
#[test]
fn a_surge_scales_the_arrival_rate_for_its_duration() {
    let s = hourly(120.0, 200, None);
    let reps = 40u32;
    let mut per_hour = [0.0f64; 8];
    for rep in 0..reps {
        let mut sim = Simulation::new_replication(&s, 3, rep);
        sim.run_until(at_mins(120));
        sim.apply(Intervention::Surge {
            percent: 300,
            duration: SimDuration::from_hours(2),
        })
        .unwrap();
        assert_eq!(sim.snapshot().arrival_factor(), 3.0);
        sim.run_until(at_mins(6 * 60));
        assert_eq!(sim.snapshot().arrival_factor(), 1.0, "the surge ended");
        sim.apply(Intervention::Surge {
            percent: 0,
            duration: SimDuration::from_hours(1),
        })
        .unwrap();
        let r = sim.finish();
        for (h, total) in per_hour.iter_mut().enumerate() {
            *total += r.stats.cell(h, 0).offered as f64;
        }
    }
    let expected = [120.0, 120.0, 360.0, 360.0, 120.0, 120.0, 0.0, 120.0];
    for (h, (&got, &want)) in per_hour.iter().zip(&expected).enumerate() {
        let mean = got / reps as f64;
        let se = (want / reps as f64).sqrt();
        assert!(
            (mean - want).abs() <= 4.0 * se,
            "hour {h}: {mean:.1} arrivals a replication, expected {want}"
        );
    }
}

/// During an outage nobody is answered; when it ends, idle agents take the queue at once.
#[test]
fn an_outage_stops_answers_and_releases_the_backlog() {
    let s = hourly(300.0, 20, Some(Dist::exponential(600.0)));
    let mut sim = Simulation::new(&s, 9);
    sim.enable_trace();
    sim.run_until(at_mins(60));
    sim.apply(Intervention::Outage {
        duration: SimDuration::from_mins(30),
    })
    .unwrap();
    sim.run_until(at_mins(89));
    let snap = sim.snapshot();
    assert_eq!(snap.outage_until(), Some(at_mins(90)));
    assert!(
        snap.waiting().count() > 25,
        "callers pile up during the outage"
    );
    sim.run_until(at_mins(90));
    assert_eq!(sim.snapshot().outage_until(), None);
    let trace = sim.drain_trace();
    let answers: Vec<f64> = trace
        .iter()
        .filter(|e| e.event == TraceKind::Answer)
        .map(|e| e.time_s)
        .collect();
    assert!(
        answers.iter().all(|&t| !(3600.0..5400.0).contains(&t)),
        "an answer during the outage"
    );
    let at_resume = answers.iter().filter(|&&t| t == 5400.0).count();
    assert_eq!(
        at_resume, 20,
        "every agent takes a caller the moment it ends"
    );
    assert!(
        trace
            .iter()
            .any(|e| e.event == TraceKind::Abandon && (3600.0..5400.0).contains(&e.time_s))
    );
    let r = sim.finish();
    let k = RunKpis::of(&r.stats, &s);
    assert_eq!(k.summary.offered, k.summary.answered + k.summary.abandoned);
}

/// Hired agents are on duty exactly `lead` later, not before.
#[test]
fn a_hire_arrives_after_its_lead_time() {
    let s = hourly(100.0, 10, None);
    let mut sim = Simulation::new(&s, 1);
    sim.run_until(at_mins(60));
    sim.apply(Intervention::Hire {
        group: GroupId(0),
        agents: 5,
        lead: SimDuration::from_mins(45),
    })
    .unwrap();
    sim.run_until(at_mins(104));
    assert_eq!(sim.snapshot().on_duty(GroupId(0)), 10);
    sim.run_until(at_mins(105));
    assert_eq!(sim.snapshot().on_duty(GroupId(0)), 15);
    assert!(
        sim.apply(Intervention::Hire {
            group: GroupId(3),
            agents: 1,
            lead: SimDuration::ZERO
        })
        .is_err()
    );
}

/// A day with every incident replays from its log to the same result, and the
/// incidents change the day.
#[test]
fn incidents_replay_exactly() {
    let s = hourly(250.0, 14, Some(Dist::exponential(200.0)));
    let mut sim = Simulation::new(&s, 21);
    sim.run_until(at_mins(50));
    sim.apply(Intervention::Surge {
        percent: 180,
        duration: SimDuration::from_mins(70),
    })
    .unwrap();
    sim.run_until(at_mins(75));
    sim.apply(Intervention::Hire {
        group: GroupId(0),
        agents: 3,
        lead: SimDuration::from_mins(30),
    })
    .unwrap();
    sim.run_until(at_mins(200));
    sim.apply(Intervention::Outage {
        duration: SimDuration::from_mins(10),
    })
    .unwrap();
    let result = sim.finish();
    assert_eq!(result.log.len(), 3);
    let json = serde_json::to_string(&result.log).unwrap();
    let log: Vec<sim_core::engine::LoggedIntervention> = serde_json::from_str(&json).unwrap();
    assert_eq!(Simulation::replay(&s, 21, 0, &log).unwrap(), result);
    assert_ne!(Simulation::new(&s, 21).finish().stats, result.stats);
}

/// Moving a group's shifts 30 minutes earlier brings the planned step up forward; moving
/// them an hour later afterwards delays what is left of the plan; the day replays.
#[test]
fn shift_moves_shift_the_plan() {
    let mut s = hourly(100.0, 5, None);
    s.agent_groups[0].staffing = sim_core::scenario::Profile {
        period: SimDuration::from_hours(1),
        values: vec![5, 10, 10, 5, 5, 8, 8, 5],
    };
    let on_duty = |sim: &Simulation| sim.snapshot().on_duty(GroupId(0));
    let mut sim = Simulation::new(&s, 4);
    sim.run_until(at_mins(20));
    sim.apply(Intervention::MoveShifts {
        group: GroupId(0),
        minutes: -30,
    })
    .unwrap();
    assert_eq!(on_duty(&sim), 5, "the plan at 00:50 is still 5");
    sim.run_until(at_mins(29));
    assert_eq!(on_duty(&sim), 5);
    sim.run_until(at_mins(30));
    assert_eq!(on_duty(&sim), 10, "the 01:00 step now comes at 00:30");
    sim.run_until(at_mins(150));
    // 02:30 reads the plan at 03:00: back to 5 (agents finish their calls first).
    let working = sim
        .snapshot()
        .agents()
        .filter(|a| !a.leaving && !matches!(a.state, sim_core::snapshot::AgentState::Off))
        .count();
    assert_eq!(working, 5);
    sim.apply(Intervention::MoveShifts {
        group: GroupId(0),
        minutes: 60,
    })
    .unwrap();
    // Now the plan runs 30 minutes late: 02:30 reads 02:00, which is 10.
    assert_eq!(on_duty(&sim), 10);
    sim.run_until(at_mins(209));
    assert_eq!(on_duty(&sim), 10);
    sim.run_until(at_mins(210));
    let result = sim.finish();
    assert_eq!(Simulation::replay(&s, 4, 0, &result.log).unwrap(), result);
    // The staffed time follows the moved plan (now 30 minutes late): 5 agents over
    // 04:00–05:00 (the plan's 03:30–04:30), 8 over 06:00–07:00 (its 05:30–06:30).
    let staffed = |i: usize| result.stats.staffed_us[i] as f64 / 3.6e9;
    assert!((staffed(4) - 5.0).abs() < 1e-9, "{}", staffed(4));
    assert!((staffed(6) - 8.0).abs() < 1e-9, "{}", staffed(6));
}
