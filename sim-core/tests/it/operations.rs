//! The operations model against theory, independent computations and exact identities:
//! priorities (Cobham's formula), balking (the finite waiting room M/M/c/c+K),
//! announcements (Erlang A with a longer patience), redials (the retrial fixed point),
//! and what IVR, transfers, repeat calls, screen pop and costs must add up to.
//!
//! Statistical checks use fixed seeds and independent replications; a value agrees when
//! it is within 4 standard errors of its replication mean (or a stated floor), which a
//! correct simulator misses about once in 16,000 comparisons.

use sim_core::dist::Dist;
use sim_core::erlang::{Queue, erlang_c};
use sim_core::report::{Estimate, Report, RunKpis};
use sim_core::scenario::{
    Announcement, Balking, Callback, CallbackMode, ContactType, Costs, Ivr, Profile, Redial,
    Resolution, Scenario, ScreenPop, Transfer, TypeId,
};
use sim_core::time::SimDuration;
use sim_core::{Simulation, run};

/// A long stationary single queue: one interval, a warm-up of 5 %.
fn stationary(per_hour: f64, aht: f64, patience: Option<f64>, agents: u32, hours: u64) -> Scenario {
    let horizon = SimDuration::from_hours(hours);
    let mut s = Scenario::single_queue(
        per_hour,
        Dist::exponential(aht),
        patience.map(Dist::exponential),
        agents,
        horizon,
    );
    s.warmup = SimDuration::from_hours((hours / 20).max(1));
    s.interval = horizon;
    s
}

/// `sim` agrees with `theory`: within 4 standard errors (the 95 % half-width over 1.96,
/// roughly) or `floor`.
fn agrees(what: &str, sim: Estimate, theory: f64, floor: f64) {
    let se = sim.ci95 / 2.1;
    let tolerance = (4.0 * se).max(floor);
    assert!(
        (sim.mean - theory).abs() <= tolerance,
        "{what}: simulated {:.5} ± {:.5}, theory {theory:.5} (tolerance {tolerance:.5})",
        sim.mean,
        sim.ci95
    );
}

#[test]
fn two_priority_classes_match_cobhams_formula() {
    // Non-preemptive priority M/M/c with a common service rate (Cobham 1954): the mean
    // wait of class k is C(c, a) / (cμ) / ((1 − σ_{k−1})(1 − σ_k)), σ_k the load of the
    // classes up to k. Ten agents, 4-minute calls, 60 VIP and 70 regular calls an hour.
    let (c, aht, vip, regular) = (10u32, 240.0, 60.0, 70.0);
    let mut s = stationary(vip, aht, None, c, 1000);
    let mut second = s.contact_types[0].clone();
    s.contact_types[0].name = "vip".into();
    s.contact_types[0].priority = 10;
    second.name = "regular".into();
    second.arrivals = Profile::constant(regular);
    s.contact_types.push(second);
    s.agent_groups[0].skills.push(TypeId(1));
    let r = run(&s, 11, 10);

    let mu = 1.0 / aht;
    let a = (vip + regular) / 3600.0 * aht;
    let base = erlang_c(c, a) / (c as f64 * mu);
    let rho_vip = vip / 3600.0 / (c as f64 * mu);
    let rho = a / c as f64;
    let w_vip = base / (1.0 - rho_vip);
    let w_regular = base / ((1.0 - rho_vip) * (1.0 - rho));
    let kpis = |name: &str| r.by_type.0.iter().find(|(n, _)| n == name).unwrap().1;
    agrees("VIP ASA (s)", kpis("vip").asa_s, w_vip, 0.3);
    agrees("regular ASA (s)", kpis("regular").asa_s, w_regular, 1.0);
    // Priorities move waiting between the classes, not the total (the conservation law).
    assert!(w_vip < 0.35 * w_regular, "{w_vip} vs {w_regular}");
}

