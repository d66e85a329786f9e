//! Reports: KPIs per run, per contact type and per reporting interval, with means and
//! 95 % confidence intervals over replications (DESIGN §3.2, §3.3).
//!
//! Definitions (zero denominators give the value in brackets):
//! - `offered`, `answered`, `abandoned`: counts, by arrival interval;
//! - `service_level` = answered within the threshold / offered \[1\];
//! - `asa_s` = mean wait of answered contacts, seconds \[0\];
//! - `abandon_rate` = abandoned / offered \[0\];
//! - `occupancy` = agent time busy with contacts (talk and wrap-up) / agent time on duty \[0\];
//! - `aht_s` = mean talk + wrap-up of answered contacts, seconds \[0\];
//! - `service_level` counts callers resolved in the IVR and callbacks out of the
//!   denominator (they never waited on the line for an agent): answered within the
//!   threshold / (offered − `ivr_resolved` − `callbacks`) \[1\];
//! - `callbacks`, `callback_wait_s`: contacts called back and their mean time to the
//!   callback, apart from `answered` and `asa_s`;
//! - `cost` = `labour_cost` (agent-hours on duty × wage per hour) + `telecom_cost`
//!   (connected minutes: IVR, waiting, talking) + `technology_cost` (IVR minutes; the day
//!   costs of the IVR, screen pop and other technology, spread over the intervals by
//!   length) + `penalty_cost` (each interval below the service-level target);
//! - `cost_per_contact` = cost / answered \[0\];
//! - `budget`: the day's budget spread over the intervals by length;
//! - `balked`, `redials`, `repeats`, `transfers`, `ivr_resolved`: counts by arrival;
//!   each offered leg ends answered, abandoned, balked, resolved in the IVR or called
//!   back, and the
//!   customers are `offered − redials − repeats − transfers`;
//! - labour is paid for agents on the phones and for agents off them by the plan (breaks,
//!   shrinkage) at the group's wage (on-site and remote blended), plus the overtime
//!   premium (`overtime_rate` − 1) on `overtime_h`, the time agents stay past the planned
//!   end of their shift to finish a contact;
//! - `fcr` = answered legs neither transferred nor called again / answered \[1\];
//! - `avg_queue` = time-average number of contacts waiting;
//! - `agents` = time-average number of agents on duty;
//! - `backlog`: emails still waiting when the window closed (by arrival); each offered
//!   leg ends answered, abandoned, balked, resolved in the IVR, called back or in the
//!   backlog, and a backlog email counts as not answered within its target;
//! - `dials`, `sales`, `revenue` (= sales × the campaign's revenue per sale): outbound
//!   campaigns, per type and summed in the summary (0 per interval);
//! - a chat's busy time counts 1 / (the agent's chat slots) of its length, so
//!   `occupancy` is the share of slots in use.
//!
//! The report adds `by_channel` (the types of each channel summed: voice, chat, email,
//! outbound) and `campaigns` (per outbound type: dials and their outcomes, the right-party
//! rate, connected callees, dropped ones and the abandon rate = dropped / connected, talks,
//! sales, conversion = sales / talks, revenue, revenue per agent-hour on the campaign, the
//! dialer's pacing at the close and the records left).
//!
//! Per contact type, the shared resources (`occupancy`, `cost`, `agents`) are attributed
//! in proportion to the agent time each type used, so the types add up to the whole.
//! A KPI's `mean` is the mean over replications of the per-replication value; `ci95` is
//! the half-width of the Student-t 95 % interval (0 with one replication).

use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::engine::RunResult;
use crate::scenario::Scenario;
use crate::stats::{RunStats, TypeCounts};

