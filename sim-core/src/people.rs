//! Multi-day runs: the team changes day by day (hiring, training, the learning curve,
//! QA, attrition), with the models of [`crate::scenario::People`].
//!
//! Each working day is the scenario's day run by a [`Simulation`] built from the base
//! scenario for the team of that morning:
//! - each group's planned staffing (and paid plan) is scaled by its productive headcount
//!   over its day-1 roster (`people.headcount`), rounded per period;
//! - its talk times by the agent-weighted mean learning factor of its productive agents
//!   (a mean-field model: contacts are shared evenly among a group's agents, so every
//!   productive agent of a group is credited the group's contacts / its headcount);
//! - the first-contact resolution of each type with a `resolution` by the mean QA score
//!   of the productive agents of the groups that serve it;
//! - arrivals by `(1 + volume_growth)^(day − 1)`; the email backlog of the day before is
//!   carried in ([`Simulation::new_day`]).
//!
//! After the day, each group's occupancy feeds its sustained occupancy, and each agent
//! quits with the day's hazard (one uniform draw per agent, from a stream of its own per
//! day and group, so the days and groups are independent). Day 1 of a run with nobody in
//! training equals the plain one-day run with the same seed.
//!
//! The manager's levers between days are [`PeopleLever`]s; within a day, the
//! [`Simulation`] [`PeopleRun::begin_day`] returns takes every [`crate::Intervention`].
//!
//! ```
//! use sim_core::people::{PeopleLever, PeopleRun};
//! use sim_core::scenario::{GroupId, Scenario};
//! let text = sim_core::DEFAULT_SCENARIO.to_string()
//!     + "\n[people]\ndays = 3\nrecruiting_days = 0\ntraining_days = 1\n";
//! let scenario = Scenario::from_toml_str(&text, "team.toml")?;
//! let mut run = PeopleRun::new(&scenario, 7, 0);
//! run.apply(PeopleLever::Hire { group: GroupId(0), agents: 2 })?;
//! let day1 = run.run_day().clone();
//! assert_eq!(day1.kpis.trainees, 2.0);              // paid, on no calls
//! let result = run.finish();
//! assert_eq!(result.days.len(), 3);
//! assert!(result.days[2].kpis.learning_factor > 1.0); // the new hires are slower
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::engine::{RunResult, Simulation};
use crate::report::{Estimate, RunKpis};
use crate::rng::{Stream, StreamId, day_seed};
use crate::scenario::{GroupId, People, Scenario, TypeId};
use crate::time::SimDuration;

/// Where a cohort of hires is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Hired, not yet started: training begins on day `starts`.
    Recruiting {
        /// The first day of training.
        starts: u32,
    },
    /// In training (paid, no contacts) until day `until`, when they take contacts.
    Training {
        /// The first productive day.
        until: u32,
    },
    /// Taking contacts.
    Productive,
}

/// Agents of a group hired together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cohort {
    /// Their group.
    pub group: GroupId,
    /// The day of the decision to hire them (0: on the roster on day 1).
    pub hired_on: u32,
    /// How many are left.
    pub agents: u32,
    /// Where they are.
    pub stage: Stage,
    /// Contacts each has handled (infinite: proficient from the start).
    pub calls: f64,
}

/// A manager's decision between two days (it holds from the next day on).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PeopleLever {
    /// Hire `agents` for `group` (decided on the next day; they start training
    /// `recruiting_days` later).
    Hire {
        /// The group.
        group: GroupId,
        /// Agents hired.
        agents: u32,
    },
    /// Training length for hires who start training from now on.
    TrainingDays(u32),
    /// Incentives per productive agent and day.
    Incentive {
        /// Money per agent and day.
        per_agent_day: f64,
    },
    /// The occupancy cap of a group, 30–100 % (`None` or 100: none).
    OccupancyCap {
        /// The group.
        group: GroupId,
        /// The cap in percent.
        percent: Option<u32>,
    },
    /// Replace every agent who quits (or stop doing so).
    Backfill(bool),
}

