//! The metric table: every series the model produces, with its stable id (scripts and tests
//! rely on these), unit and a short label for screens.
//!
//! Invariant: `METRICS[id as usize].id == id` for every `MetricId` (pinned by a test).

/// How a metric's numbers read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// A count or amount, shown with k / M / bn suffixes.
    Count,
    /// A fraction in [0, 1], shown as a percentage.
    Share,
    /// A plain ratio (the compute gap).
    Ratio,
    /// US dollars in billions.
    UsdBn,
}

/// One row of the metric table.
#[derive(Clone, Copy, Debug)]
pub struct Metric {
    /// The metric's row id; equals its index in [`METRICS`].
    pub id: MetricId,
    /// The stable id scripts, exports and tests use (e.g. `domestic_accelerators`,
    /// `domestic_accelerators.huawei`); never renamed lightly.
    pub key: &'static str,
    /// The unit of its values (e.g. `wpm`, `units/yr`, `H100e/yr`, `H100e`, `fraction`, `x`).
    pub unit: &'static str,
    /// A short human label for screens and tables (e.g. "Domestic accelerators").
    pub label: &'static str,
    /// How its numbers are formatted: counts, shares, ratios or $bn.
    pub scale: Scale,
}

table_ids!(
    MetricId,
    METRIC_COUNT,
    "METRICS",
    AdvancedCapacity,
    DieYield,
    Domestic,
    DomesticHuawei,
    DomesticCambricon,
    DomesticOther,
    Imported,
    Diverted,
    DomesticShareUnits,
    DomesticCompute,
    ImportedCompute,
    DivertedCompute,
    SelfReliance,
    ChinaComputeStock,
    UsComputeStock,
    ComputeGap,
    UsVendorRevenue,
    UsRevenueShare,
    HubMalaysia,
    HubSingapore,
    HubIndia,
    HubOther,
    DieBankRemaining,
    HbmStockRemaining,
    HbmSupply,
    AiWafers,
    TotalAccelerators,
    TotalCompute,
    HuaweiNewDies,
    HuaweiDiesUsed,
    DivertedComputeShare,
    PackagingCapacity,
    HbmDomestic,
    DieYieldN3,
    ChinaSpending,
    DomesticSales,
    DivertedSpending,
    UnservedSpending,
    ChinaComputeFlops,
    UsComputeFlops,
    EffectiveComputeGap,
    OffshoreCompute,
);

impl MetricId {
    /// The metric's row in [`METRICS`].
    pub fn metric(self) -> &'static Metric {
        &METRICS[self as usize]
    }

    /// The metric's stable key (e.g. `domestic_accelerators`).
    pub fn key(self) -> &'static str {
        self.metric().key
    }

    /// Looks a metric up by its key; `None` if no row has it.
    pub fn from_key(key: &str) -> Option<MetricId> {
        METRICS.iter().find(|m| m.key == key).map(|m| m.id)
    }
}

/// A unit in words, for a chart's y-axis label: `wpm` -> "wafers per month", `x` -> "ratio,
/// US to China (×)". Every unit of [`METRICS`] has its words (a test holds it); an unknown
/// unit is returned as written.
pub fn unit_words(unit: &str) -> &str {
    match unit {
        "wpm" => "wafers per month",
        "fraction" => "share (%)",
        "units/yr" => "units per year",
        "H100e/yr" => "H100-equivalents per year",
        "H100e" => "H100-equivalents",
        "x" => "ratio, US to China (×)",
        "$bn/yr" => "billion US dollars per year",
        "stacks/yr" => "HBM stacks per year",
        "stacks" => "HBM stacks",
        "dies/yr" => "dies per year",
        "dies" => "dies",
        "EFLOP/s" => "exaFLOP per second (dense BF16)",
        other => other,
    }
}

impl Metric {
    /// The metric's unit in words ([`unit_words`]).
    pub fn unit_words(&self) -> &'static str {
        unit_words(self.unit)
    }
}

const fn m(
    id: MetricId,
    key: &'static str,
    unit: &'static str,
    label: &'static str,
    scale: Scale,
) -> Metric {
    Metric {
        id,
        key,
        unit,
        label,
        scale,
    }
}

