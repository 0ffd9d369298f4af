//! Seeded Monte Carlo: many sampled lever paths projected, reduced to p10/p50/p90 bands per
//! metric and year.
//!
//! Determinism: sample `i` draws from its own generator (SplitMix64) seeded from `(seed, i)`, and every
//! sample's results land in a slot fixed by `i`, so the bands are identical for the same seed
//! on every run and any thread count. Percentiles are nearest-rank on the sorted samples
//! (index `round(q × (n − 1))`). No allocation happens per sample: the workers claim chunks of
//! samples until none is left, draw them into the lanes of one batch and project eight
//! samples per pass (`lanes.rs`), which
//! gives bit for bit what projecting each sample alone gives (tests/model_montecarlo.rs).
//! The samples land in the per-thread store of `store.rs` (the model's only state kept
//! between calls), and `percentiles.rs` reduces each column. docs/performance.md ("Model") has the figures and where the time goes.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use multiversion::multiversion;
use rand::RngCore;

use super::lanes::{Lanes, Num};
use super::levers::LEVER_COUNT;
use super::metrics::{METRIC_COUNT, MetricId};
use super::path::{Hold, Sampler, central_held};
use super::percentiles::{Key, Percentiles, order_key};
use super::project::{Run, project, project_rows};
use super::scenario::{Overrides, Scenario};
use super::store::with_store;

/// Samples drawn when the caller does not say.
pub const DEFAULT_SAMPLES: usize = 1000;
/// Seed used when the caller does not say.
pub const DEFAULT_SEED: u64 = 20_251_211;

/// The 10th, 50th and 90th percentiles of a metric, one value per year.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// Per year, first year first, the value 10% of samples fall at or below (nearest rank),
    /// in the metric's unit.
    pub p10: Vec<f64>,
    /// Per year, the samples' median (nearest rank), in the metric's unit.
    pub p50: Vec<f64>,
    /// Per year, the value 90% of samples fall at or below (nearest rank), in the metric's
    /// unit.
    pub p90: Vec<f64>,
}

/// The deterministic central run plus uncertainty bands for every metric.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    /// The calendar year of the first value of every series and band.
    pub first_year: i32,
    /// The number of years projected (the horizon's length).
    pub years: usize,
    /// How many Monte Carlo samples the bands rest on; 0 means the bands are the central run.
    pub samples: usize,
    /// The seed the samples were drawn from; the same seed and samples give the same bands.
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

    /// A metric's p10, p50 and p90 in one year; `None` outside the horizon. What `chipcast
    /// compare` and the explorer's compare view both show, so they read it the same way.
    pub fn percentiles_in(&self, m: MetricId, year: i32) -> Option<[f64; 3]> {
        let i = usize::try_from(year - self.first_year).ok()?;
        let b = self.band(m);
        Some([*b.p10.get(i)?, *b.p50.get(i)?, *b.p90.get(i)?])
    }

    /// The years of the projection, first to last.
    pub fn years(&self) -> impl Iterator<Item = i32> + use<> {
        self.first_year..self.first_year + self.years as i32
    }

    /// The calendar year of the last value of every series and band.
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

/// The generator of one sample: SplitMix64 (Steele, Lea and Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014), a counter stepped by an odd constant and
/// passed through [`mix`]. It passes BigCrush, a draw costs one add and two multiplies, and its
/// state is one `u64`, so the eight generators of a batch step side by side in one vector
/// register (a 128-bit PCG, used before, took a third of the sampling time).
#[derive(Clone, Debug)]
pub struct SampleRng {
    state: u64,
}

impl RngCore for SampleRng {
    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        let out = mix(self.state);
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        out
    }

    #[inline(always)]
    fn next_u32(&mut self) -> u32 {
        (self.next_u64() >> 32) as u32
    }

    fn fill_bytes(&mut self, dst: &mut [u8]) {
        for chunk in dst.chunks_mut(8) {
            let bytes = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }
}

/// The generator of sample `index` for `seed`: its own starting point, far from every other
/// sample's (a sample takes about a hundred draws of a 2^64 cycle).
pub fn sample_rng(seed: u64, index: usize) -> SampleRng {
    SampleRng {
        state: mix(seed ^ mix(index as u64)),
    }
}

/// Runs the central projection and `samples` sampled ones, and reduces them to bands.
pub fn simulate(s: &Scenario, o: &Overrides, samples: usize, seed: u64) -> Projection {
    simulate_metrics(s, o, samples, seed, MetricId::ALL)
}

