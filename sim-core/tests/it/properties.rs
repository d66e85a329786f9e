//! Property tests (proptest) over random scenarios: conservation, time monotonicity,
//! bounds, and that a run's KPIs are the aggregate of its intervals.

use proptest::prelude::*;
use sim_core::dist::Dist;
use sim_core::report::RunKpis;
use sim_core::routing::Routing;
use sim_core::scenario::{
    AgentGroup, Announcement, Balking, Blend, Callback, CallbackMode, Campaign, Channel, Chat,
    ContactType, Costs, Dialing, GroupId, Ivr, Profile, Redial, Resolution, Scenario, ScreenPop,
    ServiceLevel, Transfer, TypeId,
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

/// A contact type's optional behaviour: balking, redials, announcements, repeat calls, a
/// transfer share (to the next type, so transfers never loop) and an IVR.
type Ops = (
    Option<(u32, f64)>,
    Option<(f64, Dist)>,
    Option<(f64, f64)>,
    Option<(f64, Dist)>,
    Option<f64>,
    Option<(Dist, f64, f64)>,
    Option<(u64, f64, u8)>,
);

fn ops() -> impl Strategy<Value = Ops> {
    (
        proptest::option::of((0u32..8, 0.0..1.0f64)),
        proptest::option::of((0.0..0.9f64, dist())),
        proptest::option::of((0.5..3.0f64, 0.0..1.0f64)),
        proptest::option::of((0.3..1.0f64, dist())),
        proptest::option::of(0.0..0.6f64),
        proptest::option::of((dist(), 0.0..0.5f64, 0.0..0.4f64)),
        proptest::option::of((0u64..300, 0.0..1.0f64, 0u8..3)),
    )
}

fn with_ops(
    mut t: ContactType,
    (balk, redial, announce, resolve, transfer, ivr, callback): Ops,
    next: Option<usize>,
) -> ContactType {
    t.callback = callback.map(|(secs, accept, mode)| Callback {
        offer_after: SimDuration::from_secs(secs),
        accept,
        mode: [
            CallbackMode::KeepPlace,
            CallbackMode::Quiet,
            CallbackMode::Voicemail,
        ][mode as usize],
    });
    t.balking = balk.map(|(queue, probability)| Balking { queue, probability });
    t.redial = redial.map(|(probability, delay)| Redial { probability, delay });
    t.announcement = announce.map(|(patience_factor, share)| Announcement {
        patience_factor,
        share,
    });
    t.resolution = resolve.map(|(first_contact, repeat_delay)| Resolution {
        first_contact,
        repeat_delay,
    });
    t.transfer = transfer.zip(next).map(|(share, to)| Transfer {
        share,
        to: TypeId(to as u16),
    });
    t.ivr = ivr.map(|(time, self_service, misroute)| Ivr {
        time,
        self_service,
        misroute,
        misroute_time: SimDuration::from_secs(45),
    });
    t
}

/// A contact type's channel: 0 voice, 1 chat, 2 email, 3 an outbound campaign (with
/// its pacing and dialing mode; no arrivals and none of the inbound behaviour).
fn with_channel(
    mut t: ContactType,
    (kind, concurrency, stretch, pacing, mode): (u8, u32, f64, f64, u8),
) -> ContactType {
    match kind {
        1 => {
            t.channel = Channel::Chat(Chat {
                concurrency,
                stretch,
            });
            t.threshold = Some(SimDuration::from_secs(60));
        }
        2 => {
            t.channel = Channel::Email;
            t.patience = None;
            t.threshold = Some(SimDuration::from_hours(1));
            t.balking = None;
            t.callback = None;
        }
        3 => {
            let mut c = Campaign::predictive(500, pacing.max(1.0));
            c.dialing =
                [Dialing::Predictive, Dialing::Progressive, Dialing::Preview][mode as usize];
            c.abandon_cap = (mode == 0 && concurrency == 2).then_some(0.05);
            c.attempts = concurrency;
            c.retry_after = SimDuration::from_mins(20);
            c.revenue_per_sale = 30.0;
            c.ring_time = Dist::exponential(12.0);
            t.channel = Channel::Outbound(c);
            t.arrivals.values.iter_mut().for_each(|r| *r = 0.0);
            t.patience = Some(Dist::constant(2.0));
            t.priority = 1000;
            t.balking = None;
            t.redial = None;
            t.announcement = None;
            t.ivr = None;
            t.callback = None;
            t.resolution = None;
            t.transfer = None;
        }
        _ => {}
    }
    t
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
                    ops(),
                    // Channel: voice, chat (concurrency, stretch), email, outbound.
                    (0u8..4, 1u32..4, 0.0..0.6f64, 0.1..3.0f64, 0u8..3),
                ),
                nt..=nt,
            );
            let groups = proptest::collection::vec(
                (
                    proptest::collection::vec(0u32..12, periods..=periods),
                    proptest::collection::vec(any::<bool>(), nt..=nt),
                    0.0..40.0f64,
                    prop_oneof![Just(0u64), 0u64..200],
                    // Workforce: absenteeism, shrinkage, agents on a break, overtime rate.
                    proptest::option::of((0.0..0.3f64, 0.0..0.3f64, 0u32..3, 1.0..2.0f64)),
                ),
                ng..=ng,
            );
            let costs = proptest::option::of((
                0.0..0.1f64,
                0.0..0.2f64,
                0.0..500.0f64,
                0.0..300.0f64,
                0.0..0.3f64,
            ));
            (types, groups, Just((hours, interval_m, warm_m)), costs)
        })
        .prop_map(|(types, groups, (hours, interval_m, warm_m), costs)| {
            let interval = SimDuration::from_mins(interval_m);
            let nt = types.len();
            let contact_types: Vec<ContactType> = types
                .into_iter()
                .enumerate()
                .map(
                    |(i, (rates, handle, wrap, patience, priority, ops, channel))| {
                        let mut t = ContactType::basic(
                            format!("t{i}"),
                            Profile {
                                period: interval,
                                values: rates,
                            },
                            handle,
                            patience,
                        );
                        t.wrap_up = wrap;
                        t.priority = priority;
                        let t = with_ops(t, ops, (i + 1 < nt).then_some(i + 1));
                        with_channel(t, channel)
                    },
                )
                .collect();
            // Nothing is transferred into a campaign (its callees come from the dialer).
            let mut contact_types = contact_types;
            let outbound: Vec<bool> = contact_types
                .iter()
                .map(|t: &ContactType| t.channel.campaign().is_some())
                .collect();
            for t in &mut contact_types {
                if t.transfer
                    .as_ref()
                    .is_some_and(|tr| outbound[tr.to.0 as usize])
                {
                    t.transfer = None;
                }
            }
            let mut agent_groups: Vec<AgentGroup> = groups
                .into_iter()
                .enumerate()
                .map(
                    |(g, (staff, skills, wage, overflow, workforce))| AgentGroup {
                        name: format!("g{g}"),
                        paid: workforce.map(|(_, _, on_break, _)| Profile {
                            period: interval,
                            values: staff.iter().map(|x| x + on_break).collect(),
                        }),
                        absenteeism: workforce.map_or(0.0, |w| w.0),
                        shrinkage: workforce.map_or(0.0, |w| w.1),
                        overtime_rate: workforce.map_or(1.0, |w| w.3),
                        remote_share: 0.25,
                        remote_wage_per_hour: wage / 2.0,
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
                        overflow_after: SimDuration::from_secs(overflow),
                        blend: Blend {
                            keep_idle: (g % 3) as u32,
                            min_service_level: (g % 2 == 1).then_some(0.7),
                        },
                        occupancy_cap: (g % 3 == 2).then_some(0.8),
                    },
                )
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
                people: None,
                screen_pop: costs.map(|c| ScreenPop {
                    handle_time_cut: c.4,
                    cost_per_day: 100.0,
                }),
                costs: costs.map_or_else(Costs::default, |(telecom, ivr, day, penalty, _)| Costs {
                    telecom_per_minute: telecom,
                    ivr_per_minute: ivr,
                    ivr_per_day: day,
                    technology_per_day: day / 2.0,
                    sl_penalty_per_interval: penalty,
                    budget_per_day: Some(5000.0),
                }),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn conservation_bounds_and_aggregation(s in scenario(), seed in 0u64..1000, moves in proptest::collection::vec((1u64..240, 0u16..3, -4i32..5, 0u8..14), 0..6)) {
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
                let busy = snap.agents().filter(|a| a.group.0 as usize == gi && matches!(a.state, AgentState::Talking { .. } | AgentState::WrapUp { .. } | AgentState::Resting { .. })).count() as u32;
                prop_assert!(busy <= snap.on_duty(GroupId(gi as u16)));
            }
            let k = snap.kpis();
            let ended = k.answered + k.abandoned + k.balked + k.ivr_resolved + k.callbacks + k.backlog;
            prop_assert_eq!(k.offered, ended + k.waiting + k.in_ivr + k.callbacks_pending);
            let g = g % s.agent_groups.len() as u16;
            let minutes = SimDuration::from_mins(m % 90 + 1);
            let iv = match kind {
                0 => Intervention::AddAgents { group: GroupId(g), delta },
                1 => Intervention::Hire { group: GroupId(g), agents: delta.unsigned_abs(), lead: minutes },
                // Spikes and lulls: 0 % (no arrivals) to 400 %.
                2 => Intervention::Surge { percent: (delta + 4) as u32 * 50, duration: minutes },
                3 => Intervention::Outage { duration: minutes },
                4 => Intervention::MoveShifts { group: GroupId(g), minutes: delta * 15 },
                5 => Intervention::SetRouting { routing: [Routing::LongestIdle, Routing::MostIdleGroup, Routing::LeastSkilledFirst][m as usize % 3] },
                6 => Intervention::Callbacks { offer_after: (delta >= 0).then(|| SimDuration::from_secs(delta as u64 * 30)) },
                7 => Intervention::Announcements { on: delta >= 0 },
                8 => Intervention::ScreenPop { on: delta >= 0 },
                9 => Intervention::IvrSelfService { on: delta >= 0 },
                10 => Intervention::Blend { group: GroupId(g), keep_idle: delta.unsigned_abs(), min_service_level_percent: (delta > 0).then(|| delta as u32 * 20) },
                11 => Intervention::Dialing { on: delta >= 0 },
                12 => Intervention::OccupancyCap { group: GroupId(g), percent: (delta != 0).then(|| 50 + delta.unsigned_abs() * 10) },
                _ => Intervention::Overflow { group: GroupId(g), after: SimDuration::from_secs(delta.unsigned_abs() as u64 * 20) },
            };
            sim.apply(iv).unwrap();
        }
        let result = sim.finish();
        let k = RunKpis::of(&result.stats, &s);
        // Every offered leg ends answered, abandoned, balked or resolved in the IVR, in
        // the run, in each type and in each interval (nothing lost, nothing counted twice
        // across IVR, transfers, redials and repeat calls).
        for x in std::iter::once(&k.summary).chain(&k.by_type).chain(&k.intervals) {
            prop_assert_eq!(x.offered, x.answered + x.abandoned + x.balked + x.ivr_resolved + x.callbacks + x.backlog);
            prop_assert!(x.redials + x.repeats + x.transfers <= x.offered);
            prop_assert!((0.0..=1.0).contains(&x.fcr));
        }
        // Per channel, the same; and the campaigns' dials end in one outcome each.
        for (_, x) in &k.by_channel {
            prop_assert_eq!(x.offered, x.answered + x.abandoned + x.balked + x.ivr_resolved + x.callbacks + x.backlog);
        }
        let by_channel: f64 = k.by_channel.iter().map(|(_, x)| x.offered).sum();
        prop_assert_eq!(by_channel, k.summary.offered);
        for (t, ct) in s.contact_types.iter().enumerate() {
            let ch = &result.stats.channels[t];
            prop_assert!(ch.right_party + ch.no_answer + ch.busy + ch.machine + ch.dead <= ch.dials + 1_000);
            if let Some(c) = ct.channel.campaign() {
                prop_assert!(ch.sales as f64 <= k.by_type[t].answered);
                prop_assert_eq!(k.by_type[t].revenue, ch.sales as f64 * c.revenue_per_sale);
                if c.dialing != Dialing::Predictive {
                    prop_assert_eq!(k.by_type[t].abandoned, 0.0);
                }
            } else {
                prop_assert_eq!(ch.dials, 0);
            }
            if ct.channel != Channel::Email {
                prop_assert_eq!(k.by_type[t].backlog, 0.0);
            }
        }
        // Transfers in = answered legs sent on (inside the window), type by type.
        let transfers: f64 = k.by_type.iter().map(|x| x.transfers).sum();
        // (A leg answered in the warm-up may be transferred into the window.)
        prop_assert!(transfers <= k.summary.answered + k.summary.callbacks || s.warmup > SimDuration::ZERO);
        let parts = k.summary.labour_cost + k.summary.telecom_cost + k.summary.technology_cost + k.summary.penalty_cost;
        prop_assert!((k.summary.cost - parts).abs() < 1e-9 * (1.0 + parts));
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
        // Callers resolved in the IVR never queued: they are out of the service level.
        let queued = |x: &sim_core::report::Kpis<f64>| x.offered - x.ivr_resolved - x.callbacks;
        let in_sl: f64 = k.intervals.iter().map(|x| x.service_level * queued(x)).sum();
        prop_assert!((k.summary.service_level * queued(&k.summary) - in_sl).abs() < 1e-6 * (1.0 + in_sl));
        let cost = sum(|x| x.cost, &k.intervals);
        prop_assert!((k.summary.cost - cost).abs() < 1e-6 * (1.0 + cost));
        let busy: f64 = k.intervals.iter().map(|x| x.occupancy * x.agents).sum();
        prop_assert!((k.summary.occupancy * k.summary.agents * s.interval_count() as f64 - busy).abs() < 1e-6 * (1.0 + busy) * s.interval_count() as f64 || s.horizon.0 % s.interval.0 != 0);
        // Group busy time is the types' busy time (each contact's time counted once).
        let group_busy: u128 = result.stats.group_busy_us.iter().sum();
        let type_busy: u128 = result.stats.cells.iter().map(|c| c.busy_us).sum();
        prop_assert!(group_busy.abs_diff(type_busy) <= 64 * (1 + result.stats.contacts_simulated as u128));
        let type_occupancy = sum(|x| x.occupancy, &k.by_type);
        prop_assert!((k.summary.occupancy - type_occupancy).abs() < 1e-9);
        // The decision log (incidents included) rebuilds the same day.
        let replayed = Simulation::replay(&s, seed, 0, &result.log).unwrap();
        prop_assert_eq!(&replayed, &result);
    }
}
