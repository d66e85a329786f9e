//! Channels beyond voice against theory and their own rules: chat slots as servers, the
//! stretch model, the email backlog and its carry-over, the predictive dialer's
//! abandonment against a renewal argument, the abandonment cap and blending.

use sim_core::dist::Dist;
use sim_core::erlang::Queue;
use sim_core::report::{Report, RunKpis};
use sim_core::scenario::{
    AgentGroup, Blend, Campaign, Channel, Chat, ContactType, Dialing, Profile, Scenario, TypeId,
};
use sim_core::time::SimDuration;
use sim_core::{Simulation, run};

fn chat(concurrency: u32, stretch: f64) -> Channel {
    Channel::Chat(Chat {
        concurrency,
        stretch,
    })
}

/// A chat type with concurrency 1 is the voice model: the same run, bit for bit.
#[test]
fn chat_with_concurrency_one_is_voice() {
    let voice = Scenario::single_queue(
        100.0,
        Dist::exponential(300.0),
        Some(Dist::exponential(180.0)),
        9,
        SimDuration::from_hours(8),
    );
    let mut as_chat = voice.clone();
    as_chat.contact_types[0].channel = chat(1, 0.5);
    for seed in [1, 2, 3] {
        let a = Simulation::new(&voice, seed).finish();
        let b = Simulation::new(&as_chat, seed).finish();
        assert_eq!(a.stats, b.stats, "seed {seed}");
    }
}

/// With no stretch, an agent's chat slots are independent servers: `n` agents holding
/// `k` chats each are an M/M/(k·n)+M queue, which Erlang A gives.
#[test]
fn chat_slots_without_stretch_are_erlang_a_servers() {
    let (per_hour, aht, patience, agents, k) = (60.0, 600.0, 300.0, 4u32, 3u32);
    let hours = 2000;
    let mut s = Scenario::single_queue(
        per_hour,
        Dist::exponential(aht),
        Some(Dist::exponential(patience)),
        agents,
        SimDuration::from_hours(hours),
    );
    s.contact_types[0].channel = chat(k, 0.0);
    s.warmup = SimDuration::from_hours(20);
    s.interval = s.horizon;
    let theory = Queue {
        arrival_rate: per_hour / 3600.0,
        mean_handle: aht,
        agents: agents * k,
        patience: Some(patience),
    }
    .metrics(20.0);
    let r: Report = run(&s, 77, 10);
    let m = &r.summary;
    let near = |name: &str, sim: sim_core::report::Estimate, th: f64, floor: f64| {
        // Family of four comparisons: 3 half-widths is a generous Bonferroni bound.
        assert!(
            (sim.mean - th).abs() <= (3.0 * sim.ci95).max(floor),
            "{name}: simulated {} ±{}, Erlang A with {} servers {th}",
            sim.mean,
            sim.ci95,
            agents * k
        );
    };
    near(
        "service level",
        m.service_level,
        theory.service_level,
        0.005,
    );
    near("abandonment", m.abandon_rate, theory.p_abandon, 0.005);
    near("ASA", m.asa_s, theory.asa, 1.0);
    // Occupancy counts slots in use: the servers' occupancy.
    near("occupancy", m.occupancy, theory.occupancy, 0.005);
}

/// The stretch model: a saturated agent always starts a chat as its third, so each chat
/// takes `1 + 2 × stretch` times its own time (after the first two of the day).
#[test]
fn chat_stretch_follows_its_formula() {
    let mut s = Scenario::single_queue(
        600.0,
        Dist::constant(60.0),
        None,
        1,
        SimDuration::from_hours(4),
    );
    s.contact_types[0].channel = chat(3, 0.5);
    let r = Simulation::new(&s, 5).finish();
    let k = RunKpis::of(&r.stats, &s);
    let expected = 60.0 * (1.0 + 0.5 * 2.0);
    // The first chats of the day start as the first and second: a hair under 120 s.
    assert!(
        k.summary.aht_s > expected - 0.5 && k.summary.aht_s <= expected,
        "AHT {} s, expected just under {expected} s",
        k.summary.aht_s
    );
    // Three slots busy all day: occupancy 1 (minus the first seconds).
    assert!(k.summary.occupancy > 0.99, "{}", k.summary.occupancy);
}

