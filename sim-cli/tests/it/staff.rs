//! `ccsim staff`: its plan, run through `ccsim run --overlay`, meets the target in every
//! interval; where Erlang's assumptions hold it costs no more than Erlang's plan.

use serde_json::Value;

use super::{ccsim, stdout_ok, tempdir};

fn agent_hours(text: &str, prefix: &str) -> f64 {
    let line = text
        .lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix:?} in:\n{text}"));
    line[prefix.len()..]
        .trim()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn the_plan_meets_the_target_in_every_interval() {
    let plan = tempdir("staff").join("plan.toml");
    let plan_arg = plan.to_str().unwrap();
    let text = stdout_ok(&[
        "staff",
        "scenarios/day-profile.toml",
        "--target",
        "sl>=0.8@20s",
        "-o",
        plan_arg,
    ]);
    assert!(text.contains("meets it in every interval"), "{text}");
    let overlay = std::fs::read_to_string(&plan).unwrap();
    assert!(overlay.contains("[[agent_groups]]\nname = \"agents\"\nperiod = \"30m\"\nagents = ["));
    let report = stdout_ok(&[
        "run",
        "scenarios/day-profile.toml",
        "--format",
        "json",
        "--overlay",
        plan_arg,
    ]);
    let v: Value = serde_json::from_str(&report).unwrap();
    for iv in v["intervals"].as_array().unwrap() {
        let sl = iv["service_level"]["mean"].as_f64().unwrap();
        assert!(sl >= 0.8, "{}: {sl}", iv["label"]);
    }
}

#[test]
fn where_erlang_holds_the_plan_costs_no_more_than_erlang() {
    let text = stdout_ok(&[
        "staff",
        "sim-cli/tests/it/erlang-day.toml",
        "--target",
        "sl>=80%@20s",
    ]);
    let erlang = agent_hours(&text, "Erlang plan:");
    let plan = agent_hours(&text, "This plan:");
    assert_eq!(erlang, 32.0, "Erlang C: 8 agents x 4 h\n{text}");
    assert!(plan <= erlang, "{text}");
}

#[test]
fn a_bad_target_exits_2() {
    let out = ccsim()
        .args(["staff", "x.toml", "--target", "80/20"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).lines().next().unwrap(),
        "error: invalid value '80/20' for '--target <TARGET>': expected a target like \"sl>=0.8@20s\" or \"sl>=80%@20s\", found \"80/20\""
    );
}