#[test]
fn balking_on_a_full_queue_is_the_finite_waiting_room() {
    // Callers who find K waiting always leave: M/M/c/c+K, and by PASTA the balking share
    // is the stationary probability of c + K in the system.
    let (c, aht, per_hour, k) = (8u32, 240.0, 112.5, 5u32);
    let mut s = stationary(per_hour, aht, None, c, 2000);
    s.contact_types[0].balking = Some(Balking {
        queue: k,
        probability: 1.0,
    });
    let r = run(&s, 5, 10);
    let a = per_hour / 3600.0 * aht;
    let mut p = vec![1.0f64];
    for n in 1..=(c + k) {
        let last = p[n as usize - 1];
        p.push(last * a / n.min(c) as f64);
    }
    let total: f64 = p.iter().sum();
    let blocked = p[(c + k) as usize] / total;
    let balked_share = Estimate {
        mean: r.summary.balked.mean / r.summary.offered.mean,
        ci95: r.summary.balked.ci95 / r.summary.offered.mean,
    };
    agrees("balked share", balked_share, blocked, 0.002);
    assert!(
        blocked > 0.03,
        "the case must balk often enough to test: {blocked}"
    );
}

#[test]
fn informed_callers_are_erlang_a_with_a_longer_patience() {
    // Every waiting caller hears the wait and waits twice as long: with exponential
    // patience of mean θ that is Erlang A with patience 2θ.
    let (c, aht, per_hour, theta) = (10u32, 240.0, 140.0, 90.0);
    let mut s = stationary(per_hour, aht, Some(theta), c, 400);
    s.contact_types[0].announcement = Some(Announcement {
        patience_factor: 2.0,
        share: 1.0,
    });
    let r = run(&s, 3, 10);
    let theory = Queue {
        arrival_rate: per_hour / 3600.0,
        mean_handle: aht,
        agents: c,
        patience: Some(2.0 * theta),
    }
    .metrics(20.0);
    let plain = Queue {
        patience: Some(theta),
        ..Queue {
            arrival_rate: per_hour / 3600.0,
            mean_handle: aht,
            agents: c,
            patience: None,
        }
    }
    .metrics(20.0);
    agrees(
        "abandonment",
        r.summary.abandon_rate,
        theory.p_abandon,
        0.003,
    );
    agrees(
        "service level",
        r.summary.service_level,
        theory.service_level,
        0.005,
    );
    assert!(
        theory.p_abandon < 0.9 * plain.p_abandon,
        "{} vs {}",
        theory.p_abandon,
        plain.p_abandon
    );
}

#[test]
fn redials_match_the_retrial_fixed_point() {
    // Half of the callers who hang up call again after 30 minutes on average. With long
    // redial delays the redials join a Poisson-like stream, and the offered rate solves
    // λ = λ₀ + p·λ·P_ab(λ), P_ab from Erlang A (the classic fixed-point approximation of
    // retrial queues; it is exact in the limit of long delays, so the bar here is 1 %
    // of the offered rate and 0.5 points of abandonment, not a confidence interval).
    let (c, aht, per_hour, theta, p) = (7u32, 240.0, 100.0, 120.0, 0.5);
    let mut s = stationary(per_hour, aht, Some(theta), c, 1000);
    s.contact_types[0].redial = Some(Redial {
        probability: p,
        delay: Dist::exponential(1800.0),
    });
    let r = run(&s, 8, 10);
    let p_ab = |lambda: f64| {
        Queue {
            arrival_rate: lambda / 3600.0,
            mean_handle: aht,
            agents: c,
            patience: Some(theta),
        }
        .metrics(20.0)
        .p_abandon
    };
    let mut lambda = per_hour;
    for _ in 0..200 {
        lambda = per_hour / (1.0 - p * p_ab(lambda));
    }
    let hours = s.horizon.as_secs_f64() / 3600.0;
    let offered_per_hour = r.summary.offered.mean / hours;
    assert!(
        (offered_per_hour - lambda).abs() <= 0.01 * lambda,
        "offered {offered_per_hour:.2}/h, fixed point {lambda:.2}/h"
    );
    agrees("abandonment", r.summary.abandon_rate, p_ab(lambda), 0.005);
    // Redials are the same customers: offered − redials are the first attempts.
    let first = (r.summary.offered.mean - r.summary.redials.mean) / hours;
    assert!((first - per_hour).abs() < 0.01 * per_hour, "{first}");
}