fn email_center(agents: u32) -> Scenario {
    let mut s = Scenario::single_queue(
        40.0,
        Dist::exponential(360.0),
        None,
        agents,
        SimDuration::from_hours(8),
    );
    s.contact_types[0].name = "email".into();
    s.contact_types[0].channel = Channel::Email;
    s.contact_types[0].priority = -1000;
    s.contact_types[0].threshold = Some(SimDuration::from_hours(4));
    s
}

/// Too few agents for the emails: a backlog builds; every offered email is answered or in
/// the backlog (none abandons, none is worked after the close), and the next day works
/// the carried ones first with their age counted in their response time.
#[test]
fn email_backlog_is_kept_and_carried_into_the_next_day() {
    let s = email_center(2);
    let day1 = Simulation::new(&s, 11).finish();
    let k = RunKpis::of(&day1.stats, &s);
    assert!(k.summary.backlog > 30.0, "backlog {}", k.summary.backlog);
    assert_eq!(k.summary.abandoned, 0.0);
    assert_eq!(
        k.summary.offered,
        k.summary.answered + k.summary.backlog,
        "offered = answered + backlog"
    );
    assert_eq!(day1.backlog.len() as f64, k.summary.backlog);
    // The backlog's ages: oldest first, none older than the day.
    let ages: Vec<f64> = day1.backlog.iter().map(|b| b.1.as_secs_f64()).collect();
    assert!(ages.windows(2).all(|w| w[0] >= w[1]), "oldest first");
    assert!(ages[0] <= 8.0 * 3600.0);
    let overdue = ages.iter().filter(|&&a| a > 4.0 * 3600.0).count() as u64;
    assert_eq!(day1.stats.channels[0].backlog_overdue, overdue);

    // The next day, with enough agents: the carried emails are answered first, counted
    // apart (not offered again), their waits including the night (16 h) and their age.
    let carried: Vec<(TypeId, SimDuration)> = day1
        .backlog
        .iter()
        .map(|&(t, age)| (t, age + SimDuration::from_hours(16)))
        .collect();
    let s2 = email_center(8);
    let day2 = Simulation::new_day(&s2, 12, 0, &carried).finish();
    let ch = &day2.stats.channels[0];
    assert_eq!(ch.carried_answered, carried.len() as u64);
    // All of them waited the night: none within the 4 h target.
    assert_eq!(ch.carried_in_threshold, 0);
    let min_wait: f64 = carried.iter().map(|c| c.1.as_secs_f64()).sum();
    assert!(ch.carried_wait_us as f64 / 1e6 >= min_wait);
    let k2 = RunKpis::of(&day2.stats, &s2);
    assert_eq!(k2.summary.offered, k2.summary.answered + k2.summary.backlog);
}

/// One agent, a predictive dialer keeping `r` calls in flight while the agent is free,
/// a right party with probability `p`, talks far longer than the ring time: when a callee
/// reaches the agent, the other `r − 1` calls in flight end while it talks, and each
/// right party among them is dropped. So drops per talk are Binomial(r − 1, p), and the
/// abandoned-call rate is (r − 1)p / (1 + (r − 1)p) (renewal-reward).
#[test]
fn predictive_abandon_rate_matches_the_renewal_argument() {
    for (r, p) in [(3.0, 0.4), (2.0, 0.25)] {
        let mut c = Campaign::predictive(1_000_000, r);
        c.right_party = p;
        c.no_answer = 1.0 - p;
        c.busy = 0.0;
        c.machine = 0.0;
        c.ring_time = Dist::constant(10.0);
        let mut s = Scenario::single_queue(
            0.0,
            Dist::constant(600.0),
            None,
            1,
            SimDuration::from_hours(400),
        );
        s.contact_types[0].arrivals = Profile::constant(0.0);
        s.contact_types[0].channel = Channel::Outbound(c);
        s.contact_types[0].patience = Some(Dist::constant(2.0));
        s.interval = s.horizon;
        let rep: Report = run(&s, 3, 8);
        let theory = (r - 1.0) * p / (1.0 + (r - 1.0) * p);
        let sim = &rep.campaigns[0].kpis.abandon_rate;
        assert!(
            (sim.mean - theory).abs() <= (3.0 * sim.ci95).max(0.005),
            "r = {r}, p = {p}: simulated {} ±{}, theory {theory}",
            sim.mean,
            sim.ci95
        );
        // Outcomes in their shares.
        let k = &rep.campaigns[0].kpis;
        assert!((k.right_party_rate.mean - p).abs() < 0.01);
    }
}

