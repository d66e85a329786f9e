//! The analytic models: Erlang B (M/M/n/n), Erlang C (M/M/n) and Erlang A (M/M/n+M,
//! Palm's model with exponential patience), and a staffing solver.
//!
//! All quantities are exact (no approximation) and numerically stable for thousands of
//! agents: Erlang B by its recurrence `B(k) = a B(k-1) / (k + a B(k-1))`, which never
//! forms a factorial; Erlang A's stationary distribution in log space.
//!
//! # Erlang A, as computed here
//! With arrival rate λ, service rate μ, abandonment rate θ (mean patience 1/θ) and n
//! agents, the number in system is a birth–death process with death rate `min(k, n)μ +
//! max(k - n, 0)θ`. An arrival (PASTA) finding `k < n` is answered at once. One finding
//! `j` waiting ahead moves forward at rate `nμ + iθ` while `i` are ahead, and abandons at
//! rate θ. So, with `a = nμ/θ`:
//! - P(answered | j) = Π_{i=0..j} (a+i)/(a+i+1) = a / (a + j + 1);
//! - given answered, the wait is a sum of independent exponentials with rates
//!   θ(a+1), …, θ(a+j+1), whose tail is the regularised incomplete beta function
//!   P(W > t) = I_x(a+1, j+1) with x = e^{-θt}; so
//!   P(answered within t | j) = a/(a+j+1) · (1 − I_x(a+1, j+1));
//! - E[W; answered | j] = a/(a+j+1) · Σ_{k=1..j+1} 1/(θ(a+k)).
//!
//! `I_x(a+1, m)` is summed by its positive-term recurrence in `m`, in log space, so the
//! whole computation is O(n + J) for J significant queue states.
//!
//! ```
//! use sim_core::erlang::{erlang_c, Model, Queue};
//! // 100 calls/h (λ = 1/36 s⁻¹), 3 min handle time: 5 Erlangs on 7 agents.
//! let q = Queue { arrival_rate: 100.0 / 3600.0, mean_handle: 180.0, agents: 7, patience: None };
//! let m = q.metrics(20.0);
//! assert!((m.p_wait - erlang_c(7, 5.0)).abs() < 1e-12);
//! assert!((m.occupancy - 5.0 / 7.0).abs() < 1e-12);
//! assert_eq!(Model::of(&q), Model::ErlangC);
//! ```

use crate::math::{exp, ln, ln_1p};

/// Erlang B: probability that an arrival finds all `n` servers busy in M/M/n/n with
/// offered load `a` Erlangs.
pub fn erlang_b(n: u32, a: f64) -> f64 {
    let mut b = 1.0;
    for k in 1..=n {
        b = a * b / (k as f64 + a * b);
    }
    b
}

/// Erlang C: probability of waiting in M/M/n with offered load `a` (1 if `a >= n`).
pub fn erlang_c(n: u32, a: f64) -> f64 {
    if a >= n as f64 {
        return 1.0;
    }
    let b = erlang_b(n, a);
    let n = n as f64;
    n * b / (n - a * (1.0 - b))
}

/// A single queue with Poisson arrivals and exponential handle times.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Queue {
    /// Arrivals per second.
    pub arrival_rate: f64,
    /// Mean handle time, seconds.
    pub mean_handle: f64,
    /// Agents.
    pub agents: u32,
    /// Mean patience, seconds (exponential); `None` for callers who never hang up.
    pub patience: Option<f64>,
}

/// Which formula applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    /// M/M/n, infinite patience.
    ErlangC,
    /// M/M/n+M, exponential patience.
    ErlangA,
}

impl Model {
    /// The model of a queue.
    pub fn of(q: &Queue) -> Model {
        match q.patience {
            Some(p) if p.is_finite() => Model::ErlangA,
            _ => Model::ErlangC,
        }
    }
}

