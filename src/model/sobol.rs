//! Variance-based global sensitivity: Sobol first-order and total indices from Saltelli
//! sampling, with bootstrap confidence intervals — over any function of the unit hypercube
//! ([`indices`], tested on Ishigami's function) and over a scenario's uncertain inputs for one
//! metric in one year ([`rank`]).
//!
//! Sampling: two N×d matrices A and B of uniforms (row `i` drawn from its own generator,
//! `montecarlo::sample_rng(seed, i)`, A's d columns then B's), and for each group g of columns
//! the matrix AB_g, A with g's columns taken from B. The function is evaluated on A, B and
//! every AB_g: N(G + 2) evaluations for G groups. With `V` the variance of f over A and B
//! together (outputs centred first):
//!
//! - first order (Saltelli et al. 2010): `S1_g = mean(f(B)·(f(AB_g) − f(A))) / V`;
//! - total (Jansen 1999): `ST_g = mean((f(A) − f(AB_g))²) / (2V)`.
//!
//! The confidence interval of each index is the 2.5th–97.5th percentile (nearest rank) of the
//! index recomputed on [`RESAMPLES`] bootstrap resamples of the N rows (seeded). Every number
//! is a function of the seed alone: the same seed gives the same indices on every run and any
//! thread count. docs/model.md ("Global sensitivity") states the inputs and what they leave out.

use std::ops::Range;

use rand::Rng;

use super::levers::{LEVERS, LeverId};
use super::metrics::MetricId;
use super::montecarlo::sample_rng;
use super::path::{LeverPath, Sampler, Uncertain};
use super::project::{Run, project_into};
use super::scenario::{Dist, Overrides, Scenario};

/// Base samples N when the caller does not say: N(k + 2) projections for k inputs (about 20k
/// for the bundled scenarios, a tenth of a second on one core; docs/performance.md).
pub const DEFAULT_SOBOL_SAMPLES: usize = 1024;
/// Bootstrap resamples behind each confidence interval.
pub const RESAMPLES: usize = 100;
/// The coverage of the confidence intervals.
pub const CONFIDENCE: f64 = 0.95;
/// Largest N accepted (`--samples` is checked against it).
pub const MAX_SOBOL_SAMPLES: usize = 65_536;

/// An index with its bootstrap confidence interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// The estimate from all N rows.
    pub value: f64,
    /// The lower end of the [`CONFIDENCE`] bootstrap interval.
    pub low: f64,
    /// The upper end of the interval.
    pub high: f64,
}

/// Sobol indices of each group of inputs, in the order the groups were given.
#[derive(Clone, Debug, PartialEq)]
pub struct Indices {
    /// First-order index of each group: the share of the output's variance its inputs explain
    /// alone.
    pub first: Vec<Estimate>,
    /// Total index of each group: its share including every interaction with other inputs.
    pub total: Vec<Estimate>,
    /// The mean of the output over A and B.
    pub mean: f64,
    /// The output's variance over A and B (0: the output does not vary; every index is 0).
    pub variance: f64,
    /// Base samples N.
    pub samples: usize,
    /// Function evaluations made, N(G + 2).
    pub evaluations: usize,
}

/// Sobol indices of `f` on the unit hypercube of `dims` dimensions, one input a dimension.
pub fn indices(f: impl Fn(&[f64]) -> f64 + Sync, dims: usize, n: usize, seed: u64) -> Indices {
    let groups: Vec<Range<usize>> = (0..dims).map(|d| d..d + 1).collect();
    analyze(dims, &groups, n, seed, || (), |(), x| f(x))
}

/// Sobol indices of groups of inputs: `groups` are ranges of the `dims` columns (a grouped
/// input's columns move together from A to B); `scratch` makes each thread's working space
/// and `f` evaluates a point of the unit hypercube with it. Columns in no group stay A's.
pub fn analyze<S, F>(
    dims: usize,
    groups: &[Range<usize>],
    n: usize,
    seed: u64,
    scratch: impl Fn() -> S + Sync,
    f: F,
) -> Indices
where
    F: Fn(&mut S, &[f64]) -> f64 + Sync,
{
    let out = outputs(dims, groups, n, seed, scratch, f);
    estimate(&out, groups.len() + 2, n, seed)
}