#[test]
fn features_that_change_nothing_give_the_same_report() {
    // Each part of the model draws from its own stream, so switching one on with no
    // effect (nobody balks, redials, is informed; everyone is resolved; nobody is
    // transferred) leaves every number of the plain run unchanged.
    let mut plain = stationary(150.0, 240.0, Some(180.0), 10, 8);
    plain.interval = SimDuration::from_mins(30);
    let mut tier2 = ContactType::basic(
        "tier2",
        Profile::constant(0.0),
        Dist::exponential(400.0),
        None,
    );
    tier2.priority = 1;
    plain.contact_types.push(tier2);
    plain.agent_groups[0].skills.push(TypeId(1));
    let mut neutral = plain.clone();
    let t = &mut neutral.contact_types[0];
    t.balking = Some(Balking {
        queue: 0,
        probability: 0.0,
    });
    t.redial = Some(Redial {
        probability: 0.0,
        delay: Dist::exponential(60.0),
    });
    t.announcement = Some(Announcement {
        patience_factor: 1.0,
        share: 1.0,
    });
    t.resolution = Some(Resolution {
        first_contact: 1.0,
        repeat_delay: Dist::exponential(60.0),
    });
    t.transfer = Some(Transfer {
        share: 0.0,
        to: TypeId(1),
    });
    assert_eq!(run(&plain, 42, 3), run(&neutral, 42, 3));
}

#[test]
fn ivr_self_service_misroutes_and_costs() {
    // 30 % resolved in a one-minute IVR; 10 % of the rest press the wrong option, wait in
    // the other queue, spend 45 s with the wrong agent and are transferred back.
    let mut s = stationary(200.0, 200.0, None, 14, 200);
    s.interval = SimDuration::from_hours(1);
    let mut other = s.contact_types[0].clone();
    other.name = "billing".into();
    other.arrivals = Profile::constant(50.0);
    s.contact_types.push(other);
    s.agent_groups[0].skills.push(TypeId(1));
    s.contact_types[0].ivr = Some(Ivr {
        time: Dist::constant(60.0),
        self_service: 0.3,
        misroute: 0.1,
        misroute_time: SimDuration::from_secs(45),
    });
    s.costs = Costs {
        ivr_per_minute: 0.10,
        ..Costs::default()
    };
    let result = Simulation::new(&s, 9).finish();
    let k = RunKpis::of(&result.stats, &s);
    let general = &k.by_type[0];
    // Transfers skip the IVR: the first attempts went through it.
    let n = general.offered;
    let first_attempts = n - general.transfers;
    let share = general.ivr_resolved / first_attempts;
    let se = (0.3 * 0.7 / first_attempts).sqrt();
    assert!((share - 0.3).abs() < 4.0 * se, "self-service {share}");
    // Transfers back to "general" are the misrouted calls (the queue they waited in
    // was billing's).
    let routed = n - general.ivr_resolved - general.transfers;
    let misrouted = general.transfers / routed;
    let se = (0.1 * 0.9 / routed).sqrt();
    assert!((misrouted - 0.1).abs() < 4.0 * se, "misrouted {misrouted}");
    assert_eq!(k.by_type[1].transfers, 0.0);
    // Each first attempt spent exactly one minute in the IVR, at 0.10 a minute.
    assert!((k.summary.technology_cost - 0.10 * first_attempts).abs() < 1e-6);
    // Those resolved in the IVR never queued: the service level leaves them out.
    let queued = k.summary.offered - k.summary.ivr_resolved;
    assert!(k.summary.service_level * queued <= k.summary.answered + 1e-9);
}