/// Steady-state performance of a queue.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// Offered load, Erlangs (λ × mean handle time).
    pub load: f64,
    /// Probability an arrival waits (finds all agents busy).
    pub p_wait: f64,
    /// Probability an arrival abandons.
    pub p_abandon: f64,
    /// Answered within the threshold / offered.
    pub service_level: f64,
    /// Mean wait of answered contacts, seconds (infinite if unstable).
    pub asa: f64,
    /// Mean wait of all contacts (answered or not), seconds.
    pub mean_wait_all: f64,
    /// Mean number waiting.
    pub mean_queue: f64,
    /// Busy agents / agents.
    pub occupancy: f64,
    /// False for an Erlang C queue with load ≥ agents (the queue grows without bound).
    pub stable: bool,
}

impl Metrics {
    /// A queue in which no caller ever waits.
    fn nobody_waits(load: f64, occupancy: f64) -> Metrics {
        Metrics {
            load,
            p_wait: 0.0,
            p_abandon: 0.0,
            service_level: 1.0,
            asa: 0.0,
            mean_wait_all: 0.0,
            mean_queue: 0.0,
            occupancy,
            stable: true,
        }
    }
}

impl Queue {
    /// Offered load in Erlangs.
    pub fn load(&self) -> f64 {
        self.arrival_rate * self.mean_handle
    }

    /// Steady-state metrics, with the service level judged at `threshold` seconds.
    pub fn metrics(&self, threshold: f64) -> Metrics {
        match Model::of(self) {
            Model::ErlangC => self.erlang_c_metrics(threshold),
            Model::ErlangA => self.erlang_a_metrics(threshold),
        }
    }

    fn erlang_c_metrics(&self, t: f64) -> Metrics {
        let a = self.load();
        let n = self.agents as f64;
        let mu = 1.0 / self.mean_handle;
        if a >= n || self.agents == 0 {
            return Metrics {
                load: a,
                p_wait: 1.0,
                p_abandon: 0.0,
                service_level: 0.0,
                asa: f64::INFINITY,
                mean_wait_all: f64::INFINITY,
                mean_queue: f64::INFINITY,
                occupancy: 1.0,
                stable: false,
            };
        }
        let c = erlang_c(self.agents, a);
        let gap = n * mu - self.arrival_rate;
        let asa = c / gap;
        Metrics {
            load: a,
            p_wait: c,
            p_abandon: 0.0,
            service_level: 1.0 - c * exp(-gap * t),
            asa,
            mean_wait_all: asa,
            mean_queue: c * a / (n - a),
            occupancy: a / n,
            stable: true,
        }
    }

