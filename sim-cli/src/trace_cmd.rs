//! `ccsim trace`: the event log of one replication as CSV or JSON lines, streamed an
//! hour of simulated time at a time (memory stays bounded on long runs).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};
use sim_core::Simulation;
use sim_core::scenario::Override;
use sim_core::time::SimDuration;
use sim_core::trace::TraceEvent;

use crate::BadInput;
use crate::run_cmd::load_scenario;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TraceFormat {
    /// time_s,event,contact,contact_type,agent,group,wait_s,talk_end_s,busy_end_s
    Csv,
    /// One JSON object per event.
    Jsonl,
}

#[derive(Debug, Args)]
pub struct TraceArgs {
    /// Scenario file (the built-in default if omitted).
    pub file: Option<PathBuf>,
    /// Seed (overrides the scenario's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Which replication (0-based).
    #[arg(long, default_value_t = 0)]
    pub replication: u32,
    /// Override a scenario field (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE", value_parser = crate::parse_override)]
    pub set: Vec<Override>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TraceFormat::Csv)]
    pub format: TraceFormat,
    /// Output file (default: stdout).
    #[arg(short = 'o', long)]
    pub out: Option<PathBuf>,
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or(String::new(), |x| x.to_string())
}

fn csv_line(e: &TraceEvent, type_names: &[String], group_names: &[String]) -> String {
    let name = |names: &[String], i: Option<u16>| {
        i.map_or(String::new(), |i| {
            crate::output::csv_field(&names[i as usize])
        })
    };
    let event = serde_json::to_value(e.event)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    format!(
        "{},{},{},{},{},{},{},{},{}\n",
        e.time_s,
        event,
        opt(e.contact),
        name(type_names, e.contact_type),
        opt(e.agent),
        name(group_names, e.group),
        opt(e.wait_s),
        opt(e.talk_end_s),
        opt(e.busy_end_s)
    )
}

pub fn run(args: TraceArgs) -> Result<()> {
    let scenario = load_scenario(args.file.as_ref(), &args.set)?;
    let seed = args.seed.unwrap_or(scenario.seed);
    let types: Vec<String> = scenario
        .contact_types
        .iter()
        .map(|t| t.name.clone())
        .collect();
    let groups: Vec<String> = scenario
        .agent_groups
        .iter()
        .map(|g| g.name.clone())
        .collect();
    let mut out: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p)
                .map_err(|e| BadInput(format!("cannot write {}: {e}", p.display())))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut sim = Simulation::new_replication(&scenario, seed, args.replication);
    sim.enable_trace();
    if args.format == TraceFormat::Csv {
        out.write_all(
            b"time_s,event,contact,contact_type,agent,group,wait_s,talk_end_s,busy_end_s\n",
        )?;
    }
    let write = |events: Vec<TraceEvent>, out: &mut Box<dyn Write>| -> Result<()> {
        for e in events {
            let line = match args.format {
                TraceFormat::Csv => csv_line(&e, &types, &groups),
                TraceFormat::Jsonl => {
                    let mut v = serde_json::to_value(&e)?;
                    // Names rather than indices, for readers.
                    if let Some(t) = e.contact_type {
                        v["contact_type"] = types[t as usize].clone().into();
                    }
                    if let Some(g) = e.group {
                        v["group"] = groups[g as usize].clone().into();
                    }
                    serde_json::to_string(&v)? + "\n"
                }
            };
            match out.write_all(line.as_bytes()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
                other => other?,
            }
        }
        Ok(())
    };
    while !sim.is_finished() {
        let next = sim.now() + SimDuration::from_hours(1);
        sim.run_until(next);
        write(sim.drain_trace(), &mut out)?;
    }
    match out.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    Ok(())
}
