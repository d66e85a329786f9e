//! The scenario file as written: serde structs that mirror the TOML (DESIGN §3.1).
//! Unknown fields are refused. [`super::check`] turns these into the checked model.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use toml::Spanned;

use crate::time::SimDuration;

/// A ccsim scenario: a call center, its day and how to measure it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ccsim scenario")]
pub struct RawScenario {
    /// Display name.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// What the center is and the assumptions behind the numbers.
    pub description: Option<String>,
    /// Default seed (the CLI's --seed overrides it).
    pub seed: Option<u64>,
    /// Length of the measured window, after the warm-up, e.g. "8h".
    #[schemars(with = "Dur")]
    pub horizon: Spanned<Dur>,
    /// Simulated time before the measured window, not counted (default 0s).
    pub warmup: Option<Dur>,
    /// Independent replications of the day (default 1).
    #[schemars(with = "Option<u32>", range(min = 1, max = 1_000_000))]
    pub replications: Option<Spanned<u32>>,
    /// Length of a reporting interval (default "30m").
    #[schemars(with = "Option<Dur>")]
    pub interval: Option<Spanned<Dur>>,
    /// Clock time at the start of the measured window, for labels, e.g. "08:00".
    #[schemars(
        with = "Option<String>",
        regex(pattern = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$")
    )]
    pub day_start: Option<Spanned<String>>,
    /// The service-level definition (default 80 % within 20 s).
    pub service_level: Option<RawServiceLevel>,
    /// The kinds of contact.
    #[serde(default)]
    pub contact_types: Vec<RawContactType>,
    /// The groups of agents.
    #[serde(default)]
    pub agent_groups: Vec<RawAgentGroup>,
    /// Which group takes a contact when several have idle agents with its skill:
    /// "longest_idle" (default), "most_idle_group" or "least_skilled_first".
    pub routing: Option<crate::routing::Routing>,
    /// The training game's part of a mission file (briefing, objectives, budget; see
    /// `sim_core::training::mission`). A simulation run ignores it, so a mission file
    /// runs as a plain scenario.
    #[schemars(with = "Option<serde_json::Map<String, serde_json::Value>>")]
    #[allow(dead_code, reason = "checked by the game, not by a simulation run")]
    pub mission: Option<toml::Table>,
    /// Screen pop: caller data on the agent's screen cuts talk time.
    pub screen_pop: Option<RawScreenPop>,
    /// Costs beyond wages (telecom, IVR, technology, penalties) and the day's budget.
    pub costs: Option<RawCosts>,
    /// People over many days: run `days` working days with hiring, training, a learning
    /// curve and attrition (see `sim_core::scenario::People`).
    pub people: Option<RawPeople>,
}

/// The `[people]` section.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPeople {
    /// Working days to run (1 to 3650).
    #[schemars(with = "u32", range(min = 1, max = 3650))]
    pub days: Spanned<u32>,
    /// Agents on each group's roster on day 1, by group name (default: the group's
    /// highest staffing of the day).
    #[schemars(with = "Option<std::collections::BTreeMap<String, u32>>")]
    pub headcount: Option<Spanned<std::collections::BTreeMap<String, Spanned<u32>>>>,
    /// Days from the decision to hire to the first day of training (default 10).
    pub recruiting_days: Option<u32>,
    /// Days of paid training without contacts (default 10).
    pub training_days: Option<u32>,
    /// The learning curve, e.g. `{ start = 1.5, half_life_calls = 150 }`.
    pub learning: Option<RawLearning>,
    /// QA and first-contact resolution, e.g. `{ qa_new = 0.7, qa_trained = 0.9, fcr_per_qa = 0.5 }`.
    pub quality: Option<RawQuality>,
    /// Attrition, e.g. `{ annual = 0.35, knee = 0.85, slope = 10 }`.
    pub attrition: Option<RawAttrition>,
    /// Incentives per productive agent and day, money (default 0).
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub incentive_per_agent_day: Option<Spanned<f64>>,
    /// Daily growth of the arrival rates, e.g. 0.01 for 1 % a day (default 0).
    #[schemars(with = "Option<f64>", range(min = -0.5, max = 1.0))]
    pub volume_growth: Option<Spanned<f64>>,
    /// Hire a replacement for every agent who quits (default false).
    pub backfill: Option<bool>,
    /// The hiring plan: `[{ day = 1, group = "tier1", agents = 5 }]`.
    #[serde(default)]
    pub hires: Vec<RawHire>,
}

