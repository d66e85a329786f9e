//! Erlang beside the simulation ([`sim_core::training::live`]): the formulas' numbers are
//! the formulas', the simulated number is the interval's, and the reasons given for the
//! gap are the ones that apply.

use sim_core::erlang::Queue;
use sim_core::time::{SimDuration, SimTime};
use sim_core::training::live::erlang_now;
use sim_core::training::mission::builtin;
use sim_core::{Intervention, Simulation};

fn at_mins(m: u64) -> SimTime {
    SimTime::ZERO + SimDuration::from_mins(m)
}

#[test]
fn the_formulas_for_the_interval_and_the_reasons_for_the_gap() {
    let flat = builtin()
        .into_iter()
        .find(|m| m.id == "01-flat-day")
        .unwrap();
    let mut sim = Simulation::new(&flat.scenario, 3);
    sim.run_until(at_mins(40));
    let e = erlang_now(&sim).unwrap();
    assert_eq!(e.interval, 1);
    assert_eq!(e.agents, 9);
    assert!((e.calls_per_hour - 120.0).abs() < 1e-9);
    assert!((e.aht_s - 240.0).abs() < 1e-9);
    let q = Queue {
        arrival_rate: 120.0 / 3600.0,
        mean_handle: 240.0,
        agents: 9,
        patience: None,
    };
    assert_eq!(e.erlang_c_sl, q.metrics(20.0).service_level);
    let a = Queue {
        patience: Some(300.0),
        ..q
    };
    assert_eq!(e.erlang_a_sl, Some(a.metrics(20.0).service_level));
    // The simulated value is the interval's own count.
    let c = sim.stats().cell(1, 0);
    let decided = c.answered + c.abandoned;
    assert_eq!(e.decided, decided);
    assert_eq!(
        e.simulated_sl,
        Some(c.answered_in_threshold as f64 / decided as f64)
    );
    assert!(e.reasons.iter().any(|r| r.starts_with("Chance: with")));
    assert!(!e.reasons.iter().any(|r| r.contains("surge")));
    assert!(!e.reasons.iter().any(|r| r.contains("groups")));

    // A surge doubles the formulas' rate and is named; an outage is named first.
    sim.apply(Intervention::Surge {
        percent: 200,
        duration: SimDuration::from_mins(30),
    })
    .unwrap();
    sim.apply(Intervention::Outage {
        duration: SimDuration::from_mins(5),
    })
    .unwrap();
    let e = erlang_now(&sim).unwrap();
    assert!((e.calls_per_hour - 240.0).abs() < 1e-9);
    assert!(e.reasons[0].starts_with("The phone system is down"));
    assert!(e.reasons.iter().any(|r| r.contains("200 % of the plan")));
    // 16 Erlangs on 9 agents: no steady state.
    assert!(e.reasons.iter().any(|r| r.contains("no steady state")));

    // Two lines with priorities, one team: the mixing is named.
    let two = builtin()
        .into_iter()
        .find(|m| m.id == "05-two-lines")
        .unwrap();
    let mut sim = Simulation::new(&two.scenario, 3);
    sim.run_until(at_mins(100));
    let e = erlang_now(&sim).unwrap();
    assert!(e.reasons.iter().any(|r| r.contains("with priorities")));
    assert!(!e.reasons.iter().any(|r| r.contains("agent groups")));
    // Several groups with their own skills: the pooling is named.
    let mut bank = flat.scenario.clone();
    let mut second = bank.agent_groups[0].clone();
    second.name = "back office".into();
    bank.agent_groups.push(second);
    assert!(bank.validate().is_ok());
    let mut sim = Simulation::new(&bank, 3);
    sim.run_until(at_mins(100));
    let e = erlang_now(&sim).unwrap();
    assert!(e.reasons.iter().any(|r| r.contains("agent groups")));

    // Outside the window there is no interval.
    let mut sim = Simulation::new(&flat.scenario, 3);
    sim.run_until(at_mins(8 * 60 + 1));
    assert!(erlang_now(&sim).is_none());
}
