//! The yearly projection: one lever path in, one `Run` of every metric out, with the supply
//! side per product (units, binding input) and each scarce input's slack.
//!
//! Pure arithmetic: no I/O, no randomness, no allocation in [`project_into`] once the run's
//! buffers have the horizon's size. Every equation and constant is documented in
//! `docs/model.md`; each constant below cites keys of `model::sources` or states its reason.
//!
//! Supply: each product (`model::products`) gets its mix share of its vendor's AI wafers, HBM
//! and packaging, and makes the least its dies, HBM and packaging allow. Banked TSMC dies go
//! first; idle inputs then move between a vendor's lines, only toward lines needing at least
//! as many HBM stacks a unit (which keeps more of any input from ever lowering output);
//! buyers cut every line alike when demand binds.
//!
//! The model is anchored in 2024. Horizons that start later are simulated from 2024 with the
//! first year's lever values, so a year's figures do not depend on where the horizon starts;
//! years before 2024 are backcast at fixed rates (levers act from 2024 on, except those that
//! set flows within a year: trade policy, mandates, enforcement).

use super::hubs::{HUB_COUNT, HUBS};
use super::lanes::Num;
use super::levers::{LEVER_COUNT, LeverId};
use super::metrics::{METRIC_COUNT, MetricId};
use super::path::LeverPath;
use super::products::{
    self, Node, PRODUCT_COUNT, PRODUCTS, ProductId, VENDOR_COUNT, VENDORS, Vendor, VendorGroup,
};

/// What limits a product's output (or, for a year, the output of most units).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Constraint {
    /// Banked TSMC dies limit the product and supply most of its dies.
    DieBank,
    /// Newly made dies limit output and yield is near its tool ceiling: only more wafers help.
    Wafers,
    /// Newly made dies limit output and yield is still well below its ceiling.
    Yield,
    /// HBM stacks limit output.
    Hbm,
    /// Advanced-packaging capacity limits output.
    Packaging,
    /// Buyers would not take more domestic accelerators.
    Demand,
}

impl Constraint {
    /// Every constraint, in the order codes, tables and tallies index them.
    pub const ALL: [Constraint; 6] = [
        Constraint::DieBank,
        Constraint::Wafers,
        Constraint::Yield,
        Constraint::Hbm,
        Constraint::Packaging,
        Constraint::Demand,
    ];

    /// The constraint as a number a batch of samples can carry per lane (its index in
    /// [`Constraint::ALL`]), and back; [`NO_CONSTRAINT`] stands for a product not in
    /// production.
    fn code(self) -> f64 {
        f64::from(self as u8)
    }
    fn from_code(code: f64) -> Option<Constraint> {
        (code >= 0.0).then(|| Constraint::ALL[code as usize])
    }

    /// The constraint's stable id ("die_bank", "wafers", "yield", "hbm", "packaging",
    /// "demand").
    pub fn name(self) -> &'static str {
        match self {
            Constraint::DieBank => "die_bank",
            Constraint::Wafers => "wafers",
            Constraint::Yield => "yield",
            Constraint::Hbm => "hbm",
            Constraint::Packaging => "packaging",
            Constraint::Demand => "demand",
        }
    }
}

/// The code of "no constraint": a product with no output and no share of its vendor's inputs.
const NO_CONSTRAINT: f64 = -1.0;

/// The scarce inputs whose slack a run reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScarceInput {
    /// Advanced AI wafers (new dies that could have been made).
    Wafers,
    /// HBM stacks available to packaging (flows and inventories).
    Hbm,
    /// Advanced-packaging capacity.
    Packaging,
    /// Demand left for domestic accelerators.
    Demand,
}

impl ScarceInput {
    /// Every input, in the order [`Run::slack`] indexes them.
    pub const ALL: [ScarceInput; 4] = [
        ScarceInput::Wafers,
        ScarceInput::Hbm,
        ScarceInput::Packaging,
        ScarceInput::Demand,
    ];

    /// The input's stable id as tables and JSON print it: `wafers`, `hbm`, `packaging` or
    /// `demand`.
    pub fn name(self) -> &'static str {
        match self {
            ScarceInput::Wafers => "wafers",
            ScarceInput::Hbm => "hbm",
            ScarceInput::Packaging => "packaging",
            ScarceInput::Demand => "demand",
        }
    }
}

/// Number of inputs with a slack.
pub const INPUT_COUNT: usize = 4;

/// The supply side of one year in detail: each product's units and binding input, and each
/// input's slack (the share of it left unused: 0 where it binds everything it serves).
#[derive(Clone, Copy, Debug)]
pub struct SupplyYear<'a, T> {
    /// Each product's units made in the year (units/yr), indexed by `ProductId as usize`.
    pub units: &'a [T; PRODUCT_COUNT],
    /// Each product's binding input as its code ([`NO_CONSTRAINT`] when not in production).
    pub binding: &'a [T; PRODUCT_COUNT],
    /// Each input's slack, the share of it left unused (0–1), indexed by
    /// `ScarceInput as usize`.
    pub slack: [T; INPUT_COUNT],
    /// The constraint that binds the most units, as its code.
    pub overall: T,
    /// HBM stacks each vendor had to hand (its inventory and its share of the year's flow).
    pub hbm_available: [T; VENDOR_COUNT],
}

/// Every metric for every year of one lever path, with the supply side's detail.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The calendar year of the first value of every series.
    pub first_year: i32,
    /// The number of years in every series (the horizon's length).
    pub years: usize,
    /// Metric-major: `values[m * years + year_index]`.
    values: Vec<f64>,
    /// What limits the most domestic units, per year.
    pub binding: Vec<Constraint>,
    /// Product-major: `product_units[p * years + year_index]`, units/yr.
    product_units: Vec<f64>,
    /// Product-major binding input; `None` when the product is not in production.
    product_binding: Vec<Option<Constraint>>,
    /// Per year, each input's slack (the share left unused), indexed by `ScarceInput as usize`.
    pub slack: Vec<[f64; INPUT_COUNT]>,
    /// Per year, the HBM stacks each vendor had to hand, indexed by `Vendor as usize`.
    pub hbm_available: Vec<[f64; VENDOR_COUNT]>,
}

impl Run {
    /// An empty run, to be filled by [`project_into`].
    pub fn empty() -> Run {
        Run {
            first_year: 0,
            years: 0,
            values: Vec::new(),
            binding: Vec::new(),
            product_units: Vec::new(),
            product_binding: Vec::new(),
            slack: Vec::new(),
            hbm_available: Vec::new(),
        }
    }

    /// A metric's values, first year first.
    pub fn series(&self, m: MetricId) -> &[f64] {
        let i = m as usize * self.years;
        &self.values[i..i + self.years]
    }

    /// A metric's value in a year, or `None` outside the horizon.
    pub fn get(&self, m: MetricId, year: i32) -> Option<f64> {
        let yi = self.index(year)?;
        Some(self.values[m as usize * self.years + yi])
    }

    fn index(&self, year: i32) -> Option<usize> {
        let yi = year.checked_sub(self.first_year)?;
        (yi >= 0 && (yi as usize) < self.years).then_some(yi as usize)
    }

    /// The constraint that binds the most units in a year, or `None` outside the horizon.
    pub fn binding_in(&self, year: i32) -> Option<Constraint> {
        self.binding.get(self.index(year)?).copied()
    }

    /// A product's units per year, first year first.
    pub fn product_series(&self, p: ProductId) -> &[f64] {
        let i = p as usize * self.years;
        &self.product_units[i..i + self.years]
    }

    /// A product's binding input in a year (`None` outside the horizon or out of production).
    pub fn product_binding(&self, p: ProductId, year: i32) -> Option<Constraint> {
        self.product_binding[p as usize * self.years + self.index(year)?]
    }

