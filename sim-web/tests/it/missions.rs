//! The built-in missions load, teach in order, and their debriefs add up.

use sim_core::scenario::GroupId;
use sim_core::{Intervention, Simulation};
use sim_web::game::mission::{Mission, builtin};
use sim_web::game::score::debrief;

#[test]
fn a_tutorial_and_thirteen_missions_in_learning_order() {
    let m = builtin();
    let titles: Vec<&str> = m.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Tutorial: one agent's break",
            "A flat day",
            "The lunch peak",
            "Impatient callers",
            "The budget cut",
            "Two lines, one team",
            "The surprise surge",
            "Skills and routing",
            "The lunch rush",
            "Shift planning",
            "Sales without breaking the cap",
            "Three channels, one desk",
            "Survive a month of attrition",
            "A day at the bank"
        ]
    );
    for (i, mission) in m.iter().enumerate() {
        assert_eq!(mission.order as usize, i);
        assert!(!mission.briefing.is_empty() && !mission.lesson.is_empty());
    }
}

#[test]
fn debrief_of_the_flat_day_with_and_without_help() {
    let m = &builtin()[1];
    // As planned: 9 agents, too few for 80/20 (Erlang says 11).
    let plain = debrief(
        m,
        m.scenario.seed,
        &Simulation::new(&m.scenario, m.scenario.seed).finish(),
    );
    // With two more agents from 09:00.
    let mut sim = Simulation::new(&m.scenario, m.scenario.seed);
    sim.apply(Intervention::AddAgents {
        group: GroupId(0),
        delta: 2,
    })
    .unwrap();
    let helped = debrief(m, m.scenario.seed, &sim.finish());
    // Erlang's plan for the flat day is 11 agents all day (80/20, abandonment ≤ 5 %):
    // 9 + 2 from the opening is that plan, on the same seed, so it scores the same.
    let plan = sim_web::game::score::benchmark_scenario(m);
    assert!(
        plan.agent_groups[0]
            .staffing
            .values
            .iter()
            .all(|&a| a == 11)
    );
    let b = helped.benchmark.clone().unwrap();
    assert_eq!(
        plain.benchmark, helped.benchmark,
        "the benchmark is the day's, not the player's"
    );
    assert_eq!(
        (b.score, b.service_level, b.cost),
        (helped.score, helped.service_level, helped.cost)
    );
    assert!(
        helped.service_level > plain.service_level + 0.1,
        "{} vs {}",
        helped.service_level,
        plain.service_level
    );
    assert!(
        helped.stars > plain.stars,
        "{} vs {}",
        helped.stars,
        plain.stars
    );
    assert_eq!(helped.intervals.len(), 16);
    assert!(
        helped.intervals.iter().all(|i| i.erlang_agents == 11),
        "Erlang A plan for a flat day"
    );
    assert!(
        helped
            .intervals
            .iter()
            .all(|i| (i.agents - 11.0).abs() < 1e-9)
    );
    // The score counts met objectives.
    let met = helped.objectives.iter().filter(|o| o.met).count() as u32;
    assert_eq!(helped.score, 100 * met / helped.objectives.len() as u32);
    assert!((helped.cost - 11.0 * 8.0 * 25.0).abs() < 1e-6);
}

#[test]
fn a_mission_file_needs_its_mission_table() {
    let text = include_str!("../../../scenarios/minimal.toml");
    let err = Mission::from_toml_str(text, "m.toml", "m")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "m.toml: [mission]: missing: a mission file needs a [mission] table (title, order, briefing, lesson, objectives)"
    );
    let bad = format!(
        "{text}\n[mission]\ntitle = \"x\"\norder = 1\nbriefing = \"b\"\nlesson = \"l\"\nobjectives = [{{ kind = \"speed\" }}]\n"
    );
    let err = Mission::from_toml_str(&bad, "m.toml", "m")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("m.toml: [mission]: unknown variant `speed`"),
        "{err}"
    );
}
