//! The yearly projection: one lever path in, one `Run` of every metric out.
//!
//! Pure arithmetic: no I/O, no randomness, no allocation in [`project_into`] once the run's
//! buffers have the horizon's size. Every equation and constant is documented in
//! `docs/model.md`, which cites domain.md for each number or states the reason for it; the
//! constants below carry the same references.
//!
//! The model is anchored in 2024. Horizons that start later are simulated from 2024 with the
//! first year's lever values, so a year's figures do not depend on where the horizon starts;
//! years before 2024 are backcast at fixed rates (levers act from 2024 on, except those that
//! set flows within a year: trade policy, mandates, enforcement).

use super::lanes::Num;
use super::levers::{LEVER_COUNT, LeverId};
use super::metrics::{METRIC_COUNT, MetricId};
use super::path::LeverPath;

/// What limits domestic accelerator output in a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Constraint {
    /// Dies limit output and the TSMC die bank supplies most of the dies used.
    DieBank,
    /// Newly made dies limit output and yield is near its tool ceiling: only more wafers help.
    Wafers,
    /// Newly made dies limit output and yield is still well below its ceiling.
    Yield,
    /// HBM stacks limit output.
    Hbm,
    /// Buyers would not take more domestic accelerators.
    Demand,
}

impl Constraint {
    pub const ALL: [Constraint; 5] = [
        Constraint::DieBank,
        Constraint::Wafers,
        Constraint::Yield,
        Constraint::Hbm,
        Constraint::Demand,
    ];

    /// The constraint as a number a batch of samples can carry per lane (its index in
    /// [`Constraint::ALL`]), and back.
    fn code(self) -> f64 {
        f64::from(self as u8)
    }
    fn from_code(code: f64) -> Constraint {
        Constraint::ALL[code as usize]
    }

    /// The constraint's stable id ("die_bank", "wafers", "yield", "hbm", "demand").
    pub fn name(self) -> &'static str {
        match self {
            Constraint::DieBank => "die_bank",
            Constraint::Wafers => "wafers",
            Constraint::Yield => "yield",
            Constraint::Hbm => "hbm",
            Constraint::Demand => "demand",
        }
    }
}

/// Every metric for every year of one lever path.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub first_year: i32,
    pub years: usize,
    /// Metric-major: `values[m * years + year_index]`.
    values: Vec<f64>,
    /// What limits domestic output, per year.
    pub binding: Vec<Constraint>,
}

impl Run {
    /// An empty run, to be filled by [`project_into`].
    pub fn empty() -> Run {
        Run {
            first_year: 0,
            years: 0,
            values: Vec::new(),
            binding: Vec::new(),
        }
    }

    /// A metric's values, first year first.
    pub fn series(&self, m: MetricId) -> &[f64] {
        let i = m as usize * self.years;
        &self.values[i..i + self.years]
    }

    /// A metric's value in a year, or `None` outside the horizon.
    pub fn get(&self, m: MetricId, year: i32) -> Option<f64> {
        let yi = year.checked_sub(self.first_year)?;
        if yi < 0 || yi as usize >= self.years {
            return None;
        }
        Some(self.values[m as usize * self.years + yi as usize])
    }

    /// The binding constraint in a year, or `None` outside the horizon.
    pub fn binding_in(&self, year: i32) -> Option<Constraint> {
        let yi = year.checked_sub(self.first_year)?;
        if yi < 0 {
            return None;
        }
        self.binding.get(yi as usize).copied()
    }

    pub fn last_year(&self) -> i32 {
        self.first_year + self.years as i32 - 1
    }

    /// The years of the run, first to last.
    pub fn year_range(&self) -> std::ops::RangeInclusive<i32> {
        self.first_year..=self.last_year()
    }

    /// All values, metric-major (`m * years + year_index`).
    pub fn values(&self) -> &[f64] {
        &self.values
    }
}

/// The model's constants. Each has a source in domain.md or a stated reason, repeated in
/// docs/model.md ("Parameters").
pub mod params {
    /// The year the base data describe.
    pub const ANCHOR_YEAR: i32 = 2024;

