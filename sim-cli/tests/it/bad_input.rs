//! Bad input never panics: every malformed scenario in `tests/it/bad/` exits 2 with the
//! exact message in its `.stderr` file, and bad flags exit 2 with a clear message.

use super::{ccsim, repo_root};

#[test]
fn every_malformed_scenario_gives_its_exact_message_and_exit_2() {
    let dir = repo_root().join("sim-cli/tests/it/bad");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "the corpus has {} files", files.len());
    for f in files {
        let name = f.file_name().unwrap().to_str().unwrap();
        let expected = std::fs::read_to_string(f.with_extension("stderr")).unwrap();
        let out = ccsim()
            .current_dir(&dir)
            .args(["run", name])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), expected, "{name}");
        assert!(out.stdout.is_empty(), "{name} printed a report");
    }
}

/// Runs ccsim with `args`; it must exit 2, print nothing on stdout, and its first line on
/// stderr must be exactly `first_line`.
fn fails_with(args: &[&str], first_line: &str) {
    let out = ccsim()
        .current_dir(repo_root())
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.lines().next().unwrap_or(""), first_line, "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?}");
}

#[test]
fn bad_flags_exit_2_with_a_clear_message() {
    let m = "scenarios/minimal.toml";
    fails_with(
        &["run", "no/such/file.toml"],
        "ccsim: error: cannot read no/such/file.toml: No such file or directory (os error 2)",
    );
    fails_with(
        &["run", m, "--seed", "abc"],
        "error: invalid value 'abc' for '--seed <SEED>': invalid digit found in string",
    );
    fails_with(
        &["run", m, "--replications", "0"],
        "error: invalid value '0' for '--replications <REPLICATIONS>': 0 is not in 1..=1000000",
    );
    fails_with(
        &["run", m, "--format", "xml"],
        "error: invalid value 'xml' for '--format <FORMAT>'",
    );
    fails_with(
        &["run", m, "--set", "agents"],
        "error: invalid value 'agents' for '--set <PATH=VALUE>': expected PATH=VALUE (e.g. agent_groups.tier1.agents=12), found \"agents\"",
    );
    fails_with(
        &["run", m, "--set", "agent_groups.nobody.agents=3"],
        "ccsim: error: --set agent_groups.nobody.agents=3: agent_groups.nobody.agents: no entry of `agent_groups` is named \"nobody\" (entries: \"tier1\")",
    );
    fails_with(
        &["run", m, "--set", "agent_groups.tier1.agents=many"],
        "ccsim: error: --set agent_groups.tier1.agents=many: agent_groups[0].agents: invalid type: string \"many\", expected a number or a list of numbers",
    );
    fails_with(
        &[
            "run",
            m,
            "--set",
            "contact_types.general.handle_time.mean=four",
        ],
        "ccsim: error: --set contact_types.general.handle_time.mean=four: contact_types[0].handle_time.mean: expected a duration like \"4m\", found \"four\"",
    );
    fails_with(
        &["run", m, "--set", "agent_groups.tier1.shift=3"],
        "ccsim: error: --set agent_groups.tier1.shift=3: agent_groups[0].shift: unknown field `shift`, expected one of `name`, `agents`, `shifts`, `absenteeism`, `shrinkage`, `overtime_rate`, `remote_share`, `remote_wage_per_hour`, `period`, `skills`, `wage_per_hour`, `proficiency`, `overflow_after`, `blend`, `occupancy_cap`",
    );
    fails_with(
        &["erlang", "--rate", "120", "--aht", "4m", "--agents", "10"],
        "error: invalid value '120' for '--rate <RATE>': expected a rate like 120/h, 2/m or 0.5/s, found \"120\"",
    );
    fails_with(
        &[
            "erlang", "--rate", "120/h", "--aht", "four", "--agents", "10",
        ],
        "error: invalid value 'four' for '--aht <AHT>': expected a duration like \"4m\", found \"four\"",
    );
    fails_with(
        &["erlang", "--rate", "120/h", "--aht", "4m"],
        "error: the following required arguments were not provided:",
    );
    fails_with(
        &["erlang", "--rate", "120/h", "--aht", "4m", "--target", "80"],
        "error: invalid value '80' for '--target <TARGET>': expected a share between 0 and 1 (0.8 for 80 %), found \"80\"",
    );
    fails_with(
        &["erlang", "--rate", "120/h", "--aht", "0s", "--agents", "3"],
        "ccsim: error: --aht must be longer than 0s",
    );
}