macro_rules! kpi_set {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        /// The KPIs of a run, a type or an interval; `T` is `f64` for one replication
        /// and [`Estimate`] across replications.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
        pub struct Kpis<T> {
            $($(#[$doc])* pub $name: T,)*
        }

        impl<T: Copy> Kpis<T> {
            /// The KPI names, in report order.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];

            /// The values in [`Kpis::NAMES`] order.
            pub fn values(&self) -> Vec<T> {
                vec![$(self.$name),*]
            }

            /// Builds from values in [`Kpis::NAMES`] order.
            pub fn from_values(v: &[T]) -> Self {
                let mut it = v.iter().copied();
                Kpis { $($name: it.next().expect("one value per KPI"),)* }
            }
        }
    };
}

kpi_set! {
    /// Contacts arrived in the window.
    offered,
    /// Contacts answered by an agent.
    answered,
    /// Contacts that hung up while waiting.
    abandoned,
    /// Answered within the threshold / offered.
    service_level,
    /// Mean wait of answered contacts, seconds.
    asa_s,
    /// Abandoned / offered.
    abandon_rate,
    /// Busy agent time / on-duty agent time.
    occupancy,
    /// Mean talk + wrap-up of answered contacts, seconds.
    aht_s,
    /// Labour cost.
    cost,
    /// Cost / answered.
    cost_per_contact,
    /// Time-average number waiting.
    avg_queue,
    /// Time-average number of agents on duty.
    agents,
    /// Callers who hung up at once on a long queue.
    balked,
    /// Offered legs that were redials of callers who hung up.
    redials,
    /// Offered legs that were repeat calls of unresolved contacts.
    repeats,
    /// Offered legs that came by transfer (escalations, misrouted calls).
    transfers,
    /// Callers resolved in the IVR.
    ivr_resolved,
    /// First-contact resolution: answered legs neither transferred nor called again /
    /// answered.
    fcr,
    /// Wages: agent-hours on duty × wage per hour.
    labour_cost,
    /// Telecom: connected minutes (IVR, waiting, talking) × the rate per minute.
    telecom_cost,
    /// Technology: IVR minutes and the day costs of the IVR, screen pop and the rest.
    technology_cost,
    /// Service-level penalties: intervals below target × the penalty.
    penalty_cost,
    /// The budget over the same time.
    budget,
    /// Contacts called back (callbacks and voicemails), not in `answered`.
    callbacks,
    /// Mean time from joining the queue to the callback, seconds.
    callback_wait_s,
    /// Agent-hours past the planned end of shifts, finishing contacts.
    overtime_h,
    /// Emails still waiting when the window closed (the backlog), by arrival.
    backlog,
    /// Outbound: calls the dialers placed (summary and per type; 0 per interval).
    dials,
    /// Outbound: conversations that ended in a sale (summary and per type).
    sales,
    /// Outbound: sales × revenue per sale (summary and per type).
    revenue,
}

/// A mean over replications and the half-width of its 95 % confidence interval.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Mean over replications.
    pub mean: f64,
    /// Half-width of the 95 % confidence interval (Student t); 0 with one replication.
    pub ci95: f64,
}

impl Estimate {
    /// Mean and 95 % half-width of a sample.
    pub fn of(xs: &[f64]) -> Estimate {
        let n = xs.len();
        if n == 0 {
            return Estimate::default();
        }
        let mean = xs.iter().sum::<f64>() / n as f64;
        if n == 1 {
            return Estimate { mean, ci95: 0.0 };
        }
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64;
        Estimate {
            mean,
            ci95: student_t_975(n - 1) * (var / n as f64).sqrt(),
        }
    }
}

