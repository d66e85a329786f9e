//! From the raw file to the checked model: every rule a scenario must obey, each broken
//! rule reported with its place. All problems found are reported together.

use std::collections::BTreeSet;
use std::ops::Range;

use toml::Spanned;

use super::error::{Problem, ScenarioError, Source};
use super::overrides::Applied;
use super::raw::{
    ChannelName, DistKind, Numbers, RawAnnouncement, RawArrivals, RawBalking, RawCallback,
    RawCampaign, RawDist, RawIvr, RawPeople, RawRedial, RawResolution, RawScenario, RawShift,
};
use super::workforce::{self, Break, Shift};
use super::{
    AgentGroup, Announcement, Attrition, Balking, Blend, Callback, CallbackMode, Campaign, Channel,
    Chat, ContactType, Costs, Dialing, GroupId, HirePlan, Ivr, Learning, People, Profile, Quality,
    Redial, Resolution, Scenario, ScreenPop, ServiceLevel, Transfer, TypeId,
};
use crate::dist::Dist;
use crate::time::SimDuration;

/// A contact type's channel fields, checked by [`Checker::channel`].
struct ChannelParts {
    concurrency: Option<Spanned<u32>>,
    stretch: Option<Spanned<f64>>,
    campaign: Option<RawCampaign>,
    name_span: Range<usize>,
}

/// A contact type's optional parts, checked by [`Checker::operations`].
struct RawOperations {
    balking: Option<RawBalking>,
    redial: Option<RawRedial>,
    announcement: Option<RawAnnouncement>,
    resolution: Option<RawResolution>,
    ivr: Option<RawIvr>,
    callback: Option<RawCallback>,
}

/// The longest warm-up + horizon: 200 days (the event calendar holds 2^44 µs ≈ 203 days).
const MAX_SPAN: SimDuration = SimDuration::from_hours(200 * 24);

/// The most reporting intervals a run may have (memory is per interval).
const MAX_INTERVALS: u64 = 100_000;

/// The most contacts a replication may expect to see, all types together.
const MAX_EXPECTED_CONTACTS: f64 = 1e9;

/// The most working days a multi-day run may have (ten years).
const MAX_DAYS: u32 = 3650;

/// The most replications a scenario may ask for.
const MAX_REPLICATIONS: u32 = 1_000_000;

/// The largest number of agents a group may have in one period.
const MAX_AGENTS: f64 = 1_000_000.0;

pub(super) fn parse(src: Source<'_>, applied: &[Applied]) -> Result<Scenario, ScenarioError> {
    let cx = Checker {
        src,
        applied,
        problems: Vec::new(),
    };
    let de = toml::de::Deserializer::parse(src.text).map_err(|e| {
        let at = e.span();
        ScenarioError::single(cx.problem_at(at, "", clean_message(e.message())))
    })?;
    let raw: RawScenario = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        // `toml::Spanned` shows up in serde's path as a private field: drop it.
        let path = path.replace(".$__serde_spanned_private_value", "");
        let path = path.replace("$__serde_spanned_private_value", "");
        let path = if path == "." { String::new() } else { path };
        let inner = e.into_inner();
        let at = inner.span();
        ScenarioError::single(cx.problem_at(at, &path, clean_message(inner.message())))
    })?;
    cx.scenario(raw)
}

/// toml's messages sometimes end with a newline or carry a "TOML parse error" prefix.
fn clean_message(m: &str) -> String {
    m.trim().to_string()
}

