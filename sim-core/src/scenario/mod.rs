//! Scenarios: what a call center is, read from TOML (DESIGN §3.1) and checked.
//!
//! [`Scenario::from_toml_str`] parses and checks a file in one go; every problem comes
//! back as a [`ScenarioError`] naming the file, line, column and field, and unknown
//! fields are errors. The checked [`Scenario`] is plain data with public fields, so a
//! researcher can also build one in code (then call [`Scenario::validate`]).
//!
//! ```
//! use sim_core::scenario::Scenario;
//! let text = r#"
//! name = "Retail bank, one queue"
//! seed = 7
//! horizon = "8h"
//!
//! [[contact_types]]
//! name = "general"
//! arrivals = { rate_per_hour = 120 }
//! handle_time = { dist = "exponential", mean = "4m" }
//!
//! [[agent_groups]]
//! name = "tier1"
//! agents = 10
//! skills = ["general"]
//! "#;
//! let s = Scenario::from_toml_str(text, "bank.toml").unwrap();
//! assert_eq!(s.agent_groups[0].staffing.values, vec![10]);
//!
//! let err = Scenario::from_toml_str(&text.replace("\"4m\"", "\"four\""), "bank.toml")
//!     .unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "bank.toml:9:46: contact_types[0].handle_time.mean: expected a duration like \"4m\", found \"four\""
//! );
//! ```

mod channels;
mod check;
mod error;
mod operations;
mod overrides;
mod people;
mod raw;
mod workforce;

pub use channels::{Blend, Campaign, Channel, Chat, Dialing};
pub use error::{Problem, ScenarioError};
pub use operations::{
    Announcement, Balking, Callback, CallbackMode, Costs, Ivr, Redial, Resolution, ScreenPop,
    Transfer,
};
pub use overrides::{Override, overlay_overrides};
pub use people::{Attrition, HirePlan, Learning, People, Quality, WORKING_DAYS_PER_YEAR};
pub use workforce::{Break, Shift};

use crate::dist::Dist;
use crate::time::SimDuration;

/// Index of a contact type in [`Scenario::contact_types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub u16);

/// Index of an agent group in [`Scenario::agent_groups`].
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct GroupId(pub u16);

/// A checked scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Display name.
    pub name: String,
    /// Free text: what the center is and the assumptions behind the numbers.
    pub description: Option<String>,
    /// Default seed (the CLI's `--seed` overrides it).
    pub seed: u64,
    /// Length of the measured window, after the warm-up.
    pub horizon: SimDuration,
    /// Simulated time before the measured window (not counted).
    pub warmup: SimDuration,
    /// Independent replications of the day.
    pub replications: u32,
    /// Length of a reporting interval.
    pub interval: SimDuration,
    /// Clock time at the start of the measured window, seconds after midnight, for labels.
    pub day_start: Option<u32>,
    /// The service-level definition ("80/20").
    pub service_level: ServiceLevel,
    /// The kinds of contact.
    pub contact_types: Vec<ContactType>,
    /// The groups of agents.
    pub agent_groups: Vec<AgentGroup>,
    /// Which group takes a contact when several have idle agents with the skill.
    pub routing: crate::routing::Routing,
    /// Screen pop, if the center has it.
    pub screen_pop: Option<ScreenPop>,
    /// Costs beyond wages, and the budget.
    pub costs: Costs,
    /// People over many days (`None`: a one-day scenario).
    pub people: Option<People>,
}

/// "`target` of contacts answered within `threshold`".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ServiceLevel {
    /// Answer-time threshold.
    pub threshold: SimDuration,
    /// Target share, in `[0, 1]`.
    pub target: f64,
}

impl Default for ServiceLevel {
    fn default() -> Self {
        ServiceLevel {
            threshold: SimDuration::from_secs(20),
            target: 0.8,
        }
    }
}

/// A value that may change period by period, from the start of the measured window.
/// The first value also holds during the warm-up; the last holds after the profile ends.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile<T> {
    /// Length of each period.
    pub period: SimDuration,
    /// One value per period (at least one).
    pub values: Vec<T>,
}

impl<T: Copy> Profile<T> {
    /// The same value all day.
    pub fn constant(value: T) -> Self {
        Profile {
            period: SimDuration(u64::MAX),
            values: vec![value],
        }
    }

    /// The value in force `since_window_start` into the measured window
    /// (`None`: during the warm-up).
    pub fn at(&self, since_window_start: Option<SimDuration>) -> T {
        let i = match since_window_start {
            None => 0,
            Some(d) => (d.0 / self.period.0.max(1)) as usize,
        };
        self.values[i.min(self.values.len() - 1)]
    }

