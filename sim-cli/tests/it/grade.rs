//! `ccsim grade`: ranks a class by replaying each student's day; a file whose numbers do
//! not match its decisions is rescored and flagged.

use sim_core::scenario::GroupId;
use sim_core::training::mission::builtin;
use sim_core::training::results::Results;
use sim_core::training::score::debrief;
use sim_core::{Intervention, Simulation};

use super::{ccsim, tempdir};

/// Plays mission 1 (seed 7) adding `extra` agents at 09:00 and returns the results.
fn play(player: &str, extra: i32) -> Results {
    let m = &builtin()[1];
    let mut sim = Simulation::new(&m.scenario, 7);
    if extra != 0 {
        sim.apply(Intervention::AddAgents {
            group: GroupId(0),
            delta: extra,
        })
        .unwrap();
    }
    let result = sim.finish();
    let d = debrief(m, 7, &result);
    Results::new(player, m, 7, result.log, d)
}

#[test]
fn a_class_is_ranked_and_tampering_is_caught() {
    let dir = tempdir("grade");
    let mut files = Vec::new();
    for (name, extra) in [("ana", 2), ("bo", 0), ("cy", 3)] {
        let p = dir.join(format!("{name}.json"));
        std::fs::write(&p, serde_json::to_string(&play(name, extra)).unwrap()).unwrap();
        files.push(p);
    }
    // dan claims three stars for an unchanged plan.
    let mut cheat = play("dan", 0);
    cheat.debrief.score = 100;
    cheat.debrief.stars = 3;
    let p = dir.join("dan.json");
    std::fs::write(&p, serde_json::to_string(&cheat).unwrap()).unwrap();
    files.push(p);

    let out = ccsim().arg("grade").args(&files).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Class 1-7 (01-flat-day): 4 student(s)"),
        "{text}"
    );
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.trim_start()
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        })
        .collect();
    assert_eq!(rows.len(), 4, "{text}");
    // 11 agents meet every objective; 12 too but cost more; 9 meet fewer.
    assert!(
        rows[0].contains("ana") && rows[0].contains("verified"),
        "{text}"
    );
    assert!(rows[1].contains("cy"), "{text}");
    let dan = rows.iter().find(|r| r.contains("dan")).unwrap();
    assert!(dan.contains("RESCORED"), "{text}");
    assert!(
        !dan.contains("***"),
        "the cheat's claimed stars are not used: {dan}"
    );

    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{}").unwrap();
    let out = ccsim().arg("grade").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("bad.json: not a ccsim results file: missing field `format`")
    );
}

/// `ccsim run --decisions` replays a student's results file: two agents added at the
/// opening are the same day as a plan with two more agents, on the results' seed.
#[test]
fn run_replays_a_results_file() {
    let dir = tempdir("decisions");
    let file = dir.join("ann.json");
    std::fs::write(&file, serde_json::to_string(&play("Ann", 2)).unwrap()).unwrap();
    let mission = "scenarios/missions/01-flat-day.toml";
    let replayed = super::stdout_ok(&[
        "run",
        mission,
        "--format",
        "json",
        "--decisions",
        file.to_str().unwrap(),
    ]);
    let planned = super::stdout_ok(&[
        "run",
        mission,
        "--format",
        "json",
        "--seed",
        "7",
        "--set",
        "agent_groups.agents.agents=11",
    ]);
    assert_eq!(replayed, planned);
    let plain = super::stdout_ok(&["run", mission, "--format", "json", "--seed", "7"]);
    assert_ne!(replayed, plain);
}
