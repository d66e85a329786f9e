//! Streaming statistics of one run: fixed-size counters per (reporting interval, contact
//! type) and per (interval, agent group). Memory depends on the scenario's size, never on
//! the number of contacts.
//!
//! Two kinds of attribution, both documented in the report:
//! - *by arrival*: offered, answered, abandoned, answered within the threshold, waits and
//!   handle times count in the interval in which the contact arrived (the usual ACD
//!   convention), even if it is answered later;
//! - *by time*: agent busy time, staffed time and queue time are integrals over time and
//!   are split exactly at interval boundaries.
//!
//! Only the measured window counts: contacts that arrive in the warm-up are simulated but
//! not counted, and time integrals are clipped to the window.

use crate::time::SimTime;

/// Counters of one contact type in one interval.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TypeCounts {
    /// Contacts that arrived (by arrival).
    pub offered: u64,
    /// Contacts answered by an agent (by arrival).
    pub answered: u64,
    /// Contacts that hung up while waiting (by arrival).
    pub abandoned: u64,
    /// Answered with a wait of at most the threshold (by arrival).
    pub answered_in_threshold: u64,
    /// Sum of the waits of answered contacts, µs (by arrival).
    pub wait_answered_us: u128,
    /// Sum of the waits of abandoned contacts, µs (by arrival).
    pub wait_abandoned_us: u128,
    /// Sum of talk + wrap-up of answered contacts, µs (by arrival).
    pub handle_us: u128,
    /// Agent time spent on this type, µs (by time).
    pub busy_us: u128,
    /// Contact time spent waiting, µs (by time): the integral of the queue length.
    pub queue_us: u128,
    /// Callers who hung up at once on a long queue (by arrival).
    pub balked: u64,
    /// Offered legs that were redials after hanging up (by arrival).
    pub redials: u64,
    /// Offered legs that were repeat calls of unresolved contacts (by arrival).
    pub repeats: u64,
    /// Offered legs that came by transfer from another contact type (by arrival).
    pub transfers: u64,
    /// Callers resolved in the IVR (by arrival).
    pub ivr_resolved: u64,
    /// Answered legs not resolved: transferred on or called again (by arrival).
    pub unresolved: u64,
    /// Time callers spent in the IVR, µs (by arrival).
    pub ivr_us: u128,
    /// Talk time of answered contacts and callbacks, µs (by arrival).
    pub talk_us: u128,
    /// Contacts called back (by arrival; not in `answered`).
    pub callbacks: u64,
    /// Sum of the times from joining the queue to the callback, µs (by arrival).
    pub callback_wait_us: u128,
    /// Emails still waiting when the window closed: the backlog (by arrival).
    pub backlog: u64,
}

impl TypeCounts {
    /// Adds another set of counters to this one.
    pub fn add(&mut self, o: &TypeCounts) {
        self.offered += o.offered;
        self.answered += o.answered;
        self.abandoned += o.abandoned;
        self.answered_in_threshold += o.answered_in_threshold;
        self.wait_answered_us += o.wait_answered_us;
        self.wait_abandoned_us += o.wait_abandoned_us;
        self.handle_us += o.handle_us;
        self.busy_us += o.busy_us;
        self.queue_us += o.queue_us;
        self.balked += o.balked;
        self.redials += o.redials;
        self.repeats += o.repeats;
        self.transfers += o.transfers;
        self.ivr_resolved += o.ivr_resolved;
        self.unresolved += o.unresolved;
        self.ivr_us += o.ivr_us;
        self.talk_us += o.talk_us;
        self.callbacks += o.callbacks;
        self.callback_wait_us += o.callback_wait_us;
        self.backlog += o.backlog;
    }
}

/// Counters of one contact type's channel over the whole run: the email backlog at the
/// close of the window and an outbound campaign's dials and sales.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChannelCounts {
    /// The backlog's total age at the close, µs (the count is [`TypeCounts::backlog`]).
    pub backlog_age_us: u128,
    /// Those already older than the type's service-level threshold at the close.
    pub backlog_overdue: u64,
    /// Contacts carried in from the day before (a multi-day run) answered today.
    pub carried_answered: u64,
    /// Those answered within the threshold, counting their age at the start of the day.
    pub carried_in_threshold: u64,
    /// Their total wait, age included, µs.
    pub carried_wait_us: u128,
    /// Calls the dialer placed in the window.
    pub dials: u64,
    /// Outcomes of those dials: right-party contacts (a callee who answered).
    pub right_party: u64,
    /// No answer.
    pub no_answer: u64,
    /// Busy.
    pub busy: u64,
    /// Answering machines.
    pub machine: u64,
    /// Wrong or dead numbers.
    pub dead: u64,
    /// Right-party conversations that ended in a sale.
    pub sales: u64,
    /// The predictive dialer's pacing (calls per free agent) when the window closed.
    pub pacing_end: f64,
    /// Records never dialed when the window closed (fresh and waiting for a retry).
    pub list_left: u64,
}

