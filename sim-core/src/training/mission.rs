//! Missions: a scenario plus a briefing, objectives, a budget and a lesson, in one TOML
//! file (`scenarios/missions/*.toml`). The scenario is the file's top level, exactly as
//! `ccsim run` reads it; the `[mission]` table (put it last) adds the game's part:
//!
//! ```toml
//! [mission]
//! title = "A flat day"
//! order = 1
//! briefing = "Staff a quiet line ..."
//! lesson = "Erlang C tells you ..."
//! budget = 2400.0
//! objectives = [
//!   { kind = "service_level_intervals", share = 0.9 },
//!   { kind = "abandon_rate", max = 0.05 },
//!   { kind = "cost", max = 2400.0 },
//! ]
//! hire_lead_minutes = 30        # optional: how long a called-in agent takes (default 30)
//! tutorial = ["Step one ...", "Step two ..."]   # optional: steps shown one at a time
//! ```
//!
//! `ccsim run` reads a mission file as a plain scenario (it ignores `[mission]`), and the
//! game plays a plain scenario file as free play ([`Mission::from_file_text`]).

use crate::scenario::{Scenario, ScenarioError};
use serde::Deserialize;
use toml_edit::DocumentMut;

/// What a player must achieve.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Objective {
    /// The service-level target met in at least `share` of the reporting intervals.
    ServiceLevelIntervals {
        /// Share of intervals, e.g. 0.9.
        share: f64,
    },
    /// The day's service level at least `min`.
    ServiceLevel {
        /// Minimum share answered within the threshold.
        min: f64,
    },
    /// The day's abandonment at most `max`.
    AbandonRate {
        /// Maximum share abandoned.
        max: f64,
    },
    /// The day's ASA at most `max_s` seconds.
    Asa {
        /// Maximum mean wait of answered calls, seconds.
        max_s: f64,
    },
    /// The day's cost at most `max`.
    Cost {
        /// Budget.
        max: f64,
    },
    /// One line's (contact type's) service level for the day at least `min`.
    LineServiceLevel {
        /// The contact type's name.
        line: String,
        /// Minimum share answered within the threshold.
        min: f64,
    },
    /// Outbound revenue of the day (of the month, on a multi-day mission) at least `min`.
    Revenue {
        /// Minimum revenue.
        min: f64,
    },
    /// The outbound abandoned-call rate (callees dropped / connected, all campaigns) at
    /// most `max`.
    OutboundAbandonRate {
        /// Maximum share dropped.
        max: f64,
    },
    /// The email backlog at the close at most `max` (on a multi-day mission: on the last
    /// day).
    Backlog {
        /// Most emails left.
        max: f64,
    },
    /// A multi-day mission: at most `max` agents quit over the run.
    Quits {
        /// Most quits.
        max: f64,
    },
    /// A multi-day mission: at least `min` agents paid (on the phones or in training) at
    /// the end.
    HeadcountEnd {
        /// Fewest agents.
        min: f64,
    },
}