/// The outputs of [`analyze`], N rows of f(A), f(B), then f(AB_g) for each group.
fn outputs<S, F>(
    dims: usize,
    groups: &[Range<usize>],
    n: usize,
    seed: u64,
    scratch: impl Fn() -> S + Sync,
    f: F,
) -> Vec<f64>
where
    F: Fn(&mut S, &[f64]) -> f64 + Sync,
{
    let g = groups.len();
    let width = g + 2;
    let mut out = vec![0.0; n * width];
    let threads = std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .clamp(1, 16)
        .min(n.max(1));
    let chunk = n.div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for (c, rows) in out.chunks_mut(chunk * width).enumerate() {
            let (f, scratch) = (&f, &scratch);
            scope.spawn(move || {
                let mut s = scratch();
                let mut a = vec![0.0; dims];
                let mut b = vec![0.0; dims];
                let mut ab = vec![0.0; dims];
                for (r, row) in rows.chunks_mut(width).enumerate() {
                    let i = c * chunk + r;
                    let mut rng = sample_rng(seed, i);
                    a.iter_mut().for_each(|x| *x = rng.random());
                    b.iter_mut().for_each(|x| *x = rng.random());
                    row[0] = f(&mut s, &a);
                    row[1] = f(&mut s, &b);
                    for (k, cols) in groups.iter().enumerate() {
                        ab.copy_from_slice(&a);
                        ab[cols.clone()].copy_from_slice(&b[cols.clone()]);
                        row[2 + k] = f(&mut s, &ab);
                    }
                }
            });
        }
    });
    out
}

/// The indices and their bootstrap intervals from the outputs (`width` a row: A, B, AB_g…).
fn estimate(out: &[f64], width: usize, n: usize, seed: u64) -> Indices {
    let g = width - 2;
    let all: Vec<usize> = (0..n).collect();
    let mean = if n == 0 {
        0.0
    } else {
        out.chunks(width).map(|r| r[0] + r[1]).sum::<f64>() / (2 * n) as f64
    };
    let point = indices_of(out, width, &all, mean);
    // Bootstrap: resample the rows with replacement, from a generator of its own.
    let mut rng = sample_rng(seed ^ 0x5EED_B007_5742_0001, usize::MAX);
    let mut first: Vec<Vec<f64>> = vec![Vec::with_capacity(RESAMPLES); g];
    let mut total: Vec<Vec<f64>> = vec![Vec::with_capacity(RESAMPLES); g];
    let mut pick = vec![0; n];
    if n > 0 {
        for _ in 0..RESAMPLES {
            pick.iter_mut().for_each(|p| *p = rng.random_range(0..n));
            let r = indices_of(out, width, &pick, mean);
            for k in 0..g {
                first[k].push(r.s1[k]);
                total[k].push(r.st[k]);
            }
        }
    }
    let interval = |value: f64, mut xs: Vec<f64>| -> Estimate {
        if xs.is_empty() {
            return Estimate {
                value,
                low: value,
                high: value,
            };
        }
        xs.sort_by(f64::total_cmp);
        let tail = (1.0 - CONFIDENCE) / 2.0;
        let at = |q: f64| xs[(q * (xs.len() - 1) as f64).round() as usize];
        Estimate {
            value,
            low: at(tail),
            high: at(1.0 - tail),
        }
    };
    Indices {
        first: point
            .s1
            .iter()
            .zip(first)
            .map(|(&v, xs)| interval(v, xs))
            .collect(),
        total: point
            .st
            .iter()
            .zip(total)
            .map(|(&v, xs)| interval(v, xs))
            .collect(),
        mean,
        variance: point.variance,
        samples: n,
        evaluations: n * width,
    }
}

struct Point {
    s1: Vec<f64>,
    st: Vec<f64>,
    variance: f64,
}

/// Saltelli 2010 first-order and Jansen total indices over the rows `rows` (repeats allowed),
/// outputs centred on `mean`.
fn indices_of(out: &[f64], width: usize, rows: &[usize], mean: f64) -> Point {
    let g = width - 2;
    let m = rows.len().max(1) as f64;
    let row = |i: usize| &out[i * width..(i + 1) * width];
    // Variance over A and B together (population variance, as SALib's `np.var`).
    let (mut sum, mut sq) = (0.0, 0.0);
    for &i in rows {
        let r = row(i);
        for y in [r[0] - mean, r[1] - mean] {
            sum += y;
            sq += y * y;
        }
    }
    let mu = sum / (2.0 * m);
    let variance = (sq / (2.0 * m) - mu * mu).max(0.0);
    let mut s1 = vec![0.0; g];
    let mut st = vec![0.0; g];
    for &i in rows {
        let r = row(i);
        let (ya, yb) = (r[0] - mean, r[1] - mean);
        for k in 0..g {
            let yab = r[2 + k] - mean;
            s1[k] += yb * (yab - ya);
            st[k] += (ya - yab) * (ya - yab);
        }
    }
    // A variance this small against the outputs' size is rounding: the output does not vary.
    let flat = variance <= 1e-24 * (mean * mean).max(1e-300);
    for k in 0..g {
        if flat {
            s1[k] = 0.0;
            st[k] = 0.0;
        } else {
            s1[k] /= m * variance;
            st[k] /= 2.0 * m * variance;
        }
    }
    Point { s1, st, variance }
}

