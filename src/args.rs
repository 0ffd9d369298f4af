//! Command-line options more than one command takes, as clap `Args` groups that commands
//! `#[command(flatten)]`: Monte Carlo sampling (`--samples`, `--seed`) and lever overrides
//! (`--set`). Each bound and each default is stated here once.

use crate::model::montecarlo::{DEFAULT_SAMPLES, DEFAULT_SEED};

/// Largest `--samples` accepted (a usage error above it).
pub const MAX_SAMPLES: u32 = 200_000;

/// `--samples N --seed S`.
#[derive(clap::Args, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sampling {
    /// Monte Carlo samples, 0 to 200000; 0 is the deterministic central run.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SAMPLES as u32,
          value_parser = clap::value_parser!(u32).range(0..=i64::from(MAX_SAMPLES)))]
    pub samples: u32,
    /// Random seed: the same seed gives the same numbers on every run.
    #[arg(long, value_name = "SEED", default_value_t = DEFAULT_SEED)]
    pub seed: u64,
}

impl Sampling {
    /// The sample count as the model takes it.
    pub fn count(&self) -> usize {
        self.samples as usize
    }
}

impl Default for Sampling {
    fn default() -> Sampling {
        Sampling {
            samples: DEFAULT_SAMPLES as u32,
            seed: DEFAULT_SEED,
        }
    }
}

/// `--set LEVER=VALUE[@YEAR]`, repeatable.
#[derive(clap::Args, Clone, Debug, Default, PartialEq, Eq)]
pub struct Sets {
    /// Override a lever, as in a file: LEVER=VALUE for every year of the horizon, or
    /// LEVER=VALUE@YEAR from YEAR on (earlier years keep the scenario's path); repeatable.
    #[arg(long = "set", value_name = "LEVER=VALUE[@YEAR]")]
    pub set: Vec<String>,
}

/// `--root DIR`, repeatable: more folders whose scenario files `extends` may name, besides
/// the named scenario's own folder (and, for `check` and the explorer, the folders given).
#[derive(clap::Args, Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// Let `extends` name scenario files under DIR too (by default only files under the named
    /// scenario's folder or a folder given, and bundled scenarios); repeatable.
    #[arg(long = "root", value_name = "DIR")]
    pub roots: Vec<std::path::PathBuf>,
}

impl Scope {
    /// The folders `extends` may reach: the `--root` folders and the folders among `paths`.
    pub fn roots(&self, paths: &[std::path::PathBuf]) -> crate::scenario::Roots {
        crate::scenario::Roots::new(self.roots.iter().chain(paths))
    }
}
