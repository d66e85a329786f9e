//! The operations missions teach what they say: on the mission's own day, the plan as
//! given misses an objective and the decision the lesson names meets them all.

use sim_core::routing::Routing;
use sim_core::scenario::GroupId;
use sim_core::time::SimDuration;
use sim_core::training::mission::{Mission, builtin};
use sim_core::training::score::{Debrief, debrief};
use sim_core::{Intervention, Simulation};

fn mission(order: u32) -> Mission {
    builtin()
        .into_iter()
        .find(|m| m.order == order)
        .expect("built-in mission")
}

/// The debrief of the mission's own day with `decisions` taken at the opening.
fn play(m: &Mission, decisions: &[Intervention]) -> Debrief {
    let seed = m.scenario.seed;
    let mut sim = Simulation::new(&m.scenario, seed);
    for d in decisions {
        sim.apply(d.clone()).unwrap();
    }
    debrief(m, seed, &sim.finish())
}

fn met(d: &Debrief) -> Vec<bool> {
    d.objectives.iter().map(|o| o.met).collect()
}

#[test]
fn routing_keeps_the_universal_team_for_mortgages() {
    let m = mission(7);
    let plain = play(&m, &[]);
    let routed = play(
        &m,
        &[Intervention::SetRouting {
            routing: Routing::LeastSkilledFirst,
        }],
    );
    let moved = play(
        &m,
        &[
            Intervention::SetRouting {
                routing: Routing::LeastSkilledFirst,
            },
            Intervention::AddAgents {
                group: GroupId(0),
                delta: -1,
            },
            Intervention::AddAgents {
                group: GroupId(2),
                delta: 1,
            },
        ],
    );
    // Objectives: center SL, mortgage line SL, abandonment, cost.
    assert_eq!(
        met(&plain),
        [true, false, true, true],
        "{:?}",
        plain.objectives
    );
    assert_eq!(met(&routed), [true; 4], "{:?}", routed.objectives);
    assert_eq!(met(&moved), [true; 4], "{:?}", moved.objectives);
    assert!(plain.stars < routed.stars);
    // The per-line result is the mortgage line's own.
    assert!(plain.objectives[1].actual.starts_with("mortgages: "));
}

#[test]
fn callbacks_at_lunch_cut_abandonment_at_no_cost() {
    let m = mission(8);
    let plain = play(&m, &[]);
    let callbacks = play(
        &m,
        &[Intervention::Callbacks {
            offer_after: Some(SimDuration::from_secs(30)),
        }],
    );
    let agent = play(
        &m,
        &[Intervention::AddAgents {
            group: GroupId(0),
            delta: 1,
        }],
    );
    // Objectives: abandonment, SL, cost.
    assert_eq!(met(&plain), [false, false, true], "{:?}", plain.objectives);
    assert_eq!(met(&callbacks), [true; 3], "{:?}", callbacks.objectives);
    assert!(!met(&agent)[2], "another agent is over budget");
    assert!(callbacks.abandon_rate < plain.abandon_rate - 0.02);
    assert!((callbacks.cost - plain.cost).abs() < 0.01 * plain.cost);
}

#[test]
fn moving_the_middle_shift_puts_the_hours_where_the_calls_are() {
    let m = mission(9);
    let plain = play(&m, &[]);
    let moved = play(
        &m,
        &[Intervention::MoveShifts {
            group: GroupId(1),
            minutes: 120,
        }],
    );
    assert_eq!(met(&plain), [false, false, true], "{:?}", plain.objectives);
    assert_eq!(met(&moved), [true; 3], "{:?}", moved.objectives);
    // The same paid hours (to within the overtime of calls finished at shift ends).
    assert!(
        (moved.cost - plain.cost).abs() < 5.0,
        "{} vs {}",
        moved.cost,
        plain.cost
    );
}

/// Mission 10: the day as planned misses the sales target; two agents called in for the
/// day bring the revenue, inside the cap, the service target and the budget.
#[test]
fn blended_sales_need_more_people_not_less_inbound() {
    let m = mission(10);
    let plain = play(&m, &[]);
    let more = play(
        &m,
        &[Intervention::AddAgents {
            group: GroupId(0),
            delta: 2,
        }],
    );
    // Objectives: revenue, outbound abandon rate, service line SL, cost.
    assert_eq!(
        met(&plain),
        [false, true, true, true],
        "{:?}",
        plain.objectives
    );
    assert_eq!(met(&more), [true; 4], "{:?}", more.objectives);
}

/// Mission 11: the phone line misses as planned; the back-office agent moved to the phones
/// and one more phone agent (emails still cleared by the close) meet every objective.
#[test]
fn deferrable_email_lets_the_desk_move_people_to_live_channels() {
    let m = mission(11);
    let plain = play(&m, &[]);
    assert_eq!(
        met(&plain),
        [false, true, true, true],
        "{:?}",
        plain.objectives
    );
    let moved = play(
        &m,
        &[
            Intervention::AddAgents {
                group: GroupId(0),
                delta: 2,
            },
            Intervention::AddAgents {
                group: GroupId(2),
                delta: -1,
            },
        ],
    );
    assert_eq!(met(&moved), [true; 4], "{:?}", moved.objectives);
}

/// Mission 12, a month: the plan as given misses the service level, the quits and the
/// headcount; hiring ahead of the growth with incentives meets them within the budget.
#[test]
fn a_month_of_attrition_is_won_by_hiring_ahead() {
    use sim_core::people::{PeopleLever, PeopleRun};
    use sim_core::training::score::debrief_month;
    let m = mission(12);
    let seed = m.scenario.seed;
    let plain = debrief_month(&m, &PeopleRun::new(&m.scenario, seed, 0).finish());
    // Objectives: service level, quits, headcount at the end, cost.
    assert_eq!(
        met(&plain),
        [false, false, false, true],
        "{:?}",
        plain.objectives
    );
    let mut run = PeopleRun::new(&m.scenario, seed, 0);
    for lever in [
        PeopleLever::Hire {
            group: GroupId(0),
            agents: 4,
        },
        PeopleLever::Incentive {
            per_agent_day: 10.0,
        },
        PeopleLever::Backfill(true),
    ] {
        run.apply(lever).unwrap();
    }
    let won = debrief_month(&m, &run.finish());
    assert_eq!(met(&won), [true; 4], "{:?}", won.objectives);
    assert_eq!(won.intervals.len(), 30);
}

#[test]
fn one_more_agent_halves_the_banks_abandonment() {
    // The real bank's day (calibrated from its log): as the log staffed it, one caller in
    // ten hangs up; one more agent on the phones all day meets every objective.
    let m = mission(13);
    let plain = play(&m, &[]);
    let one_more = play(
        &m,
        &[Intervention::AddAgents {
            group: GroupId(0),
            delta: 1,
        }],
    );
    // Objectives: abandonment, service level, cost.
    assert_eq!(met(&plain), [false, false, true], "{:?}", plain.objectives);
    assert_eq!(met(&one_more), [true; 3], "{:?}", one_more.objectives);
    assert!(plain.stars < one_more.stars);
}
