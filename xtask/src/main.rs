//! Project automation, in Rust rather than shell (as rust-analyzer does).
//!
//! - `cargo xtask ci`: everything CI checks: formatting, clippy, the whole test suite,
//!   and the wasm32 determinism check.
//! - `cargo xtask wasm-check`: builds sim-core for wasm32-unknown-unknown, runs the
//!   scenarios under node, and compares each report byte for byte with the native
//!   `ccsim run --format json`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
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
    wasm_check()
}

/// Scenarios, seeds and replications compared between native and wasm32.
const WASM_CASES: &[(&str, u64, u32)] = &[
    ("scenarios/default.toml", 7, 3),
    ("scenarios/minimal.toml", 7, 2),
    ("scenarios/two-types-priority.toml", 99, 2),
    ("scenarios/day-profile.toml", 11, 2),
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
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("target"));
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

fn main() -> Result<()> {
    match std::env::args().nth(1).as_deref() {
        Some("ci") => ci(),
        Some("wasm-check") => wasm_check(),
        _ => bail!("usage: cargo xtask ci | wasm-check"),
    }
}