/// A lever that does not fit the scenario.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PeopleError {
    /// The group index is out of range.
    #[error("there is no agent group {0}")]
    NoSuchGroup(u16),
    /// A negative or non-finite incentive.
    #[error("an incentive must be 0 or more, found {0}")]
    BadIncentive(f64),
}

macro_rules! day_set {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        /// One day of a multi-day run (the whole center); `T` is `f64` for one replication
        /// and [`Estimate`] across replications.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
        pub struct DayKpis<T> {
            $($(#[$doc])* pub $name: T,)*
        }

        impl DayKpis<f64> {
            /// Means and 95 % intervals over replications.
            pub fn estimate(runs: &[&DayKpis<f64>]) -> DayKpis<Estimate> {
                DayKpis {
                    $($name: Estimate::of(&runs.iter().map(|r| r.$name).collect::<Vec<_>>()),)*
                }
            }
        }

        impl<T> DayKpis<T> {
            /// The names, in report order.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];
        }

        impl<T: Copy> DayKpis<T> {
            /// The values in [`DayKpis::NAMES`] order.
            pub fn values(&self) -> Vec<T> {
                vec![$(self.$name),*]
            }
        }
    };
}

day_set! {
    /// Agents taking contacts.
    productive,
    /// Agents in training (paid, no contacts).
    trainees,
    /// Hires not yet started.
    recruiting,
    /// Hires decided on the day.
    hires,
    /// Agents who quit at the end of the day.
    quits,
    /// Agents paid: productive + trainees.
    headcount,
    /// Busy / on duty, all groups.
    occupancy,
    /// The agent-weighted mean sustained occupancy of the groups.
    sustained_occupancy,
    /// The agent-weighted mean talk-time multiplier of productive agents.
    learning_factor,
    /// Their mean QA score.
    qa,
    /// The day's daily quit probability, agent-weighted over productive agents.
    hazard,
    /// Contacts offered.
    offered,
    /// Answered.
    answered,
    /// Abandoned.
    abandoned,
    /// Service level.
    service_level,
    /// Mean wait of answered contacts, s.
    asa_s,
    /// Abandoned / offered.
    abandon_rate,
    /// Mean talk + wrap-up, s.
    aht_s,
    /// First-contact resolution.
    fcr,
    /// Emails left at the close.
    backlog,
    /// Outbound sales.
    sales,
    /// The day's cost of the center (wages of agents on duty, telecom, technology,
    /// penalties), as a one-day run reports it.
    operating_cost,
    /// Wages of trainees.
    training_cost,
    /// Incentives paid.
    incentives,
    /// Total cost: operating + training + incentives.
    cost,
    /// Outbound revenue.
    revenue,
}

/// One day of one replication.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Day {
    /// 1-based.
    pub day: u32,
    /// The center's figures.
    pub kpis: DayKpis<f64>,
    /// Per agent group, in scenario order.
    pub groups: Vec<GroupDay>,
}

/// One agent group on one day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupDay {
    /// Agents taking contacts.
    pub productive: u32,
    /// In training.
    pub trainees: u32,
    /// Hired, not started.
    pub recruiting: u32,
    /// Quit at the end of the day.
    pub quits: u32,
    /// The day's occupancy (busy / on duty).
    pub occupancy: f64,
    /// The sustained occupancy after the day.
    pub sustained_occupancy: f64,
    /// The daily quit probability of its productive agents.
    pub hazard: f64,
    /// The mean talk-time multiplier of its productive agents.
    pub learning_factor: f64,
    /// Their mean QA score.
    pub qa: f64,
}