#[test]
fn transfers_and_repeat_calls_follow_their_shares() {
    // 20 % of answered general calls go to tier 2; 70 % of the others are resolved first
    // time, the rest call again after about half an hour.
    let mut s = stationary(150.0, 240.0, None, 18, 300);
    s.interval = SimDuration::from_hours(1);
    let tier2 = ContactType::basic(
        "tier2",
        Profile::constant(0.0),
        Dist::exponential(360.0),
        None,
    );
    s.contact_types.push(tier2);
    s.agent_groups[0].skills.push(TypeId(1));
    s.contact_types[0].transfer = Some(Transfer {
        share: 0.2,
        to: TypeId(1),
    });
    s.contact_types[0].resolution = Some(Resolution {
        first_contact: 0.7,
        repeat_delay: Dist::exponential(1800.0),
    });
    let result = Simulation::new(&s, 4).finish();
    let k = RunKpis::of(&result.stats, &s);
    let (general, tier2) = (&k.by_type[0], &k.by_type[1]);
    let n = general.answered;
    let near = |x: f64, p: f64, what: &str| {
        let se = (p * (1.0 - p) / n).sqrt();
        assert!(
            (x / n - p).abs() < 4.0 * se + 2.0 / n,
            "{what}: {} vs {p}",
            x / n
        );
    };
    near(tier2.transfers, 0.2, "transferred");
    near(general.repeats, 0.8 * 0.3, "called again");
    near(general.fcr * n, 0.8 * 0.7, "resolved first time");
    // Tier 2 sees only transfers; its legs are counted once each.
    assert_eq!(tier2.offered, tier2.transfers);
    assert_eq!(tier2.offered, tier2.answered);
    assert_eq!(tier2.fcr, 1.0);
}

#[test]
fn screen_pop_cuts_talk_time_by_its_share() {
    // No abandonment, so the same callers are answered with and without screen pop, and
    // each talk time is scaled (to the microsecond).
    let s = stationary(100.0, 240.0, None, 10, 20);
    let mut popped = s.clone();
    popped.screen_pop = Some(ScreenPop {
        handle_time_cut: 0.15,
        cost_per_day: 400.0,
    });
    let before = Simulation::new(&s, 1).finish();
    let after = Simulation::new(&popped, 1).finish();
    let (kb, ka) = (
        RunKpis::of(&before.stats, &s),
        RunKpis::of(&after.stats, &popped),
    );
    assert_eq!(kb.summary.answered, ka.summary.answered);
    let ratio = ka.summary.aht_s / kb.summary.aht_s;
    assert!((ratio - 0.85).abs() < 1e-6, "{ratio}");
    assert!((ka.summary.technology_cost - 400.0).abs() < 1e-6);
}

#[test]
fn penalties_and_budget_add_up_per_interval() {
    let mut s = Scenario::single_queue(
        150.0,
        Dist::exponential(240.0),
        Some(Dist::exponential(120.0)),
        10,
        SimDuration::from_hours(8),
    );
    s.agent_groups[0].wage_per_hour = 20.0;
    s.costs = Costs {
        telecom_per_minute: 0.02,
        technology_per_day: 160.0,
        sl_penalty_per_interval: 50.0,
        budget_per_day: Some(2000.0),
        ..Costs::default()
    };
    let result = Simulation::new(&s, 2).finish();
    let k = RunKpis::of(&result.stats, &s);
    let missed = k.intervals.iter().filter(|i| i.service_level < 0.8).count() as f64;
    assert!(missed > 0.0 && missed < 16.0, "{missed}");
    assert!((k.summary.penalty_cost - 50.0 * missed).abs() < 1e-9);
    assert!((k.summary.labour_cost - 10.0 * 8.0 * 20.0).abs() < 1e-6);
    // Day costs and the budget are spread evenly over the 16 half hours.
    for i in &k.intervals {
        assert!((i.budget - 125.0).abs() < 1e-9);
        assert!((i.technology_cost - 10.0).abs() < 1e-9);
    }
    let telecom: f64 = k.intervals.iter().map(|i| i.telecom_cost).sum();
    assert!((k.summary.telecom_cost - telecom).abs() < 1e-6);
    assert!((k.summary.budget - 2000.0).abs() < 1e-9);
}

#[test]
fn a_report_with_operations_is_deterministic() {
    let mut s = stationary(150.0, 240.0, Some(120.0), 9, 8);
    s.contact_types[0].redial = Some(Redial {
        probability: 0.6,
        delay: Dist::exponential(300.0),
    });
    s.contact_types[0].balking = Some(Balking {
        queue: 4,
        probability: 0.5,
    });
    let a: Report = run(&s, 77, 4);
    let b: Report = run(&s, 77, 4);
    assert_eq!(a, b);
    assert!(a.summary.redials.mean > 0.0 && a.summary.balked.mean > 0.0);
}

