//! placeholder
pub mod dist;
pub mod engine;
pub mod math;
pub mod report;
pub mod rng;
pub mod routing;
pub mod scenario;
pub mod snapshot;
pub mod stats;
pub mod time;

pub use engine::{Intervention, RunResult, Simulation};
