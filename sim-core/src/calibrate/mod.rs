//! Calibration from real call logs: per-call records ([`log`]) and the estimators that
//! turn them into a scenario's parameters ([`estimate`]).
//!
//! Pure functions over text and records (no I/O): the CLI reads the files. Two log formats
//! are read: the Anonymous Bank format (tab-separated, the Technion SEE lab's 1999 bank
//! logs) and a documented generic CSV ([`log::parse_generic_csv`]).
//!
//! The estimators respect what a log can and cannot see. Patience is *censored*: a caller
//! who was answered after waiting `w` would have waited at least `w`, so the mean wait of
//! those who hung up underestimates patience. [`estimate::exponential_patience`] is the
//! exponential maximum-likelihood estimate "abandons / total time at risk" (every queued
//! caller's wait counts as exposure), and [`estimate::kaplan_meier`] the product-limit
//! survival curve with answered callers as censored observations.

pub mod day;
pub mod estimate;
pub mod log;
pub mod model;
