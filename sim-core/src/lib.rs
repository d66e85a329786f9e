//! placeholder
pub mod math;
pub mod rng;
pub mod time;
