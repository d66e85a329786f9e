//! ccsim's integration tests: the real binary, run as a user runs it.

mod bad_input;
mod commands;
mod grade;
mod report;
mod snapshots;
mod staff;
mod sweep;

use assert_cmd::Command;

pub fn ccsim() -> Command {
    Command::cargo_bin("ccsim").expect("the ccsim binary is built")
}

pub fn repo_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Runs ccsim in the repository root with `args` (paths or strings) and returns what it
/// did.
pub fn run_in_repo<S: AsRef<std::ffi::OsStr>>(
    args: impl IntoIterator<Item = S>,
) -> std::process::Output {
    ccsim()
        .current_dir(repo_root())
        .args(args)
        .output()
        .unwrap()
}

/// Runs ccsim in the repository root; it must succeed; returns its stdout.
pub fn stdout_ok(args: &[&str]) -> String {
    let out = ccsim()
        .current_dir(repo_root())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A fresh, empty temporary directory for one test.
pub fn tempdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("ccsim-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}