/// Like [`simulate`], but only `metrics` are sampled: the store holds their columns alone, so
/// memory grows with what the caller draws (`export` draws one metric: at 200,000 samples that
/// is 12 columns, about 10 MB, instead of all 42 metrics' 504 columns). The other metrics'
/// bands are the central run, as with 0 samples. The sampled bands are the same, bit for bit,
/// as [`simulate`]'s: each sample draws and projects the same way either way.
pub fn simulate_metrics(
    s: &Scenario,
    o: &Overrides,
    samples: usize,
    seed: u64,
    metrics: &[MetricId],
) -> Projection {
    simulate_held(s, o, None, samples, seed, metrics)
}

/// The median of `metric` in `year` over the samples [`simulate`] draws, with one lever's
/// setting held at a value (see [`Hold`]; `None`: the headline's own p50): sample `i` is
/// sample `i` of the unheld run with that setting's value replaced, so the difference between
/// two such medians is the held setting's alone (common random numbers). Only the years up to
/// `year` are projected (a year never depends on later ones), so a tornado of an early year
/// costs less. With 0 samples, the central run's value; `None` outside the horizon. The
/// one-at-a-time swings of `model::sensitivity` are made of these.
pub fn median_held(
    s: &Scenario,
    o: &Overrides,
    hold: Option<Hold>,
    samples: usize,
    seed: u64,
    metric: MetricId,
    year: i32,
) -> Option<f64> {
    let yi = usize::try_from(year - s.first_year)
        .ok()
        .filter(|&i| i < s.year_count())?;
    if samples == 0 {
        return Some(project(&central_held(s, o, hold)).series(metric)[yi]);
    }
    let mut slots = [None; METRIC_COUNT];
    slots[metric as usize] = Some(0);
    let bands = sampled_bands(s, o, hold, samples, seed, yi + 1, &slots, 1);
    Some(bands[0].p50[yi])
}

fn simulate_held(
    s: &Scenario,
    o: &Overrides,
    hold: Option<Hold>,
    samples: usize,
    seed: u64,
    metrics: &[MetricId],
) -> Projection {
    let central = project(&central_held(s, o, hold));
    let years = central.years;
    let mut bands: Vec<Band> = MetricId::ALL
        .iter()
        .map(|&m| {
            let v = central.series(m).to_vec();
            Band {
                p10: v.clone(),
                p50: v.clone(),
                p90: v,
            }
        })
        .collect();
    if samples > 0 {
        let mut slots = [None; METRIC_COUNT];
        let mut chosen: Vec<MetricId> = Vec::with_capacity(metrics.len());
        for &m in metrics {
            if slots[m as usize].is_none() {
                slots[m as usize] = Some(chosen.len());
                chosen.push(m);
            }
        }
        let sampled = sampled_bands(s, o, hold, samples, seed, years, &slots, chosen.len());
        for (m, band) in chosen.into_iter().zip(sampled) {
            bands[m as usize] = band;
        }
    }
    Projection {
        first_year: central.first_year,
        years,
        samples,
        seed,
        central,
        bands,
    }
}

/// Samples projected together in one pass (see `lanes.rs`).
const LANES: usize = 8;
type Batch = Lanes<LANES>;

/// Columns a reducing thread takes at a time.
const REDUCE_BLOCK: usize = 8;

/// Fewest samples worth a thread of their own.
const MIN_SAMPLES_PER_THREAD: usize = 512;

/// Where each metric's columns are in the store: `Some(k)` for the `k`th metric sampled,
/// `None` for a metric not sampled.
type Slots = [Option<usize>; METRIC_COUNT];

/// The bands of the `count` metrics that `slots` places, in slot order, over the first
/// `years` years of the horizon (all of them, or fewer when only an early year is wanted).
#[allow(clippy::too_many_arguments)]
fn sampled_bands(
    s: &Scenario,
    o: &Overrides,
    hold: Option<Hold>,
    samples: usize,
    seed: u64,
    years: usize,
    slots: &Slots,
    count: usize,
) -> Vec<Band> {
    // One column per sampled metric and year (`c = slot * years + year_index`), each holding
    // every sample's value as an order key (see `percentiles::order_key`), sample `i` at index `i`.
    let cols = count * years;
    let quantiles = with_store(cols * samples, |store| {
        fill_all(
            &Sampler::held(s, o, hold),
            samples,
            seed,
            years,
            slots,
            store,
        );
        reduce_all(store, samples, cols)
    });
    (0..count)
        .map(|slot| {
            let q = &quantiles[slot * years..(slot + 1) * years];
            Band {
                p10: q.iter().map(|x| x[0]).collect(),
                p50: q.iter().map(|x| x[1]).collect(),
                p90: q.iter().map(|x| x[2]).collect(),
            }
        })
        .collect()
}