/// The 0.975 quantile of Student's t with `df` degrees of freedom: exact table values for
/// 1–30 (to 8 digits), then the Cornish–Fisher expansion (Abramowitz and Stegun 26.7.5),
/// whose error is below 1e-6 from 30 on.
pub fn student_t_975(df: usize) -> f64 {
    const TABLE: [f64; 30] = [
        12.706_204_7,
        4.302_652_73,
        3.182_446_31,
        2.776_445_11,
        2.570_581_84,
        2.446_911_85,
        2.364_624_25,
        2.306_004_14,
        2.262_157_16,
        2.228_138_85,
        2.200_985_16,
        2.178_812_83,
        2.160_368_66,
        2.144_786_69,
        2.131_449_55,
        2.119_905_30,
        2.109_815_58,
        2.100_922_04,
        2.093_024_05,
        2.085_963_45,
        2.079_613_84,
        2.073_873_07,
        2.068_657_61,
        2.063_898_56,
        2.059_538_55,
        2.055_529_44,
        2.051_830_52,
        2.048_407_14,
        2.045_229_64,
        2.042_272_46,
    ];
    if df == 0 {
        return f64::INFINITY;
    }
    if df <= 30 {
        return TABLE[df - 1];
    }
    let z: f64 = 1.959_963_984_540_054;
    let v = df as f64;
    let z2 = z * z;
    let g1 = (z2 + 1.0) * z / 4.0;
    let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
    let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
    let g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
    z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v)
}

/// The KPIs of one interval of a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IntervalReport {
    /// 0-based index.
    pub index: usize,
    /// Label: clock time if the scenario has a `day_start`, else time into the window.
    pub label: String,
    /// Start, seconds from the start of the measured window.
    pub start_s: f64,
    /// End, seconds from the start of the measured window.
    pub end_s: f64,
    /// The KPIs.
    #[serde(flatten)]
    pub kpis: Kpis<Estimate>,
}

/// The KPIs per contact type, in scenario order (serialised as a JSON object).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(from = "std::collections::BTreeMap<String, Kpis<Estimate>>")]
pub struct ByType(pub Vec<(String, Kpis<Estimate>)>);

impl Serialize for ByType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl From<std::collections::BTreeMap<String, Kpis<Estimate>>> for ByType {
    fn from(m: std::collections::BTreeMap<String, Kpis<Estimate>>) -> Self {
        ByType(m.into_iter().collect())
    }
}

/// The report of a scenario run (DESIGN §3.3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Scenario name.
    pub scenario: String,
    /// Seed.
    pub seed: u64,
    /// Number of replications.
    pub replications: u32,
    /// The whole measured window.
    pub summary: Kpis<Estimate>,
    /// Per contact type.
    pub by_type: ByType,
    /// Per reporting interval.
    pub intervals: Vec<IntervalReport>,
    /// Per channel present in the scenario: "voice", "chat", "email", "outbound".
    #[serde(default)]
    pub by_channel: ByType,
    /// Per outbound campaign: dials, outcomes, abandon rate, sales, revenue.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub campaigns: Vec<CampaignReport>,
    /// A multi-day run's people figures (headcount, hires, quits, cost and revenue per
    /// day); the rest of the report is then its average day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<crate::people::PeopleReport>,
}

/// An outbound campaign's KPIs in a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignReport {
    /// The campaign's contact type.
    pub name: String,
    /// Its KPIs.
    #[serde(flatten)]
    pub kpis: CampaignKpis<Estimate>,
}

/// One replication's KPIs: whole window, per type, per interval.
#[derive(Clone, Debug, PartialEq)]
pub struct RunKpis {
    /// Whole window.
    pub summary: Kpis<f64>,
    /// Per type, in scenario order.
    pub by_type: Vec<Kpis<f64>>,
    /// Per interval.
    pub intervals: Vec<Kpis<f64>>,
    /// Per channel present in the scenario (voice, chat, email, outbound order).
    pub by_channel: Vec<(String, Kpis<f64>)>,
    /// Per outbound campaign (by contact type name).
    pub campaigns: Vec<(String, CampaignKpis<f64>)>,
}

