//! Estimators: patience under censoring, handle-time fits with their goodness of fit,
//! and arrival rates per interval.

use super::log::{CallRecord, Outcome};

/// The exponential patience estimate from queued calls.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PatienceFit {
    /// Callers who hung up while waiting.
    pub abandons: usize,
    /// Callers who queued (abandoned or answered).
    pub queued: usize,
    /// Total time at risk: every queued caller's wait, seconds.
    pub exposure_s: f64,
    /// Mean patience = exposure / abandons, seconds (infinite with no abandon).
    pub mean_s: f64,
    /// Its standard error, `mean / √abandons` (the MLE's asymptotic one).
    pub se_s: f64,
    /// The naive (biased) mean wait of those who abandoned, for comparison.
    pub naive_mean_s: f64,
}

/// The exponential maximum-likelihood patience: abandons / total time at risk, where an
/// answered caller's wait is a censored patience (they would have waited at least that
/// long). `waits` holds (wait in seconds, abandoned?).
///
/// ```
/// use sim_core::calibrate::estimate::exponential_patience;
/// // Two hung up after 60 and 120 s; two were answered after 90 and 330 s.
/// let fit = exponential_patience(&[(60.0, true), (120.0, true), (90.0, false), (330.0, false)]);
/// assert_eq!(fit.mean_s, 300.0);      // 600 s at risk / 2 abandons
/// assert_eq!(fit.naive_mean_s, 90.0); // the biased estimate
/// ```
pub fn exponential_patience(waits: &[(f64, bool)]) -> PatienceFit {
    let abandons = waits.iter().filter(|w| w.1).count();
    let exposure_s: f64 = waits.iter().map(|w| w.0).sum();
    let aband_wait: f64 = waits.iter().filter(|w| w.1).map(|w| w.0).sum();
    let mean_s = if abandons > 0 {
        exposure_s / abandons as f64
    } else {
        f64::INFINITY
    };
    PatienceFit {
        abandons,
        queued: waits.len(),
        exposure_s,
        mean_s,
        se_s: mean_s / (abandons.max(1) as f64).sqrt(),
        naive_mean_s: if abandons > 0 {
            aband_wait / abandons as f64
        } else {
            0.0
        },
    }
}

/// The Kaplan–Meier (product-limit) survival curve of patience: `(t, S(t))` at each time
/// a caller abandoned, with answered callers censored at their wait.
///
/// ```
/// use sim_core::calibrate::estimate::kaplan_meier;
/// let s = kaplan_meier(&[(10.0, true), (20.0, false), (30.0, true), (40.0, false)]);
/// assert_eq!(s, vec![(10.0, 0.75), (30.0, 0.375)]);
/// ```
pub fn kaplan_meier(waits: &[(f64, bool)]) -> Vec<(f64, f64)> {
    let mut w: Vec<(f64, bool)> = waits.iter().copied().filter(|x| x.0.is_finite()).collect();
    // At a tie, abandons come before censorings (the usual convention).
    w.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut at_risk = w.len();
    let mut s = 1.0;
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let t = w[i].0;
        let (mut died, mut gone) = (0usize, 0usize);
        while i < w.len() && w[i].0 == t {
            died += w[i].1 as usize;
            gone += 1;
            i += 1;
        }
        if died > 0 {
            s *= 1.0 - died as f64 / at_risk as f64;
            out.push((t, s));
        }
        at_risk -= gone;
    }
    out
}

/// A lognormal fit (maximum likelihood on the logs) and its goodness of fit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LognormalFit {
    /// Observations (positive ones).
    pub n: usize,
    /// Mean of ln x.
    pub mu: f64,
    /// Standard deviation of ln x.
    pub sigma: f64,
    /// The fitted distribution's mean, `exp(μ + σ²/2)`.
    pub mean: f64,
    /// Its coefficient of variation, `√(exp(σ²) − 1)`.
    pub cv: f64,
    /// The sample's mean and coefficient of variation.
    pub sample_mean: f64,
    /// (sample cv)
    pub sample_cv: f64,
    /// Kolmogorov–Smirnov distance between the sample and the fit.
    pub ks: f64,
    /// The KS distance of the lognormal with the sample's own mean and cv (the method of
    /// moments, which keeps the workload: what a calibrated scenario uses).
    pub moments_ks: f64,
}

/// Fits a lognormal to the positive values of `xs`.
///
/// ```
/// use sim_core::calibrate::estimate::lognormal_fit;
/// let xs: Vec<f64> = (1..=999).map(|i| {
///     // Quantiles of a lognormal with μ = 5, σ = 0.5.
///     let p = i as f64 / 1000.0;
///     (5.0 + 0.5 * sim_core::calibrate::estimate::normal_quantile(p)).exp()
/// }).collect();
/// let fit = lognormal_fit(&xs);
/// assert!((fit.mu - 5.0).abs() < 1e-3 && (fit.sigma - 0.5).abs() < 0.01);
/// assert!(fit.ks < 0.01);
/// ```
fn lognormal_cdf(mu: f64, sigma: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    0.5 * libm::erfc(-(libm::log(x) - mu) / (sigma.max(1e-12) * std::f64::consts::SQRT_2))
}

/// µ and σ of the lognormal with this mean and cv.
fn moments_params(mean: f64, cv: f64) -> (f64, f64) {
    let s2 = libm::log1p(cv * cv);
    (libm::log(mean.max(1e-300)) - s2 / 2.0, libm::sqrt(s2))
}