/// A whole multi-day replication.
#[derive(Clone, Debug, PartialEq)]
pub struct PeopleResult {
    /// Day by day.
    pub days: Vec<Day>,
    /// Each day's full KPIs (as a one-day run reports them).
    pub runs: Vec<RunKpis>,
    /// The teams at the end.
    pub cohorts: Vec<Cohort>,
}

impl PeopleResult {
    /// Agents paid at the end (productive and in training; hires not started aside).
    pub fn headcount_end(&self) -> f64 {
        self.cohorts
            .iter()
            .filter(|c| !matches!(c.stage, Stage::Recruiting { .. }))
            .map(|c| f64::from(c.agents))
            .sum()
    }

    /// The KPIs of the average day: each KPI's mean over the days.
    pub fn average_day(&self) -> RunKpis {
        RunKpis::mean_of(&self.runs)
    }
}

/// One replication of a multi-day scenario, day by day.
#[derive(Clone, Debug)]
pub struct PeopleRun {
    base: Scenario,
    people: People,
    seed: u64,
    replication: u32,
    /// Days finished.
    done: u32,
    cohorts: Vec<Cohort>,
    /// Per group: the exponentially weighted occupancy (`None` before its first day).
    sustained: Vec<Option<f64>>,
    carried: Vec<(TypeId, SimDuration)>,
    /// Hires decided by levers, for the next day.
    lever_hires: Vec<(GroupId, u32)>,
    /// Per group: paid hours of an agent on a full day (for trainees' wages).
    paid_hours: Vec<f64>,
    /// The day being run: its scenario, hires decided and training starts.
    today: Option<(Scenario, u32)>,
    days: Vec<Day>,
    runs: Vec<RunKpis>,
}

impl PeopleRun {
    /// Replication `replication` of `scenario` with `seed`. A scenario without
    /// `[people]` runs as one day with its roster.
    pub fn new(scenario: &Scenario, seed: u64, replication: u32) -> Self {
        let people = scenario.people.clone().unwrap_or_else(|| People {
            days: 1,
            headcount: scenario
                .agent_groups
                .iter()
                .map(|g| g.staffing.values.iter().copied().max().unwrap_or(0))
                .collect(),
            recruiting_days: 0,
            training_days: 0,
            learning: Default::default(),
            quality: Default::default(),
            attrition: Default::default(),
            incentive_per_agent_day: 0.0,
            volume_growth: 0.0,
            backfill: false,
            hires: Vec::new(),
        });
        let cohorts = people
            .headcount
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .map(|(g, &n)| Cohort {
                group: GroupId(g as u16),
                hired_on: 0,
                agents: n,
                stage: Stage::Productive,
                calls: f64::INFINITY,
            })
            .collect();
        let horizon_h = scenario.horizon.as_secs_f64() / 3600.0;
        let paid_hours = scenario
            .agent_groups
            .iter()
            .zip(&people.headcount)
            .map(|(g, &h)| {
                let plan = g.paid.as_ref().unwrap_or(&g.staffing);
                if h == 0 {
                    return horizon_h;
                }
                let agent_hours: f64 = plan_hours(plan, scenario.horizon);
                agent_hours / h as f64
            })
            .collect();
        let mut base = scenario.clone();
        base.people = None;
        PeopleRun {
            base,
            sustained: vec![None; scenario.agent_groups.len()],
            people,
            seed,
            replication,
            done: 0,
            cohorts,
            carried: Vec::new(),
            lever_hires: Vec::new(),
            paid_hours,
            today: None,
            days: Vec::new(),
            runs: Vec::new(),
        }
    }

    /// The next day to run (1-based).
    pub fn day(&self) -> u32 {
        self.done + 1
    }

    /// Days in the run.
    pub fn days(&self) -> u32 {
        self.people.days
    }

    /// True when every day has run.
    pub fn is_over(&self) -> bool {
        self.done >= self.people.days
    }

    /// The cohorts now.
    pub fn cohorts(&self) -> &[Cohort] {
        &self.cohorts
    }

