//! `ccsim`: the command-line face of ccsim. Thin glue: flags are parsed into plain
//! structs, turned into `sim_core` values, and results are printed. Only this crate reads
//! files, writes to the terminal and decides exit codes: 0 on success, 2 on bad input
//! (with a message naming the file, line and field), 1 on an internal failure.

mod compare_cmd;
mod erlang_cmd;
mod output;
mod run_cmd;
mod sweep;
mod validate_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// An error in what the user gave us: exit code 2.
#[derive(Debug)]
pub struct BadInput(pub String);

impl std::fmt::Display for BadInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

#[derive(Debug, Parser)]
#[command(
    name = "ccsim",
    version,
    about = "Call-center simulation: run scenarios, compare with Erlang, plan staffing",
    after_help = "Examples:\n  ccsim run                                  the built-in default scenario\n  ccsim run scenarios/bank.toml --format json\n  ccsim run scenarios/bank.toml --set agent_groups.tier1.agents=12 --replications 20\n  ccsim erlang --rate 120/h --aht 4m --agents 10 --patience 3m\n  ccsim erlang --rate 120/h --aht 4m --target 0.8 --threshold 20s"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Simulate a scenario and report its KPIs (the built-in default if no FILE).
    Run(run_cmd::RunArgs),
    /// Erlang C / Erlang A metrics of a single queue, or the staffing that meets a target.
    Erlang(erlang_cmd::ErlangArgs),
    /// Run a scenario over a grid of parameter values (parallel, resumable, shardable).
    Sweep(sweep::SweepArgs),
    /// Join the outputs of sharded sweeps into the unsharded sweep's output.
    Merge(sweep::merge::MergeArgs),
    /// Compare two scenarios (or one and --set overrides) on the same simulated days.
    Compare(compare_cmd::CompareArgs),
    /// Check a scenario file and show every problem found, with its line and a caret.
    Validate(validate_cmd::ValidateArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run_cmd::run(args),
        Command::Erlang(args) => erlang_cmd::run(args),
        Command::Sweep(args) => sweep::run(args),
        Command::Merge(args) => sweep::merge::run(args),
        Command::Compare(args) => compare_cmd::run(args),
        Command::Validate(args) => validate_cmd::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if e.downcast_ref::<BadInput>().is_some() {
                eprintln!("ccsim: error: {e}");
                ExitCode::from(2)
            } else {
                eprintln!("ccsim: internal error: {e:#}");
                ExitCode::from(1)
            }
        }
    }
}
