//! Seeded Monte Carlo: many sampled lever paths projected, reduced to p10/p50/p90 bands per
//! metric and year.
//!
//! Determinism: sample `i` draws from its own PCG stream seeded from `(seed, i)`, and every
//! sample's results land in a slot fixed by `i`, so the bands are identical for the same seed
//! on every run and any thread count. Percentiles are nearest-rank on the sorted samples
//! (index `round(q × (n − 1))`). No allocation happens per sample: each worker draws its
//! samples into the lanes of one batch and projects eight samples per pass (`lanes.rs`), which
//! gives bit for bit what projecting each sample alone gives (tests/model_montecarlo.rs).
//! docs/performance.md ("Model") has the figures and where the time goes.

use std::sync::atomic::{AtomicUsize, Ordering};

use multiversion::multiversion;
use rand_pcg::Pcg64;

use super::lanes::{Lanes, Num};
use super::levers::LEVER_COUNT;
use super::metrics::{METRIC_COUNT, MetricId};
use super::path::{Sampler, central_path};
use super::project::{Run, project, project_rows};
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

/// Samples projected together in one pass (see `lanes.rs`).
const LANES: usize = 8;
type Batch = Lanes<LANES>;

thread_local! {
    /// The last sample store of this thread, kept for the next run (see `sampled_bands`).
    static STORE: std::cell::Cell<Vec<Key>> = const { std::cell::Cell::new(Vec::new()) };
}
/// Largest store kept between runs (64 MiB of keys: about 38,000 samples of a 12-year run).
const STORE_KEEP: usize = 16 << 20;

/// Keys in a 2 MiB huge page.
const HUGE_PAGE_KEYS: usize = (2 << 20) / std::mem::size_of::<Key>();

/// `need` keys of `kept`, replaced first if too small, starting on a huge-page boundary when
/// the store spans at least two huge pages.
///
/// Every slot is written by a worker before the reduction reads it, so a store left from an
/// earlier run on this thread is reused as it is (zeroing 15 MB for 10,000 samples took
/// longer than any one step of the reduction). A store too small is replaced, not grown:
/// `vec![0; n]` asks the allocator for zeroed memory, which for a large store is fresh pages
/// from the kernel, already zero, so nothing is written here; the pages are first touched by
/// the workers' writes, on every core at once. A large store also asks for transparent huge
/// pages: a first run otherwise spent about a quarter of its CPU time in the kernel, faulting
/// in, and at exit unmapping, 4 KiB pages one at a time (3,000 for 10,000 samples of the
/// bundled baseline), and the fill's writes to 300–400 columns a batch missed the TLB.
fn store_for(kept: &mut Vec<Key>, need: usize) -> &mut [Key] {
    let huge = need >= 2 * HUGE_PAGE_KEYS;
    // Room to start on a boundary and to end on one.
    let want = if huge {
        need + 2 * HUGE_PAGE_KEYS
    } else {
        need
    };
    if kept.len() < want {
        *kept = Vec::new();
        *kept = vec![0; want];
        if huge {
            advise_huge_pages(kept);
        }
    }
    let start = if huge {
        let offset = kept
            .as_ptr()
            .align_offset(HUGE_PAGE_KEYS * std::mem::size_of::<Key>());
        if offset
            .checked_add(need)
            .is_some_and(|end| end <= kept.len())
        {
            offset
        } else {
            0
        }
    } else {
        0
    };
    &mut kept[start..start + need]
}