    /// True if the value never changes.
    pub fn is_constant(&self) -> bool {
        self.values.len() == 1
    }
}

impl Profile<f64> {
    /// The time-average of the value over `[start, end)` of the measured window.
    pub fn mean_over(&self, start: SimDuration, end: SimDuration) -> f64 {
        if end <= start {
            return self.at(Some(start));
        }
        if self.is_constant() {
            return self.values[0];
        }
        let p = self.period.0.max(1);
        let mut t = start.0;
        let mut area = 0.0;
        while t < end.0 {
            let k = t / p;
            let seg_end = ((k + 1) * p).min(end.0);
            area += self.values[(k as usize).min(self.values.len() - 1)] * (seg_end - t) as f64;
            t = seg_end;
        }
        area / (end.0 - start.0) as f64
    }
}

/// A kind of contact: inbound voice, chat, email or an outbound campaign.
#[derive(Clone, Debug, PartialEq)]
pub struct ContactType {
    /// Name, unique in the scenario.
    pub name: String,
    /// Poisson arrival rate per hour, per period.
    pub arrivals: Profile<f64>,
    /// Talk time.
    pub handle_time: Dist,
    /// After-contact work; `None` is none.
    pub wrap_up: Option<Dist>,
    /// Time a caller waits before hanging up; `None` is never.
    pub patience: Option<Dist>,
    /// Higher is served first.
    pub priority: i32,
    /// Callers who hang up at once on a long queue.
    pub balking: Option<Balking>,
    /// Callers who call again after hanging up.
    pub redial: Option<Redial>,
    /// Expected-wait announcements.
    pub announcement: Option<Announcement>,
    /// First-contact resolution and repeat calls.
    pub resolution: Option<Resolution>,
    /// Escalations to another contact type.
    pub transfer: Option<Transfer>,
    /// The IVR in front of the queue.
    pub ivr: Option<Ivr>,
    /// Callbacks offered on a long expected wait.
    pub callback: Option<Callback>,
    /// Voice, chat, email or an outbound campaign.
    pub channel: Channel,
    /// Its own service-level threshold (an email's response-time target); `None`: the
    /// scenario's.
    pub threshold: Option<SimDuration>,
}

impl ContactType {
    /// A contact type with only the basics: no balking, redials, announcements, repeat
    /// calls, transfers or IVR.
    pub fn basic(
        name: impl Into<String>,
        arrivals: Profile<f64>,
        handle_time: Dist,
        patience: Option<Dist>,
    ) -> Self {
        ContactType {
            name: name.into(),
            arrivals,
            handle_time,
            wrap_up: None,
            patience,
            priority: 0,
            balking: None,
            redial: None,
            announcement: None,
            resolution: None,
            transfer: None,
            ivr: None,
            callback: None,
            channel: Channel::Voice,
            threshold: None,
        }
    }
}

/// A group of interchangeable agents.
#[derive(Clone, Debug, PartialEq)]
pub struct AgentGroup {
    /// Name, unique in the scenario.
    pub name: String,
    /// Agents on duty, per period.
    pub staffing: Profile<u32>,
    /// The contact types this group serves.
    pub skills: Vec<TypeId>,
    /// Labour cost of one agent-hour on duty.
    pub wage_per_hour: f64,
    /// Talk-time multiplier per contact type (1 = the type's handle time); one entry per
    /// contact type, or empty for all 1.
    pub proficiency: Vec<f64>,
    /// An overflow group: it takes a contact only once it has waited this long (0: at
    /// once, a primary group).
    pub overflow_after: SimDuration,
    /// Agents paid, per period, when it differs from `staffing` (agents on a break are
    /// paid but off the phones); `None`: the same.
    pub paid: Option<Profile<u32>>,
    /// The share of scheduled agents who do not show up (each day, each agent), in
    /// `[0, 1]`; they are not paid.
    pub absenteeism: f64,
    /// The share of the time of agents at work spent off the phones (meetings, coaching,
    /// training), paid, in `[0, 1)`.
    pub shrinkage: f64,
    /// Pay multiplier for the time agents stay past their planned end to finish a call
    /// (1: no premium).
    pub overtime_rate: f64,
    /// The share of the group working from home, in `[0, 1]`.
    pub remote_share: f64,
    /// Their wage per hour.
    pub remote_wage_per_hour: f64,
    /// When agents serving inbound and outbound take outbound work.
    pub blend: Blend,
    /// The highest occupancy an agent may have (`None`: no cap): after each call, email
    /// or outbound talk the agent takes a paid breather of `(1 / cap − 1)` times its
    /// handling time, off the phones, so no agent is busy more than `cap` of its time.
    /// Chats take no breather.
    pub occupancy_cap: Option<f64>,
}

