//! The built-in routing policies, chosen by name in the scenario (`routing = "..."`).

use sim_core::report::RunKpis;
use sim_core::routing::{GroupCandidate, LeastSkilledFirst, MostIdleGroup, RoutingPolicy};
use sim_core::scenario::{GroupId, Scenario, TypeId};
use sim_core::time::SimTime;

const SPLIT: &str = r#"
name = "specialists and generalists"
horizon = "8h"
[[contact_types]]
name = "sales"
arrivals = { rate_per_hour = 80 }
handle_time = { dist = "exponential", mean = "4m" }
[[contact_types]]
name = "service"
arrivals = { rate_per_hour = 40 }
handle_time = { dist = "exponential", mean = "4m" }
[[agent_groups]]
name = "sales desk"
agents = 6
skills = ["sales"]
[[agent_groups]]
name = "generalists"
agents = 6
skills = ["sales", "service"]
"#;

fn candidate(group: u16, skills: u32, idle_agents: u32, since_s: u64) -> GroupCandidate {
    GroupCandidate {
        group: GroupId(group),
        skills,
        idle_agents,
        longest_idle_since: SimTime(since_s * 1_000_000),
    }
}

#[test]
fn the_policies_choose_as_documented() {
    let c = [
        candidate(0, 3, 2, 10),
        candidate(1, 1, 5, 20),
        candidate(2, 1, 5, 15),
    ];
    // Most idle agents; the tie goes to the longer idle.
    assert_eq!(MostIdleGroup.choose_group(TypeId(0), &c), 2);
    // Fewest skills; the tie goes to the longer idle.
    assert_eq!(LeastSkilledFirst.choose_group(TypeId(0), &c), 2);
    let c = [candidate(0, 1, 1, 30), candidate(1, 2, 9, 5)];
    assert_eq!(LeastSkilledFirst.choose_group(TypeId(0), &c), 0);
    assert_eq!(MostIdleGroup.choose_group(TypeId(0), &c), 1);
}

/// Service calls only generalists can take. Least-skilled-first sends sales calls to the
/// sales desk while it has idle agents, so generalists are free more often when a service
/// call comes: service's service level rises. Same seeds, same callers (common random
/// numbers), 20 replications.
#[test]
fn least_skilled_first_keeps_generalists_free() {
    let sl = |routing: &str| {
        let text = format!("routing = \"{routing}\"\n{SPLIT}");
        let s = Scenario::from_toml_str(&text, "split.toml").unwrap();
        let (mut sales, mut service) = (0.0, 0.0);
        for r in 0..20 {
            let result = sim_core::Simulation::new_replication(&s, 8, r).finish();
            let k = RunKpis::of(&result.stats, &s);
            sales += k.by_type[0].service_level / 20.0;
            service += k.by_type[1].service_level / 20.0;
        }
        (sales, service)
    };
    let (li_sales, li_service) = sl("longest_idle");
    let (ls_sales, ls_service) = sl("least_skilled_first");
    assert!(
        ls_service > li_service + 0.02,
        "service SL: least skilled first {ls_service:.3}, longest idle {li_service:.3}"
    );
    assert!(
        ls_sales <= li_sales + 0.01,
        "{ls_sales:.3} vs {li_sales:.3}"
    );
    // And the default is longest idle.
    let s = Scenario::from_toml_str(SPLIT, "split.toml").unwrap();
    assert_eq!(s.routing, sim_core::routing::Routing::LongestIdle);
}

#[test]
fn an_unknown_policy_is_refused_with_its_line() {
    let text = format!("routing = \"random\"\n{SPLIT}");
    let e = Scenario::from_toml_str(&text, "split.toml")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("split.toml:1:"), "{e}");
    assert!(e.contains("routing"), "{e}");
    assert!(e.contains("least_skilled_first"), "{e}");
}

/// Proficiency scales talk time by skill: with 4-minute calls, the sales desk at 0.5
/// talks 2 minutes, the generalists at 1.5 talk 6 minutes on service calls.
#[test]
fn proficiency_scales_talk_time_by_skill() {
    let text = SPLIT
        .replace("dist = \"exponential\"", "dist = \"constant\"")
        .replace(
            "skills = [\"sales\"]",
            "skills = [\"sales\"]\nproficiency = { sales = 0.5 }",
        )
        .replace(
            "skills = [\"sales\", \"service\"]",
            "skills = [\"sales\", \"service\"]\nproficiency = { service = 1.5 }",
        );
    let s = Scenario::from_toml_str(&text, "split.toml").unwrap();
    assert_eq!(s.agent_groups[0].proficiency, vec![0.5, 1.0]);
    assert_eq!(s.agent_groups[1].proficiency, vec![1.0, 1.5]);
    let result = sim_core::Simulation::new(&s, 2).finish();
    let k = RunKpis::of(&result.stats, &s);
    assert!(
        (k.by_type[1].aht_s - 360.0).abs() < 1e-6,
        "{}",
        k.by_type[1].aht_s
    );
    let sales = k.by_type[0].aht_s;
    assert!(
        sales > 120.0 && sales < 240.0,
        "a mix of 2 and 4 minutes: {sales}"
    );
}

#[test]
fn bad_proficiencies_are_refused_with_their_field() {
    let with = |p: &str| {
        let text = SPLIT.replace(
            "skills = [\"sales\"]",
            &format!("skills = [\"sales\"]\nproficiency = {p}"),
        );
        Scenario::from_toml_str(&text, "split.toml")
            .unwrap_err()
            .to_string()
    };
    let e = with("{ sales = 0 }");
    assert!(
        e.contains("agent_groups[0].proficiency.sales: expected a talk-time multiplier above 0"),
        "{e}"
    );
    let e = with("{ service = 0.9 }");
    assert!(
        e.contains("agent_groups[0].proficiency.service: the group has no skill \"service\""),
        "{e}"
    );
    let e = with("{ billing = 0.9 }");
    assert!(
        e.contains("agent_groups[0].proficiency.billing: no contact type is named \"billing\""),
        "{e}"
    );
    assert!(e.starts_with("split.toml:"), "{e}");
}
