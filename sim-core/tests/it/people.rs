//! People over many days against their formulas: the learning curve, the attrition
//! hazard and its memory, the hiring pipeline and its costs, QA → FCR, volume growth;
//! the occupancy cap against Erlang C; the levers; bad `[people]` sections.

use sim_core::dist::Dist;
use sim_core::erlang::Queue;
use sim_core::people::{PeopleLever, PeopleRun, Stage, run_people};
use sim_core::report::Report;
use sim_core::scenario::{
    Attrition, GroupId, HirePlan, Learning, People, Quality, Scenario, WORKING_DAYS_PER_YEAR,
};
use sim_core::time::SimDuration;
use sim_core::{Intervention, Simulation, run, run_replication};

/// A people section with no attrition, no hiring and a team of `roster`.
fn people(days: u32, roster: u32) -> People {
    People {
        days,
        headcount: vec![roster],
        recruiting_days: 0,
        training_days: 0,
        learning: Learning::default(),
        quality: Quality::default(),
        attrition: Attrition {
            annual: 0.0,
            ..Attrition::default()
        },
        incentive_per_agent_day: 0.0,
        volume_growth: 0.0,
        backfill: false,
        hires: Vec::new(),
    }
}

fn queue(rate: f64, handle: Dist, agents: u32, hours: u64) -> Scenario {
    Scenario::single_queue(rate, handle, None, agents, SimDuration::from_hours(hours))
}

/// Constant talk times make the learning curve exact: each day's AHT is the talk time
/// times the mean factor of the team, whose new half has handled the calls counted here.
#[test]
fn learning_curve_handle_times_follow_the_formula() {
    let mut s = queue(200.0, Dist::constant(240.0), 10, 8);
    let learning = Learning {
        start: 1.5,
        half_life_calls: 100.0,
    };
    s.people = Some(People {
        learning,
        hires: vec![HirePlan {
            day: 1,
            group: GroupId(0),
            agents: 10,
        }],
        ..people(6, 10)
    });
    s.validate().unwrap();
    let r = run_people(&s, 11, 0);
    let mut new_calls = 0.0;
    for d in &r.days {
        let k = &d.kpis;
        assert_eq!(k.productive, 20.0, "day {}", d.day);
        let factor = 0.5 + 0.5 * (1.0 + 0.5 * sim_core::math::powf(2.0, -new_calls / 100.0));
        assert!(
            (k.learning_factor - factor).abs() < 1e-12,
            "day {}: {} vs {factor}",
            d.day,
            k.learning_factor
        );
        // Talk times are rounded to the µs.
        assert!(
            (k.aht_s - 240.0 * factor).abs() < 1e-5,
            "day {}: AHT {} vs {}",
            d.day,
            k.aht_s,
            240.0 * factor
        );
        // Every contact of the day (no abandonment) is shared by the 20 agents.
        new_calls += k.answered / 20.0;
    }
    assert!(r.days[0].kpis.aht_s > r.days[5].kpis.aht_s);
}

/// Quits per agent-day against the hazard, and the hazard against its formula from the
/// sustained occupancy, itself the exponentially weighted mean of the daily occupancy.
#[test]
fn attrition_follows_the_hazard_and_its_memory() {
    // 400 agents, about 92 % busy: above the knee.
    let mut s = queue(2200.0, Dist::exponential(600.0), 400, 2);
    s.warmup = SimDuration::from_mins(30);
    let attrition = Attrition {
        annual: 0.6,
        knee: 0.8,
        slope: 10.0,
        memory_days: 4.0,
        incentive_halving: 0.0,
    };
    s.people = Some(People {
        attrition,
        ..people(60, 400)
    });
    let r = run_people(&s, 3, 0);
    let (mut expected, mut quits, mut sustained) = (0.0, 0.0, None::<f64>);
    for d in &r.days {
        let g = &d.groups[0];
        let want = match sustained {
            None => g.occupancy,
            Some(x) => x + (g.occupancy - x) / 4.0,
        };
        assert!(
            (g.sustained_occupancy - want).abs() < 1e-12,
            "day {}",
            d.day
        );
        sustained = Some(want);
        let h = attrition.daily_hazard(want, 0.0);
        assert!((g.hazard - h).abs() < 1e-15);
        expected += f64::from(g.productive) * h;
        quits += f64::from(g.quits);
    }
    let base = 1.0 - sim_core::math::powf(0.4, 1.0 / WORKING_DAYS_PER_YEAR);
    assert!(
        r.days[5].groups[0].hazard > 1.5 * base,
        "above the knee: {:?}",
        r.days[5].groups[0]
    );
    // Binomial counts: within 4 standard deviations.
    assert!(
        (quits - expected).abs() < 4.0 * expected.sqrt(),
        "{quits} quits, {expected:.1} expected"
    );
    assert!(quits > 30.0);

    // Incentives at the halving amount halve every day's hazard.
    let mut paid = s.clone();
    if let Some(p) = &mut paid.people {
        p.attrition.incentive_halving = 20.0;
        p.incentive_per_agent_day = 20.0;
        p.days = 5;
    }
    let with = run_people(&paid, 3, 0);
    let unpaid = Attrition {
        incentive_halving: 20.0,
        ..attrition
    };
    for a in &with.days {
        let g = &a.groups[0];
        let h = unpaid.daily_hazard(g.sustained_occupancy, 0.0);
        assert!((g.hazard - h / 2.0).abs() < 1e-15, "day {}", a.day);
        assert_eq!(a.kpis.incentives, 20.0 * f64::from(a.groups[0].productive));
    }
}

