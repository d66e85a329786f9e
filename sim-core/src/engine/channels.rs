//! The engine's channels beyond voice (see [`crate::scenario::Channel`] for the model):
//! chats held several at once, the email backlog closed with the window, and the
//! outbound dialer with its pacing and blending rules.

use super::{Event, Follow, Leg, NIL, Origin, Simulation, Status};
use crate::rng::{Stream, StreamId};
use crate::scenario::{Campaign, Channel, Dialing};
use crate::time::{SimDuration, SimTime};
use crate::trace::TraceKind;
use std::collections::VecDeque;

/// One chat an agent holds.
#[derive(Clone, Copy, Debug)]
pub(super) struct ChatSession {
    pub agent: u32,
    pub follow: Follow,
}

/// A call the dialer placed, until its outcome.
#[derive(Clone, Copy, Debug)]
pub(super) struct Dial {
    /// The campaign (its contact type).
    pub t: u16,
    /// Which try of the record this is (1 for the first).
    pub attempt: u8,
    /// The agent waiting on the line (preview and progressive), or `NIL` (predictive).
    pub agent: u32,
}

/// An outbound campaign's dialer.
#[derive(Debug)]
pub(crate) struct Dialer {
    pub campaign: Campaign,
    /// Records not yet dialed.
    pub fresh: u64,
    /// Records to dial again: when, and which try that will be.
    pub retries: VecDeque<(SimTime, u8)>,
    /// Predictive calls placed and not yet resolved.
    pub in_flight: u32,
    /// Calls per free agent now (predictive).
    pub pacing: f64,
    /// Predictive callees connected and dropped so far (the pacing's feedback).
    connected: u64,
    dropped: u64,
    stream: Stream,
    pub sale_stream: Stream,
}

impl Dialer {
    pub(super) fn new(c: &Campaign, seed: u64, replication: u32, t: usize) -> Self {
        Dialer {
            campaign: c.clone(),
            fresh: c.list,
            retries: VecDeque::new(),
            in_flight: 0,
            // A capped dialer starts cautiously: one call per free agent at most.
            pacing: if c.abandon_cap.is_some() {
                c.pacing.min(1.0)
            } else {
                c.pacing
            },
            connected: 0,
            dropped: 0,
            stream: Stream::new(seed, replication, StreamId::dialing(t)),
            sale_stream: Stream::new(seed, replication, StreamId::sales(t)),
        }
    }

    /// The next record to dial now (a retry that is due, else a fresh one) and its try.
    fn next_record(&mut self, now: SimTime) -> Option<u8> {
        if let Some(&(due, attempt)) = self.retries.front()
            && due <= now
        {
            self.retries.pop_front();
            return Some(attempt);
        }
        if self.fresh > 0 {
            self.fresh -= 1;
            return Some(1);
        }
        None
    }

    fn has_records(&self, now: SimTime) -> bool {
        self.fresh > 0 || self.retries.front().is_some_and(|&(due, _)| due <= now)
    }
}

/// The outcome of a dial.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    RightParty,
    NoAnswer,
    Busy,
    Machine,
    Dead,
}

impl Simulation {
    // ----- chat -------------------------------------------------------------------------

    /// An agent of a group with the skill who holds fewer than type `t`'s concurrency of
    /// chats and more than none (the fewest first, then the lowest id), for a chat that
    /// has waited `waited`.
    pub(super) fn find_chat_slot(&mut self, t: usize, waited: SimDuration) -> Option<u32> {
        if self.now < self.outage_until {
            return None;
        }
        let k = self.types[t].concurrency;
        let mut best: Option<(u32, u32)> = None;
        for &g in &self.types[t].groups {
            let gs = &self.groups[g as usize];
            if gs.overflow_after > waited {
                continue;
            }
            for &a in &gs.chat_open {
                let agent = &self.agents[a as usize];
                if agent.leaving || agent.chats >= k {
                    continue;
                }
                if best.is_none_or(|(chats, b)| (agent.chats, a) < (chats, b)) {
                    best = Some((agent.chats, a));
                }
            }
        }
        best.map(|(_, a)| a)
    }