    // ---- capacity --------------------------------------------------------------------
    /// Wafer starts per month of 7nm-class DUV capacity that $1bn buys: $0.5M per wpm. SMIC's
    /// $8.1B 2025 capex added ~36k 12-inch wpm across all nodes ($0.22M/wpm, §3.1, §3.7);
    /// 7nm-class multipatterning needs roughly twice the litho and etch tools per wafer
    /// [derived].
    pub const WPM_PER_BN: f64 = 2_000.0;
    /// Share of state money that turns into capacity under each `duv_controls` option
    /// (none, partial, full) [derived judgement: SMIC co-CEO on tools that cannot form lines].
    pub const DUV_BUILD: [f64; 3] = [1.0, 0.6, 0.35];
    /// Build-out multiplier with EUV access: fewer passes per layer, so fewer tools per wpm
    /// [derived: quadruple patterning on DUV, §3.2].
    pub const EUV_BUILD: f64 = 1.5;
    /// Build-out multiplier under a servicing ban [derived; domain.md gives no figure].
    pub const BAN_BUILD: f64 = 0.6;
    /// Yearly loss of installed capacity under a servicing ban [derived; no sourced figure].
    pub const BAN_EROSION: f64 = 0.10;
    /// Backcast: end-of-year capacity before 2024 is this share of the next year's
    /// [derived: the baseline's 2025 step, 20k to ~38k wpm].
    pub const CAPACITY_BACKCAST: f64 = 0.6;

    // ---- yield ------------------------------------------------------------------------
    /// Yield ceiling with EUV access (TSMC-like; §3.1: TSMC 80%+ on comparable dies).
    pub const EUV_YIELD_CEILING: f64 = 0.8;
    /// Yield penalty of the 5nm-class node without EUV, in yield points (§4: 15 pp).
    pub const N3_PENALTY: f64 = 0.15;
    /// First year AI dies move to N+3, and the share moved per year [derived: Kirin 9030 on
    /// N+3 in late 2025, §3.2; a four-year migration].
    pub const N3_START: i32 = 2026;
    pub const N3_STEP: f64 = 0.25;
    /// Yield points lost per year back from 2024 in the backcast [derived: §4 learning rate].
    pub const YIELD_BACKCAST: f64 = 0.10;
    /// A yield within this many points of its ceiling counts as "at the ceiling" when naming
    /// the binding constraint (Wafers rather than Yield) [stated rule].
    pub const YIELD_HEADROOM: f64 = 0.10;
    pub const MIN_YIELD: f64 = 0.02;
    pub const MAX_YIELD: f64 = 0.95;

    // ---- dies -------------------------------------------------------------------------
    /// Gross 910B-class dies per 300 mm wafer (§3.2, §4: ≈80 for a 665.6 mm² die).
    pub const GROSS_DIES_PER_WAFER: f64 = 80.0;
    /// The die bank opens in 2025: TSMC shipped through October 2024 and the 910C that
    /// packages banked dies launched in Q1 2025 (§2, §3.9).
    pub const BANK_OPEN_YEAR: i32 = 2025;
    /// Dies added to the bank per year when `foundry_screening` is off [derived: 2.9M received
    /// over roughly 2023 to October 2024, §3.4].
    pub const BANK_REPLENISH: f64 = 1_200_000.0;
    /// Huawei's, Cambricon's and other vendors' shares of newly made domestic AI dies
    /// [derived: FT Huawei >75% of China's AI chips; Cambricon's 2024 revenue about as large as
    /// Moore Threads, MetaX and Biren together, §3.1, §3.7]. Banked dies are all Huawei's.
    pub const VENDOR_NEW_DIE_SHARES: [f64; 3] = [0.75, 0.10, 0.15];