/// KPIs from counters, costs aside (see [`Costing`]). `staffed_us` is that of the whole
/// center over the same time; `share` attributes it (1 for the whole, a busy-time share
/// for a type).
fn kpis_of(c: &TypeCounts, staffed_us: u128, share: f64, length_us: u64) -> Kpis<f64> {
    let offered = c.offered as f64;
    let answered = c.answered as f64;
    let queued = c.offered.saturating_sub(c.ivr_resolved + c.callbacks) as f64;
    // (A backlog email counts as not answered within its target.)
    Kpis {
        offered,
        answered,
        abandoned: c.abandoned as f64,
        service_level: ratio(c.answered_in_threshold as f64, queued, 1.0),
        asa_s: ratio(c.wait_answered_us as f64 / 1e6, answered, 0.0),
        abandon_rate: ratio(c.abandoned as f64, offered, 0.0),
        occupancy: ratio(c.busy_us as f64, staffed_us as f64, 0.0),
        aht_s: ratio(c.handle_us as f64 / 1e6, answered, 0.0),
        avg_queue: ratio(c.queue_us as f64, length_us as f64, 0.0),
        agents: ratio(staffed_us as f64 * share, length_us as f64, 0.0),
        balked: c.balked as f64,
        redials: c.redials as f64,
        repeats: c.repeats as f64,
        transfers: c.transfers as f64,
        ivr_resolved: c.ivr_resolved as f64,
        fcr: 1.0 - ratio(c.unresolved as f64, answered + c.callbacks as f64, 0.0),
        callbacks: c.callbacks as f64,
        callback_wait_s: ratio(c.callback_wait_us as f64 / 1e6, c.callbacks as f64, 0.0),
        backlog: c.backlog as f64,
        ..Kpis::default()
    }
}

fn ratio(num: f64, den: f64, empty: f64) -> f64 {
    if den > 0.0 { num / den } else { empty }
}

/// The scenario's prices: turns counters into the cost KPIs.
struct Costing<'a> {
    scenario: &'a Scenario,
    /// Costs per day spread over time: per µs of the window.
    day_costs_per_us: f64,
    /// The screen pop's part of them (not paid while it is switched off).
    screen_pop_per_us: f64,
    budget_per_us: f64,
}

impl<'a> Costing<'a> {
    fn new(scenario: &'a Scenario) -> Self {
        let c = &scenario.costs;
        let day = c.ivr_per_day
            + c.technology_per_day
            + scenario
                .screen_pop
                .as_ref()
                .map_or(0.0, |sp| sp.cost_per_day);
        let horizon_us = scenario.horizon.0.max(1) as f64;
        Costing {
            scenario,
            day_costs_per_us: day / horizon_us,
            screen_pop_per_us: scenario
                .screen_pop
                .as_ref()
                .map_or(0.0, |sp| sp.cost_per_day)
                / horizon_us,
            budget_per_us: c.budget_per_day.unwrap_or(0.0) / horizon_us,
        }
    }

    /// Sets the cost KPIs of `k` (counters `c`, wages `labour`, over `length_us` of which
    /// `screen_pop_off_us` without the screen pop, with a `share` of the time-based
    /// costs); `penalty` is the interval's penalty, if it is one.
    #[allow(clippy::too_many_arguments)]
    fn apply(
        &self,
        k: &mut Kpis<f64>,
        c: &TypeCounts,
        labour: f64,
        share: f64,
        length_us: u64,
        screen_pop_off_us: u128,
        penalty: f64,
    ) {
        let costs = &self.scenario.costs;
        let minutes = |us: u128| us as f64 / 60e6;
        let connected = c.ivr_us + c.wait_answered_us + c.wait_abandoned_us + c.talk_us;
        k.labour_cost = labour * share;
        k.telecom_cost = minutes(connected) * costs.telecom_per_minute;
        k.technology_cost = minutes(c.ivr_us) * costs.ivr_per_minute
            + (self.day_costs_per_us * length_us as f64
                - self.screen_pop_per_us * screen_pop_off_us as f64)
                * share;
        k.penalty_cost = penalty * share;
        k.budget = self.budget_per_us * length_us as f64 * share;
        k.cost = k.labour_cost + k.telecom_cost + k.technology_cost + k.penalty_cost;
        k.cost_per_contact = ratio(k.cost, k.answered, 0.0);
    }

