//! Exact nearest-rank p10, p50 and p90 of a column of Monte Carlo samples, by a pilot
//! sample and counting passes rather than a sort (the reduction step of `montecarlo.rs`).
//!
//! A sample is stored as a [`Key`]: its value as an `f32`, as an integer with the same
//! order. [`percentiles`] is the whole interface; [`Percentiles`] keeps its buffers between
//! columns.

use multiversion::multiversion;

/// A sample stored for the reduction: its value as an `f32`, turned into an integer with the
/// same order as `f32::total_cmp` (negative floats have all bits but the sign flipped). Half
/// the memory of `f64`, and signed integer comparisons that vector instructions do in one
/// step. Bands therefore carry `f32` precision (about seven significant digits), far finer
/// than the Monte Carlo's own noise. Only NaNs map to `Key::MIN` and `Key::MAX`.
pub type Key = i32;

/// The key of a value (see [`Key`]).
pub fn order_key(v: f64) -> Key {
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

/// Reusable buffers for [`select`].
#[derive(Default)]
struct Scratch {
    pilot: Vec<Key>,
    /// The other buffer of the pilot's radix sort.
    spare: Vec<Key>,
    bins: [Vec<Key>; 3],
    /// The part of a bin that holds the rank (`pack_and_select`).
    part: Vec<Key>,
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
/// compares: eight keys at a time, one running count per bound and lane. It counts the keys
/// at or above each bound, as `k > bound − 1`: that comparison takes the key from a register
/// and the bound from memory in one instruction, so the twelve counts stay in registers
/// (counting `k < bound` needs the bound in a register and spilled the counts).
#[inline(always)]
fn count_below<const B: usize>(v: &[Key], bounds: &[Key; B]) -> [usize; B] {
    let under: [Key; B] = bounds.map(|b| b.wrapping_sub(1));
    let mut lanes = [[0_i32; 8]; B];
    let chunks = v.chunks_exact(8);
    let rest = chunks.remainder();
    for chunk in chunks {
        for (acc, &u) in lanes.iter_mut().zip(&under) {
            for (a, &k) in acc.iter_mut().zip(chunk) {
                *a += i32::from(k > u);
            }
        }
    }
    let mut below = [0_usize; B];
    for ((out, acc), &b) in below.iter_mut().zip(&lanes).zip(bounds) {
        let at_or_above = acc.iter().map(|&c| c as usize).sum::<usize>();
        // No key lies below `Key::MIN` (whose `bound − 1` wraps).
        *out = if b == Key::MIN {
            0
        } else {
            (v.len() - rest.len() - at_or_above) + rest.iter().filter(|&&k| k < b).count()
        };
    }
    below
}

/// Sorts `keys` ascending: least significant byte first, one counting pass per byte, and a
/// byte on which every key agrees (often the top one: one sign and exponent) skipped. For
/// the 512-key pilot this takes about two thirds of the time of `sort_unstable` (4.0–5.6 µs
/// against 6.0–7.9 µs a pilot, measured side by side on a loaded 2-core host, 2026-12-01).
fn radix_sort(keys: &mut Vec<Key>, spare: &mut Vec<Key>) {
    // Flipping the sign bit orders signed keys as unsigned ones.
    let digit = |k: Key, shift: u32| ((((k as u32) ^ 0x8000_0000) >> shift) & 0xFF) as usize;
    let mut counts = [[0_u32; 256]; 4];
    for &k in keys.iter() {
        for (byte, c) in counts.iter_mut().enumerate() {
            c[digit(k, 8 * byte as u32)] += 1;
        }
    }
    spare.clear();
    spare.resize(keys.len(), 0);
    for (byte, c) in counts.iter().enumerate() {
        if c.iter().any(|&n| n as usize == keys.len()) {
            continue;
        }
        let mut at = [0_u32; 256];
        let mut sum = 0;
        for (a, &n) in at.iter_mut().zip(c) {
            *a = sum;
            sum += n;
        }
        let shift = 8 * byte as u32;
        for &k in keys.iter() {
            let d = digit(k, shift);
            spare[at[d] as usize] = k;
            at[d] += 1;
        }
        std::mem::swap(keys, spare);
    }
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

/// Cuts at pilot keys that narrow each bin of [`pack_and_select`] before its selection.
const BIN_CUTS: usize = 7;
/// A bin this short is selected from as it is.
const BIN_SMALL: usize = 64;

/// Whether [`pack_and_select`] can run: AVX-512 (F, VL, BW, DQ) and POPCNT, checked at run
/// time (`std` caches the answer).
fn packs_fast() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512vl")
            && std::arch::is_x86_feature_detected!("avx512bw")
            && std::arch::is_x86_feature_detected!("avx512dq")
            && std::arch::is_x86_feature_detected!("popcnt")
    }
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// The keys at `ranks` of `v`, each found in its bracket `[lo, hi)`, by vector compresses
/// (AVX-512); `None` for a rank its bracket does not hold (the caller selects from the whole
/// column).
///
/// 1. One pass over the column: for every sixteen keys and each bracket, one compare counts
///    the keys below the bracket and one range compare picks those in it, which a compress
///    moves to the front of a register, stored at the end of the bracket's bin whatever the
///    count (so a bin has room for `v.len() + 16` keys). No branches; the column is read once.
/// 2. Each bin (a tenth to a sixth of the column) is counted against `cuts`, keys of the sorted
///    pilot inside the bracket, and the part that holds the rank is compressed out of it:
///    the bin is in the first-level cache, so this costs little next to the column's pass.
/// 3. A selection in that part (an eighth of the bin or so) finishes; a part that holds a
///    single key value (a run of ties) is the answer as it is.
///
/// Safe code: the intrinsics are safe where the features are enabled, and registers and key
/// arrays convert with `bytemuck` (no pointers).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512dq,avx512vl,popcnt")]
fn pack_and_select(
    v: &[Key],
    brackets: [(Key, Key); 3],
    cuts: &[[Key; BIN_CUTS]; 3],
    ranks: [usize; 3],
    scratch: &mut Scratch,
) -> [Option<Key>; 3] {
    use std::arch::x86_64::{
        __m512i, _mm512_cmplt_epi32_mask, _mm512_cmplt_epu32_mask, _mm512_mask_add_epi32,
        _mm512_maskz_compress_epi32, _mm512_reduce_add_epi32, _mm512_set1_epi32,
        _mm512_setzero_si512, _mm512_sub_epi32,
    };
    const W: usize = 16;
    let need = v.len() + W;
    for bin in scratch.bins.iter_mut().chain([&mut scratch.part]) {
        if bin.len() < need {
            bin.resize(need, 0);
        }
    }
    let ones = _mm512_set1_epi32(1);
    let lo = brackets.map(|(lo, _)| _mm512_set1_epi32(lo));
    let width = brackets.map(|(lo, hi)| _mm512_set1_epi32(hi.wrapping_sub(lo)));
    let holds =
        |k: Key, (lo, hi): (Key, Key)| (k.wrapping_sub(lo) as u32) < (hi.wrapping_sub(lo) as u32);

    // 1. The column's pass.
    let [b0, b1, b2] = &mut scratch.bins;
    let mut bins = [&mut b0[..need], &mut b1[..need], &mut b2[..need]];
    let mut lens = [0_usize; 3];
    let mut under = [_mm512_setzero_si512(); 3];
    let chunks = v.chunks_exact(W);
    let rest = chunks.remainder();
    for chunk in chunks {
        let keys: [Key; W] = chunk.try_into().unwrap_or([0; W]);
        let x: __m512i = bytemuck::cast(keys);
        for j in 0..3 {
            let below = _mm512_cmplt_epi32_mask(x, lo[j]);
            under[j] = _mm512_mask_add_epi32(under[j], below, under[j], ones);
            // `k − lo < hi − lo` unsigned: in the bracket.
            let inside = _mm512_cmplt_epu32_mask(_mm512_sub_epi32(x, lo[j]), width[j]);
            let packed: [Key; W] = bytemuck::cast(_mm512_maskz_compress_epi32(inside, x));
            let at = lens[j];
            bins[j][at..at + W].copy_from_slice(&packed);
            lens[j] = at + inside.count_ones() as usize;
        }
    }
    let mut below = under.map(|u| _mm512_reduce_add_epi32(u) as usize);
    for &k in rest {
        for j in 0..3 {
            if holds(k, brackets[j]) {
                bins[j][lens[j]] = k;
                lens[j] += 1;
            } else if k < brackets[j].0 {
                below[j] += 1;
            }
        }
    }

    let spare = &mut scratch.part[..need];
    std::array::from_fn(|j| {
        let rank = ranks[j].checked_sub(below[j]).filter(|&r| r < lens[j])?;
        let bin = &mut bins[j][..lens[j]];
        if bin.len() <= BIN_SMALL {
            return Some(*bin.select_nth_unstable(rank).1);
        }
        // 2. Keys of the bin below each cut.
        let cut = cuts[j].map(|c| _mm512_set1_epi32(c));
        let mut under = [_mm512_setzero_si512(); BIN_CUTS];
        let chunks = bin.chunks_exact(W);
        let rest = chunks.remainder();
        for chunk in chunks.clone() {
            let keys: [Key; W] = chunk.try_into().unwrap_or([0; W]);
            let x: __m512i = bytemuck::cast(keys);
            for (u, &c) in under.iter_mut().zip(&cut) {
                *u = _mm512_mask_add_epi32(*u, _mm512_cmplt_epi32_mask(x, c), *u, ones);
            }
        }
        let mut counts = [0_usize; BIN_CUTS + 2];
        for t in 0..BIN_CUTS {
            counts[t + 1] = _mm512_reduce_add_epi32(under[t]) as usize
                + rest.iter().filter(|&&k| k < cuts[j][t]).count();
        }
        counts[BIN_CUTS + 1] = bin.len();
        let t = (0..=BIN_CUTS).find(|&t| counts[t] <= rank && rank < counts[t + 1])?;
        let part_lo = if t == 0 {
            brackets[j].0
        } else {
            cuts[j][t - 1]
        };
        let part_hi = if t == BIN_CUTS {
            brackets[j].1
        } else {
            cuts[j][t]
        };
        if part_hi == part_lo.wrapping_add(1) {
            return Some(part_lo);
        }
        // 3. The part's keys, then the selection.
        let (plo, pw) = (
            _mm512_set1_epi32(part_lo),
            _mm512_set1_epi32(part_hi.wrapping_sub(part_lo)),
        );
        let mut len = 0;
        for chunk in chunks {
            let keys: [Key; W] = chunk.try_into().unwrap_or([0; W]);
            let x: __m512i = bytemuck::cast(keys);
            let inside = _mm512_cmplt_epu32_mask(_mm512_sub_epi32(x, plo), pw);
            let packed: [Key; W] = bytemuck::cast(_mm512_maskz_compress_epi32(inside, x));
            spare[len..len + W].copy_from_slice(&packed);
            len += inside.count_ones() as usize;
        }
        for &k in rest {
            if holds(k, (part_lo, part_hi)) {
                spare[len] = k;
                len += 1;
            }
        }
        Some(*spare[..len].select_nth_unstable(rank - counts[t]).1)
    })
}

/// Nearest-rank 10th, 50th and 90th percentiles (index `round(q × (n − 1))` of the sorted
/// values) of the values behind the keys.
///
/// Exact. Columns of fewer than 4,096 keys are selected directly. For longer ones:
/// 1. a pilot of the first 512 keys (the samples are independent, so any 512 are a random
///    sample), sorted, estimates where each quantile lies, give or take 3.5 standard
///    deviations of the estimate;
/// 2. when `packed` (the CPU has AVX-512, see [`packs_fast`]), one pass packs the keys of
///    each estimate's range into a bin and [`pack_and_select`] finishes in the bins: the
///    column is read once. Otherwise:
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
fn select(v: &[Key], scratch: &mut Scratch, packed: bool) -> [f64; 3] {
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
    radix_sort(pilot, &mut scratch.spare);
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

    #[cfg(not(target_arch = "x86_64"))]
    let _ = packed;
    #[cfg(target_arch = "x86_64")]
    if packed {
        // One pass packs each span's keys into a bin; the pilot's keys inside the span cut the
        // bin into parts (see `pack_and_select`).
        let brackets = spans.map(|(a, b)| (key_at(a), key_at(b).saturating_add(1)));
        let cuts: [[Key; BIN_CUTS]; 3] = std::array::from_fn(|j| {
            let (a, b) = spans[j];
            let (lo, hi) = brackets[j];
            std::array::from_fn(|t| {
                key_at(a + (b - a) * (t + 1) as f64 / (BIN_CUTS + 1) as f64).clamp(lo, hi)
            })
        });
        // SAFETY: `pack_and_select` is safe code compiled for the CPU features that
        // `packs_fast` has just found on this CPU; the call is unsafe only because this
        // function is not compiled for them.
        #[allow(unsafe_code, reason = "a target-feature call after run-time detection")]
        let keys = unsafe { pack_and_select(v, brackets, &cuts, ranks, scratch) };
        return std::array::from_fn(|j| {
            from_key(keys[j].unwrap_or_else(|| {
                // The pilot's estimate missed: select from the whole column.
                let bin = &mut scratch.bins[j];
                bin.clear();
                bin.extend_from_slice(v);
                *bin.select_nth_unstable(ranks[j]).1
            }))
        });
    }

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

/// The p10, p50 and p90 of many columns, one after another, with buffers reused between them.
#[derive(Default)]
pub struct Percentiles {
    scratch: Scratch,
}

impl Percentiles {
    /// The p10, p50 and p90 of the values behind `keys` (see [`percentiles`]).
    pub fn of(&mut self, keys: &[Key]) -> [f64; 3] {
        select(keys, &mut self.scratch, packs_fast())
    }
}

/// Nearest-rank p10, p50 and p90 (index `round(q × (n − 1))` of the sorted values) of the
/// values behind `keys`; zeros for no keys. For many columns, [`Percentiles`] reuses buffers.
pub fn percentiles(keys: &[Key]) -> [f64; 3] {
    Percentiles::default().of(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<Key> = (0..=100).rev().map(|x| order_key(f64::from(x))).collect();
        let mut scratch = Scratch::default();
        assert_eq!(select(&v, &mut scratch, packs_fast()), [10.0, 50.0, 90.0]);
        let one = vec![order_key(3.0)];
        assert_eq!(select(&one, &mut scratch, packs_fast()), [3.0, 3.0, 3.0]);
        let signed: Vec<Key> = [-2.5, 0.0, -0.0, 7.0, 1e-30]
            .iter()
            .map(|&x| order_key(x))
            .collect();
        assert_eq!(select(&signed, &mut scratch, packs_fast())[1], 0.0);
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

    /// The pilot's radix sort sorts: signed keys, ties, one key value, empty.
    #[test]
    fn radix_sort_sorts() {
        use rand::Rng;
        let mut rng = crate::model::montecarlo::sample_rng(9, 0);
        let mut spare = Vec::new();
        for case in 0..6 {
            let mut keys: Vec<Key> = (0..(case * 100))
                .map(|_| match case % 3 {
                    0 => rng.random::<i32>(),
                    1 => order_key(rng.random::<f64>() * 10.0 - 5.0),
                    _ => 7,
                })
                .collect();
            let mut want = keys.clone();
            want.sort_unstable();
            radix_sort(&mut keys, &mut spare);
            assert_eq!(keys, want, "case {case}");
        }
    }

    /// The radix step agrees with sorting, on clustered, spread and tied values.
    #[test]
    fn percentiles_match_a_full_sort() {
        use rand::Rng;
        let mut rng = crate::model::montecarlo::sample_rng(5, 0);
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
            // Both ways: the vector pack where this CPU has AVX-512, and the counting rounds.
            for packed in [false, packs_fast()] {
                assert_eq!(
                    select(&keys, &mut scratch, packed),
                    [at(0.1), at(0.5), at(0.9)],
                    "case {case}, packed {packed}"
                );
            }
        }
    }
}
