//! `ccsim completions SHELL`: a completion script for bash, zsh, fish, elvish or
//! PowerShell, printed to stdout.

use anyhow::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish, powershell.
    pub shell: Shell,
}

pub fn run(args: CompletionsArgs) -> Result<()> {
    let mut cmd = crate::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "ccsim", &mut out);
    crate::output::print(&String::from_utf8(out)?)
}
