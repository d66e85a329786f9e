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
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("target"));
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

/// A minimal static file server for `dist/` on 127.0.0.1 (GET only).
fn serve(port: u16) -> Result<()> {
    use std::io::{BufRead, BufReader, Write};
    let dist = root().join("dist");
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
    println!("serving {} on http://127.0.0.1:{port}/", dist.display());
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

fn main() -> Result<()> {
    let arg = std::env::args().nth(2);
    match std::env::args().nth(1).as_deref() {
        Some("ci") => ci(),
        Some("wasm-check") => wasm_check(),
        Some("web") => web(),
        Some("serve") => serve(arg.and_then(|p| p.parse().ok()).unwrap_or(8080)),
        _ => bail!("usage: cargo xtask ci | wasm-check | web | serve [PORT]"),
    }
}