    fn erlang_a_metrics(&self, t: f64) -> Metrics {
        let lambda = self.arrival_rate;
        let mu = 1.0 / self.mean_handle;
        let theta = 1.0 / self.patience.expect("Erlang A has a patience");
        let load = lambda / mu;
        let n = self.agents;
        if lambda <= 0.0 {
            return Metrics::nobody_waits(load, 0.0);
        }
        // Weights relative to π_n, in logs: below n, Σ_{k<n} π_k/π_n = (1 − B)/B.
        let b = erlang_b(n, load);
        let log_below = if n == 0 {
            f64::NEG_INFINITY
        } else if b > 0.0 {
            ln_1p(-b) - ln(b)
        } else {
            f64::INFINITY
        };
        if log_below == f64::INFINITY {
            // π_n underflows: nobody waits.
            return Metrics::nobody_waits(load, load / n as f64);
        }
        let nmu = n as f64 * mu;
        let a = nmu / theta;
        let x = exp(-theta * t);
        let (ln_x, ln_1mx) = (-theta * t, ln_1p(-x));
        // Queue states j = 0, 1, ...: log q_j = Σ_{i=1..j} ln(λ / (nμ + iθ)).
        // First pass: find the peak and where the weights become negligible.
        let mut logs = Vec::new();
        let mut log_q = 0.0f64;
        let mut peak = log_below.max(0.0);
        let mut j = 0usize;
        loop {
            logs.push(log_q);
            peak = peak.max(log_q);
            j += 1;
            log_q += ln(lambda / (nmu + j as f64 * theta));
            // Past the mode the weights fall geometrically; stop 60 e-folds under the peak.
            if log_q < peak - 60.0 && lambda < nmu + j as f64 * theta {
                break;
            }
            if j > 50_000_000 {
                break;
            }
        }
        let below = exp(log_below - peak);
        let mut z = below;
        let mut served = below;
        let mut in_threshold = below;
        let mut wait_served = 0.0;
        let mut queue = 0.0;
        // log of I_x(a+1, m) terms: term_0 = x^(a+1); term_m = term_{m-1} (1−x)(a+m)/m.
        let mut log_term = (a + 1.0) * ln_x;
        let mut log_i = log_term; // I_x(a+1, 1)
        let mut harmonic = 0.0; // Σ_{k=1..j+1} 1/(θ(a+k))
        for (j, &lq) in logs.iter().enumerate() {
            let w = exp(lq - peak);
            let jf = j as f64;
            let p_served = a / (a + jf + 1.0);
            harmonic += 1.0 / (theta * (a + jf + 1.0));
            // I_x(a+1, j+1) is log_i here.
            let tail = if t > 0.0 { exp(log_i).min(1.0) } else { 1.0 };
            z += w;
            served += w * p_served;
            in_threshold += w * p_served * (1.0 - tail);
            wait_served += w * p_served * harmonic;
            queue += w * jf;
            // Advance to I_x(a+1, j+2).
            let m = jf + 1.0;
            log_term += ln_1mx + ln((a + m) / m);
            log_i = log_add(log_i, log_term);
        }
        let p_wait = (z - below) / z;
        let p_served = served / z;
        let mean_queue = queue / z;
        Metrics {
            load,
            p_wait,
            p_abandon: 1.0 - p_served,
            service_level: in_threshold / z,
            asa: if p_served > 0.0 {
                wait_served / z / p_served
            } else {
                0.0
            },
            mean_wait_all: mean_queue / lambda,
            mean_queue,
            occupancy: if n > 0 { lambda * p_served / nmu } else { 0.0 },
            stable: true,
        }
    }
}

fn log_add(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    if b == f64::NEG_INFINITY {
        return a;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + ln_1p(exp(lo - hi))
}

/// What a staffing level must achieve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Objective {
    /// Minimum service level (share answered within `threshold`), if any.
    pub service_level: Option<f64>,
    /// Threshold for the service level, seconds.
    pub threshold: f64,
    /// Maximum abandonment rate, if any.
    pub max_abandon: Option<f64>,
    /// Maximum ASA, seconds, if any.
    pub max_asa: Option<f64>,
}

impl Objective {
    /// At least `target` answered within `threshold` seconds ("80/20" is `(0.8, 20.0)`).
    pub fn service_level(target: f64, threshold: f64) -> Self {
        Objective {
            service_level: Some(target),
            threshold,
            max_abandon: None,
            max_asa: None,
        }
    }

    /// At most `cap` of the callers abandon.
    pub fn max_abandon(cap: f64) -> Self {
        Objective {
            service_level: None,
            threshold: 0.0,
            max_abandon: Some(cap),
            max_asa: None,
        }
    }

    /// True if `m` meets every target.
    pub fn met_by(&self, m: &Metrics) -> bool {
        m.stable
            && self.service_level.is_none_or(|s| m.service_level >= s)
            && self.max_abandon.is_none_or(|x| m.p_abandon <= x)
            && self.max_asa.is_none_or(|x| m.asa <= x)
    }
}

