//! Project automation, in Rust rather than shell (as rust-analyzer does).
//!
//! - `cargo xtask ci`: everything CI checks: formatting, clippy, the whole test suite,
//!   and the wasm32 determinism check.
//! - `cargo xtask wasm-check`: builds sim-core for wasm32-unknown-unknown, runs the
//!   scenarios under node, and compares each report byte for byte with the native
//!   `ccsim run --format json`.
//! - `cargo xtask web`: builds the game for the browser (the size-optimised `web`
//!   profile) into `dist/` (index.html, JS, wasm), with wasm-bindgen-cli pinned to the version in Cargo.lock (installed with
//!   `cargo install` if missing), and prints the wasm size.
//! - `cargo xtask serve [PORT]`: serves `dist/` on 127.0.0.1 (default port 8080).
//! - `cargo xtask e2e`: the browser end-to-end test. Builds `dist/`, serves it on
//!   127.0.0.1, plays mission 1 in Debian's headless chromium through the page API
//!   (`sim-web/e2e/play.mjs`, playwright-core), and checks that the debrief equals what
//!   `ccsim run --decisions` reports for the same mission, seed and decisions; fails on
//!   any console error. Installs chromium (apt, as root) and playwright-core (npm ci) if
//!   missing. Screenshots and measurements go to `target/e2e/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Cargo's target directory.
fn target_dir() -> PathBuf {
    std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("target"))
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

fn status(mut c: Command) -> Result<()> {
    eprintln!("xtask: running {c:?}");
    let s = c
        .status()
        .with_context(|| format!("could not start {c:?}"))?;
    if !s.success() {
        bail!("{c:?} failed with {s}");
    }
    Ok(())
}

fn output(mut c: Command) -> Result<String> {
    let out = c
        .output()
        .with_context(|| format!("could not start {c:?}"))?;
    if !out.status.success() {
        bail!("{c:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8(out.stdout)?)
}

fn ci() -> Result<()> {
    let mut fmt = cargo();
    fmt.args(["fmt", "--all", "--", "--check"]);
    status(fmt)?;
    let mut clippy = cargo();
    clippy.args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]);
    status(clippy)?;
    let mut test = cargo();
    test.args(["test", "--workspace"]);
    status(test)?;
    wasm_check()?;
    e2e()
}

/// Scenarios, seeds and replications compared between native and wasm32.
const WASM_CASES: &[(&str, u64, u32)] = &[
    ("scenarios/default.toml", 7, 3),
    ("scenarios/minimal.toml", 7, 2),
    ("scenarios/two-types-priority.toml", 99, 2),
    ("scenarios/day-profile.toml", 11, 2),
    // Every operations feature: shifts, breaks, absenteeism, IVR, transfers, overflow...
    ("scenarios/multi-skill-bank.toml", 5, 2),
    ("scenarios/callback-retailer.toml", 3, 1),
    // Chat, email backlog, predictive dialing and blending.
    ("scenarios/multichannel-desk.toml", 8, 1),
    ("scenarios/blended-center.toml", 8, 1),
    // 30 working days with hiring, learning, attrition and the backlog carried over.
    ("scenarios/grow-the-team.toml", 30, 1),
];

fn wasm_check() -> Result<()> {
    let mut build = cargo();
    build.args([
        "build",
        "--release",
        "-p",
        "wasm-probe",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    status(build)?;
    let mut build = cargo();
    build.args(["build", "--release", "-p", "sim-cli"]);
    status(build)?;
    let target = target_dir();
    let wasm = target.join("wasm32-unknown-unknown/release/wasm_probe.wasm");
    let ccsim = target.join("release/ccsim");
    let (mut passed, mut failed) = (0, 0);
    for (scenario, seed, reps) in WASM_CASES {
        let mut native = Command::new(&ccsim);
        native.current_dir(root()).args([
            "run",
            scenario,
            "--format",
            "json",
            "--seed",
            &seed.to_string(),
            "--replications",
            &reps.to_string(),
        ]);
        let native = output(native)?;
        let mut node = Command::new("node");
        node.current_dir(root())
            .arg("xtask/wasm_check.mjs")
            .arg(&wasm)
            .arg(scenario)
            .arg(seed.to_string())
            .arg(reps.to_string());
        let wasm_out = output(node)?;
        if native == wasm_out && native.starts_with('{') {
            eprintln!(
                "wasm-check: {scenario} seed {seed}: wasm32 report == native report ({} bytes)",
                native.len()
            );
            passed += 1;
        } else {
            eprintln!("wasm-check: {scenario} seed {seed}: wasm32 and native reports DIFFER");
            failed += 1;
        }
    }
    println!("wasm-check: {passed} passed, {failed} failed");
    if failed > 0 {
        bail!("{failed} scenario(s) differ between wasm32 and native");
    }
    Ok(())
}

/// The wasm-bindgen version Cargo.lock pins (the CLI must match it exactly).
fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|v| v.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_string());
        }
    }
    bail!("Cargo.lock has no wasm-bindgen entry")
}