/// The learning curve of talk time.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLearning {
    /// A new hire's talk-time multiplier (default 1.5).
    #[schemars(with = "Option<f64>", range(min = 1.0, max = 10.0))]
    pub start: Option<Spanned<f64>>,
    /// Contacts that halve the gap to proficiency (default 150).
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub half_life_calls: Option<Spanned<f64>>,
}

/// QA scores and first-contact resolution.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawQuality {
    /// A new hire's QA score, 0–1 (default 0.7).
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub qa_new: Option<Spanned<f64>>,
    /// A proficient agent's QA score, 0–1 (default 0.9).
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub qa_trained: Option<Spanned<f64>>,
    /// FCR points per QA point (default 0.5).
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 10.0))]
    pub fcr_per_qa: Option<Spanned<f64>>,
}

/// Attrition.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAttrition {
    /// Share leaving in a year at or below the knee, without incentives (default 0.35).
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub annual: Option<Spanned<f64>>,
    /// Sustained occupancy above which the hazard rises (default 0.85).
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub knee: Option<Spanned<f64>>,
    /// The hazard is multiplied by exp(slope × (occupancy − knee)) above it (default 10).
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 100.0))]
    pub slope: Option<Spanned<f64>>,
    /// Memory of sustained occupancy, days (default 5).
    #[schemars(with = "Option<f64>", range(min = 1.0, max = 365.0))]
    pub memory_days: Option<Spanned<f64>>,
    /// Incentives per agent and day that halve the hazard (default 0: no effect).
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub incentive_halving: Option<Spanned<f64>>,
}

/// One hire in the plan.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHire {
    /// Day of the decision, 1-based.
    #[schemars(with = "u32", range(min = 1))]
    pub day: Spanned<u32>,
    /// The group.
    #[schemars(with = "String")]
    pub group: Spanned<String>,
    /// Agents hired.
    #[schemars(with = "u32")]
    pub agents: Spanned<u32>,
}

/// Screen pop (CRM data on screen when the call arrives).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScreenPop {
    /// The share of talk time saved, e.g. 0.15 for 15 %.
    #[schemars(with = "f64", range(min = 0.0, max = 1.0))]
    pub handle_time_cut: Spanned<f64>,
    /// Its cost per day (default 0).
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub cost_per_day: Option<Spanned<f64>>,
}

/// Costs beyond wages; "per day" means per replication of the scenario's day.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCosts {
    /// Telecom cost per minute a caller is connected: IVR, waiting and talking.
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub telecom_per_minute: Option<Spanned<f64>>,
    /// Cost per minute in the IVR, on top of telecom.
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub ivr_per_minute: Option<Spanned<f64>>,
    /// The IVR's fixed cost per day.
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub ivr_per_day: Option<Spanned<f64>>,
    /// Other technology per day (ACD, WFM, CRM licences).
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub technology_per_day: Option<Spanned<f64>>,
    /// Penalty for each reporting interval whose service level misses the target.
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub sl_penalty_per_interval: Option<Spanned<f64>>,
    /// The day's budget, compared with the cost per interval and for the day.
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub budget_per_day: Option<Spanned<f64>>,
}

/// "target of contacts answered within threshold".
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawServiceLevel {
    /// Answer-time threshold, e.g. "20s".
    pub threshold: Dur,
    /// Target share between 0 and 1 (0.8 for 80 %).
    #[schemars(with = "f64", range(min = 0.0, max = 1.0))]
    pub target: Spanned<f64>,
}