/// A hire's path: recruiting, paid training without contacts, then the phones; the
/// training cost is the trainees' paid hours at the group's wage.
#[test]
fn hires_are_recruited_trained_and_paid() {
    let mut s = queue(60.0, Dist::exponential(240.0), 6, 8);
    s.agent_groups[0].wage_per_hour = 20.0;
    s.people = Some(People {
        recruiting_days: 3,
        training_days: 2,
        hires: vec![HirePlan {
            day: 2,
            group: GroupId(0),
            agents: 3,
        }],
        ..people(8, 6)
    });
    let r = run_people(&s, 5, 0);
    let stages: Vec<(f64, f64, f64)> = r
        .days
        .iter()
        .map(|d| (d.kpis.recruiting, d.kpis.trainees, d.kpis.productive))
        .collect();
    assert_eq!(
        stages,
        vec![
            (0.0, 0.0, 6.0),
            (3.0, 0.0, 6.0),
            (3.0, 0.0, 6.0),
            (3.0, 0.0, 6.0),
            (0.0, 3.0, 6.0), // day 5 = 2 + 3: training
            (0.0, 3.0, 6.0),
            (0.0, 0.0, 9.0), // day 7: on the phones
            (0.0, 0.0, 9.0),
        ]
    );
    assert_eq!(r.days[1].kpis.hires, 3.0);
    for d in &r.days {
        assert_eq!(d.kpis.training_cost, d.kpis.trainees * 8.0 * 20.0);
        assert!((d.kpis.cost - d.kpis.operating_cost - d.kpis.training_cost).abs() < 1e-9);
    }
    // The staffing plan follows the team: 9 agents on duty from day 7.
    assert_eq!(r.runs[6].summary.agents, 9.0);
    assert_eq!(r.runs[0].summary.agents, 6.0);
}

/// Day 1 of a multi-day run with nobody new is the plain one-day run; the run repeats
/// itself; its report is the average day with the people figures.
#[test]
fn day_one_is_the_plain_day_and_runs_repeat() {
    let plain = Scenario::from_toml_str(sim_core::DEFAULT_SCENARIO, "default").unwrap();
    let mut s = plain.clone();
    s.people = Some(People {
        attrition: Attrition::default(),
        ..people(
            4,
            plain.agent_groups[0]
                .staffing
                .values
                .iter()
                .copied()
                .max()
                .unwrap(),
        )
    });
    let a = run_people(&s, 9, 1);
    assert_eq!(a.runs[0], run_replication(&plain, 9, 1));
    assert_eq!(a, run_people(&s, 9, 1));
    assert_ne!(a.runs[1], a.runs[0]);
    let report: Report = run(&s, 9, 3);
    let people = report.people.as_ref().expect("people figures");
    assert_eq!(people.by_day.len(), 4);
    let mean_sl: f64 = (0..3)
        .map(|r| {
            let days = run_people(&s, 9, r).days;
            days.iter().map(|d| d.kpis.service_level).sum::<f64>() / 4.0
        })
        .sum::<f64>()
        / 3.0;
    assert!((report.summary.service_level.mean - mean_sl).abs() < 1e-12);
    let json = serde_json::to_value(&report).unwrap();
    assert!(json["people"]["by_day"][3]["headcount"]["mean"].is_number());
}