    /// The people model in force (levers change it).
    pub fn people(&self) -> &People {
        &self.people
    }

    /// The occupancy caps in force, per group.
    pub fn occupancy_caps(&self) -> Vec<Option<f64>> {
        self.base
            .agent_groups
            .iter()
            .map(|g| g.occupancy_cap)
            .collect()
    }

    /// The days run so far.
    pub fn finished_days(&self) -> &[Day] {
        &self.days
    }

    /// Applies a lever for the next day on.
    pub fn apply(&mut self, lever: PeopleLever) -> Result<(), PeopleError> {
        let groups = self.base.agent_groups.len();
        let check = |g: GroupId| {
            if (g.0 as usize) < groups {
                Ok(g.0 as usize)
            } else {
                Err(PeopleError::NoSuchGroup(g.0))
            }
        };
        match lever {
            PeopleLever::Hire { group, agents } => {
                check(group)?;
                if agents > 0 {
                    self.lever_hires.push((group, agents));
                }
            }
            PeopleLever::TrainingDays(d) => self.people.training_days = d.min(3650),
            PeopleLever::Incentive { per_agent_day } => {
                if !(per_agent_day.is_finite() && per_agent_day >= 0.0) {
                    return Err(PeopleError::BadIncentive(per_agent_day));
                }
                self.people.incentive_per_agent_day = per_agent_day;
            }
            PeopleLever::OccupancyCap { group, percent } => {
                let g = check(group)?;
                self.base.agent_groups[g].occupancy_cap = percent
                    .map(|p| f64::from(p.clamp(30, 100)) / 100.0)
                    .filter(|&c| c < 1.0);
            }
            PeopleLever::Backfill(on) => self.people.backfill = on,
        }
        Ok(())
    }

    /// Starts the next day: hires decided today join the pipeline, cohorts move on, and
    /// the day's simulation is returned (step it, intervene, then [`Self::end_day`] with
    /// its result).
    ///
    /// # Panics
    /// If the run is over or a day is already under way.
    pub fn begin_day(&mut self) -> Simulation {
        assert!(!self.is_over(), "every day has run");
        assert!(self.today.is_none(), "a day is already under way");
        let d = self.day();
        let mut hires = 0;
        let planned: Vec<(GroupId, u32)> = self
            .people
            .hires
            .iter()
            .filter(|h| h.day == d)
            .map(|h| (h.group, h.agents))
            .collect();
        for (group, agents) in planned
            .into_iter()
            .chain(std::mem::take(&mut self.lever_hires))
        {
            hires += agents;
            self.hire(group, agents, d);
        }
        let training = self.people.training_days;
        for c in &mut self.cohorts {
            if let Stage::Recruiting { starts } = c.stage
                && starts <= d
            {
                c.stage = Stage::Training {
                    until: starts + training,
                };
            }
            if let Stage::Training { until } = c.stage
                && until <= d
            {
                c.stage = Stage::Productive;
            }
        }
        let scenario = self.scenario_for_day(d);
        let sim = Simulation::new_day(
            &scenario,
            day_seed(self.seed, d),
            self.replication,
            &self.carried,
        );
        self.today = Some((scenario, hires));
        sim
    }

    fn hire(&mut self, group: GroupId, agents: u32, d: u32) {
        self.cohorts.push(Cohort {
            group,
            hired_on: d,
            agents,
            stage: Stage::Recruiting {
                starts: d + self.people.recruiting_days,
            },
            calls: 0.0,
        });
    }

    /// Agents of group `g` in a stage.
    fn count(&self, g: usize, pick: impl Fn(&Stage) -> bool) -> u32 {
        self.cohorts
            .iter()
            .filter(|c| c.group.0 as usize == g && pick(&c.stage))
            .map(|c| c.agents)
            .sum()
    }

    fn productive(&self, g: usize) -> u32 {
        self.count(g, |s| *s == Stage::Productive)
    }