    // ---- HBM --------------------------------------------------------------------------
    /// Domestic (CXMT) HBM output in 2024 and 2025, stacks (§3.3: HBM2 mass production ~2024;
    /// ~2M in 2025). Later years grow at `hbm_domestic_growth`.
    pub const CXMT_2024: f64 = 500_000.0;
    pub const CXMT_2025: f64 = 2_000_000.0;
    /// HBM China can import per year while `hbm_controls` is off, stacks, in 2024, growing
    /// with demand [derived: Samsung shipped 11.4M stacks to China around 2024, 7M of them in
    /// the December rush that built the stockpile, §3.3].
    pub const HBM_IMPORTS_2024: f64 = 4_400_000.0;
    /// The stockpile is usable from 2025 (bought during 2024, mostly in December, §3.3).
    pub const STOCKPILE_OPEN_YEAR: i32 = 2025;
    /// Share of the initial stockpile packaging can take per year after its first year
    /// [derived: SemiAnalysis reads the stockpile as cover for about two years, §3.3].
    pub const STOCKPILE_YEARLY_SHARE: f64 = 0.5;

    // ---- demand and trade -------------------------------------------------------------
    /// Domestic accelerators China's buyers wanted in 2024 beyond imports and smuggling
    /// [derived: Huawei's 2025 plan of 400k units, and ByteDance got <30k of >100k ordered,
    /// §3.1].
    pub const DOMESTIC_DEMAND_2024: f64 = 600_000.0;
    /// Backcast of demand before 2024, per year [derived: the IDC-implied 35%/yr, §3.1].
    pub const DEMAND_BACKCAST_GROWTH: f64 = 0.35;
    /// Licensed imports in units relative to the downgraded regime, and the H200 share of them
    /// [derived: Nvidia expected >1M H200 orders from China, §3.8].
    pub const LICENSED_UNITS: f64 = 1.0;
    pub const LICENSED_H200_SHARE: f64 = 0.7;
    /// Prices, $ per unit: H20-class from ~1M H20 worth $12–15B (§3.8); H200 [derived: between
    /// the H20 and a B200-class $45–60k, §3.6, §3.8].
    pub const PRICE_H20: f64 = 13_500.0;
    pub const PRICE_H200: f64 = 30_000.0;

    // ---- diversion --------------------------------------------------------------------
    /// Unmet open demand in 2024, units: the reference at which smuggling equals
    /// `smuggled_2024_units` [derived: the baseline's 2024 accounts, 1.9M demanded less 1.15M
    /// imported and ~0.38M domestic].
    pub const UNMET_REF_UNITS: f64 = 400_000.0;
    // Smuggling grows with the square root of unmet open demand (an elasticity of 0.5):
    // smuggling networks grow less than one for one with the gap they fill, and the price
    // premium (FT ~50%) rises with it [derived judgement; FT's ≥$1B a quarter in mid-2025
    // implies ~70–90k a year, §3.6].
    /// Hub enforcement in 2024, the reference for `smuggled_2024_units` (baseline 2024 value).
    pub const HUB_ENFORCEMENT_REF: f64 = 0.2;
    /// Cut in diverted flow with chip location verification [derived judgement; no source].
    pub const VERIFICATION_EFFECT: f64 = 0.3;
    /// Route shares at equal stringency: Malaysia, Singapore, India, other [derived: FT routes
    /// via Southeast Asia and Europe; Singapore's case involved servers declared for Malaysia;
    /// India Tier 2 under the Diffusion Rule, §3.6].
    pub const HUB_BASE: [f64; 4] = [0.35, 0.30, 0.10, 0.25];
    /// How much a hub's own regime adds to its stringency, by year (see `hub_bonus`).
    pub const ROUTE_SHIFT: f64 = 0.8;