impl Objective {
    /// A sentence for the briefing and the debrief.
    pub fn describe(&self, target: f64, threshold_s: f64) -> String {
        match self {
            Objective::ServiceLevelIntervals { share } => format!(
                "Answer {:.0}% of calls within {:.0} s in at least {:.0}% of the half hours",
                target * 100.0,
                threshold_s,
                share * 100.0
            ),
            Objective::ServiceLevel { min } => {
                format!(
                    "Answer {:.0}% of the day's calls within {:.0} s",
                    min * 100.0,
                    threshold_s
                )
            }
            Objective::AbandonRate { max } => {
                format!("Keep abandonment at or below {:.1}%", max * 100.0)
            }
            Objective::Asa { max_s } => {
                format!("Keep the average speed of answer at or below {max_s:.0} s")
            }
            Objective::Cost { max } => format!("Keep the day's cost at or below {max:.0}"),
            Objective::LineServiceLevel { line, min } => format!(
                "Answer {:.0}% of the {line} line's calls within {:.0} s",
                min * 100.0,
                threshold_s
            ),
            Objective::Revenue { min } => format!("Bring in at least {min:.0} in sales"),
            Objective::OutboundAbandonRate { max } => format!(
                "Drop at most {:.1}% of the callees the dialer connects",
                max * 100.0
            ),
            Objective::Backlog { max } => {
                format!("Leave at most {max:.0} emails unanswered at the close")
            }
            Objective::Quits { max } => format!("Lose at most {max:.0} agents"),
            Objective::HeadcountEnd { min } => {
                format!("End with at least {min:.0} agents on the payroll")
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMission {
    title: String,
    order: u32,
    briefing: String,
    lesson: String,
    budget: Option<f64>,
    objectives: Vec<Objective>,
    #[serde(default)]
    tutorial: Vec<String>,
    hire_lead_minutes: Option<u32>,
}

/// A mission, checked.
#[derive(Clone, Debug)]
pub struct Mission {
    /// File stem, e.g. `01-flat-day`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Position in the learning order.
    pub order: u32,
    /// What the player is told before the day.
    pub briefing: String,
    /// The one thing the day teaches, said in the debrief.
    pub lesson: String,
    /// Labour budget, if any.
    pub budget: Option<f64>,
    /// What counts as success.
    pub objectives: Vec<Objective>,
    /// A tutorial's steps, shown one at a time during the day (empty for most missions).
    pub tutorial: Vec<String>,
    /// How long a call-in (the "hire" lever) takes to arrive on the floor.
    pub hire_lead: crate::time::SimDuration,
    /// The center and its day.
    pub scenario: Scenario,
}

/// The `order` of free-play missions (after every built-in one; not shown as a number).
pub const FREE_PLAY_ORDER: u32 = 1000;

/// Minutes a called-in agent takes to reach the floor, unless the mission says
/// `hire_lead_minutes`.
pub const DEFAULT_HIRE_LEAD_MINUTES: u32 = 30;

impl Mission {
    /// A free-play mission around a plain scenario (a file a player loads): the day's
    /// service level and an abandonment cap of 5 % as objectives, no budget.
    pub fn free_play(scenario: Scenario, id: &str) -> Mission {
        Mission {
            id: id.to_string(),
            title: format!("Free play: {}", scenario.name),
            order: FREE_PLAY_ORDER,
            briefing: scenario.description.clone().unwrap_or_else(|| {
                "Your own scenario. Staff it to meet the service-level target.".into()
            }),
            lesson: "Compare your staffing with Erlang's, interval by interval, and with \
                     Erlang's plan played on the same day."
                .into(),
            budget: None,
            objectives: vec![
                Objective::ServiceLevel {
                    min: scenario.service_level.target,
                },
                Objective::AbandonRate { max: 0.05 },
            ],
            tutorial: Vec::new(),
            hire_lead: crate::time::SimDuration::from_mins(DEFAULT_HIRE_LEAD_MINUTES as u64),
            scenario,
        }
    }

    /// A mission file, or a plain scenario file as free play: what a player loads.
    pub fn from_file_text(text: &str, origin: &str) -> Result<Mission, MissionError> {
        let id = origin
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(origin)
            .trim_end_matches(".toml");
        let has_mission = text
            .parse::<DocumentMut>()
            .map(|d| d.contains_key("mission"))
            .unwrap_or(false);
        if has_mission {
            Mission::from_toml_str(text, origin, id)
        } else {
            Ok(Mission::free_play(
                Scenario::from_toml_str(text, origin)?,
                id,
            ))
        }
    }
}

/// A mission file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum MissionError {
    /// The scenario part is wrong.
    #[error("{0}")]
    Scenario(#[from] ScenarioError),
    /// The `[mission]` table is missing or wrong.
    #[error("{origin}: [mission]: {message}")]
    Mission {
        /// The file.
        origin: String,
        /// What is wrong.
        message: String,
    },
}

impl Mission {
    /// Reads a mission file's text. `origin` names it in errors; `id` is its short name.
    pub fn from_toml_str(text: &str, origin: &str, id: &str) -> Result<Mission, MissionError> {
        let bad = |message: String| MissionError::Mission {
            origin: origin.to_string(),
            message,
        };
        let mut doc: DocumentMut = text
            .parse()
            .map_err(|e: toml_edit::TomlError| bad(e.message().trim().to_string()))?;
        let mission = doc
            .remove("mission")
            .ok_or_else(|| bad("missing: a mission file needs a [mission] table (title, order, briefing, lesson, objectives)".into()))?;
        let mission_text = match mission {
            toml_edit::Item::Table(t) => t.to_string(),
            _ => return Err(bad("must be a table".into())),
        };
        let raw: RawMission =
            toml::from_str(&mission_text).map_err(|e| bad(e.message().trim().to_string()))?;
        if raw.objectives.is_empty() {
            return Err(bad("objectives: list at least one".into()));
        }
        // The scenario is the rest of the file; [mission] comes last, so line numbers hold.
        let scenario = Scenario::from_toml_str(&doc.to_string(), origin)?;
        for o in &raw.objectives {
            let needs = match o {
                Objective::Quits { .. } | Objective::HeadcountEnd { .. } => scenario
                    .people
                    .is_none()
                    .then_some("a [people] section (a multi-day run)"),
                Objective::Revenue { .. } | Objective::OutboundAbandonRate { .. } => (!scenario
                    .contact_types
                    .iter()
                    .any(|t| t.channel.campaign().is_some()))
                .then_some("an outbound campaign"),
                Objective::Backlog { .. } => (!scenario
                    .contact_types
                    .iter()
                    .any(|t| t.channel == crate::scenario::Channel::Email))
                .then_some("an email line"),
                _ => None,
            };
            if let Some(what) = needs {
                return Err(bad(format!(
                    "objectives: \"{}\" needs {what} in the scenario",
                    o.describe(0.8, 20.0)
                )));
            }
            if let Objective::LineServiceLevel { line, .. } = o
                && !scenario.contact_types.iter().any(|t| &t.name == line)
            {
                let names: Vec<&str> = scenario
                    .contact_types
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect();
                return Err(bad(format!(
                    "objectives: no contact type is called \"{line}\" (the lines are {})",
                    names.join(", ")
                )));
            }
        }
        Ok(Mission {
            id: id.to_string(),
            title: raw.title,
            order: raw.order,
            briefing: reflow(&raw.briefing),
            lesson: reflow(&raw.lesson),
            budget: raw.budget,
            objectives: raw.objectives,
            tutorial: raw.tutorial.iter().map(|t| reflow(t)).collect(),
            hire_lead: crate::time::SimDuration::from_mins(
                raw.hire_lead_minutes.unwrap_or(DEFAULT_HIRE_LEAD_MINUTES) as u64,
            ),
            scenario,
        })
    }
}

/// Joins a text's lines into paragraphs (a blank line separates paragraphs), so the
/// screen can wrap it to its own width.
fn reflow(text: &str) -> String {
    text.trim()
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The missions that ship with the game, in learning order.
pub fn builtin() -> Vec<Mission> {
    let mut v: Vec<Mission> = BUILTIN
        .iter()
        .map(|(id, text)| {
            Mission::from_toml_str(text, &format!("scenarios/missions/{id}.toml"), id)
                .unwrap_or_else(|e| panic!("built-in mission {id} is invalid: {e}"))
        })
        .collect();
    v.sort_by_key(|m| m.order);
    v
}

/// The built-in mission files, embedded (the browser has no file system).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "00-tutorial",
        include_str!("../../../scenarios/missions/00-tutorial.toml"),
    ),
    (
        "01-flat-day",
        include_str!("../../../scenarios/missions/01-flat-day.toml"),
    ),
    (
        "02-lunch-peak",
        include_str!("../../../scenarios/missions/02-lunch-peak.toml"),
    ),
    (
        "03-impatient-callers",
        include_str!("../../../scenarios/missions/03-impatient-callers.toml"),
    ),
    (
        "04-budget-cut",
        include_str!("../../../scenarios/missions/04-budget-cut.toml"),
    ),
    (
        "05-two-lines",
        include_str!("../../../scenarios/missions/05-two-lines.toml"),
    ),
    (
        "06-surprise-surge",
        include_str!("../../../scenarios/missions/06-surprise-surge.toml"),
    ),
    (
        "07-skills-and-routing",
        include_str!("../../../scenarios/missions/07-skills-and-routing.toml"),
    ),
    (
        "08-ivr-and-callbacks",
        include_str!("../../../scenarios/missions/08-ivr-and-callbacks.toml"),
    ),
    (
        "09-shift-planning",
        include_str!("../../../scenarios/missions/09-shift-planning.toml"),
    ),
    (
        "10-sales-under-the-cap",
        include_str!("../../../scenarios/missions/10-sales-under-the-cap.toml"),
    ),
    (
        "11-three-channels",
        include_str!("../../../scenarios/missions/11-three-channels.toml"),
    ),
    (
        "12-a-month-of-attrition",
        include_str!("../../../scenarios/missions/12-a-month-of-attrition.toml"),
    ),
    (
        "13-a-day-at-the-bank",
        include_str!("../../../scenarios/missions/13-a-day-at-the-bank.toml"),
    ),
];