    /// Agent-weighted mean of `f(cohort)` over the productive agents of group `g`.
    fn productive_mean(&self, g: usize, f: impl Fn(&Cohort) -> f64) -> Option<f64> {
        let (mut sum, mut n) = (0.0, 0u32);
        for c in &self.cohorts {
            if c.group.0 as usize == g && c.stage == Stage::Productive {
                sum += f(c) * c.agents as f64;
                n += c.agents;
            }
        }
        (n > 0).then(|| sum / n as f64)
    }

    /// The base scenario with the team of day `d`.
    pub fn scenario_for_day(&self, d: u32) -> Scenario {
        let mut s = self.base.clone();
        let p = &self.people;
        if p.volume_growth != 0.0 {
            let k = libm::pow(1.0 + p.volume_growth, f64::from(d - 1));
            for ct in &mut s.contact_types {
                for v in &mut ct.arrivals.values {
                    *v *= k;
                }
            }
        }
        let nt = s.contact_types.len();
        let mut qa = vec![None; s.agent_groups.len()];
        for (g, grp) in s.agent_groups.iter_mut().enumerate() {
            let roster = p.headcount[g];
            if roster == 0 {
                continue;
            }
            let on = self.productive(g);
            let scale = |v: &mut u32| {
                *v = ((f64::from(*v) * f64::from(on) / f64::from(roster)) + 0.5) as u32;
            };
            grp.staffing.values.iter_mut().for_each(scale);
            if let Some(paid) = &mut grp.paid {
                paid.values.iter_mut().for_each(scale);
            }
            let learning = p.learning;
            let factor = self
                .productive_mean(g, |c| learning.factor(c.calls))
                .unwrap_or(1.0);
            if factor != 1.0 {
                if grp.proficiency.is_empty() {
                    grp.proficiency = vec![1.0; nt];
                }
                grp.proficiency.iter_mut().for_each(|f| *f *= factor);
            }
            let half = learning.half_life_calls;
            qa[g] = self
                .productive_mean(g, |c| p.quality.score(c.calls, half))
                .map(|q| (q, on));
        }
        for (t, ct) in s.contact_types.iter_mut().enumerate() {
            let Some(r) = &mut ct.resolution else {
                continue;
            };
            let (mut sum, mut n) = (0.0, 0u32);
            for (g, grp) in self.base.agent_groups.iter().enumerate() {
                if let Some((q, on)) = qa[g]
                    && grp.skills.contains(&TypeId(t as u16))
                {
                    sum += q * f64::from(on);
                    n += on;
                }
            }
            if n > 0 {
                let mean = sum / f64::from(n);
                r.first_contact = (r.first_contact
                    + p.quality.fcr_per_qa * (mean - p.quality.qa_trained))
                    .clamp(0.0, 1.0);
            }
        }
        s
    }