/// All counters of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct RunStats {
    /// Number of contact types.
    pub n_types: usize,
    /// Number of agent groups.
    pub n_groups: usize,
    /// Number of reporting intervals.
    pub n_intervals: usize,
    /// Start of the measured window.
    pub window_start: SimTime,
    /// End of the measured window.
    pub window_end: SimTime,
    /// Length of a reporting interval, µs.
    pub interval_us: u64,
    /// `[interval * n_types + type]`.
    pub cells: Vec<TypeCounts>,
    /// Agent time on duty, µs: `[interval * n_groups + group]`.
    pub staffed_us: Vec<u128>,
    /// Agent time paid, µs: on duty, or off the phones by the plan (breaks, shrinkage);
    /// as `staffed_us`.
    pub paid_us: Vec<u128>,
    /// Agent time on duty beyond the plan (staying past the planned end of a shift to
    /// finish a contact), µs, also in `paid_us`; as `staffed_us`.
    pub overtime_us: Vec<u128>,
    /// Time per interval with the scenario's screen pop switched off (not paid for).
    pub screen_pop_off_us: Vec<u128>,
    /// Per contact type: the channel's counters (email backlog, campaign dials).
    pub channels: Vec<ChannelCounts>,
    /// Per agent group: agent time busy with contacts in the window, µs (a chat counts
    /// 1 / the agent's chat slots), for the group's occupancy.
    pub group_busy_us: Vec<u128>,
    /// Per agent group: contacts its agents started to handle (calls, chats, emails,
    /// outbound talks; warm-up and drain included), for the learning curve.
    pub group_handled: Vec<u64>,
    /// Contacts still waiting when no agent could ever answer them again (counted as
    /// abandoned at the end of the run).
    pub unserved: u64,
    /// All contacts simulated, warm-up included.
    pub contacts_simulated: u64,
    /// Events processed.
    pub events: u64,
}

impl RunStats {
    pub(crate) fn new(
        n_types: usize,
        n_groups: usize,
        n_intervals: usize,
        window_start: SimTime,
        window_end: SimTime,
        interval_us: u64,
    ) -> Self {
        RunStats {
            n_types,
            n_groups,
            n_intervals,
            window_start,
            window_end,
            interval_us,
            cells: vec![TypeCounts::default(); n_types * n_intervals],
            staffed_us: vec![0; n_groups * n_intervals],
            paid_us: vec![0; n_groups * n_intervals],
            overtime_us: vec![0; n_groups * n_intervals],
            screen_pop_off_us: vec![0; n_intervals],
            channels: vec![ChannelCounts::default(); n_types],
            group_busy_us: vec![0; n_groups],
            group_handled: vec![0; n_groups],
            unserved: 0,
            contacts_simulated: 0,
            events: 0,
        }
    }

    /// The interval containing `t`, if `t` is inside the measured window.
    #[inline]
    pub fn interval_of(&self, t: SimTime) -> Option<usize> {
        if t < self.window_start || t >= self.window_end {
            return None;
        }
        Some(((t.0 - self.window_start.0) / self.interval_us) as usize)
    }

    /// Counters of one type in one interval.
    #[inline]
    pub fn cell(&self, interval: usize, t: usize) -> &TypeCounts {
        &self.cells[interval * self.n_types + t]
    }

    #[inline]
    pub(crate) fn cell_mut(&mut self, interval: usize, t: usize) -> &mut TypeCounts {
        &mut self.cells[interval * self.n_types + t]
    }

    /// Start and end of interval `i` (the last one ends with the window).
    pub fn interval_bounds(&self, i: usize) -> (SimTime, SimTime) {
        let start = self.window_start.0 + i as u64 * self.interval_us;
        let end = (start + self.interval_us).min(self.window_end.0);
        (SimTime(start), SimTime(end))
    }

