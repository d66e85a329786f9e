//! Probability distributions of durations (handle time, wrap-up, patience), sampled in
//! this crate so that results never depend on a dependency's algorithm.
//!
//! Samplers, all driven by a [`Stream`]:
//! - exponential: the ziggurat method ([`crate::ziggurat`]);
//! - lognormal: `exp(mu + sigma * z)` with `z` from a normal ziggurat;
//! - gamma: Marsaglia–Tsang (2000), with the `u^(1/k)` boost for shape `k < 1`;
//! - Weibull: inversion, `scale * (-ln u)^(1/k)`;
//! - empirical: one of the listed values, equally likely;
//! - constant.
//!
//! ```
//! use sim_core::dist::Dist;
//! use sim_core::rng::{Stream, StreamId};
//! let d = Dist::lognormal_mean_sd(180.0, 360.0);
//! assert!((d.mean_secs() - 180.0).abs() < 1e-9);
//! let mut s = Stream::new(1, 0, StreamId(0));
//! let x = d.sample(&mut s);
//! assert!(x.as_secs_f64() > 0.0);
//! ```

use crate::math;
use crate::rng::Stream;
use crate::time::{MICROS_PER_SEC, SimDuration};

/// A distribution of non-negative durations. Parameters are kept in microseconds.
#[derive(Clone, Debug, PartialEq)]
pub enum Dist {
    /// Always the same value.
    Constant {
        /// The value, µs.
        value_us: f64,
    },
    /// Exponential with the given mean.
    Exponential {
        /// Mean, µs.
        mean_us: f64,
    },
    /// `exp(N(mu, sigma²))`, in µs.
    LogNormal {
        /// Mean of the underlying normal (of ln µs).
        mu: f64,
        /// Standard deviation of the underlying normal.
        sigma: f64,
    },
    /// Gamma with shape `k` and scale `theta` (µs); mean `k * theta`.
    Gamma {
        /// Shape `k > 0`.
        shape: f64,
        /// Scale, µs.
        scale_us: f64,
    },
    /// Weibull with shape `k` and scale `lambda` (µs).
    Weibull {
        /// Shape `k > 0`.
        shape: f64,
        /// Scale, µs.
        scale_us: f64,
    },
    /// One of the listed values, each equally likely.
    Empirical {
        /// The values, µs.
        values_us: Vec<f64>,
    },
}

const US: f64 = MICROS_PER_SEC as f64;

impl Dist {
    /// Exponential with the given mean in seconds.
    pub fn exponential(mean_secs: f64) -> Self {
        Dist::Exponential {
            mean_us: mean_secs * US,
        }
    }

    /// Constant, in seconds.
    pub fn constant(secs: f64) -> Self {
        Dist::Constant {
            value_us: secs * US,
        }
    }

    /// Lognormal with the given mean and standard deviation, in seconds.
    pub fn lognormal_mean_sd(mean_secs: f64, sd_secs: f64) -> Self {
        let cv = sd_secs / mean_secs;
        let sigma2 = math::ln_1p(cv * cv);
        Dist::LogNormal {
            mu: math::ln(mean_secs * US) - sigma2 / 2.0,
            sigma: sigma2.sqrt(),
        }
    }

    /// Gamma with the given mean (seconds) and shape.
    pub fn gamma_mean_shape(mean_secs: f64, shape: f64) -> Self {
        Dist::Gamma {
            shape,
            scale_us: mean_secs * US / shape,
        }
    }

    /// Weibull with the given shape and scale (seconds).
    pub fn weibull(shape: f64, scale_secs: f64) -> Self {
        Dist::Weibull {
            shape,
            scale_us: scale_secs * US,
        }
    }

    /// The mean, in seconds.
    pub fn mean_secs(&self) -> f64 {
        let us = match self {
            Dist::Constant { value_us } => *value_us,
            Dist::Exponential { mean_us } => *mean_us,
            Dist::LogNormal { mu, sigma } => math::exp(mu + sigma * sigma / 2.0),
            Dist::Gamma { shape, scale_us } => shape * scale_us,
            Dist::Weibull { shape, scale_us } => {
                scale_us * math::exp(math::ln_gamma(1.0 + 1.0 / shape))
            }
            Dist::Empirical { values_us } => {
                values_us.iter().sum::<f64>() / values_us.len().max(1) as f64
            }
        };
        us / US
    }

    /// One draw.
    #[inline]
    pub fn sample(&self, s: &mut Stream) -> SimDuration {
        SimDuration::from_secs_f64(self.sample_us(s) / US)
    }