fn blended(blend: Blend, dialing: Dialing, cap: Option<f64>) -> Scenario {
    let mut s = Scenario::single_queue(
        80.0,
        Dist::exponential(240.0),
        Some(Dist::exponential(120.0)),
        8,
        SimDuration::from_hours(8),
    );
    let mut c = Campaign::predictive(100_000, 2.0);
    c.dialing = dialing;
    c.abandon_cap = cap;
    c.revenue_per_sale = 50.0;
    let mut out = ContactType::basic(
        "sales",
        Profile::constant(0.0),
        Dist::exponential(180.0),
        Some(Dist::constant(2.0)),
    );
    out.channel = Channel::Outbound(c);
    out.priority = 1000;
    s.contact_types.push(out);
    s.agent_groups[0].skills.push(TypeId(1));
    s.agent_groups[0].blend = blend;
    s.interval = SimDuration::from_hours(1);
    s
}

/// Blending trades inbound service for outbound revenue, and its rules hold: agents kept
/// idle for inbound never dial, a service-level floor cuts outbound, progressive dialing
/// never drops a call, and a capped predictive dialer stays under its cap.
#[test]
fn blending_rules_and_the_abandon_cap() {
    let reps = 10;
    let inbound_only = {
        let mut s = blended(Blend::default(), Dialing::Predictive, None);
        s.agent_groups[0].blend.keep_idle = 8;
        run(&s, 9, reps)
    };
    assert_eq!(inbound_only.campaigns[0].kpis.dials.mean, 0.0);
    let free = run(
        &blended(Blend::default(), Dialing::Predictive, None),
        9,
        reps,
    );
    let floor = run(
        &blended(
            Blend {
                keep_idle: 1,
                min_service_level: Some(0.9),
            },
            Dialing::Predictive,
            None,
        ),
        9,
        reps,
    );
    let sl = |r: &Report| r.by_type.0[0].1.service_level.mean;
    let dials = |r: &Report| r.campaigns[0].kpis.dials.mean;
    assert!(dials(&free) > 500.0, "{}", dials(&free));
    assert!(
        sl(&free) < sl(&inbound_only) - 0.05,
        "outbound costs inbound service: {} vs {}",
        sl(&free),
        sl(&inbound_only)
    );
    assert!(dials(&floor) < dials(&free) && sl(&floor) > sl(&free));
    let revenue = &free.campaigns[0].kpis;
    assert_eq!(revenue.revenue.mean, revenue.sales.mean * 50.0);
    assert_eq!(free.summary.revenue.mean, revenue.revenue.mean);

    let progressive = run(
        &blended(Blend::default(), Dialing::Progressive, None),
        9,
        reps,
    );
    assert!(dials(&progressive) > 100.0);
    assert_eq!(progressive.campaigns[0].kpis.abandoned.mean, 0.0);

    let capped = run(
        &blended(Blend::default(), Dialing::Predictive, Some(0.03)),
        9,
        20,
    );
    let k = &capped.campaigns[0].kpis;
    let uncapped = &free.campaigns[0].kpis;
    assert!(
        uncapped.abandon_rate.mean > 0.05,
        "{}",
        uncapped.abandon_rate.mean
    );
    assert!(
        k.abandon_rate.mean + k.abandon_rate.ci95 < 0.03,
        "capped at 3 %: {} ±{}",
        k.abandon_rate.mean,
        k.abandon_rate.ci95
    );
}

