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
use super::path::{LeverPath, Sampler, central_path};
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
    // One column per metric and year (`c = m * years + year_index`), each holding every
    // sample's value as an order key (see `order_key`), sample `i` at index `i`. Workers own
    // contiguous sample ranges, i.e. the same sub-slice of every column; the reduction then
    // selects within each column in place.
    let cols = METRIC_COUNT * years;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(samples.div_ceil(MIN_SAMPLES_PER_THREAD))
        .max(1);
    let chunk = samples.div_ceil(threads);
    let mut store = vec![0_u32; cols * samples];

    // Hand each worker its sub-slice of every column.
    let mut shares: Vec<Vec<&mut [u32]>> = (0..threads).map(|_| Vec::with_capacity(cols)).collect();
    for column in store.chunks_exact_mut(samples) {
        let mut rest = column;
        for share in shares.iter_mut() {
            let take = chunk.min(rest.len());
            let (head, tail) = rest.split_at_mut(take);
            share.push(head);
            rest = tail;
        }
    }

    let sampler = Sampler::new(s, o);
    let work = |start: usize, mut share: Vec<&mut [u32]>| {
        let len = share.first().map_or(0, |c| c.len());
        let mut path = LeverPath::empty();
        let mut run = Run::empty();
        // Results go through a small sample-major block, then into the columns in runs of
        // BLOCK neighbouring samples, so writes stay sequential.
        const BLOCK: usize = 64;
        let mut block = vec![0_u32; BLOCK * cols];
        for block_start in (0..len).step_by(BLOCK) {
            let n = BLOCK.min(len - block_start);
            for k in 0..n {
                let mut rng = sample_rng(seed, start + block_start + k);
                sampler.sample_into(&mut rng, &mut path);
                project_into(&path, &mut run);
                for (slot, &v) in block[k * cols..(k + 1) * cols].iter_mut().zip(run.values()) {
                    *slot = order_key(v);
                }
            }
            for (c, column) in share.iter_mut().enumerate() {
                for k in 0..n {
                    column[block_start + k] = block[k * cols + c];
                }
            }
        }
    };
    if threads == 1 {
        let share = shares.pop().unwrap_or_default();
        work(0, share);
    } else {
        std::thread::scope(|scope| {
            for (t, share) in shares.into_iter().enumerate() {
                let work = &work;
                scope.spawn(move || work(t * chunk, share));
            }
        });
    }

    // Percentiles per column, columns split across threads.
    let mut quantiles = vec![[0.0_f64; 3]; cols];
    let col_chunk = cols.div_ceil(threads);
    let reduce = |columns: &[u32], out: &mut [[f64; 3]]| {
        let mut scratch = Scratch::default();
        for (column, q) in columns.chunks_exact(samples).zip(out.iter_mut()) {
            *q = percentiles(column, &mut scratch);
        }
    };
    if threads == 1 {
        reduce(&store, &mut quantiles);
    } else {
        std::thread::scope(|scope| {
            for (columns, out) in store
                .chunks(col_chunk * samples)
                .zip(quantiles.chunks_mut(col_chunk))
            {
                let reduce = &reduce;
                scope.spawn(move || reduce(columns, out));
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

/// The sample as an `f32` turned into an integer with the same order as `f32::total_cmp`:
/// half the memory of `f64` and integer comparisons make the selection below several times
/// faster. Bands therefore carry `f32` precision (about seven significant digits), far finer
/// than the Monte Carlo's own noise.
fn order_key(v: f64) -> u32 {
    let bits = (v as f32).to_bits();
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | (1 << 31)
    }
}

/// The value behind a key, as the shortest decimal that names the `f32` (so 0.35 reads 0.35,
/// not 0.3499999940395355).
fn from_key(k: u32) -> f64 {
    let bits = if k >> 31 == 1 { k & !(1 << 31) } else { !k };
    let x = f32::from_bits(bits);
    if x.is_finite() {
        x.to_string().parse().unwrap_or(f64::from(x))
    } else {
        f64::from(x)
    }
}

/// Reusable buffers for [`percentiles`].
#[derive(Default)]
struct Scratch {
    hist: Vec<u32>,
    bins: [Vec<u32>; 3],
}

/// Bins in the histogram pass of [`percentiles`].
const BINS: usize = 2048;

/// Nearest-rank 10th, 50th and 90th percentiles (index `round(q × (n − 1))` of the sorted
/// values) of the values behind the keys.
///
/// A radix step first: one pass bins the keys by their offset from the minimum into 2048
/// bins, which locates the bin and the rank within it of each wanted order statistic; a
/// second pass collects just those bins, and a selection within each finishes. Exact, and
/// about twice as fast as selecting on the whole column.
fn percentiles(v: &[u32], scratch: &mut Scratch) -> [f64; 3] {
    let n = v.len();
    let (min, max) = v
        .iter()
        .fold((u32::MAX, u32::MIN), |(lo, hi), &k| (lo.min(k), hi.max(k)));
    if n == 0 {
        return [0.0; 3];
    }
    if min == max {
        let x = from_key(min);
        return [x, x, x];
    }
    let range = max - min;
    let shift = (32 - range.leading_zeros()).saturating_sub(BINS.trailing_zeros());
    let bin = |k: u32| ((k - min) >> shift) as usize;
    scratch.hist.clear();
    scratch.hist.resize(BINS, 0);
    for &k in v {
        scratch.hist[bin(k)] += 1;
    }
    let idx = |q: f64| ((q * (n - 1) as f64).round() as usize).min(n - 1);
    let ranks = [idx(0.1), idx(0.5), idx(0.9)];
    // For each wanted rank: its bin, and its rank among the keys of that bin.
    let mut targets = [(0_usize, 0_usize); 3];
    let mut below = 0_usize;
    let mut next = 0;
    for (b, &count) in scratch.hist.iter().enumerate() {
        let count = count as usize;
        while next < 3 && ranks[next] < below + count {
            targets[next] = (b, ranks[next] - below);
            next += 1;
        }
        below += count;
        if next == 3 {
            break;
        }
    }
    for buf in scratch.bins.iter_mut() {
        buf.clear();
    }
    for &k in v {
        let b = bin(k);
        for (t, buf) in targets.iter().zip(scratch.bins.iter_mut()) {
            if t.0 == b {
                buf.push(k);
            }
        }
    }
    let mut out = [0.0; 3];
    for ((t, buf), o) in targets
        .iter()
        .zip(scratch.bins.iter_mut())
        .zip(out.iter_mut())
    {
        *o = from_key(*buf.select_nth_unstable(t.1).1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<u32> = (0..=100).rev().map(|x| order_key(f64::from(x))).collect();
        let mut scratch = Scratch::default();
        assert_eq!(percentiles(&v, &mut scratch), [10.0, 50.0, 90.0]);
        let one = vec![order_key(3.0)];
        assert_eq!(percentiles(&one, &mut scratch), [3.0, 3.0, 3.0]);
        let signed: Vec<u32> = [-2.5, 0.0, -0.0, 7.0, 1e-30]
            .iter()
            .map(|&x| order_key(x))
            .collect();
        assert_eq!(percentiles(&signed, &mut scratch)[1], 0.0);
        for x in [-3.5, -0.0, 0.0, 1e-30, 2.0, 0.35, 15.525, 4_271_484.0] {
            assert_eq!(from_key(order_key(x)), x);
        }
        let mut keys: Vec<u32> = [3.0, -1.0, 0.5, -0.0, 0.0, -7.25, 1e9]
            .iter()
            .map(|&x| order_key(x))
            .collect();
        keys.sort_unstable();
        let back: Vec<f64> = keys.into_iter().map(from_key).collect();
        assert_eq!(back, [-7.25, -1.0, -0.0, 0.0, 0.5, 3.0, 1e9]);
    }

    /// The radix step agrees with sorting, on clustered, spread and tied values.
    #[test]
    fn percentiles_match_a_full_sort() {
        use rand::Rng;
        let mut rng = sample_rng(5, 0);
        let mut scratch = Scratch::default();
        for case in 0..40 {
            let n = 1 + case * 97;
            let values: Vec<f64> = (0..n)
                .map(|i| match case % 4 {
                    0 => rng.random::<f64>() * 1e6,
                    1 => 1000.0 + rng.random::<f64>(),
                    2 => f64::from((i % 5) as u32),
                    _ => -50.0 + 100.0 * rng.random::<f64>().powi(7),
                })
                .collect();
            let keys: Vec<u32> = values.iter().map(|&x| order_key(x)).collect();
            let mut sorted = keys.clone();
            sorted.sort_unstable();
            let at = |q: f64| from_key(sorted[((q * (n - 1) as f64).round() as usize).min(n - 1)]);
            assert_eq!(
                percentiles(&keys, &mut scratch),
                [at(0.1), at(0.5), at(0.9)],
                "case {case}"
            );
        }
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