/// A kind of contact.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawContactType {
    /// Name, unique in the scenario; agent groups list it in their skills.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// "voice" (default), "chat", "email" or "outbound".
    #[schemars(with = "Option<ChannelName>")]
    pub channel: Option<Spanned<ChannelName>>,
    /// Poisson arrivals: a rate per hour (constant or per period) or calls per period
    /// (none for an outbound campaign).
    #[schemars(with = "Option<RawArrivals>")]
    pub arrivals: Option<Spanned<RawArrivals>>,
    /// Talk time.
    #[schemars(with = "RawDist")]
    pub handle_time: Spanned<RawDist>,
    /// After-contact work (default none).
    #[schemars(with = "Option<RawDist>")]
    pub wrap_up: Option<Spanned<RawDist>>,
    /// How long a caller waits before hanging up (omitted: never).
    #[schemars(with = "Option<RawDist>")]
    pub patience: Option<Spanned<RawDist>>,
    /// Higher is served first (default 0).
    pub priority: Option<i32>,
    /// Callers who find a long queue hang up at once, e.g. `{ queue = 20, probability = 0.5 }`.
    pub balking: Option<RawBalking>,
    /// Callers who abandoned or balked call again, e.g.
    /// `{ probability = 0.5, delay = { dist = "exponential", mean = "10m" } }`.
    pub redial: Option<RawRedial>,
    /// Expected-wait announcements: informed callers wait longer, e.g.
    /// `{ patience_factor = 2.0 }`.
    pub announcement: Option<RawAnnouncement>,
    /// First-contact resolution and repeat calls, e.g.
    /// `{ first_contact = 0.8, repeat_delay = { dist = "exponential", mean = "2h" } }`.
    pub resolution: Option<RawResolution>,
    /// A share of answered contacts escalated to another contact type, e.g.
    /// `{ share = 0.1, to = "tier2" }`.
    pub transfer: Option<RawTransfer>,
    /// An IVR in front of the queue.
    pub ivr: Option<RawIvr>,
    /// Callbacks offered when the expected wait is long, e.g.
    /// `{ offer_after = "3m", accept = 0.6, mode = "keep_place" }`.
    pub callback: Option<RawCallback>,
    /// Chat: the most chats an agent holds at once (default 1).
    #[schemars(with = "Option<u32>", range(min = 1, max = 20))]
    pub concurrency: Option<Spanned<u32>>,
    /// Chat: handle-time growth per other chat open when one starts (default 0), e.g.
    /// 0.25: a third chat takes 1.5 times as long.
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub stretch: Option<Spanned<f64>>,
    /// This type's own service-level threshold (for email: the response-time target,
    /// e.g. "4h"; required there).
    #[schemars(with = "Option<Dur>")]
    pub threshold: Option<Spanned<Dur>>,
    /// Outbound: the campaign (required for channel = "outbound").
    pub campaign: Option<RawCampaign>,
}

/// A contact type's channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChannelName {
    /// Inbound calls.
    Voice,
    /// Chats, several at once per agent.
    Chat,
    /// Emails and back-office items (a backlog).
    Email,
    /// An outbound campaign.
    Outbound,
}

