//! Property tests (proptest) over random scenarios: conservation, time monotonicity,
//! bounds, and that a run's KPIs are the aggregate of its intervals.

use proptest::prelude::*;
use sim_core::dist::Dist;
use sim_core::report::RunKpis;
use sim_core::scenario::{
    AgentGroup, ContactType, GroupId, Profile, Scenario, ServiceLevel, TypeId,
};
use sim_core::snapshot::AgentState;
use sim_core::time::{SimDuration, SimTime};
use sim_core::{Intervention, Simulation};

fn dist() -> impl Strategy<Value = Dist> {
    prop_oneof![
        (30.0..600.0f64).prop_map(Dist::exponential),
        (30.0..600.0f64, 0.2..2.0f64).prop_map(|(m, cv)| Dist::lognormal_mean_sd(m, m * cv)),
        (30.0..600.0f64, 0.5..4.0f64).prop_map(|(m, k)| Dist::gamma_mean_shape(m, k)),
        (0.0..300.0f64).prop_map(Dist::constant),
        (0.5..3.0f64, 30.0..400.0f64).prop_map(|(k, s)| Dist::weibull(k, s)),
    ]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        1usize..4,
        1usize..4,
        1u64..4,
        prop_oneof![Just(15u64), Just(30), Just(60)],
        0u64..30,
    )
        .prop_flat_map(|(nt, ng, hours, interval_m, warm_m)| {
            let periods = (hours * 60 / interval_m) as usize;
            let types = proptest::collection::vec(
                (
                    proptest::collection::vec(0.0..400.0f64, periods..=periods),
                    dist(),
                    proptest::option::of(dist()),
                    proptest::option::of(dist()),
                    -2i32..3,
                ),
                nt..=nt,
            );
            let groups = proptest::collection::vec(
                (
                    proptest::collection::vec(0u32..12, periods..=periods),
                    proptest::collection::vec(any::<bool>(), nt..=nt),
                    0.0..40.0f64,
                ),
                ng..=ng,
            );
            (types, groups, Just((hours, interval_m, warm_m)))
        })
        .prop_map(|(types, groups, (hours, interval_m, warm_m))| {
            let interval = SimDuration::from_mins(interval_m);
            let nt = types.len();
            let contact_types = types
                .into_iter()
                .enumerate()
                .map(
                    |(i, (rates, handle, wrap, patience, priority))| ContactType {
                        name: format!("t{i}"),
                        arrivals: Profile {
                            period: interval,
                            values: rates,
                        },
                        handle_time: handle,
                        wrap_up: wrap,
                        patience,
                        priority,
                    },
                )
                .collect();
            let mut agent_groups: Vec<AgentGroup> = groups
                .into_iter()
                .enumerate()
                .map(|(g, (staff, skills, wage))| AgentGroup {
                    name: format!("g{g}"),
                    staffing: Profile {
                        period: interval,
                        values: staff,
                    },
                    skills: (0..nt)
                        .filter(|&t| skills[t])
                        .map(|t| TypeId(t as u16))
                        .collect(),
                    // Some groups faster, some slower than the contact types' times.
                    proficiency: if g % 2 == 0 {
                        Vec::new()
                    } else {
                        (0..nt).map(|t| 0.5 + 0.25 * ((g + t) % 4) as f64).collect()
                    },
                    wage_per_hour: wage,
                })
                .collect();
            // Every type needs a group with its skill.
            for t in 0..nt {
                if !agent_groups
                    .iter()
                    .any(|g| g.skills.contains(&TypeId(t as u16)))
                {
                    let n = agent_groups.len();
                    agent_groups[t % n].skills.push(TypeId(t as u16));
                }
            }
            Scenario {
                name: "random".into(),
                description: None,
                seed: 1,
                horizon: SimDuration::from_hours(hours),
                warmup: SimDuration::from_mins(warm_m),
                replications: 1,
                interval,
                day_start: None,
                service_level: ServiceLevel::default(),
                contact_types,
                agent_groups,
                routing: sim_core::routing::Routing::default(),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn conservation_bounds_and_aggregation(s in scenario(), seed in 0u64..1000, moves in proptest::collection::vec((1u64..240, 0u16..3, -4i32..5, 0u8..5), 0..5)) {
        prop_assert!(s.validate().is_ok());
        let mut sim = Simulation::new(&s, seed);
        let mut moves = moves;
        moves.sort();
        let mut last = SimTime::ZERO;
        for (m, g, delta, kind) in moves {
            let t = SimTime::ZERO + SimDuration::from_mins(m);
            sim.run_until(t);
            prop_assert!(sim.now() >= last, "time went backwards");
            last = sim.now();
            let snap = sim.snapshot();
            // No negative waits; nobody arrived in the future.
            for w in snap.waiting() {
                prop_assert!(w.arrived <= snap.now());
                prop_assert_eq!(w.waited, snap.now() - w.arrived);
            }
            // An agent serves at most one contact: busy agents = pending completions,
            // so busy ≤ on duty in every group.
            for gi in 0..s.agent_groups.len() {
                let busy = snap.agents().filter(|a| a.group.0 as usize == gi && matches!(a.state, AgentState::Talking { .. } | AgentState::WrapUp { .. })).count() as u32;
                prop_assert!(busy <= snap.on_duty(GroupId(gi as u16)));
            }
            let k = snap.kpis();
            prop_assert_eq!(k.offered, k.answered + k.abandoned + k.waiting);
            let g = g % s.agent_groups.len() as u16;
            let minutes = SimDuration::from_mins(m % 90 + 1);
            let iv = match kind {
                0 => Intervention::AddAgents { group: GroupId(g), delta },
                1 => Intervention::Hire { group: GroupId(g), agents: delta.unsigned_abs(), lead: minutes },
                // Spikes and lulls: 0 % (no arrivals) to 400 %.
                2 => Intervention::Surge { percent: (delta + 4) as u32 * 50, duration: minutes },
                3 => Intervention::Outage { duration: minutes },
                _ => Intervention::MoveShifts { group: GroupId(g), minutes: delta * 15 },
            };
            sim.apply(iv).unwrap();
        }
        let result = sim.finish();
        let k = RunKpis::of(&result.stats, &s);
        // Every offered contact ends answered or abandoned.
        prop_assert_eq!(k.summary.offered, k.summary.answered + k.summary.abandoned);
        for t in &k.by_type {
            prop_assert_eq!(t.offered, t.answered + t.abandoned);
        }
        // Bounds.
        for x in std::iter::once(&k.summary).chain(&k.intervals).chain(&k.by_type) {
            prop_assert!((0.0..=1.0).contains(&x.occupancy), "occupancy {}", x.occupancy);
            prop_assert!((0.0..=1.0).contains(&x.service_level));
            prop_assert!((0.0..=1.0).contains(&x.abandon_rate));
            prop_assert!(x.asa_s >= 0.0 && x.aht_s >= 0.0 && x.avg_queue >= 0.0);
        }
        // The run is the aggregate of its intervals (and of its types).
        let sum = |f: fn(&sim_core::report::Kpis<f64>) -> f64, xs: &[sim_core::report::Kpis<f64>]| xs.iter().map(f).sum::<f64>();
        prop_assert_eq!(k.summary.offered, sum(|x| x.offered, &k.intervals));
        prop_assert_eq!(k.summary.answered, sum(|x| x.answered, &k.intervals));
        prop_assert_eq!(k.summary.abandoned, sum(|x| x.abandoned, &k.intervals));
        prop_assert_eq!(k.summary.offered, sum(|x| x.offered, &k.by_type));
        let in_sl: f64 = k.intervals.iter().map(|x| x.service_level * x.offered).sum();
        prop_assert!((k.summary.service_level * k.summary.offered - in_sl).abs() < 1e-6 * (1.0 + in_sl));
        let cost = sum(|x| x.cost, &k.intervals);
        prop_assert!((k.summary.cost - cost).abs() < 1e-6 * (1.0 + cost));
        let busy: f64 = k.intervals.iter().map(|x| x.occupancy * x.agents).sum();
        prop_assert!((k.summary.occupancy * k.summary.agents * s.interval_count() as f64 - busy).abs() < 1e-6 * (1.0 + busy) * s.interval_count() as f64 || s.horizon.0 % s.interval.0 != 0);
        let type_occupancy = sum(|x| x.occupancy, &k.by_type);
        prop_assert!((k.summary.occupancy - type_occupancy).abs() < 1e-9);
        // The decision log (incidents included) rebuilds the same day.
        let replayed = Simulation::replay(&s, seed, 0, &result.log).unwrap();
        prop_assert_eq!(&replayed, &result);
    }
}