    /// Agent `a`, who holds chats, takes waiting chats of its skills (by priority, then
    /// the oldest) while it has room.
    pub(super) fn fill_chats(&mut self, a: u32) {
        loop {
            let agent = &self.agents[a as usize];
            if agent.leaving || self.now < self.outage_until {
                return;
            }
            let (g, chats) = (agent.group as usize, agent.chats);
            let ready = self.now.0.saturating_sub(self.groups[g].overflow_after.0);
            let pick = self.groups[g].types.iter().map(|&t| t as usize).find(|&t| {
                let ty = &self.types[t];
                ty.concurrency > 1
                    && chats < ty.concurrency
                    && ty.queue.len > 0
                    && self.contacts[ty.queue.head as usize].leg.arrived.0 <= ready
            });
            let Some(t) = pick else { return };
            let c = self.types[t].queue.head;
            let leg = self.contacts[c as usize].leg;
            self.take_from_queue(t, c);
            self.start_service(a, leg);
        }
    }

    /// Starts a chat for agent `a`: the agent holds one more, and the chat ends at `end`.
    pub(super) fn open_chat(
        &mut self,
        a: u32,
        q: usize,
        now: SimTime,
        talk_end: SimTime,
        end: SimTime,
        follow: Follow,
    ) {
        let session = ChatSession { agent: a, follow };
        let s = match self.free_chats.pop() {
            Some(s) => {
                self.chats[s as usize] = session;
                s
            }
            None => {
                self.chats.push(session);
                (self.chats.len() - 1) as u32
            }
        };
        let agent = &mut self.agents[a as usize];
        if agent.chats == 0 {
            agent.status = Status::Busy;
            agent.busy_since = now;
            agent.talk_end = talk_end;
            agent.busy_end = end;
            let g = agent.group as usize;
            self.groups[g].chat_open.push(a);
        } else {
            agent.talk_end = agent.talk_end.max(talk_end);
            agent.busy_end = agent.busy_end.max(end);
        }
        let agent = &mut self.agents[a as usize];
        agent.chats += 1;
        agent.contact_type = q as u16;
        self.cal.schedule(end, Event::ChatEnd(s));
    }

    /// A chat ends: the agent holds one fewer, and takes more work if it may.
    pub(super) fn on_chat_end(&mut self, s: u32) {
        let ChatSession { agent: a, follow } = self.chats[s as usize];
        self.free_chats.push(s);
        let agent = &mut self.agents[a as usize];
        agent.chats -= 1;
        if agent.chats == 0 {
            let g = agent.group as usize;
            let open = &mut self.groups[g].chat_open;
            if let Some(i) = open.iter().position(|&x| x == a) {
                open.swap_remove(i);
            }
            self.release_agent(a);
        } else {
            self.fill_chats(a);
        }
        self.follow_up(follow);
    }

    // ----- email ------------------------------------------------------------------------

    /// The window has closed: emails still waiting are the backlog. They leave the queues
    /// (the drain does not work them) and are kept as `carry_out` for a next day.
    pub(super) fn close_backlog(&mut self) {
        if self.backlog_closed {
            return;
        }
        self.backlog_closed = true;
        let now = self.now;
        for t in 0..self.types.len() {
            if !self.types[t].email {
                continue;
            }
            let threshold = self.types[t].threshold;
            while self.types[t].queue.head != NIL {
                let c = self.types[t].queue.head;
                let leg = self.contacts[c as usize].leg;
                self.dequeue(t, c, false);
                let contact = &mut self.contacts[c as usize];
                for key in [contact.abandon.take(), contact.overflow.take()]
                    .into_iter()
                    .flatten()
                {
                    self.cal.cancel(key);
                }
                self.stats.add_queue(t, leg.arrived, now);
                let age = now - leg.arrived + self.carried_age(&leg);
                if leg.interval != NIL {
                    self.stats
                        .cell_mut(leg.interval as usize, leg.counted as usize)
                        .backlog += 1;
                    let ch = &mut self.stats.channels[leg.counted as usize];
                    ch.backlog_age_us += age.0 as u128;
                    ch.backlog_overdue += (age > threshold) as u64;
                }
                self.carry_out.push((leg.counted, age));
                self.free_contacts.push(c);
            }
        }
    }