/// The headline metrics: what the explorer's KPI row shows and `chipcast compare` compares by
/// default, in that order.
pub const HEADLINE: [MetricId; 6] = [
    MetricId::Domestic,
    MetricId::DomesticCompute,
    MetricId::AdvancedCapacity,
    MetricId::SelfReliance,
    MetricId::UsVendorRevenue,
    MetricId::ComputeGap,
];

/// The metric table. Order follows [`MetricId`].
pub static METRICS: [Metric; METRIC_COUNT] = [
    m(
        MetricId::AdvancedCapacity,
        "advanced_capacity_wpm",
        "wpm",
        "Advanced-node capacity (7nm-class and below)",
        Scale::Count,
    ),
    m(
        MetricId::DieYield,
        "die_yield",
        "fraction",
        "Usable yield of large AI dies on N+2 (7nm-class)",
        Scale::Share,
    ),
    m(
        MetricId::Domestic,
        "domestic_accelerators",
        "units/yr",
        "Domestic accelerators",
        Scale::Count,
    ),
    m(
        MetricId::DomesticHuawei,
        "domestic_accelerators.huawei",
        "units/yr",
        "Huawei Ascend",
        Scale::Count,
    ),
    m(
        MetricId::DomesticCambricon,
        "domestic_accelerators.cambricon",
        "units/yr",
        "Cambricon",
        Scale::Count,
    ),
    m(
        MetricId::DomesticOther,
        "domestic_accelerators.other",
        "units/yr",
        "Other domestic vendors",
        Scale::Count,
    ),
    m(
        MetricId::Imported,
        "imported_accelerators",
        "units/yr",
        "Licensed US imports",
        Scale::Count,
    ),
    m(
        MetricId::Diverted,
        "diverted_accelerators",
        "units/yr",
        "Diverted (smuggled)",
        Scale::Count,
    ),
    m(
        MetricId::DomesticShareUnits,
        "domestic_share_units",
        "fraction",
        "Domestic share of new accelerators",
        Scale::Share,
    ),
    m(
        MetricId::DomesticCompute,
        "domestic_compute_h100e",
        "H100e/yr",
        "Domestic compute added",
        Scale::Count,
    ),
    m(
        MetricId::ImportedCompute,
        "imported_compute_h100e",
        "H100e/yr",
        "Imported compute added",
        Scale::Count,
    ),
    m(
        MetricId::DivertedCompute,
        "diverted_compute_h100e",
        "H100e/yr",
        "Diverted compute added",
        Scale::Count,
    ),
    m(
        MetricId::SelfReliance,
        "self_reliance",
        "fraction",
        "Domestic share of new compute",
        Scale::Share,
    ),
    m(
        MetricId::ChinaComputeStock,
        "china_compute_stock_h100e",
        "H100e",
        "China's installed AI compute",
        Scale::Count,
    ),
    m(
        MetricId::UsComputeStock,
        "us_compute_stock_h100e",
        "H100e",
        "US installed AI compute",
        Scale::Count,
    ),
    m(
        MetricId::ComputeGap,
        "compute_gap_ratio",
        "x",
        "US / China compute stock",
        Scale::Ratio,
    ),
    m(
        MetricId::UsVendorRevenue,
        "us_vendor_china_revenue_usd_bn",
        "$bn/yr",
        "US vendors' China revenue",
        Scale::UsdBn,
    ),
    m(
        MetricId::UsRevenueShare,
        "us_revenue_share_usd_bn",
        "$bn/yr",
        "US government's revenue share",
        Scale::UsdBn,
    ),
    m(
        MetricId::HubMalaysia,
        "hub_flow.malaysia",
        "units/yr",
        "Diverted via Malaysia",
        Scale::Count,
    ),
    m(
        MetricId::HubSingapore,
        "hub_flow.singapore",
        "units/yr",
        "Diverted via Singapore",
        Scale::Count,
    ),
    m(
        MetricId::HubIndia,
        "hub_flow.india",
        "units/yr",
        "Diverted via India",
        Scale::Count,
    ),
    m(
        MetricId::HubOther,
        "hub_flow.other",
        "units/yr",
        "Diverted via other routes",
        Scale::Count,
    ),
    m(
        MetricId::DieBankRemaining,
        "die_bank_remaining",
        "dies",
        "TSMC die bank left at year end",
        Scale::Count,
    ),
    m(
        MetricId::HbmStockRemaining,
        "hbm_stockpile_remaining",
        "stacks",
        "HBM held at year end (stockpile and carried stacks)",
        Scale::Count,
    ),
    m(
        MetricId::HbmSupply,
        "hbm_supply_stacks",
        "stacks/yr",
        "HBM stacks available to packaging",
        Scale::Count,
    ),
    m(
        MetricId::AiWafers,
        "ai_wafers_wpm",
        "wpm",
        "Advanced wafers making AI dies",
        Scale::Count,
    ),
    m(
        MetricId::TotalAccelerators,
        "total_accelerators",
        "units/yr",
        "All accelerators added in China",
        Scale::Count,
    ),
    m(
        MetricId::TotalCompute,
        "total_compute_h100e",
        "H100e/yr",
        "All compute added in China",
        Scale::Count,
    ),
    m(
        MetricId::HuaweiNewDies,
        "domestic_accelerators.huawei_new_dies",
        "units/yr",
        "Huawei Ascend from newly made SMIC dies",
        Scale::Count,
    ),
    m(
        MetricId::HuaweiDiesUsed,
        "huawei_dies_used",
        "dies/yr",
        "Ascend logic dies used (incl. die bank)",
        Scale::Count,
    ),
    m(
        MetricId::DivertedComputeShare,
        "diverted_share_compute",
        "fraction",
        "Smuggled share of new compute",
        Scale::Share,
    ),
    m(
        MetricId::PackagingCapacity,
        "packaging_capacity_units",
        "units/yr",
        "Advanced-packaging capacity for AI accelerators",
        Scale::Count,
    ),
    m(
        MetricId::HbmDomestic,
        "hbm_domestic_stacks",
        "stacks/yr",
        "Domestic HBM output (CXMT, XMC, Huawei)",
        Scale::Count,
    ),
    m(
        MetricId::DieYieldN3,
        "die_yield_n3",
        "fraction",
        "Usable yield of large AI dies on N+3 (5nm-class)",
        Scale::Share,
    ),
    m(
        MetricId::ChinaSpending,
        "china_ai_chip_spending_usd_bn",
        "$bn/yr",
        "China's AI-accelerator market (what buyers would spend)",
        Scale::UsdBn,
    ),
    m(
        MetricId::DomesticSales,
        "domestic_sales_usd_bn",
        "$bn/yr",
        "Domestic vendors' sales",
        Scale::UsdBn,
    ),
    m(
        MetricId::DivertedSpending,
        "diverted_spending_usd_bn",
        "$bn/yr",
        "Spent on smuggled chips (with the premium)",
        Scale::UsdBn,
    ),
    m(
        MetricId::UnservedSpending,
        "unserved_spending_usd_bn",
        "$bn/yr",
        "Market no supply could serve",
        Scale::UsdBn,
    ),
    m(
        MetricId::ChinaComputeFlops,
        "china_compute_eflops",
        "EFLOP/s",
        "China's installed AI compute (dense BF16)",
        Scale::Count,
    ),
    m(
        MetricId::UsComputeFlops,
        "us_compute_eflops",
        "EFLOP/s",
        "US installed AI compute (dense BF16)",
        Scale::Count,
    ),
    m(
        MetricId::EffectiveComputeGap,
        "effective_compute_gap_ratio",
        "x",
        "US / China effective compute (FP8 use and software counted)",
        Scale::Ratio,
    ),
    m(
        MetricId::OffshoreCompute,
        "offshore_compute_h100e",
        "H100e",
        "Compute Chinese firms rent abroad (hubs' data centres)",
        Scale::Count,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_order_matches_ids() {
        for (i, metric) in METRICS.iter().enumerate() {
            assert_eq!(metric.id as usize, i, "{} is out of order", metric.key);
            assert_eq!(MetricId::from_key(metric.key), Some(metric.id));
        }
    }

    #[test]
    fn every_unit_has_its_words() {
        for metric in &METRICS {
            let words = metric.unit_words();
            // A unit that is already a plain word ("dies") may stand as it is.
            let plain = metric.unit.chars().all(char::is_alphabetic) && metric.unit.len() > 1;
            assert!(
                plain || words != metric.unit,
                "{}: {} has no words",
                metric.key,
                metric.unit
            );
            assert!(!words.contains('/'), "{}: {words}", metric.key);
        }
    }
}