    /// An input's slack in a year.
    pub fn slack_in(&self, input: ScarceInput, year: i32) -> Option<f64> {
        Some(self.slack[self.index(year)?][input as usize])
    }

    /// A vendor's units in a year (the sum of its products).
    pub fn vendor_units(&self, v: Vendor, year: i32) -> Option<f64> {
        let yi = self.index(year)?;
        Some(
            PRODUCTS
                .iter()
                .filter(|p| p.vendor == v)
                .map(|p| self.product_units[p.id as usize * self.years + yi])
                .sum(),
        )
    }

    /// The input that binds most of a vendor group's units in a year (`None` when the group
    /// makes nothing).
    pub fn group_binding(&self, group: VendorGroup, year: i32) -> Option<Constraint> {
        let yi = self.index(year)?;
        let mut units = [0.0; Constraint::ALL.len()];
        for p in PRODUCTS
            .iter()
            .filter(|p| VENDORS[p.vendor as usize].metric_group == group)
        {
            let i = p.id as usize * self.years + yi;
            if let Some(c) = self.product_binding[i] {
                units[c as usize] += self.product_units[i];
            }
        }
        let (best, &most) = units
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))?;
        (most > 0.0).then_some(Constraint::ALL[best])
    }

    /// The calendar year of the last value of every series.
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

/// The model's constants. Each has a source key of `model::sources` or a stated reason,
/// repeated in docs/model.md ("Parameters").
pub mod params {
    /// The year the base data describe.
    pub const ANCHOR_YEAR: i32 = 2024;

    // ---- logic capacity ------------------------------------------------------------------
    /// Wafer starts per month of 7nm-class DUV capacity that $1bn buys: $0.5M per wpm. SMIC's
    /// $8.1B 2025 capex added ~36k 12-inch wpm across all nodes ($0.22M/wpm,
    /// `cdb_smic_results_2026`, `reportify_smic_capacity_2025`); 7nm-class multipatterning
    /// needs roughly twice the litho and etch tools per wafer [derived].
    pub const WPM_PER_BN: f64 = 2_000.0;
    /// Share of state money that turns into capacity under each `duv_controls` option (none,
    /// partial, full) [derived judgement: SMIC's co-CEO on tools that cannot form lines,
    /// `euno_smic_tools_2026`].
    pub const DUV_BUILD: [f64; 3] = [1.0, 0.6, 0.35];
    /// Build-out multiplier with EUV access: fewer passes per layer, so fewer tools per wpm
    /// [derived: quadruple patterning on DUV, `ft_smic_5nm_cost_2024`].
    pub const EUV_BUILD: f64 = 1.5;
    /// Build-out multiplier under a servicing ban [derived judgement; no sourced figure].
    pub const BAN_BUILD: f64 = 0.6;
    /// Yearly loss of installed capacity under a servicing ban [derived judgement].
    pub const BAN_EROSION: f64 = 0.10;
    /// Backcast: capacity before 2024 is this share of the next year's [derived].
    pub const CAPACITY_BACKCAST: f64 = 0.6;

    // ---- yield -------------------------------------------------------------------------
    /// Yield ceiling with EUV access (TSMC ~80%+ on comparable dies,
    /// `rbtfl_smic_yield_2026`, `ft_yield_910c_2025`).
    pub const EUV_YIELD_CEILING: f64 = 0.8;
    /// Shift of the DUV yield ceiling under each `duv_controls` option (none, partial, full):
    /// newer immersion scanners and their parts lift it, a full ban lowers it [derived
    /// judgement].
    pub const DUV_CEILING_SHIFT: [f64; 3] = [0.05, 0.0, -0.05];
    /// Yield points lost per year under a servicing ban, which also stops learning [derived
    /// judgement; no sourced figure].
    pub const BAN_YIELD_DRIFT: f64 = 0.03;
    /// N+3 (5nm-class) starts in this year: the Kirin 9030 on N+3 in late 2025
    /// (`techinsights_kirin_9030_2025`).
    pub const N3_START: i32 = 2025;
    /// N+3's yield gap to N+2 when it starts, in points (FT: 7nm ~50% vs 5nm 30–40%,
    /// `ft_smic_5nm_cost_2024`), and the extra gap under each `duv_controls` option.
    pub const N3_PENALTY: f64 = 0.15;
    /// Extra yield points added to N+3's starting gap under each `duv_controls` option (none,
    /// partial, full): newer DUV tools narrow it, a full ban widens it [derived judgement].
    pub const DUV_N3_SHIFT: [f64; 3] = [-0.05, 0.0, 0.05];
    /// Share of N+3's starting gap closed each year as the node learns [derived: N+2 took
    /// about five years from first 7nm-class parts to ~50%].
    pub const N3_CATCHUP: f64 = 0.2;
    /// What quadruple patterning leaves below N+2's ceiling for good, in points [derived
    /// judgement: "significant yield challenges" in N+3's wiring layers,
    /// `techinsights_kirin_9030_2025`]. EUV removes it.
    pub const N3_CEILING_GAP: f64 = 0.05;
    /// Gross dies per wafer on N+3 relative to N+2 for the same function [derived: SAQP at
    /// ~35 nm metal pitch is an incremental density step, `phonearena_kirin_9030_2025`].
    pub const N3_DENSITY: f64 = 1.25;
    /// Yield points lost per year back from 2024 in the backcast [derived].
    pub const YIELD_BACKCAST: f64 = 0.10;
    /// A yield within this many points of its ceiling counts as "at the ceiling" when naming
    /// the binding constraint (wafers rather than yield) [stated rule].
    pub const YIELD_HEADROOM: f64 = 0.10;
    /// Bounds on any usable yield [stated rule: keeps a lever combination from reaching a
    /// yield no line has (zero or above TSMC's best), so every line keeps making some dies].
    pub const MIN_YIELD: f64 = 0.02;
    /// The upper bound on any usable yield, a fraction of gross dies (see [`MIN_YIELD`]).
    pub const MAX_YIELD: f64 = 0.95;

    // ---- dies --------------------------------------------------------------------------
    /// Gross 910B-class dies per 300 mm wafer (≈80 for a 665.6 mm² die,
    /// `hardwareluxx_910b_die_2024`, die-per-wafer formula [derived]). All products are counted in
    /// 910B-class die equivalents.
    pub const GROSS_DIES_PER_WAFER: f64 = 80.0;
    /// The die bank opens in 2025: TSMC shipped through October 2024 and the 910C that
    /// packages banked dies launched in Q1 2025 (`reuters_tsmc_sophgo_2024`,
    /// `huawei_connect_roadmap_2025`).
    pub const BANK_OPEN_YEAR: i32 = 2025;
    /// Foreign-foundry wafers per month that proxies can order while `foundry_screening` is
    /// off [derived: >2.9M dies reached Huawei over about two years to October 2024,
    /// `semianalysis_ascend_ramp_2025`: 1.45M dies a year at TSMC's ~80% is ~1,900 wpm].
    pub const PROXY_WPM: f64 = 1_900.0;
    /// Yield of proxy-made dies at a foreign foundry: TSMC ~80%+ on comparable dies
    /// (`rbtfl_smic_yield_2026`, `ft_yield_910c_2025`: TSMC ~60% on the H100's larger die).
    pub const PROXY_YIELD: f64 = 0.8;