#[test]
fn keep_place_callbacks_wait_as_the_erlang_c_queue() {
    // Everyone who cannot be answered at once takes a callback that keeps their place:
    // nobody abandons, the queue is the M/M/c queue, and the time to the callback is the
    // Erlang C wait of those who wait, 1 / (cμ − λ).
    let (c, aht, per_hour) = (10u32, 240.0, 135.0);
    let mut s = stationary(per_hour, aht, Some(60.0), c, 400);
    s.contact_types[0].callback = Some(Callback {
        offer_after: SimDuration::ZERO,
        accept: 1.0,
        mode: CallbackMode::KeepPlace,
    });
    let r = run(&s, 21, 10);
    let k = &r.summary;
    assert_eq!(k.abandoned.mean, 0.0);
    assert_eq!(k.answered.mean + k.callbacks.mean, k.offered.mean);
    // Those answered at once are all within the threshold; the others are called back.
    assert_eq!(k.service_level.mean, 1.0);
    let a = per_hour / 3600.0 * aht;
    agrees(
        "callback share",
        Estimate {
            mean: k.callbacks.mean / k.offered.mean,
            ci95: k.callbacks.ci95 / k.offered.mean,
        },
        erlang_c(c, a),
        0.005,
    );
    let wait = 1.0 / (c as f64 / aht - per_hour / 3600.0);
    agrees("time to callback (s)", k.callback_wait_s, wait, 2.0);
}

#[test]
fn quiet_time_callbacks_give_way_to_callers_and_are_all_made() {
    let mut s = Scenario::single_queue(
        160.0,
        Dist::exponential(240.0),
        Some(Dist::exponential(120.0)),
        10,
        SimDuration::from_hours(8),
    );
    s.contact_types[0].arrivals = Profile {
        period: SimDuration::from_hours(2),
        values: vec![100.0, 190.0, 190.0, 60.0],
    };
    let plain = Simulation::new(&s, 6).finish();
    let mut with = s.clone();
    with.contact_types[0].callback = Some(Callback {
        offer_after: SimDuration::from_secs(60),
        accept: 0.6,
        mode: CallbackMode::Quiet,
    });
    let mut keep = with.clone();
    keep.contact_types[0].callback.as_mut().unwrap().mode = CallbackMode::KeepPlace;
    let (kp, kq, kk) = (
        RunKpis::of(&plain.stats, &s).summary,
        RunKpis::of(&Simulation::new(&with, 6).finish().stats, &with).summary,
        RunKpis::of(&Simulation::new(&keep, 6).finish().stats, &keep).summary,
    );
    assert!(kq.callbacks > 50.0, "{}", kq.callbacks);
    assert_eq!(kq.offered, kq.answered + kq.abandoned + kq.callbacks);
    // Fewer callers left on the line: fewer hang up, and the line is served faster.
    assert!(
        kq.abandoned < 0.95 * kp.abandoned,
        "{} vs {}",
        kq.abandoned,
        kp.abandoned
    );
    assert!(kq.asa_s < kp.asa_s);
    // Quiet-time callbacks give way to callers on the line; keep-place ones take their
    // turn ahead of later callers.
    assert!(kq.asa_s < kk.asa_s, "{} vs {}", kq.asa_s, kk.asa_s);
    assert!(kk.callbacks > 50.0);

    // Switched off and on again mid-day, callbacks keep the scenario's mode and take-up,
    // and the day equals one where they were only moved to the new threshold.
    let at = sim_core::time::SimTime::ZERO + SimDuration::from_hours(2);
    let mut toggled = Simulation::new(&with, 6);
    toggled.run_until(at);
    for offer_after in [None, Some(SimDuration::from_secs(30))] {
        toggled
            .apply(sim_core::Intervention::Callbacks { offer_after })
            .unwrap();
    }
    assert_eq!(
        toggled.scenario().contact_types[0].callback,
        Some(Callback {
            offer_after: SimDuration::from_secs(30),
            accept: 0.6,
            mode: CallbackMode::Quiet,
        })
    );
    let mut moved = Simulation::new(&with, 6);
    moved.run_until(at);
    moved
        .apply(sim_core::Intervention::Callbacks {
            offer_after: Some(SimDuration::from_secs(30)),
        })
        .unwrap();
    assert_eq!(toggled.finish().stats, moved.finish().stats);
}

