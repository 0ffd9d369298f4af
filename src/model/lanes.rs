//! The numbers the projection computes with: one `f64` for a single run, or [`Lanes`] of
//! several Monte Carlo samples side by side, so one pass of the same equations projects a
//! batch of samples and the compiler can use vector instructions.
//!
//! Every operation is element-wise, and each lane of a `Lanes` gives bit for bit what the
//! `f64` version gives for that lane's inputs (pinned by the test below and, for the whole
//! projection, by tests/model_montecarlo.rs). Conditions
//! are masks, and `select` replaces `if` wherever the condition depends on lever values.

use std::ops::{Add, Div, Mul, Sub};

/// A number, or a batch of numbers, the projection can compute with.
pub trait Num:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Div<Output = Self>
{
    /// The result of a comparison: one truth value per lane.
    type Mask: Copy;

    /// Every lane set to `x`.
    fn splat(x: f64) -> Self;
    /// The smaller of the two, per lane (`other` when equal).
    fn min(self, other: Self) -> Self;
    /// The larger of the two, per lane (`other` when equal).
    fn max(self, other: Self) -> Self;
    /// The square root, per lane (NaN for a negative lane, as `f64::sqrt`).
    fn sqrt(self) -> Self;
    /// `f` applied to each lane on its own (for what has no lane-wise form, such as
    /// snapping a drawn value to a lever's options).
    fn map(self, f: impl Fn(f64) -> f64) -> Self;
    /// Whether every lane is zero (a branch on this is a shortcut, never a different
    /// result: callers skip only work that would add or take zeros).
    fn all_zero(self) -> bool;
    /// Per lane, whether `self < other` (false where either is NaN).
    fn lt(self, other: Self) -> Self::Mask;
    /// Per lane, whether `self <= other` (false where either is NaN).
    fn le(self, other: Self) -> Self::Mask;
    /// Per lane, whether both masks hold.
    fn and(a: Self::Mask, b: Self::Mask) -> Self::Mask;
    /// Per lane, `yes` where the mask holds and `no` elsewhere.
    fn select(mask: Self::Mask, yes: Self, no: Self) -> Self;

    /// `lo` below `lo`, `hi` above `hi`, the value in between.
    #[inline(always)]
    fn clamp(self, lo: f64, hi: f64) -> Self {
        self.max(Self::splat(lo)).min(Self::splat(hi))
    }
    /// Whether a bool lever is on (snapped values are 0 or 1; on from 0.5).
    #[inline(always)]
    fn on(self) -> Self::Mask {
        Self::splat(0.5).le(self)
    }
    /// The option of a three-way choice lever looked up in `table`: at a whole value (0, 1, 2;
    /// higher counts as 2) that option's entry; at a month-weighted value between two options,
    /// linear between their entries.
    #[inline(always)]
    fn pick3(self, table: [f64; 3]) -> Self {
        // Linear between neighbouring options, exact at whole values: `a·(1 − t) + b·t` gives
        // `a` at t = 0 and `b` at t = 1 bit for bit.
        let one = Self::splat(1.0);
        let low = self.min(one).max(Self::splat(0.0));
        let high = (self - one).clamp(0.0, 1.0);
        Self::select(
            self.le(one),
            Self::splat(table[0]) * (one - low) + Self::splat(table[1]) * low,
            Self::splat(table[1]) * (one - high) + Self::splat(table[2]) * high,
        )
    }

    /// `self` to a whole power, by repeated squaring (the same steps for a number and for
    /// lanes, so each lane agrees bit for bit with the scalar; vectorized, unlike `powi`).
    #[inline(always)]
    fn pow_int(self, n: i32) -> Self {
        let mut base = self;
        let mut e = n.unsigned_abs();
        let mut acc = Self::splat(1.0);
        while e > 0 {
            if e & 1 == 1 {
                acc = acc * base;
            }
            e >>= 1;
            if e > 0 {
                base = base * base;
            }
        }
        if n < 0 { Self::splat(1.0) / acc } else { acc }
    }

    /// A bool lever's value read as the share of the year it is on: `yes` at 1, `no` at 0,
    /// linear between (exact at both ends).
    #[inline(always)]
    fn blend(self, yes: Self, no: Self) -> Self {
        let f = self.clamp(0.0, 1.0);
        no * (Self::splat(1.0) - f) + yes * f
    }
}

impl Num for f64 {
    type Mask = bool;

    #[inline(always)]
    fn all_zero(self) -> bool {
        self == 0.0
    }