    // ---- HBM ---------------------------------------------------------------------------
    /// Good HBM stacks per DRAM wafer before stacking losses [derived: a ~100 mm² 16 Gb die
    /// gives ~600 gross dies per wafer, ~330 good at ~55%, 8 core dies a stack ≈ 40].
    pub const HBM_STACKS_PER_WAFER: f64 = 40.0;
    /// Stacking (TSV and test) yield in 2024, its yearly gain and its ceiling [derived
    /// judgement: CXMT 3–4 years behind the leaders, `digitimes_cxmt_hbm2_2024`].
    pub const HBM_YIELD_2024: f64 = 0.4;
    /// Stacking-yield points gained per year (none under a servicing ban), see
    /// [`HBM_YIELD_2024`].
    pub const HBM_YIELD_GAIN: f64 = 0.05;
    /// The ceiling of the stacking yield, a fraction, see [`HBM_YIELD_2024`].
    pub const HBM_YIELD_MAX: f64 = 0.8;
    /// CXMT's HBM wafer starts per month: 2024 (HBM2 mass production ~2024) and 2025 [derived
    /// so 2025 gives about SemiAnalysis's ~2M stacks: 8,500 × 12 × 40 × 0.45 ≈ 1.84M], then growing at
    /// `hbm_domestic_growth`, up to a quarter of its 230–280k wpm of DRAM
    /// (`digitimes_cxmt_hbm2_2024`, `semianalysis_ascend_ramp_2025`).
    pub const CXMT_HBM_WPM: [f64; 2] = [4_000.0, 8_500.0];
    /// The most HBM wafer starts per month either CXMT or XMC may reach, wpm: a quarter of
    /// CXMT's 230–280k wpm of DRAM (`digitimes_cxmt_hbm2_2024`).
    pub const CXMT_HBM_MAX_WPM: f64 = 62_500.0;
    /// XMC's HBM plant: 3,000 wpm, under construction in 2024, from 2026 [derived start]
    /// (`altusintel_xmc_hbm_2024`).
    pub const XMC_HBM_WPM: f64 = 3_000.0;
    /// The first year XMC's HBM plant makes wafers, at [`XMC_HBM_WPM`] [derived start,
    /// `altusintel_xmc_hbm_2024`].
    pub const XMC_START: i32 = 2026;
    /// Huawei's in-house HBM starts in 2026 (HiBL 1.0 on the 950PR,
    /// `huawei_connect_roadmap_2025`), at half of `huawei_hbm_wpm` in its first year.
    pub const HUAWEI_HBM_START: i32 = 2026;
    /// Domestic HBM build-out under `hbm_controls`: the December 2024 package also listed
    /// HBM-making tools (`bis_hbm_rule_2024`) [derived judgement].
    pub const HBM_TOOL_BUILD: f64 = 0.7;
    /// HBM China could import per year while `hbm_controls` is off, in 2024, growing with
    /// demand [derived: Samsung shipped 11.4M stacks to China around 2024, 7M of them in the
    /// December rush that built the stockpile, `semianalysis_ascend_ramp_2025`].
    pub const HBM_IMPORTS_2024: f64 = 4_400_000.0;
    /// The stockpile is usable from 2025 (bought during 2024, mostly in December) and is
    /// Huawei's: SemiAnalysis counts it in Ascend packages (`semianalysis_ascend_ramp_2025`).
    pub const STOCKPILE_OPEN_YEAR: i32 = 2025;

    // ---- packaging ---------------------------------------------------------------------
    /// Backcast: packaging capacity before 2024 is this share of the next year's [derived].
    pub const PACKAGING_BACKCAST: f64 = 0.6;

    // ---- the market and licensed trade ($) ------------------------------------------
    /// Backcast of the market before 2024, per year [derived: IDC's ~35%/yr,
    /// `idc_china_ai_servers_2025`].
    pub const DEMAND_BACKCAST_GROWTH: f64 = 0.35;
    /// Licensed US parts by `chip_exports` option (banned, downgraded, licensed): H100e per
    /// unit at dense BF16 (H20 148 TF, H200 989 TF against the H100's 989 TF; H200 ≈ 6× H20,
    /// `asianfin_h200_2025`), price at launch in $ and launch year. H20: ~1M sold in 2024 for
    /// $12–15B, $13.5k at the midpoint (`bloomberg_h20_volumes_2025`, `baystreet_h20_value_2025`); H200 [derived: between the H20 and a B200-class
    /// $45–60k, `ft_smuggling_2025`]. Prices fall by `price_decline` a year from launch.
    pub const LICENSED_H100E: [f64; 3] = [0.0, 148.0 / 989.0, 1.0];
    /// Launch price of the licensed part per `chip_exports` option (banned, downgraded =
    /// H20, licensed = H200), $ per unit; see [`LICENSED_H100E`].
    pub const LICENSED_PRICE: [f64; 3] = [0.0, 13_500.0, 30_000.0];
    /// Launch year of the licensed part per `chip_exports` option, from which its price
    /// falls by `price_decline` a year; see [`LICENSED_H100E`].
    pub const LICENSED_LAUNCH: [i32; 3] = [2024, 2024, 2025];

    // ---- diversion ---------------------------------------------------------------------
    /// A smuggled accelerator in 2024: an H100 at ~$25k [derived] plus the FT's ~50% premium
    /// (`ft_smuggling_2025`), $ per unit. Later parts are newer: the price follows the
    /// smuggled part's generation (`DIVERTED_PERF_GROWTH`) less `price_decline`.
    pub const DIVERTED_PRICE_2024: f64 = 37_500.0;
    /// Share of the market that wants frontier parts no licence covers (Blackwell-class), so
    /// some smuggling goes on even when licensed parts fill the rest [derived judgement: the
    /// FT's B200 racks sold in 2025 while H20s were licensed, `ft_smuggling_2025`].
    pub const FRONTIER_SHARE: f64 = 0.05;
    /// Smuggling networks carry at most this multiple of 2024's flow, growing yearly at
    /// `NETWORK_GROWTH` [derived judgement: the FT's ≥$1B in the quarter after the April 2025
    /// rule is about 2024's rate (CNAS's ~140k chips at ~$37.5k), so the networks ran near
    /// capacity; single cases of $160M–$400M, `ft_smuggling_2025`,
    /// `prismedia_h200_customs_2026`, `cnas_smuggling_2025`].
    pub const NETWORK_HEADROOM: f64 = 1.1;
    /// Yearly growth of the smuggling networks' ceiling after 2024, a fraction per year (see
    /// [`NETWORK_HEADROOM`]) [derived judgement].
    pub const NETWORK_GROWTH: f64 = 0.10;
    /// Cut in diverted flow with chip location verification [derived judgement].
    pub const VERIFICATION_EFFECT: f64 = 0.3;
    /// How strongly diverted flow avoids a strict hub: a route's weight is its base share times
    /// `1 − ROUTE_SHIFT × e_h`, `e_h` being its combined enforcement [derived judgement].
    pub const ROUTE_SHIFT: f64 = 0.8;
    /// How much US enforcement at the hubs (`hub_enforcement`) cuts offshore rental, at full
    /// enforcement [derived judgement: know-your-customer rules reach data centres, not chips].
    pub const OFFSHORE_ENFORCEMENT: f64 = 0.5;