    /// The penalty of an interval with these KPIs.
    fn penalty(&self, k: &Kpis<f64>) -> f64 {
        let missed = k.offered > k.ivr_resolved + k.callbacks
            && k.service_level < self.scenario.service_level.target;
        if missed {
            self.scenario.costs.sl_penalty_per_interval
        } else {
            0.0
        }
    }
}

impl RunKpis {
    /// Each KPI's mean over `days` (the days of one multi-day replication): the average
    /// day. `days` must be non-empty and of the same scenario.
    pub fn mean_of(days: &[RunKpis]) -> RunKpis {
        let mean = |f: &dyn Fn(&RunKpis) -> &Kpis<f64>| -> Kpis<f64> {
            let n = Kpis::<f64>::NAMES.len();
            let mut sum = vec![0.0; n];
            for d in days {
                for (s, v) in sum.iter_mut().zip(f(d).values()) {
                    *s += v;
                }
            }
            let k = days.len().max(1) as f64;
            Kpis::from_values(&sum.iter().map(|s| s / k).collect::<Vec<_>>())
        };
        let first = &days[0];
        RunKpis {
            summary: mean(&|d| &d.summary),
            by_type: (0..first.by_type.len())
                .map(|t| mean(&|d| &d.by_type[t]))
                .collect(),
            intervals: (0..first.intervals.len())
                .map(|i| mean(&|d| &d.intervals[i]))
                .collect(),
            by_channel: first
                .by_channel
                .iter()
                .enumerate()
                .map(|(c, (name, _))| (name.clone(), mean(&|d| &d.by_channel[c].1)))
                .collect(),
            campaigns: first
                .campaigns
                .iter()
                .enumerate()
                .map(|(c, (name, _))| {
                    let runs: Vec<&CampaignKpis<f64>> =
                        days.iter().map(|d| &d.campaigns[c].1).collect();
                    (name.clone(), CampaignKpis::mean(&runs))
                })
                .collect(),
        }
    }