/// The mean QA score of the agents who serve a type moves its first-contact resolution:
/// `fcr = scenario fcr + fcr_per_qa · (mean QA − qa_trained)`. Arrivals grow by
/// `(1 + growth)^(day − 1)`.
#[test]
fn quality_moves_resolution_and_volume_grows() {
    let mut s = queue(100.0, Dist::exponential(240.0), 10, 8);
    s.contact_types[0].resolution = Some(sim_core::scenario::Resolution {
        first_contact: 0.8,
        repeat_delay: Dist::exponential(3600.0),
    });
    let quality = Quality {
        qa_new: 0.5,
        qa_trained: 0.9,
        fcr_per_qa: 0.5,
    };
    s.people = Some(People {
        quality,
        volume_growth: 0.1,
        hires: vec![HirePlan {
            day: 1,
            group: GroupId(0),
            agents: 10,
        }],
        ..people(3, 10)
    });
    let mut run = PeopleRun::new(&s, 1, 0);
    let sim = run.begin_day();
    let day1 = sim.scenario().clone();
    // Half the team new (QA 0.5), half proficient (0.9): mean 0.7.
    let fcr = day1.contact_types[0]
        .resolution
        .as_ref()
        .unwrap()
        .first_contact;
    assert!((fcr - (0.8 + 0.5 * (0.7 - 0.9))).abs() < 1e-12, "{fcr}");
    assert_eq!(day1.contact_types[0].arrivals.values, vec![100.0]);
    run.end_day(&sim.finish());
    let day2 = run.scenario_for_day(2);
    assert!((day2.contact_types[0].arrivals.values[0] - 110.0).abs() < 1e-9);
    let fcr2 = day2.contact_types[0]
        .resolution
        .as_ref()
        .unwrap()
        .first_contact;
    assert!(fcr2 > fcr, "the new agents learned: {fcr2} > {fcr}");
    assert_eq!(day2.agent_groups[0].staffing.values, vec![20]);
}

/// Under an occupancy cap `c` an agent is unavailable for (talk + wrap) / c: with
/// exponential talk times the queue is Erlang C's with a mean of AHT / c, while the
/// occupancy (busy time only) stays λ·AHT / n ≤ c.
#[test]
fn occupancy_cap_is_erlang_c_with_longer_service() {
    let (per_hour, aht, agents, cap) = (100.0, 240.0, 10u32, 0.8);
    let mut s = queue(per_hour, Dist::exponential(aht), agents, 2000);
    s.agent_groups[0].occupancy_cap = Some(cap);
    s.warmup = SimDuration::from_hours(10);
    s.interval = s.horizon;
    let theory = Queue {
        arrival_rate: per_hour / 3600.0,
        mean_handle: aht / cap,
        agents,
        patience: None,
    }
    .metrics(20.0);
    let r = run(&s, 21, 10);
    let m = &r.summary;
    let near = |name: &str, sim: sim_core::report::Estimate, th: f64, floor: f64| {
        assert!(
            (sim.mean - th).abs() <= (3.0 * sim.ci95).max(floor),
            "{name}: simulated {} ±{}, theory {th}",
            sim.mean,
            sim.ci95
        );
    };
    near(
        "service level",
        m.service_level,
        theory.service_level,
        0.005,
    );
    near("ASA", m.asa_s, theory.asa, 1.0);
    near(
        "occupancy",
        m.occupancy,
        per_hour / 3600.0 * aht / f64::from(agents),
        0.005,
    );
    // Without the cap the same load waits far less.
    s.agent_groups[0].occupancy_cap = None;
    let free = run(&s, 21, 2);
    assert!(free.summary.asa_s.mean < m.asa_s.mean / 3.0);
}

/// In a saturated queue the cap holds every agent's occupancy at the cap; the stepping
/// intervention sets it mid-day, and agents show as resting in the snapshot.
#[test]
fn occupancy_cap_holds_and_is_a_lever() {
    let mut s = queue(400.0, Dist::exponential(300.0), 10, 8);
    s.agent_groups[0].occupancy_cap = Some(0.75);
    let capped = Simulation::new(&s, 4).finish();
    let occ = capped.stats.group_occupancy(0);
    // (A contact that ends at the close has its breather after it, outside the window.)
    assert!((0.73..=0.755).contains(&occ), "{occ}");

    s.agent_groups[0].occupancy_cap = None;
    let mut sim = Simulation::new(&s, 4);
    sim.run_until(sim_core::time::SimTime::ZERO + SimDuration::from_hours(1));
    sim.apply(Intervention::OccupancyCap {
        group: GroupId(0),
        percent: Some(60),
    })
    .unwrap();
    sim.run_until(sim_core::time::SimTime::ZERO + SimDuration::from_hours(3));
    let resting = sim
        .snapshot()
        .agents()
        .filter(|a| matches!(a.state, sim_core::snapshot::AgentState::Resting { .. }))
        .count();
    assert!(resting > 0);
    let stepped = sim.finish();
    let o = stepped.stats.group_occupancy(0);
    // 1 h near 100 %, 7 h at 60 %.
    assert!((0.62..=0.68).contains(&o), "{o}");
    assert!(
        Simulation::apply(
            &mut Simulation::new(&s, 4),
            Intervention::OccupancyCap {
                group: GroupId(3),
                percent: None
            }
        )
        .is_err()
    );
}

