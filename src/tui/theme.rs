//! Colours and text styles of the explorer, with a plain variant for `NO_COLOR`.
//!
//! Series colours come from the Okabe–Ito palette, which stays distinguishable under the common
//! forms of colour blindness. Where colour carries meaning (a changed lever, the pinned
//! comparison) a second cue carries it too (a mark, a dashed line), so `NO_COLOR` loses nothing.

use ratatui::style::{Color, Modifier, Style};

use crate::model::levers::Group;

/// The explorer's palette.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    /// Whether colours are drawn at all (false under `NO_COLOR`).
    pub color: bool,
}

const ORANGE: Color = Color::Rgb(230, 159, 0);
const SKY: Color = Color::Rgb(86, 180, 233);
const GREEN: Color = Color::Rgb(0, 158, 115);
const YELLOW: Color = Color::Rgb(240, 228, 66);
const BLUE: Color = Color::Rgb(0, 114, 178);
const VERMILLION: Color = Color::Rgb(213, 94, 0);
const PURPLE: Color = Color::Rgb(204, 121, 167);
const GREY: Color = Color::Rgb(140, 140, 140);

impl Theme {
    /// Colour unless the `NO_COLOR` environment variable is set to something non-empty.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    pub const COLOR: Theme = Theme { color: true };
    pub const PLAIN: Theme = Theme { color: false };

    fn c(self, color: Color) -> Color {
        if self.color { color } else { Color::Reset }
    }

    /// The colour of the n-th series in a chart.
    pub fn series(self, n: usize) -> Color {
        const ALL: [Color; 5] = [ORANGE, SKY, GREEN, YELLOW, BLUE];
        self.c(ALL[n % ALL.len()])
    }

    /// The colour of the pinned comparison (also drawn dashed).
    pub fn pinned(self) -> Color {
        self.c(PURPLE)
    }

    /// The colour of the p10–p90 band shading.
    pub fn band(self) -> Color {
        self.c(Color::Rgb(110, 110, 110))
    }

    /// The colour of the selected-year rule.
    pub fn year_rule(self) -> Color {
        self.c(Color::Rgb(90, 90, 90))
    }

    /// The colour of a lever group (tornado bars, group headings).
    pub fn group(self, group: Group) -> Color {
        match group {
            Group::Controls => self.c(SKY),
            Group::Response => self.c(VERMILLION),
            Group::World => self.c(GREEN),
        }
    }

    pub fn text(self) -> Style {
        Style::default()
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::default().fg(GREY)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }

    pub fn title(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    /// The mark and value of a lever that differs from the file.
    pub fn changed(self) -> Style {
        Style::default()
            .fg(self.c(ORANGE))
            .add_modifier(Modifier::BOLD)
    }

    /// The selected row or tab.
    pub fn selected(self) -> Style {
        if self.color {
            Style::default()
                .bg(Color::Rgb(50, 60, 80))
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    /// The selected year on the time axis.
    pub fn year(self) -> Style {
        Style::default()
            .fg(self.c(YELLOW))
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    /// A dated policy change on the time axis.
    pub fn policy(self) -> Style {
        Style::default()
            .fg(self.c(VERMILLION))
            .add_modifier(Modifier::BOLD)
    }

    /// An annotation on the time axis.
    pub fn note(self) -> Style {
        Style::default().fg(self.c(SKY))
    }

    /// The pinned comparison named in text.
    pub fn pinned_text(self) -> Style {
        Style::default()
            .fg(self.pinned())
            .add_modifier(Modifier::BOLD)
    }

    /// A rise against the comparison.
    pub fn up(self) -> Style {
        Style::default().fg(self.c(SKY))
    }

    /// A fall against the comparison.
    pub fn down(self) -> Style {
        Style::default().fg(self.c(ORANGE))
    }

    pub fn error(self) -> Style {
        Style::default()
            .fg(self.c(VERMILLION))
            .add_modifier(Modifier::BOLD)
    }

    /// Keys in the footer and the help overlay.
    pub fn key(self) -> Style {
        Style::default()
            .fg(self.c(YELLOW))
            .add_modifier(Modifier::BOLD)
    }
}