    #[inline(always)]
    fn splat(x: f64) -> f64 {
        x
    }
    #[inline(always)]
    fn min(self, other: f64) -> f64 {
        if self < other { self } else { other }
    }
    #[inline(always)]
    fn max(self, other: f64) -> f64 {
        if self > other { self } else { other }
    }
    #[inline(always)]
    fn sqrt(self) -> f64 {
        f64::sqrt(self)
    }
    #[inline(always)]
    fn map(self, f: impl Fn(f64) -> f64) -> f64 {
        f(self)
    }
    #[inline(always)]
    fn lt(self, other: f64) -> bool {
        self < other
    }
    #[inline(always)]
    fn le(self, other: f64) -> bool {
        self <= other
    }
    #[inline(always)]
    fn and(a: bool, b: bool) -> bool {
        a && b
    }
    #[inline(always)]
    fn select(mask: bool, yes: f64, no: f64) -> f64 {
        if mask { yes } else { no }
    }
}

/// `N` samples side by side. Masks are all-ones or all-zero bit patterns per lane, the form
/// vector compare instructions produce, so `select` is a bitwise blend.
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(align(32))]
pub struct Lanes<const N: usize>(pub [f64; N]);

impl<const N: usize> Lanes<N> {
    #[inline(always)]
    fn zip(self, other: Self, f: impl Fn(f64, f64) -> f64) -> Self {
        Lanes(std::array::from_fn(|i| f(self.0[i], other.0[i])))
    }
    #[inline(always)]
    fn test(self, other: Self, f: impl Fn(f64, f64) -> bool) -> [u64; N] {
        std::array::from_fn(|i| {
            if f(self.0[i], other.0[i]) {
                u64::MAX
            } else {
                0
            }
        })
    }
}

macro_rules! lanes_op {
    ($trait:ident, $method:ident, $op:tt) => {
        impl<const N: usize> $trait for Lanes<N> {
            type Output = Self;
            #[inline(always)]
            fn $method(self, other: Self) -> Self {
                self.zip(other, |a, b| a $op b)
            }
        }
    };
}
lanes_op!(Add, add, +);
lanes_op!(Sub, sub, -);
lanes_op!(Mul, mul, *);
lanes_op!(Div, div, /);

impl<const N: usize> Num for Lanes<N> {
    type Mask = [u64; N];

    #[inline(always)]
    fn all_zero(self) -> bool {
        self.0.iter().all(|&x| x == 0.0)
    }

    #[inline(always)]
    fn splat(x: f64) -> Self {
        Lanes([x; N])
    }
    #[inline(always)]
    fn min(self, other: Self) -> Self {
        self.zip(other, <f64 as Num>::min)
    }
    #[inline(always)]
    fn max(self, other: Self) -> Self {
        self.zip(other, <f64 as Num>::max)
    }
    #[inline(always)]
    fn sqrt(self) -> Self {
        Lanes(self.0.map(f64::sqrt))
    }
    #[inline(always)]
    fn map(self, f: impl Fn(f64) -> f64) -> Self {
        Lanes(self.0.map(f))
    }
    #[inline(always)]
    fn lt(self, other: Self) -> [u64; N] {
        self.test(other, |a, b| a < b)
    }
    #[inline(always)]
    fn le(self, other: Self) -> [u64; N] {
        self.test(other, |a, b| a <= b)
    }
    #[inline(always)]
    fn and(a: [u64; N], b: [u64; N]) -> [u64; N] {
        std::array::from_fn(|i| a[i] & b[i])
    }
    #[inline(always)]
    fn select(mask: [u64; N], yes: Self, no: Self) -> Self {
        Lanes(std::array::from_fn(|i| {
            f64::from_bits((yes.0[i].to_bits() & mask[i]) | (no.0[i].to_bits() & !mask[i]))
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each lane computes what the scalar version computes, including at ties and zeros.
    #[test]
    fn lanes_agree_with_scalars() {
        let xs = [-2.0, -0.0, 0.0, 0.5, 1.0, 1.5, 2.0, 7.25];
        let ys = [0.0, 0.0, -0.0, 0.5, 2.0, 1.0, 3.0, 7.25];
        let a = Lanes(xs);
        let b = Lanes(ys);
        let m = a.lt(b);
        let results = [
            (a.min(b), 0),
            (a.max(b), 1),
            (a.clamp(0.0, 1.0), 2),
            (a.pick3([10.0, 20.0, 30.0]), 3),
            (a.pow_int(5), 6),
            (a.pow_int(-3), 7),
            (Lanes::select(m, a, b), 4),
            (Lanes::select(Lanes::and(m, a.on()), a, b), 5),
        ];
        for (got, case) in results {
            for i in 0..8 {
                let (x, y) = (xs[i], ys[i]);
                let want = match case {
                    0 => Num::min(x, y),
                    1 => Num::max(x, y),
                    2 => Num::clamp(x, 0.0, 1.0),
                    3 => x.pick3([10.0, 20.0, 30.0]),
                    4 => f64::select(x.lt(y), x, y),
                    6 => x.pow_int(5),
                    7 => x.pow_int(-3),
                    _ => f64::select(f64::and(x.lt(y), x.on()), x, y),
                };
                assert_eq!(got.0[i].to_bits(), want.to_bits(), "case {case} lane {i}");
            }
        }
    }
}
