//! Drawing the explorer: `render(&App, &mut Frame)` reads the app and never computes the
//! model. One file per region or panel; `layout` says where each goes.

pub mod chart;
pub mod layout;

mod banner;
pub(crate) mod capacity;
pub mod compare;
mod explain;
mod footer;
mod header;
mod help;
mod info;
mod kpi;
mod levers;
mod market;
mod output;
pub mod picker;
mod present;
mod prompt;
mod routes;
mod sensitivity;
mod sobol;
mod supply;
mod tabs;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::diag::sanitize;
use crate::model::metrics::MetricId;
use crate::scenario::story::Panel;

use super::app::{App, Mode, Scene};

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    draw(app, frame);
    paint_base(app, frame);
}

/// The theme's background and text colour wherever nothing else was set (widgets such as
/// `Clear` and `Canvas` reset cells, so this runs last). None in the default theme.
fn paint_base(app: &App, frame: &mut Frame) {
    let base = app.ui.theme.base();
    if base == ratatui::style::Style::default() {
        return;
    }
    let reset = ratatui::style::Color::Reset;
    for cell in &mut frame.buffer_mut().content {
        if let Some(bg) = base.bg
            && cell.bg == reset
        {
            cell.bg = bg;
        }
        if let Some(fg) = base.fg
            && cell.fg == reset
        {
            cell.fg = fg;
        }
    }
}

fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if let Mode::Present(p) = &app.ui.mode {
        present::render(app, p, frame);
        return;
    }
    let Some(a) = layout::areas(area) else {
        too_small(app, area, frame);
        return;
    };
    header::render(app, a.header, frame);
    tabs::render(app, a.tabs, frame);
    levers::render(app, a.levers, frame);
    draw_panel(app.ui.panel, &app.scene(), a.panel, frame);
    info::render(app, a.info, frame);
    kpi::render(app, a.kpi, a.compact, frame);
    footer::render(app, a.footer, frame);
    banner::render(
        app,
        Rect {
            height: banner::height(app).min(a.panel.height),
            ..a.panel
        },
        frame,
    );
    prompt::render(app, a.footer, frame);
    match &app.ui.mode {
        Mode::Explore | Mode::Prompt(_) | Mode::Present(_) => {}
        Mode::Help { scroll } => help::render(app, *scroll, area, frame),
        Mode::Picker(selected) => picker::render(app, *selected, area, frame),
        Mode::Explain(x) => explain::render(app, x, area, frame),
        Mode::Describe { lines, scroll } => explain::render_words(app, lines, *scroll, area, frame),
        Mode::Compare(c) => compare::render(app, *c, area, frame),
    }
}

/// A panel drawn from a scene (the explorer's state or a presentation step).
fn draw_panel(panel: Panel, scene: &Scene, area: Rect, frame: &mut Frame) {
    match panel {
        Panel::Output => output::render(scene, area, frame),
        Panel::Capacity => capacity::render(scene, area, frame),
        Panel::Supply => supply::render(scene, area, frame),
        Panel::Routes => routes::render(scene, area, frame),
        Panel::Market => market::render(scene, area, frame),
        Panel::Sensitivity => sensitivity::render(scene, area, frame),
    }
}

fn too_small(app: &App, area: Rect, frame: &mut Frame) {
    let text = format!(
        "terminal too small: {}×{}; chipcast needs at least {}×{}",
        area.width,
        area.height,
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    );
    let p = Paragraph::new(Line::styled(text, app.ui.theme.error())).wrap(Wrap { trim: true });
    frame.render_widget(p, area);
}

/// The two stacked chart areas of a panel and the rows left for its legend and events.
pub(crate) fn split_panel(area: Rect, extra_rows: u16) -> (Rect, Rect, Rect) {
    let foot = 2.min(area.height);
    let charts_h = area.height.saturating_sub(foot + extra_rows);
    let top_h = charts_h.div_ceil(2);
    let top = Rect::new(area.x, area.y, area.width, top_h);
    let bottom = Rect::new(area.x, area.y + top_h, area.width, charts_h - top_h);
    let rest = Rect::new(
        area.x,
        area.y + charts_h,
        area.width,
        area.height - charts_h,
    );
    (top, bottom, rest)
}