    // ---- compute -----------------------------------------------------------------------
    /// H100 dense BF16 throughput, FLOP/s: the H100e yardstick (H100 SXM data sheet).
    pub const H100_FLOPS: f64 = 989e12;
    /// Effective-compute gain of work run in FP8 on FP8-capable parts [derived: FP8 doubles
    /// matmul throughput, about half of it reaches end-to-end work, `36kr_ue8m0_2025`]. US
    /// parts, licensed and smuggled Hopper/Blackwell parts always get it; China's FP8-capable
    /// domestic parts only while `fp8_standard` holds; China's 2024 stock (A100/A800-era) none.
    pub const FP8_GAIN: f64 = 1.5;
    /// H100e per smuggled accelerator in 2024 and its yearly gain [derived: H100 in 2024,
    /// B200-class ~2.3 H100e by 2026, `ft_smuggling_2025`].
    pub const DIVERTED_PERF_2024: f64 = 1.0;
    /// Yearly gain in H100e per smuggled accelerator after 2024, a fraction per year (see
    /// [`DIVERTED_PERF_2024`]).
    pub const DIVERTED_PERF_GROWTH: f64 = 0.3;
    /// Model-weight controls halve China's relative software gains [derived judgement].
    pub const WEIGHT_CONTROL_SOFTWARE: f64 = 0.5;
    /// Yearly depreciation of installed compute [derived: ~5-year useful life].
    pub const DEPRECIATION: f64 = 0.2;
    /// Growth of installed NVIDIA compute, per year, in the backcast before 2025 (Epoch: ~2.3×
    /// a year since 2019, `epoch_nvidia_stock_2025`); China's backcast [derived].
    pub const US_BACKCAST_GROWTH: f64 = 1.3;
    /// Growth of China's installed compute stock, per year, in the backcast before 2024: each
    /// earlier year's stock is the following year's divided by 1.5 [derived].
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
    if run.product_units.len() != PRODUCT_COUNT * years {
        run.product_units.clear();
        run.product_units.resize(PRODUCT_COUNT * years, 0.0);
        run.product_binding.clear();
        run.product_binding.resize(PRODUCT_COUNT * years, None);
    }
    run.binding.clear();
    run.slack.clear();
    run.hbm_available.clear();
    let Run {
        values,
        binding,
        product_units,
        product_binding,
        slack,
        hbm_available,
        ..
    } = run;
    project_rows(path.first_year, &path.values, true, |yi, row, supply| {
        // Metric-major store: metric m's series is `values[m * years..(m + 1) * years]`.
        for (series, &v) in values.chunks_exact_mut(years).zip(row.iter()) {
            series[yi] = v;
        }
        for p in 0..PRODUCT_COUNT {
            product_units[p * years + yi] = supply.units[p];
            product_binding[p * years + yi] = Constraint::from_code(supply.binding[p]);
        }
        slack.push(supply.slack);
        hbm_available.push(supply.hbm_available);
        binding.push(Constraint::from_code(supply.overall).unwrap_or(Constraint::Demand));
    });
}

/// One product's inputs in a year, before buyers are counted.
#[derive(Clone, Copy)]
struct Limits<T> {
    /// Units the product's dies allow (banked and new).
    dies: T,
    /// Of which from banked dies.
    bank: T,
    /// Units its HBM allotment allows (infinite for non-HBM parts).
    hbm: T,
    /// Units its packaging allotment allows.
    packaging: T,
}