#[test]
fn an_overflow_group_answers_only_after_its_delay() {
    let mut s = stationary(150.0, 240.0, Some(180.0), 7, 40);
    s.interval = SimDuration::from_hours(1);
    let mut backup = s.agent_groups[0].clone();
    backup.name = "backup".into();
    backup.staffing = Profile::constant(4);
    backup.overflow_after = SimDuration::from_secs(30);
    s.agent_groups.push(backup);
    let mut sim = Simulation::new(&s, 12);
    sim.enable_trace();
    let mut by_backup = 0;
    let mut quick_by_backup = 0;
    while sim.step() {
        for e in sim.drain_trace() {
            if e.event == sim_core::trace::TraceKind::Answer && e.group == Some(1) {
                by_backup += 1;
                quick_by_backup += (e.wait_s.unwrap() < 30.0 - 1e-6) as u32;
            }
        }
    }
    assert!(by_backup > 100, "{by_backup}");
    assert_eq!(quick_by_backup, 0);
    // Compared with the backup group answering at once, fewer calls reach it, and the
    // service level is lower but the abandonment is held down.
    let mut pooled = s.clone();
    pooled.agent_groups[1].overflow_after = SimDuration::ZERO;
    let mut alone = s.clone();
    alone.agent_groups.pop();
    let k = |s: &Scenario| run(s, 12, 4).summary;
    let (ko, kp, ka) = (k(&s), k(&pooled), k(&alone));
    assert!(ko.service_level.mean < kp.service_level.mean);
    assert!(ko.abandon_rate.mean < 0.5 * ka.abandon_rate.mean);
}

#[test]
fn levers_mid_day_callbacks_overflow_and_routing_replay() {
    let mut s = Scenario::single_queue(
        170.0,
        Dist::exponential(240.0),
        Some(Dist::exponential(150.0)),
        9,
        SimDuration::from_hours(8),
    );
    let mut backup = s.agent_groups[0].clone();
    backup.name = "backup".into();
    backup.staffing = Profile::constant(2);
    s.agent_groups.push(backup);
    let mut sim = Simulation::new(&s, 31);
    sim.run_until(sim_core::time::SimTime::ZERO + SimDuration::from_hours(2));
    let before = sim.stats().cells.iter().map(|c| c.callbacks).sum::<u64>();
    assert_eq!(before, 0);
    sim.apply(sim_core::Intervention::Callbacks {
        offer_after: Some(SimDuration::from_secs(60)),
    })
    .unwrap();
    sim.apply(sim_core::Intervention::Overflow {
        group: sim_core::scenario::GroupId(1),
        after: SimDuration::from_secs(45),
    })
    .unwrap();
    sim.apply(sim_core::Intervention::SetRouting {
        routing: sim_core::routing::Routing::LeastSkilledFirst,
    })
    .unwrap();
    sim.enable_trace();
    let mut quick_by_backup = 0;
    while sim.now() < sim_core::time::SimTime::ZERO + SimDuration::from_hours(6) && sim.step() {
        for e in sim.drain_trace() {
            if e.event == sim_core::trace::TraceKind::Answer && e.group == Some(1) {
                quick_by_backup += (e.wait_s.unwrap() < 45.0 - 1e-6) as u32;
            }
        }
    }
    assert_eq!(quick_by_backup, 0, "the backup group answered before 45 s");
    let result = sim.finish();
    let k = RunKpis::of(&result.stats, &s).summary;
    assert!(k.callbacks > 10.0, "{}", k.callbacks);
    let replayed = Simulation::replay(&s, 31, 0, &result.log).unwrap();
    assert_eq!(replayed, result);
}

/// Announcements switched off at the opening give exactly the day without them; switched
/// off and on again, exactly the day with them; switched on mid-day, informed callers
/// wait longer before hanging up, so fewer hang up than without.
#[test]
fn announcements_switch_on_and_off_mid_day() {
    let mut with = stationary(110.0, 240.0, Some(120.0), 8, 8);
    with.contact_types[0].announcement = Some(Announcement {
        patience_factor: 2.0,
        share: 1.0,
    });
    let mut without = with.clone();
    without.contact_types[0].announcement = None;
    let day = |s: &Scenario, switches: &[(u64, bool)]| {
        let mut sim = Simulation::new(s, 8);
        for &(hour, on) in switches {
            sim.run_until(sim_core::time::SimTime::ZERO + SimDuration::from_hours(hour));
            sim.apply(sim_core::Intervention::Announcements { on })
                .unwrap();
        }
        sim.finish().stats
    };
    assert_eq!(day(&with, &[(0, false)]), day(&without, &[]));
    assert_eq!(day(&with, &[(0, false), (0, true)]), day(&with, &[]));
    let switched_on = RunKpis::of(&day(&with, &[(0, false), (4, true)]), &with).summary;
    let never = RunKpis::of(&day(&without, &[]), &without).summary;
    assert!(
        switched_on.abandoned < never.abandoned,
        "{} vs {}",
        switched_on.abandoned,
        never.abandoned
    );
}

