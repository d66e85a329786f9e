//! `ccsim report` and `ccsim plot`: charts with their elements and axis labels, from sweep
//! CSV, sweep JSON lines and run reports.

use super::{ccsim, repo_root, stdout_ok};

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("ccsim-report-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn run_ok(args: &[&str]) {
    stdout_ok(args);
}

#[test]
fn sweep_report_has_three_labelled_charts_and_the_data() {
    for ext in ["csv", "jsonl"] {
        let results = tmp(&format!("sweep.{ext}"));
        let html = tmp(&format!("sweep-{ext}.html"));
        let r = results.to_str().unwrap();
        run_ok(&[
            "sweep",
            "scenarios/two-types-priority.toml",
            "--vary",
            "agent_groups.pool.agents=12..16",
            "--replications",
            "3",
            "-o",
            r,
        ]);
        run_ok(&["report", r, "-o", html.to_str().unwrap()]);
        let page = std::fs::read_to_string(&html).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert_eq!(page.matches("<svg").count(), 3, "{ext}");
        for label in [
            "service level against pool.agents",
            "ASA (s) against pool.agents",
            "Cost against service level",
            "agent_groups.pool.agents",
            "ASA (s)",
            "cost",
            "target 80%",
            "frontier (no cheaper plan serves better)",
        ] {
            assert!(page.contains(label), "{ext}: missing {label:?}");
        }
        assert!(
            page.contains("<polygon") || page.contains("<path"),
            "{ext}: no confidence band"
        );
        assert_eq!(
            page.matches("<tr>").count(),
            1 + 5,
            "{ext}: header + 5 data rows"
        );
    }
}

#[test]
fn run_report_and_plots() {
    let json = tmp("day.json");
    let out = ccsim()
        .current_dir(repo_root())
        .args([
            "run",
            "scenarios/day-profile.toml",
            "--format",
            "json",
            "--replications",
            "3",
        ])
        .output()
        .unwrap();
    std::fs::write(&json, out.stdout).unwrap();
    let j = json.to_str().unwrap();
    let html = tmp("day.html");
    run_ok(&["report", j, "-o", html.to_str().unwrap()]);
    let page = std::fs::read_to_string(&html).unwrap();
    assert_eq!(page.matches("<svg").count(), 3);
    for label in [
        "Utility, full day: service level per interval",
        "mean queue length",
        "interval",
        "07:00",
    ] {
        assert!(page.contains(label), "missing {label:?}");
    }
    let svg = tmp("day.svg");
    run_ok(&["plot", j, "--chart", "queue", "-o", svg.to_str().unwrap()]);
    let s = std::fs::read_to_string(&svg).unwrap();
    assert!(s.starts_with("<svg") && s.contains("mean queue length") && s.contains("<text"));
    let png = tmp("day.png");
    run_ok(&["plot", j, "-o", png.to_str().unwrap()]);
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert!(bytes.len() > 10_000, "a real picture, not an empty canvas");
    // A frontier needs a sweep; a chart file needs a known extension.
    let out = ccsim()
        .args(["plot", j, "--chart", "frontier", "-o", "x.svg"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ccsim: error: the frontier chart needs sweep results (ccsim sweep), not a single run\n"
    );
    let out = ccsim()
        .args(["plot", j, "-o", "chart.pdf"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ccsim: error: chart.pdf: the chart file must end in .svg or .png\n"
    );
    let out = ccsim()
        .args(["report", "Cargo.toml", "-o", "x.html"])
        .current_dir(repo_root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
