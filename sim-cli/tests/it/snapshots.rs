//! Outputs that must not drift, pinned by insta snapshots (`tests/it/snapshots/`). A
//! change here is a change users see: review it with `cargo insta review`.

use super::stdout_ok as stdout;

#[test]
fn run_json_minimal() {
    insta::assert_snapshot!(stdout(&[
        "run",
        "scenarios/minimal.toml",
        "--format",
        "json",
        "--replications",
        "3"
    ]));
}

#[test]
fn run_table_two_types() {
    insta::assert_snapshot!(stdout(&[
        "run",
        "scenarios/two-types-priority.toml",
        "--replications",
        "4"
    ]));
}

#[test]
fn erlang_tables() {
    insta::assert_snapshot!(stdout(&[
        "erlang",
        "--rate",
        "120/h",
        "--aht",
        "4m",
        "--agents",
        "10",
        "--patience",
        "3m"
    ]));
    insta::assert_snapshot!(stdout(&[
        "erlang", "--rate", "500/m", "--aht", "4m", "--target", "0.8"
    ]));
}

#[test]
fn compare_table() {
    insta::assert_snapshot!(stdout(&[
        "compare",
        "scenarios/small-single-queue.toml",
        "--set",
        "agent_groups.desk.agents=8"
    ]));
}

#[test]
fn sweep_csv() {
    insta::assert_snapshot!(stdout(&[
        "sweep",
        "scenarios/minimal.toml",
        "--vary",
        "agent_groups.tier1.agents=9..11",
        "--replications",
        "3"
    ]));
}

#[test]
fn help() {
    insta::assert_snapshot!(stdout(&["--help"]));
}