/// One input of a scenario's ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// What the input is: an uncertain lever value, or the policy-regime switches.
    pub input: Input,
    /// Its first-order index.
    pub first: Estimate,
    /// Its total index.
    pub total: Estimate,
}

/// An uncertain input of a scenario.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Input {
    /// A lever's uncertain value (from the first year, or from a dated change's year).
    Lever(Uncertain),
    /// The sampled policy-regime switches (US accelerator policy, China's acceptance,
    /// counter-moves) as one grouped input: every yearly switch uniform together.
    Regimes,
}

impl Input {
    /// The input's name: the lever key (with `@YEAR` for a dated value) or `policy_regimes`.
    pub fn name(&self) -> String {
        match self {
            Input::Lever(u) => match u.from_year {
                Some(y) => format!("{}@{y}", u.lever.key()),
                None => u.lever.key().to_string(),
            },
            Input::Regimes => "policy_regimes".to_string(),
        }
    }

    /// The lever, when the input is one.
    pub fn lever(&self) -> Option<LeverId> {
        match self {
            Input::Lever(u) => Some(u.lever),
            Input::Regimes => None,
        }
    }
}

/// A scenario's uncertain inputs ranked by their Sobol indices for one metric in one year.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranking {
    /// The metric ranked.
    pub metric: MetricId,
    /// The year it is measured in.
    pub year: i32,
    /// Base samples N.
    pub samples: usize,
    /// The seed of the uniforms and of the bootstrap.
    pub seed: u64,
    /// Projections run, N(k + 2).
    pub runs: usize,
    /// The metric's mean over the samples, in its unit.
    pub mean: f64,
    /// The metric's variance over the samples, in its unit squared.
    pub variance: f64,
    /// Every input, largest total index first (ties keep draw order; the regimes last).
    pub inputs: Vec<Ranked>,
}

/// Ranks the scenario's uncertain inputs (after overrides) by their Sobol indices for `metric`
/// in `year`, from `n` base samples. Each input's column is mapped to its value through its
/// distribution's inverse CDF (a normal truncated to the lever's range); the policy-regime
/// switches, when the scenario samples them, are one grouped input. Returns `None` when
/// `year` is outside the horizon.
pub fn rank(
    s: &Scenario,
    o: &Overrides,
    metric: MetricId,
    year: i32,
    n: usize,
    seed: u64,
) -> Option<Ranking> {
    rank_unless(s, o, metric, year, n, seed, &|| false)
}