/// The screen pop switched off at the opening is the day without it (its cost too);
/// switched off for the second half of a 20-hour day, half its cost is paid and the
/// talk times of the second half are not cut.
#[test]
fn screen_pop_switches_on_and_off_with_its_cost() {
    let s = stationary(100.0, 240.0, None, 10, 20);
    let mut popped = s.clone();
    popped.screen_pop = Some(ScreenPop {
        handle_time_cut: 0.15,
        cost_per_day: 400.0,
    });
    let day = |sc: &Scenario, switches: &[(u64, bool)]| {
        let mut sim = Simulation::new(sc, 1);
        for &(hour, on) in switches {
            sim.run_until(sim_core::time::SimTime::ZERO + SimDuration::from_hours(hour));
            sim.apply(sim_core::Intervention::ScreenPop { on }).unwrap();
        }
        RunKpis::of(&sim.finish().stats, sc).summary
    };
    let (plain, off) = (day(&s, &[]), day(&popped, &[(0, false)]));
    assert_eq!(
        (plain.answered, plain.aht_s, plain.service_level),
        (off.answered, off.aht_s, off.service_level)
    );
    assert!(off.technology_cost.abs() < 1e-9, "{}", off.technology_cost);
    assert!((off.cost - plain.cost).abs() < 1e-9);
    // Off and on again at once: the day with it.
    assert_eq!(day(&popped, &[(0, false), (0, true)]), day(&popped, &[]));
    // The measured window is the 20 hours after one hour of warm-up: off from hour 10.5
    // is off for 10.5 of the 20 hours the day cost is spread over.
    let mut sim = Simulation::new(&popped, 1);
    sim.run_until(sim_core::time::SimTime::ZERO + SimDuration::from_mins(630));
    sim.apply(sim_core::Intervention::ScreenPop { on: false })
        .unwrap();
    let half = RunKpis::of(&sim.finish().stats, &popped).summary;
    let on = day(&popped, &[]);
    assert!(
        (on.technology_cost - half.technology_cost - 400.0 * 10.5 / 20.0).abs() < 1e-6,
        "{} vs {}",
        half.technology_cost,
        on.technology_cost
    );
    assert!(half.aht_s > on.aht_s && half.aht_s < plain.aht_s);
}

/// IVR self-service switched off at the opening is the day with a self-service share of
/// zero (callers still spend their time in the menu); off and on again, the day with it.
#[test]
fn ivr_self_service_switches_on_and_off() {
    let mut s = stationary(150.0, 200.0, Some(180.0), 10, 8);
    s.contact_types[0].ivr = Some(Ivr {
        time: Dist::exponential(50.0),
        self_service: 0.3,
        misroute: 0.0,
        misroute_time: SimDuration::from_secs(60),
    });
    let mut none = s.clone();
    none.contact_types[0].ivr.as_mut().unwrap().self_service = 0.0;
    let day = |sc: &Scenario, switches: &[bool]| {
        let mut sim = Simulation::new(sc, 4);
        for &on in switches {
            sim.apply(sim_core::Intervention::IvrSelfService { on })
                .unwrap();
        }
        sim.finish().stats
    };
    assert_eq!(day(&s, &[false]), day(&none, &[]));
    assert_eq!(day(&s, &[false, true]), day(&s, &[]));
    let (with, without) = (
        RunKpis::of(&day(&s, &[]), &s).summary,
        RunKpis::of(&day(&s, &[false]), &s).summary,
    );
    assert!(with.ivr_resolved > 0.0 && without.ivr_resolved == 0.0);
    assert!(without.answered > with.answered);
}
