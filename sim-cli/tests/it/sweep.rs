//! `ccsim sweep` and `ccsim merge`: identical output for any -j, shards merge into the
//! unsharded sweep, a killed sweep resumes into the uninterrupted one, bad input exits 2.

use std::path::Path;
use std::time::{Duration, Instant};

use super::{ccsim, repo_root, tempdir};

fn sweep(args: &[&str], extra_env: &[(&str, &str)]) -> std::process::Output {
    let mut c = ccsim();
    c.current_dir(repo_root()).arg("sweep").args(args);
    for (k, v) in extra_env {
        c.env(k, v);
    }
    c.output().unwrap()
}

const GRID: [&str; 7] = [
    "scenarios/minimal.toml",
    "--vary",
    "agent_groups.tier1.agents=8..13",
    "--vary",
    "contact_types.general.patience.mean=2m,3m",
    "--replications",
    "4",
];

fn ok(out: std::process::Output) -> Vec<u8> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let one = ok(sweep(&[&GRID[..], &["-j", "1"]].concat(), &[]));
    let two = ok(sweep(&[&GRID[..], &["-j", "2"]].concat(), &[]));
    assert_eq!(one, two);
    let text = String::from_utf8(one).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 12);
    assert!(lines[0].starts_with("point,agent_groups.tier1.agents,contact_types.general.patience.mean,offered_mean,offered_ci95,"));
    assert!(lines[1].starts_with("0,8,2m,"));
    assert!(lines[12].starts_with("11,13,3m,"));
    // Common random numbers: every point sees the same offered calls.
    let offered: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').nth(3).unwrap())
        .collect();
    assert!(offered.iter().all(|o| *o == offered[0]), "{offered:?}");
    // More agents, better service (same patience).
    let sl = |i: usize| lines[i].split(',').nth(9).unwrap().parse::<f64>().unwrap();
    assert!(sl(11) > sl(1));
}

#[test]
fn shards_merge_into_the_unsharded_sweep() {
    let dir = tempdir("shards");
    let full = ok(sweep(&GRID, &[]));
    let mut parts = Vec::new();
    for k in 1..=3 {
        let p = dir.join(format!("part{k}.csv"));
        let shard = format!("{k}/3");
        ok(sweep(
            &[&GRID[..], &["--shard", &shard, "-o", p.to_str().unwrap()]].concat(),
            &[],
        ));
        parts.push(p);
    }
    let mut merge = ccsim();
    merge.arg("merge").args(&parts);
    let merged = ok(merge.output().unwrap());
    assert_eq!(merged, full);
    // The same slices from a Slurm array job's environment (ids 1..3) and from a
    // Kubernetes Indexed Job's (index 0..2 and CCSIM_SHARDS).
    let slurm = ok(sweep(
        &GRID,
        &[
            ("SLURM_ARRAY_TASK_ID", "2"),
            ("SLURM_ARRAY_TASK_COUNT", "3"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
        ],
    ));
    assert_eq!(slurm, std::fs::read(&parts[1]).unwrap());
    let k8s = ok(sweep(
        &GRID,
        &[("JOB_COMPLETION_INDEX", "2"), ("CCSIM_SHARDS", "3")],
    ));
    assert_eq!(k8s, std::fs::read(&parts[2]).unwrap());
    // A missing shard is reported.
    let mut merge = ccsim();
    merge.arg("merge").arg(&parts[0]).arg(&parts[2]);
    let out = merge.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("point(s) are missing: 1, 4, 7, 10"));
}

#[test]
fn a_killed_sweep_resumes_into_the_uninterrupted_one() {
    let dir = tempdir("resume");
    let args = [
        "scenarios/day-profile.toml",
        "--vary",
        "agent_groups.agents.agents=5..30",
        "--vary",
        "contact_types.customer.patience.mean=1m..4m:1m",
        "--replications",
        "10",
        "-j",
        "2",
    ];
    let full = dir.join("full.csv");
    ok(sweep(
        &[&args[..], &["-o", full.to_str().unwrap()]].concat(),
        &[],
    ));
    let part = dir.join("part.csv");
    let bin = assert_cmd::cargo::cargo_bin("ccsim");
    let mut child = std::process::Command::new(bin)
        .current_dir(repo_root())
        .arg("sweep")
        .args(args)
        .args(["-o", part.to_str().unwrap()])
        .spawn()
        .unwrap();
    // Kill it once a few points are written (or give up waiting and kill it anyway).
    let start = Instant::now();
    while lines(&part) < 6 && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let written = lines(&part);
    assert!(
        written < lines(&full),
        "the sweep finished before it could be killed"
    );
    ok(sweep(
        &[&args[..], &["-o", part.to_str().unwrap(), "--resume"]].concat(),
        &[],
    ));
    assert_eq!(std::fs::read(&part).unwrap(), std::fs::read(&full).unwrap());
}