/// An outbound campaign: the list, the dialer and what the calls bring.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCampaign {
    /// Records on the list at the start of the day.
    #[schemars(with = "u64")]
    pub list: Spanned<u64>,
    /// "preview", "progressive" or "predictive".
    pub dialing: crate::scenario::Dialing,
    /// Predictive: calls per free agent (default 1.5; the start value with `abandon_cap`).
    #[schemars(with = "Option<f64>", range(min = 1.0))]
    pub pacing: Option<Spanned<f64>>,
    /// Predictive: the cap on abandoned / connected calls the dialer keeps under, e.g.
    /// 0.03 (omitted: fixed pacing).
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub abandon_cap: Option<Spanned<f64>>,
    /// Predictive: the highest pacing the dialer may use (default 5).
    #[schemars(with = "Option<f64>", range(min = 1.0))]
    pub max_pacing: Option<Spanned<f64>>,
    /// Preview: the agent's time reading a record before dialing (default "20s").
    pub preview_time: Option<Dur>,
    /// Time from dialing to the outcome (default a constant "15s").
    #[schemars(with = "Option<RawDist>")]
    pub ring_time: Option<Spanned<RawDist>>,
    /// The share of dials that reach the right person.
    #[schemars(with = "f64", range(min = 0.0, max = 1.0))]
    pub right_party: Spanned<f64>,
    /// The share that ring out unanswered (default 0).
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub no_answer: Option<Spanned<f64>>,
    /// The share that are busy (default 0).
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub busy: Option<Spanned<f64>>,
    /// The share answered by a machine (default 0). The rest of 1 are dead numbers.
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub machine: Option<Spanned<f64>>,
    /// How long a callee who answered waits for an agent before the call is dropped
    /// (an abandoned call; default "2s").
    pub connect_wait: Option<Dur>,
    /// The share of right-party conversations that end in a sale.
    #[schemars(with = "f64", range(min = 0.0, max = 1.0))]
    pub conversion: Spanned<f64>,
    /// Revenue of a sale (default 0).
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub revenue_per_sale: Option<Spanned<f64>>,
    /// Tries per record: no answer, busy and machines are dialed again (default 1).
    #[schemars(with = "Option<u32>", range(min = 1, max = 20))]
    pub attempts: Option<Spanned<u32>>,
    /// Time before a record is dialed again (default "2h").
    pub retry_after: Option<Dur>,
}

/// When a group's agents take outbound work (a group with inbound and outbound skills).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBlend {
    /// Agents kept idle for inbound (default 0).
    pub keep_idle: Option<u32>,
    /// No outbound while the current interval's inbound service level is below this.
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub min_service_level: Option<Spanned<f64>>,
}

/// Callbacks (virtual hold).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCallback {
    /// The expected wait above which a callback is offered.
    pub offer_after: Dur,
    /// The share of callers offered one who take it.
    #[schemars(with = "f64", range(min = 0.0, max = 1.0))]
    pub accept: Spanned<f64>,
    /// "keep_place" (default: called back in their place in line), "quiet" (called back
    /// when nobody waits) or "voicemail" (a message, handled like "quiet").
    pub mode: Option<crate::scenario::CallbackMode>,
}

/// Balking on a long queue.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBalking {
    /// Contacts of this type waiting from which callers may balk.
    #[schemars(with = "u32")]
    pub queue: Spanned<u32>,
    /// The share of those callers who balk (default 1).
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub probability: Option<Spanned<f64>>,
}

/// Redials after abandoning or balking.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRedial {
    /// The share of callers who try again (each attempt again).
    #[schemars(with = "f64", range(min = 0.0, max = 1.0))]
    pub probability: Spanned<f64>,
    /// Time from hanging up to calling again.
    #[schemars(with = "RawDist")]
    pub delay: Spanned<RawDist>,
}

/// Expected-wait announcements.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAnnouncement {
    /// Patience multiplier of an informed caller (e.g. 2.0).
    #[schemars(with = "f64", range(min = 0.0))]
    pub patience_factor: Spanned<f64>,
    /// The share of waiting callers who hear it (default 1).
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub share: Option<Spanned<f64>>,
}

/// First-contact resolution.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawResolution {
    /// The share of answered contacts resolved at once (e.g. 0.8).
    #[schemars(with = "f64", range(min = 0.0, max = 1.0))]
    pub first_contact: Spanned<f64>,
    /// Time from the end of the call to the repeat call.
    #[schemars(with = "RawDist")]
    pub repeat_delay: Spanned<RawDist>,
}

/// Escalations.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTransfer {
    /// The share of answered contacts transferred.
    #[schemars(with = "f64", range(min = 0.0, max = 1.0))]
    pub share: Spanned<f64>,
    /// The contact type they go to.
    #[schemars(with = "String")]
    pub to: Spanned<String>,
}