    /// Ends the day begun with [`Self::begin_day`]: experience, occupancy and attrition
    /// are updated and the day recorded.
    ///
    /// # Panics
    /// If no day is under way.
    pub fn end_day(&mut self, result: &RunResult) -> &Day {
        let (scenario, hires) = self.today.take().expect("begin_day first");
        let d = self.day();
        let stats = &result.stats;
        let run = RunKpis::of(stats, &scenario);
        let ng = self.base.agent_groups.len();
        let p = self.people.clone();
        let mut k = DayKpis::<f64> {
            hires: f64::from(hires),
            offered: run.summary.offered,
            answered: run.summary.answered,
            abandoned: run.summary.abandoned,
            service_level: run.summary.service_level,
            asa_s: run.summary.asa_s,
            abandon_rate: run.summary.abandon_rate,
            aht_s: run.summary.aht_s,
            occupancy: run.summary.occupancy,
            fcr: run.summary.fcr,
            backlog: run.summary.backlog,
            sales: run.summary.sales,
            revenue: run.summary.revenue,
            operating_cost: run.summary.cost,
            ..Default::default()
        };
        // Figures of the morning's team, before anyone quits.
        let mut weighted = [0.0f64; 4]; // learning, qa, sustained, hazard (× productive)
        let mut groups = Vec::with_capacity(ng);
        let mut quits_by_group = Vec::with_capacity(ng);
        for g in 0..ng {
            let on = self.productive(g);
            let trainees = self.count(g, |s| matches!(s, Stage::Training { .. }));
            let recruiting = self.count(g, |s| matches!(s, Stage::Recruiting { .. }));
            k.productive += f64::from(on);
            k.trainees += f64::from(trainees);
            k.recruiting += f64::from(recruiting);
            let wage = self.base.agent_groups[g].blended_wage();
            k.training_cost += f64::from(trainees) * self.paid_hours[g] * wage;
            k.incentives += f64::from(on) * p.incentive_per_agent_day;
            let w = f64::from(on);
            let half = p.learning.half_life_calls;
            let learning = self
                .productive_mean(g, |c| p.learning.factor(c.calls))
                .unwrap_or(1.0);
            let qa = self
                .productive_mean(g, |c| p.quality.score(c.calls, half))
                .unwrap_or(p.quality.qa_trained);
            weighted[0] += w * learning;
            weighted[1] += w * qa;
            let occupancy = if on > 0 {
                stats.group_occupancy(g)
            } else {
                0.0
            };
            if on > 0 {
                // Experience, then sustained occupancy.
                let per_agent = stats.group_handled[g] as f64 / w;
                for c in &mut self.cohorts {
                    if c.group.0 as usize == g && c.stage == Stage::Productive {
                        c.calls += per_agent;
                    }
                }
                let s = match self.sustained[g] {
                    None => occupancy,
                    Some(s) => s + (occupancy - s) / p.attrition.memory_days,
                };
                self.sustained[g] = Some(s);
            }
            let sustained = self.sustained[g].unwrap_or(0.0);
            let hazard = p
                .attrition
                .daily_hazard(sustained, p.incentive_per_agent_day);
            weighted[2] += w * sustained;
            weighted[3] += w * hazard;
            // Attrition: one draw per agent in training or on the phones.
            let mut draws = Stream::new(
                day_seed(self.seed, d),
                self.replication,
                StreamId::attrition(g),
            );
            let base = p.attrition.base_daily();
            let mut group_quits = 0;
            for c in self.cohorts.iter_mut().filter(|c| c.group.0 as usize == g) {
                let h = match c.stage {
                    Stage::Recruiting { .. } => continue,
                    Stage::Training { .. } => base,
                    Stage::Productive => hazard,
                };
                let left = (0..c.agents).filter(|_| draws.uniform() < h).count() as u32;
                c.agents -= left;
                group_quits += left;
            }
            quits_by_group.push(group_quits);
            groups.push(GroupDay {
                productive: on,
                trainees,
                recruiting,
                quits: group_quits,
                occupancy,
                sustained_occupancy: sustained,
                hazard,
                learning_factor: learning,
                qa,
            });
        }
        let paid_now = k.productive.max(1.0);
        k.learning_factor = weighted[0] / paid_now;
        k.qa = weighted[1] / paid_now;
        k.sustained_occupancy = weighted[2] / paid_now;
        k.hazard = weighted[3] / paid_now;
        k.headcount = k.productive + k.trainees;
        k.quits = f64::from(quits_by_group.iter().sum::<u32>());
        k.cost = k.operating_cost + k.training_cost + k.incentives;
        if p.backfill {
            for (g, &q) in quits_by_group.iter().enumerate() {
                if q > 0 {
                    self.lever_hires.push((GroupId(g as u16), q));
                }
            }
        }
        self.cohorts.retain(|c| c.agents > 0);
        self.carried = result.backlog.clone();
        self.done += 1;
        self.runs.push(run);
        self.days.push(Day {
            day: d,
            kpis: k,
            groups,
        });
        self.days.last().expect("just pushed")
    }