/// Erlang's staffing plan for a scenario: for each agent group (outer) and reporting
/// interval (inner), the fewest agents meeting `objective`, from the interval's mean
/// arrival rate and mean handle time (talk + wrap-up). Erlang A is used when every type a
/// group serves has a patience (its mean), Erlang C otherwise; a type served by several
/// groups is split evenly between them. `None` where no staffing up to 1,000,000 works.
///
/// ```
/// use sim_core::erlang::{staffing_plan, Objective};
/// use sim_core::scenario::Scenario;
/// let s = Scenario::from_toml_str(sim_core::DEFAULT_SCENARIO, "default").unwrap();
/// let plan = staffing_plan(&s, &Objective::service_level(0.8, 20.0));
/// assert_eq!(plan[0].len(), s.interval_count());
/// ```
pub fn staffing_plan(
    s: &crate::scenario::Scenario,
    objective: &Objective,
) -> Vec<Vec<Option<u32>>> {
    use crate::scenario::TypeId;
    use crate::time::SimDuration;
    let servers: Vec<usize> = (0..s.contact_types.len())
        .map(|t| {
            s.agent_groups
                .iter()
                .filter(|g| g.skills.contains(&TypeId(t as u16)))
                .count()
        })
        .collect();
    s.agent_groups
        .iter()
        .map(|g| {
            (0..s.interval_count())
                .map(|i| {
                    let start = SimDuration(i as u64 * s.interval.0);
                    let end = SimDuration(((i as u64 + 1) * s.interval.0).min(s.horizon.0));
                    let (mut lambda, mut work, mut patience_w) = (0.0, 0.0, 0.0);
                    let mut all_patient = true;
                    for t in &g.skills {
                        let ct = &s.contact_types[t.0 as usize];
                        let l = ct.arrivals.mean_over(start, end)
                            / 3600.0
                            / servers[t.0 as usize].max(1) as f64;
                        let aht = ct.handle_time.mean_secs()
                            + ct.wrap_up.as_ref().map_or(0.0, |w| w.mean_secs());
                        lambda += l;
                        work += l * aht;
                        match &ct.patience {
                            Some(p) => patience_w += l * p.mean_secs(),
                            None => all_patient = false,
                        }
                    }
                    if lambda <= 0.0 {
                        return Some(0);
                    }
                    let q = Queue {
                        arrival_rate: lambda,
                        mean_handle: work / lambda,
                        agents: 0,
                        patience: all_patient.then(|| patience_w / lambda),
                    };
                    solve_agents(&q, objective, 1_000_000)
                })
                .collect()
        })
        .collect()
}

