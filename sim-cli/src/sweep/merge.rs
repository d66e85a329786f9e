//! `ccsim merge`: joins the outputs of sharded sweeps into exactly what the unsharded
//! sweep writes: one header, every point once, in point order.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::{SweepFormat, format_for, line_point};
use crate::BadInput;

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shard outputs (CSV or JSON lines, all alike).
    #[arg(required = true)]
    pub parts: Vec<PathBuf>,
    /// Where to write (default: stdout).
    #[arg(short = 'o', long)]
    pub out: Option<PathBuf>,
}

pub fn run(args: MergeArgs) -> Result<()> {
    let format = format_for(Some(&args.parts[0]), None);
    let mut header: Option<(String, PathBuf)> = None;
    let mut rows: BTreeMap<usize, (String, PathBuf)> = BTreeMap::new();
    for part in &args.parts {
        let text = std::fs::read_to_string(part)
            .map_err(|e| BadInput(format!("cannot read {}: {e}", part.display())))?;
        let mut lines = text.lines();
        if format == SweepFormat::Csv {
            let h = lines.next().unwrap_or("").to_string();
            match &header {
                None => header = Some((h, part.clone())),
                Some((first, from)) if *first != h => {
                    return Err(BadInput(format!(
                        "{} and {} come from different sweeps (their headers differ)",
                        from.display(),
                        part.display()
                    ))
                    .into());
                }
                Some(_) => {}
            }
        }
        for (n, line) in lines.enumerate() {
            let line_no = n + if format == SweepFormat::Csv { 2 } else { 1 };
            let i = line_point(line, format).ok_or_else(|| {
                BadInput(format!("{}:{line_no}: not a sweep row", part.display()))
            })?;
            if let Some((other, from)) = rows.get(&i) {
                if other != line {
                    return Err(BadInput(format!(
                        "point {i} differs between {} and {}",
                        from.display(),
                        part.display()
                    ))
                    .into());
                }
                continue;
            }
            rows.insert(i, (line.to_string(), part.clone()));
        }
    }
    let n = rows.keys().next_back().map_or(0, |k| k + 1);
    let missing: Vec<String> = (0..n)
        .filter(|i| !rows.contains_key(i))
        .map(|i| i.to_string())
        .collect();
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(20).map(String::as_str).collect();
        return Err(BadInput(format!(
            "{} point(s) are missing: {}{} (is a shard unfinished?)",
            missing.len(),
            shown.join(", "),
            if missing.len() > 20 { ", ..." } else { "" }
        ))
        .into());
    }
    let mut out = String::new();
    if let Some((h, _)) = header {
        out.push_str(&h);
        out.push('\n');
    }
    for (line, _) in rows.values() {
        out.push_str(line);
        out.push('\n');
    }
    match &args.out {
        Some(p) => std::fs::write(p, out)
            .map_err(|e| BadInput(format!("cannot write {}: {e}", p.display())))?,
        None => crate::output::print(&out)?,
    }
    Ok(())
}
