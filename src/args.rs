//! Command-line options more than one command takes, as clap `Args` groups that commands
//! `#[command(flatten)]`: Monte Carlo sampling (`--samples`, `--seed`) and lever overrides
//! (`--set`). Each bound and each default is stated here once: the headless commands sample
//! `DEFAULT_SAMPLES` (1,000) by default, the screens (`present`, `snapshot` and the explorer,
//! which has no `--samples`) [`SCREEN_SAMPLES`] (10,000).

use crate::model::montecarlo::{DEFAULT_SAMPLES, DEFAULT_SEED};

/// Largest `--samples` accepted (a usage error above it).
pub const MAX_SAMPLES: u32 = 200_000;

/// Monte Carlo samples the screens draw by default: the explorer, `present` and `snapshot`
/// (issue 14: the explorer's bands from 10,000 samples, on screen within 50 ms of the last
/// key; docs/performance.md has the figures). The headless commands keep `DEFAULT_SAMPLES`.
pub const SCREEN_SAMPLES: u32 = 10_000;

/// `--samples N --seed S` for the headless commands: `DEFAULT_SAMPLES` (1,000) by default.
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

/// `--samples N --seed S` for the commands that draw the explorer's screen (`present`,
/// `snapshot`): [`SCREEN_SAMPLES`] (10,000) by default, as the explorer draws. A struct of its
/// own because clap keeps a field's default text in one static per field, so a const
/// generic default would show (and use) the first instance's value for every instance.
#[derive(clap::Args, Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScreenSampling {
    /// Monte Carlo samples, 0 to 200000; 0 is the deterministic central run.
    #[arg(long, value_name = "N", default_value_t = SCREEN_SAMPLES,
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

impl ScreenSampling {
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

impl Default for ScreenSampling {
    fn default() -> ScreenSampling {
        ScreenSampling {
            samples: SCREEN_SAMPLES,
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Headless {
        #[command(flatten)]
        sampling: Sampling,
    }

    #[derive(Parser)]
    struct Screen {
        #[command(flatten)]
        sampling: ScreenSampling,
    }

    #[test]
    fn screens_default_to_ten_thousand_samples_and_the_headless_commands_to_a_thousand() {
        // Both parsed in one process: a default shared between the two would show here.
        let headless = Headless::parse_from(["t"]).sampling;
        let screen = Screen::parse_from(["t"]).sampling;
        assert_eq!(headless, Sampling::default());
        assert_eq!(screen, ScreenSampling::default());
        assert_eq!((headless.count(), screen.count()), (1_000, 10_000));
        let help = |mut c: clap::Command| c.render_help().to_string();
        use clap::CommandFactory;
        assert!(help(Headless::command()).contains("[default: 1000]"));
        assert!(help(Screen::command()).contains("[default: 10000]"));
        assert_eq!(
            Screen::parse_from(["t", "--samples", "7"]).sampling.count(),
            7
        );
    }
}
