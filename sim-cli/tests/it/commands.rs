//! `ccsim run` and `ccsim erlang` as a user sees them.

use super::{ccsim, repo_root, stdout_ok};
use serde_json::Value;

fn run_json(args: &[&str], threads: &str) -> String {
    let out = ccsim()
        .current_dir(repo_root())
        .env("RAYON_NUM_THREADS", threads)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// DESIGN §3.3: the minimal file's JSON report has the contract's shape.
#[test]
fn json_report_of_the_minimal_scenario_has_the_contract_shape() {
    let text = run_json(&["run", "scenarios/minimal.toml", "--format", "json"], "2");
    let v: Value = serde_json::from_str(&text).expect("exactly one JSON object");
    assert_eq!(v["scenario"], "Retail bank, one queue");
    assert_eq!(v["seed"], 7);
    assert_eq!(v["replications"], 10);
    let kpis = [
        "offered",
        "answered",
        "abandoned",
        "service_level",
        "asa_s",
        "abandon_rate",
        "occupancy",
        "aht_s",
        "cost",
        "cost_per_contact",
    ];
    let check = |obj: &Value, what: &str| {
        for k in kpis {
            assert!(obj[k]["mean"].is_number(), "{what}.{k}.mean");
            assert!(obj[k]["ci95"].is_number(), "{what}.{k}.ci95");
        }
    };
    check(&v["summary"], "summary");
    check(&v["by_type"]["general"], "by_type.general");
    let intervals = v["intervals"].as_array().unwrap();
    assert_eq!(intervals.len(), 16);
    for (i, iv) in intervals.iter().enumerate() {
        check(iv, &format!("intervals[{i}]"));
    }
    assert!(v["summary"]["ci95"].is_null());
    assert!(v["summary"]["service_level"]["ci95"].as_f64().unwrap() > 0.0);
}

/// DESIGN §4: the same scenario and seed give byte-identical JSON, whatever the number of
/// threads; another seed gives another report; --seed and --replications override.
#[test]
fn same_seed_same_bytes_with_any_thread_count() {
    let args = [
        "run",
        "scenarios/two-types-priority.toml",
        "--format",
        "json",
        "--seed",
        "42",
    ];
    let one = run_json(&args, "1");
    let two = run_json(&args, "2");
    let again = run_json(&args, "2");
    assert_eq!(one, two);
    assert_eq!(two, again);
    let other = run_json(
        &[
            "run",
            "scenarios/two-types-priority.toml",
            "--format",
            "json",
            "--seed",
            "43",
        ],
        "2",
    );
    assert_ne!(one, other);
    let v: Value = serde_json::from_str(&one).unwrap();
    assert_eq!(v["seed"], 42);
    let three = run_json(
        &[
            "run",
            "scenarios/two-types-priority.toml",
            "--format",
            "json",
            "--replications",
            "3",
        ],
        "2",
    );
    let v: Value = serde_json::from_str(&three).unwrap();
    assert_eq!(v["replications"], 3);
}

/// `--set` changes the run: more agents, better service, same offered calls (common
/// random numbers).
#[test]
fn set_overrides_staffing() {
    let base = run_json(&["run", "scenarios/minimal.toml", "--format", "json"], "2");
    let more = run_json(
        &[
            "run",
            "scenarios/minimal.toml",
            "--format",
            "json",
            "--set",
            "agent_groups.tier1.agents=12",
        ],
        "2",
    );
    let (b, m): (Value, Value) = (
        serde_json::from_str(&base).unwrap(),
        serde_json::from_str(&more).unwrap(),
    );
    let sl = |v: &Value| v["summary"]["service_level"]["mean"].as_f64().unwrap();
    assert!(sl(&m) > sl(&b) + 0.05, "{} vs {}", sl(&m), sl(&b));
    assert_eq!(b["summary"]["offered"], m["summary"]["offered"]);
    assert_eq!(m["summary"]["agents"]["mean"], 12.0);
}

/// Every operations lever is settable by `--set` (so sweepable by `--vary`): routing, the
/// callback threshold, an overflow delay and a shift's start, a clock time given bare.
#[test]
fn operations_levers_by_set() {
    let kpis = |mission: &str, set: &[&str]| -> Value {
        let mut args = vec!["run", mission, "--format", "json", "--replications", "2"];
        for s in set {
            args.extend(["--set", s]);
        }
        serde_json::from_str(&run_json(&args, "2")).unwrap()
    };
    let sl = |v: &Value| v["summary"]["service_level"]["mean"].as_f64().unwrap();
    let m7 = "scenarios/missions/07-skills-and-routing.toml";
    let base = kpis(m7, &[]);
    let routed = kpis(m7, &["routing=least_skilled_first"]);
    let overflow = kpis(m7, &["agent_groups.universal.overflow_after=20s"]);
    let mortgages = |v: &Value| {
        v["by_type"]["mortgages"]["service_level"]["mean"]
            .as_f64()
            .unwrap()
    };
    assert!(mortgages(&routed) > mortgages(&base));
    assert_ne!(sl(&overflow), sl(&base));

    let m8 = "scenarios/missions/08-ivr-and-callbacks.toml";
    let callbacks = |v: &Value| v["summary"]["callbacks"]["mean"].as_f64().unwrap();
    let soon = kpis(m8, &["contact_types.accounts.callback.offer_after=30s"]);
    assert!(callbacks(&soon) > 10.0 * callbacks(&kpis(m8, &[])).max(1.0));

    let m9 = "scenarios/missions/09-shift-planning.toml";
    let plan = kpis(m9, &[]);
    let moved = kpis(
        m9,
        &[
            "agent_groups.middle.shifts.0.start=10:00",
            "agent_groups.middle.shifts.0.end=18:30",
        ],
    );
    assert!(
        sl(&moved) > sl(&plan) + 0.03,
        "{} vs {}",
        sl(&moved),
        sl(&plan)
    );
}

#[test]
fn default_scenario_table_and_csv() {
    let out = ccsim()
        .current_dir(repo_root())
        .args(["run"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.starts_with("Retail bank, weekday — seed 7, 10 replications, target 80/20s"),
        "{table}"
    );
    assert!(table.contains("Service level"));
    assert!(table.contains("\n08:00 "));
    let out = ccsim()
        .current_dir(repo_root())
        .args(["run", "--format", "csv", "--replications", "2"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("section,name,start_s,end_s,offered_mean,offered_ci95,"));
    assert_eq!(lines.len(), 1 + 1 + 1 + 20);
    assert!(
        lines[1].starts_with("summary,\"Retail bank, weekday\",,,"),
        "{}",
        lines[1]
    );
    let cols = lines[0].split(',').count();
    assert!(lines[2..].iter().all(|l| l.split(',').count() == cols));
}

#[test]
fn erlang_metrics_and_solver() {
    let out = ccsim()
        .args([
            "erlang", "--rate", "120/h", "--aht", "4m", "--agents", "10", "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["model"], "erlang_c");
    assert!((v["p_wait"].as_f64().unwrap() - 0.409_180_150_8).abs() < 1e-9);
    let out = ccsim()
        .args([
            "erlang", "--rate", "120/h", "--aht", "4m", "--target", "0.8",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Fewest agents for service level ≥ 80.0% within 20 s: 11"),
        "{text}"
    );
    let out = ccsim()
        .args([
            "erlang",
            "--rate",
            "120/h",
            "--aht",
            "4m",
            "--patience",
            "3m",
            "--max-abandon",
            "0.05",
            "--json",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["model"], "erlang_a");
    assert!(v["abandon_rate"].as_f64().unwrap() <= 0.05);
}

/// `ccsim compare`: paired replications; the offered calls are identical (common random
/// numbers) and an added agent is a significant service-level gain.
#[test]
fn compare_pairs_replications() {
    let v: Value = serde_json::from_str(&stdout_ok(&[
        "compare",
        "scenarios/minimal.toml",
        "--set",
        "agent_groups.tier1.agents=11",
        "--json",
    ]))
    .unwrap();
    let kpi = |name: &str| {
        v["kpis"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kpi"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(kpi("offered")["diff"]["mean"], 0.0);
    assert_eq!(kpi("offered")["significant"], false);
    let sl = kpi("service_level");
    assert_eq!(sl["significant"], true);
    assert!(sl["diff"]["mean"].as_f64().unwrap() > 0.0);
    // Pairing: the difference is known far better than either level.
    assert!(sl["diff"]["ci95"].as_f64().unwrap() < sl["a"]["ci95"].as_f64().unwrap());
    let out = ccsim()
        .current_dir(repo_root())
        .args(["compare", "scenarios/minimal.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ccsim: error: give a second scenario, or --set overrides that make B\n"
    );
}

/// `ccsim validate`: every problem, with the source line and a caret; exit 2.
#[test]
fn validate_shows_every_problem_with_a_caret() {
    let dir = std::env::temp_dir().join(format!("ccsim-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("many.toml"),
        "name = \"\"\nhorizon = \"0s\"\n[[contact_types]]\nname = \"a\"\narrivals = { rate_per_hour = -1 }\nhandle_time = { dist = \"exponential\", mean = \"4m\" }\n[[agent_groups]]\nname = \"g\"\nagents = 1\nskills = [\"b\"]\n",
    )
    .unwrap();
    let out = ccsim()
        .current_dir(&dir)
        .args(["validate", "many.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        r#"error: name: the scenario needs a name
  --> many.toml:1:8
  |
1 | name = ""
  |        ^^

error: horizon: must be longer than 0s
  --> many.toml:2:11
  |
2 | horizon = "0s"
  |           ^^^^

error: contact_types[0].arrivals.rate_per_hour: expected rates of 0 or more, found -1
  --> many.toml:5:30
  |
5 | arrivals = { rate_per_hour = -1 }
  |                              ^^

error: agent_groups[0].skills[0]: no contact type is named "b" (defined: "a")
  --> many.toml:10:11
   |
10 | skills = ["b"]
   |           ^^^

ccsim: error: 4 problems found in many.toml
"#
    );
    let out = ccsim()
        .current_dir(repo_root())
        .args(["validate", "scenarios/default.toml"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "scenarios/default.toml: ok — \"Retail bank, weekday\": contact types general; agent groups tier1; horizon 10h in 20 intervals of 30m; 10 replication(s)\n"
    );
}

/// `ccsim trace`: a complete, time-ordered event log; every arrival ends answered or
/// abandoned.
#[test]
fn trace_logs_every_contact() {
    let out = ccsim()
        .current_dir(repo_root())
        .args(["trace", "scenarios/minimal.toml"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("time_s,event,contact,contact_type,agent,group,wait_s,talk_end_s,busy_end_s")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let count = |e: &str| rows.iter().filter(|r| r[1] == e).count();
    assert_eq!(count("agent_on"), 10);
    assert!(count("arrival") > 800);
    assert_eq!(count("arrival"), count("answer") + count("abandon"));
    let times: Vec<f64> = rows.iter().map(|r| r[0].parse().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
    // JSON lines carry names.
    let out = ccsim()
        .current_dir(repo_root())
        .args(["trace", "scenarios/minimal.toml", "--format", "jsonl"])
        .output()
        .unwrap();
    let first_answer = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .find(|l| l.contains("\"answer\""))
        .unwrap()
        .to_string();
    let v: Value = serde_json::from_str(&first_answer).unwrap();
    assert_eq!(v["contact_type"], "general");
    assert_eq!(v["group"], "tier1");
}

/// `ccsim schema`: the committed `docs/ccsim-scenario.schema.json` is current, refuses
/// unknown fields, and knows every key of every scenario we ship.
#[test]
fn schema_is_current_and_covers_the_scenarios() {
    let out = ccsim().arg("schema").output().unwrap();
    assert!(out.status.success());
    let committed =
        std::fs::read_to_string(repo_root().join("docs/ccsim-scenario.schema.json")).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        committed,
        "run `ccsim schema > docs/ccsim-scenario.schema.json`"
    );
    let schema: Value = serde_json::from_str(&committed).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    fn resolve<'a>(schema: &'a Value, node: &'a Value) -> &'a Value {
        match node["$ref"].as_str() {
            Some(r) => &schema["$defs"][r.trim_start_matches("#/$defs/")],
            None => node,
        }
    }
    fn check(schema: &Value, node: &Value, value: &toml::Value, path: &str) {
        let node = resolve(schema, node);
        // Option<T> is `anyOf: [T, null]` or a type list; look inside.
        if let Some(any) = node["anyOf"].as_array()
            && node["properties"].is_null()
        {
            for n in any {
                if n["type"] != "null" {
                    check(schema, n, value, path);
                }
            }
            return;
        }
        match value {
            toml::Value::Table(t) if node["properties"].is_object() => {
                for (k, v) in t {
                    let p = &node["properties"][k];
                    assert!(!p.is_null(), "the schema does not know {path}.{k}");
                    check(schema, p, v, &format!("{path}.{k}"));
                }
            }
            toml::Value::Array(items) if node["items"].is_object() => {
                for (i, v) in items.iter().enumerate() {
                    check(schema, &node["items"], v, &format!("{path}[{i}]"));
                }
            }
            _ => {}
        }
    }
    // Every scenario, and every mission's scenario part (its [mission] table is the game's).
    let mut checked = 0;
    for dir in ["scenarios", "scenarios/missions"] {
        for entry in std::fs::read_dir(repo_root().join(dir)).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let mut v: toml::Value = toml::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            if let Some(t) = v.as_table_mut() {
                t.remove("mission");
            }
            check(&schema, &schema, &v, &p.display().to_string());
            checked += 1;
        }
    }
    assert!(checked >= 11, "{checked} files checked");
}

/// `ccsim completions`: a script for each shell that names the subcommands.
#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = ccsim().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for cmd in ["sweep", "merge", "staff", "validate", "trace"] {
            assert!(script.contains(cmd), "{shell}: {cmd}");
        }
    }
    let out = ccsim().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A multi-day scenario: the JSON report adds `people` (day by day, totals) and its
/// summary is the average day; `--days-csv` writes the days; every people lever is a
/// `--set` field and sweeps; flags that only make sense for one day are refused.
#[test]
fn people_runs_levers_and_days_csv() {
    let grow = "scenarios/grow-the-team.toml";
    let kpis = |set: &[&str]| -> Value {
        let mut args = vec!["run", grow, "--format", "json", "--replications", "2"];
        for s in set {
            args.extend(["--set", s]);
        }
        serde_json::from_str(&run_json(&args, "2")).unwrap()
    };
    let base = kpis(&[]);
    let people = &base["people"];
    assert_eq!(people["days"], 30);
    assert_eq!(people["by_day"].as_array().unwrap().len(), 30);
    let mean = |v: &Value| v["mean"].as_f64().unwrap();
    assert_eq!(mean(&people["hires"]), 9.0);
    assert_eq!(mean(&people["by_day"][0]["hires"]), 6.0);
    // Hired on day 1, 5 days to recruit, 5 of training: trainees on days 6–10.
    assert_eq!(mean(&people["by_day"][5]["trainees"]), 6.0);
    assert_eq!(mean(&people["by_day"][10]["trainees"]), 0.0);
    assert!(mean(&people["by_day"][10]["learning_factor"]) > 1.0);
    let quits = |v: &Value| mean(&v["people"]["quits"]);
    let sl = |v: &Value| mean(&v["summary"]["service_level"]);

    let backfill = kpis(&["people.backfill=true"]);
    assert!(mean(&backfill["people"]["hires"]) > mean(&people["hires"]));
    let quick = kpis(&["people.training_days=1"]);
    assert_eq!(mean(&quick["people"]["by_day"][7]["trainees"]), 0.0);
    let paid = kpis(&[
        "people.incentive_per_agent_day=30",
        "people.attrition.slope=30",
    ]);
    let unpaid = kpis(&["people.attrition.slope=30"]);
    assert!(quits(&paid) < quits(&unpaid));
    let capped = kpis(&["agent_groups.phone.occupancy_cap=0.8"]);
    assert!(sl(&capped) < sl(&base));
    let hired = kpis(&["people.hires.0.agents=12"]);
    assert!(sl(&hired) > sl(&base));

    let dir = super::tempdir("people-days");
    let csv = dir.join("days.csv");
    let csv_arg = csv.display().to_string();
    let table = super::stdout_ok(&["run", grow, "--replications", "1", "--days-csv", &csv_arg]);
    assert!(table.contains("People over 30 days"), "{table}");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("day,productive_mean,productive_ci95,trainees_mean"));
    assert_eq!(text.lines().count(), 31);

    // A sweep over a people lever.
    let sweep = super::stdout_ok(&[
        "sweep",
        grow,
        "--vary",
        "people.incentive_per_agent_day=0,20",
        "--replications",
        "1",
    ]);
    assert_eq!(sweep.lines().count(), 3);

    for (args, want) in [
        (
            vec!["run", "scenarios/minimal.toml", "--days-csv", "x.csv"],
            "--days-csv x.csv: the scenario has no [people] section; it runs one day",
        ),
        (
            vec!["run", grow, "--set", "people.days=0"],
            "--set people.days=0: people.days: expected 1 to 3650 working days, found 0",
        ),
    ] {
        let out = super::run_in_repo(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
    }
}

/// `ccsim calibrate` on a real day of the Anonymous Bank log (a committed excerpt): the
/// report gives every estimate with its uncertainty and fit; the scenario it writes loads
/// and runs; a file that is not a log, and bad rows, are reported with their lines.
#[test]
fn calibrate_a_real_day_and_refuse_bad_logs() {
    let dir = super::tempdir("calibrate");
    let out_toml = dir.join("bank.toml");
    let fixture = "sim-cli/tests/it/data/anonymous-bank-990104.txt";
    let path = |p: &std::path::Path| p.display().to_string();
    let html = dir.join("calibration.html");
    let report = super::stdout_ok(&[
        "calibrate",
        fixture,
        "--weekdays",
        "mon",
        "-o",
        &path(&out_toml),
        "--html",
        &path(&html),
    ]);
    // The page: arrivals and staffing, then a talk-time and a patience chart per type.
    let page = std::fs::read_to_string(&html).unwrap();
    let types = report.matches("\n  talk time:").count();
    assert!(types >= 2, "{report}");
    assert_eq!(page.matches("<svg").count(), 2 + 2 * types);
    assert!(page.contains("PS: patience, Kaplan–Meier vs exponential"));
    assert!(
        report.contains("1 days (mon, 1999-01-04 to 1999-01-04)"),
        "{report}"
    );
    assert!(report.contains("patience: exponential MLE"), "{report}");
    assert!(report.contains("skipped"), "{report}"); // PHANTOM calls
    let toml = std::fs::read_to_string(&out_toml).unwrap();
    assert!(toml.starts_with("# Source: per-call logs read by `ccsim calibrate`:"));
    let json = super::stdout_ok(&[
        "run",
        "--format",
        "json",
        "--replications",
        "2",
        &path(&out_toml),
    ]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert!(v["by_type"]["PS"]["offered"]["mean"].as_f64().unwrap() > 300.0);

    // Not a log: exit 2, the file and line 1.
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "when,what\n1,2\n").unwrap();
    let out = super::run_in_repo(["calibrate", &path(&bad)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.csv:1: the header must be date,arrival,type"),
        "{err}"
    );

    // A generic CSV with bad rows: they are counted with their lines.
    let csv = dir.join("day.csv");
    std::fs::write(
        &csv,
        "date,arrival,type,queue_entry,answer,end,outcome,agent\n\
         2024-03-04,09:00:00,sales,09:00:05,09:00:30,09:04:00,served,ann\n\
         2024-03-04,09:01:00,sales,09:01:05,,09:02:00,abandoned,\n\
         2024-03-04,09:02:00,sales,09:02:05,,09:03:00,lost,\n\
         2024-03-04,09:03:00,sales,09:02:00,,09:03:00,abandoned,\n",
    )
    .unwrap();
    let text = super::stdout_ok(&["calibrate", &path(&csv)]);
    assert!(
        text.contains(
            "skipped 1 row: unknown outcome \"lost\" (served, abandoned or ivr) (line 4)"
        ),
        "{text}"
    );
    assert!(
        text.contains("skipped 1 row: times out of order: queue_entry before arrival (line 5)"),
        "{text}"
    );
}

/// `ccsim replay` on the committed day: every call of the window arrives as logged, the
/// report stands beside the log's own figures, and more agents (`--set`) wait less.
#[test]
fn replay_a_real_day() {
    let fixture = "sim-cli/tests/it/data/anonymous-bank-990104.txt";
    let run = |extra: &[&str]| -> Value {
        let mut args = vec![
            "replay",
            fixture,
            "--day",
            "1999-01-04",
            "--json",
            "--replications",
            "3",
        ];
        args.extend_from_slice(extra);
        serde_json::from_str(&super::stdout_ok(&args)).unwrap()
    };
    let v = run(&["--actual-times"]);
    let offered = v["summary"]["offered"]["mean"].as_f64().unwrap();
    assert_eq!(offered, v["recorded"]["offered"].as_f64().unwrap());
    assert_eq!(v["summary"]["offered"]["ci95"].as_f64().unwrap(), 0.0);
    let asa = |v: &Value| v["summary"]["asa_s"]["mean"].as_f64().unwrap();
    let base = run(&[]);
    let more = run(&["--set", "agent_groups.agents.agents=20"]);
    // Priority classes: the same calls, split into classes, the priority ones first.
    let classes = run(&["--priority-classes"]);
    assert_eq!(
        classes["summary"]["offered"]["mean"],
        base["summary"]["offered"]["mean"]
    );
    assert!(
        classes["by_type"].get("PS priority").is_some(),
        "{}",
        classes["by_type"]
    );
    assert!(asa(&more) < asa(&base), "{} vs {}", asa(&more), asa(&base));
    let out = super::run_in_repo(["replay", fixture, "--day", "1999-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    let out = super::run_in_repo(["replay", fixture, "--day", "1999-01-05"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no call on 1999-01-05"));
}

#[test]
fn backtest_a_real_day_against_its_own_log() {
    // Trained and tested on the same day: the comparison runs end to end, the day's
    // recorded figures are the log's, and replaying its calls with their own talk times
    // lands near what it recorded.
    let dir = super::tempdir("backtest");
    let fixture = "sim-cli/tests/it/data/anonymous-bank-990104.txt";
    let csv = dir.join("days.csv");
    let html = dir.join("backtest.html");
    let text = super::stdout_ok(&[
        "backtest",
        "--train",
        fixture,
        "--test",
        fixture,
        "--replications",
        "3",
        "--csv",
        &csv.display().to_string(),
        "--html",
        &html.display().to_string(),
    ]);
    assert!(text.contains("tested on 1 days"), "{text}");
    for way in ["model", "+AHT", "replay", "mixed", "+talk", "+times"] {
        assert!(text.contains(&format!("\n  {way:<13}")), "{way}: {text}");
    }
    let csv = std::fs::read_to_string(&csv).unwrap();
    let mut lines = csv.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(head.len(), row.len());
    let col = |name: &str| -> f64 {
        let i = head.iter().position(|h| *h == name).unwrap();
        row[i].parse().unwrap()
    };
    assert_eq!(row[0], "1999-01-04");
    // The recorded figures are the ones `replay` prints for the day.
    let v: Value = serde_json::from_str(&super::stdout_ok(&[
        "replay",
        fixture,
        "--day",
        "1999-01-04",
        "--json",
    ]))
    .unwrap();
    let rec = &v["recorded"];
    assert_eq!(col("offered"), rec["offered"].as_f64().unwrap());
    assert!((col("recorded_abandon_rate") - rec["abandon_rate"].as_f64().unwrap()).abs() < 1e-5);
    assert!((col("recorded_asa_s") - rec["asa_s"].as_f64().unwrap()).abs() < 1e-3);
    let (rec_ab, times_ab) = (col("recorded_abandon_rate"), col("talk_abandon_rate"));
    assert!((times_ab - rec_ab).abs() < 0.05, "{times_ab} vs {rec_ab}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert_eq!(page.matches("<svg").count(), 5);
    // A test log without the calibrated weekdays is refused.
    let out = super::run_in_repo([
        "backtest",
        "--train",
        fixture,
        "--test",
        fixture,
        "--weekdays",
        "fri",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