    /// Computes one replication's KPIs.
    pub fn of(stats: &RunStats, scenario: &Scenario) -> RunKpis {
        let (nt, ng, ni) = (stats.n_types, stats.n_groups, stats.n_intervals);
        // Paid time (on the phones, or off them on a break or shrinkage) at the blended
        // wage, and the overtime premium on top.
        let groups = &scenario.agent_groups;
        let cost_of = |paid: &[u128], over: &[u128]| -> f64 {
            groups
                .iter()
                .enumerate()
                .map(|(g, grp)| {
                    let w = grp.blended_wage();
                    paid[g] as f64 / 3_600e6 * w
                        + over[g] as f64 / 3_600e6 * w * (grp.overtime_rate - 1.0)
                })
                .sum()
        };
        let hours = |xs: &[u128]| xs.iter().sum::<u128>() as f64 / 3_600e6;
        let mut paid_per_group = vec![0u128; ng];
        let mut over_per_group = vec![0u128; ng];
        let costing = Costing::new(scenario);
        let mut total = TypeCounts::default();
        let mut per_type = vec![TypeCounts::default(); nt];
        let mut staffed_per_group = vec![0u128; ng];
        let mut intervals = Vec::with_capacity(ni);
        let mut penalties = 0.0;
        for i in 0..ni {
            let mut cell = TypeCounts::default();
            for (t, pt) in per_type.iter_mut().enumerate() {
                let c = stats.cell(i, t);
                cell.add(c);
                pt.add(c);
            }
            total.add(&cell);
            let staffed = &stats.staffed_us[i * ng..(i + 1) * ng];
            let paid = &stats.paid_us[i * ng..(i + 1) * ng];
            let over = &stats.overtime_us[i * ng..(i + 1) * ng];
            for g in 0..ng {
                staffed_per_group[g] += staffed[g];
                paid_per_group[g] += paid[g];
                over_per_group[g] += over[g];
            }
            let (start, end) = stats.interval_bounds(i);
            let length = (end - start).0;
            let mut k = kpis_of(&cell, staffed.iter().sum(), 1.0, length);
            k.overtime_h = hours(over);
            let penalty = costing.penalty(&k);
            penalties += penalty;
            let off = stats.screen_pop_off_us[i];
            costing.apply(
                &mut k,
                &cell,
                cost_of(paid, over),
                1.0,
                length,
                off,
                penalty,
            );
            intervals.push(k);
        }
        let window_us = (stats.window_end - stats.window_start).0;
        let staffed_total: u128 = staffed_per_group.iter().sum();
        let labour_total = cost_of(&paid_per_group, &over_per_group);
        let mut summary = kpis_of(&total, staffed_total, 1.0, window_us);
        summary.overtime_h = hours(&over_per_group);
        let off_total: u128 = stats.screen_pop_off_us.iter().sum();
        costing.apply(
            &mut summary,
            &total,
            labour_total,
            1.0,
            window_us,
            off_total,
            penalties,
        );
        let by_type = per_type
            .iter()
            .map(|c| {
                let share = if total.busy_us > 0 {
                    c.busy_us as f64 / total.busy_us as f64
                } else {
                    0.0
                };
                let mut k = kpis_of(c, staffed_total, share, window_us);
                k.overtime_h = hours(&over_per_group) * share;
                costing.apply(
                    &mut k,
                    c,
                    labour_total,
                    share,
                    window_us,
                    off_total,
                    penalties,
                );
                // A type's occupancy: its busy time over all agent time.
                k.occupancy = if staffed_total > 0 {
                    c.busy_us as f64 / staffed_total as f64
                } else {
                    0.0
                };
                k
            })
            .collect::<Vec<_>>();
        let mut by_type = by_type;
        for (t, k) in by_type.iter_mut().enumerate() {
            let ch = &stats.channels[t];
            k.dials = ch.dials as f64;
            k.sales = ch.sales as f64;
            k.revenue = ch.sales as f64
                * scenario.contact_types[t]
                    .channel
                    .campaign()
                    .map_or(0.0, |c| c.revenue_per_sale);
            summary.dials += k.dials;
            summary.sales += k.sales;
            summary.revenue += k.revenue;
        }
        // Per channel: the sums of its types (rates recomputed from the sums).
        let mut by_channel = Vec::new();
        for name in CHANNELS {
            let types: Vec<usize> = (0..nt)
                .filter(|&t| scenario.contact_types[t].channel.name() == name)
                .collect();
            if types.is_empty() {
                continue;
            }
            let mut c = TypeCounts::default();
            for &t in &types {
                c.add(&per_type[t]);
            }
            let share = ratio(c.busy_us as f64, total.busy_us as f64, 0.0);
            let mut k = kpis_of(&c, staffed_total, share, window_us);
            k.overtime_h = hours(&over_per_group) * share;
            costing.apply(
                &mut k,
                &c,
                labour_total,
                share,
                window_us,
                off_total,
                penalties,
            );
            k.occupancy = ratio(c.busy_us as f64, staffed_total as f64, 0.0);
            for &t in &types {
                k.dials += by_type[t].dials;
                k.sales += by_type[t].sales;
                k.revenue += by_type[t].revenue;
            }
            by_channel.push((name.to_string(), k));
        }
        let campaigns = (0..nt)
            .filter_map(|t| {
                let c = scenario.contact_types[t].channel.campaign()?;
                let ch = &stats.channels[t];
                let k = &by_type[t];
                Some((
                    scenario.contact_types[t].name.clone(),
                    CampaignKpis {
                        dials: ch.dials as f64,
                        right_party: ch.right_party as f64,
                        no_answer: ch.no_answer as f64,
                        busy: ch.busy as f64,
                        machine: ch.machine as f64,
                        dead: ch.dead as f64,
                        right_party_rate: ratio(ch.right_party as f64, ch.dials as f64, 0.0),
                        connected: k.offered,
                        abandoned: k.abandoned,
                        abandon_rate: k.abandon_rate,
                        talks: k.answered,
                        sales: k.sales,
                        conversion: ratio(k.sales, k.answered, 0.0),
                        revenue: k.revenue,
                        revenue_per_hour: ratio(k.revenue, k.busy_hours(staffed_total), 0.0),
                        pacing_end: if c.dialing == crate::scenario::Dialing::Predictive {
                            ch.pacing_end
                        } else {
                            1.0
                        },
                        list_left: ch.list_left as f64,
                    },
                ))
            })
            .collect();
        RunKpis {
            summary,
            by_type,
            intervals,
            by_channel,
            campaigns,
        }
    }
}