struct Checker<'a> {
    src: Source<'a>,
    applied: &'a [Applied],
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn problem_at(&self, span: Option<Range<usize>>, path: &str, message: String) -> Problem {
        if let Some(ov) = self
            .applied
            .iter()
            .rev()
            .find(|a| a.covers(path) || a.names_unknown_field(&message))
        {
            return Problem {
                origin: format!("--set {}", ov.flag),
                line: 0,
                column: 0,
                path: path.to_string(),
                message,
                span: None,
            };
        }
        self.src.problem(span, path, message)
    }

    fn report(&mut self, span: Range<usize>, path: &str, message: impl Into<String>) {
        let p = self.problem_at(Some(span), path, message.into());
        self.problems.push(p);
    }

    fn scenario(mut self, raw: RawScenario) -> Result<Scenario, ScenarioError> {
        let name = raw.name.get_ref().trim().to_string();
        if name.is_empty() {
            self.report(raw.name.span(), "name", "the scenario needs a name");
        }
        let horizon = raw.horizon.get_ref().0;
        if horizon == SimDuration::ZERO {
            self.report(raw.horizon.span(), "horizon", "must be longer than 0s");
        }
        let warmup = raw.warmup.map_or(SimDuration::ZERO, |w| w.0);
        if horizon + warmup > MAX_SPAN {
            self.report(
                raw.horizon.span(),
                "horizon",
                format!("warmup + horizon is {}, more than the longest run ccsim simulates ({MAX_SPAN})", horizon + warmup),
            );
        }
        let interval = match &raw.interval {
            Some(i) if i.get_ref().0 == SimDuration::ZERO => {
                self.report(i.span(), "interval", "must be longer than 0s");
                SimDuration::from_mins(30)
            }
            Some(i) => i.get_ref().0,
            None => SimDuration::from_mins(30),
        };
        let replications = match &raw.replications {
            Some(r) if *r.get_ref() == 0 || *r.get_ref() > MAX_REPLICATIONS => {
                self.report(
                    r.span(),
                    "replications",
                    format!("expected 1 to {MAX_REPLICATIONS}, found {}", r.get_ref()),
                );
                1
            }
            Some(r) => *r.get_ref(),
            None => 1,
        };
        if let Some(i) = &raw.interval
            && interval > SimDuration::ZERO
            && horizon.0.div_ceil(interval.0) > MAX_INTERVALS
        {
            self.report(
                i.span(),
                "interval",
                format!(
                    "{interval} intervals over a horizon of {horizon} make {} reporting intervals; at most {MAX_INTERVALS}",
                    horizon.0.div_ceil(interval.0)
                ),
            );
        }
        let day_start = raw
            .day_start
            .as_ref()
            .and_then(|d| match parse_clock(d.get_ref()) {
                Some(secs) => Some(secs),
                None => {
                    self.report(
                        d.span(),
                        "day_start",
                        format!(
                            "expected a clock time like \"08:00\", found \"{}\"",
                            d.get_ref()
                        ),
                    );
                    None
                }
            });
        let service_level = match raw.service_level {
            Some(sl) => {
                let target = *sl.target.get_ref();
                if !(0.0..=1.0).contains(&target) {
                    self.report(
                        sl.target.span(),
                        "service_level.target",
                        format!("expected a share between 0 and 1 (0.8 for 80 %), found {target}"),
                    );
                }
                ServiceLevel {
                    threshold: sl.threshold.0,
                    target,
                }
            }
            None => ServiceLevel::default(),
        };

        // Contact types.
        let mut contact_types = Vec::new();
        let mut type_spans = Vec::new();
        let mut type_names = BTreeSet::new();
        let mut transfers = Vec::new();
        if raw.contact_types.is_empty() {
            self.report(
                0..0,
                "contact_types",
                "at least one [[contact_types]] is needed",
            );
        }
        for (i, ct) in raw.contact_types.into_iter().enumerate() {
            let path = format!("contact_types[{i}]");
            let tname = ct.name.get_ref().trim().to_string();
            type_spans.push(ct.name.span());
            if tname.is_empty() {
                self.report(ct.name.span(), &format!("{path}.name"), "must not be empty");
            } else if !type_names.insert(tname.clone()) {
                self.report(
                    ct.name.span(),
                    &format!("{path}.name"),
                    format!("a contact type named \"{tname}\" is already defined"),
                );
            }
            let channel_name = ct
                .channel
                .as_ref()
                .map_or(ChannelName::Voice, |c| *c.get_ref());
            let arrivals = match ct.arrivals {
                Some(a) if channel_name == ChannelName::Outbound => {
                    self.report(
                        a.span(),
                        &format!("{path}.arrivals"),
                        "an outbound campaign has no arrivals: its dialer makes the calls",
                    );
                    Profile::constant(0.0)
                }
                Some(a) => self.arrivals(a, &format!("{path}.arrivals"), interval, horizon),
                None if channel_name == ChannelName::Outbound => Profile::constant(0.0),
                None => {
                    self.report(
                        ct.name.span(),
                        &format!("{path}.arrivals"),
                        "needs `arrivals`, e.g. `arrivals = { rate_per_hour = 120 }`",
                    );
                    Profile::constant(0.0)
                }
            };
            let handle_time = self.dist(ct.handle_time, &format!("{path}.handle_time"), false);
            let wrap_up = ct
                .wrap_up
                .and_then(|w| self.dist(w, &format!("{path}.wrap_up"), true));
            let patience_span = ct.patience.as_ref().map(|p| p.span());
            let patience = ct
                .patience
                .and_then(|p| self.dist(p, &format!("{path}.patience"), true));
            let channel = self.channel(
                channel_name,
                ChannelParts {
                    concurrency: ct.concurrency,
                    stretch: ct.stretch,
                    campaign: ct.campaign,
                    name_span: ct.name.span(),
                },
                &path,
            );
            let threshold = ct.threshold.as_ref().map(|t| t.get_ref().0);
            if matches!(channel, Channel::Email) {
                if threshold.is_none() {
                    self.report(
                        ct.name.span(),
                        &format!("{path}.threshold"),
                        "an email type needs `threshold`, its response-time target, e.g. \"4h\"",
                    );
                }
                if let Some(p) = &patience_span {
                    self.report(
                        p.clone(),
                        &format!("{path}.patience"),
                        "an email never abandons: it waits in the backlog",
                    );
                }
            }
            if let (Some(t), Some(0)) = (&ct.threshold, threshold.map(|d| d.0)) {
                self.report(
                    t.span(),
                    &format!("{path}.threshold"),
                    "must be longer than 0s",
                );
            }
            if let Channel::Outbound(_) = channel {
                for (present, field) in [
                    (patience_span.is_some(), "patience"),
                    (ct.ivr.is_some(), "ivr"),
                    (ct.callback.is_some(), "callback"),
                    (ct.balking.is_some(), "balking"),
                    (ct.redial.is_some(), "redial"),
                    (ct.announcement.is_some(), "announcement"),
                    (ct.resolution.is_some(), "resolution"),
                    (ct.transfer.is_some(), "transfer"),
                ] {
                    if present {
                        self.report(
                            ct.name.span(),
                            &format!("{path}.{field}"),
                            format!("an outbound campaign has no {field}: the dialer calls, and a callee waits `campaign.connect_wait` for an agent"),
                        );
                    }
                }
            }
            let priority = ct.priority.unwrap_or(channel.default_priority());
            let mut basic = ContactType::basic(
                tname,
                arrivals,
                handle_time.unwrap_or(Dist::exponential(1.0)),
                patience,
            );
            basic.wrap_up = wrap_up;
            basic.priority = priority;
            if let Channel::Outbound(c) = &channel {
                basic.patience = Some(Dist::Constant {
                    value_us: c.connect_wait.0 as f64,
                });
            }
            basic.channel = channel;
            basic.threshold = threshold;
            if let Some(t) = &ct.transfer {
                transfers.push((i, t.to.clone(), t.share.clone()));
            }
            let ops = RawOperations {
                balking: ct.balking,
                redial: ct.redial,
                announcement: ct.announcement,
                resolution: ct.resolution,
                ivr: ct.ivr,
                callback: ct.callback,
            };
            contact_types.push(self.operations(basic, ops, &path));
        }
        self.transfers(&mut contact_types, transfers);

        let expected: f64 = contact_types
            .iter()
            .map(|t| expected_contacts(&t.arrivals, horizon + warmup))
            .sum();
        if expected > MAX_EXPECTED_CONTACTS {
            self.report(
                0..0,
                "contact_types",
                format!("the arrival rates add up to {expected:.3e} contacts per replication; at most {MAX_EXPECTED_CONTACTS:.0e}"),
            );
        }

        // Agent groups.
        let mut agent_groups = Vec::new();
        let mut group_names = BTreeSet::new();
        if raw.agent_groups.is_empty() {
            self.report(
                0..0,
                "agent_groups",
                "at least one [[agent_groups]] is needed",
            );
        }
        for (i, g) in raw.agent_groups.into_iter().enumerate() {
            let path = format!("agent_groups[{i}]");
            let gname = g.name.get_ref().trim().to_string();
            if gname.is_empty() {
                self.report(g.name.span(), &format!("{path}.name"), "must not be empty");
            } else if !group_names.insert(gname.clone()) {
                self.report(
                    g.name.span(),
                    &format!("{path}.name"),
                    format!("an agent group named \"{gname}\" is already defined"),
                );
            }
            let period = self.period(g.period.as_ref(), &format!("{path}.period"), interval);
            let (staffing, paid) = match (&g.agents, g.shifts) {
                (Some(a), None) => (
                    self.agents(a, &format!("{path}.agents"), period, horizon),
                    None,
                ),
                (None, Some(shifts)) => {
                    self.shifts(shifts, &format!("{path}.shifts"), day_start, horizon)
                }
                (Some(a), Some(_)) => {
                    self.report(
                        a.span(),
                        &format!("{path}.agents"),
                        "give `agents` or `shifts`, not both",
                    );
                    (Profile::constant(0), None)
                }
                (None, None) => {
                    self.report(
                        g.name.span(),
                        &path,
                        "needs `agents` (a number or one per period) or `shifts`",
                    );
                    (Profile::constant(0), None)
                }
            };
            let mut skills = Vec::new();
            let skills_span = g.skills.span();
            let skill_list = g.skills.into_inner();
            if skill_list.is_empty() {
                self.report(
                    skills_span,
                    &format!("{path}.skills"),
                    "list at least one contact type",
                );
            }
            for (k, s) in skill_list.iter().enumerate() {
                match contact_types.iter().position(|t| t.name == *s.get_ref()) {
                    Some(t) => skills.push(TypeId(t as u16)),
                    None => self.report(
                        s.span(),
                        &format!("{path}.skills[{k}]"),
                        format!(
                            "no contact type is named \"{}\" (defined: {})",
                            s.get_ref(),
                            quoted_list(contact_types.iter().map(|t| t.name.as_str()))
                        ),
                    ),
                }
            }
            skills.dedup();
            let wage_per_hour = match &g.wage_per_hour {
                Some(w) if !(w.get_ref().is_finite() && *w.get_ref() >= 0.0) => {
                    self.report(
                        w.span(),
                        &format!("{path}.wage_per_hour"),
                        format!("expected a cost of 0 or more, found {}", w.get_ref()),
                    );
                    0.0
                }
                Some(w) => *w.get_ref(),
                None => 0.0,
            };
            let mut proficiency = Vec::new();
            if let Some(p) = g.proficiency {
                let map_span = p.span();
                proficiency = vec![1.0; contact_types.len()];
                for (name, factor) in p.into_inner() {
                    let field = format!("{path}.proficiency.{name}");
                    let Some(t) = contact_types.iter().position(|t| t.name == name) else {
                        self.report(
                            map_span.clone(),
                            &field,
                            format!(
                                "no contact type is named \"{name}\" (defined: {})",
                                quoted_list(contact_types.iter().map(|t| t.name.as_str()))
                            ),
                        );
                        continue;
                    };
                    let f = *factor.get_ref();
                    if !(f.is_finite() && f > 0.0 && f <= 100.0) {
                        self.report(
                            factor.span(),
                            &field,
                            format!("expected a talk-time multiplier above 0 (1 = as the contact type), found {f}"),
                        );
                    } else if !skills.contains(&TypeId(t as u16)) {
                        self.report(
                            factor.span(),
                            &field,
                            format!("the group has no skill \"{name}\""),
                        );
                    } else {
                        proficiency[t] = f;
                    }
                }
                if proficiency.iter().all(|&f| f == 1.0) {
                    proficiency.clear();
                }
            }
            agent_groups.push(AgentGroup {
                name: gname,
                staffing,
                skills,
                wage_per_hour,
                proficiency,
                overflow_after: g.overflow_after.map_or(SimDuration::ZERO, |d| d.0),
                paid,
                absenteeism: self.share(g.absenteeism.as_ref(), &format!("{path}.absenteeism"), 0.0),
                shrinkage: g.shrinkage.as_ref().map_or(0.0, |v| {
                    self.share_below_one(v, &format!("{path}.shrinkage"))
                }),
                overtime_rate: match &g.overtime_rate {
                    Some(r) if !(r.get_ref().is_finite() && (1.0..=10.0).contains(r.get_ref())) => {
                        self.report(
                            r.span(),
                            &format!("{path}.overtime_rate"),
                            format!("expected a pay multiplier from 1 to 10 (1.5 for time and a half), found {}", r.get_ref()),
                        );
                        1.0
                    }
                    Some(r) => *r.get_ref(),
                    None => 1.0,
                },
                remote_share: self.share(g.remote_share.as_ref(), &format!("{path}.remote_share"), 0.0),
                remote_wage_per_hour: match &g.remote_wage_per_hour {
                    Some(w) => self.money(Some(w), &format!("{path}.remote_wage_per_hour")),
                    None => wage_per_hour,
                },
                blend: g.blend.map_or_else(Blend::default, |b| Blend {
                    keep_idle: b.keep_idle.unwrap_or(0),
                    min_service_level: b.min_service_level.as_ref().map(|v| {
                        self.share(Some(v), &format!("{path}.blend.min_service_level"), 0.0)
                    }),
                }),
                occupancy_cap: g.occupancy_cap.as_ref().and_then(|c| {
                    let x = *c.get_ref();
                    if (0.3..=1.0).contains(&x) {
                        (x < 1.0).then_some(x)
                    } else {
                        self.report(
                            c.span(),
                            &format!("{path}.occupancy_cap"),
                            format!("expected an occupancy from 0.3 to 1 (0.85 for 85 %), found {x}"),
                        );
                        None
                    }
                }),
            });
        }
        for (t, ct) in contact_types.iter().enumerate() {
            let served = agent_groups
                .iter()
                .any(|g| g.skills.contains(&TypeId(t as u16)));
            if !served && !ct.name.is_empty() && self.problems.is_empty() {
                self.report(
                    type_spans[t].clone(),
                    &format!("contact_types[{t}].name"),
                    format!(
                        "no agent group has the skill \"{}\": its contacts could never be answered",
                        ct.name
                    ),
                );
            }
        }

        let screen_pop = raw.screen_pop.map(|sp| ScreenPop {
            handle_time_cut: self
                .share_below_one(&sp.handle_time_cut, "screen_pop.handle_time_cut"),
            cost_per_day: self.money(sp.cost_per_day.as_ref(), "screen_pop.cost_per_day"),
        });
        let costs = raw.costs.map_or_else(Costs::default, |c| Costs {
            telecom_per_minute: self
                .money(c.telecom_per_minute.as_ref(), "costs.telecom_per_minute"),
            ivr_per_minute: self.money(c.ivr_per_minute.as_ref(), "costs.ivr_per_minute"),
            ivr_per_day: self.money(c.ivr_per_day.as_ref(), "costs.ivr_per_day"),
            technology_per_day: self
                .money(c.technology_per_day.as_ref(), "costs.technology_per_day"),
            sl_penalty_per_interval: self.money(
                c.sl_penalty_per_interval.as_ref(),
                "costs.sl_penalty_per_interval",
            ),
            budget_per_day: c
                .budget_per_day
                .as_ref()
                .map(|b| self.money(Some(b), "costs.budget_per_day")),
        });

        let people = raw.people.map(|p| self.people(p, &agent_groups));

        if self.problems.is_empty() {
            Ok(Scenario {
                name,
                description: raw.description,
                seed: raw.seed.unwrap_or(1),
                horizon,
                warmup,
                replications,
                interval,
                day_start,
                service_level,
                contact_types,
                agent_groups,
                routing: raw.routing.unwrap_or_default(),
                screen_pop,
                costs,
                people,
            })
        } else {
            Err(ScenarioError {
                problems: self.problems,
            })
        }
    }

    /// A group's shifts: its on-phone and paid profiles.
    fn shifts(
        &mut self,
        raw: Spanned<Vec<RawShift>>,
        path: &str,
        day_start: Option<u32>,
        horizon: SimDuration,
    ) -> (Profile<u32>, Option<Profile<u32>>) {
        let span = raw.span();
        let Some(day) = day_start else {
            self.report(
                span,
                path,
                "shifts are given in clock times: the scenario needs `day_start` (e.g. \"08:00\")",
            );
            return (Profile::constant(0), None);
        };
        let mut shifts = Vec::new();
        for (i, s) in raw.into_inner().into_iter().enumerate() {
            let mut clock = |v: &Spanned<String>, field: &str| match parse_clock(v.get_ref()) {
                Some(secs) => Some(secs as i64),
                None => {
                    self.report(
                        v.span(),
                        &format!("{path}[{i}].{field}"),
                        format!(
                            "expected a clock time like \"08:00\", found \"{}\"",
                            v.get_ref()
                        ),
                    );
                    None
                }
            };
            let (Some(start), Some(end)) = (clock(&s.start, "start"), clock(&s.end, "end")) else {
                continue;
            };
            let day = day as i64;
            // From the window's start; a shift that starts before the day's start belongs
            // to it if it ends after (else it is the evening's, e.g. 22:00 on an 08:00 day).
            let mut from = start - day;
            if from < -12 * 3600 {
                from += 24 * 3600;
            }
            let mut to = end - day;
            while to <= from {
                to += 24 * 3600;
            }
            let us = 1_000_000i64;
            let breaks = s
                .breaks
                .iter()
                .map(|b| Break {
                    after: b.after.0,
                    length: b.length.0,
                    spread: b.spread.map_or(SimDuration::from_hours(1), |d| d.0),
                })
                .collect();
            shifts.push(Shift {
                start: from * us,
                end: to * us,
                agents: s.agents,
                breaks,
            });
        }
        match workforce::profiles(&shifts, horizon, MAX_INTERVALS) {
            Some((phones, paid)) => {
                let paid = (paid != phones).then_some(paid);
                (phones, paid)
            }
            None => {
                self.report(
                    span,
                    path,
                    format!("the shifts change staffing at more than {MAX_INTERVALS} moments over the horizon"),
                );
                (Profile::constant(0), None)
            }
        }
    }

    /// A contact type's channel and its own fields; fields of another channel are
    /// errors.
    fn channel(&mut self, name: ChannelName, parts: ChannelParts, path: &str) -> Channel {
        let ChannelParts {
            concurrency,
            stretch,
            campaign,
            name_span,
        } = parts;
        let channel = format!("{name:?}").to_lowercase();
        if name != ChannelName::Chat {
            for (span, field) in [
                (concurrency.as_ref().map(|c| c.span()), "concurrency"),
                (stretch.as_ref().map(|c| c.span()), "stretch"),
            ] {
                if let Some(span) = span {
                    self.report(
                        span,
                        &format!("{path}.{field}"),
                        format!("`{field}` is for chat, and this type's channel is \"{channel}\""),
                    );
                }
            }
        }
        if name != ChannelName::Outbound && campaign.is_some() {
            self.report(
                name_span.clone(),
                &format!("{path}.campaign"),
                format!("`campaign` is for channel = \"outbound\", and this type's channel is \"{channel}\""),
            );
        }
        match name {
            ChannelName::Voice => Channel::Voice,
            ChannelName::Email => Channel::Email,
            ChannelName::Chat => {
                let concurrency = match concurrency {
                    Some(c) if !(1..=20).contains(c.get_ref()) => {
                        self.report(
                            c.span(),
                            &format!("{path}.concurrency"),
                            format!("expected 1 to 20 chats at once, found {}", c.get_ref()),
                        );
                        1
                    }
                    Some(c) => *c.get_ref(),
                    None => 1,
                };
                let stretch = match stretch {
                    Some(s) if !(s.get_ref().is_finite() && (0.0..=10.0).contains(s.get_ref())) => {
                        self.report(
                            s.span(),
                            &format!("{path}.stretch"),
                            format!("expected a growth per extra chat from 0 to 10 (0.25 = 25 % longer per other chat), found {}", s.get_ref()),
                        );
                        0.0
                    }
                    Some(s) => *s.get_ref(),
                    None => 0.0,
                };
                Channel::Chat(Chat {
                    concurrency,
                    stretch,
                })
            }
            ChannelName::Outbound => {
                let Some(c) = campaign else {
                    self.report(
                        name_span,
                        &format!("{path}.campaign"),
                        "an outbound type needs a `campaign` (list, dialing, right_party, conversion)",
                    );
                    return Channel::Outbound(Campaign::predictive(0, 1.0));
                };
                self.campaign(c, &format!("{path}.campaign"))
            }
        }
    }

    fn campaign(&mut self, c: RawCampaign, path: &str) -> Channel {
        let ratio = |cx: &mut Self, v: Option<Spanned<f64>>, field: &str, default: f64| match v {
            Some(v) if !(v.get_ref().is_finite() && (1.0..=100.0).contains(v.get_ref())) => {
                cx.report(
                    v.span(),
                    &format!("{path}.{field}"),
                    format!(
                        "expected calls per free agent from 1 to 100, found {}",
                        v.get_ref()
                    ),
                );
                default
            }
            Some(v) => *v.get_ref(),
            None => default,
        };
        let pacing = ratio(self, c.pacing, "pacing", 1.5);
        let max_pacing = ratio(self, c.max_pacing, "max_pacing", 5.0f64.max(pacing));
        if pacing > max_pacing {
            self.report(
                0..0,
                &format!("{path}.pacing"),
                format!("is above max_pacing ({max_pacing})"),
            );
        }
        let right_party = self.share(Some(&c.right_party), &format!("{path}.right_party"), 0.0);
        let no_answer = self.share(c.no_answer.as_ref(), &format!("{path}.no_answer"), 0.0);
        let busy = self.share(c.busy.as_ref(), &format!("{path}.busy"), 0.0);
        let machine = self.share(c.machine.as_ref(), &format!("{path}.machine"), 0.0);
        let total = right_party + no_answer + busy + machine;
        if total > 1.0 + 1e-9 {
            self.report(
                c.right_party.span(),
                &format!("{path}.right_party"),
                format!("right_party + no_answer + busy + machine add up to {total}, more than 1"),
            );
        }
        let ring_time = match c.ring_time {
            Some(r) => self
                .dist(r, &format!("{path}.ring_time"), false)
                .unwrap_or(Dist::constant(15.0)),
            None => Dist::constant(15.0),
        };
        if c.abandon_cap.is_some() && c.dialing != Dialing::Predictive {
            self.report(
                c.abandon_cap.as_ref().map_or(0..0, |v| v.span()),
                &format!("{path}.abandon_cap"),
                "only a predictive dialer can abandon calls: preview and progressive dialing keep an agent on the line",
            );
        }
        if *c.list.get_ref() > 1_000_000_000 {
            self.report(
                c.list.span(),
                &format!("{path}.list"),
                "at most 1,000,000,000 records",
            );
        }
        let attempts = match c.attempts {
            Some(a) if !(1..=20).contains(a.get_ref()) => {
                self.report(
                    a.span(),
                    &format!("{path}.attempts"),
                    format!("expected 1 to 20 tries per record, found {}", a.get_ref()),
                );
                1
            }
            Some(a) => *a.get_ref(),
            None => 1,
        };
        let retry_after = c.retry_after.map_or(SimDuration::from_hours(2), |d| d.0);
        if retry_after == SimDuration::ZERO && attempts > 1 {
            self.report(
                0..0,
                &format!("{path}.retry_after"),
                "must be longer than 0s",
            );
        }
        Channel::Outbound(Campaign {
            list: *c.list.get_ref(),
            dialing: c.dialing,
            pacing,
            abandon_cap: c
                .abandon_cap
                .as_ref()
                .map(|v| self.share(Some(v), &format!("{path}.abandon_cap"), 0.03)),
            max_pacing,
            preview_time: c.preview_time.map_or(SimDuration::from_secs(20), |d| d.0),
            ring_time,
            right_party,
            no_answer,
            busy,
            machine,
            connect_wait: c.connect_wait.map_or(SimDuration::from_secs(2), |d| d.0),
            conversion: self.share(Some(&c.conversion), &format!("{path}.conversion"), 0.0),
            revenue_per_sale: self.money(
                c.revenue_per_sale.as_ref(),
                &format!("{path}.revenue_per_sale"),
            ),
            attempts,
            retry_after,
        })
    }

    /// The `[people]` section.
    fn people(&mut self, p: RawPeople, groups: &[AgentGroup]) -> People {
        let days = *p.days.get_ref();
        if !(1..=MAX_DAYS).contains(&days) {
            self.report(
                p.days.span(),
                "people.days",
                format!("expected 1 to {MAX_DAYS} working days, found {days}"),
            );
        }
        let mut headcount: Vec<u32> = groups
            .iter()
            .map(|g| g.staffing.values.iter().copied().max().unwrap_or(0))
            .collect();
        if let Some(h) = p.headcount {
            let span = h.span();
            for (name, n) in h.into_inner() {
                match groups.iter().position(|g| g.name == name) {
                    Some(i) if *n.get_ref() == 0 && headcount[i] > 0 => self.report(
                        n.span(),
                        &format!("people.headcount.{name}"),
                        "a staffed group needs someone on its roster (the plan is scaled by the roster)",
                    ),
                    Some(i) => headcount[i] = *n.get_ref(),
                    None => self.report(
                        span.clone(),
                        &format!("people.headcount.{name}"),
                        format!(
                            "no agent group is named \"{name}\" (defined: {})",
                            quoted_list(groups.iter().map(|g| g.name.as_str()))
                        ),
                    ),
                }
            }
        }
        let positive = |cx: &mut Self,
                        v: Option<Spanned<f64>>,
                        field: &str,
                        lo: f64,
                        hi: f64,
                        default: f64| match v {
            Some(v) if !(v.get_ref().is_finite() && (lo..=hi).contains(v.get_ref())) => {
                cx.report(
                    v.span(),
                    &format!("people.{field}"),
                    format!("expected a number from {lo} to {hi}, found {}", v.get_ref()),
                );
                default
            }
            Some(v) => *v.get_ref(),
            None => default,
        };
        let learning = p.learning.map_or_else(Learning::default, |l| {
            let d = Learning::default();
            Learning {
                start: positive(self, l.start, "learning.start", 1.0, 10.0, d.start),
                half_life_calls: positive(
                    self,
                    l.half_life_calls,
                    "learning.half_life_calls",
                    1.0,
                    1e6,
                    d.half_life_calls,
                ),
            }
        });
        let quality = p.quality.map_or_else(Quality::default, |q| {
            let d = Quality::default();
            let quality = Quality {
                qa_new: self.share(q.qa_new.as_ref(), "people.quality.qa_new", d.qa_new),
                qa_trained: self.share(
                    q.qa_trained.as_ref(),
                    "people.quality.qa_trained",
                    d.qa_trained,
                ),
                fcr_per_qa: positive(
                    self,
                    q.fcr_per_qa,
                    "quality.fcr_per_qa",
                    0.0,
                    10.0,
                    d.fcr_per_qa,
                ),
            };
            if quality.qa_new > quality.qa_trained {
                self.report(
                    q.qa_new.as_ref().map_or(0..0, |v| v.span()),
                    "people.quality.qa_new",
                    format!("is above qa_trained ({})", quality.qa_trained),
                );
            }
            quality
        });
        let attrition = p.attrition.map_or_else(Attrition::default, |a| {
            let d = Attrition::default();
            let annual = match &a.annual {
                Some(v) if *v.get_ref() >= 1.0 => {
                    self.report(
                        v.span(),
                        "people.attrition.annual",
                        "must be below 1 (everyone gone in a year)",
                    );
                    d.annual
                }
                v => self.share(v.as_ref(), "people.attrition.annual", d.annual),
            };
            Attrition {
                annual,
                knee: self.share(a.knee.as_ref(), "people.attrition.knee", d.knee),
                slope: positive(self, a.slope, "attrition.slope", 0.0, 100.0, d.slope),
                memory_days: positive(
                    self,
                    a.memory_days,
                    "attrition.memory_days",
                    1.0,
                    365.0,
                    d.memory_days,
                ),
                incentive_halving: self.money(
                    a.incentive_halving.as_ref(),
                    "people.attrition.incentive_halving",
                ),
            }
        });
        let mut hires = Vec::new();
        for (i, h) in p.hires.into_iter().enumerate() {
            let path = format!("people.hires[{i}]");
            let day = *h.day.get_ref();
            if day == 0 || day > days {
                self.report(
                    h.day.span(),
                    &format!("{path}.day"),
                    format!("expected a day from 1 to {days}, found {day}"),
                );
            }
            let agents = *h.agents.get_ref();
            if agents > MAX_AGENTS as u32 {
                self.report(
                    h.agents.span(),
                    &format!("{path}.agents"),
                    "at most 1,000,000 agents",
                );
            }
            match groups.iter().position(|g| g.name == *h.group.get_ref()) {
                Some(g) if headcount[g] == 0 => self.report(
                    h.group.span(),
                    &format!("{path}.group"),
                    format!(
                        "the group \"{}\" has no staffing plan to scale",
                        h.group.get_ref()
                    ),
                ),
                Some(g) => hires.push(HirePlan {
                    day,
                    group: GroupId(g as u16),
                    agents,
                }),
                None => self.report(
                    h.group.span(),
                    &format!("{path}.group"),
                    format!(
                        "no agent group is named \"{}\" (defined: {})",
                        h.group.get_ref(),
                        quoted_list(groups.iter().map(|g| g.name.as_str()))
                    ),
                ),
            }
        }
        People {
            days,
            headcount,
            recruiting_days: p.recruiting_days.unwrap_or(10).min(MAX_DAYS),
            training_days: p.training_days.unwrap_or(10).min(MAX_DAYS),
            learning,
            quality,
            attrition,
            incentive_per_agent_day: self.money(
                p.incentive_per_agent_day.as_ref(),
                "people.incentive_per_agent_day",
            ),
            volume_growth: positive(self, p.volume_growth, "volume_growth", -0.5, 1.0, 0.0),
            backfill: p.backfill.unwrap_or(false),
            hires,
        }
    }

    /// A share in `[0, 1]` (`default` if absent).
    fn share(&mut self, v: Option<&Spanned<f64>>, path: &str, default: f64) -> f64 {
        let Some(v) = v else { return default };
        let x = *v.get_ref();
        if (0.0..=1.0).contains(&x) {
            x
        } else {
            self.report(
                v.span(),
                path,
                format!("expected a share between 0 and 1 (0.25 for 25 %), found {x}"),
            );
            default
        }
    }

    /// A share in `[0, 1)`.
    fn share_below_one(&mut self, v: &Spanned<f64>, path: &str) -> f64 {
        let x = self.share(Some(v), path, 0.0);
        if x >= 1.0 {
            self.report(v.span(), path, "must be below 1 (a call takes some time)");
            return 0.0;
        }
        x
    }

    /// An amount of money, 0 or more (0 if absent).
    fn money(&mut self, v: Option<&Spanned<f64>>, path: &str) -> f64 {
        let Some(v) = v else { return 0.0 };
        let x = *v.get_ref();
        if x.is_finite() && x >= 0.0 {
            x
        } else {
            self.report(
                v.span(),
                path,
                format!("expected a cost of 0 or more, found {x}"),
            );
            0.0
        }
    }

    /// Balking, redials, announcements, resolution and the IVR of a contact type (its
    /// transfer is resolved once every type is known: see [`Checker::transfers`]).
    fn operations(&mut self, mut t: ContactType, ct: RawOperations, path: &str) -> ContactType {
        t.balking = ct.balking.map(|b| Balking {
            queue: *b.queue.get_ref(),
            probability: self.share(
                b.probability.as_ref(),
                &format!("{path}.balking.probability"),
                1.0,
            ),
        });
        if let Some(r) = ct.redial {
            let probability = self.share(
                Some(&r.probability),
                &format!("{path}.redial.probability"),
                0.0,
            );
            let delay = self.dist(r.delay, &format!("{path}.redial.delay"), false);
            t.redial = delay.map(|delay| Redial { probability, delay });
        }
        if let Some(a) = ct.announcement {
            let f = *a.patience_factor.get_ref();
            if !(f.is_finite() && f > 0.0 && f <= 100.0) {
                self.report(
                    a.patience_factor.span(),
                    &format!("{path}.announcement.patience_factor"),
                    format!(
                        "expected a patience multiplier above 0 (2.0 = twice as patient), found {f}"
                    ),
                );
            }
            t.announcement = Some(Announcement {
                patience_factor: f,
                share: self.share(a.share.as_ref(), &format!("{path}.announcement.share"), 1.0),
            });
        }
        if let Some(r) = ct.resolution {
            let first_contact = self.share(
                Some(&r.first_contact),
                &format!("{path}.resolution.first_contact"),
                1.0,
            );
            let delay = self.dist(
                r.repeat_delay,
                &format!("{path}.resolution.repeat_delay"),
                false,
            );
            t.resolution = delay.map(|repeat_delay| Resolution {
                first_contact,
                repeat_delay,
            });
        }
        if let Some(v) = ct.ivr {
            let time = self.dist(v.time, &format!("{path}.ivr.time"), false);
            let self_service = self.share(
                v.self_service.as_ref(),
                &format!("{path}.ivr.self_service"),
                0.0,
            );
            let misroute = self.share(v.misroute.as_ref(), &format!("{path}.ivr.misroute"), 0.0);
            t.ivr = time.map(|time| Ivr {
                time,
                self_service,
                misroute,
                misroute_time: v.misroute_time.map_or(SimDuration::from_mins(1), |d| d.0),
            });
        }
        t.callback = ct.callback.map(|c| Callback {
            offer_after: c.offer_after.0,
            accept: self.share(Some(&c.accept), &format!("{path}.callback.accept"), 0.0),
            mode: c.mode.unwrap_or(CallbackMode::KeepPlace),
        });
        t
    }

    /// Resolves each type's `transfer.to`; transfers must not loop back.
    fn transfers(
        &mut self,
        types: &mut [ContactType],
        transfers: Vec<(usize, Spanned<String>, Spanned<f64>)>,
    ) {
        for (i, to, share) in transfers {
            let path = format!("contact_types[{i}].transfer");
            let share = self.share(Some(&share), &format!("{path}.share"), 0.0);
            match types.iter().position(|t| t.name == *to.get_ref()) {
                Some(j) if j == i => self.report(
                    to.span(),
                    &format!("{path}.to"),
                    "a contact type cannot transfer to itself",
                ),
                Some(j) if types[j].channel.campaign().is_some() => self.report(
                    to.span(),
                    &format!("{path}.to"),
                    "an outbound campaign takes no transfers: its callees come from its dialer",
                ),
                Some(j) => {
                    types[i].transfer = Some(Transfer {
                        share,
                        to: TypeId(j as u16),
                    })
                }
                None => self.report(
                    to.span(),
                    &format!("{path}.to"),
                    format!(
                        "no contact type is named \"{}\" (defined: {})",
                        to.get_ref(),
                        quoted_list(types.iter().map(|t| t.name.as_str()))
                    ),
                ),
            }
        }
        if types.len() == 1
            && let Some(v) = &types[0].ivr
            && v.misroute > 0.0
        {
            self.report(
                0..0,
                "contact_types[0].ivr.misroute",
                "a misrouted call lands in another contact type's queue, and there is only one",
            );
        }
        // Follow each chain: a loop would pass contacts round for ever.
        for start in 0..types.len() {
            let mut at = start;
            for _ in 0..types.len() {
                match &types[at].transfer {
                    Some(tr) => at = tr.to.0 as usize,
                    None => break,
                }
                if at == start {
                    self.report(
                        0..0,
                        &format!("contact_types[{start}].transfer.to"),
                        "transfers go round in a loop back to this contact type",
                    );
                    types[start].transfer = None;
                    break;
                }
            }
        }
    }

    fn period(
        &mut self,
        raw: Option<&Spanned<super::raw::Dur>>,
        path: &str,
        default: SimDuration,
    ) -> SimDuration {
        match raw {
            Some(p) if p.get_ref().0 == SimDuration::ZERO => {
                self.report(p.span(), path, "must be longer than 0s");
                default
            }
            Some(p) => p.get_ref().0,
            None => default,
        }
    }

    /// Checks that a per-period list covers the measured window.
    fn covers(
        &mut self,
        span: Range<usize>,
        path: &str,
        len: usize,
        period: SimDuration,
        horizon: SimDuration,
    ) {
        let covered = SimDuration(period.0.saturating_mul(len as u64));
        if covered < horizon {
            self.report(
                span,
                path,
                format!(
                    "{len} periods of {period} cover {covered}, but the horizon is {horizon}: give at least {} values",
                    horizon.0.div_ceil(period.0)
                ),
            );
        }
    }

    fn arrivals(
        &mut self,
        raw: Spanned<RawArrivals>,
        path: &str,
        interval: SimDuration,
        horizon: SimDuration,
    ) -> Profile<f64> {
        let span = raw.span();
        let a = raw.into_inner();
        let period = self.period(a.period.as_ref(), &format!("{path}.period"), interval);
        let (numbers, per_period, field) = match (a.rate_per_hour, a.calls_per_period) {
            (Some(r), None) => (r, false, "rate_per_hour"),
            (None, Some(c)) => (c, true, "calls_per_period"),
            (Some(_), Some(c)) => {
                self.report(
                    c.span(),
                    path,
                    "give either `rate_per_hour` or `calls_per_period`, not both",
                );
                return Profile::constant(0.0);
            }
            (None, None) => {
                self.report(
                    span,
                    path,
                    "expected `rate_per_hour = 120` (or a list), or `calls_per_period = [...]`",
                );
                return Profile::constant(0.0);
            }
        };
        let fpath = format!("{path}.{field}");
        let scale = if per_period {
            3600.0 / period.as_secs_f64()
        } else {
            1.0
        };
        let nspan = numbers.span();
        let values = match numbers.into_inner() {
            Numbers::One(x) => vec![x],
            Numbers::List(v) => {
                if v.is_empty() {
                    self.report(nspan.clone(), &fpath, "the list is empty");
                    return Profile::constant(0.0);
                }
                v
            }
        };
        for x in &values {
            if !(x.is_finite() && *x >= 0.0) {
                self.report(
                    nspan.clone(),
                    &fpath,
                    format!("expected rates of 0 or more, found {x}"),
                );
                return Profile::constant(0.0);
            }
        }
        let values: Vec<f64> = values.into_iter().map(|x| x * scale).collect();
        if values.len() == 1 && !per_period {
            return Profile::constant(values[0]);
        }
        if values.len() > 1 || per_period {
            self.covers(nspan, &fpath, values.len(), period, horizon);
        }
        Profile { period, values }
    }

    fn agents(
        &mut self,
        raw: &Spanned<Numbers>,
        path: &str,
        period: SimDuration,
        horizon: SimDuration,
    ) -> Profile<u32> {
        let values = match raw.get_ref() {
            Numbers::One(x) => vec![*x],
            Numbers::List(v) => v.clone(),
        };
        if values.is_empty() {
            self.report(raw.span(), path, "the list is empty");
            return Profile::constant(0);
        }
        for x in &values {
            if !(x.fract() == 0.0 && *x >= 0.0 && *x <= MAX_AGENTS) {
                self.report(
                    raw.span(),
                    path,
                    format!("expected a whole number of agents from 0 to {MAX_AGENTS}, found {x}"),
                );
                return Profile::constant(0);
            }
        }
        let values: Vec<u32> = values.into_iter().map(|x| x as u32).collect();
        if let Numbers::One(_) = raw.get_ref() {
            return Profile::constant(values[0]);
        }
        self.covers(raw.span(), path, values.len(), period, horizon);
        Profile { period, values }
    }

    /// Checks one distribution. `Some(None)` is never produced: `None` means "no
    /// distribution" (for `dist = "none"`, or after an error).
    fn dist(&mut self, raw: Spanned<RawDist>, path: &str, allow_none: bool) -> Option<Dist> {
        let span = raw.span();
        let d = raw.into_inner();
        let kind = d.dist;
        let (name, allowed): (&str, &[&str]) = match kind {
            DistKind::Constant => ("constant", &["mean"]),
            DistKind::Exponential => ("exponential", &["mean"]),
            DistKind::Lognormal => ("lognormal", &["mean", "sd", "cv"]),
            DistKind::Gamma => ("gamma", &["mean", "cv", "shape"]),
            DistKind::Weibull => ("weibull", &["shape", "scale", "mean"]),
            DistKind::Empirical => ("empirical", &["values"]),
            DistKind::None => ("none", &[]),
        };
        let present: Vec<&str> = [
            ("mean", d.mean.is_some()),
            ("sd", d.sd.is_some()),
            ("cv", d.cv.is_some()),
            ("shape", d.shape.is_some()),
            ("scale", d.scale.is_some()),
            ("values", d.values.is_some()),
        ]
        .into_iter()
        .filter_map(|(k, p)| p.then_some(k))
        .collect();
        let mut ok = true;
        for field in &present {
            if !allowed.contains(field) {
                let takes = if allowed.is_empty() {
                    "no parameters".to_string()
                } else {
                    allowed
                        .iter()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                self.report(
                    span.clone(),
                    &format!("{path}.{field}"),
                    format!(
                        "`{field}` does not apply to {} {name} distribution (it takes {takes})",
                        article(name)
                    ),
                );
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        let secs = |d: &Option<super::raw::Dur>| d.map(|x| x.0.as_secs_f64());
        let mean = secs(&d.mean);
        let need_mean = |this: &mut Self| -> Option<f64> {
            match mean {
                Some(m) if m > 0.0 => Some(m),
                Some(_) => {
                    this.report(
                        span.clone(),
                        &format!("{path}.mean"),
                        "must be longer than 0s",
                    );
                    None
                }
                None => {
                    this.report(
                        span.clone(),
                        path,
                        format!(
                            "{} {name} distribution needs `mean`, e.g. mean = \"4m\"",
                            article(name)
                        ),
                    );
                    None
                }
            }
        };
        let positive = |this: &mut Self, field: &str, v: f64| -> Option<f64> {
            if v.is_finite() && v > 0.0 {
                Some(v)
            } else {
                this.report(
                    span.clone(),
                    &format!("{path}.{field}"),
                    format!("expected a number greater than 0, found {v}"),
                );
                None
            }
        };
        let one_of = |this: &mut Self, a: &str, b: &str, has_a: bool, has_b: bool| -> bool {
            if has_a == has_b {
                this.report(
                    span.clone(),
                    path,
                    format!(
                        "{} {name} distribution needs exactly one of `{a}` and `{b}`",
                        article(name)
                    ),
                );
                false
            } else {
                true
            }
        };
        match kind {
            DistKind::None => {
                if !allow_none {
                    self.report(span, &format!("{path}.dist"), "this field needs a distribution; \"none\" is only for patience and wrap_up");
                }
                None
            }
            DistKind::Constant => match mean {
                Some(m) => Some(Dist::constant(m)),
                None => {
                    self.report(
                        span,
                        path,
                        "a constant distribution needs `mean`, e.g. mean = \"4m\"",
                    );
                    None
                }
            },
            DistKind::Exponential => need_mean(self).map(Dist::exponential),
            DistKind::Lognormal => {
                let m = need_mean(self)?;
                if !one_of(self, "sd", "cv", d.sd.is_some(), d.cv.is_some()) {
                    return None;
                }
                let sd = match (secs(&d.sd), d.cv) {
                    (Some(sd), _) => positive(self, "sd", sd)?,
                    (_, Some(cv)) => positive(self, "cv", cv)? * m,
                    _ => return None,
                };
                Some(Dist::lognormal_mean_sd(m, sd))
            }
            DistKind::Gamma => {
                let m = need_mean(self)?;
                if !one_of(self, "cv", "shape", d.cv.is_some(), d.shape.is_some()) {
                    return None;
                }
                let shape = match (d.cv, d.shape) {
                    (Some(cv), _) => {
                        let cv = positive(self, "cv", cv)?;
                        1.0 / (cv * cv)
                    }
                    (_, Some(k)) => positive(self, "shape", k)?,
                    _ => return None,
                };
                Some(Dist::gamma_mean_shape(m, shape))
            }
            DistKind::Weibull => {
                let Some(k) = d.shape else {
                    self.report(
                        span,
                        path,
                        "a weibull distribution needs `shape`, e.g. shape = 1.5",
                    );
                    return None;
                };
                let k = positive(self, "shape", k)?;
                if !one_of(self, "scale", "mean", d.scale.is_some(), d.mean.is_some()) {
                    return None;
                }
                let scale = match (secs(&d.scale), mean) {
                    (Some(s), _) => positive(self, "scale", s)?,
                    (_, Some(m)) => {
                        let m = positive(self, "mean", m)?;
                        m / crate::math::exp(crate::math::ln_gamma(1.0 + 1.0 / k))
                    }
                    _ => return None,
                };
                Some(Dist::weibull(k, scale))
            }
            DistKind::Empirical => {
                let values = d.values.unwrap_or_default();
                if values.is_empty() {
                    self.report(span, &format!("{path}.values"), "an empirical distribution needs a non-empty list `values = [\"2m\", \"3m\", ...]`");
                    return None;
                }
                Some(Dist::Empirical {
                    values_us: values.iter().map(|v| v.0.0 as f64).collect(),
                })
            }
        }
    }
}

/// Expected arrivals over `span` of a rate profile (per hour), the last value holding.
fn expected_contacts(p: &Profile<f64>, span: SimDuration) -> f64 {
    let hours = span.as_secs_f64() / 3600.0;
    if p.is_constant() {
        return p.values[0] * hours;
    }
    let period_h = p.period.as_secs_f64() / 3600.0;
    let listed: f64 = p.values.iter().sum::<f64>() * period_h;
    let beyond = (hours - period_h * p.values.len() as f64).max(0.0);
    listed + beyond * p.values[p.values.len() - 1]
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn quoted_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<String> = names.map(|n| format!("\"{n}\"")).collect();
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
}

/// "HH:MM" → seconds after midnight.
fn parse_clock(s: &str) -> Option<u32> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && !s.contains('-')).then_some(h * 3600 + m * 60)
}

