//! Exponential and normal variates by the ziggurat method (Marsaglia and Tsang, "The
//! Ziggurat Method for Generating Random Variables", J. Stat. Software 5(8), 2000), 256
//! layers each.
//!
//! About 99 % of draws cost one 64-bit random number, a table lookup and a multiply; the
//! rest fall back to an exact rejection test or to the tail (beyond `R = 7.697…` for the
//! exponential, `R = 3.654…` for the normal). The tables are built once from `libm`, so
//! draws are bit-identical on every platform. The low 8 bits of a draw choose the layer,
//! bit 8 gives a normal's sign and the top 53 bits give the uniform, so none share bits.

use std::sync::OnceLock;

use crate::math;
use crate::rng::Stream;

const LAYERS: usize = 256;
/// Start of the tail.
const R: f64 = 7.697_117_470_131_05;
/// Area of each layer.
const V: f64 = 0.003_949_659_822_581_557;

struct Tables {
    /// Layer right edges: `x[0] = V / f(R)` (the base strip), `x[1] = R`, decreasing to
    /// `x[256] = 0`.
    x: [f64; LAYERS + 1],
    /// `f(x[i]) = exp(-x[i])`.
    f: [f64; LAYERS + 1],
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut x = [0.0; LAYERS + 1];
        let mut f = [0.0; LAYERS + 1];
        x[0] = V / math::exp(-R);
        x[1] = R;
        for i in 2..LAYERS {
            x[i] = -math::ln(V / x[i - 1] + math::exp(-x[i - 1]));
        }
        x[LAYERS] = 0.0;
        for i in 0..=LAYERS {
            f[i] = math::exp(-x[i]);
        }
        Tables { x, f }
    })
}

/// One Exp(1) draw.
#[inline]
pub fn exp1(s: &mut Stream) -> f64 {
    let t = tables();
    loop {
        let bits = s.next_u64();
        let i = (bits & 0xff) as usize;
        let u = (bits >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        let x = u * t.x[i];
        if x < t.x[i + 1] {
            return x;
        }
        if i == 0 {
            // The tail beyond R is exponential again (memorylessness).
            return R - math::ln(s.uniform());
        }
        if t.f[i + 1] + (t.f[i] - t.f[i + 1]) * s.uniform() < math::exp(-x) {
            return x;
        }
    }
}

/// Start of the normal's tail.
const NORMAL_R: f64 = 3.654_152_885_361_009;

/// The normal ziggurat: `x` and `f(x) = exp(-x²/2)` as for the exponential.
fn normal_tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let f = |x: f64| math::exp(-0.5 * x * x);
        // Each layer's area: the base strip is R f(R) plus the tail beyond R.
        let v = NORMAL_R * f(NORMAL_R)
            + (std::f64::consts::PI / 2.0).sqrt() * math::erfc(NORMAL_R / std::f64::consts::SQRT_2);
        let mut x = [0.0; LAYERS + 1];
        x[0] = v / f(NORMAL_R);
        x[1] = NORMAL_R;
        for i in 2..LAYERS {
            x[i] = (-2.0 * math::ln(v / x[i - 1] + f(x[i - 1]))).sqrt();
        }
        x[LAYERS] = 0.0;
        let mut fx = [0.0; LAYERS + 1];
        for i in 0..=LAYERS {
            fx[i] = f(x[i]);
        }
        Tables { x, f: fx }
    })
}