/// The projection itself, over rows of lever values (`rows[0]` is `first_year`), for one run
/// (`T = f64`) or a batch of samples at once (`T = Lanes<N>`). For each year of the horizon,
/// first to last, `emit` receives the year's index, every metric's value (indexed by
/// `MetricId as usize`) and the year's supply detail. With `detail` false the detail's
/// binding codes and slacks are left at zero (the Monte Carlo reads only the metrics).
///
/// Conditions on lever values are masks and selects, so every lane follows its own branch;
/// conditions on the year are ordinary branches. Always inlined, so a caller compiled for
/// wider vector instructions (the Monte Carlo's `fill`) gets them here too, and a caller that
/// ignores the supply detail lets the compiler drop what only the detail needs.
#[inline(always)]
pub fn project_rows<T: Num>(
    first_year: i32,
    rows: &[[T; LEVER_COUNT]],
    detail: bool,
    mut emit: impl FnMut(usize, &[T; METRIC_COUNT], &SupplyYear<'_, T>),
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
    let (order, order_len) = products::by_vendor_lightest_first();

    // Anchors are read in 2024 (or the first year when the horizon starts later).
    let anchor = Year {
        row: row_of(ANCHOR_YEAR),
    };
    let cap_2024 = anchor.v(LeverId::Capacity2024);
    let yield_2024 = anchor.v(LeverId::Yield2024);
    let bank_0 = anchor.v(LeverId::DieBank);
    let stockpile_0 = anchor.v(LeverId::HbmStockpile);
    let smuggled_2024 = anchor.v(LeverId::Smuggling2024);
    let packaging_2024 = anchor.v(LeverId::PackagingCapacity2024);
    let market_2024 = anchor.v(LeverId::Market2024);
    let inv_market_2024 = one / market_2024;
    let diverted_2024 = smuggled_2024 * c(DIVERTED_PRICE_2024 * 1e-9);
    let offshore_2024 = anchor.v(LeverId::Offshore2024);
    // Each route's weight in the squeeze, and the squeeze at 2024's enforcement (the
    // reference at which diversion equals `smuggled_2024_units`).
    let squeeze_of = |lv: &Year<'_, T>| -> (T, [T; HUB_COUNT]) {
        let us = lv.v(LeverId::HubEnforcement);
        let effect = lv.v(LeverId::HubEnforcementEffect);
        let mut squeeze = zero;
        let mut weights = [zero; HUB_COUNT];
        for (w, h) in weights.iter_mut().zip(&HUBS) {
            // Either side can stop a shipment: e = 1 − (1 − US)(1 − hub).
            let e = one - (one - us) * (one - lv.v(h.lever));
            squeeze = squeeze + c(h.base_share) * (one - effect * e);
            *w = c(h.base_share) * (one - c(ROUTE_SHIFT) * e);
        }
        (squeeze, weights)
    };
    let inv_squeeze_2024 = one / squeeze_of(&anchor).0.max(c(1e-9));
    let us_ref = anchor.v(LeverId::HubEnforcement);
    let offshore_ref = one / (one - c(OFFSHORE_ENFORCEMENT) * us_ref);

    // State carried from year to year.
    let back = ANCHOR_YEAR - (sim_start - 1);
    let mut cap_prev = cap_2024 * c(CAPACITY_BACKCAST.powi(back));
    let mut learned = yield_2024;
    let mut bank = bank_0;
    let mut inventory = [zero; VENDOR_COUNT];
    let mut cxmt_wpm = zero;
    let mut xmc_wpm = zero;
    let mut hbm_yield = c(HBM_YIELD_2024);
    let mut packaging = packaging_2024;
    let mut market = market_2024;
    let mut software = one;
    let mut pull_2024 = one;
    let china_stock_0 = anchor.v(LeverId::ChinaStock2024);
    let us_stock_2024 = anchor.v(LeverId::UsStock2024);
    let mut stock_cn = china_stock_0;
    // Effective compute: China's 2024 stock (A100/A800 era) gets no FP8 gain.
    let mut stock_cn_eff = china_stock_0;
    let mut stock_us = us_stock_2024;
    let mut offshore = zero;

    // Units per stack of a line (a non-HBM line is not limited by HBM).
    let mut per_stack = [f64::INFINITY; PRODUCT_COUNT];
    for (ps, p) in per_stack.iter_mut().zip(&PRODUCTS) {
        if p.hbm_stacks > 0.0 {
            *ps = 1.0 / p.hbm_stacks;
        }
    }
    let mut dies = [zero; PRODUCT_COUNT];
    let mut bank_units = [zero; PRODUCT_COUNT];
    let mut new_die_units = [zero; PRODUCT_COUNT];
    let mut pack = [zero; PRODUCT_COUNT];
    let mut stk = [zero; PRODUCT_COUNT];
    let mut units = [zero; PRODUCT_COUNT];
    let mut extra = [zero; PRODUCT_COUNT];
    let mut binding = [c(NO_CONSTRAINT); PRODUCT_COUNT];

    for year in sim_start..=last_year {
        let lv = Year { row: row_of(year) };
        let pre = year < ANCHOR_YEAR;
        let since = year - ANCHOR_YEAR; // > 0 after the anchor year
        // Bools and choices are read as the share of the year each setting is in force (a
        // change dated in a month makes them fractional), so every flow is weighted by months.
        let euv = lv.v(LeverId::EuvAccess);
        let ban = lv.v(LeverId::ServicingBan);
        let duv = lv.v(LeverId::DuvControls);
        let hbm_ctrl = lv.v(LeverId::HbmControls);
        let screening = lv.v(LeverId::FoundryScreening);

        // ---- logic capacity (wpm) ------------------------------------------------------
        let cap_end = if pre {
            cap_2024 * c(CAPACITY_BACKCAST.powi(-since))
        } else if since == 0 {
            cap_2024
        } else {
            let tool =
                duv.pick3(DUV_BUILD) * euv.blend(c(EUV_BUILD), one) * ban.blend(c(BAN_BUILD), one);
            let added = lv.v(LeverId::StateInvestment) * c(WPM_PER_BN) * tool;
            let kept = ban.blend(c(1.0 - BAN_EROSION), one);
            cap_prev * kept + added
        };
        let cap_avg = c(0.5) * (cap_prev + cap_end);
        cap_prev = cap_end;
        let ai_wafers = cap_avg * lv.v(LeverId::AiWaferShare);

        // ---- yield on N+2 and N+3 ------------------------------------------------------
        if pre {
            learned = (yield_2024 - c(YIELD_BACKCAST * f64::from(-since))).max(c(MIN_YIELD));
        } else if since == 0 {
            learned = yield_2024;
        } else {
            // Learning stops under a servicing ban and the line drifts down instead.
            let step = ban.blend(c(-BAN_YIELD_DRIFT), lv.v(LeverId::YieldLearning) * c(0.01));
            learned = learned + step;
        }
        let duv_ceiling = lv.v(LeverId::YieldCeiling) + duv.pick3(DUV_CEILING_SHIFT);
        let ceiling = euv.blend(duv_ceiling.max(c(EUV_YIELD_CEILING)), duv_ceiling);
        // Learning above the ceiling is not kept, so a later ceiling rise starts from it.
        learned = learned.min(ceiling);
        let y2 = learned.clamp(MIN_YIELD, MAX_YIELD);
        let n3_left = (1.0 - N3_CATCHUP * f64::from(year - N3_START)).clamp(0.0, 1.0);
        let n3_gap = euv.blend(zero, (c(N3_PENALTY) + duv.pick3(DUV_N3_SHIFT)) * c(n3_left));
        let n3_ceiling = euv.blend(ceiling, ceiling - c(N3_CEILING_GAP));
        let y3 = (learned - n3_gap)
            .min(n3_ceiling)
            .clamp(MIN_YIELD, MAX_YIELD);
        let dies_per_wafer_month = [
            c(12.0 * GROSS_DIES_PER_WAFER) * y2,
            c(12.0 * GROSS_DIES_PER_WAFER * N3_DENSITY) * y3,
        ];
        let proxy_dies_per_wpm = screening.blend(
            zero,
            c(PROXY_WPM * 12.0 * GROSS_DIES_PER_WAFER * PROXY_YIELD),
        );

        // ---- the market ($bn/yr) -------------------------------------------------------
        if pre {
            market = market_2024 / c((1.0 + DEMAND_BACKCAST_GROWTH).powi(-since));
        } else if since == 0 {
            market = market_2024;
        } else {
            market = market * (one + lv.v(LeverId::DemandGrowth));
        }
        let growth_index = market * inv_market_2024;

        // ---- enforcement (diversion and grey-market HBM) -------------------------------
        let (squeeze_raw, route_weights) = squeeze_of(&lv);
        let squeeze = squeeze_raw * inv_squeeze_2024;

        // Vendors' shares of wafers, packaging and the HBM flow this year.
        let (wafer_share, hbm_share) = products::vendor_shares(lv.v(LeverId::HuaweiShare));

        // ---- HBM (stacks/yr) -----------------------------------------------------------
        if !pre && since > 0 {
            let learn = ban.blend(zero, c(HBM_YIELD_GAIN));
            hbm_yield = (hbm_yield + learn).min(c(HBM_YIELD_MAX));
        }
        // DRAM lines are built with the same scanners as logic (EUV for the newest DRAM
        // nodes), relative to today's partial DUV controls.
        let tool = duv.pick3(DUV_BUILD)
            * c(1.0 / DUV_BUILD[1])
            * euv.blend(c(EUV_BUILD), one)
            * hbm_ctrl.blend(c(HBM_TOOL_BUILD), one)
            * ban.blend(c(BAN_BUILD), one);
        let kept = ban.blend(c(1.0 - BAN_EROSION), one);
        let growth = one + lv.v(LeverId::HbmDomesticGrowth) * tool;
        cxmt_wpm = match year {
            ..2024 => zero,
            2024 => c(CXMT_HBM_WPM[0]),
            2025 => c(CXMT_HBM_WPM[1]),
            _ => (cxmt_wpm * kept * growth).min(c(CXMT_HBM_MAX_WPM)),
        };
        xmc_wpm = if year < XMC_START {
            zero
        } else if year == XMC_START {
            c(XMC_HBM_WPM)
        } else {
            (xmc_wpm * kept * growth).min(c(CXMT_HBM_MAX_WPM))
        };
        let huawei_wpm = match year.cmp(&HUAWEI_HBM_START) {
            std::cmp::Ordering::Less => zero,
            std::cmp::Ordering::Equal => c(0.5) * lv.v(LeverId::HuaweiHbm),
            std::cmp::Ordering::Greater => lv.v(LeverId::HuaweiHbm),
        } * ban.blend(c(1.0 - BAN_EROSION), one);
        let stacks_per_wpm = c(12.0 * HBM_STACKS_PER_WAFER) * hbm_yield;
        let hbm_pooled_domestic = (cxmt_wpm + xmc_wpm) * stacks_per_wpm;
        let hbm_huawei_own = huawei_wpm * stacks_per_wpm;
        // Grey channels carry at most what open trade would.
        let open_trade = c(HBM_IMPORTS_2024) * growth_index;
        let hbm_imports = hbm_ctrl.blend(zero, open_trade);
        let hbm_grey = hbm_ctrl.blend((lv.v(LeverId::GreyHbm) * squeeze).min(open_trade), zero);
        let hbm_flow = hbm_pooled_domestic + hbm_imports + hbm_grey;
        if year == STOCKPILE_OPEN_YEAR {
            inventory[Vendor::Huawei as usize] = stockpile_0;
        }
        let mut hbm_avail = [zero; VENDOR_COUNT];
        for (v, avail) in hbm_avail.iter_mut().enumerate() {
            *avail = inventory[v] + hbm_flow * hbm_share[v];
        }
        hbm_avail[Vendor::Huawei as usize] = hbm_avail[Vendor::Huawei as usize] + hbm_huawei_own;

        // ---- packaging (units/yr) ------------------------------------------------------
        if pre {
            packaging = packaging_2024 * c(PACKAGING_BACKCAST.powi(-since));
        } else if since == 0 {
            packaging = packaging_2024;
        } else {
            packaging = packaging * (one + lv.v(LeverId::PackagingGrowth));
        }

        // ---- supply by product ---------------------------------------------------------
        // Each product gets its mix share of its vendor's AI wafers, proxy wafers, HBM and
        // packaging; it makes what the scarcest of them allows.
        let loss = lv.v(LeverId::PackagingLoss);
        let good = one - loss;
        // Inputs a good unit consumes per unit started (packaging loss scraps dies and HBM).
        let per_good = one / good;
        let mix: [T; PRODUCT_COUNT] = products::mix(year, lv.v(LeverId::RoadmapDelay));
        let bank_open = year >= BANK_OPEN_YEAR;
        // Allotments: packaging (units) and HBM (stacks) per line, moved between a vendor's
        // lines below; dies (units) stay with their line.
        // Lines out of production in every lane (no mix share, no banked dies) take no part:
        // skipping them only skips adding and taking zeros.
        // The per-line arrays live across years (declared before the loop): entries of lines
        // out of production are never read, and `units` and `binding` are reset for them.
        let mut active = [false; PRODUCT_COUNT];
        for (i, p) in PRODUCTS.iter().enumerate() {
            active[i] = !mix[i].all_zero() || (p.bank && bank_open && !bank.all_zero());
            if !active[i] {
                units[i] = zero;
                binding[i] = c(NO_CONSTRAINT);
            }
        }
        for p in PRODUCTS.iter().filter(|p| active[p.id as usize]) {
            let i = p.id as usize;
            let vshare = wafer_share[p.vendor as usize];
            let m = mix[i];
            let units_per_die = good * c(1.0 / p.dies);
            let wafers = ai_wafers * vshare * m;
            let mut made = wafers * dies_per_wafer_month[p.node as usize];
            if p.proxy {
                made = made + proxy_dies_per_wpm * vshare * m;
            }
            new_die_units[i] = made * units_per_die;
            bank_units[i] = if p.bank && bank_open {
                bank * units_per_die
            } else {
                zero
            };
            dies[i] = new_die_units[i] + bank_units[i];
            pack[i] = packaging * vshare * m;
            stk[i] = hbm_avail[p.vendor as usize] * m;
        }
        let by_hbm = |stk: T, i: usize| -> T {
            if PRODUCTS[i].hbm_stacks > 0.0 {
                stk * good * c(per_stack[i])
            } else {
                c(f64::INFINITY)
            }
        };
        // Stacks a line's units consume.
        let stacks_of = |units: T, i: usize| -> T { units * c(PRODUCTS[i].hbm_stacks) * per_good };
        for i in (0..PRODUCT_COUNT).filter(|&i| active[i]) {
            extra[i] = zero;
            units[i] = dies[i].min(by_hbm(stk[i], i)).min(pack[i]);
        }

        // Banked dies are sunk, so Huawei packages them before it starts new dies for a line
        // that needs as many HBM stacks a unit or more (the 950s, 960, 970 against the 910C),
        // and with whatever packaging and HBM its lighter lines (the 910B) leave idle.
        for b in PRODUCTS.iter().filter(|p| p.bank && active[p.id as usize]) {
            let bi = b.id as usize;
            // No banked dies left over in any lane: the extra is 0 and nothing moves.
            if (bank_units[bi] - units[bi]).max(zero).all_zero() {
                continue;
            }
            let sb = b.hbm_stacks;
            // Spare inputs (own and lighter lines') first, then heavier lines' allotments.
            let mut spare_pack = zero;
            let mut spare_stk = zero;
            let mut prio_pack = zero;
            let mut prio_stk = zero;
            for p in PRODUCTS
                .iter()
                .filter(|p| p.vendor == b.vendor && active[p.id as usize])
            {
                let i = p.id as usize;
                if p.id == b.id || p.hbm_stacks < sb {
                    spare_pack = spare_pack + (pack[i] - units[i]).max(zero);
                    spare_stk = spare_stk + (stk[i] - stacks_of(units[i], i)).max(zero);
                } else {
                    prio_pack = prio_pack + pack[i];
                    prio_stk = prio_stk + stk[i];
                }
            }
            let bank_left = (bank_units[bi] - units[bi]).max(zero);
            extra[bi] = bank_left
                .min(spare_pack + prio_pack)
                .min(by_hbm(spare_stk + prio_stk, bi));
            // Take what the extra needs: spare first (the bank line's own and its lighter lines',
            // in table order, so the 910B's before the 910C's own), then from the heavier lines'
            // allotments in table order.
            let mut need_pack = extra[bi];
            let mut need_stk = stacks_of(extra[bi], bi);
            for heavier in [false, true] {
                for p in PRODUCTS
                    .iter()
                    .filter(|p| p.vendor == b.vendor && active[p.id as usize])
                {
                    let i = p.id as usize;
                    let is_heavier = p.id != b.id && p.hbm_stacks >= sb;
                    if is_heavier != heavier {
                        continue;
                    }
                    let (free_pack, free_stk) = if heavier {
                        (pack[i], stk[i])
                    } else {
                        (
                            (pack[i] - units[i]).max(zero),
                            (stk[i] - stacks_of(units[i], i)).max(zero),
                        )
                    };
                    let take_pack = need_pack.min(free_pack);
                    let take_stk = need_stk.min(free_stk);
                    need_pack = need_pack - take_pack;
                    need_stk = need_stk - take_stk;
                    if p.id != b.id {
                        pack[i] = pack[i] - take_pack;
                        stk[i] = stk[i] - take_stk;
                        pack[bi] = pack[bi] + take_pack;
                        stk[bi] = stk[bi] + take_stk;
                    }
                    if heavier {
                        units[i] = units[i].min(dies[i].min(by_hbm(stk[i], i)).min(pack[i]));
                    }
                }
            }
            units[bi] = units[bi] + extra[bi];
        }

        // Idle inputs then move within a vendor, only from a line to one needing at least as
        // many HBM stacks a unit. So a line that takes its own inputs back never costs the
        // other line more units than it gains, nor leaves less HBM for later years than the
        // other line would have used: more of any input never means fewer units, this year or
        // summed over the years. Lines are visited lightest first (ties in table order); each
        // draws on its own spare, then on what the lines before it left idle.
        for (lines, &n) in order.iter().zip(order_len.iter()) {
            // What lighter lines (and earlier lines as heavy) left idle, for the next lines.
            let mut pool_pack = zero;
            let mut pool_stk = zero;
            // A vendor with one line in production has nothing to move.
            if lines[..n].iter().filter(|&&i| active[i]).count() < 2 {
                continue;
            }
            for &i in lines[..n].iter().filter(|&&i| active[i]) {
                // Own spare in units, from the same limits `units` was the least of, so a
                // line bound by an input has exactly none of it spare.
                let own_pack = (pack[i] - units[i]).max(zero);
                let own_hbm = (by_hbm(stk[i], i) - units[i]).max(zero);
                let more = (dies[i] - units[i])
                    .max(zero)
                    .min(own_hbm + by_hbm(pool_stk, i))
                    .min(own_pack + pool_pack);
                // Own spare first, then the pool.
                let from_pool_pack = (more - own_pack).max(zero);
                let from_pool_stk = stacks_of((more - own_hbm).max(zero), i);
                pool_pack = (pool_pack - from_pool_pack).max(zero);
                pool_stk = (pool_stk - from_pool_stk).max(zero);
                pack[i] = pack[i] + from_pool_pack;
                stk[i] = stk[i] + from_pool_stk;
                units[i] = units[i] + more;
                // What this line still leaves idle joins the pool for the lines after it.
                pool_pack = pool_pack + (own_pack - more).max(zero);
                if PRODUCTS[i].hbm_stacks > 0.0 {
                    pool_stk = pool_stk + stacks_of((own_hbm - more).max(zero), i);
                } else {
                    pool_stk = pool_stk + stk[i];
                }
            }
        }

        // Buyers: domestic supply sells first (Beijing steers buyers to it), up to the whole
        // market in dollars; a market too small for it scales every product alike.
        let price_factor = lv.v(LeverId::DomesticPriceFactor) * c(1e-9);
        let supply_usd = (0..PRODUCT_COUNT)
            .filter(|&i| active[i])
            .fold(zero, |a, i| a + units[i] * c(PRODUCTS[i].price_usd))
            * price_factor;
        let demand_binds = market.lt(supply_usd);
        let fill = T::select(
            demand_binds,
            market / supply_usd.max(c(f64::MIN_POSITIVE)),
            one,
        );
        for i in (0..PRODUCT_COUNT).filter(|&i| active[i]) {
            units[i] = units[i] * fill;
        }

        // Binding input per product, stocks drawn, and totals.
        let mut by_constraint = [zero; 6];
        let mut domestic = zero;
        let mut dom_c = zero;
        // Domestic compute on FP8-capable parts, and domestic sales in $.
        let mut dom_fp8 = zero;
        let mut dom_usd = zero;
        let mut huawei = zero;
        let mut cambricon = zero;
        let mut from_bank = zero;
        let mut huawei_dies = zero;
        let mut hbm_used = [zero; VENDOR_COUNT];
        let mut new_dies_made = zero;
        let mut new_dies_used = zero;
        let fp8 = lv.v(LeverId::Fp8Standard);
        let h100e_factor = lv.v(LeverId::H100eFactor);
        for p in PRODUCTS.iter().filter(|p| active[p.id as usize]) {
            let i = p.id as usize;
            let l = Limits {
                dies: dies[i],
                bank: bank_units[i],
                hbm: by_hbm(stk[i], i),
                packaging: pack[i],
            };
            let u = units[i];
            let dies_per_unit = c(p.dies) * per_good;
            let bank_units = u.min(l.bank);
            let new_units = u - bank_units;
            if detail {
                let die_bound = T::and(l.dies.le(l.hbm), l.dies.le(l.packaging));
                let die_code = T::select(
                    T::and(zero.lt(l.bank), new_die_units[i].le(l.bank)),
                    c(Constraint::DieBank.code()),
                    T::select(
                        (y_of(p.node, y2, y3))
                            .lt(ceiling_of(p.node, ceiling, n3_ceiling) - c(YIELD_HEADROOM)),
                        c(Constraint::Yield.code()),
                        c(Constraint::Wafers.code()),
                    ),
                );
                let input_code = T::select(
                    die_bound,
                    die_code,
                    T::select(
                        l.hbm.le(l.packaging),
                        c(Constraint::Hbm.code()),
                        c(Constraint::Packaging.code()),
                    ),
                );
                // The bank product running on idle inputs is bound by the bank once it is empty.
                let input_code = if p.bank {
                    T::select(zero.lt(extra[i]), c(Constraint::DieBank.code()), input_code)
                } else {
                    input_code
                };
                let code = T::select(demand_binds, c(Constraint::Demand.code()), input_code);
                let active = T::and(zero.lt(mix[i] + u), zero.le(mix[i]));
                binding[i] = T::select(active, code, c(NO_CONSTRAINT));
                for (k, total) in by_constraint.iter_mut().enumerate() {
                    let is_k = T::and(c(k as f64 - 0.5).lt(code), code.lt(c(k as f64 + 0.5)));
                    *total = *total + T::select(is_k, u, zero);
                }
                new_dies_made = new_dies_made + new_die_units[i] * dies_per_unit;
                new_dies_used = new_dies_used + new_units * dies_per_unit;
            }
            domestic = domestic + u;
            let hw = u * c(p.h100e);
            dom_c = dom_c + hw;
            if p.fp8 {
                dom_fp8 = dom_fp8 + hw;
            }
            dom_usd = dom_usd + u * c(p.price_usd);
            match VENDORS[p.vendor as usize].metric_group {
                VendorGroup::Huawei => {
                    huawei = huawei + u;
                    from_bank = from_bank + bank_units;
                    huawei_dies = huawei_dies + u * dies_per_unit;
                }
                VendorGroup::Cambricon => cambricon = cambricon + u,
                VendorGroup::Other => {}
            }
            bank = bank - bank_units * dies_per_unit;
            // Less than half a die is rounding, not a die left in the bank.
            bank = T::select(bank.lt(c(0.5)), zero, bank);
            hbm_used[p.vendor as usize] =
                hbm_used[p.vendor as usize] + u * c(p.hbm_stacks) * per_good;
        }
        let mut hbm_supply = zero;
        let mut hbm_left = zero;
        let hbm_used_total = hbm_used.iter().fold(zero, |a, &u| a + u);
        for v in 0..VENDOR_COUNT {
            hbm_supply = hbm_supply + hbm_avail[v];
            // Before the stockpile opens nothing carries over: the stockpile lever is the
            // whole of what 2025 inherits.
            inventory[v] = if year < STOCKPILE_OPEN_YEAR {
                zero
            } else {
                // Less than half a stack is rounding, not inventory.
                let left = hbm_avail[v] - hbm_used[v];
                T::select(left.lt(c(0.5)), zero, left)
            };
            hbm_left = hbm_left + inventory[v];
        }
        let other = domestic - huawei - cambricon;
        let huawei_new = huawei - from_bank;
        let mut overall = c(Constraint::Demand.code());
        let mut slack = [zero; INPUT_COUNT];
        if detail {
            let mut most = c(-1.0);
            for (k, &total) in by_constraint.iter().enumerate() {
                let more = most.lt(total);
                overall = T::select(more, c(k as f64), overall);
                most = T::select(more, total, most);
            }
            let share_left =
                |left: T, of: T| T::select(zero.lt(of), (left / of).clamp(0.0, 1.0), zero);
            slack = [
                share_left(new_dies_made - new_dies_used, new_dies_made),
                share_left(hbm_supply - hbm_used_total, hbm_supply),
                share_left(packaging - domestic, packaging),
                share_left(market - dom_usd * price_factor, market),
            ];
        }

        let dom_c = dom_c * h100e_factor;
        let dom_fp8 = dom_fp8 * h100e_factor;
        let dom_usd = dom_usd * price_factor;

        // ---- licensed imports ($bn) ----------------------------------------------------
        // What the US licenses: each class's yearly cap in units times its price, which
        // falls from launch as newer parts ship. A month-weighted `chip_exports` between two
        // neighbouring options weighs the classes by the months each is licensed; a year that
        // mixes banned and licensed months reads them as downgraded ones (docs/model.md §2).
        let tier = lv.v(LeverId::ChipExports);
        let decline = one - lv.v(LeverId::PriceDecline);
        // `licensed` adds H200-class parts to the downgraded ones (an H200 licence does not
        // end H20 sales), so the downgraded cap applies from option 1 up.
        let tier_weights = [
            (one - tier).clamp(0.0, 1.0),
            tier.clamp(0.0, 1.0),
            (tier - one).clamp(0.0, 1.0),
        ];
        let caps_units = [
            zero,
            lv.v(LeverId::ImportDemand2024),
            lv.v(LeverId::LicensedCap),
        ];
        let mut cap_usd = zero;
        let mut cap_units = zero;
        let mut cap_h100e = zero;
        for k in 1..3 {
            let age = (year - LICENSED_LAUNCH[k]).max(0);
            let price = c(LICENSED_PRICE[k] * 1e-9) * decline.pow_int(age);
            let units_k = tier_weights[k] * caps_units[k];
            cap_units = cap_units + units_k;
            cap_usd = cap_usd + units_k * price;
            cap_h100e = cap_h100e + units_k * c(LICENSED_H100E[k]);
        }
        // Beijing's acceptance: none while imports are blocked, none for the share of buyers
        // a mandate binds (state-funded data centres, the CAC's stop-orders), and only for
        // what domestic supply leaves unserved: the shorter domestic supply, the more it lets in.
        let mandate = lv.v(LeverId::DomesticMandate);
        let accept = (one - lv.v(LeverId::ImportBlock)) * (one - mandate);
        let room = (market - dom_usd).max(zero);
        let licensed_usd = cap_usd.min(accept * room);
        let taken = T::select(zero.lt(cap_usd), licensed_usd / cap_usd.max(c(1e-12)), zero);
        let imports = cap_units * taken;
        let imp_c = cap_h100e * taken;

        // ---- diversion ($bn, units) ----------------------------------------------------
        // Smuggling is a dollar flow pulled by the market no legal supply serves (mandated
        // buyers included) and by frontier demand no licence covers; it grows with the square
        // root of that pull up to what the networks can carry, enforcement on each route and
        // location verification then cut what gets through, and it never exceeds the pull.
        let unserved = (market - dom_usd - licensed_usd).max(zero);
        let pull = unserved + c(FRONTIER_SHARE) * market;
        if since == 0 {
            pull_2024 = pull.max(c(1e-12));
        }
        let verification = lv
            .v(LeverId::ChipLocationVerification)
            .blend(c(1.0 - VERIFICATION_EFFECT), one);
        let network =
            diverted_2024 * c(NETWORK_HEADROOM * (1.0 + NETWORK_GROWTH).powi(since.max(0)));
        let diverted_usd = if pre {
            diverted_2024 / c((1.0 + DEMAND_BACKCAST_GROWTH).powi(-since))
        } else {
            // Capped at the pull again after the squeeze: a squeeze above 1 (less
            // enforcement than in 2024's reference) must not carry more than buyers want.
            ((diverted_2024 * (pull / pull_2024).sqrt())
                .min(network)
                .min(pull)
                * squeeze
                * verification)
                .min(pull)
        };
        let generation = (1.0 + DIVERTED_PERF_GROWTH).powi(since);
        let diverted_price =
            c(DIVERTED_PRICE_2024 * 1e-9 * generation) * decline.pow_int(since.max(0));
        let diverted = diverted_usd / diverted_price;
        let weight_sum = route_weights.iter().fold(zero, |a, &w| a + w);
        let per_weight = diverted / weight_sum.max(c(1e-12));
        let hub_flows = route_weights.map(|w| w * per_weight);

        // Offshore compute: capacity rented in the hubs' data centres, pulled like diversion
        // and cut by US know-your-customer enforcement, not by chip-export permits.
        let us_hub = lv.v(LeverId::HubEnforcement);
        let offshore_flow = if pre {
            zero
        } else {
            offshore_2024
                * (pull / pull_2024).sqrt()
                * (one - c(OFFSHORE_ENFORCEMENT) * us_hub)
                * offshore_ref
        };
        offshore = offshore * c(1.0 - DEPRECIATION) + offshore_flow;

        // ---- compute (H100e, dense BF16) -----------------------------------------------
        if !pre && since > 0 {
            let damp = lv
                .v(LeverId::ModelWeightControls)
                .blend(c(WEIGHT_CONTROL_SOFTWARE), one);
            software = software * (one + lv.v(LeverId::SoftwareEfficiency) * damp);
        }
        let div_c = diverted * c(DIVERTED_PERF_2024 * generation);
        let total_c = dom_c + imp_c + div_c;
        // FP8 use: US-made parts always; domestic FP8 parts while the standard holds.
        let eff_new = (imp_c + div_c) * c(FP8_GAIN)
            + (dom_c - dom_fp8)
            + dom_fp8 * fp8.blend(c(FP8_GAIN), one);

        let (cn_end, us_end, cn_eff) = if pre {
            let k = (1.0 + STOCK_BACKCAST_GROWTH).powi(-since - 1);
            let cn = china_stock_0 * c(1.0 / k);
            let us = us_stock_2024 * c(1.0 / (1.0 + US_BACKCAST_GROWTH).powi(-since));
            (cn, us, cn)
        } else {
            stock_cn = stock_cn * c(1.0 - DEPRECIATION) + total_c;
            stock_cn_eff = stock_cn_eff * c(1.0 - DEPRECIATION) + eff_new;
            if since > 0 {
                stock_us = stock_us * (one + lv.v(LeverId::UsComputeGrowth));
            }
            (stock_cn, stock_us, stock_cn_eff)
        };
        // China's relative software gains count in effective compute only.
        let cn_eff = cn_eff * software;
        let us_eff = us_end * c(FP8_GAIN);

        // ---- market ------------------------------------------------------------------
        let revenue = licensed_usd;
        let gov = revenue * lv.v(LeverId::RevenueShare);
        let total_units = domestic + imports + diverted;

        if year < first_year {
            continue;
        }
        let yi = (year - first_year) as usize;
        let ratio = |a: T, b: T| T::select(zero.lt(b), (a / b).clamp(0.0, 1.0), zero);
        let mut row = [zero; METRIC_COUNT];
        row[MetricId::AdvancedCapacity as usize] = cap_end;
        row[MetricId::DieYield as usize] = y2;
        row[MetricId::DieYieldN3 as usize] = y3;
        row[MetricId::ChinaSpending as usize] = market;
        row[MetricId::DomesticSales as usize] = dom_usd;
        row[MetricId::DivertedSpending as usize] = diverted_usd;
        row[MetricId::UnservedSpending as usize] = (unserved - diverted_usd).max(zero);
        row[MetricId::ChinaComputeFlops as usize] = cn_end * c(H100_FLOPS * 1e-18);
        row[MetricId::UsComputeFlops as usize] = us_end * c(H100_FLOPS * 1e-18);
        row[MetricId::EffectiveComputeGap as usize] =
            T::select(zero.lt(cn_eff), us_eff / cn_eff, zero);
        row[MetricId::OffshoreCompute as usize] = offshore;
        row[MetricId::Domestic as usize] = domestic;
        row[MetricId::DomesticHuawei as usize] = huawei;
        row[MetricId::DomesticCambricon as usize] = cambricon;
        row[MetricId::DomesticOther as usize] = other.max(zero);
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
        for (h, &flow) in HUBS.iter().zip(&hub_flows) {
            row[h.metric as usize] = flow;
        }
        row[MetricId::DieBankRemaining as usize] = bank;
        // Before the stockpile opens, what is carried into 2025 is the stockpile itself.
        row[MetricId::HbmStockRemaining as usize] = if year < STOCKPILE_OPEN_YEAR {
            T::select(
                c(f64::from(ANCHOR_YEAR)).le(c(f64::from(year))),
                stockpile_0,
                zero,
            )
        } else {
            hbm_left
        };
        row[MetricId::HbmSupply as usize] = hbm_supply;
        row[MetricId::AiWafers as usize] = ai_wafers;
        row[MetricId::TotalAccelerators as usize] = total_units;
        row[MetricId::TotalCompute as usize] = total_c;
        row[MetricId::HuaweiNewDies as usize] = huawei_new.max(zero);
        row[MetricId::HuaweiDiesUsed as usize] = huawei_dies;
        row[MetricId::DivertedComputeShare as usize] = ratio(div_c, total_c);
        row[MetricId::PackagingCapacity as usize] = packaging;
        row[MetricId::HbmDomestic as usize] = hbm_pooled_domestic + hbm_huawei_own;
        emit(
            yi,
            &row,
            &SupplyYear {
                units: &units,
                binding: &binding,
                slack,
                overall,
                hbm_available: hbm_avail,
            },
        );
    }
}

/// The yield of a node.
#[inline(always)]
fn y_of<T: Num>(node: Node, y2: T, y3: T) -> T {
    match node {
        Node::N2 => y2,
        Node::N3 => y3,
    }
}

/// The yield ceiling of a node.
#[inline(always)]
fn ceiling_of<T: Num>(node: Node, n2: T, n3: T) -> T {
    match node {
        Node::N2 => n2,
        Node::N3 => n3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A batch carries the binding constraint as a number; every constraint comes back as
    /// itself, and the "not in production" code as none.
    #[test]
    fn constraint_codes_round_trip() {
        for c in Constraint::ALL {
            assert_eq!(Constraint::from_code(c.code()), Some(c));
        }
        assert_eq!(Constraint::from_code(NO_CONSTRAINT), None);
    }
}
