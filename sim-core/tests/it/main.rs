//! sim-core's integration tests, one binary (as ripgrep and nexosim do).

mod calibrate;
mod channels;
mod engine;
mod erlang_oracle;
mod incidents;
mod live_erlang;
mod missions;
mod no_panic;
mod operations;
mod people;
mod properties;
mod routing;
mod workforce;