/// Threads worth using for `samples` samples: one per core, each with at least
/// [`MIN_SAMPLES_PER_THREAD`].
fn thread_count(samples: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(samples.div_ceil(MIN_SAMPLES_PER_THREAD))
        .max(1)
}

/// Fewest samples in a chunk of the fill (eight batches, about 0.1 ms of work).
const MIN_CHUNK: usize = 8 * LANES;

/// Where the fill's chunks start and end: each chunk takes a share of the samples still
/// left, `left / (2 × threads)` (whole batches, at least [`MIN_CHUNK`]), so chunks shrink
/// towards the end ("guided" scheduling): few to hand out, and the threads finish within a
/// small chunk's time of each other. For 10,000 samples on two cores: 17 chunks, from 2,504
/// samples down to 64 (and the last 32).
fn chunk_bounds(samples: usize, threads: usize) -> Vec<usize> {
    let mut bounds = vec![0];
    let mut at = 0;
    while at < samples {
        let left = samples - at;
        at += (left / (2 * threads))
            .next_multiple_of(LANES)
            .max(MIN_CHUNK)
            .min(left);
        bounds.push(at);
    }
    bounds
}

/// Chunks of the fill handed out to whichever thread asks next: chunk `k` holds samples
/// `bounds[k]..bounds[k + 1]` of every column. Each is taken once, so its lock is never
/// contended.
struct Chunks<'a> {
    bounds: Vec<usize>,
    next: AtomicUsize,
    chunks: Vec<Mutex<Option<Vec<&'a mut [Key]>>>>,
}

impl<'a> Chunks<'a> {
    /// `store` (`samples` keys a column) cut at `bounds` (from 0 to `samples`).
    fn new(store: &'a mut [Key], samples: usize, bounds: Vec<usize>) -> Chunks<'a> {
        let count = bounds.len().saturating_sub(1);
        let cols = store.len() / samples.max(1);
        let mut chunks: Vec<Vec<&mut [Key]>> =
            (0..count).map(|_| Vec::with_capacity(cols)).collect();
        for column in store.chunks_exact_mut(samples.max(1)) {
            let mut rest = column;
            for (chunk, ends) in chunks.iter_mut().zip(bounds.windows(2)) {
                let (piece, tail) = rest.split_at_mut(ends[1] - ends[0]);
                chunk.push(piece);
                rest = tail;
            }
        }
        Chunks {
            bounds,
            next: AtomicUsize::new(0),
            chunks: chunks.into_iter().map(|c| Mutex::new(Some(c))).collect(),
        }
    }

    /// The next chunk not yet taken: its first sample and its piece of every column.
    fn claim(&self) -> Option<(usize, Vec<&'a mut [Key]>)> {
        let k = self.next.fetch_add(1, Ordering::Relaxed);
        let slot = self.chunks.get(k)?;
        let share = slot.lock().unwrap_or_else(|e| e.into_inner()).take()?;
        Some((self.bounds[k], share))
    }
}

/// Draws and projects every sample into `store`. The samples are cut into chunks that the
/// threads (the calling one among them) take in turn until none is left, so a thread that
/// starts late or is descheduled for a while leaves its work to the other instead of holding
/// up the whole run. Where a sample lands never depends on which thread projected it.
fn fill_all(
    sampler: &Sampler,
    samples: usize,
    seed: u64,
    years: usize,
    slots: &Slots,
    store: &mut [Key],
) {
    let threads = thread_count(samples);
    let chunks = Chunks::new(store, samples, chunk_bounds(samples, threads));
    let work = || fill(sampler, seed, &chunks, years, slots);
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(work);
        }
        work();
    });
}