    // ---- compute ----------------------------------------------------------------------
    /// H100-equivalents per domestic accelerator in 2024 [derived: 910B 320 TF FP16 vs 910C
    /// 780 TF BF16 at ~0.6 H100, §3.5; a 910B-heavy mix].
    pub const DOMESTIC_PERF_2024: f64 = 0.35;
    /// FP8 uplift on domestic chips made from 2026 when the FP8 standard holds [derived: FP8
    /// doubles matmul throughput (§4), about half of it reaches end-to-end work].
    pub const FP8_UPLIFT: f64 = 1.5;
    /// Backcast gain per year in compute per domestic accelerator before 2024 [derived: the
    /// lever's default, held fixed so levers act only from 2024].
    pub const DOMESTIC_PERF_BACKCAST_GROWTH: f64 = 0.3;
    pub const FP8_FIRST_YEAR: i32 = 2026;
    /// H100e per H20 (H200 ≈ 6× H20, §3.5) and per H200 (an H100 compute die).
    pub const PERF_H20: f64 = 1.0 / 6.0;
    pub const PERF_H200: f64 = 1.0;
    /// H100e per smuggled accelerator in 2024 and its yearly gain [derived: H100 in 2024,
    /// B200-class ~2.5× by 2026, §3.5, §3.6].
    pub const DIVERTED_PERF_2024: f64 = 1.0;
    pub const DIVERTED_PERF_GROWTH: f64 = 0.3;
    /// Model-weight controls halve software gains [derived judgement].
    pub const WEIGHT_CONTROL_SOFTWARE: f64 = 0.5;
    /// Yearly depreciation of installed compute [derived: ~5-year useful life].
    pub const DEPRECIATION: f64 = 0.2;
    /// China's installed AI compute at the start of 2024, H100e [derived: 2022–23 China-bound
    /// A100/A800/H800 sales of ~$10B a year, §3.8].
    pub const CHINA_STOCK_2024: f64 = 800_000.0;
    /// US to China installed compute at the start of 2024 (Epoch: US hyperscalers >60% of
    /// global AI compute, Chinese firms just over 5%, §3.5).
    pub const US_CHINA_RATIO_2024: f64 = 12.0;
    /// Backcast growth of both stocks before 2024 [derived].
    pub const STOCK_BACKCAST_GROWTH: f64 = 0.5;
}

use params::*;

/// Projects one lever path.
pub fn project(path: &LeverPath) -> Run {
    let mut run = Run::empty();
    project_into(path, &mut run);
    run
}

/// The lever values the model reads in one year (one row of a path, one lane per sample).
struct Year<'a, T> {
    row: &'a [T; LEVER_COUNT],
}

impl<T: Num> Year<'_, T> {
    #[inline(always)]
    fn v(&self, id: LeverId) -> T {
        self.row[id as usize]
    }
    #[inline(always)]
    fn on(&self, id: LeverId) -> T::Mask {
        self.row[id as usize].on()
    }
}

/// How much a hub's own regime adds to the `hub_enforcement` index in a year: Malaysia's
/// Strategic Trade Permit from July 2025 (§2), Singapore's fraud prosecutions from 2025 (§2,
/// §3.6), India none (regime unconfirmed), other routes less policed [derived].
fn hub_bonus(year: i32) -> [f64; 4] {
    let malaysia = match year {
        ..2025 => 0.0,
        2025 => 0.15,
        _ => 0.3,
    };
    let singapore = if year >= 2025 { 0.2 } else { 0.0 };
    [malaysia, singapore, 0.0, -0.1]
}

/// [`project`] into a reused run.
pub fn project_into(path: &LeverPath, run: &mut Run) {
    let years = path.values.len();
    run.first_year = path.first_year;
    run.years = years;
    // Every slot is written below, so a buffer of the right size is reused as it is.
    if run.values.len() != METRIC_COUNT * years {
        run.values.clear();
        run.values.resize(METRIC_COUNT * years, 0.0);
    }
    run.binding.clear();
    let values = &mut run.values;
    let binding = &mut run.binding;
    project_rows(path.first_year, &path.values, |yi, row, code| {
        // Metric-major store: metric m's series is `values[m * years..(m + 1) * years]`.
        for (series, &v) in values.chunks_exact_mut(years).zip(row.iter()) {
            series[yi] = v;
        }
        binding.push(Constraint::from_code(code));
    });
}

