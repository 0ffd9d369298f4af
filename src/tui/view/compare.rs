//! The compare view (`c`): one row per open scenario, one column per headline KPI (the KPI
//! strip's metrics, in its order), for the selected year — each cell the Monte Carlo p50 with
//! its change against the reference row (▲ higher, ▼ lower, coloured; bold when 10% or more
//! apart) and the p10–p90 below it. Reads `App::matrix`; computes nothing. When not every KPI
//! fits, ←/→ scroll the columns and the title says how many are hidden.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};

use crate::model::metrics::MetricId;
use crate::output::format::{Sign, delta, fit, pad, thousands, value, width as text_width};
use crate::tui::app::{App, Comparing, Matrix};
use crate::tui::theme::Theme;

use super::kpi::KPIS;
use super::layout::centered;

/// Columns of the scenario names, marks included.
const NAME_W: u16 = 18;
/// The narrowest KPI column (a space included): `1.12M ▲+12%` and `853k–1.45M` fit.
const CELL_MIN: u16 = 14;
/// The widest KPI column.
const CELL_MAX: u16 = 22;
/// Lines above the rows: three of notes, a blank, the column labels.
const HEAD: u16 = 5;

/// The view's box: as wide as the six columns need, within the screen less a margin.
fn box_width(screen_w: u16) -> u16 {
    screen_w
        .saturating_sub(4)
        .min(NAME_W + KPIS.len() as u16 * CELL_MAX + 2)
}

/// How many KPI columns a screen `screen_w` wide shows at once (at least one).
pub fn columns_shown(screen_w: u16) -> usize {
    let inner = box_width(screen_w).saturating_sub(2);
    usize::from(inner.saturating_sub(NAME_W) / CELL_MIN).clamp(1, KPIS.len())
}

/// A p50 this far from the reference's (as a fraction of it) is drawn bold.
const LARGE: f64 = 0.10;

/// The first line of a cell: the p50 and its change against the reference, and its style.
fn p50_text(t: Theme, metric: MetricId, now: f64, reference: Option<f64>) -> (String, Style) {
    let scale = metric.metric().scale;
    let shown = value(scale, now);
    let Some(r) = reference else {
        return (format!("{shown} ref"), t.title());
    };
    let (d, sign) = delta(scale, now, r);
    let large = r.is_finite() && now.is_finite() && (now - r).abs() >= LARGE * r.abs();
    let bold = |s: Style| {
        if large {
            s.add_modifier(Modifier::BOLD)
        } else {
            s
        }
    };
    match sign {
        Sign::Up => (format!("{shown} ▲{d}"), bold(t.up())),
        Sign::Down => (format!("{shown} ▼{d}"), bold(t.down())),
        Sign::Same => (format!("{shown} {d}"), t.text()),
    }
}

/// Draws the compare view over `area`, centred, with the selection and column scroll of `c`.
pub fn render(app: &App, c: Comparing, area: Rect, frame: &mut Frame) {
    let t = app.ui.theme;
    let year = app.ui.year;
    let m = app.matrix();
    let rect = centered(
        area,
        box_width(area.width),
        (HEAD + 2 * m.rows.len() as u16 + 2).min(area.height.saturating_sub(2)),
    );
    let inner_w = rect.width.saturating_sub(2);
    let shown = columns_shown(area.width);
    let first = c.column.min(KPIS.len() - shown);
    let hidden_right = KPIS.len() - first - shown;
    let mut more = Vec::new();
    if first > 0 {
        more.push(format!("← {first} more"));
    }
    if hidden_right > 0 {
        more.push(format!("{hidden_right} more →"));
    }
    let more = if more.is_empty() {
        String::new()
    } else {
        format!(" {} ", more.join(" · "))
    };
    let title = format!(" Compare scenarios, {year} ");
    let room = usize::from(inner_w).saturating_sub(text_width(&more) + 1);
    let block = Block::bordered()
        .title(Line::styled(fit(&title, room), t.title()))
        .title(Line::styled(more, t.key()).right_aligned())
        .title_bottom(Line::styled(
            fit(
                " ● open in the explorer · ▸ selected: Enter opens it ",
                usize::from(inner_w),
            ),
            t.dim(),
        ));
    frame.render_widget(Clear, rect);
    let inner = block.inner(rect);
    let buf = frame.buffer_mut();
    block.render(rect, buf);
    draw_inside(app, &m, c, first, shown, inner, buf);
}

