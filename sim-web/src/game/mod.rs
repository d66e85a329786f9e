//! The game's rules, without Bevy: missions, and the debrief of a day. Bevy systems call
//! into these and into sim-core; nothing here re-implements the model.

pub mod mission;
pub mod score;