    /// Contacts carried in from the day before: each enters type `t`'s queue at time 0
    /// with its age; they were offered on their own day and are not offered again.
    pub(super) fn carry_in(&mut self, carried: &[(u16, SimDuration)]) {
        for &(t, age) in carried {
            let seq = self.next_contact_seq;
            self.next_contact_seq += 1;
            self.carried_ages.push(age);
            let ty = &mut self.types[t as usize];
            let talk = ty.handle.sample(&mut ty.legs_stream);
            let wrap = match &ty.wrap {
                Some(d) => d.sample(&mut ty.legs_stream),
                None => SimDuration::ZERO,
            };
            let leg = Leg {
                queue: t,
                counted: t,
                origin: Origin::Carried,
                interval: NIL,
                arrived: self.now,
                seq,
                talk,
                wrap,
                patience: None,
                callback: false,
            };
            self.present(leg);
        }
    }

    /// How old a carried-in contact was at the start of the day (0 for the others).
    pub(super) fn carried_age(&self, leg: &Leg) -> SimDuration {
        if leg.origin == Origin::Carried {
            self.carried_ages
                .get(leg.seq as usize)
                .copied()
                .unwrap_or(SimDuration::ZERO)
        } else {
            SimDuration::ZERO
        }
    }

    /// A carried-in contact is answered after waiting `wait` today.
    pub(super) fn count_carried_answer(&mut self, leg: &Leg, wait: SimDuration) {
        let t = leg.counted as usize;
        let total = wait + self.carried_age(leg);
        let threshold = self.types[t].threshold;
        let ch = &mut self.stats.channels[t];
        ch.carried_answered += 1;
        ch.carried_in_threshold += (total <= threshold) as u64;
        ch.carried_wait_us += total.0 as u128;
    }

    // ----- outbound ---------------------------------------------------------------------

    /// Whether group `g` may take outbound work now: nobody waits in its inbound queues,
    /// more than `keep_idle` of its agents are idle (counting `extra` agents about to be),
    /// and the inbound service level of the interval so far is not below its floor.
    fn may_blend(&self, g: usize, extra: u32) -> bool {
        if self.closed
            || self.dialing_paused
            || self.now >= self.window_end
            || self.now < self.outage_until
        {
            return false;
        }
        let gs = &self.groups[g];
        let blend = self.scenario.agent_groups[g].blend;
        let inbound = gs
            .types
            .iter()
            .map(|&t| t as usize)
            .filter(|&t| self.dialers[t].is_none());
        let mut done = 0u64;
        let mut in_threshold = 0u64;
        for t in inbound {
            if self.types[t].queue.len > 0 {
                return false;
            }
            if self.cur_interval != NIL {
                let cell = self.stats.cell(self.cur_interval as usize, t);
                done += cell.answered + cell.abandoned;
                in_threshold += cell.answered_in_threshold;
            }
        }
        if let Some(floor) = blend.min_service_level
            && done > 0
            && (in_threshold as f64) < floor * done as f64
        {
            return false;
        }
        gs.idle.len() as u32 + extra > blend.keep_idle
    }

    /// Agent `a` has nothing inbound to do: it starts a preview or progressive dial if a
    /// campaign of its skills has records and the blending rule allows. True if it did.
    pub(super) fn try_agent_dial(&mut self, a: u32) -> bool {
        let g = self.agents[a as usize].group as usize;
        if self.groups[g].outbound.is_empty() || self.agents[a as usize].leaving {
            return false;
        }
        for i in 0..self.groups[g].outbound.len() {
            let t = self.groups[g].outbound[i] as usize;
            let now = self.now;
            let Some(d) = self.dialers[t].as_ref() else {
                continue;
            };
            if d.campaign.dialing == Dialing::Predictive || !d.has_records(now) {
                continue;
            }
            if !self.may_blend(g, 1) {
                return false;
            }
            let d = self.dialers[t].as_mut().expect("checked above");
            let attempt = d.next_record(now).expect("has records");
            let preview = if d.campaign.dialing == Dialing::Preview {
                d.campaign.preview_time
            } else {
                SimDuration::ZERO
            };
            let ring = d.campaign.ring_time.sample(&mut d.stream);
            let end = now + preview + ring;
            let k = self.alloc_dial(t, attempt, a);
            self.count_dial(t);
            let agent = &mut self.agents[a as usize];
            agent.status = Status::Busy;
            agent.contact_type = t as u16;
            agent.busy_since = now;
            agent.talk_end = now;
            agent.busy_end = end;
            agent.rest_end = end;
            let g = agent.group as usize;
            self.stats.add_busy(t, now, end);
            self.stats.add_group_busy(g, now, end, 1);
            self.cal.schedule(end, Event::DialEnd(k));
            return true;
        }
        false
    }