/// The legend and the selected year's dated events, two lines at the bottom of a panel.
pub(crate) fn legend_and_events(scene: &Scene, area: Rect, frame: &mut Frame) {
    if area.height == 0 {
        return;
    }
    let t = scene.theme;
    let bottom = Rect::new(
        area.x,
        area.bottom() - area.height.min(2),
        area.width,
        area.height.min(2),
    );
    let mut legend = vec![Span::styled("━ ", t.title()), Span::raw("median  ")];
    let band_note = if scene.now.mc.is_some() {
        "p10–p90"
    } else {
        "p10–p90 (computing…)"
    };
    legend.push(Span::styled(
        "░ ",
        ratatui::style::Style::default().fg(t.band()),
    ));
    legend.push(Span::raw(format!("{band_note}  ")));
    if chart::shows_compare(scene) {
        legend.push(Span::styled("┄ ", t.pinned_text()));
        legend.push(Span::styled(chart::compare_label(scene), t.pinned_text()));
        legend.push(Span::raw("  "));
    }
    legend.push(Span::styled("▲", t.policy()));
    legend.push(Span::raw(" policy  "));
    legend.push(Span::styled("◆", t.note()));
    legend.push(Span::raw(" note"));
    if !scene.scenario.observations.is_empty() {
        legend.push(Span::styled("  ×", t.note()));
        legend.push(Span::raw(" observed"));
    }
    if scene.overrides.iter().any(|o| o.from.is_some()) {
        legend.push(Span::styled("  ●", t.changed()));
        legend.push(Span::raw(" your change"));
    }
    let buf = frame.buffer_mut();
    buf.set_line(bottom.x, bottom.y, &Line::from(legend), bottom.width);
    if bottom.height < 2 {
        return;
    }
    let s = scene.scenario;
    let year = scene.year;
    let mut events = vec![Span::styled(format!("{year}: "), t.year())];
    let mut any = false;
    for c in s.schedule.iter().filter(|c| c.year == year) {
        events.push(Span::styled("▲ ", t.policy()));
        events.push(Span::raw(format!(
            "{}  ",
            sanitize(&c.label).replace('\n', " ")
        )));
        any = true;
    }
    for n in s.annotations.iter().filter(|n| n.year == year) {
        events.push(Span::styled("◆ ", t.note()));
        events.push(Span::raw(format!(
            "{}  ",
            sanitize(&n.label).replace('\n', " ")
        )));
        any = true;
    }
    // Observed figures in the selected year, with their sources.
    for o in s.observations.iter().filter(|o| o.year == year) {
        let m = o.metric.metric();
        let figure = if o.low == o.high {
            crate::output::format::value(m.scale, o.low)
        } else {
            format!(
                "{}–{}",
                crate::output::format::value(m.scale, o.low),
                crate::output::format::value(m.scale, o.high)
            )
        };
        let cited = s
            .sources
            .get(&o.source)
            .map_or(o.source.as_str(), String::as_str);
        events.push(Span::styled("× ", t.note()));
        events.push(Span::raw(format!(
            "observed {} {figure} ({})  ",
            m.label.to_lowercase(),
            sanitize(cited).replace('\n', " ")
        )));
        any = true;
    }
    if !any {
        let marked: Vec<String> = chart::marks(scene)
            .iter()
            .map(|(y, _)| y.to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let text = if marked.is_empty() {
            "no dated changes or notes in this scenario".to_string()
        } else {
            format!(
                "nothing dated this year; marks in {} ([ ] to move)",
                marked.join(", ")
            )
        };
        events.push(Span::styled(text, t.dim()));
    }
    buf.set_line(bottom.x, bottom.y + 1, &Line::from(events), bottom.width);
}

/// The metrics each chart of a panel draws, top chart first, headline metric first; the one
/// list that the views draw from and that exports (`e`) write. The Sensitivity panel's tornado
/// is of the selected metric, which the caller knows. The Market panel's year table adds the
/// metrics only it shows to its first chart's list.
pub fn panel_series(panel: Panel) -> Vec<Vec<MetricId>> {
    let ids = |series: &[(MetricId, &str)]| series.iter().map(|(m, _)| *m).collect::<Vec<_>>();
    match panel {
        Panel::Output => vec![ids(output::UNITS), ids(output::COMPUTE)],
        Panel::Capacity => vec![ids(capacity::WAFERS), ids(capacity::YIELD)],
        Panel::Supply => vec![ids(supply::SOURCES), ids(supply::SHARE)],
        Panel::Routes => vec![ids(&routes::chart_series())],
        Panel::Market => {
            let mut dollars = ids(market::DOLLARS);
            dollars.extend(market::TABLE_ONLY);
            vec![dollars, ids(market::UNITS)]
        }
        Panel::Sensitivity => Vec::new(),
    }
}
