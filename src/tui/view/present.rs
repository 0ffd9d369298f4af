//! Presentation mode's screen: a title row with the step counter, the step's caption, a big
//! headline number with the change the step caused, and the step's panel beneath, drawn by the
//! explorer's own panel views from the presentation's `Scene`. No lever list, no footer hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

use crate::diag::sanitize;
use crate::model::metrics::Scale;
use crate::tui::app::App;
use crate::tui::present::{CAPTION_ROWS, Headline, Presentation, wrap};

use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::output::format::{self, Sign, fit};

/// Rows the headline block takes (the big digits are four rows high).
const HEADLINE_ROWS: u16 = 4;
/// Columns kept beside the big number for its label and change.
const SIDE_MIN: u16 = 34;

pub fn render(app: &App, p: &Presentation, frame: &mut Frame) {
    let area = frame.area();
    if let Some(shade) = p.blank {
        // Every cell a space on black or white: nothing of the slide shows.
        // (White is also reversed video, so it stays light where colours are off.)
        let style = match shade {
            crate::tui::present::Shade::Black => Style::default()
                .bg(ratatui::style::Color::Black)
                .fg(ratatui::style::Color::Black),
            crate::tui::present::Shade::White => Style::default()
                .bg(ratatui::style::Color::White)
                .fg(ratatui::style::Color::White)
                .add_modifier(Modifier::REVERSED),
        };
        let buf = frame.buffer_mut();
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                buf[(x, y)].set_symbol(" ").set_style(style);
            }
        }
        return;
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        super::too_small(app, area, frame);
        return;
    }
    let mut y = area.y;
    title(app, p, Rect::new(area.x, y, area.width, 1), frame);
    y += 1;
    let caption = wrap(&p.caption(), usize::from(area.width - 2));
    let rows = caption.len().min(CAPTION_ROWS);
    for (i, line) in caption.iter().take(rows).enumerate() {
        let text = if i + 1 == rows && caption.len() > rows {
            fit(&format!("{line} …"), usize::from(area.width - 2))
        } else {
            line.clone()
        };
        frame.buffer_mut().set_string(
            area.x + 1,
            y,
            text,
            Style::default().add_modifier(Modifier::BOLD),
        );
        y += 1;
    }
    headline(
        app,
        p,
        Rect::new(area.x, y, area.width, HEADLINE_ROWS),
        frame,
    );
    y += HEADLINE_ROWS;
    let panel = Rect::new(area.x, y, area.width, area.bottom() - y);
    super::draw_panel(
        p.panel(),
        &p.scene(app.ui.theme, app.ui.lever),
        panel,
        frame,
    );
}

/// The scenario's name on the left; the step counter (or the step number being typed) on the
/// right.
fn title(app: &App, p: &Presentation, area: Rect, frame: &mut Frame) {
    let t = app.ui.theme;
    let right = match &p.jump {
        Some(typed) => format!(" go to step: {typed}▏ of {} ", p.count()),
        None => format!(" {}/{} ", p.index + 1, p.count()),
    };
    let right_w = crate::output::format::width(&right) as u16;
    let name = sanitize(&p.scenario.name).replace('\n', " ");
    let left_w = usize::from(area.width.saturating_sub(right_w + 1));
    let buf = frame.buffer_mut();
    buf.set_style(area, t.selected());
    buf.set_string(
        area.x,
        area.y,
        fit(&format!(" {name}"), left_w),
        t.selected(),
    );
    let style = if p.jump.is_some() {
        t.key()
    } else {
        t.selected()
    };
    buf.set_string(area.right() - right_w, area.y, right, style);
}

/// The change from the previous step, as read aloud: "+412k (+35%)", "-3.5pp", "-$2.1bn".
pub fn change(scale: Scale, now: f64, previous: f64) -> (String, Sign) {
    let (relative, sign) = format::delta(scale, now, previous);
    if sign == Sign::Same || scale == Scale::Share {
        return (relative, sign);
    }
    let d = now - previous;
    let plus = if d > 0.0 { "+" } else { "-" };
    let absolute = format!("{plus}{}", format::value(scale, d.abs()));
    if previous.abs() < 1e-12 {
        (absolute, sign)
    } else {
        (format!("{absolute} ({relative})"), sign)
    }
}

fn headline(app: &App, p: &Presentation, area: Rect, frame: &mut Frame) {
    let t = app.ui.theme;
    let Headline {
        metric,
        year,
        value,
        previous,
        band,
    } = p.headline();
    let m = metric.metric();
    let big_text = value
        .map(|v| format::value(m.scale, v))
        .unwrap_or_else(|| "–".into());
    let n = big_text.chars().count() as u16;
    let (size, cell_w) = if 8 * n + 3 + SIDE_MIN <= area.width {
        (PixelSize::HalfHeight, 8)
    } else {
        (PixelSize::Quadrant, 4)
    };
    let big_w = (n * cell_w).min(area.width.saturating_sub(2));
    BigText::builder()
        .pixel_size(size)
        .style(
            Style::default()
                .fg(t.series(0))
                .add_modifier(Modifier::BOLD),
        )
        .lines(vec![Line::from(big_text)])
        .build()
        .render(
            Rect::new(area.x + 1, area.y, big_w, area.height),
            frame.buffer_mut(),
        );

    let x = area.x + 1 + big_w + 3;
    let w = area.right().saturating_sub(x);
    let width = usize::from(w);
    let buf = frame.buffer_mut();
    buf.set_string(x, area.y, fit(m.label, width), t.title());
    let mut second = vec![Span::styled(format!("{year}"), t.year())];
    if let Some((lo, hi)) = band {
        second.push(Span::styled(
            format!(
                "  p10–p90 {}–{}",
                format::value(m.scale, lo),
                format::value(m.scale, hi)
            ),
            t.dim(),
        ));
    }
    buf.set_line(x, area.y + 1, &Line::from(second), w);
    let against = p.previous_label();
    let step = p.step();
    let line = match (value, previous) {
        (Some(v), Some(r)) => {
            let (text, sign) = change(m.scale, v, r);
            match sign {
                Sign::Up => Line::styled(fit(&format!("▲ {text} vs {against}"), width), t.up()),
                Sign::Down => Line::styled(fit(&format!("▼ {text} vs {against}"), width), t.down()),
                Sign::Same if step.set.is_empty() && p.index == 0 => {
                    Line::styled(fit("the scenario as written", width), t.dim())
                }
                Sign::Same => {
                    Line::styled(fit(&format!("= no change vs {against}"), width), t.dim())
                }
            }
        }
        _ => Line::styled("–", t.dim()),
    };
    buf.set_line(x, area.y + 2, &line, w);
    if !step.set.is_empty() {
        let sets: Vec<String> = step
            .set
            .iter()
            .map(|(id, d)| format!("{} → {}", id.key(), format::dist_prose(id.lever(), *d)))
            .collect();
        let lead = "this step: ";
        let line = Line::from(vec![
            Span::styled(lead, t.dim()),
            Span::styled(
                fit(&sets.join(", "), width.saturating_sub(lead.len())),
                t.changed(),
            ),
        ]);
        buf.set_line(x, area.y + 3, &line, w);
    }
}
