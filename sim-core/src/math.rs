//! Transcendental functions for model code, backed by `libm`.
//!
//! The standard library's `ln`, `exp` and `powf` call the platform's math library, whose
//! last-bit results differ between targets. Every model computation goes through this
//! module instead, so a run gives bit-identical results on x86_64 and wasm32 (DESIGN §4).
//! `clippy.toml` forbids the `std` versions; `sqrt` is exact under IEEE 754 everywhere
//! and is used directly.

/// Natural logarithm.
#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// `e^x`.
#[inline]
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// `x^y`.
#[inline]
pub fn powf(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

/// `ln(1 + x)`, accurate for small `x`.
#[inline]
pub fn ln_1p(x: f64) -> f64 {
    libm::log1p(x)
}

/// `e^x - 1`, accurate for small `x`.
#[inline]
pub fn exp_m1(x: f64) -> f64 {
    libm::expm1(x)
}

/// `ln Γ(x)` for `x > 0`.
#[inline]
pub fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

/// Sine.
#[inline]
pub fn sin(x: f64) -> f64 {
    libm::sin(x)
}

/// Cosine.
#[inline]
pub fn cos(x: f64) -> f64 {
    libm::cos(x)
}

/// The error function.
#[inline]
pub fn erf(x: f64) -> f64 {
    libm::erf(x)
}

/// The complementary error function, `1 - erf(x)` without cancellation.
#[inline]
pub fn erfc(x: f64) -> f64 {
    libm::erfc(x)
}