    /// Adds agent time on a contact type.
    #[inline]
    pub(crate) fn add_busy(&mut self, t: usize, start: SimTime, end: SimTime) {
        let n = self.n_types;
        let cells = &mut self.cells;
        let (ws, we, iu) = (self.window_start, self.window_end, self.interval_us);
        split_raw(ws, we, iu, start, end, |i, us| {
            cells[i * n + t].busy_us += us as u128
        });
    }

    /// Adds an agent's time on one of `shared` chats held at once: `1 / shared` of it.
    pub(crate) fn add_busy_shared(&mut self, t: usize, start: SimTime, end: SimTime, shared: u32) {
        let n = self.n_types;
        let cells = &mut self.cells;
        let (ws, we, iu) = (self.window_start, self.window_end, self.interval_us);
        let k = shared.max(1) as u128;
        split_raw(ws, we, iu, start, end, |i, us| {
            cells[i * n + t].busy_us += us as u128 / k
        });
    }

    /// Adds busy time of an agent of group `g` (clipped to the window), `1 / shared` of
    /// it.
    #[inline]
    pub(crate) fn add_group_busy(&mut self, g: usize, start: SimTime, end: SimTime, shared: u32) {
        let from = start.max(self.window_start);
        let to = end.min(self.window_end);
        if to > from {
            self.group_busy_us[g] += (to.0 - from.0) as u128 / shared.max(1) as u128;
        }
    }

    /// The occupancy of group `g` over the window: busy / on duty (0 if never on duty).
    pub fn group_occupancy(&self, g: usize) -> f64 {
        let staffed: u128 = (0..self.n_intervals)
            .map(|i| self.staffed_us[i * self.n_groups + g])
            .sum();
        if staffed == 0 {
            0.0
        } else {
            self.group_busy_us[g] as f64 / staffed as f64
        }
    }

    /// Adds waiting time of a contact.
    #[inline]
    pub(crate) fn add_queue(&mut self, t: usize, start: SimTime, end: SimTime) {
        let n = self.n_types;
        let cells = &mut self.cells;
        let (ws, we, iu) = (self.window_start, self.window_end, self.interval_us);
        split_raw(ws, we, iu, start, end, |i, us| {
            cells[i * n + t].queue_us += us as u128
        });
    }

    /// Adds time with the screen pop switched off.
    pub(crate) fn add_screen_pop_off(&mut self, start: SimTime, end: SimTime) {
        let off = &mut self.screen_pop_off_us;
        let (ws, we, iu) = (self.window_start, self.window_end, self.interval_us);
        split_raw(ws, we, iu, start, end, |i, us| off[i] += us as u128);
    }

    /// Adds on-duty time of `agents` agents of group `g`.
    pub(crate) fn add_staffed(&mut self, g: usize, agents: u32, start: SimTime, end: SimTime) {
        Self::add_group_time(
            &mut self.staffed_us,
            (
                self.window_start,
                self.window_end,
                self.interval_us,
                self.n_groups,
            ),
            g,
            agents,
            start,
            end,
        );
    }

    /// Adds `paid` agents' paid time, `overtime` of them on overtime, in group `g`.
    pub(crate) fn add_paid(
        &mut self,
        g: usize,
        paid: u32,
        overtime: u32,
        start: SimTime,
        end: SimTime,
    ) {
        let bounds = (
            self.window_start,
            self.window_end,
            self.interval_us,
            self.n_groups,
        );
        Self::add_group_time(&mut self.paid_us, bounds, g, paid, start, end);
        Self::add_group_time(&mut self.overtime_us, bounds, g, overtime, start, end);
    }

    fn add_group_time(
        per_group: &mut [u128],
        (ws, we, iu, n): (SimTime, SimTime, u64, usize),
        g: usize,
        agents: u32,
        start: SimTime,
        end: SimTime,
    ) {
        if agents == 0 {
            return;
        }
        split_raw(ws, we, iu, start, end, |i, us| {
            per_group[i * n + g] += us as u128 * agents as u128
        });
    }
}

#[inline]
fn split_raw(
    ws: SimTime,
    we: SimTime,
    interval_us: u64,
    start: SimTime,
    end: SimTime,
    mut f: impl FnMut(usize, u64),
) {
    let s = start.max(ws).0;
    let e = end.min(we).0;
    if s >= e {
        return;
    }
    let mut i = ((s - ws.0) / interval_us) as usize;
    let mut t = s;
    while t < e {
        let bound = (ws.0 + (i as u64 + 1) * interval_us).min(e);
        f(i, bound - t);
        t = bound;
        i += 1;
    }
}