impl LognormalFit {
    /// The distribution function of the maximum-likelihood lognormal at `x`.
    pub fn cdf(&self, x: f64) -> f64 {
        lognormal_cdf(self.mu, self.sigma, x)
    }

    /// The distribution function of the lognormal with the sample mean and cv (the one a
    /// calibrated scenario uses) at `x`.
    ///
    /// ```
    /// use sim_core::calibrate::estimate::lognormal_fit;
    /// let fit = lognormal_fit(&[100.0, 100.0, 100.0, 100.0]);
    /// assert_eq!(fit.moments_cdf(99.0), 0.0); // no spread: a step at the mean
    /// assert_eq!(fit.moments_cdf(101.0), 1.0);
    /// ```
    pub fn moments_cdf(&self, x: f64) -> f64 {
        let (mu, sigma) = moments_params(self.sample_mean, self.sample_cv);
        lognormal_cdf(mu, sigma, x)
    }
}

pub fn lognormal_fit(xs: &[f64]) -> LognormalFit {
    let mut v: Vec<f64> = xs
        .iter()
        .copied()
        .filter(|x| *x > 0.0 && x.is_finite())
        .collect();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let nf = n.max(1) as f64;
    let logs: Vec<f64> = v.iter().map(|x| libm::log(*x)).collect();
    let mu = logs.iter().sum::<f64>() / nf;
    let sigma = (logs.iter().map(|l| (l - mu) * (l - mu)).sum::<f64>() / nf).sqrt();
    let sample_mean = v.iter().sum::<f64>() / nf;
    let var = v
        .iter()
        .map(|x| (x - sample_mean) * (x - sample_mean))
        .sum::<f64>()
        / (nf - 1.0).max(1.0);
    let ks_of = |mu: f64, sigma: f64| {
        let cdf = |x: f64| lognormal_cdf(mu, sigma, x);
        v.iter()
            .enumerate()
            .map(|(i, &x)| {
                let f = cdf(x);
                (f - i as f64 / nf)
                    .abs()
                    .max(((i + 1) as f64 / nf - f).abs())
            })
            .fold(0.0, f64::max)
    };
    let ks = ks_of(mu, sigma);
    let sample_cv = if sample_mean > 0.0 {
        var.sqrt() / sample_mean
    } else {
        0.0
    };
    let (m_mu, m_sigma) = moments_params(sample_mean, sample_cv);
    let moments_ks = ks_of(m_mu, m_sigma);
    LognormalFit {
        n,
        mu,
        sigma,
        mean: libm::exp(mu + sigma * sigma / 2.0),
        cv: libm::sqrt(libm::expm1(sigma * sigma)),
        sample_mean,
        sample_cv,
        ks,
        moments_ks,
    }
}

/// The standard normal quantile (Acklam's rational approximation refined by one Halley
/// step; error below 1e-12), for fits and tests.
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e1,
        2.209460984245205e2,
        -2.759285104469687e2,
        1.383_577_518_672_69e2,
        -3.066479806614716e1,
        2.506628277459239,
    ];
    const B: [f64; 5] = [
        -5.447609879822406e1,
        1.615858368580409e2,
        -1.556989798598866e2,
        6.680131188771972e1,
        -1.328068155288572e1,
    ];
    const C: [f64; 6] = [
        -7.784894002430293e-3,
        -3.223964580411365e-1,
        -2.400758277161838,
        -2.549732539343734,
        4.374664141464968,
        2.938163982698783,
    ];
    const D: [f64; 4] = [
        7.784695709041462e-3,
        3.224671290700398e-1,
        2.445134137142996,
        3.754408661907416,
    ];
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    let x = if p < 0.02425 {
        let q = libm::sqrt(-2.0 * libm::log(p));
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - 0.02425 {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = libm::sqrt(-2.0 * libm::log(1.0 - p));
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    // One Halley step on Φ(x) − p.
    let e = 0.5 * libm::erfc(-x / std::f64::consts::SQRT_2) - p;
    let u = e * libm::sqrt(2.0 * std::f64::consts::PI) * libm::exp(x * x / 2.0);
    x - u / (1.0 + x * u / 2.0)
}

/// Arrival rates per hour in each interval of `interval_s` seconds from `start_s` to
/// `end_s` (seconds after midnight), averaged over `days` days: calls of `records` that
/// pass `keep`.
pub fn arrival_rates(
    records: &[CallRecord],
    keep: impl Fn(&CallRecord) -> bool,
    days: usize,
    start_s: f64,
    end_s: f64,
    interval_s: f64,
) -> Vec<f64> {
    let n = ((end_s - start_s) / interval_s).ceil().max(0.0) as usize;
    let mut counts = vec![0usize; n];
    for r in records.iter().filter(|r| keep(r)) {
        if r.arrival_s >= start_s && r.arrival_s < end_s {
            counts[((r.arrival_s - start_s) / interval_s) as usize] += 1;
        }
    }
    let per_hour = 3600.0 / interval_s / days.max(1) as f64;
    counts.iter().map(|&c| c as f64 * per_hour).collect()
}

/// The queued calls' (wait, abandoned?) pairs, for the patience estimators.
pub fn queue_waits(records: &[CallRecord]) -> Vec<(f64, bool)> {
    records
        .iter()
        .filter_map(|r| {
            let w = r.wait_s?;
            Some((w, r.outcome == Outcome::Abandoned))
        })
        .collect()
}