    /// Runs the next day to its end.
    pub fn run_day(&mut self) -> &Day {
        let result = self.begin_day().finish();
        self.end_day(&result)
    }

    /// Runs the remaining days and returns the whole run.
    pub fn finish(mut self) -> PeopleResult {
        while !self.is_over() {
            self.run_day();
        }
        PeopleResult {
            days: self.days,
            runs: self.runs,
            cohorts: self.cohorts,
        }
    }
}

/// Agent-hours of a staffing plan over `horizon`.
fn plan_hours(plan: &crate::scenario::Profile<u32>, horizon: SimDuration) -> f64 {
    let h = horizon.as_secs_f64();
    let p = plan.period.as_secs_f64();
    if plan.is_constant() || p <= 0.0 || p >= h {
        return f64::from(plan.values[0]) * h / 3600.0;
    }
    let mut total = 0.0;
    let mut t = 0.0;
    let mut i = 0;
    while t < h {
        let v = plan.values[i.min(plan.values.len() - 1)];
        total += f64::from(v) * (p.min(h - t));
        t += p;
        i += 1;
    }
    total / 3600.0
}

/// Runs replication `replication` of a multi-day scenario to its end.
pub fn run_people(scenario: &Scenario, seed: u64, replication: u32) -> PeopleResult {
    PeopleRun::new(scenario, seed, replication).finish()
}

/// The people part of a report: each day's figures over replications, and the run's
/// totals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeopleReport {
    /// Working days run.
    pub days: u32,
    /// Day by day: means and 95 % intervals over replications.
    pub by_day: Vec<DayReport>,
    /// Hires decided over the run.
    pub hires: Estimate,
    /// Agents who quit.
    pub quits: Estimate,
    /// Quits / the headcount on day 1.
    pub attrition_rate: Estimate,
    /// Agents paid at the end (productive + trainees).
    pub headcount_end: Estimate,
    /// Total cost of the run.
    pub cost: Estimate,
    /// Total outbound revenue.
    pub revenue: Estimate,
}

/// One day in a [`PeopleReport`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayReport {
    /// 1-based.
    pub day: u32,
    /// Its figures.
    #[serde(flatten)]
    pub kpis: DayKpis<Estimate>,
}

impl PeopleReport {
    /// The report of `runs` (one per replication).
    pub fn of(runs: &[PeopleResult]) -> PeopleReport {
        let days = runs.first().map_or(0, |r| r.days.len());
        let by_day = (0..days)
            .map(|d| DayReport {
                day: d as u32 + 1,
                kpis: DayKpis::estimate(&runs.iter().map(|r| &r.days[d].kpis).collect::<Vec<_>>()),
            })
            .collect();
        let total = |f: &dyn Fn(&DayKpis<f64>) -> f64| {
            Estimate::of(
                &runs
                    .iter()
                    .map(|r| r.days.iter().map(|d| f(&d.kpis)).sum::<f64>())
                    .collect::<Vec<_>>(),
            )
        };
        let per_run = |f: &dyn Fn(&PeopleResult) -> f64| {
            Estimate::of(&runs.iter().map(f).collect::<Vec<_>>())
        };
        PeopleReport {
            days: days as u32,
            by_day,
            hires: total(&|k| k.hires),
            quits: total(&|k| k.quits),
            attrition_rate: per_run(&|r| {
                let start = r.days.first().map_or(0.0, |d| d.kpis.headcount);
                let quits: f64 = r.days.iter().map(|d| d.kpis.quits).sum();
                if start > 0.0 { quits / start } else { 0.0 }
            }),
            headcount_end: per_run(&|r| r.headcount_end()),
            cost: total(&|k| k.cost),
            revenue: total(&|k| k.revenue),
        }
    }
}
