//! placeholder
pub mod dist;
pub mod math;
pub mod rng;
pub mod scenario;
pub mod time;