/// One standard normal draw.
#[inline]
pub fn normal(s: &mut Stream) -> f64 {
    let t = normal_tables();
    loop {
        let bits = s.next_u64();
        let i = (bits & 0xff) as usize;
        let sign = if bits & 0x100 == 0 { 1.0 } else { -1.0 };
        let u = (bits >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        let x = u * t.x[i];
        if x < t.x[i + 1] {
            return sign * x;
        }
        if i == 0 {
            // The tail beyond R (Marsaglia, 1964).
            loop {
                let a = -math::ln(s.uniform()) / NORMAL_R;
                let b = -math::ln(s.uniform());
                if 2.0 * b > a * a {
                    return sign * (NORMAL_R + a);
                }
            }
        }
        if t.f[i + 1] + (t.f[i] - t.f[i + 1]) * s.uniform() < math::exp(-0.5 * x * x) {
            return sign * x;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::StreamId;

    #[test]
    fn normal_tables_close_the_ziggurat() {
        let t = normal_tables();
        let v = t.x[0] * t.f[1];
        let top = t.x[LAYERS - 1] * (1.0 - t.f[LAYERS - 1]);
        assert!((top - v).abs() < 1e-6 * v, "top layer area {top}, V {v}");
        assert!(t.x.windows(2).skip(1).all(|w| w[0] > w[1]));
    }

    /// Moments, symmetry and the distribution function against N(0, 1), including the
    /// tail beyond R.
    #[test]
    fn draws_are_normal() {
        let mut s = Stream::new(5, 0, StreamId(9));
        let n = 2_000_000;
        let (mut sum, mut sq, mut fourth) = (0.0, 0.0, 0.0);
        let points = [-4.0, -2.0, -1.0, -0.1, 0.0, 0.5, 1.5, 3.0, 3.8];
        let mut below = [0u64; 9];
        for _ in 0..n {
            let x = normal(&mut s);
            sum += x;
            sq += x * x;
            fourth += x * x * x * x;
            for (k, p) in points.iter().enumerate() {
                below[k] += (x < *p) as u64;
            }
        }
        let n_f = n as f64;
        let mean = sum / n_f;
        let var = sq / n_f - mean * mean;
        assert!(mean.abs() < 0.003, "mean {mean}");
        assert!((var - 1.0).abs() < 0.005, "var {var}");
        assert!(
            (fourth / n_f - 3.0).abs() < 0.03,
            "fourth moment {}",
            fourth / n_f
        );
        for (k, p) in points.iter().enumerate() {
            let expect = 0.5 * math::erfc(-p / std::f64::consts::SQRT_2);
            let got = below[k] as f64 / n_f;
            let se = (expect * (1.0 - expect) / n_f).sqrt();
            assert!(
                (got - expect).abs() < 5.0 * se + 1e-7,
                "P(X < {p}) = {got}, want {expect}"
            );
        }
    }

    #[test]
    fn tables_close_the_ziggurat() {
        let t = tables();
        // With R and V right, the recursion closes: the top layer (from x[255] to 0, up to
        // f = 1) has the same area V as every other layer.
        let top = t.x[LAYERS - 1] * (1.0 - t.f[LAYERS - 1]);
        assert!((top - V).abs() < 1e-6 * V, "top layer area {top}, V {V}");
        assert!(t.x.windows(2).skip(1).all(|w| w[0] > w[1]));
    }

    /// Moments and the distribution function against Exp(1): mean 1, variance 1, and
    /// P(X > x) = e^-x at several points, including the tail beyond R.
    #[test]
    fn draws_are_exponential() {
        let mut s = Stream::new(2, 0, StreamId(3));
        let n = 2_000_000;
        let (mut sum, mut sq) = (0.0, 0.0);
        let points = [0.05, 0.5, 1.0, 2.0, 4.0, 8.0];
        let mut above = [0u64; 6];
        for _ in 0..n {
            let x = exp1(&mut s);
            assert!(x >= 0.0);
            sum += x;
            sq += x * x;
            for (k, p) in points.iter().enumerate() {
                above[k] += (x > *p) as u64;
            }
        }
        let mean = sum / n as f64;
        let var = sq / n as f64 - mean * mean;
        assert!((mean - 1.0).abs() < 0.003, "mean {mean}");
        assert!((var - 1.0).abs() < 0.01, "var {var}");
        for (k, p) in points.iter().enumerate() {
            let expect = math::exp(-p);
            let got = above[k] as f64 / n as f64;
            let se = (expect * (1.0 - expect) / n as f64).sqrt();
            assert!(
                (got - expect).abs() < 5.0 * se + 1e-7,
                "P(X > {p}) = {got}, want {expect}"
            );
        }
    }
}
