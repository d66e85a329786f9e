//! `ccsim validate`: every problem of a scenario the checker finds, each with its place,
//! the source line and a caret under the offending text (rustc / codespan style).

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use sim_core::scenario::{Override, Problem, Scenario};

use crate::BadInput;
use crate::run_cmd::read_scenario_text;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Scenario file (TOML).
    pub file: PathBuf,
    /// Overrides to check with it (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE", value_parser = crate::parse_override)]
    pub set: Vec<Override>,
}

/// Renders one problem with its source line and caret.
pub fn render(p: &Problem, text: &str) -> String {
    let mut s = String::new();
    let what = if p.path.is_empty() {
        p.message.clone()
    } else {
        format!("{}: {}", p.path, p.message)
    };
    let _ = writeln!(s, "error: {what}");
    if p.line == 0 {
        let _ = writeln!(s, "  --> {}", p.origin);
        return s;
    }
    let _ = writeln!(s, "  --> {}:{}:{}", p.origin, p.line, p.column);
    let Some(line) = text.lines().nth(p.line - 1) else {
        return s;
    };
    let gutter = p.line.to_string().len();
    let width = p
        .span
        .as_ref()
        .map_or(1, |r| {
            // The caret covers the span on this line only.
            let first_line_rest = line.chars().count().saturating_sub(p.column - 1);
            text.get(r.clone())
                .map_or(1, |t| t.lines().next().unwrap_or("").chars().count())
                .min(first_line_rest)
        })
        .max(1);
    let _ = writeln!(s, "{:gutter$} |", "");
    let _ = writeln!(s, "{:>gutter$} | {line}", p.line);
    let _ = writeln!(
        s,
        "{:gutter$} | {}{}",
        "",
        " ".repeat(p.column - 1),
        "^".repeat(width)
    );
    s
}

pub fn run(args: ValidateArgs) -> Result<()> {
    let (text, origin) = read_scenario_text(Some(&args.file))?;
    match Scenario::from_toml_str_with(&text, &origin, &args.set) {
        Ok(s) => {
            let types: Vec<&str> = s.contact_types.iter().map(|t| t.name.as_str()).collect();
            let groups: Vec<&str> = s.agent_groups.iter().map(|g| g.name.as_str()).collect();
            crate::output::print(&format!(
                "{origin}: ok — \"{}\": contact types {}; agent groups {}; horizon {} in {} intervals of {}; {} replication(s)\n",
                s.name,
                types.join(", "),
                groups.join(", "),
                s.horizon,
                s.interval_count(),
                s.interval,
                s.replications
            ))
        }
        Err(e) => {
            let mut out = String::new();
            for p in &e.problems {
                out.push_str(&render(p, &text));
                out.push('\n');
            }
            eprint!("{out}");
            let n = e.problems.len();
            Err(BadInput(format!(
                "{n} problem{} found in {origin}",
                if n == 1 { "" } else { "s" }
            ))
            .into())
        }
    }
}
