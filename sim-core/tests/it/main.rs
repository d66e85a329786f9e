//! sim-core's integration tests, one binary (as ripgrep and nexosim do).

mod erlang_oracle;