#[allow(clippy::too_many_arguments)]
fn draw_inside(
    app: &App,
    m: &Matrix,
    c: Comparing,
    first: usize,
    shown: usize,
    inner: Rect,
    buf: &mut Buffer,
) {
    let t = app.ui.theme;
    let year = app.ui.year;
    let w = usize::from(inner.width);
    let settings = app.data.settings;
    let reference = m.rows.get(m.reference);
    let ref_name = reference.map(|r| r.name.as_str()).unwrap_or("");
    let mut y = inner.y;
    let mut line = |buf: &mut Buffer, text: &str, style: Style| {
        if y < inner.bottom() {
            buf.set_string(inner.x, y, fit(text, w), style);
        }
        y += 1;
    };
    line(
        buf,
        &format!(
            "p50, and p10–p90 below it ({} samples, seed {})",
            thousands(settings.samples as f64, 0),
            settings.seed
        ),
        t.dim(),
    );
    line(
        buf,
        &format!("▲ higher, ▼ lower than the ref row ({ref_name}); bold: 10% or more apart"),
        t.dim(),
    );
    let open = m.rows.iter().find(|r| r.open);
    let mut third = match open {
        Some(r) if r.changes > 0 => {
            let n = r.changes;
            let what = if n == 1 {
                "your 1 lever change applies".to_string()
            } else {
                format!("your {n} lever changes apply")
            };
            (
                format!("● {what} to this row only ({})", r.name),
                t.changed(),
            )
        }
        _ => (
            "● the open scenario: the others show their files' values".to_string(),
            t.dim(),
        ),
    };
    if m.left_out > 0 {
        let n = m.left_out;
        third.0.push_str(&format!(
            " · {n} file{} with problems left out",
            if n == 1 { "" } else { "s" }
        ));
    }
    line(buf, &third.0, third.1);
    y += 1;
    // Column labels.
    let cell_w = (inner.width.saturating_sub(NAME_W) / shown as u16).clamp(CELL_MIN, CELL_MAX);
    let cw = usize::from(cell_w - 1);
    let columns = &KPIS[first..first + shown];
    if y < inner.bottom() {
        buf.set_string(inner.x, y, pad("  scenario", usize::from(NAME_W)), t.dim());
        for (k, (_, long, short)) in columns.iter().enumerate() {
            let label = if text_width(long) <= cw { long } else { short };
            let x = inner.x + NAME_W + k as u16 * cell_w;
            buf.set_string(x, y, fit(label, cw), t.title());
        }
    }
    y += 1;
    // Rows, scrolled to keep the selected one in view.
    let room = usize::from(inner.bottom().saturating_sub(y) / 2);
    let at = m
        .rows
        .iter()
        .position(|r| r.entry == c.selected)
        .unwrap_or(0);
    let top = if m.rows.len() <= room {
        0
    } else {
        at.saturating_sub(room / 2).min(m.rows.len() - room)
    };
    let reference_cells: Vec<Option<[f64; 3]>> = columns
        .iter()
        .map(|(metric, ..)| m.cell(m.reference, *metric, year))
        .collect();
    for (i, row) in m.rows.iter().enumerate().skip(top).take(room) {
        let selected = row.entry == c.selected;
        if selected {
            buf.set_style(Rect::new(inner.x, y, inner.width, 2), t.selected());
        }
        let mark = format!(
            "{}{} ",
            if selected { "▸" } else { " " },
            if row.open { "●" } else { " " }
        );
        let name_w = usize::from(NAME_W - 1);
        let name_style = if row.open { t.title() } else { t.text() };
        buf.set_string(
            inner.x,
            y,
            fit(&format!("{mark}{}", row.name), name_w),
            name_style,
        );
        let mut notes = Vec::new();
        if i == m.reference {
            notes.push("ref".to_string());
        }
        if row.changes > 0 {
            notes.push(format!(
                "+{} change{}",
                row.changes,
                if row.changes == 1 { "" } else { "s" }
            ));
        }
        buf.set_string(
            inner.x,
            y + 1,
            fit(&format!("   {}", notes.join(" ")), name_w),
            if row.changes > 0 {
                t.changed()
            } else {
                t.dim()
            },
        );
        for (k, (metric, ..)) in columns.iter().enumerate() {
            let x = inner.x + NAME_W + k as u16 * cell_w;
            let scale = metric.metric().scale;
            if row.projection.is_none() {
                buf.set_string(x, y, fit("computing…", cw), t.dim());
                continue;
            }
            let Some([lo, mid, hi]) = m.cell(i, *metric, year) else {
                buf.set_string(x, y, fit("– (not in its years)", cw), t.dim());
                continue;
            };
            let against = if i == m.reference {
                None
            } else {
                Some(reference_cells[k].map_or(f64::NAN, |r| r[1]))
            };
            let (text, style) = p50_text(t, *metric, mid, against);
            buf.set_string(x, y, fit(&text, cw), style);
            buf.set_string(
                x,
                y + 1,
                fit(&format!("{}–{}", value(scale, lo), value(scale, hi)), cw),
                t.dim(),
            );
        }
        y += 2;
    }
    if m.rows.len() > room && y < inner.bottom() {
        buf.set_string(
            inner.x,
            y,
            fit(
                &format!("rows {}–{} of {} (↑↓)", top + 1, top + room, m.rows.len()),
                w,
            ),
            t.dim(),
        );
    }
}
