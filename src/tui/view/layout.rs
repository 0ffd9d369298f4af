//! Where everything goes on screen, as pure functions of the terminal size (and the lever
//! selection, for the lever list's scroll). The views and the mouse hit-testing both use these,
//! so a click always lands on what is drawn.

use ratatui::layout::Rect;

use crate::model::levers::{Group, LEVERS, LeverId};
use crate::scenario::story::Panel;

/// The smallest terminal the explorer draws in; below it, a "terminal too small" note.
pub const MIN_WIDTH: u16 = 80;
/// The smallest terminal height the explorer draws in, in rows.
pub const MIN_HEIGHT: u16 = 24;

/// The screen's regions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    /// The scenario's name, horizon, Monte Carlo settings and pinned comparison, across the top
    /// (two rows, one when `compact`).
    pub header: Rect,
    /// The panel tabs, one row.
    pub tabs: Rect,
    /// The lever list on the left of the body (33 or 40 columns wide).
    pub levers: Rect,
    /// The selected panel, right of the lever list.
    pub panel: Rect,
    /// The selected lever's value, meaning and source, below the body (two rows, one when
    /// `compact`).
    pub info: Rect,
    /// The KPI strip: headline figures for the selected year against the comparison (three rows).
    pub kpi: Rect,
    /// The status message and key hints, the bottom row.
    pub footer: Rect,
    /// Fewer rows for header, info and KPI strip (short terminals).
    pub compact: bool,
}

/// The regions of a screen, or `None` when it is too small to draw.
pub fn areas(area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let compact = area.height < 32;
    let (header_h, info_h, kpi_h) = if compact { (1, 1, 3) } else { (2, 2, 3) };
    let (x, w) = (area.x, area.width);
    let mut y = area.y;
    let mut take = |h: u16| {
        let r = Rect::new(x, y, w, h);
        y += h;
        r
    };
    let header = take(header_h);
    let tabs = take(1);
    let body_h = area.height - header_h - 1 - info_h - kpi_h - 1;
    let body = take(body_h);
    let info = take(info_h);
    let kpi = take(kpi_h);
    let footer = take(1);
    let lever_w = if w >= 110 { 40 } else { 33 };
    let levers = Rect::new(body.x, body.y, lever_w, body.height);
    let panel = Rect::new(body.x + lever_w + 1, body.y, w - lever_w - 1, body.height);
    Some(Areas {
        header,
        tabs,
        levers,
        panel,
        info,
        kpi,
        footer,
        compact,
    })
}

/// A row of the lever list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeverRow {
    /// A group's heading; it selects nothing.
    Heading(Group),
    /// A lever, selectable.
    Lever(LeverId),
}

/// The lever list: each group's heading, then its levers in table order.
pub fn lever_rows() -> Vec<LeverRow> {
    let mut rows = Vec::new();
    for g in Group::ALL {
        rows.push(LeverRow::Heading(g));
        rows.extend(
            LEVERS
                .iter()
                .filter(|l| l.group == g)
                .map(|l| LeverRow::Lever(l.id)),
        );
    }
    rows
}

/// The first list row shown in a list of `height` rows, keeping `selected` in view (near the
/// middle once the list scrolls).
pub fn lever_scroll(selected: LeverId, height: u16) -> usize {
    let rows = lever_rows();
    let total = rows.len();
    let h = usize::from(height);
    if total <= h {
        return 0;
    }
    let i = rows
        .iter()
        .position(|r| *r == LeverRow::Lever(selected))
        .unwrap_or(0);
    i.saturating_sub(h / 2).min(total - h)
}

/// The lever drawn at a screen cell, if any.
pub fn lever_at(a: &Areas, selected: LeverId, column: u16, row: u16) -> Option<LeverId> {
    if !a.levers.contains((column, row).into()) {
        return None;
    }
    let i = lever_scroll(selected, a.levers.height) + usize::from(row - a.levers.y);
    match lever_rows().get(i) {
        Some(LeverRow::Lever(id)) => Some(*id),
        _ => None,
    }
}

/// A tab's label.
pub fn tab_label(i: usize, panel: Panel) -> String {
    let name = match panel {
        Panel::Output => "Output",
        Panel::Capacity => "Capacity",
        Panel::Supply => "Supply",
        Panel::Routes => "Routes",
        Panel::Market => "Market",
        Panel::Sensitivity => "Sensitivity",
    };
    format!(" {} {name} ", i + 1)
}

/// Each tab's columns: (panel, first column, width).
pub fn tab_spans(tabs: Rect) -> Vec<(Panel, u16, u16)> {
    let mut x = tabs.x + 1;
    let mut out = Vec::new();
    for (i, p) in Panel::ALL.iter().enumerate() {
        let w = tab_label(i, *p).chars().count() as u16;
        if x + w > tabs.right() {
            break;
        }
        out.push((*p, x, w));
        x += w + 1;
    }
    out
}

/// The tab at a screen cell, if any.
pub fn tab_at(a: &Areas, column: u16, row: u16) -> Option<Panel> {
    if row != a.tabs.y {
        return None;
    }
    tab_spans(a.tabs)
        .into_iter()
        .find(|(_, x, w)| column >= *x && column < x + w)
        .map(|(p, _, _)| p)
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// How many diagnostics the picker shows under a broken file.
pub const DIAGNOSTICS_SHOWN: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_tile_the_screen() {
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let a = areas(Rect::new(0, 0, w, h)).unwrap();
            assert_eq!(a.footer.bottom(), h);
            assert_eq!(a.panel.right(), w);
            assert!(a.panel.height >= 10, "{w}x{h}");
        }
        assert!(areas(Rect::new(0, 0, 79, 40)).is_none());
        assert!(areas(Rect::new(0, 0, 1, 1)).is_none());
    }

    #[test]
    fn the_selected_lever_stays_in_view() {
        for id in LeverId::ALL {
            for h in [5u16, 16, 31] {
                let top = lever_scroll(*id, h);
                let i = lever_rows()
                    .iter()
                    .position(|r| *r == LeverRow::Lever(*id))
                    .unwrap();
                assert!(i >= top && i < top + usize::from(h), "{id:?} at height {h}");
            }
        }
    }
}
