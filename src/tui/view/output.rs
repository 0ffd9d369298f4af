//! The Output panel: domestic accelerators (total with band, and by vendor) and the domestic
//! compute they add.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::model::metrics::MetricId;
use crate::tui::app::Scene;

use super::chart::from_scene;

/// The units chart's series, headline first.
pub const UNITS: &[(MetricId, &str)] = &[
    (MetricId::Domestic, "total"),
    (MetricId::DomesticHuawei, "Huawei"),
    (MetricId::DomesticCambricon, "Cambricon"),
    (MetricId::DomesticOther, "other"),
];
/// The compute chart's series.
pub const COMPUTE: &[(MetricId, &str)] = &[(MetricId::DomesticCompute, "domestic")];

pub fn render(scene: &Scene, area: Rect, frame: &mut Frame) {
    let (top, bottom, rest) = super::split_panel(area, 0);
    let t = scene.theme;
    let units = from_scene(scene, "Domestic accelerators, units/yr".into(), UNITS);
    units.render(t, top, frame.buffer_mut());
    let compute = from_scene(
        scene,
        "Domestic compute added, H100-equivalents/yr".into(),
        COMPUTE,
    );
    compute.render(t, bottom, frame.buffer_mut());
    super::legend_and_events(scene, rest, frame);
}