/// Invariants of a model built in code (parsed models satisfy them by construction).
pub(super) fn validate_model(s: &Scenario) -> Result<(), ScenarioError> {
    let mut problems = Vec::new();
    let mut bad = |path: String, message: &str| {
        problems.push(Problem {
            origin: "scenario".into(),
            line: 0,
            column: 0,
            path,
            message: message.into(),
            span: None,
        })
    };
    if s.horizon == SimDuration::ZERO {
        bad("horizon".into(), "must be longer than 0s");
    }
    if s.horizon + s.warmup > MAX_SPAN {
        bad(
            "horizon".into(),
            "warmup + horizon must be at most 200 days",
        );
    }
    if s.interval == SimDuration::ZERO {
        bad("interval".into(), "must be longer than 0s");
    }
    if s.replications == 0 || s.replications > MAX_REPLICATIONS {
        bad("replications".into(), "must be 1 to 1,000,000");
    }
    if s.interval > SimDuration::ZERO && s.horizon.0.div_ceil(s.interval.0) > MAX_INTERVALS {
        bad(
            "interval".into(),
            "makes more than 100,000 reporting intervals",
        );
    }
    if s.contact_types.is_empty() || s.contact_types.len() > u16::MAX as usize {
        bad("contact_types".into(), "needs 1 to 65535 contact types");
    }
    if s.agent_groups.is_empty() || s.agent_groups.len() > u16::MAX as usize {
        bad("agent_groups".into(), "needs 1 to 65535 agent groups");
    }
    for (i, t) in s.contact_types.iter().enumerate() {
        match &t.channel {
            Channel::Chat(c) => {
                if !(1..=20).contains(&c.concurrency) {
                    bad(format!("contact_types[{i}].concurrency"), "must be 1 to 20");
                }
                if !(c.stretch.is_finite() && (0.0..=10.0).contains(&c.stretch)) {
                    bad(format!("contact_types[{i}].stretch"), "must be 0 to 10");
                }
            }
            Channel::Email => {
                if t.threshold.is_none() {
                    bad(
                        format!("contact_types[{i}].threshold"),
                        "an email type needs its response-time target",
                    );
                }
                if t.patience.is_some() {
                    bad(
                        format!("contact_types[{i}].patience"),
                        "an email never abandons",
                    );
                }
            }
            Channel::Outbound(c) => {
                let shares = [c.right_party, c.no_answer, c.busy, c.machine, c.conversion];
                if shares.iter().any(|x| !(0.0..=1.0).contains(x))
                    || c.right_party + c.no_answer + c.busy + c.machine > 1.0 + 1e-9
                {
                    bad(
                        format!("contact_types[{i}].campaign"),
                        "outcome shares must be in [0, 1] and add up to at most 1",
                    );
                }
                if !(c.pacing.is_finite() && c.pacing >= 0.1 && c.pacing <= c.max_pacing) {
                    bad(
                        format!("contact_types[{i}].campaign.pacing"),
                        "must be from 0.1 to max_pacing",
                    );
                }
                if t.arrivals.values.iter().any(|&r| r != 0.0) {
                    bad(
                        format!("contact_types[{i}].arrivals"),
                        "an outbound campaign has no arrivals",
                    );
                }
                if !dist_ok(&c.ring_time) || c.attempts == 0 || c.attempts > 20 {
                    bad(
                        format!("contact_types[{i}].campaign"),
                        "ring_time must be a valid distribution and attempts 1 to 20",
                    );
                }
            }
            Channel::Voice => {}
        }
        if t.arrivals.values.is_empty() || t.arrivals.period == SimDuration::ZERO {
            bad(
                format!("contact_types[{i}].arrivals"),
                "needs at least one value and a period",
            );
        }
        if t.arrivals
            .values
            .iter()
            .any(|r| !(r.is_finite() && *r >= 0.0))
        {
            bad(
                format!("contact_types[{i}].arrivals"),
                "rates must be finite and 0 or more",
            );
        }
        for (field, d) in [
            ("handle_time", Some(&t.handle_time)),
            ("wrap_up", t.wrap_up.as_ref()),
            ("patience", t.patience.as_ref()),
        ] {
            if let Some(d) = d
                && !dist_ok(d)
            {
                bad(
                    format!("contact_types[{i}].{field}"),
                    "has a parameter that is not finite and positive",
                );
            }
        }
        let share = |x: f64| (0.0..=1.0).contains(&x);
        let mut parts: Vec<(&str, bool)> = Vec::new();
        if let Some(b) = &t.balking {
            parts.push(("balking.probability", share(b.probability)));
        }
        if let Some(r) = &t.redial {
            parts.push(("redial.probability", share(r.probability)));
            parts.push(("redial.delay", dist_ok(&r.delay)));
        }
        if let Some(a) = &t.announcement {
            let f = a.patience_factor;
            parts.push((
                "announcement.patience_factor",
                f.is_finite() && f > 0.0 && f <= 100.0,
            ));
            parts.push(("announcement.share", share(a.share)));
        }
        if let Some(r) = &t.resolution {
            parts.push(("resolution.first_contact", share(r.first_contact)));
            parts.push(("resolution.repeat_delay", dist_ok(&r.repeat_delay)));
        }
        if let Some(tr) = &t.transfer {
            parts.push(("transfer.share", share(tr.share)));
            parts.push((
                "transfer.to",
                (tr.to.0 as usize) < s.contact_types.len() && tr.to.0 as usize != i,
            ));
        }
        if let Some(c) = &t.callback {
            parts.push(("callback.accept", share(c.accept)));
        }
        if let Some(v) = &t.ivr {
            parts.push(("ivr.time", dist_ok(&v.time)));
            parts.push(("ivr.self_service", share(v.self_service)));
            parts.push(("ivr.misroute", share(v.misroute)));
        }
        for (field, ok) in parts {
            if !ok {
                bad(
                    format!("contact_types[{i}].{field}"),
                    "is out of range (shares are 0 to 1; times finite and positive; a transfer names another type)",
                );
            }
        }
        if !s
            .agent_groups
            .iter()
            .any(|g| g.skills.contains(&TypeId(i as u16)))
        {
            bad(
                format!("contact_types[{i}]"),
                "no agent group has this skill",
            );
        }
    }
    for (i, g) in s.agent_groups.iter().enumerate() {
        if g.staffing.values.is_empty() || g.staffing.period == SimDuration::ZERO {
            bad(
                format!("agent_groups[{i}].agents"),
                "needs at least one value and a period",
            );
        }
        if g.skills
            .iter()
            .any(|t| t.0 as usize >= s.contact_types.len())
        {
            bad(
                format!("agent_groups[{i}].skills"),
                "names a contact type that does not exist",
            );
        }
        if !(g.wage_per_hour.is_finite() && g.wage_per_hour >= 0.0) {
            bad(
                format!("agent_groups[{i}].wage_per_hour"),
                "must be finite and 0 or more",
            );
        }
        if g.occupancy_cap.is_some_and(|c| !(0.3..=1.0).contains(&c)) {
            bad(
                format!("agent_groups[{i}].occupancy_cap"),
                "must be from 0.3 to 1",
            );
        }
    }
    if let Some(p) = &s.people {
        let l = &p.learning;
        let q = &p.quality;
        let a = &p.attrition;
        let checks = [
            ("days", (1..=MAX_DAYS).contains(&p.days)),
            ("headcount", p.headcount.len() == s.agent_groups.len()),
            (
                "learning",
                l.start >= 1.0 && l.start <= 10.0 && l.half_life_calls >= 1.0,
            ),
            (
                "quality",
                (0.0..=1.0).contains(&q.qa_new)
                    && (q.qa_new..=1.0).contains(&q.qa_trained)
                    && (0.0..=10.0).contains(&q.fcr_per_qa),
            ),
            (
                "attrition",
                (0.0..1.0).contains(&a.annual)
                    && (0.0..=1.0).contains(&a.knee)
                    && (0.0..=100.0).contains(&a.slope)
                    && (1.0..=365.0).contains(&a.memory_days)
                    && a.incentive_halving >= 0.0,
            ),
            (
                "incentive_per_agent_day",
                p.incentive_per_agent_day.is_finite() && p.incentive_per_agent_day >= 0.0,
            ),
            ("volume_growth", (-0.5..=1.0).contains(&p.volume_growth)),
            (
                "hires",
                p.hires.iter().all(|h| {
                    (h.group.0 as usize) < s.agent_groups.len() && (1..=p.days).contains(&h.day)
                }),
            ),
        ];
        for (field, ok) in checks {
            if !ok {
                bad(format!("people.{field}"), "is out of range");
            }
        }
    }
    if let Some(sp) = &s.screen_pop
        && !(0.0..1.0).contains(&sp.handle_time_cut)
    {
        bad(
            "screen_pop.handle_time_cut".into(),
            "must be 0 or more and below 1",
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ScenarioError { problems })
    }
}

fn dist_ok(d: &Dist) -> bool {
    let pos = |x: f64| x.is_finite() && x > 0.0;
    match d {
        Dist::Constant { value_us } => value_us.is_finite() && *value_us >= 0.0,
        Dist::Exponential { mean_us } => pos(*mean_us),
        Dist::LogNormal { mu, sigma } => mu.is_finite() && sigma.is_finite() && *sigma >= 0.0,
        Dist::Gamma { shape, scale_us } => pos(*shape) && pos(*scale_us),
        Dist::Weibull { shape, scale_us } => pos(*shape) && pos(*scale_us),
        Dist::Empirical { values_us } => {
            !values_us.is_empty() && values_us.iter().all(|v| v.is_finite() && *v >= 0.0)
        }
    }
}