fn web() -> Result<()> {
    let mut build = cargo();
    build.args([
        "build",
        "--profile",
        "web",
        "-p",
        "sim-web",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    status(build)?;
    let version = locked_wasm_bindgen()?;
    let have = Command::new("wasm-bindgen")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).to_string());
    if !have
        .as_deref()
        .is_some_and(|h| h.trim().ends_with(&version))
    {
        let mut install = cargo();
        // Not `--locked`: its lockfile names a webpki-roots the registry may not serve; the
        // CLI version itself, which must match, is pinned.
        install.args(["install", "wasm-bindgen-cli", "--version", &version]);
        status(install)?;
    }
    let target = target_dir();
    let wasm = target.join("wasm32-unknown-unknown/web/sim-web.wasm");
    let dist = root().join("dist");
    let _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(&dist)?;
    let mut bindgen = Command::new("wasm-bindgen");
    bindgen
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            "sim_web",
            "--out-dir",
        ])
        .arg(&dist)
        .arg(&wasm);
    status(bindgen)?;
    std::fs::copy(
        root().join("sim-web/web/index.html"),
        dist.join("index.html"),
    )?;
    let size = std::fs::metadata(dist.join("sim_web_bg.wasm"))?.len();
    println!(
        "web: dist/ built; sim_web_bg.wasm is {:.1} MiB ({size} bytes)",
        size as f64 / 1048576.0
    );
    Ok(())
}

/// Serves `dist/` on 127.0.0.1 until interrupted.
fn serve(port: u16) -> Result<()> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
    println!(
        "serving {} on http://127.0.0.1:{port}/",
        root().join("dist").display()
    );
    serve_on(listener)
}

/// A minimal static file server for `dist/` (GET only).
fn serve_on(listener: std::net::TcpListener) -> Result<()> {
    use std::io::{BufRead, BufReader, Write};
    let dist = root().join("dist");
    for stream in listener.incoming() {
        let mut stream = stream?;
        let mut line = String::new();
        BufReader::new(&stream).read_line(&mut line)?;
        let path = line.split_whitespace().nth(1).unwrap_or("/");
        let path = if path == "/" { "/index.html" } else { path };
        let file = dist.join(path.trim_start_matches('/'));
        let inside = file
            .canonicalize()
            .ok()
            .is_some_and(|f| f.starts_with(dist.canonicalize().unwrap_or_default()));
        let (status_line, body, kind) = match std::fs::read(&file) {
            Ok(body) if inside => {
                let kind = match file.extension().and_then(|e| e.to_str()) {
                    Some("html") => "text/html; charset=utf-8",
                    Some("js") => "text/javascript",
                    Some("wasm") => "application/wasm",
                    _ => "application/octet-stream",
                };
                ("200 OK", body, kind)
            }
            _ => ("404 Not Found", b"not found".to_vec(), "text/plain"),
        };
        let _ = write!(
            stream,
            "HTTP/1.1 {status_line}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(&body);
    }
    Ok(())
}

/// Installs what the browser test needs if it is missing: Debian's chromium (as root)
/// and playwright-core (from the lockfile).
fn e2e_prerequisites() -> Result<()> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string());
    if !Path::new(&chromium).exists() {
        let uid = output({
            let mut c = Command::new("id");
            c.arg("-u");
            c
        })?;
        if uid.trim() != "0" {
            bail!("{chromium} is missing: install Debian's chromium (apt-get install chromium)");
        }
        let mut update = Command::new("apt-get");
        update.args(["update", "-q"]);
        status(update)?;
        let mut install = Command::new("apt-get");
        install
            .args(["install", "-y", "-q", "--no-install-recommends", "chromium"])
            .env("DEBIAN_FRONTEND", "noninteractive");
        status(install)?;
    }
    let e2e = root().join("sim-web/e2e");
    if !e2e.join("node_modules/playwright-core").exists() {
        let mut npm = Command::new("npm");
        npm.current_dir(&e2e)
            .args(["ci", "--no-audit", "--no-fund"]);
        status(npm)?;
    }
    Ok(())
}

