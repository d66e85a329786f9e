//! A student's results: which day (mission and seed), the decisions taken (the
//! intervention log) and the debrief. A trainer never has to trust the numbers: the day is
//! rebuilt from the mission, the seed and the log, and scored again ([`Results::verify`]).

use serde::{Deserialize, Serialize};

use super::mission::Mission;
use super::score::{Debrief, debrief};
use crate::Simulation;
use crate::engine::LoggedIntervention;

/// The format tag of a results file.
pub const FORMAT: &str = "ccsim-results/1";

/// What the game exports at the end of a day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// Always [`FORMAT`].
    pub format: String,
    /// The student's name, as typed.
    pub player: String,
    /// The mission's id, e.g. `02-lunch-peak`.
    pub mission: String,
    /// The class code, e.g. `2-202`.
    pub class_code: String,
    /// The seed of the day.
    pub seed: u64,
    /// The decisions, in order.
    pub log: Vec<LoggedIntervention>,
    /// The debrief the game showed.
    pub debrief: Debrief,
}

impl Results {
    /// The results of a played day.
    pub fn new(
        player: &str,
        mission: &Mission,
        seed: u64,
        log: Vec<LoggedIntervention>,
        debrief: Debrief,
    ) -> Self {
        Results {
            format: FORMAT.to_string(),
            player: player.to_string(),
            mission: mission.id.clone(),
            class_code: format!("{}-{seed}", mission.order),
            seed,
            log,
            debrief,
        }
    }

    /// Replays the day from the mission, the seed and the log, and scores it again.
    /// Errors if the mission is unknown or the log cannot be replayed; the caller
    /// compares the returned debrief with [`Results::debrief`].
    pub fn verify(&self, missions: &[Mission]) -> Result<Debrief, String> {
        let m = missions
            .iter()
            .find(|m| m.id == self.mission)
            .ok_or_else(|| format!("unknown mission \"{}\"", self.mission))?;
        let result = Simulation::replay(&m.scenario, self.seed, 0, &self.log)
            .map_err(|e| format!("the decision log does not replay: {e}"))?;
        Ok(debrief(m, self.seed, &result))
    }
}