fn lines(p: &Path) -> usize {
    std::fs::read_to_string(p).map_or(0, |t| t.matches('\n').count())
}

fn fails(args: &[&str], env: &[(&str, &str)], first_line: &str) {
    let out = sweep(args, env);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.lines().next().unwrap_or(""), first_line, "{args:?}");
}

#[test]
fn bad_sweeps_exit_2_with_a_clear_message() {
    let m = "scenarios/minimal.toml";
    fails(
        &[m, "--vary", "agents"],
        &[],
        "error: invalid value 'agents' for '--vary <PATH=VALUES>': expected PATH=VALUES (e.g. agent_groups.tier1.agents=8..16), found \"agents\"",
    );
    fails(
        &[m, "--vary", "agent_groups.tier1.agents=16..8"],
        &[],
        "error: invalid value 'agent_groups.tier1.agents=16..8' for '--vary <PATH=VALUES>': agent_groups.tier1.agents: the range \"16..8\" is empty (it needs FROM <= TO and a step > 0)",
    );
    fails(
        &[m, "--vary", "agent_groups.nobody.agents=1,2"],
        &[],
        "ccsim: error: --vary agent_groups.nobody.agents: --set agent_groups.nobody.agents=1: agent_groups.nobody.agents: no entry of `agent_groups` is named \"nobody\" (entries: \"tier1\")",
    );
    fails(
        &[m, "--vary", "agent_groups.tier1.agents=8,x"],
        &[],
        "ccsim: error: --vary agent_groups.tier1.agents: --set agent_groups.tier1.agents=x: agent_groups[0].agents: invalid type: string \"x\", expected a number or a list of numbers",
    );
    fails(
        &[m],
        &[],
        "ccsim: error: give at least one --vary PATH=VALUES, or --points FILE.csv",
    );
    fails(
        &[
            m,
            "--vary",
            "agent_groups.tier1.agents=8,9",
            "--shard",
            "4/3",
        ],
        &[],
        "error: invalid value '4/3' for '--shard <K/N>': expected K/N with 1 <= K <= N (e.g. 2/8), found \"4/3\"",
    );
    fails(
        &[
            m,
            "--vary",
            "agent_groups.tier1.agents=8,9",
            "--shard",
            "0/3",
        ],
        &[],
        "error: invalid value '0/3' for '--shard <K/N>': expected K/N with 1 <= K <= N (e.g. 2/8), found \"0/3\"",
    );
    fails(
        &[m, "--vary", "agent_groups.tier1.agents=8,9"],
        &[
            ("SLURM_ARRAY_TASK_ID", "7"),
            ("SLURM_ARRAY_TASK_COUNT", "3"),
        ],
        "ccsim: error: SLURM_ARRAY_TASK_ID=7 is outside 0..3 (SLURM_ARRAY_TASK_MIN + COUNT)",
    );
    fails(
        &[m, "--vary", "agent_groups.tier1.agents=8,9"],
        &[("JOB_COMPLETION_INDEX", "1")],
        "ccsim: error: JOB_COMPLETION_INDEX is set: set CCSIM_SHARDS to the Job's completions count (or pass --shard K/N)",
    );
    fails(
        &["no/such.toml", "--vary", "agent_groups.tier1.agents=8,9"],
        &[],
        "ccsim: error: cannot read no/such.toml: No such file or directory (os error 2)",
    );
    fails(
        &[m, "--points", "no/points.csv"],
        &[],
        "ccsim: error: cannot read no/points.csv: No such file or directory (os error 2)",
    );
    fails(
        &[m, "--vary", "agent_groups.tier1.agents=8,9", "--resume"],
        &[],
        "error: the following required arguments were not provided:",
    );
}
