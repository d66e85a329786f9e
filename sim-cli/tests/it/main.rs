//! ccsim's integration tests: the real binary, run as a user runs it.

mod bad_input;
mod commands;
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