    /// One draw in microseconds, as a float.
    #[inline]
    pub fn sample_us(&self, s: &mut Stream) -> f64 {
        match self {
            Dist::Exponential { mean_us } => mean_us * crate::ziggurat::exp1(s),
            Dist::Constant { value_us } => *value_us,
            Dist::LogNormal { mu, sigma } => math::exp(mu + sigma * standard_normal(s)),
            Dist::Gamma { shape, scale_us } => scale_us * standard_gamma(*shape, s),
            Dist::Weibull { shape, scale_us } => {
                scale_us * math::powf(-math::ln(s.uniform()), 1.0 / shape)
            }
            Dist::Empirical { values_us } => values_us[s.index(values_us.len())],
        }
    }
}

/// A standard normal draw (ziggurat).
#[inline]
fn standard_normal(s: &mut Stream) -> f64 {
    crate::ziggurat::normal(s)
}

/// A Gamma(shape, 1) draw: Marsaglia and Tsang, "A simple method for generating gamma
/// variables", ACM TOMS 26(3), 2000.
fn standard_gamma(shape: f64, s: &mut Stream) -> f64 {
    if shape < 1.0 {
        let g = standard_gamma(shape + 1.0, s);
        return g * math::powf(s.uniform(), 1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = standard_normal(s);
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = s.uniform();
        if math::ln(u) < 0.5 * x * x + d - d * v + d * math::ln(v) {
            return d * v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::StreamId;

    fn moments(d: &Dist, n: usize) -> (f64, f64) {
        let mut s = Stream::new(11, 0, StreamId(5));
        let xs: Vec<f64> = (0..n).map(|_| d.sample(&mut s).as_secs_f64()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64;
        (mean, var.sqrt())
    }

    /// Sample means and standard deviations against theory. With n = 200,000 the standard
    /// error of the mean is sd/447; the tolerances are about 4 standard errors.
    #[test]
    fn sample_moments_match_theory() {
        let n = 200_000;
        let cases: Vec<(Dist, f64, f64)> = vec![
            (Dist::exponential(240.0), 240.0, 240.0),
            (Dist::constant(30.0), 30.0, 0.0),
            (Dist::lognormal_mean_sd(180.0, 360.0), 180.0, 360.0),
            (Dist::gamma_mean_shape(200.0, 4.0), 200.0, 100.0),
            (
                Dist::gamma_mean_shape(200.0, 0.5),
                200.0,
                200.0 * 2f64.sqrt(),
            ),
            // Weibull(k = 2, scale 100): mean 100 Γ(1.5) = 88.6227, sd 100 sqrt(1 - π/4) = 46.3251
            (Dist::weibull(2.0, 100.0), 88.622_692_5, 46.325_120_9),
        ];
        for (d, mean, sd) in cases {
            let (m, s) = moments(&d, n);
            let se = sd / (n as f64).sqrt();
            assert!(
                (m - mean).abs() <= 4.0 * se + 1e-6,
                "{d:?}: mean {m} vs {mean}"
            );
            assert!(
                (d.mean_secs() - mean).abs() < 1e-6 * mean,
                "{d:?}: mean_secs"
            );
            // A lognormal with cv 2 is too heavy-tailed for its sample sd to be a fair
            // check (one draw at 5.8 sigma in 200,000 moves it by 30 %; that happens for
            // about one seed in 20): its shape is checked on the log scale below.
            if !matches!(d, Dist::LogNormal { .. }) {
                assert!((s - sd).abs() <= 0.1 * sd + 1e-6, "{d:?}: sd {s} vs {sd}");
            }
        }
    }

    /// A lognormal's logarithm is normal with mean `mu` and sd `sigma`.
    #[test]
    fn lognormal_logs_are_normal() {
        let d = Dist::lognormal_mean_sd(180.0, 360.0);
        let Dist::LogNormal { mu, sigma } = d else {
            unreachable!()
        };
        let mut s = Stream::new(12, 0, StreamId(6));
        let n = 200_000;
        let logs: Vec<f64> = (0..n).map(|_| math::ln(d.sample_us(&mut s))).collect();
        let mean = logs.iter().sum::<f64>() / n as f64;
        let var = logs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64;
        let se = sigma / (n as f64).sqrt();
        assert!((mean - mu).abs() < 4.0 * se, "mean of logs {mean} vs {mu}");
        // The sd of a normal sample has standard error sigma / sqrt(2n).
        assert!(
            (var.sqrt() - sigma).abs() < 4.0 * sigma / (2.0 * n as f64).sqrt(),
            "sd of logs {} vs {sigma}",
            var.sqrt()
        );
    }

    #[test]
    fn empirical_draws_every_value_equally() {
        let d = Dist::Empirical {
            values_us: vec![1e6, 2e6, 3e6],
        };
        let mut s = Stream::new(1, 0, StreamId(1));
        let mut counts = [0u32; 3];
        for _ in 0..30_000 {
            counts[(d.sample(&mut s).as_secs_f64() as usize) - 1] += 1;
        }
        for c in counts {
            assert!((c as i32 - 10_000).abs() < 400, "{counts:?}");
        }
    }
}