/// An IVR in front of the queue.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIvr {
    /// Time a caller spends in the IVR.
    #[schemars(with = "RawDist")]
    pub time: Spanned<RawDist>,
    /// The share of callers resolved in the IVR (default 0).
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub self_service: Option<Spanned<f64>>,
    /// The share of the others who choose a wrong menu option (default 0).
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub misroute: Option<Spanned<f64>>,
    /// An agent's time on a misrouted call before transferring it (default "1m").
    pub misroute_time: Option<Dur>,
}

/// Poisson arrivals. Give `rate_per_hour` (a number, or a list per period) or
/// `calls_per_period` (a list of volumes per period).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawArrivals {
    /// Calls per hour: one number, or one per period.
    #[schemars(with = "Option<Numbers>")]
    pub rate_per_hour: Option<Spanned<Numbers>>,
    /// Calls per period (a forecast's volumes).
    #[schemars(with = "Option<Numbers>")]
    pub calls_per_period: Option<Spanned<Numbers>>,
    /// Length of a period (default: the reporting interval).
    #[schemars(with = "Option<Dur>")]
    pub period: Option<Spanned<Dur>>,
}

/// A group of interchangeable agents.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAgentGroup {
    /// Name, unique in the scenario.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// Agents on duty: one number, or one per period (or give `shifts`).
    #[schemars(with = "Option<Numbers>")]
    pub agents: Option<Spanned<Numbers>>,
    /// Shifts instead of `agents`: who works when, with their breaks (needs `day_start`).
    #[schemars(with = "Option<Vec<RawShift>>")]
    pub shifts: Option<Spanned<Vec<RawShift>>>,
    /// The share of scheduled agents who do not show up on a day (default 0).
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub absenteeism: Option<Spanned<f64>>,
    /// The share of working time spent off the phones, paid (meetings, coaching; default 0).
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub shrinkage: Option<Spanned<f64>>,
    /// Pay multiplier for time past the planned end, finishing a call (default 1).
    #[schemars(with = "Option<f64>", range(min = 1.0))]
    pub overtime_rate: Option<Spanned<f64>>,
    /// The share of the group working from home (default 0).
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub remote_share: Option<Spanned<f64>>,
    /// Wage per hour of remote agents (default: `wage_per_hour`).
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub remote_wage_per_hour: Option<Spanned<f64>>,
    /// Length of a staffing period (default: the reporting interval).
    #[schemars(with = "Option<Dur>")]
    pub period: Option<Spanned<Dur>>,
    /// The contact types this group serves.
    #[schemars(with = "Vec<String>")]
    pub skills: Spanned<Vec<Spanned<String>>>,
    /// Labour cost of one agent-hour on duty (default 0).
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub wage_per_hour: Option<Spanned<f64>>,
    /// Talk-time multiplier per skill, e.g. `{ sales = 0.8, service = 1.3 }`: 0.8 is 20 %
    /// faster than the contact type's handle time (default 1 for every skill).
    #[schemars(with = "Option<std::collections::BTreeMap<String, f64>>")]
    pub proficiency: Option<Spanned<std::collections::BTreeMap<String, Spanned<f64>>>>,
    /// An overflow group: it takes a contact only after it has waited this long (default
    /// "0s": at once).
    pub overflow_after: Option<Dur>,
    /// Blending, for a group with inbound and outbound skills, e.g.
    /// `{ keep_idle = 2, min_service_level = 0.8 }`.
    pub blend: Option<RawBlend>,
    /// The highest occupancy an agent may have: after each call or email, a paid
    /// breather of (1 / cap − 1) times its handling time (e.g. 0.85; default none).
    #[schemars(with = "Option<f64>", range(min = 0.3, max = 1.0))]
    pub occupancy_cap: Option<Spanned<f64>>,
}