/// Channel fields in the wrong place are named errors.
#[test]
fn channel_fields_are_checked() {
    let base = r#"
name = "x"
horizon = "8h"
[[contact_types]]
name = "t"
arrivals = { rate_per_hour = 10 }
handle_time = { dist = "exponential", mean = "4m" }
EXTRA
[[agent_groups]]
name = "g"
agents = 2
skills = ["t"]
"#;
    let err = |extra: &str| {
        Scenario::from_toml_str(&base.replace("EXTRA", extra), "x.toml")
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err("concurrency = 3"),
        "x.toml:8:15: contact_types[0].concurrency: `concurrency` is for chat, and this type's channel is \"voice\""
    );
    assert!(
        err("channel = \"email\"")
            .contains("contact_types[0].threshold: an email type needs `threshold`"),
        "{}",
        err("channel = \"email\"")
    );
    assert!(
        err("channel = \"outbound\"")
            .contains("contact_types[0].arrivals: an outbound campaign has no arrivals")
    );
    assert!(err("channel = \"chat\"\nconcurrency = 40").contains("expected 1 to 20 chats at once"));
    let ok = base.replace(
        "arrivals = { rate_per_hour = 10 }\n",
        "channel = \"outbound\"\ncampaign = { list = 100, dialing = \"predictive\", right_party = 0.7, no_answer = 0.4, conversion = 0.1 }\n",
    );
    let e = Scenario::from_toml_str(&ok.replace("EXTRA", ""), "x.toml")
        .unwrap_err()
        .to_string();
    assert!(e.contains("add up to 1.1"), "{e}");
    // A well-formed campaign is accepted, with its defaults.
    let good = ok.replace("no_answer = 0.4", "no_answer = 0.3");
    let s = Scenario::from_toml_str(&good.replace("EXTRA", ""), "x.toml").unwrap();
    let c = s.contact_types[0].channel.campaign().unwrap();
    assert_eq!((c.pacing, c.connect_wait), (1.5, SimDuration::from_secs(2)));
    assert_eq!(s.contact_types[0].priority, 1000);
    // Reachable for AgentGroup::basic too.
    let _ = AgentGroup::basic("g", Profile::constant(1), vec![TypeId(0)]);
}

/// Stepping a day in small slices (as the game does, frame by frame) gives the same run
/// as running it at once: the dialers wake on calendar events, never on the caller's
/// clock.
#[test]
fn stepping_never_changes_a_blended_day() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/blended-center.toml"
    ))
    .unwrap();
    let s = Scenario::from_toml_str(&text, "blended-center.toml").unwrap();
    let whole = Simulation::new(&s, 4).finish();
    let mut sim = Simulation::new(&s, 4);
    let mut t = sim_core::time::SimTime::ZERO;
    while t < sim.window().1 {
        t += SimDuration::from_secs(37);
        sim.run_until(t);
    }
    assert_eq!(sim.finish(), whole);
}

/// The mid-day levers of blending: pausing the dialers stops new dials at once and
/// resuming restarts them; keeping every agent idle for inbound stops outbound.
#[test]
fn dialing_and_blending_levers() {
    use sim_core::Intervention;
    use sim_core::scenario::GroupId;
    let s = blended(Blend::default(), Dialing::Predictive, None);
    let at = |h: u64| sim_core::time::SimTime::ZERO + SimDuration::from_hours(h);
    let dials_between = |ivs: &[(u64, Intervention)]| {
        let mut sim = Simulation::new(&s, 21);
        let mut marks = Vec::new();
        for (h, iv) in ivs {
            sim.run_until(at(*h));
            marks.push(sim.stats().channels[1].dials);
            sim.apply(iv.clone()).unwrap();
        }
        sim.run_until(at(8));
        marks.push(sim.stats().channels[1].dials);
        marks
    };
    let m = dials_between(&[
        (2, Intervention::Dialing { on: false }),
        (4, Intervention::Dialing { on: true }),
    ]);
    assert!(m[0] > 0, "dials before the pause");
    // Paused from 2 h to 4 h: no dial in between, and dials again after.
    assert_eq!(m[1], m[0]);
    assert!(m[2] > m[1] + 50, "{m:?}");
    let m = dials_between(&[(
        3,
        Intervention::Blend {
            group: GroupId(0),
            keep_idle: 8,
            min_service_level_percent: None,
        },
    )]);
    assert_eq!(m[1], m[0], "every agent kept for inbound: no outbound");
}
