//! Seeded Monte Carlo: many sampled lever paths projected, reduced to p10/p50/p90 bands per
//! metric and year.
//!
//! Determinism: sample `i` draws from its own PCG stream seeded from `(seed, i)`, and every
//! sample's results land in a slot fixed by `i`, so the bands are identical for the same seed
//! on every run and any thread count. Percentiles are nearest-rank on the sorted samples
//! (index `round(q × (n − 1))`). No allocation happens per sample: each worker reuses one path
//! and one run.

use rand_pcg::Pcg64;

use super::metrics::{METRIC_COUNT, MetricId};
use super::path::{LeverPath, central_path, sample_path_into};
use super::project::{Run, project, project_into};
use super::scenario::{Overrides, Scenario};

/// Samples drawn when the caller does not say.
pub const DEFAULT_SAMPLES: usize = 1000;
/// Seed used when the caller does not say.
pub const DEFAULT_SEED: u64 = 20_251_211;

/// The 10th, 50th and 90th percentiles of a metric, one value per year.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub p10: Vec<f64>,
    pub p50: Vec<f64>,
    pub p90: Vec<f64>,
}

/// The deterministic central run plus uncertainty bands for every metric.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    pub first_year: i32,
    pub years: usize,
    pub samples: usize,
    pub seed: u64,
    /// Every distribution at its central value; its binding constraints are the ones reported.
    pub central: Run,
    bands: Vec<Band>,
}

impl Projection {
    /// A metric's band (equal to the central run when `samples` is 0).
    pub fn band(&self, m: MetricId) -> &Band {
        &self.bands[m as usize]
    }

    /// The years of the projection, first to last.
    pub fn years(&self) -> impl Iterator<Item = i32> + use<> {
        self.first_year..self.first_year + self.years as i32
    }

    pub fn last_year(&self) -> i32 {
        self.first_year + self.years as i32 - 1
    }
}

/// A well-mixed 64-bit value from a 64-bit input (SplitMix64's finaliser).
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The generator of sample `index` for `seed`: its own state and its own stream.
pub fn sample_rng(seed: u64, index: usize) -> Pcg64 {
    let i = index as u64;
    let state = (u128::from(mix(seed ^ mix(i))) << 64) | u128::from(mix(seed.rotate_left(17) ^ i));
    Pcg64::new(state, u128::from(i))
}

/// Runs the central projection and `samples` sampled ones, and reduces them to bands.
pub fn simulate(s: &Scenario, o: &Overrides, samples: usize, seed: u64) -> Projection {
    let central = project(&central_path(s, o));
    let years = central.years;
    let bands = if samples == 0 {
        MetricId::ALL
            .iter()
            .map(|&m| {
                let v = central.series(m).to_vec();
                Band {
                    p10: v.clone(),
                    p50: v.clone(),
                    p90: v,
                }
            })
            .collect()
    } else {
        sampled_bands(s, o, samples, seed, years)
    };
    Projection {
        first_year: central.first_year,
        years,
        samples,
        seed,
        central,
        bands,
    }
}

/// Fewest samples worth a thread of their own.
const MIN_SAMPLES_PER_THREAD: usize = 512;