/// The projection itself, over rows of lever values (`rows[0]` is `first_year`), for one run
/// (`T = f64`) or a batch of samples at once (`T = Lanes<N>`). For each year of the horizon,
/// first to last, `emit` receives the year's index, every metric's value (indexed by
/// `MetricId as usize`) and the binding constraint's index in [`Constraint::ALL`].
///
/// Conditions on lever values are masks and selects, so every lane follows its own branch;
/// conditions on the year are ordinary branches. Always inlined, so a caller compiled for
/// wider vector instructions (the Monte Carlo's `fill`) gets them here too.
#[inline(always)]
pub fn project_rows<T: Num>(
    first_year: i32,
    rows: &[[T; LEVER_COUNT]],
    mut emit: impl FnMut(usize, &[T; METRIC_COUNT], T),
) {
    let years = rows.len();
    if years == 0 {
        return;
    }
    let last_year = first_year + years as i32 - 1;
    let sim_start = first_year.min(ANCHOR_YEAR);
    let row_of = |year: i32| -> &[T; LEVER_COUNT] {
        let yi = (year - first_year).clamp(0, years as i32 - 1) as usize;
        &rows[yi]
    };
    let c = T::splat;
    let zero = c(0.0);
    let one = c(1.0);

    // Anchors are read in 2024 (or the first year when the horizon starts later).
    let anchor = Year {
        row: row_of(ANCHOR_YEAR),
    };
    let cap_2024 = anchor.v(LeverId::Capacity2024);
    let yield_2024 = anchor.v(LeverId::Yield2024);
    let bank_0 = anchor.v(LeverId::DieBank);
    let stockpile_0 = anchor.v(LeverId::HbmStockpile);
    let imports_2024 = anchor.v(LeverId::ImportDemand2024);
    let smuggled_2024 = anchor.v(LeverId::Smuggling2024);
    let demand_2024 = imports_2024 + smuggled_2024 + c(DOMESTIC_DEMAND_2024);
    let inv_demand_2024 = one / demand_2024;

    // State carried from year to year.
    let back = ANCHOR_YEAR - (sim_start - 1);
    let mut cap_prev = cap_2024 * c(CAPACITY_BACKCAST.powi(back));
    let mut learned = yield_2024;
    let mut bank = bank_0;
    let mut stockpile = stockpile_0;
    let mut cxmt = zero;
    let mut demand = demand_2024;
    let mut software = one;
    let mut perf_dom = c(DOMESTIC_PERF_2024);
    let mut perf_div = DIVERTED_PERF_2024;
    let mut stock_cn = c(CHINA_STOCK_2024);
    let mut stock_us = c(CHINA_STOCK_2024 * US_CHINA_RATIO_2024);

    for year in sim_start..=last_year {
        let lv = Year { row: row_of(year) };
        let pre = year < ANCHOR_YEAR;
        let since = year - ANCHOR_YEAR; // > 0 after the anchor year

        // ---- capacity (wpm) ----------------------------------------------------------
        let euv = lv.on(LeverId::EuvAccess);
        let ban = lv.on(LeverId::ServicingBan);
        let cap_end = if pre {
            cap_2024 * c(CAPACITY_BACKCAST.powi(-since))
        } else if since == 0 {
            cap_2024
        } else {
            let tool = lv.v(LeverId::DuvControls).pick3(DUV_BUILD)
                * T::select(euv, c(EUV_BUILD), one)
                * T::select(ban, c(BAN_BUILD), one);
            let added = lv.v(LeverId::StateInvestment) * c(WPM_PER_BN) * tool;
            let kept = T::select(ban, c(1.0 - BAN_EROSION), one);
            cap_prev * kept + added
        };
        let cap_avg = c(0.5) * (cap_prev + cap_end);
        cap_prev = cap_end;
        let ai_wafers = cap_avg * lv.v(LeverId::AiWaferShare);

        // ---- yield -------------------------------------------------------------------
        if pre {
            learned = (yield_2024 - c(YIELD_BACKCAST * f64::from(-since))).max(c(MIN_YIELD));
        } else if since == 0 {
            learned = yield_2024;
        } else {
            learned = learned + lv.v(LeverId::YieldLearning) * c(0.01);
        }
        let ceiling = T::select(
            euv,
            lv.v(LeverId::YieldCeiling).max(c(EUV_YIELD_CEILING)),
            lv.v(LeverId::YieldCeiling),
        );
        let n3_share = (f64::from(year - N3_START + 1) * N3_STEP).clamp(0.0, 1.0);
        let penalty = T::select(euv, zero, c(N3_PENALTY * n3_share));
        let die_yield = (learned.min(ceiling) - penalty).clamp(MIN_YIELD, MAX_YIELD);
        let new_dies = ai_wafers * c(12.0 * GROSS_DIES_PER_WAFER) * die_yield;

        // ---- demand and licensed imports (units) --------------------------------------
        if pre {
            demand = demand_2024 / c((1.0 + DEMAND_BACKCAST_GROWTH).powi(-since));
        } else if since == 0 {
            demand = demand_2024;
        } else {
            demand = demand * (one + lv.v(LeverId::DemandGrowth));
        }
        let growth_index = demand * inv_demand_2024;
        let mandate = lv.v(LeverId::DomesticMandate);
        let block = lv.on(LeverId::ImportBlock);
        let tier = lv.v(LeverId::ChipExports);
        let units_mult = tier.pick3([0.0, 1.0, LICENSED_UNITS]);
        let h200_share = tier.pick3([0.0, 0.0, LICENSED_H200_SHARE]);
        let imports = T::select(
            block,
            zero,
            imports_2024 * growth_index * units_mult * (one - mandate),
        );
        let imp_h200 = imports * h200_share;
        let imp_h20 = imports - imp_h200;

        // ---- die bank and HBM ----------------------------------------------------------
        let screening = lv.on(LeverId::FoundryScreening);
        if !pre {
            bank = T::select(screening, bank, bank + c(BANK_REPLENISH));
        }
        let bank_avail = if year < BANK_OPEN_YEAR {
            zero
        } else if year == BANK_OPEN_YEAR {
            bank.min(lv.v(LeverId::FirstYearDraw) * bank_0)
        } else {
            bank
        };

        cxmt = match year {
            ..2024 => zero,
            2024 => c(CXMT_2024),
            2025 => c(CXMT_2025),
            _ => cxmt * (one + lv.v(LeverId::HbmDomesticGrowth)),
        };
        let hbm_imports = T::select(
            lv.on(LeverId::HbmControls),
            zero,
            c(HBM_IMPORTS_2024) * growth_index,
        );
        let stock_avail = match year.cmp(&STOCKPILE_OPEN_YEAR) {
            std::cmp::Ordering::Less => zero,
            std::cmp::Ordering::Equal => stockpile.min(lv.v(LeverId::FirstYearDraw) * stockpile_0),
            std::cmp::Ordering::Greater => stockpile.min(c(STOCKPILE_YEARLY_SHARE) * stockpile_0),
        };
        let hbm_supply = cxmt + hbm_imports + stock_avail;

        // ---- domestic output (units) -------------------------------------------------
        let loss = lv.v(LeverId::PackagingLoss);
        let units_per_die = (one - loss) / lv.v(LeverId::DiesPerUnit);
        let bank_units = bank_avail * units_per_die;
        let new_units = new_dies * units_per_die;
        let [share_h, share_c, share_o] = VENDOR_NEW_DIE_SHARES;
        let huawei_potential = bank_units + c(share_h) * new_units;
        let die_limit = huawei_potential + c(share_c + share_o) * new_units;
        let hbm_limit = hbm_supply * (one - loss) / lv.v(LeverId::HbmStacksPerUnit);
        let demand_limit = (demand - imports).max(zero);
        let domestic = die_limit.min(hbm_limit).min(demand_limit);
        // A scarce input (HBM, or buyers) is shared among vendors in proportion to the dies
        // each could package; within Huawei, banked dies go first: they are sunk, TSMC-made
        // and found in 910C teardowns (§3.2).
        let fill = T::select(zero.lt(die_limit), domestic / die_limit, zero);
        let huawei = fill * huawei_potential;
        let from_bank = huawei.min(bank_units);
        let from_new = domestic - from_bank;
        let huawei_new = huawei - from_bank;
        let cambricon = fill * c(share_c) * new_units;
        let other = fill * c(share_o) * new_units;
        let dies_per_good_unit = T::select(zero.lt(units_per_die), one / units_per_die, zero);
        bank = (bank - from_bank * dies_per_good_unit).max(zero);
        let hbm_used = domestic * lv.v(LeverId::HbmStacksPerUnit) / (one - loss).max(c(1e-9));
        let from_stock = (hbm_used - cxmt - hbm_imports).max(zero).min(stock_avail);
        stockpile = (stockpile - from_stock).max(zero);
        let huawei_dies = huawei * dies_per_good_unit;

        // The binding constraint, as its code (see `Constraint::code`).
        let binding = T::select(
            T::and(hbm_limit.lt(die_limit), hbm_limit.le(demand_limit)),
            c(Constraint::Hbm.code()),
            T::select(
                demand_limit.lt(die_limit),
                c(Constraint::Demand.code()),
                T::select(
                    from_new.lt(from_bank),
                    c(Constraint::DieBank.code()),
                    T::select(
                        die_yield.lt(ceiling - penalty - c(YIELD_HEADROOM)),
                        c(Constraint::Yield.code()),
                        c(Constraint::Wafers.code()),
                    ),
                ),
            ),
        );

        // ---- diversion (units) -------------------------------------------------------
        let reserved = mandate * demand;
        let open = demand - reserved;
        let domestic_in_open = (domestic - reserved).max(zero);
        let unmet_open = (open - imports - domestic_in_open).max(zero);
        let pull = (unmet_open * c(1.0 / UNMET_REF_UNITS)).sqrt();
        let effect = lv.v(LeverId::HubEnforcementEffect);
        let hub = lv.v(LeverId::HubEnforcement);
        let enforcement = (one - effect * hub) / (one - effect * c(HUB_ENFORCEMENT_REF))
            * T::select(
                lv.on(LeverId::ChipLocationVerification),
                c(1.0 - VERIFICATION_EFFECT),
                one,
            );
        let diverted = (smuggled_2024 * pull * enforcement).min(unmet_open);

        let bonus = hub_bonus(year);
        let weights: [T; 4] = std::array::from_fn(|i| {
            let stringency = (hub + c(bonus[i])).clamp(0.0, 1.0);
            c(HUB_BASE[i]) * (one - c(ROUTE_SHIFT) * stringency)
        });
        let weight_sum = weights[0] + weights[1] + weights[2] + weights[3];
        let per_weight = diverted / weight_sum;
        let hub_flows = weights.map(|w| w * per_weight);

        // ---- compute (H100e) ---------------------------------------------------------
        if !pre && since > 0 {
            let damp = T::select(
                lv.on(LeverId::ModelWeightControls),
                c(WEIGHT_CONTROL_SOFTWARE),
                one,
            );
            software = software * (one + lv.v(LeverId::SoftwareEfficiency) * damp);
            perf_dom = perf_dom * (one + lv.v(LeverId::DomesticPerfGrowth));
            perf_div *= 1.0 + DIVERTED_PERF_GROWTH;
        }
        let fp8 = if year >= FP8_FIRST_YEAR {
            T::select(lv.on(LeverId::Fp8Standard), c(FP8_UPLIFT), one)
        } else {
            one
        };
        let perf_dom_year = if pre {
            c(DOMESTIC_PERF_2024 / (1.0 + DOMESTIC_PERF_BACKCAST_GROWTH).powi(-since))
        } else {
            perf_dom
        };
        let perf_div_year = if pre {
            DIVERTED_PERF_2024 / (1.0 + DIVERTED_PERF_GROWTH).powi(-since)
        } else {
            perf_div
        };
        let dom_c = domestic * perf_dom_year * fp8 * software;
        let imp_c = (imp_h20 * c(PERF_H20) + imp_h200 * c(PERF_H200)) * software;
        let div_c = diverted * c(perf_div_year) * software;
        let total_c = dom_c + imp_c + div_c;

        let (cn_end, us_end) = if pre {
            let k = (1.0 + STOCK_BACKCAST_GROWTH).powi(-since - 1);
            (
                c(CHINA_STOCK_2024 / k),
                c(CHINA_STOCK_2024 * US_CHINA_RATIO_2024 / k),
            )
        } else {
            stock_cn = stock_cn * c(1.0 - DEPRECIATION) + total_c;
            stock_us = stock_us * (one + lv.v(LeverId::UsComputeGrowth));
            (stock_cn, stock_us)
        };

        // ---- market ------------------------------------------------------------------
        let revenue = (imp_h20 * c(PRICE_H20) + imp_h200 * c(PRICE_H200)) * c(1e-9);
        let gov = revenue * lv.v(LeverId::RevenueShare);
        let total_units = domestic + imports + diverted;

        if year < first_year {
            continue;
        }
        let yi = (year - first_year) as usize;
        let ratio = |a: T, b: T| T::select(zero.lt(b), (a / b).clamp(0.0, 1.0), zero);
        let mut row = [zero; METRIC_COUNT];
        row[MetricId::AdvancedCapacity as usize] = cap_end;
        row[MetricId::DieYield as usize] = die_yield;
        row[MetricId::Domestic as usize] = domestic;
        row[MetricId::DomesticHuawei as usize] = huawei;
        row[MetricId::DomesticCambricon as usize] = cambricon;
        row[MetricId::DomesticOther as usize] = other;
        row[MetricId::Imported as usize] = imports;
        row[MetricId::Diverted as usize] = diverted;
        row[MetricId::DomesticShareUnits as usize] = ratio(domestic, total_units);
        row[MetricId::DomesticCompute as usize] = dom_c;
        row[MetricId::ImportedCompute as usize] = imp_c;
        row[MetricId::DivertedCompute as usize] = div_c;
        row[MetricId::SelfReliance as usize] = ratio(dom_c, total_c);
        row[MetricId::ChinaComputeStock as usize] = cn_end;
        row[MetricId::UsComputeStock as usize] = us_end;
        row[MetricId::ComputeGap as usize] = T::select(zero.lt(cn_end), us_end / cn_end, zero);
        row[MetricId::UsVendorRevenue as usize] = revenue;
        row[MetricId::UsRevenueShare as usize] = gov;
        row[MetricId::HubMalaysia as usize] = hub_flows[0];
        row[MetricId::HubSingapore as usize] = hub_flows[1];
        row[MetricId::HubIndia as usize] = hub_flows[2];
        row[MetricId::HubOther as usize] = hub_flows[3];
        row[MetricId::DieBankRemaining as usize] = bank;
        row[MetricId::HbmStockRemaining as usize] = stockpile;
        row[MetricId::HbmSupply as usize] = hbm_supply;
        row[MetricId::AiWafers as usize] = ai_wafers;
        row[MetricId::TotalAccelerators as usize] = total_units;
        row[MetricId::TotalCompute as usize] = total_c;
        row[MetricId::HuaweiNewDies as usize] = huawei_new;
        row[MetricId::HuaweiDiesUsed as usize] = huawei_dies;
        row[MetricId::DivertedComputeShare as usize] = ratio(div_c, total_c);
        emit(yi, &row, binding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A batch carries the binding constraint as a number; every constraint comes back as
    /// itself.
    #[test]
    fn constraint_codes_round_trip() {
        for c in Constraint::ALL {
            assert_eq!(Constraint::from_code(c.code()), c);
        }
    }
}