/// The channels in report order.
const CHANNELS: [&str; 4] = ["voice", "chat", "email", "outbound"];

impl Kpis<f64> {
    /// Agent-hours this type or set used: its occupancy share of `staffed_us`.
    fn busy_hours(&self, staffed_us: u128) -> f64 {
        self.occupancy * staffed_us as f64 / 3_600e6
    }
}

macro_rules! campaign_set {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        /// An outbound campaign's KPIs; `T` is `f64` for one replication and
        /// [`Estimate`] across replications.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
        pub struct CampaignKpis<T> {
            $($(#[$doc])* pub $name: T,)*
        }

        impl CampaignKpis<f64> {
            fn estimate(runs: &[&CampaignKpis<f64>]) -> CampaignKpis<Estimate> {
                CampaignKpis {
                    $($name: Estimate::of(&runs.iter().map(|r| r.$name).collect::<Vec<_>>()),)*
                }
            }

            fn mean(runs: &[&CampaignKpis<f64>]) -> CampaignKpis<f64> {
                let n = runs.len().max(1) as f64;
                CampaignKpis {
                    $($name: runs.iter().map(|r| r.$name).sum::<f64>() / n,)*
                }
            }
        }
    };
}

campaign_set! {
    /// Calls placed.
    dials,
    /// Dials that reached the right person.
    right_party,
    /// Dials nobody answered.
    no_answer,
    /// Busy lines.
    busy,
    /// Answering machines.
    machine,
    /// Wrong or dead numbers.
    dead,
    /// Right party / dials.
    right_party_rate,
    /// Right-party callees put through (= the type's `offered`).
    connected,
    /// Connected callees dropped with no agent free within `connect_wait`.
    abandoned,
    /// Abandoned / connected: the abandoned-call rate regulators cap.
    abandon_rate,
    /// Conversations with an agent.
    talks,
    /// Conversations that ended in a sale.
    sales,
    /// Sales / talks.
    conversion,
    /// Sales × revenue per sale.
    revenue,
    /// Revenue per agent-hour spent on the campaign (talk, wrap-up and waiting on the
    /// line).
    revenue_per_hour,
    /// The predictive dialer's pacing at the close (1 for preview and progressive).
    pacing_end,
    /// Records left on the list (fresh and waiting for a retry).
    list_left,
}

fn estimate_all(runs: &[&Kpis<f64>]) -> Kpis<Estimate> {
    let n = Kpis::<f64>::NAMES.len();
    let columns: Vec<Vec<f64>> = runs.iter().map(|k| k.values()).collect();
    let estimates: Vec<Estimate> = (0..n)
        .map(|j| Estimate::of(&columns.iter().map(|c| c[j]).collect::<Vec<_>>()))
        .collect();
    Kpis::from_values(&estimates)
}

impl Report {
    /// The report of `runs` (one per replication) of `scenario` with `seed`.
    pub fn from_runs(scenario: &Scenario, seed: u64, runs: &[RunResult]) -> Report {
        let kpis: Vec<RunKpis> = runs
            .iter()
            .map(|r| RunKpis::of(&r.stats, scenario))
            .collect();
        Self::from_kpis(scenario, seed, &kpis)
    }

    /// The report of per-replication KPIs.
    pub fn from_kpis(scenario: &Scenario, seed: u64, kpis: &[RunKpis]) -> Report {
        let summary = estimate_all(&kpis.iter().map(|k| &k.summary).collect::<Vec<_>>());
        let by_type = scenario
            .contact_types
            .iter()
            .enumerate()
            .map(|(t, ct)| {
                let runs: Vec<&Kpis<f64>> = kpis.iter().map(|k| &k.by_type[t]).collect();
                (ct.name.clone(), estimate_all(&runs))
            })
            .collect();
        let n_intervals = scenario.interval_count();
        let interval_s = scenario.interval.as_secs_f64();
        let horizon_s = scenario.horizon.as_secs_f64();
        let intervals = (0..n_intervals)
            .map(|i| {
                let runs: Vec<&Kpis<f64>> = kpis.iter().map(|k| &k.intervals[i]).collect();
                let start_s = i as f64 * interval_s;
                IntervalReport {
                    index: i,
                    label: scenario.interval_label(i),
                    start_s,
                    end_s: (start_s + interval_s).min(horizon_s),
                    kpis: estimate_all(&runs),
                }
            })
            .collect();
        let by_channel = kpis
            .first()
            .map(|k| {
                k.by_channel
                    .iter()
                    .enumerate()
                    .map(|(i, (name, _))| {
                        let runs: Vec<&Kpis<f64>> =
                            kpis.iter().map(|k| &k.by_channel[i].1).collect();
                        (name.clone(), estimate_all(&runs))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let campaigns = kpis
            .first()
            .map(|k| {
                k.campaigns
                    .iter()
                    .enumerate()
                    .map(|(i, (name, _))| {
                        let runs: Vec<&CampaignKpis<f64>> =
                            kpis.iter().map(|k| &k.campaigns[i].1).collect();
                        CampaignReport {
                            name: name.clone(),
                            kpis: CampaignKpis::estimate(&runs),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        Report {
            scenario: scenario.name.clone(),
            seed,
            replications: kpis.len() as u32,
            summary,
            by_type: ByType(by_type),
            intervals,
            by_channel: ByType(by_channel),
            campaigns,
            people: None,
        }
    }

    /// The report of multi-day runs (one per replication): the average day, with the
    /// people figures day by day.
    pub fn from_people(
        scenario: &Scenario,
        seed: u64,
        runs: &[crate::people::PeopleResult],
    ) -> Report {
        let kpis: Vec<RunKpis> = runs.iter().map(|r| r.average_day()).collect();
        let mut report = Self::from_kpis(scenario, seed, &kpis);
        report.people = Some(crate::people::PeopleReport::of(runs));
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn student_t_expansion_joins_the_table() {
        // df = 30 by expansion vs table, and known values for 40, 60, 120 (8 digits).
        let v = 30.0f64;
        let _ = v;
        assert!(
            (student_t_975(31) - 2.039_513_45).abs() < 1e-6,
            "{}",
            student_t_975(31)
        );
        assert!((student_t_975(40) - 2.021_075_39).abs() < 1e-6);
        assert!((student_t_975(60) - 2.000_297_82).abs() < 1e-6);
        assert!((student_t_975(120) - 1.979_930_41).abs() < 1e-6);
    }

    #[test]
    fn estimate_of_a_sample() {
        let e = Estimate::of(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(e.mean, 2.5);
        // sd = 1.290994, se = 0.645497, t(3) = 3.182446
        assert!((e.ci95 - 2.054_260).abs() < 1e-5, "{}", e.ci95);
        assert_eq!(Estimate::of(&[5.0]).ci95, 0.0);
    }
}