impl AgentGroup {
    /// A group of `agents` with these skills and nothing else (no wage, proficiency,
    /// overflow, breaks, absenteeism, shrinkage, overtime premium or remote work).
    pub fn basic(name: impl Into<String>, staffing: Profile<u32>, skills: Vec<TypeId>) -> Self {
        AgentGroup {
            name: name.into(),
            staffing,
            skills,
            wage_per_hour: 0.0,
            proficiency: Vec::new(),
            overflow_after: SimDuration::ZERO,
            paid: None,
            absenteeism: 0.0,
            shrinkage: 0.0,
            overtime_rate: 1.0,
            remote_share: 0.0,
            remote_wage_per_hour: 0.0,
            blend: Blend::default(),
            occupancy_cap: None,
        }
    }

    /// The wage of an agent-hour, on-site and remote agents blended.
    pub fn blended_wage(&self) -> f64 {
        (1.0 - self.remote_share) * self.wage_per_hour
            + self.remote_share * self.remote_wage_per_hour
    }
}

impl Scenario {
    /// Parses and checks a scenario. `origin` names the text in error messages (a file
    /// name); no file is read.
    pub fn from_toml_str(text: &str, origin: &str) -> Result<Scenario, ScenarioError> {
        Self::from_toml_str_with(text, origin, &[])
    }

    /// Like [`Scenario::from_toml_str`], with `--set PATH=VALUE` overrides applied first.
    pub fn from_toml_str_with(
        text: &str,
        origin: &str,
        overrides: &[Override],
    ) -> Result<Scenario, ScenarioError> {
        let source = error::Source { name: origin, text };
        if overrides.is_empty() {
            return check::parse(source, &[]);
        }
        let (edited, applied) = overrides::apply(source, overrides)?;
        check::parse(
            error::Source {
                name: origin,
                text: &edited,
            },
            &applied,
        )
    }

    /// The JSON Schema of the scenario file format (draft 2020-12), for editors that
    /// complete and check TOML against a schema.
    pub fn json_schema() -> serde_json::Value {
        serde_json::to_value(raw::json_schema()).unwrap_or_default()
    }

    /// Checks a scenario built in code; parsed scenarios are already checked.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        check::validate_model(self)
    }

    /// A single-queue scenario (one type, one group), convenient for tests and studies.
    pub fn single_queue(
        rate_per_hour: f64,
        handle_time: Dist,
        patience: Option<Dist>,
        agents: u32,
        horizon: SimDuration,
    ) -> Scenario {
        Scenario {
            name: "single queue".into(),
            description: None,
            seed: 1,
            horizon,
            warmup: SimDuration::ZERO,
            replications: 1,
            interval: SimDuration::from_mins(30),
            day_start: None,
            service_level: ServiceLevel::default(),
            contact_types: vec![ContactType::basic(
                "calls",
                Profile::constant(rate_per_hour),
                handle_time,
                patience,
            )],
            agent_groups: vec![AgentGroup::basic(
                "agents",
                Profile::constant(agents),
                vec![TypeId(0)],
            )],
            routing: crate::routing::Routing::default(),
            screen_pop: None,
            costs: Costs::default(),
            people: None,
        }
    }

    /// The number of reporting intervals in the measured window (the last may be short).
    pub fn interval_count(&self) -> usize {
        self.horizon.0.div_ceil(self.interval.0.max(1)) as usize
    }

    /// The label of reporting interval `i`: its clock time if the scenario has a
    /// `day_start`, else the time into the window (`+1:30`).
    pub fn interval_label(&self, i: usize) -> String {
        let start_s = i as u64 * self.interval.0 / crate::time::MICROS_PER_SEC;
        match self.day_start {
            Some(d) => crate::time::clock_label(d as u64 + start_s),
            None => {
                let m = start_s / 60;
                format!("+{}:{:02}", m / 60, m % 60)
            }
        }
    }

    /// The index of the contact type with this name.
    pub fn type_id(&self, name: &str) -> Option<TypeId> {
        self.contact_types
            .iter()
            .position(|t| t.name == name)
            .map(|i| TypeId(i as u16))
    }

    /// The index of the agent group with this name.
    pub fn group_id(&self, name: &str) -> Option<GroupId> {
        self.agent_groups
            .iter()
            .position(|g| g.name == name)
            .map(|i| GroupId(i as u16))
    }
}
