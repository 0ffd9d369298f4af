//! The Supply panel: where China's new accelerators come from (domestic, licensed imports,
//! diverted) and the domestic share of units and of compute.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::model::metrics::MetricId;
use crate::tui::app::Scene;

use super::chart::from_scene;

/// The sources chart's series, headline first.
pub const SOURCES: &[(MetricId, &str)] = &[
    (MetricId::Domestic, "domestic"),
    (MetricId::Imported, "licensed imports"),
    (MetricId::Diverted, "diverted"),
];
/// The share chart's series, headline first.
pub const SHARE: &[(MetricId, &str)] = &[
    (MetricId::DomesticShareUnits, "of units"),
    (MetricId::SelfReliance, "of compute"),
];

pub fn render(scene: &Scene, area: Rect, frame: &mut Frame) {
    let (top, bottom, rest) = super::split_panel(area, 0);
    let t = scene.theme;
    let sources = from_scene(
        scene,
        "New accelerators by source, units/yr".into(),
        SOURCES,
    );
    sources.render(t, top, frame.buffer_mut());
    let share = from_scene(scene, "Domestic share".into(), SHARE);
    share.render(t, bottom, frame.buffer_mut());
    super::legend_and_events(scene, rest, frame);
}