    /// Predictive dialing for campaign `t`: `pacing` calls in flight per agent the
    /// blending rules free for it (rounded to the nearest whole call).
    pub(super) fn pace(&mut self, t: usize) {
        let Some(d) = self.dialers[t].as_ref() else {
            return;
        };
        if d.campaign.dialing != Dialing::Predictive || !d.has_records(self.now) {
            return;
        }
        let mut free = 0u32;
        for &g in &self.types[t].groups {
            let g = g as usize;
            if self.may_blend(g, 0) {
                let keep = self.scenario.agent_groups[g].blend.keep_idle;
                free += (self.groups[g].idle.len() as u32).saturating_sub(keep);
            }
        }
        let d = self.dialers[t].as_mut().expect("checked above");
        let target = (d.pacing * free as f64 + 0.5).floor() as u32;
        let mut need = target.saturating_sub(d.in_flight);
        let now = self.now;
        while need > 0 {
            let d = self.dialers[t].as_mut().expect("checked above");
            let Some(attempt) = d.next_record(now) else {
                break;
            };
            let ring = d.campaign.ring_time.sample(&mut d.stream);
            d.in_flight += 1;
            let k = self.alloc_dial(t, attempt, NIL);
            self.count_dial(t);
            self.cal.schedule(now + ring, Event::DialEnd(k));
            need -= 1;
        }
    }

    /// Every campaign dials for the agents now free for it (at an interval boundary, when
    /// the blending rules may have changed).
    pub(super) fn wake_dialers(&mut self) {
        if self.dialers.iter().all(Option::is_none) {
            return;
        }
        for t in 0..self.types.len() {
            self.pace(t);
        }
        for g in 0..self.groups.len() {
            if self.groups[g].outbound.is_empty() {
                continue;
            }
            while let Some(&a) = self.groups[g].idle.back() {
                if !self.may_blend(g, 0) {
                    break;
                }
                self.groups[g].idle.pop_back();
                if !self.try_agent_dial(a) {
                    self.groups[g].idle.push_back(a);
                    break;
                }
            }
        }
    }

    fn alloc_dial(&mut self, t: usize, attempt: u8, agent: u32) -> u32 {
        let dial = Dial {
            t: t as u16,
            attempt,
            agent,
        };
        match self.free_dials.pop() {
            Some(k) => {
                self.dials[k as usize] = dial;
                k
            }
            None => {
                self.dials.push(dial);
                (self.dials.len() - 1) as u32
            }
        }
    }

    fn count_dial(&mut self, t: usize) {
        if self.now >= self.window_start {
            self.stats.channels[t].dials += 1;
        }
    }

    /// A dial has its outcome: a right party talks to the agent on the line (or, dialed
    /// predictively, to a free agent, or waits `connect_wait` for one); the others free
    /// the agent and may be tried again later.
    pub(super) fn on_dial_end(&mut self, k: u32) {
        let Dial { t, attempt, agent } = self.dials[k as usize];
        self.free_dials.push(k);
        let t = t as usize;
        let now = self.now;
        let d = self.dialers[t]
            .as_mut()
            .expect("a dial belongs to a campaign");
        if agent == NIL {
            d.in_flight -= 1;
        }
        let c = &d.campaign;
        let u = d.stream.uniform();
        let outcome = if u < c.right_party {
            Outcome::RightParty
        } else if u < c.right_party + c.no_answer {
            Outcome::NoAnswer
        } else if u < c.right_party + c.no_answer + c.busy {
            Outcome::Busy
        } else if u < c.right_party + c.no_answer + c.busy + c.machine {
            Outcome::Machine
        } else {
            Outcome::Dead
        };
        if matches!(
            outcome,
            Outcome::NoAnswer | Outcome::Busy | Outcome::Machine
        ) && (attempt as u32) < c.attempts
        {
            let due = now + c.retry_after;
            d.retries.push_back((due, attempt + 1));
        }
        if now >= self.window_start {
            let ch = &mut self.stats.channels[t];
            match outcome {
                Outcome::RightParty => ch.right_party += 1,
                Outcome::NoAnswer => ch.no_answer += 1,
                Outcome::Busy => ch.busy += 1,
                Outcome::Machine => ch.machine += 1,
                Outcome::Dead => ch.dead += 1,
            }
        }
        if outcome == Outcome::RightParty {
            let ty = &mut self.types[t];
            let talk = ty.handle.sample(&mut ty.handle_stream);
            let wrap = match &ty.wrap {
                Some(d) => d.sample(&mut ty.wrap_stream),
                None => SimDuration::ZERO,
            };
            if agent == NIL {
                let wait = self.dialers[t].as_ref().map(|d| d.campaign.connect_wait);
                self.enter(t, Origin::New, talk, wrap, wait);
            } else {
                let leg = self.offer_leg(t, talk, wrap);
                let a = &mut self.agents[agent as usize];
                a.status = Status::Idle;
                self.start_service(agent, leg);
            }
        } else if agent != NIL {
            self.release_agent(agent);
        }
        self.pace(t);
    }

