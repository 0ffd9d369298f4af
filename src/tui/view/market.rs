//! The Market panel: US vendors' China revenue and the US government's share of it, and the
//! US–China compute gap.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::model::metrics::MetricId;
use crate::tui::app::App;

use super::chart::from_app;

/// The revenue chart's series, headline first.
pub const REVENUE: &[(MetricId, &str)] = &[
    (MetricId::UsVendorRevenue, "vendors"),
    (MetricId::UsRevenueShare, "US government's share"),
];
/// The compute-gap chart's series.
pub const GAP: &[(MetricId, &str)] = &[(MetricId::ComputeGap, "gap")];

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let (top, bottom, rest) = super::split_panel(area, 0);
    let t = app.ui.theme;
    let revenue = from_app(app, "US vendors' China revenue, $bn/yr".into(), REVENUE);
    revenue.render(t, top, frame.buffer_mut());
    let gap = from_app(
        app,
        "Compute gap: US / China installed AI compute, x".into(),
        GAP,
    );
    gap.render(t, bottom, frame.buffer_mut());
    super::legend_and_events(app, rest, frame);
}