/// The mission and seed the browser test plays.
const E2E_MISSION: (&str, u32, u64) = ("scenarios/missions/01-flat-day.toml", 1, 4711);

fn e2e() -> Result<()> {
    e2e_prerequisites()?;
    web()?;
    let mut build = cargo();
    build.args(["build", "--release", "-p", "sim-cli"]);
    status(build)?;
    let target = target_dir();
    let out = target.join("e2e");
    std::fs::create_dir_all(&out)?;
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    let url = format!("http://127.0.0.1:{}/", listener.local_addr()?.port());
    std::thread::spawn(move || serve_on(listener));
    let (file, mission, seed) = E2E_MISSION;
    let mut node = Command::new("node");
    node.current_dir(root())
        .arg("sim-web/e2e/play.mjs")
        .arg(&url)
        .arg(&out)
        .arg(mission.to_string())
        .arg(seed.to_string());
    eprintln!("xtask: running {node:?}");
    let played = node.output().context("could not start node")?;
    let stdout = String::from_utf8_lossy(&played.stdout);
    if !played.status.success() {
        bail!(
            "the browser test failed ({}):\n{stdout}\n{}",
            played.status,
            String::from_utf8_lossy(&played.stderr)
        );
    }
    let v: serde_json::Value = serde_json::from_str(stdout.trim())
        .with_context(|| format!("play.mjs printed no JSON: {stdout}"))?;
    let results = out.join("results.json");
    std::fs::write(&results, serde_json::to_string_pretty(&v["results"])?)?;

    // The same day in the CLI: mission file, seed and decisions from the results file.
    let mut run = Command::new(target.join("release/ccsim"));
    run.current_dir(root())
        .args(["run", file, "--format", "json", "--decisions"])
        .arg(&results);
    let report: serde_json::Value = serde_json::from_str(&output(run)?)?;
    let d = &v["debrief"];
    let mut differ = Vec::new();
    for key in [
        "offered",
        "service_level",
        "abandon_rate",
        "asa_s",
        "occupancy",
        "cost",
    ] {
        let (game, cli) = (&d[key], &report["summary"][key]["mean"]);
        eprintln!("e2e: {key}: browser {game}, ccsim run {cli}");
        if game.as_f64().is_none() || game.as_f64() != cli.as_f64() {
            differ.push(key);
        }
    }
    if report["seed"].as_u64() != Some(seed) {
        differ.push("seed");
    }
    if v["results"]["log"].as_array().map_or(0, Vec::len) != 1 {
        differ.push("decision log");
    }
    println!(
        "e2e: first frame {:.0} ms after navigation; day fast-forwarded in {:.0} ms; {:.1} frames/s in mission 1 (11 agents), {:.1} with 500 agents; screenshots in {}",
        v["first_frame_ms"].as_f64().unwrap_or(f64::NAN),
        v["fast_forward_ms"].as_f64().unwrap_or(f64::NAN),
        v["fps_mission_1"].as_f64().unwrap_or(f64::NAN),
        v["fps_500_agents"].as_f64().unwrap_or(f64::NAN),
        out.display()
    );
    std::fs::write(out.join("measurements.json"), stdout.trim())?;
    if !differ.is_empty() {
        bail!("the browser's debrief and `ccsim run` differ in: {differ:?}");
    }
    println!(
        "e2e: the browser's debrief equals `ccsim run --decisions` (mission {mission}, seed {seed})"
    );
    Ok(())
}

fn main() -> Result<()> {
    let arg = std::env::args().nth(2);
    match std::env::args().nth(1).as_deref() {
        Some("ci") => ci(),
        Some("wasm-check") => wasm_check(),
        Some("web") => web(),
        Some("serve") => serve(arg.and_then(|p| p.parse().ok()).unwrap_or(8080)),
        Some("e2e") => e2e(),
        _ => bail!("usage: cargo xtask ci | wasm-check | web | serve [PORT] | e2e"),
    }
}
