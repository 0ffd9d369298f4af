//! The Capacity panel: advanced-node wafers (and those making AI dies), the usable yield of
//! large AI dies on N+2 and N+3, and what binds domestic output in each year, per vendor group.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::model::metrics::MetricId;
use crate::model::products::VendorGroup;
use crate::model::project::Constraint;
use crate::tui::app::Scene;

use super::chart::from_scene;

/// A constraint in a few words.
pub fn short(c: Constraint) -> &'static str {
    match c {
        Constraint::DieBank => "die bank",
        Constraint::Wafers => "wafers",
        Constraint::Yield => "yield",
        Constraint::Hbm => "HBM",
        Constraint::Packaging => "packaging",
        Constraint::Demand => "demand",
    }
}

/// What a constraint means for output.
pub fn long(c: Constraint) -> &'static str {
    match c {
        Constraint::DieBank => "dies, mostly drawn from the TSMC-made die bank",
        Constraint::Wafers => {
            "newly made dies with yield near its tool ceiling: only more wafers help"
        }
        Constraint::Yield => "newly made dies with yield well below its ceiling",
        Constraint::Hbm => "HBM stacks (stockpile, domestic and grey-market supply)",
        Constraint::Packaging => "advanced-packaging capacity",
        Constraint::Demand => "demand: buyers would not take more domestic accelerators",
    }
}

/// The wafers chart's series, headline first.
pub const WAFERS: &[(MetricId, &str)] = &[
    (MetricId::AdvancedCapacity, "7nm-class"),
    (MetricId::AiWafers, "making AI dies"),
];
/// The yield chart's series.
pub const YIELD: &[(MetricId, &str)] = &[
    (MetricId::DieYield, "N+2 yield"),
    (MetricId::DieYieldN3, "N+3 yield"),
];

pub fn render(scene: &Scene, area: Rect, frame: &mut Frame) {
    let (top, bottom, rest) = super::split_panel(area, 2);
    let t = scene.theme;
    let wafers = from_scene(scene, "Advanced-node capacity, wafers/month".into(), WAFERS);
    wafers.render(t, top, frame.buffer_mut());
    let mut yields = from_scene(scene, "Usable yield of large AI dies".into(), YIELD);
    yields.floor_max = 1.0;
    yields.render(t, bottom, frame.buffer_mut());

    // What binds most units, by year: runs of equal years collapsed ("2024–25 die bank →
    // 2026 HBM"); the line below names it per vendor group in the selected year.
    let run = &scene.now.central;
    let mut runs: Vec<(i32, i32, Constraint)> = Vec::new();
    for (i, c) in run.binding.iter().enumerate() {
        let y = run.first_year + i as i32;
        if y < scene.scenario.first_year {
            continue;
        }
        match runs.last_mut() {
            Some((_, last, prev)) if prev == c => *last = y,
            _ => runs.push((y, y, *c)),
        }
    }
    let mut spans = vec![Span::styled("Binds output: ", t.title())];
    for (i, (a, b, c)) in runs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" → ", t.dim()));
        }
        let years = if a == b {
            a.to_string()
        } else {
            format!("{a}–{:02}", b.rem_euclid(100))
        };
        let style = if (*a..=*b).contains(&scene.year) {
            t.year()
        } else {
            t.text()
        };
        spans.push(Span::styled(format!("{years} {}", short(*c)), style));
    }
    let buf = frame.buffer_mut();
    if rest.height >= 1 {
        buf.set_line(rest.x, rest.y, &Line::from(spans), rest.width);
    }
    if rest.height >= 2 {
        let groups = [
            (VendorGroup::Huawei, "Huawei"),
            (VendorGroup::Cambricon, "Cambricon"),
            (VendorGroup::Other, "others"),
        ];
        let per_group: Vec<String> = groups
            .iter()
            .filter_map(|&(g, name)| {
                run.group_binding(g, scene.year)
                    .map(|c| format!("{name} {}", short(c)))
            })
            .collect();
        let text = match run.binding_in(scene.year) {
            Some(c) if !per_group.is_empty() => format!(
                "In {}: {}; most units limited by {}",
                scene.year,
                per_group.join(", "),
                long(c)
            ),
            Some(c) => format!("In {} output is limited by {}", scene.year, long(c)),
            None => String::new(),
        };
        buf.set_string(
            rest.x,
            rest.y + 1,
            crate::output::format::fit(&text, usize::from(rest.width)),
            t.dim(),
        );
    }
    let legend = Rect::new(
        rest.x,
        rest.y + rest.height.min(2),
        rest.width,
        rest.height.saturating_sub(2),
    );
    super::legend_and_events(scene, legend, frame);
}