/// Each people lever changes what it should, from the next day.
#[test]
fn people_levers() {
    let mut s = queue(150.0, Dist::exponential(240.0), 12, 8);
    s.agent_groups[0].wage_per_hour = 10.0;
    s.people = Some(People {
        recruiting_days: 1,
        training_days: 3,
        attrition: Attrition {
            annual: 0.9,
            knee: 0.3,
            slope: 5.0,
            memory_days: 1.0,
            incentive_halving: 5.0,
        },
        ..people(10, 12)
    });
    let mut run = PeopleRun::new(&s, 2, 0);
    run.apply(PeopleLever::TrainingDays(1)).unwrap();
    run.apply(PeopleLever::Hire {
        group: GroupId(0),
        agents: 2,
    })
    .unwrap();
    run.run_day(); // day 1: hired, recruiting
    let d2 = run.run_day().clone(); // day 2: training (1 day)
    assert_eq!(d2.kpis.trainees, 2.0);
    let d3 = run.run_day().clone();
    assert_eq!(d3.kpis.trainees, 0.0);
    assert!(
        run.cohorts()
            .iter()
            .any(|c| c.hired_on == 1 && c.stage == Stage::Productive)
    );

    let before = d3.groups[0].hazard;
    run.apply(PeopleLever::Incentive { per_agent_day: 5.0 })
        .unwrap();
    let d4 = run.run_day().clone();
    assert!(
        d4.groups[0].hazard < before * 0.75,
        "{} vs {before}",
        d4.groups[0].hazard
    );
    assert!(d4.kpis.incentives > 0.0);

    run.apply(PeopleLever::OccupancyCap {
        group: GroupId(0),
        percent: Some(70),
    })
    .unwrap();
    let d5 = run.run_day().clone();
    // (At most a contact that ends at the close beyond the cap.)
    assert!(
        d5.groups[0].occupancy <= 0.705,
        "{}",
        d5.groups[0].occupancy
    );
    assert_eq!(run.occupancy_caps(), vec![Some(0.7)]);

    run.apply(PeopleLever::Incentive { per_agent_day: 0.0 })
        .unwrap();
    run.apply(PeopleLever::OccupancyCap {
        group: GroupId(0),
        percent: None,
    })
    .unwrap();
    run.apply(PeopleLever::Backfill(true)).unwrap();
    let r = run.finish();
    // From day 5 on, each day's quits are the next day's hires.
    let quits: f64 = r.days[4..9].iter().map(|d| d.kpis.quits).sum();
    let hires: f64 = r.days[5..10].iter().map(|d| d.kpis.hires).sum();
    assert!(quits > 0.0, "a stressed team loses people");
    assert_eq!(quits, hires);

    let mut bad = PeopleRun::new(&s, 2, 0);
    assert!(
        bad.apply(PeopleLever::Hire {
            group: GroupId(5),
            agents: 1
        })
        .is_err()
    );
    assert!(
        bad.apply(PeopleLever::Incentive {
            per_agent_day: f64::NAN
        })
        .is_err()
    );
}

/// A `[people]` section's mistakes, each with its place.
#[test]
fn bad_people_sections_name_the_field() {
    let base = sim_core::DEFAULT_SCENARIO;
    let cases = [
        ("[people]\ndays = 0\n", "people.days: expected 1 to 3650"),
        (
            "[people]\ndays = 5\nhires = [{ day = 2, group = \"nobody\", agents = 1 }]\n",
            "people.hires[0].group: no agent group is named \"nobody\"",
        ),
        (
            "[people]\ndays = 5\nhires = [{ day = 9, group = \"tier1\", agents = 1 }]\n",
            "people.hires[0].day: expected a day from 1 to 5, found 9",
        ),
        (
            "[people]\ndays = 5\nheadcount = { ghosts = 3 }\n",
            "people.headcount.ghosts: no agent group",
        ),
        (
            "[people]\ndays = 5\nattrition = { annual = 1.0 }\n",
            "people.attrition.annual: must be below 1",
        ),
        (
            "[people]\ndays = 5\nlearning = { start = 0.5 }\n",
            "people.learning.start: expected a number from 1 to 10, found 0.5",
        ),
        (
            "[people]\ndays = 5\nquality = { qa_new = 0.95 }\n",
            "people.quality.qa_new: is above qa_trained",
        ),
        ("[people]\ndays = 5\nweeks = 2\n", "unknown field `weeks`"),
    ];
    for (extra, want) in cases {
        let text = format!("{base}\n{extra}");
        let err = Scenario::from_toml_str(&text, "team.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains(want), "{extra}: {err}");
        assert!(err.starts_with("team.toml:"), "{err}");
    }
    let text = base.replace(
        "skills = [\"general\"]",
        "skills = [\"general\"]\noccupancy_cap = 1.5",
    );
    let err = Scenario::from_toml_str(&text, "cap.toml")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("occupancy_cap: expected an occupancy from 0.3 to 1"),
        "{err}"
    );
}
