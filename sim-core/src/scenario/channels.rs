//! Channels beyond inbound voice: chat (an agent holds several at once), email (a
//! deferrable backlog with a response-time target) and outbound campaigns (a dialer
//! calling a contact list), and how agents blend inbound and outbound work.
//!
//! A channel is a property of a contact type, so every channel shares the queues, the
//! routing, the skills, the statistics and the interventions of the voice model. What
//! differs:
//! - **chat**: an agent answers up to `concurrency` chats at once. The model of the
//!   slowdown is the one most workforce tools use: a chat's handle time is the time it
//!   would take alone, times `1 + stretch × (n − 1)`, where `n` is the number of chats the
//!   agent holds when it starts (it included). With `concurrency = 1` a chat type is
//!   exactly a voice type. An agent has as many chat slots as the highest concurrency
//!   of its skills, and takes a chat of a type while it holds fewer than that type's
//!   concurrency. Occupancy counts each chat's time divided by the agent's slots: it
//!   measures the share of chat slots in use.
//! - **email**: never abandons, served after every other contact type of the agent's
//!   skills (lowest priority by default), with its own service-level threshold (the
//!   response-time target, e.g. `"4h"`). Emails still waiting when the measured window
//!   closes are the **backlog**: counted, reported, and not worked in the drain (a
//!   multi-day run carries them into the next day). A reserved share of the staff is a
//!   group whose only skill is the email type.
//! - **outbound**: no arrivals; a dialer calls numbers of the campaign's list when agents
//!   of the groups with the skill are free. A right-party contact is a leg of the type,
//!   offered when the callee answers; with predictive dialing nobody may be free then,
//!   and a callee who waits longer than `connect_wait` is an abandoned outbound call.
//!   Connected callees are served before anything else (highest priority by default).

use crate::dist::Dist;
use crate::time::SimDuration;

/// The channel of a contact type.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Channel {
    /// Inbound calls (the default).
    #[default]
    Voice,
    /// Chats, several at once per agent.
    Chat(Chat),
    /// Emails and back-office items: a deferrable backlog.
    Email,
    /// An outbound campaign.
    Outbound(Campaign),
}

impl Channel {
    /// The channel's name in scenario files and reports.
    pub fn name(&self) -> &'static str {
        match self {
            Channel::Voice => "voice",
            Channel::Chat(_) => "chat",
            Channel::Email => "email",
            Channel::Outbound(_) => "outbound",
        }
    }

    /// The priority a contact type of this channel gets when the file gives none: a
    /// connected outbound callee is on the line now (1000), an email can wait (−1000).
    pub fn default_priority(&self) -> i32 {
        match self {
            Channel::Outbound(_) => 1000,
            Channel::Email => -1000,
            _ => 0,
        }
    }

    /// Chats an agent may hold at once (1 for the other channels).
    pub fn concurrency(&self) -> u32 {
        match self {
            Channel::Chat(c) => c.concurrency,
            _ => 1,
        }
    }

    /// The campaign, for an outbound type.
    pub fn campaign(&self) -> Option<&Campaign> {
        match self {
            Channel::Outbound(c) => Some(c),
            _ => None,
        }
    }
}

/// Chat: how many an agent holds and how each extra one slows them all.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chat {
    /// The most chats an agent holds at once (1 or more).
    pub concurrency: u32,
    /// Handle-time growth per other chat open when a chat starts: 0.25 makes a chat
    /// started beside two others take 1.5 times as long.
    pub stretch: f64,
}

impl Chat {
    /// The factor on a chat's handle time when it starts as the `n`-th chat the agent
    /// holds: `1 + stretch × (n − 1)`.
    ///
    /// ```
    /// use sim_core::scenario::Chat;
    /// let chat = Chat { concurrency: 3, stretch: 0.25 };
    /// assert_eq!(chat.stretch_factor(1), 1.0);
    /// assert_eq!(chat.stretch_factor(3), 1.5);
    /// ```
    pub fn stretch_factor(&self, n: u32) -> f64 {
        1.0 + self.stretch * n.saturating_sub(1) as f64
    }
}

/// How the dialer paces its calls.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Dialing {
    /// An agent reads the record (`preview_time`), then dials; the agent waits on the
    /// line.
    Preview,
    /// One call per free agent, who waits on the line.
    Progressive,
    /// `pacing` calls per free agent, nobody waiting: a callee who answers when no
    /// agent is free waits `connect_wait`, then the call is abandoned.
    Predictive,
}

/// An outbound campaign.
#[derive(Clone, Debug, PartialEq)]
pub struct Campaign {
    /// Records on the list at the start of the day.
    pub list: u64,
    /// The dialing mode.
    pub dialing: Dialing,
    /// Predictive: calls placed per free agent (the starting value when
    /// `abandon_cap` adapts it).
    pub pacing: f64,
    /// Predictive: the cap on abandoned calls / connected calls; the dialer adapts its
    /// pacing to stay under it (`None`: fixed pacing).
    pub abandon_cap: Option<f64>,
    /// Predictive: the highest pacing the dialer may use.
    pub max_pacing: f64,
    /// Preview: the agent's time reading the record before dialing.
    pub preview_time: SimDuration,
    /// Time from dialing to the outcome (answer, no answer, busy, machine).
    pub ring_time: Dist,
    /// Shares of the dial outcomes; the rest of 1 are wrong or dead numbers.
    pub right_party: f64,
    /// No answer.
    pub no_answer: f64,
    /// Busy.
    pub busy: f64,
    /// An answering machine (detected; no agent).
    pub machine: f64,
    /// How long a callee who answered waits for an agent before the dialer drops the
    /// call (an abandoned outbound call), e.g. 2 s.
    pub connect_wait: SimDuration,
    /// The share of right-party conversations that end in a sale.
    pub conversion: f64,
    /// Revenue of one sale.
    pub revenue_per_sale: f64,
    /// Tries per record: no answer, busy and machine are retried until then.
    pub attempts: u32,
    /// Time before a record is dialed again.
    pub retry_after: SimDuration,
}

impl Campaign {
    /// A predictive campaign with typical shares (30 % right party, 40 % no answer, 10 %
    /// busy, 15 % machines), 15 s of ringing, a 2 s connect wait, one try per record.
    pub fn predictive(list: u64, pacing: f64) -> Self {
        Campaign {
            list,
            dialing: Dialing::Predictive,
            pacing,
            abandon_cap: None,
            max_pacing: 5.0,
            preview_time: SimDuration::ZERO,
            ring_time: Dist::constant(15.0),
            right_party: 0.30,
            no_answer: 0.40,
            busy: 0.10,
            machine: 0.15,
            connect_wait: SimDuration::from_secs(2),
            conversion: 0.1,
            revenue_per_sale: 0.0,
            attempts: 1,
            retry_after: SimDuration::from_hours(2),
        }
    }
}

/// When agents of a group that serves inbound and outbound take outbound work.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Blend {
    /// Agents of the group kept idle for inbound: the dialer works for the idle agents
    /// beyond these.
    pub keep_idle: u32,
    /// No outbound while the inbound service level of the current interval so far is
    /// below this (`None`: no such rule).
    pub min_service_level: Option<f64>,
}