    /// A new leg of type `t` offered now and answered at once by an agent already on the
    /// line (preview and progressive dialing): counted as offered.
    fn offer_leg(&mut self, t: usize, talk: SimDuration, wrap: SimDuration) -> Leg {
        self.stats.contacts_simulated += 1;
        let seq = self.next_contact_seq;
        self.next_contact_seq += 1;
        self.record(TraceKind::Arrival, |e| {
            e.contact = Some(seq);
            e.contact_type = Some(t as u16);
        });
        let interval = self.cur_interval;
        if interval != NIL {
            self.stats.cell_mut(interval as usize, t).offered += 1;
        }
        Leg {
            queue: t as u16,
            counted: t as u16,
            origin: Origin::New,
            interval,
            arrived: self.now,
            seq,
            talk,
            wrap,
            patience: None,
            callback: false,
        }
    }

    /// A right-party conversation of campaign `t` starts: one draw for the sale.
    pub(super) fn outbound_answered(&mut self, t: usize, leg: &Leg) {
        let Some(d) = self.dialers[t].as_mut() else {
            return;
        };
        let sold = d.sale_stream.uniform() < d.campaign.conversion;
        if leg.interval != NIL && sold {
            self.stats.channels[t].sales += 1;
        }
        if leg.origin == Origin::New && leg.patience.is_some() {
            self.adapt_pacing(t, false);
        }
    }

    /// A connected callee of campaign `t` was dropped: no agent within `connect_wait`.
    pub(super) fn outbound_abandoned(&mut self, t: usize) {
        self.adapt_pacing(t, true);
    }

    /// With an abandonment cap, the dialer watches the day's drop rate so far (drops /
    /// connected callees) after each connected call: above half the cap it dials 0.1
    /// fewer calls per free agent (down to 0.1: fewer calls than free agents, as inbound
    /// calls take free agents of a blended group too), else 0.01 more (up to
    /// `max_pacing`). The day's rate, the one regulators cap, so stays under the cap with
    /// a margin.
    fn adapt_pacing(&mut self, t: usize, dropped: bool) {
        let Some(d) = self.dialers[t].as_mut() else {
            return;
        };
        let Some(cap) = d.campaign.abandon_cap else {
            return;
        };
        d.connected += 1;
        d.dropped += dropped as u64;
        let rate = d.dropped as f64 / d.connected as f64;
        d.pacing = if rate > 0.5 * cap {
            (d.pacing - 0.1).max(0.1)
        } else {
            (d.pacing + 0.01).min(d.campaign.max_pacing)
        };
    }

    /// Records the campaigns' state at the close of the window.
    pub(super) fn close_campaigns(&mut self) {
        for t in 0..self.types.len() {
            if let Some(d) = &self.dialers[t] {
                let ch = &mut self.stats.channels[t];
                ch.pacing_end = d.pacing;
                ch.list_left = d.fresh + d.retries.len() as u64;
            }
        }
    }
}

/// Per contact type: its dialer, if it is an outbound campaign.
pub(super) fn dialers(
    scenario: &crate::scenario::Scenario,
    seed: u64,
    replication: u32,
) -> Vec<Option<Dialer>> {
    scenario
        .contact_types
        .iter()
        .enumerate()
        .map(|(t, ct)| match &ct.channel {
            Channel::Outbound(c) => Some(Dialer::new(c, seed, replication, t)),
            _ => None,
        })
        .collect()
}
