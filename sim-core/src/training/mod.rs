//! Training: missions (a scenario plus a briefing, objectives, a budget and a lesson),
//! the debrief that scores a played day, and the results a student hands in. Pure rules,
//! no I/O: the game plays them, and `ccsim grade` re-checks handed-in results by replaying
//! each student's decisions on the class's day.

pub mod live;
pub mod mission;
pub mod results;
pub mod score;
