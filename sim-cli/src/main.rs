//! `ccsim`: the command-line face of ccsim. Thin glue: flags are parsed into plain
//! structs, turned into `sim_core` values, and results are printed. Only this crate reads
//! files, writes to the terminal and decides exit codes: 0 on success, 2 on bad input
//! (with a message naming the file, line and field), 1 on an internal failure.

mod backtest_cmd;
mod calibrate_cmd;
mod calibrate_html;
mod charts;
mod compare_cmd;
mod completions_cmd;
mod erlang_cmd;
mod grade_cmd;
mod output;
mod replay_cmd;
mod report_cmd;
mod run_cmd;
mod staff_cmd;
mod sweep;
mod trace_cmd;
mod validate_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Parses a `--set PATH=VALUE` flag.
pub fn parse_override(s: &str) -> Result<sim_core::scenario::Override, String> {
    s.parse()
}

/// Parses a share between 0 and 1 (`--target 0.8`, `--max-abandon 0.05`).
pub fn parse_share(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "expected a share between 0 and 1 (0.8 for 80 %), found \"{s}\""
        )),
    }
}

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
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Simulate a scenario and report its KPIs (the built-in default if no FILE).
    #[command(
        after_help = "Examples:\n  ccsim run\n  ccsim run scenarios/day-profile.toml --format json > report.json\n  ccsim run scenarios/minimal.toml --set agent_groups.tier1.agents=12 --replications 30\n  ccsim run scenarios/minimal.toml --format csv --seed 42"
    )]
    Run(run_cmd::RunArgs),
    /// Erlang C / Erlang A metrics of a single queue, or the staffing that meets a target.
    #[command(
        after_help = "Examples:\n  ccsim erlang --rate 120/h --aht 4m --agents 10\n  ccsim erlang --rate 120/h --aht 4m --agents 10 --patience 3m --threshold 30s\n  ccsim erlang --rate 500/m --aht 4m --target 0.8\n  ccsim erlang --rate 120/h --aht 4m --patience 3m --max-abandon 0.03 --json"
    )]
    Erlang(erlang_cmd::ErlangArgs),
    /// Run a scenario over a grid of parameter values (parallel, resumable, shardable).
    #[command(
        after_help = "Examples:\n  ccsim sweep scenarios/minimal.toml --vary agent_groups.tier1.agents=8..16 -o staff.csv\n  ccsim sweep scenarios/minimal.toml --vary agent_groups.tier1.agents=8..16:2 --vary contact_types.general.patience.mean=1m..5m:1m -o grid.jsonl\n  ccsim sweep scenarios/minimal.toml --points points.csv -j 2 -o out.csv --resume\n  ccsim sweep scenarios/minimal.toml --vary agent_groups.tier1.agents=1..500 --shard 3/8 -o part3.csv\n\nOn a cluster, the shard comes from SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT (and\nSLURM_ARRAY_TASK_MIN), or from JOB_COMPLETION_INDEX with CCSIM_SHARDS; join the parts\nwith `ccsim merge part*.csv -o all.csv`."
    )]
    Sweep(sweep::SweepArgs),
    /// Join the outputs of sharded sweeps into the unsharded sweep's output.
    #[command(after_help = "Example:\n  ccsim merge part1.csv part2.csv part3.csv -o all.csv")]
    Merge(sweep::merge::MergeArgs),
    /// Compare two scenarios (or one and --set overrides) on the same simulated days.
    #[command(
        after_help = "Examples:\n  ccsim compare scenarios/minimal.toml --set agent_groups.tier1.agents=11\n  ccsim compare today.toml with-callbacks.toml --replications 30 --json"
    )]
    Compare(compare_cmd::CompareArgs),
    /// A staffing plan per interval and group that meets a target: Erlang, corrected by simulation.
    #[command(
        after_help = "Examples:\n  ccsim staff scenarios/day-profile.toml --target \"sl>=0.8@20s\" -o plan.toml\n  ccsim run scenarios/day-profile.toml --overlay plan.toml\n  ccsim staff scenarios/default.toml --target \"sl>=80%@20s\" --max-abandon 0.05"
    )]
    Staff(staff_cmd::StaffArgs),
    /// Check a scenario file and show every problem found, with its line and a caret.
    #[command(after_help = "Example:\n  ccsim validate scenarios/bank.toml")]
    Validate(validate_cmd::ValidateArgs),
    /// The event log of one replication (arrivals, answers, abandons, agents), CSV or JSON lines.
    #[command(
        after_help = "Examples:\n  ccsim trace scenarios/minimal.toml -o events.csv\n  ccsim trace --format jsonl --replication 3 | head"
    )]
    Trace(trace_cmd::TraceArgs),
    /// A self-contained HTML report with SVG charts, from sweep or run results.
    #[command(
        after_help = "Examples:\n  ccsim sweep scenarios/minimal.toml --vary agent_groups.tier1.agents=8..14 -o sweep.csv\n  ccsim report sweep.csv -o report.html\n  ccsim run scenarios/day-profile.toml --format json > day.json && ccsim report day.json -o day.html"
    )]
    Report(report_cmd::ReportArgs),
    /// One chart as SVG or PNG, from sweep or run results.
    #[command(
        after_help = "Examples:\n  ccsim plot sweep.csv --chart frontier -o frontier.svg\n  ccsim plot day.json --chart service-level -o day.png"
    )]
    Plot(report_cmd::PlotArgs),
    /// A scenario from per-call logs (arrival rates, talk times, patience, IVR, staffing).
    #[command(
        after_help = "Examples:\n  ccsim calibrate ../shared/data/anonymous-bank-1999/january.txt -o bank.toml\n  ccsim calibrate day1.csv day2.csv --weekdays mon,tue,wed,thu,fri --window 08:00-20:00"
    )]
    Calibrate(calibrate_cmd::CalibrateArgs),
    /// One real day from a call log, trace-driven, under its own staffing or a changed one.
    #[command(
        after_help = "Examples:\n  ccsim replay ../shared/data/anonymous-bank-1999/october.txt --day 1999-10-05\n  ccsim replay october.txt --day 1999-10-05 --actual-times --set 'agent_groups.agents.agents=[...]'"
    )]
    Replay(replay_cmd::ReplayArgs),
    /// Calibrate on some logs, simulate the days of others and compare with what they recorded.
    #[command(
        after_help = "Examples:\n  ccsim backtest --train ../shared/data/anonymous-bank-1999/january.txt --test ../shared/data/anonymous-bank-1999/october.txt\n  ccsim backtest --train jan.txt --test oct.txt --csv days.csv --html backtest.html"
    )]
    Backtest(backtest_cmd::BacktestArgs),
    /// Rank a class from the results files the game exports (each day is replayed to verify it).
    #[command(after_help = "Example:\n  ccsim grade results/*.json")]
    Grade(grade_cmd::GradeArgs),
    /// Print the JSON Schema of the scenario format, for editors (see the README).
    #[command(after_help = "Example:\n  ccsim schema > ccsim-scenario.schema.json")]
    Schema,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(
        after_help = "Example:\n  ccsim completions bash > ~/.local/share/bash-completion/completions/ccsim"
    )]
    Completions(completions_cmd::CompletionsArgs),
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
        Command::Staff(args) => staff_cmd::run(args),
        Command::Trace(args) => trace_cmd::run(args),
        Command::Completions(args) => completions_cmd::run(args),
        Command::Schema => {
            serde_json::to_string_pretty(&sim_core::scenario::Scenario::json_schema())
                .map_err(Into::into)
                .and_then(|s| output::print(&(s + "\n")))
        }
        Command::Report(args) => report_cmd::report(args),
        Command::Grade(args) => grade_cmd::run(args),
        Command::Calibrate(args) => calibrate_cmd::run(args),
        Command::Replay(args) => replay_cmd::run(args),
        Command::Backtest(args) => backtest_cmd::run(args),
        Command::Plot(args) => report_cmd::plot(args),
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