/// [`rank`], given up (`None`) once `stop` says so: it is asked before each projection, and
/// a ranking that was stopped projects nothing more and estimates nothing. The explorer stops
/// a ranking whose cores the Monte Carlo bands need. When `stop` stays false the result is
/// [`rank`]'s, bit for bit.
pub fn rank_unless(
    s: &Scenario,
    o: &Overrides,
    metric: MetricId,
    year: i32,
    n: usize,
    seed: u64,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Ranking> {
    if year < s.first_year || year > s.last_year {
        return None;
    }
    let yi = (year - s.first_year) as usize;
    let sampler = Sampler::new(s, o);
    let inputs = sampler.inputs();
    let k = inputs.uncertain().len();
    let w = inputs.switch_uniforms();
    let mut groups: Vec<Range<usize>> = (0..k).map(|d| d..d + 1).collect();
    if w > 0 {
        groups.push(k..k + w);
    }
    let quantiles: Vec<(LeverId, Dist)> = inputs
        .uncertain()
        .iter()
        .map(|u| (u.lever, u.dist))
        .collect();
    let out = outputs(
        k + w,
        &groups,
        n,
        seed,
        || (LeverPath::empty(), Run::empty(), vec![0.0; k]),
        |(path, run, values), x| {
            if stop() {
                return f64::NAN;
            }
            for ((v, &(id, dist)), &u) in values.iter_mut().zip(&quantiles).zip(x) {
                *v = quantile(id, dist, u);
            }
            inputs.fill(values, &x[k..], path);
            project_into(path, run);
            run.series(metric)[yi]
        },
    );
    if stop() {
        return None;
    }
    let result = estimate(&out, groups.len() + 2, n, seed);
    let mut ranked: Vec<Ranked> = (0..groups.len())
        .map(|g| Ranked {
            input: inputs
                .uncertain()
                .get(g)
                .map_or(Input::Regimes, |&u| Input::Lever(u)),
            first: result.first[g],
            total: result.total[g],
        })
        .collect();
    ranked.sort_by(|a, b| b.total.value.total_cmp(&a.total.value));
    Some(Ranking {
        metric,
        year,
        samples: n,
        seed,
        runs: result.evaluations,
        mean: result.mean,
        variance: result.variance,
        inputs: ranked,
    })
}

/// The value of lever `id` at quantile `u` of `dist`: the inverse CDF (a normal truncated to
/// the lever's range), clamped to the range.
pub fn quantile(id: LeverId, dist: Dist, u: f64) -> f64 {
    let (lo, hi) = LEVERS[id as usize].kind.range();
    let u = u.clamp(0.0, 1.0);
    let v = match dist {
        Dist::Fixed(v) => v,
        Dist::Uniform { low, high } => low + u * (high - low),
        Dist::Triangular { low, mode, high } if high > low => {
            let split = (mode - low) / (high - low);
            if u < split {
                low + ((high - low) * (mode - low) * u).sqrt()
            } else {
                high - ((high - low) * (high - mode) * (1.0 - u)).sqrt()
            }
        }
        Dist::Triangular { mode, .. } => mode,
        Dist::Normal { mean, sd } if sd > 0.0 => {
            let (pa, pb) = (normal_cdf((lo - mean) / sd), normal_cdf((hi - mean) / sd));
            if pb - pa < 1e-12 {
                mean
            } else {
                mean + sd * normal_quantile(pa + u * (pb - pa))
            }
        }
        Dist::Normal { mean, .. } => mean,
    };
    if v.is_nan() { lo } else { v.clamp(lo, hi) }
}

/// The standard normal CDF, from `erfc` (W. J. Cody's rational approximations via
/// Numerical Recipes' Chebyshev fit, relative error below 1.2e-7).
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// The standard normal quantile (P. J. Acklam's rational approximation, relative error below
/// 1.2e-9), for `p` in (0, 1); ±infinity at the ends.
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let low = 0.02425;
    if p < low {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - low {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -normal_quantile(1.0 - p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ishigami(x: &[f64]) -> f64 {
        let [a, b, c] = [x[0], x[1], x[2]].map(|u| std::f64::consts::PI * (2.0 * u - 1.0));
        a.sin() + 7.0 * b.sin().powi(2) + 0.1 * c.powi(4) * a.sin()
    }

    /// The estimator with A and B swapped (B's outputs where A's belong) is wrong, and the
    /// tolerance of tests/model_sobol.rs catches it: its first-order index of x3 (truly 0)
    /// and of x1 fall far from the known values.
    #[test]
    fn swapping_a_and_b_is_caught() {
        let groups: Vec<Range<usize>> = (0..3).map(|d| d..d + 1).collect();
        let n = 8192;
        let mut out = outputs(3, &groups, n, 7, || (), |(), x| ishigami(x));
        let right = estimate(&out, 5, n, 7);
        for row in out.chunks_mut(5) {
            row.swap(0, 1);
        }
        let wrong = estimate(&out, 5, n, 7);
        let off = |r: &Indices| {
            let want = [0.3139, 0.4424, 0.0];
            (0..3)
                .map(|k| (r.first[k].value - want[k]).abs())
                .fold(0.0, f64::max)
        };
        assert!(off(&right) < 0.05, "{right:?}");
        assert!(off(&wrong) > 0.2, "{wrong:?}");
    }

    #[test]
    fn the_normal_quantile_inverts_the_cdf() {
        for x in [-3.0, -1.2816, -0.3, 0.0, 0.5, 1.96, 3.5] {
            assert!((normal_quantile(normal_cdf(x)) - x).abs() < 1e-5, "{x}");
        }
        assert!((normal_cdf(1.959_964) - 0.975).abs() < 1e-6);
    }

    #[test]
    fn quantiles_follow_each_distribution() {
        let id = LeverId::StateInvestment;
        let tri = Dist::Triangular {
            low: 5.0,
            mode: 10.0,
            high: 20.0,
        };
        let (p10, p90) = tri.p10_p90(LEVERS[id as usize].kind.range());
        assert!((quantile(id, tri, 0.1) - p10).abs() < 1e-9);
        assert!((quantile(id, tri, 0.9) - p90).abs() < 1e-9);
        let uni = Dist::Uniform {
            low: 5.0,
            high: 15.0,
        };
        assert_eq!(quantile(id, uni, 0.25), 7.5);
        let normal = Dist::Normal {
            mean: 10.0,
            sd: 2.0,
        };
        assert!((quantile(id, normal, 0.5) - 10.0).abs() < 1e-6);
        assert!((quantile(id, normal, 0.9) - (10.0 + 1.2816 * 2.0)).abs() < 1e-3);
    }
}