/// The fewest agents for which `q` (its `agents` ignored) meets `objective`, searching
/// up to `max_agents`. `None` if even `max_agents` do not suffice.
pub fn solve_agents(q: &Queue, objective: &Objective, max_agents: u32) -> Option<u32> {
    let meets = |n: u32| {
        let mut q = *q;
        q.agents = n;
        objective.met_by(&q.metrics(objective.threshold))
    };
    // Every target improves with more agents: bisect on [lo, hi].
    let mut lo = match Model::of(q) {
        Model::ErlangC => q.load().floor() as u32,
        Model::ErlangA => 0,
    };
    if meets(lo) {
        return Some(lo);
    }
    let mut hi = (lo.max(1)).saturating_mul(2).max(lo + 1).min(max_agents);
    while !meets(hi) {
        if hi >= max_agents {
            return None;
        }
        lo = hi;
        hi = hi.saturating_mul(2).min(max_agents);
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if meets(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    /// Published values. Erlang B: the Erlang B tables of V. B. Iversen, *Teletraffic
    /// Engineering and Network Planning* (DTU / ITU-D, 2015): E(10 channels, 5 Erl) =
    /// 0.01838 and E(30, 25) = 0.05260 (the latter also the "30 lines, 25 Erlangs, about
    /// 5 % blocking" example of Wolfram's ErlangB documentation). Erlang C: the M/M/m
    /// delay formula of L. Kleinrock, *Queueing Systems* vol. 1 (1975), §3.5, gives
    /// P(wait) = 4/9 for m = 3 at 2 Erlangs and ρ for m = 1 (both by hand), and 0.68212
    /// for 10 Erlangs on 11 agents. The 10-digit references were recomputed in exact
    /// rational arithmetic (Python `fractions`) from the same recurrences.
    #[test]
    fn published_erlang_b_and_c_values() {
        assert!(close(erlang_b(10, 5.0), 0.018_384_570_3, 1e-10));
        assert!(close(erlang_b(30, 25.0), 0.052_603_172_2, 1e-10));
        assert!(close(erlang_c(3, 2.0), 4.0 / 9.0, 1e-14));
        assert!(close(erlang_c(1, 0.7), 0.7, 1e-14));
        assert!(close(erlang_c(11, 10.0), 0.682_118_204_7, 1e-10));
        assert_eq!(erlang_c(5, 5.0), 1.0);
    }

    #[test]
    fn erlang_c_service_level_and_asa() {
        // M/M/1, λ = 0.5/s, μ = 1/s: P(W > t) = ρ e^{-(μ-λ)t}, ASA = ρ/(μ-λ) = 1 s.
        let q = Queue {
            arrival_rate: 0.5,
            mean_handle: 1.0,
            agents: 1,
            patience: None,
        };
        let m = q.metrics(2.0);
        assert!(close(m.service_level, 1.0 - 0.5 * exp(-1.0), 1e-12));
        assert!(close(m.asa, 1.0, 1e-12));
        assert!(close(m.mean_queue, 0.5, 1e-12)); // Lq = ρ²/(1-ρ)
    }

    #[test]
    fn stable_for_thousands_of_agents() {
        for (n, a) in [
            (2050u32, 2000.0),
            (5000, 4900.0),
            (5000, 100.0),
            (4000, 4100.0),
        ] {
            let b = erlang_b(n, a);
            assert!(
                b.is_finite() && (0.0..=1.0).contains(&b),
                "B({n},{a}) = {b}"
            );
            let q = Queue {
                arrival_rate: a / 240.0,
                mean_handle: 240.0,
                agents: n,
                patience: Some(180.0),
            };
            let m = q.metrics(20.0);
            for v in [m.p_wait, m.p_abandon, m.service_level, m.occupancy] {
                assert!(
                    v.is_finite() && (0.0..=1.0 + 1e-12).contains(&v),
                    "{n} {a}: {m:?}"
                );
            }
            assert!(m.asa.is_finite() && m.asa >= 0.0);
        }
    }

    /// With θ = μ a waiting caller leaves at the same rate as one in service, so the
    /// number in system is that of M/M/∞: Poisson(a). Hence P(wait) = P(N ≥ n) and
    /// P(abandon) = θ E[(N − n)+] / λ (Mandelbaum and Zeltyn's special case).
    #[test]
    fn erlang_a_with_patience_equal_to_handle_time_is_m_m_infinity() {
        let (lambda, h, n) = (10.0 / 60.0, 180.0, 28u32);
        let a = lambda * h;
        let q = Queue {
            arrival_rate: lambda,
            mean_handle: h,
            agents: n,
            patience: Some(h),
        };
        let m = q.metrics(20.0);
        let mut p = exp(-a);
        let (mut p_ge, mut excess) = (0.0, 0.0);
        for k in 0..400 {
            if k >= n {
                p_ge += p;
                excess += (k - n) as f64 * p;
            }
            p *= a / (k + 1) as f64;
        }
        assert!(close(m.p_wait, p_ge, 1e-10), "{} vs {p_ge}", m.p_wait);
        assert!(close(m.p_abandon, excess / h / lambda, 1e-10));
    }

    /// Abandonment as θ E[Q] / λ (flow balance) must equal 1 − P(answered) from the
    /// tagged-caller formula: two independent routes to the same number.
    #[test]
    fn erlang_a_flow_balance() {
        for (lambda, h, n, pat) in [
            (1.0 / 6.0, 240.0, 38u32, 180.0),
            (2.0, 240.0, 450, 60.0),
            (0.5, 300.0, 120, 600.0),
        ] {
            let q = Queue {
                arrival_rate: lambda,
                mean_handle: h,
                agents: n,
                patience: Some(pat),
            };
            let m = q.metrics(20.0);
            assert!(
                close(m.p_abandon, m.mean_queue / pat / lambda, 1e-9),
                "{m:?}"
            );
        }
    }

    #[test]
    fn erlang_a_tends_to_erlang_c_as_patience_grows() {
        let c = Queue {
            arrival_rate: 1.0 / 30.0,
            mean_handle: 240.0,
            agents: 10,
            patience: None,
        };
        let a = Queue {
            patience: Some(1e9),
            ..c
        };
        let (mc, ma) = (c.metrics(20.0), a.metrics(20.0));
        assert!(close(mc.p_wait, ma.p_wait, 1e-5));
        assert!(
            close(mc.service_level, ma.service_level, 1e-5),
            "{mc:?} {ma:?}"
        );
        assert!(close(mc.asa, ma.asa, 1e-3));
    }

    /// The service level of Erlang A against an independent computation: the tagged
    /// caller's absorbing chain solved by uniformisation, starting from the stationary
    /// distribution obtained by brute-force balance equations.
    #[test]
    fn erlang_a_service_level_against_uniformisation() {
        let (lambda, h, n, pat, t) = (1.0 / 5.0, 240.0, 45u32, 120.0, 30.0);
        let (mu, theta) = (1.0 / h, 1.0 / pat);
        let kmax = 400usize;
        // Stationary distribution by balance: p_{k+1} = p_k λ / death(k+1).
        let death = |k: usize| {
            (k.min(n as usize) as f64) * mu + (k.saturating_sub(n as usize) as f64) * theta
        };
        let mut p = vec![1.0f64; kmax];
        for k in 1..kmax {
            p[k] = p[k - 1] * lambda / death(k);
        }
        let z: f64 = p.iter().sum();
        let p: Vec<f64> = p.iter().map(|x| x / z).collect();
        // Tagged caller: state i = callers ahead; forward rate nμ + iθ, abandon θ.
        let jmax = kmax - n as usize;
        let big = n as f64 * mu + (jmax as f64 + 1.0) * theta;
        let mut v: Vec<f64> = (0..jmax).map(|j| p[n as usize + j]).collect();
        let mut served = 0.0;
        let mut sl = 0.0;
        let lt = big * t;
        let mut pois = exp(-lt);
        let steps = (lt + 12.0 * lt.sqrt() + 20.0) as usize;
        for k in 0..steps {
            sl += pois * served;
            // One uniformised step.
            let mut next = vec![0.0; jmax];
            for i in 0..jmax {
                let fwd = n as f64 * mu + i as f64 * theta;
                if i == 0 {
                    served += v[0] * fwd / big;
                } else {
                    next[i - 1] += v[i] * fwd / big;
                }
                next[i] += v[i] * (1.0 - (fwd + theta) / big);
            }
            v = next;
            pois *= lt / (k + 1) as f64;
        }
        let immediate: f64 = p[..n as usize].iter().sum();
        let expected = immediate + sl;
        let m = Queue {
            arrival_rate: lambda,
            mean_handle: h,
            agents: n,
            patience: Some(pat),
        }
        .metrics(t);
        assert!(
            close(m.service_level, expected, 1e-7),
            "{} vs {expected}",
            m.service_level
        );
    }

    #[test]
    fn solver_finds_the_fewest_agents() {
        // 120 calls/h, 4 min: 8 Erlangs. Erlang C 80/20 needs 11 agents.
        let q = Queue {
            arrival_rate: 120.0 / 3600.0,
            mean_handle: 240.0,
            agents: 0,
            patience: None,
        };
        let obj = Objective::service_level(0.8, 20.0);
        let n = solve_agents(&q, &obj, 10_000).unwrap();
        let sl = |n| Queue { agents: n, ..q }.metrics(20.0).service_level;
        assert!(
            sl(n) >= 0.8 && sl(n - 1) < 0.8,
            "{n}: {} {}",
            sl(n),
            sl(n - 1)
        );
        // With patience, an abandonment cap of 2 %.
        let qa = Queue {
            patience: Some(180.0),
            ..q
        };
        let obj = Objective::max_abandon(0.02);
        let n = solve_agents(&qa, &obj, 10_000).unwrap();
        let ab = |n| Queue { agents: n, ..qa }.metrics(20.0).p_abandon;
        assert!(ab(n) <= 0.02 && ab(n - 1) > 0.02);
        // Large: 2,000 Erlangs.
        let big = Queue {
            arrival_rate: 500.0 / 60.0,
            mean_handle: 240.0,
            agents: 0,
            patience: None,
        };
        let n = solve_agents(&big, &Objective::service_level(0.8, 20.0), 100_000).unwrap();
        assert!(n > 2000 && n < 2100, "{n}");
    }
}