/// Asks the kernel to back the whole huge pages inside `keys` with huge pages when they are
/// first touched. Advice only: contents and validity of the memory do not change, and a
/// kernel without transparent huge pages (or set to `never`) ignores it.
#[cfg(target_os = "linux")]
fn advise_huge_pages(keys: &[Key]) {
    const HUGE: usize = 2 << 20;
    let start = keys.as_ptr() as usize;
    let end = start + std::mem::size_of_val(keys);
    let first = start.next_multiple_of(HUGE);
    let last = end / HUGE * HUGE;
    if last > first {
        // SAFETY: `[first, last)` lies inside the live allocation behind `keys`, and
        // MADV_HUGEPAGE only changes how the kernel backs those pages, never what they hold.
        #[allow(unsafe_code, reason = "the one reviewed FFI call: madvise, see SAFETY")]
        unsafe {
            libc::madvise(
                first as *mut libc::c_void,
                last - first,
                libc::MADV_HUGEPAGE,
            );
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_keys: &[Key]) {}

/// Columns a reducing thread takes at a time.
const REDUCE_BLOCK: usize = 8;

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
    let mut kept = STORE.take();
    let store = store_for(&mut kept, cols * samples);

    // Hand each worker its sub-slice of every column.
    let mut shares: Vec<Vec<&mut [Key]>> = (0..threads).map(|_| Vec::with_capacity(cols)).collect();
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
    let work = |start: usize, share: Vec<&mut [Key]>| {
        fill(&sampler, seed, start, share, years);
    };
    // The calling thread fills the first share itself; one thread is spawned per other share.
    std::thread::scope(|scope| {
        let mut shares = shares.into_iter().enumerate();
        let first = shares.next();
        for (t, share) in shares {
            let work = &work;
            scope.spawn(move || work(t * chunk, share));
        }
        if let Some((_, share)) = first {
            work(0, share);
        }
    });
    let store = &*store;

    // Percentiles per column. Columns cost very different amounts (a constant column is one
    // pass, a spread one several), so threads take blocks of columns from a shared counter
    // rather than fixed halves; each column's result depends on the column alone.
    let mut quantiles = vec![[0.0_f64; 3]; cols];
    let next = AtomicUsize::new(0);
    let reduce = || {
        let mut scratch = Scratch::default();
        let mut done = Vec::new();
        loop {
            let first = next.fetch_add(REDUCE_BLOCK, Ordering::Relaxed);
            if first >= cols {
                return done;
            }
            for c in first..(first + REDUCE_BLOCK).min(cols) {
                let column = &store[c * samples..(c + 1) * samples];
                done.push((c, percentiles(column, &mut scratch)));
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

    if kept.len() <= STORE_KEEP {
        STORE.set(kept);
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

/// Draws and projects the samples `start..start + len` into `share` (each column's slice for
/// those samples), eight samples per pass: the eight samples' generators draw the levers
/// that vary side by side, each into its own lane of the batch (the other levers hold the
/// central path in every lane), and the batch is projected at once.
///
/// Compiled twice: for the baseline x86-64 and with AVX2, picked at run time. Lanes are IEEE
/// operations either way (no fused multiply-add), so both give the same bits.
#[multiversion(targets("x86_64+avx2"))]
fn fill<'s, 'c>(
    sampler: &Sampler<'s>,
    seed: u64,
    start: usize,
    mut share: Vec<&'c mut [Key]>,
    years: usize,
) {
    let len = share.first().map_or(0, |c| c.len());
    // Every lane starts as the central path; each sample then redraws its own lane's
    // varying levers, and the other levers keep the central path.
    let mut rows: Vec<[Batch; LEVER_COUNT]> = sampler
        .base()
        .values
        .iter()
        .map(|row| row.map(Batch::splat))
        .collect();
    for batch_start in (0..len).step_by(LANES) {
        let n = LANES.min(len - batch_start);
        let mut rngs: [Pcg64; LANES] =
            std::array::from_fn(|lane| sample_rng(seed, start + batch_start + lane));
        sampler.redraw(&mut rngs, &mut rows);
        // Lanes past `n` (the last batch only) hold samples past this share and are dropped.
        project_rows(sampler.base().first_year, &rows, false, |yi, values, _| {
            for (m, v) in values.iter().enumerate() {
                let column = &mut share[m * years + yi][batch_start..batch_start + n];
                match <&mut [Key; LANES]>::try_from(&mut *column) {
                    Ok(full) => *full = v.0.map(order_key),
                    Err(_) => {
                        for (slot, &x) in column.iter_mut().zip(&v.0) {
                            *slot = order_key(x);
                        }
                    }
                }
            }
        });
    }
}

/// A sample stored for the reduction: its value as an `f32`, turned into an integer with the
/// same order as `f32::total_cmp` (negative floats have all bits but the sign flipped). Half
/// the memory of `f64`, and signed integer comparisons that vector instructions do in one
/// step. Bands therefore carry `f32` precision (about seven significant digits), far finer
/// than the Monte Carlo's own noise. Only NaNs map to `Key::MIN` and `Key::MAX`.
type Key = i32;

fn order_key(v: f64) -> Key {
    let bits = (v as f32).to_bits() as i32;
    bits ^ ((((bits >> 31) as u32) >> 1) as i32)
}

/// The value behind a key, as the shortest decimal that names the `f32` (so 0.35 reads 0.35,
/// not 0.3499999940395355).
fn from_key(k: Key) -> f64 {
    let bits = k ^ ((((k >> 31) as u32) >> 1) as i32);
    let x = f32::from_bits(bits as u32);
    if x.is_finite() {
        x.to_string().parse().unwrap_or(f64::from(x))
    } else {
        f64::from(x)
    }
}

/// Reusable buffers for [`percentiles`].
#[derive(Default)]
struct Scratch {
    pilot: Vec<Key>,
    bins: [Vec<Key>; 3],
}

/// The quantiles [`percentiles`] returns.
const QUANTILES: [f64; 3] = [0.1, 0.5, 0.9];
/// Keys in the pilot sample that brackets each quantile.
const PILOT: usize = 512;
/// Half-width of a first bracket, in standard deviations of the pilot's rank estimate.
const BRACKET_SIGMAS: f64 = 3.5;
/// Below this many samples a plain selection beats building brackets.
const SMALL: usize = 4096;
/// Cuts counted per quantile in each counting round. Four cuts for each of the three
/// quantiles make twelve bounds per pass over the column, the width whose vector loop the
/// compiler keeps in registers (with 3, 4, 6 or 8 bounds a pass took as long or longer here:
/// the compiler vectorized across bounds instead of keys).
const CUTS: usize = 4;
/// Most counting rounds before the final brackets are copied.
const ROUNDS: usize = 4;
/// A bracket this small is copied as it is rather than narrowed by another pass.
const FINAL_LEN: usize = 32;

/// [`percentiles`] by selection on a copy: the median first, then the 10th percentile among
/// the keys left of it and the 90th among those right of it.
fn small_percentiles(v: &[Key], ranks: [usize; 3], buf: &mut Vec<Key>) -> [f64; 3] {
    buf.clear();
    buf.extend_from_slice(v);
    let [r10, r50, r90] = ranks;
    let (left, &mut mid, right) = buf.select_nth_unstable(r50);
    let p10 = if r10 < r50 {
        *left.select_nth_unstable(r10).1
    } else {
        mid
    };
    let p90 = if r90 > r50 {
        *right.select_nth_unstable(r90 - r50 - 1).1
    } else {
        mid
    };
    [from_key(p10), from_key(mid), from_key(p90)]
}

/// How many keys of `v` lie below each bound. Written so the compiler turns it into vector
/// compares: eight keys at a time, one running count per bound and lane.
#[inline(always)]
fn count_below<const B: usize>(v: &[Key], bounds: &[Key; B]) -> [usize; B] {
    let mut lanes = [[0_i32; 8]; B];
    let chunks = v.chunks_exact(8);
    let rest = chunks.remainder();
    for chunk in chunks {
        for (acc, &b) in lanes.iter_mut().zip(bounds) {
            for (a, &k) in acc.iter_mut().zip(chunk) {
                *a += i32::from(k < b);
            }
        }
    }
    let mut below = [0_usize; B];
    for ((out, acc), &b) in below.iter_mut().zip(&lanes).zip(bounds) {
        *out = acc.iter().map(|&c| c as usize).sum::<usize>()
            + rest.iter().filter(|&&k| k < b).count();
    }
    below
}

/// A run of keys `[lo, hi)` known to hold a wanted order statistic: `below` keys of the
/// column lie under `lo` and `len` in it, so rank `r` is the `(r - below)`-th smallest in it.
#[derive(Clone, Copy, Debug)]
struct Bracket {
    lo: Key,
    hi: Key,
    below: usize,
    len: usize,
}

impl Bracket {
    /// Whether `k` is in `[lo, hi)`, in one unsigned comparison.
    #[inline(always)]
    fn holds(self, k: Key) -> bool {
        (k.wrapping_sub(self.lo) as u32) < (self.hi.wrapping_sub(self.lo) as u32)
    }

    /// Whether the bracket holds a single key value (a run of ties): then that is the answer.
    fn single(self) -> bool {
        self.hi == self.lo.wrapping_add(1)
    }

    /// Whether narrowing it further would cost more than copying it.
    fn settled(self) -> bool {
        self.single() || self.len <= FINAL_LEN
    }
}

/// Of the parts `[cuts[t], cuts[t + 1])` of a bracket, with `counts[t]` keys of the column
/// below `cuts[t]`, the one holding `rank`, if any; `span` (pilot positions, cut into the same
/// number of equal parts) narrows to it.
fn keep_part<const C: usize>(
    span: &mut (f64, f64),
    cuts: &[Key; C],
    counts: &[usize; C],
    rank: usize,
) -> Option<Bracket> {
    let t = (0..C - 1).find(|&t| counts[t] <= rank && rank < counts[t + 1])?;
    let (a, b) = *span;
    let step = (b - a) / (C - 1) as f64;
    *span = (a + step * t as f64, a + step * (t + 1) as f64);
    Some(Bracket {
        lo: cuts[t],
        hi: cuts[t + 1],
        below: counts[t],
        len: counts[t + 1] - counts[t],
    })
}

/// Nearest-rank 10th, 50th and 90th percentiles (index `round(q × (n − 1))` of the sorted
/// values) of the values behind the keys.
///
/// Exact. Columns of fewer than 4,096 keys are selected directly. For longer ones:
/// 1. a pilot of the first 512 keys (the samples are independent, so any 512 are a random
///    sample), sorted, estimates where each quantile lies, give or take 3.5 standard
///    deviations of the estimate;
/// 2. counting rounds narrow that down: each counts exactly how many keys lie below four cuts
///    per quantile (twelve vector compares per eight keys, no branches) and keeps the part
///    that holds the wanted rank. The first round counts the estimate's two ends and two cuts
///    between them; later rounds cut the part kept into five, at pilot keys while the pilot
///    is fine enough there and evenly in key space after that. Rounds stop when every
///    bracket holds at most 32 keys or a single key value, or after four rounds;
/// 3. one pass copies the keys of the final brackets (skipped eight keys at a time when none
///    is in one), and a selection in each finishes; a bracket that holds a single key value
///    (a run of ties) is the answer as it is.
///
/// The counts are exact, so a bracket is only kept when it holds the rank; when the pilot's
/// estimate missed, that quantile is selected from the whole column instead. The answer never
/// depends on the pilot.
#[multiversion(targets("x86_64+avx2"))]
fn percentiles(v: &[Key], scratch: &mut Scratch) -> [f64; 3] {
    let n = v.len();
    if n == 0 {
        return [0.0; 3];
    }
    let ranks = QUANTILES.map(|q| ((q * (n - 1) as f64).round() as usize).min(n - 1));
    if n < SMALL {
        return small_percentiles(v, ranks, &mut scratch.bins[0]);
    }
    let pilot = &mut scratch.pilot;
    pilot.clear();
    pilot.extend_from_slice(&v[..PILOT]);
    pilot.sort_unstable();
    let m = pilot.len();
    if pilot[0] == pilot[m - 1] && v.iter().all(|&k| k == pilot[0]) {
        return [from_key(pilot[0]); 3];
    }
    // Each quantile's span of pilot positions (fractional), first from the estimate.
    let mut spans = [(0.0_f64, 0.0_f64); 3];
    for (j, &q) in QUANTILES.iter().enumerate() {
        let at = ranks[j] as f64 / (n - 1) as f64 * (m - 1) as f64;
        let reach = BRACKET_SIGMAS * ((m as f64) * q * (1.0 - q)).sqrt() + 2.0;
        spans[j] = (at - reach, at + reach);
    }
    // The key at a pilot position; past either end, a bound that lets every key in.
    let key_at = |pos: f64| -> Key {
        if pos < 0.0 {
            Key::MIN
        } else if pos > (m - 1) as f64 {
            Key::MAX
        } else {
            pilot[pos.round() as usize]
        }
    };

    // Round one: each span's two ends and two cuts between them.
    let mut bounds = [0 as Key; 3 * CUTS];
    for (j, &(a, b)) in spans.iter().enumerate() {
        for t in 0..CUTS {
            bounds[j * CUTS + t] = key_at(a + (b - a) * t as f64 / (CUTS - 1) as f64);
        }
        // The last cut lets its own key in, so a quantile inside a run of ties is found (as
        // a bracket of that one key) rather than falling between equal cuts.
        let top = &mut bounds[j * CUTS + CUTS - 1];
        *top = top.saturating_add(1);
    }
    let below = count_below(v, &bounds);
    let mut found: [Option<Bracket>; 3] = [None; 3];
    for j in 0..3 {
        let cuts: [Key; CUTS] = std::array::from_fn(|t| bounds[j * CUTS + t]);
        let counts: [usize; CUTS] = std::array::from_fn(|t| below[j * CUTS + t]);
        found[j] = keep_part(&mut spans[j], &cuts, &counts, ranks[j]);
    }

    // Later rounds: the part kept, cut into five.
    const PARTS: usize = CUTS + 1;
    for _ in 1..ROUNDS {
        if found.iter().flatten().all(|f| f.settled()) {
            break;
        }
        let mut inner = [0 as Key; 3 * CUTS];
        for (j, f) in found.iter().enumerate() {
            let Some(f) = f.filter(|f| !f.settled()) else {
                continue;
            };
            let (a, b) = spans[j];
            for t in 1..PARTS {
                inner[j * CUTS + t - 1] = if b - a >= PARTS as f64 {
                    key_at(a + (b - a) * t as f64 / PARTS as f64).clamp(f.lo, f.hi)
                } else {
                    let width = i64::from(f.hi) - i64::from(f.lo);
                    (i64::from(f.lo) + width * t as i64 / PARTS as i64) as Key
                };
            }
        }
        let below = count_below(v, &inner);
        for j in 0..3 {
            let Some(f) = found[j].filter(|f| !f.settled()) else {
                continue;
            };
            let mut cuts = [f.lo; PARTS + 1];
            let mut counts = [f.below; PARTS + 1];
            for t in 1..PARTS {
                cuts[t] = inner[j * CUTS + t - 1];
                counts[t] = below[j * CUTS + t - 1];
            }
            cuts[PARTS] = f.hi;
            counts[PARTS] = f.below + f.len;
            // The counts are exact and the cuts lie within the bracket, so one part holds
            // the rank.
            found[j] = keep_part(&mut spans[j], &cuts, &counts, ranks[j]);
        }
    }

    // Copy the keys of the brackets found that hold more than one key value. An empty range
    // stands in for the others: a bracket of one value is the answer, and a miss is handled
    // below.
    let none = Bracket {
        lo: 0,
        hi: 0,
        below: 0,
        len: 0,
    };
    let [f0, f1, f2] = found.map(|f| f.filter(|f| !f.single()).unwrap_or(none));
    for bin in scratch.bins.iter_mut() {
        bin.clear();
    }
    let [b0, b1, b2] = &mut scratch.bins;
    for chunk in v.chunks(8) {
        let any = chunk.iter().fold(false, |any, &k| {
            any | f0.holds(k) | f1.holds(k) | f2.holds(k)
        });
        if any {
            for &k in chunk {
                if f0.holds(k) {
                    b0.push(k);
                }
                if f1.holds(k) {
                    b1.push(k);
                }
                if f2.holds(k) {
                    b2.push(k);
                }
            }
        }
    }
    let mut out = [0.0; 3];
    for (j, bin) in scratch.bins.iter_mut().enumerate() {
        let key = match found[j] {
            Some(f) if f.single() => f.lo,
            Some(f) => *bin.select_nth_unstable(ranks[j] - f.below).1,
            None => {
                // The pilot's estimate missed: select from the whole column.
                bin.clear();
                bin.extend_from_slice(v);
                *bin.select_nth_unstable(ranks[j]).1
            }
        };
        out[j] = from_key(key);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<Key> = (0..=100).rev().map(|x| order_key(f64::from(x))).collect();
        let mut scratch = Scratch::default();
        assert_eq!(percentiles(&v, &mut scratch), [10.0, 50.0, 90.0]);
        let one = vec![order_key(3.0)];
        assert_eq!(percentiles(&one, &mut scratch), [3.0, 3.0, 3.0]);
        let signed: Vec<Key> = [-2.5, 0.0, -0.0, 7.0, 1e-30]
            .iter()
            .map(|&x| order_key(x))
            .collect();
        assert_eq!(percentiles(&signed, &mut scratch)[1], 0.0);
        for x in [-3.5, -0.0, 0.0, 1e-30, 2.0, 0.35, 15.525, 4_271_484.0] {
            assert_eq!(from_key(order_key(x)), x);
        }
        let mut keys: Vec<Key> = [3.0, -1.0, 0.5, -0.0, 0.0, -7.25, 1e9]
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
        // Short columns (plain selection) and long ones (pilot and brackets), with spread,
        // clustered, tied, skewed, mostly-zero and pilot-fooling values.
        let sizes = (0..40)
            .map(|c| 1 + c * 97)
            .chain([4_096, 5_003, 10_000, 12_345]);
        for (case, n) in sizes.enumerate() {
            let values: Vec<f64> = (0..n)
                .map(|i| match case % 6 {
                    0 => rng.random::<f64>() * 1e6,
                    1 => 1000.0 + rng.random::<f64>(),
                    2 => f64::from((i % 5) as u32),
                    3 => -50.0 + 100.0 * rng.random::<f64>().powi(7),
                    4 => f64::from(u8::from(rng.random::<f64>() < 0.15)),
                    // Every key the pilot reads is large, the rest small: each bracket
                    // misses and the whole-column fallback answers.
                    _ if i < PILOT => 1e9 + i as f64,
                    _ => i as f64,
                })
                .collect();
            let keys: Vec<Key> = values.iter().map(|&x| order_key(x)).collect();
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