fn sampled_bands(
    s: &Scenario,
    o: &Overrides,
    samples: usize,
    seed: u64,
    years: usize,
) -> Vec<Band> {
    // Sample-major store: `store[i * cols + c]`, with column `c = m * years + year_index`.
    let cols = METRIC_COUNT * years;
    let mut store = vec![0.0_f64; samples * cols];
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(samples.div_ceil(MIN_SAMPLES_PER_THREAD))
        .max(1);
    let chunk = samples.div_ceil(threads);

    let run_chunk = |start: usize, out: &mut [f64]| {
        let mut path = LeverPath::empty();
        let mut run = Run::empty();
        for (k, slot) in out.chunks_exact_mut(cols).enumerate() {
            let mut rng = sample_rng(seed, start + k);
            sample_path_into(s, o, &mut rng, &mut path);
            project_into(&path, &mut run);
            slot.copy_from_slice(run.values());
        }
    };
    if threads == 1 {
        run_chunk(0, &mut store);
    } else {
        std::thread::scope(|scope| {
            for (t, part) in store.chunks_mut(chunk * cols).enumerate() {
                let run_chunk = &run_chunk;
                scope.spawn(move || run_chunk(t * chunk, part));
            }
        });
    }

    // Percentiles per column, columns split across threads; each thread gathers a group of
    // neighbouring columns at a time so every cache line of the store is read once per group.
    let mut quantiles = vec![[0.0_f64; 3]; cols];
    let col_chunk = cols.div_ceil(threads);
    let reduce = |first_col: usize, out: &mut [[f64; 3]]| {
        const GROUP: usize = 8;
        let mut scratch = vec![0.0_f64; samples * GROUP];
        for g in (0..out.len()).step_by(GROUP) {
            let n = GROUP.min(out.len() - g);
            for i in 0..samples {
                let row = &store[i * cols + first_col + g..][..n];
                for (j, &v) in row.iter().enumerate() {
                    scratch[j * samples + i] = v;
                }
            }
            for j in 0..n {
                out[g + j] = percentiles(&mut scratch[j * samples..(j + 1) * samples]);
            }
        }
    };
    if threads == 1 {
        reduce(0, &mut quantiles);
    } else {
        std::thread::scope(|scope| {
            for (t, part) in quantiles.chunks_mut(col_chunk).enumerate() {
                let reduce = &reduce;
                scope.spawn(move || reduce(t * col_chunk, part));
            }
        });
    }

    MetricId::ALL
        .iter()
        .map(|&m| {
            let q = &quantiles[m as usize * years..(m as usize + 1) * years];
            Band {
                p10: q.iter().map(|x| x[0]).collect(),
                p50: q.iter().map(|x| x[1]).collect(),
                p90: q.iter().map(|x| x[2]).collect(),
            }
        })
        .collect()
}

/// Nearest-rank 10th, 50th and 90th percentiles; reorders `v`.
fn percentiles(v: &mut [f64]) -> [f64; 3] {
    let n = v.len();
    let idx = |q: f64| ((q * (n - 1) as f64).round() as usize).min(n - 1);
    let (i10, i50, i90) = (idx(0.1), idx(0.5), idx(0.9));
    let (left, p50, right) = v.select_nth_unstable_by(i50, f64::total_cmp);
    let p50 = *p50;
    let p10 = if i10 < i50 {
        *left.select_nth_unstable_by(i10, f64::total_cmp).1
    } else {
        p50
    };
    let p90 = if i90 > i50 {
        *right
            .select_nth_unstable_by(i90 - i50 - 1, f64::total_cmp)
            .1
    } else {
        p50
    };
    [p10, p50, p90]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut v: Vec<f64> = (0..=100).rev().map(f64::from).collect();
        assert_eq!(percentiles(&mut v), [10.0, 50.0, 90.0]);
        let mut one = vec![3.0];
        assert_eq!(percentiles(&mut one), [3.0, 3.0, 3.0]);
    }

    #[test]
    fn zero_samples_give_the_central_run() {
        let s = Scenario::defaults("t");
        let p = simulate(&s, &Overrides::default(), 0, DEFAULT_SEED);
        for &m in MetricId::ALL {
            assert_eq!(p.band(m).p50, p.central.series(m));
            assert_eq!(p.band(m).p10, p.central.series(m));
        }
    }

    #[test]
    fn streams_differ_between_samples() {
        use rand::Rng;
        let a: u64 = sample_rng(1, 0).random();
        let b: u64 = sample_rng(1, 1).random();
        let c: u64 = sample_rng(2, 0).random();
        assert!(a != b && a != c);
    }
}