/// The p10, p50 and p90 of each of the `cols` columns of `store`, in column order.
///
/// Columns cost very different amounts (a constant column is one pass, a spread one
/// several), so threads take blocks of columns from a shared counter rather than fixed
/// halves; each column's result depends on the column alone.
fn reduce_all(store: &[Key], samples: usize, cols: usize) -> Vec<[f64; 3]> {
    let threads = thread_count(samples);
    let mut quantiles = vec![[0.0_f64; 3]; cols];
    let next = AtomicUsize::new(0);
    let reduce = || {
        let mut percentiles = Percentiles::default();
        let mut done = Vec::new();
        loop {
            let first = next.fetch_add(REDUCE_BLOCK, Ordering::Relaxed);
            if first >= cols {
                return done;
            }
            for c in first..(first + REDUCE_BLOCK).min(cols) {
                let column = &store[c * samples..(c + 1) * samples];
                done.push((c, percentiles.of(column)));
            }
        }
    };
    // As in the fill, the calling thread is one of the reducing threads.
    let results: Vec<Vec<(usize, [f64; 3])>> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(reduce)).collect();
        let mut all = vec![reduce()];
        for w in others {
            all.push(w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        all
    });
    for (c, q) in results.into_iter().flatten() {
        quantiles[c] = q;
    }
    quantiles
}

/// Draws and projects the chunks it claims from `chunks` into their pieces of the columns,
/// eight samples per pass: the eight samples' generators draw the levers that vary side by
/// side, each into its own lane of the batch (the other levers hold the central path in every
/// lane), and the batch is projected at once.
///
/// Compiled three times: for the baseline x86-64, with AVX2, and with AVX-512 (eight lanes of
/// `f64` are one register), picked at run time. Lanes are IEEE operations every way (no fused
/// multiply-add), so all give the same bits. (The reduction stays at AVX2: compiled for
/// AVX-512, its counting loop ran ten times slower.)
#[multiversion(targets("x86_64+avx512f+avx512bw+avx512dq+avx512vl", "x86_64+avx2"))]
fn fill<'s, 'c>(
    sampler: &Sampler<'s>,
    seed: u64,
    chunks: &Chunks<'c>,
    years: usize,
    slots: &Slots,
) {
    // Every lane starts as the central path; each sample then redraws its own lane's
    // varying levers, and the other levers keep the central path.
    let mut rows: Vec<[Batch; LEVER_COUNT]> = sampler
        .base()
        .values
        .iter()
        .map(|row| row.map(Batch::splat))
        .collect();
    while let Some((start, mut share)) = chunks.claim() {
        let len = share.first().map_or(0, |c| c.len());
        for batch_start in (0..len).step_by(LANES) {
            let n = LANES.min(len - batch_start);
            let mut rngs: [SampleRng; LANES] =
                std::array::from_fn(|lane| sample_rng(seed, start + batch_start + lane));
            sampler.redraw(&mut rngs, &mut rows);
            // Lanes past `n` (the last batch only) hold samples past this chunk and are
            // dropped. The first `years` rows: a run for an early year stops there.
            project_rows(
                sampler.base().first_year,
                &rows[..years],
                false,
                |yi, values, _| {
                    for (slot, v) in slots.iter().zip(values) {
                        let Some(slot) = *slot else { continue };
                        let column = &mut share[slot * years + yi][batch_start..batch_start + n];
                        match <&mut [Key; LANES]>::try_from(&mut *column) {
                            Ok(full) => *full = v.0.map(order_key),
                            Err(_) => {
                                for (slot, &x) in column.iter_mut().zip(&v.0) {
                                    *slot = order_key(x);
                                }
                            }
                        }
                    }
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn chunks_cover_every_sample_once_in_whole_batches() {
        for (samples, threads) in [(1, 1), (7, 1), (1_237, 2), (10_000, 2), (100_000, 4)] {
            let b = chunk_bounds(samples, threads);
            assert_eq!((b[0], b[b.len() - 1]), (0, samples));
            for w in b.windows(2) {
                let size = w[1] - w[0];
                assert!(size > 0);
                // Only the last chunk may end in a partial batch.
                assert!(w[1] == samples || size % LANES == 0, "{samples}: {w:?}");
            }
        }
        // The tail is fine-grained: the threads finish within a small chunk of each other.
        let b = chunk_bounds(10_000, 2);
        assert!(b.len() - 1 < 24);
        assert!(b.windows(2).rev().take(3).all(|w| w[1] - w[0] <= MIN_CHUNK));
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
