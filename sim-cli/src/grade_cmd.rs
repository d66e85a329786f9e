//! `ccsim grade results/*.json`: ranks a class. Each student's day is rebuilt from the
//! mission, the seed and their decisions and scored again, so a results file cannot
//! claim a score its decisions do not earn; the table says which were verified.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use sim_core::training::mission::builtin;
use sim_core::training::results::{FORMAT, Results};
use sim_core::training::score::Debrief;

use crate::BadInput;

#[derive(Debug, Args)]
pub struct GradeArgs {
    /// Results files exported by the game.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

struct Graded {
    player: String,
    debrief: Debrief,
    verified: bool,
}

pub fn run(args: GradeArgs) -> Result<()> {
    let missions = builtin();
    let mut classes: BTreeMap<String, Vec<Graded>> = BTreeMap::new();
    for f in &args.files {
        let text = std::fs::read_to_string(f)
            .map_err(|e| BadInput(format!("cannot read {}: {e}", f.display())))?;
        let r: Results = serde_json::from_str(&text)
            .map_err(|e| BadInput(format!("{}: not a ccsim results file: {e}", f.display())))?;
        if r.format != FORMAT {
            return Err(BadInput(format!(
                "{}: format \"{}\", expected \"{FORMAT}\"",
                f.display(),
                r.format
            ))
            .into());
        }
        let replayed = r
            .verify(&missions)
            .map_err(|e| BadInput(format!("{}: {e}", f.display())))?;
        let verified = replayed == r.debrief;
        classes
            .entry(r.class_code.clone())
            .or_default()
            .push(Graded {
                player: r.player.clone(),
                // Rank by what the decisions earn, not by what the file claims.
                debrief: replayed,
                verified,
            });
    }
    let mut out = String::new();
    for (code, mut students) in classes {
        students.sort_by(|a, b| {
            b.debrief
                .score
                .cmp(&a.debrief.score)
                .then(a.debrief.cost.total_cmp(&b.debrief.cost))
                .then(b.debrief.service_level.total_cmp(&a.debrief.service_level))
                .then(a.player.cmp(&b.player))
        });
        let mission = &students[0].debrief.mission;
        let _ = writeln!(
            out,
            "Class {code} ({mission}): {} student(s)",
            students.len()
        );
        let _ = writeln!(
            out,
            "{:>4}  {:<20}{:>6}{:>7}{:>10}{:>10}{:>10}  check",
            "rank", "player", "stars", "score", "SL", "abandon", "cost"
        );
        for (i, s) in students.iter().enumerate() {
            let d = &s.debrief;
            let stars: String = (0..3)
                .map(|k| if k < d.stars { '*' } else { '.' })
                .collect();
            let _ = writeln!(
                out,
                "{:>4}  {:<20}{:>6}{:>7}{:>9.1}%{:>9.1}%{:>10.0}  {}",
                i + 1,
                s.player,
                stars,
                d.score,
                d.service_level * 100.0,
                d.abandon_rate * 100.0,
                d.cost,
                if s.verified {
                    "verified"
                } else {
                    "RESCORED: the file's numbers differ from its replay"
                }
            );
        }
        let n = students.len() as f64;
        let mean = students.iter().map(|s| s.debrief.score as f64).sum::<f64>() / n;
        let all_met = students.iter().filter(|s| s.debrief.stars == 3).count();
        let _ = writeln!(
            out,
            "mean score {mean:.1}; {all_met} of {} met every objective\n",
            students.len()
        );
    }
    crate::output::print(&out)
}