/// A shift: `agents` people from `start` to `end`, clock times (an end before the start
/// is the next day), with their breaks.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawShift {
    /// Start, e.g. "08:00".
    #[schemars(with = "String")]
    pub start: Spanned<String>,
    /// End, e.g. "16:30".
    #[schemars(with = "String")]
    pub end: Spanned<String>,
    /// People on this shift.
    pub agents: u32,
    /// Breaks every agent of the shift takes, spread out.
    #[serde(default)]
    pub breaks: Vec<RawBreak>,
}

/// A break, e.g. `{ after = "2h", length = "15m", spread = "1h" }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBreak {
    /// From the start of the shift to the first agent's break.
    pub after: Dur,
    /// Its length.
    pub length: Dur,
    /// The window over which the agents' breaks are spread (default "1h").
    pub spread: Option<Dur>,
}

/// The distribution family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DistKind {
    /// Always `mean`.
    Constant,
    /// Exponential with `mean`.
    Exponential,
    /// Lognormal with `mean` and `sd` or `cv`.
    Lognormal,
    /// Gamma with `mean` and `cv` or `shape`.
    Gamma,
    /// Weibull with `shape` and `scale` or `mean`.
    Weibull,
    /// One of `values`, equally likely.
    Empirical,
    /// No time (patience: never hangs up; wrap-up: none).
    None,
}

/// A distribution of durations, e.g. `{ dist = "lognormal", mean = "4m", cv = 1.0 }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDist {
    /// The family.
    pub dist: DistKind,
    /// Mean duration.
    pub mean: Option<Dur>,
    /// Standard deviation (lognormal).
    pub sd: Option<Dur>,
    /// Coefficient of variation, sd / mean (lognormal, gamma).
    pub cv: Option<f64>,
    /// Shape (gamma, Weibull).
    pub shape: Option<f64>,
    /// Scale (Weibull).
    pub scale: Option<Dur>,
    /// The values (empirical).
    pub values: Option<Vec<Dur>>,
}

/// A duration written as a string with units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dur(pub SimDuration);

impl<'de> Deserialize<'de> for Dur {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Dur;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duration like \"4m\"")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Dur, E> {
                s.parse().map(Dur).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Dur, E> {
                Err(E::custom(format!(
                    "expected a duration like \"4m\", found the number {n} (add a unit: \"{n}s\", \"{n}m\", \"{n}h\")"
                )))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Dur, E> {
                self.visit_i64(n as i64)
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Dur, E> {
                Err(E::custom(format!(
                    "expected a duration like \"4m\", found the number {n} (add a unit: \"{n}m\")"
                )))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Dur {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A duration with units: d, h, m, s, ms, e.g. \"20s\", \"4m\", \"1h30m\", \"2.5m\".",
            "pattern": "^\\s*([0-9]+(\\.[0-9]+)?(d|h|min|m|s|ms))+\\s*$"
        })
    }
}

impl JsonSchema for Numbers {
    fn schema_name() -> Cow<'static, str> {
        "NumberOrList".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A number, or a list of numbers (one per period).",
            "anyOf": [
                { "type": "number", "minimum": 0 },
                { "type": "array", "items": { "type": "number", "minimum": 0 }, "minItems": 1 }
            ]
        })
    }
}

/// The JSON Schema of the scenario format, for editors.
pub fn json_schema() -> Schema {
    schemars::schema_for!(RawScenario)
}

/// A number, or a list of numbers (a per-period profile).
#[derive(Clone, Debug, PartialEq)]
pub enum Numbers {
    One(f64),
    List(Vec<f64>),
}

impl<'de> Deserialize<'de> for Numbers {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Numbers;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a list of numbers")
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Numbers, E> {
                Ok(Numbers::One(n as f64))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Numbers, E> {
                Ok(Numbers::One(n as f64))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Numbers, E> {
                Ok(Numbers::One(n))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Numbers, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = seq.next_element::<Number>()? {
                    v.push(x.0);
                }
                Ok(Numbers::List(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// One number, integer or float.
struct Number(f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Number, E> {
                Ok(Number(n as f64))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Number, E> {
                Ok(Number(n as f64))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Number, E> {
                Ok(Number(n))
            }
        }
        d.deserialize_any(V)
    }
}
