//! Colours, text styles and chart markers of the explorer: three built-in themes (dark, light,
//! high-contrast) defined as RON files in `assets/themes/`, user theme files that override only
//! what they name, a plain variant for `NO_COLOR`, and the marker choice for fonts where braille
//! renders badly.
//!
//! Defaults live in code ([`DARK`]); `assets/themes/dark.ron` restates them for users to copy
//! (a test holds the two equal). A theme file is read with the `ron` crate; a broken one gets a
//! diagnostic with file:line:col before the terminal is touched.
//!
//! Series colours come from the Okabe–Ito palette, which stays distinguishable under the common
//! forms of colour blindness. Invariant: where colour carries meaning (a changed lever, the
//! pinned comparison) a second cue carries it too (a ● mark, a dashed line drawn with its own
//! marker when colour is off), so `NO_COLOR` loses nothing.

use std::path::Path;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use serde::Deserialize;

use crate::diag::read::{ReadError, decode_utf8, read_capped, size_text, too_large_text};
use crate::diag::{Diagnostic, SourceText, Span};
use crate::export::{ChartTheme, Rgb};
use crate::model::levers::Group;
use crate::ron_tree::{self, ValueKind};

/// How chart lines are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Markers {
    /// Braille dots: the finest lines, where the font draws braille well.
    Braille,
    /// Half blocks (▀ ▄ █): coarse but drawn by every font.
    Block,
    /// Dots (•): one per cell.
    Dot,
}

impl Markers {
    /// The names `--markers` and a theme file's `markers` accept, as listed in their error hints.
    pub const NAMES: [&'static str; 3] = ["braille", "block", "dot"];

    /// The marker style named `name` (case-insensitive; `halfblock`, `half-block` and `dots` are
    /// accepted too); `None` for an unknown name.
    pub fn from_name(name: &str) -> Option<Markers> {
        match name.trim().to_ascii_lowercase().as_str() {
            "braille" => Some(Markers::Braille),
            "block" | "halfblock" | "half-block" => Some(Markers::Block),
            "dot" | "dots" => Some(Markers::Dot),
            _ => None,
        }
    }

    /// The canonical name, one of `Markers::NAMES`.
    pub fn name(self) -> &'static str {
        match self {
            Markers::Braille => "braille",
            Markers::Block => "block",
            Markers::Dot => "dot",
        }
    }
}

/// Every colour a theme sets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Painted under the whole screen; `Reset` leaves the terminal's own.
    pub background: Color,
    /// Ordinary text (`Reset`: the terminal's own foreground).
    pub text: Color,
    /// Secondary text: labels, units, rules, hints.
    pub dim: Color,
    /// Panel and chart titles (drawn bold).
    pub title: Color,
    /// Background of the selected row or tab.
    pub selected_bg: Color,
    /// Text of the selected row or tab (`Reset`: keep the text's own colour).
    pub selected_fg: Color,
    /// The mark and value of a lever that differs from the file.
    pub changed: Color,
    /// The pinned comparison (also drawn dashed).
    pub pinned: Color,
    /// The p10–p90 band shading.
    pub band: Color,
    /// The vertical rule marking the selected year in charts.
    pub year_rule: Color,
    /// The selected year on the time axis.
    pub year: Color,
    /// A dated policy change on the time axis.
    pub policy: Color,
    /// An annotation on the time axis.
    pub note: Color,
    /// A rise against the comparison (▲ in the KPIs).
    pub up: Color,
    /// A fall against the comparison (▼ in the KPIs).
    pub down: Color,
    /// Error messages and the banner of a broken save.
    pub error: Color,
    /// Keys named in the footer and the help overlay.
    pub key: Color,
    /// Levers of US and allied export controls (group headings and tornado bars).
    pub controls: Color,
    /// Levers of China's responses (group headings and tornado bars).
    pub response: Color,
    /// Market and technology levers (group headings and tornado bars).
    pub world: Color,
    /// The colours of chart lines, used in order and repeated past `SERIES`.
    pub series: [Color; SERIES],
}

/// The characters series after the first are drawn with when patterned (index 0 unused: the
/// first series is a solid line). None is the comparison's `·` or an observation's `×`.
const PATTERNS: [char; SERIES] = ['━', '•', '+', '◦', '*'];

/// How many series colours a theme has.
pub const SERIES: usize = 5;

/// The explorer's look: palette, markers, and whether colours are drawn at all.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    /// The name `t` cycling and the status line show: a built-in's name, or a theme file's stem.
    pub name: &'static str,
    /// Whether colours are drawn at all (false under `NO_COLOR`).
    pub color: bool,
    /// How chart lines are drawn.
    pub markers: Markers,
    /// The colours, used only when `color` is set.
    pub palette: Palette,
}

// The Okabe–Ito palette.
const ORANGE: Color = Color::Rgb(230, 159, 0);
const SKY: Color = Color::Rgb(86, 180, 233);
const GREEN: Color = Color::Rgb(0, 158, 115);
const YELLOW: Color = Color::Rgb(240, 228, 66);
const BLUE: Color = Color::Rgb(0, 114, 178);
const VERMILLION: Color = Color::Rgb(213, 94, 0);
const PURPLE: Color = Color::Rgb(204, 121, 167);

/// The default theme, for dark terminals. Every other theme starts from it.
pub const DARK: Theme = Theme {
    name: "dark",
    color: true,
    markers: Markers::Braille,
    palette: Palette {
        background: Color::Reset,
        text: Color::Reset,
        dim: Color::Rgb(140, 140, 140),
        title: Color::Reset,
        selected_bg: Color::Rgb(50, 60, 80),
        selected_fg: Color::Reset,
        changed: ORANGE,
        pinned: PURPLE,
        band: Color::Rgb(110, 110, 110),
        year_rule: Color::Rgb(90, 90, 90),
        year: YELLOW,
        policy: VERMILLION,
        note: SKY,
        up: SKY,
        down: ORANGE,
        error: VERMILLION,
        key: YELLOW,
        controls: SKY,
        response: VERMILLION,
        world: GREEN,
        series: [ORANGE, SKY, GREEN, YELLOW, BLUE],
    },
};

/// The built-in theme files, in cycling order.
pub const BUILT_IN: [(&str, &str); 3] = [
    ("dark", include_str!("../../assets/themes/dark.ron")),
    ("light", include_str!("../../assets/themes/light.ron")),
    (
        "high-contrast",
        include_str!("../../assets/themes/high-contrast.ron"),
    ),
];

impl Default for Theme {
    fn default() -> Theme {
        DARK
    }
}

impl Theme {
    /// The default theme, in colour.
    pub const COLOR: Theme = DARK;
    /// The default theme without colours (`NO_COLOR`).
    pub const PLAIN: Theme = Theme {
        color: false,
        ..DARK
    };

    /// The default theme; without colours when the `NO_COLOR` environment variable is set to
    /// something non-empty.
    pub fn from_env() -> Theme {
        Theme {
            color: !no_color(),
            ..DARK
        }
    }

    /// A built-in theme by name.
    pub fn built_in(name: &str) -> Option<Theme> {
        let (name, text) = BUILT_IN.iter().find(|(n, _)| *n == name)?;
        // Built-in files are checked by the tests, so they always parse.
        parse(name, text, name).ok()
    }

    /// The themes `t` cycles through: the built-ins, and this one if it is not one of them;
    /// each keeps this theme's markers and colour setting.
    pub fn cycle(self) -> Vec<Theme> {
        let mut all: Vec<Theme> = BUILT_IN
            .iter()
            .filter_map(|(n, _)| Theme::built_in(n))
            .map(|t| Theme {
                color: self.color,
                markers: self.markers,
                ..t
            })
            .collect();
        if !all.iter().any(|t| t.name == self.name) {
            all.push(self);
        }
        all
    }

    fn c(self, color: Color) -> Color {
        if self.color { color } else { Color::Reset }
    }

    /// The marker chart lines are drawn with.
    pub fn marker(self) -> Marker {
        match self.markers {
            Markers::Braille => Marker::Braille,
            Markers::Block => Marker::HalfBlock,
            Markers::Dot => Marker::Dot,
        }
    }

    /// Whether chart series differ by pattern as well as colour: without colour, and in the
    /// high-contrast theme (for readers who cannot rely on hue).
    pub fn patterned(self) -> bool {
        !self.color || self.name == "high-contrast"
    }

    /// The marker the n-th series of a chart is drawn with: the theme's marker for every
    /// series when colour tells them apart; when [`Theme::patterned`], the first keeps it
    /// (a solid line) and the others are drawn in dots, crosses, rings and stars.
    pub fn series_marker(self, n: usize) -> Marker {
        match (self.patterned(), n % SERIES) {
            (false, _) | (true, 0) => self.marker(),
            (true, k) => Marker::Custom(PATTERNS[k]),
        }
    }

    /// The legend's sample of the n-th series: `━`, or the series' pattern character.
    pub fn series_glyph(self, n: usize) -> char {
        match (self.patterned(), n % SERIES) {
            (false, _) | (true, 0) => '━',
            (true, k) => PATTERNS[k],
        }
    }

    /// The marker of the dashed comparison line: without colour it differs from the lines'
    /// own, so the comparison still stands out.
    pub fn compare_marker(self) -> Marker {
        if self.color {
            self.marker()
        } else {
            Marker::Custom('·')
        }
    }

    /// The style under the whole screen: the theme's background and text colour.
    pub fn base(self) -> Style {
        let p = self.palette;
        let mut s = Style::default();
        if self.color && p.background != Color::Reset {
            s = s.bg(p.background);
        }
        if self.color && p.text != Color::Reset {
            s = s.fg(p.text);
        }
        s
    }

    /// The colour of the n-th series in a chart.
    pub fn series(self, n: usize) -> Color {
        self.c(self.palette.series[n % SERIES])
    }

    /// The colour of the pinned comparison (also drawn dashed).
    pub fn pinned(self) -> Color {
        self.c(self.palette.pinned)
    }

    /// The colour of the p10–p90 band shading.
    pub fn band(self) -> Color {
        self.c(self.palette.band)
    }

    /// The colour of the selected-year rule.
    pub fn year_rule(self) -> Color {
        self.c(self.palette.year_rule)
    }

    /// The colour of a lever group (tornado bars, group headings).
    pub fn group(self, group: Group) -> Color {
        let p = self.palette;
        match group {
            Group::Controls => self.c(p.controls),
            Group::Response => self.c(p.response),
            Group::World => self.c(p.world),
        }
    }

    fn fg(self, color: Color) -> Style {
        if self.color && color != Color::Reset {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    /// Ordinary text.
    pub fn text(self) -> Style {
        self.fg(self.palette.text)
    }

    /// Secondary text; without colour, the terminal's dim attribute.
    pub fn dim(self) -> Style {
        if self.color {
            Style::default().fg(self.palette.dim)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }

    /// Titles: the title colour, bold.
    pub fn title(self) -> Style {
        self.fg(self.palette.title).add_modifier(Modifier::BOLD)
    }

    /// The mark and value of a lever that differs from the file.
    pub fn changed(self) -> Style {
        Style::default()
            .fg(self.c(self.palette.changed))
            .add_modifier(Modifier::BOLD)
    }

    /// The selected row or tab.
    pub fn selected(self) -> Style {
        if self.color {
            let mut s = Style::default()
                .bg(self.palette.selected_bg)
                .add_modifier(Modifier::BOLD);
            if self.palette.selected_fg != Color::Reset {
                s = s.fg(self.palette.selected_fg);
            }
            s
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    /// The selected year on the time axis.
    pub fn year(self) -> Style {
        Style::default()
            .fg(self.c(self.palette.year))
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    /// A dated policy change on the time axis.
    pub fn policy(self) -> Style {
        Style::default()
            .fg(self.c(self.palette.policy))
            .add_modifier(Modifier::BOLD)
    }

    /// An annotation on the time axis.
    pub fn note(self) -> Style {
        Style::default().fg(self.c(self.palette.note))
    }

    /// The pinned comparison named in text.
    pub fn pinned_text(self) -> Style {
        Style::default()
            .fg(self.pinned())
            .add_modifier(Modifier::BOLD)
    }

    /// A rise against the comparison.
    pub fn up(self) -> Style {
        Style::default().fg(self.c(self.palette.up))
    }

    /// A fall against the comparison.
    pub fn down(self) -> Style {
        Style::default().fg(self.c(self.palette.down))
    }

    /// Error messages: the error colour, bold.
    pub fn error(self) -> Style {
        Style::default()
            .fg(self.c(self.palette.error))
            .add_modifier(Modifier::BOLD)
    }

    /// Keys in the footer and the help overlay.
    pub fn key(self) -> Style {
        Style::default()
            .fg(self.c(self.palette.key))
            .add_modifier(Modifier::BOLD)
    }

    /// The colours of an exported chart: the theme's background and text (the terminal's
    /// defaults drawn as `snapshot` draws them, dark), its dim colour for notes and axes, its
    /// second series colour for the median and band, and its pinned colour. Files always get
    /// colours, whatever `NO_COLOR` says.
    pub fn chart(self) -> ChartTheme {
        let p = self.palette;
        let or = |c: Color, default: Rgb| super::snapshot::rgb(c).unwrap_or(default);
        let background = or(p.background, super::snapshot::DEFAULT_BG);
        let text = or(p.text, super::snapshot::DEFAULT_FG);
        let mix = |a: Rgb, b: Rgb, t: f64| {
            let m = |x: u8, y: u8| (f64::from(x) * (1.0 - t) + f64::from(y) * t).round() as u8;
            (m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
        };
        ChartTheme {
            background,
            text,
            dim: or(p.dim, mix(background, text, 0.6)),
            grid: mix(background, text, 0.16),
            line: or(p.series[1], ChartTheme::LIGHT.line),
            pinned: or(p.pinned, ChartTheme::LIGHT.pinned),
        }
    }
}

/// Whether `NO_COLOR` asks for no colours (set and not empty).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// `--theme` and `--markers`, taken by the commands that draw the explorer's screen.
#[derive(clap::Args, Clone, Debug, Default, PartialEq, Eq)]
pub struct ThemeArgs {
    /// The colours: dark (default), light, high-contrast, or a theme file that changes what it
    /// names (copy one from assets/themes/). NO_COLOR turns colours off on a terminal.
    #[arg(long, value_name = "NAME|PATH")]
    pub theme: Option<String>,
    /// How chart lines are drawn: braille (finest), block or dot (for fonts that draw braille
    /// badly). Overrides the theme's choice.
    #[arg(long, value_name = "STYLE", value_parser = ["braille", "block", "dot"])]
    pub markers: Option<String>,
}

impl ThemeArgs {
    /// The theme these flags ask for; see [`choose`].
    pub fn choose(&self, no_color: bool) -> Result<Theme, Vec<Diagnostic>> {
        choose(self.theme.as_deref(), self.markers.as_deref(), no_color)
    }
}

/// The theme the command line asks for: `--theme NAME|PATH` (default dark), `--markers`, and
/// `NO_COLOR`. Errors are diagnostics to print before the terminal is touched.
pub fn choose(
    theme: Option<&str>,
    markers: Option<&str>,
    no_color: bool,
) -> Result<Theme, Vec<Diagnostic>> {
    let mut t = match theme {
        None => DARK,
        Some(arg) => match Theme::built_in(arg) {
            Some(t) => t,
            None => {
                let path = Path::new(arg);
                if path.exists() || arg.ends_with(".ron") {
                    load(path).map_err(|d| vec![d])?
                } else {
                    let names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
                    return Err(vec![
                        Diagnostic::arg(
                            arg,
                            "unknown-theme",
                            "--theme",
                            format!("there is no theme `{arg}` and no such file"),
                        )
                        .hint(format!(
                            "use {} or the path of a theme file (copy one from assets/themes/)",
                            names.join(", ")
                        )),
                    ]);
                }
            }
        },
    };
    if let Some(m) = markers {
        t.markers = Markers::from_name(m).ok_or_else(|| {
            vec![
                Diagnostic::arg(
                    m,
                    "unknown-markers",
                    "--markers",
                    format!("`{m}` is not a marker style"),
                )
                .hint(format!("use one of {}", Markers::NAMES.join(", "))),
            ]
        })?;
    }
    t.color = !no_color;
    Ok(t)
}

/// Reads a theme file.
pub fn load(path: &Path) -> Result<Theme, Diagnostic> {
    let file = path.display().to_string();
    let cannot = |code, e: &dyn std::fmt::Display| {
        Diagnostic::file(&file, code, format!("cannot read the theme: {e}"))
    };
    const MAX_THEME_BYTES: u64 = 64 * 1024;
    let bytes = read_capped(path, MAX_THEME_BYTES).map_err(|e| match e {
        ReadError::Open(e) => cannot("missing-file", &e),
        ReadError::Read(e) => cannot("unreadable", &e),
        ReadError::Folder => cannot("unreadable", &"it is a folder"),
        ReadError::NotAFile(kind) => cannot("unreadable", &format!("it is {kind}")),
        ReadError::TooLarge(len) => Diagnostic::file(
            &file,
            "too-large",
            format!(
                "too large: {}; a theme file may be at most {}",
                too_large_text(len, MAX_THEME_BYTES),
                size_text(MAX_THEME_BYTES)
            ),
        ),
    })?;
    let text = decode_utf8(&file, bytes)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "custom".into());
    // One theme per run: leaking its name keeps `Theme` a plain `Copy` value.
    let name: &'static str = Box::leak(crate::diag::sanitize(&stem).into_boxed_str());
    parse(&file, &text.text, name)
}

/// Parses theme text: the file's `base` theme (default dark) with what the file names over it.
pub fn parse(file: &str, text: &str, name: &'static str) -> Result<Theme, Diagnostic> {
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let raw: RawTheme = options
        .from_str(text)
        .map_err(|e| ron_diagnostic(file, text, &e))?;
    let mut t = match raw.base.as_deref() {
        None | Some("dark") => DARK,
        Some(base) => {
            let found = BUILT_IN
                .iter()
                .find(|(n, _)| *n == base && *n != "dark")
                .and_then(|(n, src)| parse(n, src, n).ok());
            match found {
                Some(b) => b,
                None => {
                    return Err(Diagnostic::at(
                        &SourceText::new(file, text),
                        field_name_span(text, "base"),
                        "bad-theme",
                        "base",
                        format!("there is no built-in theme `{base}`"),
                    )
                    .hint("base is one of dark, light, high-contrast"));
                }
            }
        }
    };
    t.name = name;
    raw.apply(&mut t.palette);
    if let Some(m) = raw.markers {
        t.markers = m.0;
    }
    Ok(t)
}

/// Where the top-level field `name` is named in theme text, read with the spanned reader (the
/// start of the text if it cannot be found).
fn field_name_span(text: &str, name: &str) -> Span {
    let root = ron_tree::parse(text).ok();
    let fields = match root.as_ref().map(|r| &r.kind) {
        Some(ValueKind::Struct { fields, .. }) => fields.as_slice(),
        _ => &[],
    };
    fields
        .iter()
        .find(|(ident, _)| ident.name == name)
        .map_or(Span::new(0, 0), |(ident, _)| ident.span)
}

/// A diagnostic at the position ron reports.
fn ron_diagnostic(file: &str, text: &str, e: &ron::error::SpannedError) -> Diagnostic {
    let offset = |line: usize, col: usize| -> usize {
        let start: usize = text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        let rest = &text[start.min(text.len())..];
        start
            + rest
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(rest.len(), |(i, _)| i)
    };
    let start = offset(e.span.start.line, e.span.start.col);
    let end = offset(e.span.end.line, e.span.end.col).max(start);
    Diagnostic::at(
        &SourceText::new(file, text),
        Span::new(start, end),
        "bad-theme",
        "",
        format!("this theme file is not valid: {}", e.code),
    )
    .hint(
        "compare it with the built-in themes in assets/themes/; a file names only what it changes",
    )
}

/// A colour as a theme file writes it: `#rrggbb`, a name (`red`, `darkgray`), an index, `reset`.
#[derive(Clone, Copy, Debug)]
struct ColorText(Color);

impl<'de> Deserialize<'de> for ColorText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ColorText, D::Error> {
        let s = String::deserialize(d)?;
        Color::from_str(&s).map(ColorText).map_err(|_| {
            serde::de::Error::custom(format!(
                "`{}` is not a colour: write \"#rrggbb\", a name such as \"red\" or \"darkgray\", an index 0-255, or \"reset\"",
                crate::diag::sanitize(&s)
            ))
        })
    }
}

/// The marker style as a theme file writes it.
#[derive(Clone, Copy, Debug)]
struct MarkersText(Markers);

impl<'de> Deserialize<'de> for MarkersText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<MarkersText, D::Error> {
        let s = String::deserialize(d)?;
        Markers::from_name(&s).map(MarkersText).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{}` is not a marker style: use one of {}",
                crate::diag::sanitize(&s),
                Markers::NAMES.join(", ")
            ))
        })
    }
}

/// The series colours: one to five; fewer repeat.
#[derive(Clone, Debug)]
struct SeriesText(Vec<Color>);

impl<'de> Deserialize<'de> for SeriesText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SeriesText, D::Error> {
        let v = Vec::<ColorText>::deserialize(d)?;
        if v.is_empty() || v.len() > SERIES {
            return Err(serde::de::Error::custom(format!(
                "series takes 1 to {SERIES} colours, not {}",
                v.len()
            )));
        }
        Ok(SeriesText(v.into_iter().map(|c| c.0).collect()))
    }
}

/// A theme file one to one: everything optional, unknown names refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename = "Theme")]
struct RawTheme {
    #[serde(default)]
    base: Option<String>,
    #[serde(default)]
    markers: Option<MarkersText>,
    #[serde(default)]
    background: Option<ColorText>,
    #[serde(default)]
    text: Option<ColorText>,
    #[serde(default)]
    dim: Option<ColorText>,
    #[serde(default)]
    title: Option<ColorText>,
    #[serde(default)]
    selected_bg: Option<ColorText>,
    #[serde(default)]
    selected_fg: Option<ColorText>,
    #[serde(default)]
    changed: Option<ColorText>,
    #[serde(default)]
    pinned: Option<ColorText>,
    #[serde(default)]
    band: Option<ColorText>,
    #[serde(default)]
    year_rule: Option<ColorText>,
    #[serde(default)]
    year: Option<ColorText>,
    #[serde(default)]
    policy: Option<ColorText>,
    #[serde(default)]
    note: Option<ColorText>,
    #[serde(default)]
    up: Option<ColorText>,
    #[serde(default)]
    down: Option<ColorText>,
    #[serde(default)]
    error: Option<ColorText>,
    #[serde(default)]
    key: Option<ColorText>,
    #[serde(default)]
    controls: Option<ColorText>,
    #[serde(default)]
    response: Option<ColorText>,
    #[serde(default)]
    world: Option<ColorText>,
    #[serde(default)]
    series: Option<SeriesText>,
}

impl RawTheme {
    /// Sets what the file names, leaving the rest.
    fn apply(&self, p: &mut Palette) {
        let pairs: [(Option<ColorText>, &mut Color); 20] = [
            (self.background, &mut p.background),
            (self.text, &mut p.text),
            (self.dim, &mut p.dim),
            (self.title, &mut p.title),
            (self.selected_bg, &mut p.selected_bg),
            (self.selected_fg, &mut p.selected_fg),
            (self.changed, &mut p.changed),
            (self.pinned, &mut p.pinned),
            (self.band, &mut p.band),
            (self.year_rule, &mut p.year_rule),
            (self.year, &mut p.year),
            (self.policy, &mut p.policy),
            (self.note, &mut p.note),
            (self.up, &mut p.up),
            (self.down, &mut p.down),
            (self.error, &mut p.error),
            (self.key, &mut p.key),
            (self.controls, &mut p.controls),
            (self.response, &mut p.response),
            (self.world, &mut p.world),
        ];
        for (from, to) in pairs {
            if let Some(c) = from {
                *to = c.0;
            }
        }
        if let Some(s) = &self.series {
            for (i, slot) in p.series.iter_mut().enumerate() {
                *slot = s.0[i % s.0.len()];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dark_file_restates_the_defaults_in_code() {
        assert_eq!(Theme::built_in("dark"), Some(DARK));
    }

    #[test]
    fn a_user_file_overrides_only_what_it_names() {
        let t = parse(
            "mine.ron",
            "Theme(base: \"light\", pinned: \"red\")",
            "mine",
        )
        .unwrap();
        let light = Theme::built_in("light").unwrap();
        assert_eq!(t.palette.pinned, Color::Red);
        assert_eq!(t.palette.series, light.palette.series);
        assert_eq!(t.palette.background, light.palette.background);
        let bare = parse("m.ron", "(markers: \"block\")", "m").unwrap();
        assert_eq!(bare.palette, DARK.palette);
        assert_eq!(bare.markers, Markers::Block);
    }

    #[test]
    fn a_broken_theme_names_line_and_column() {
        let text = "Theme(\n    pinned: \"#12\",\n)";
        let d = parse("bad.ron", text, "bad").unwrap_err();
        assert_eq!(
            (d.file.as_str(), d.line),
            ("bad.ron", 2),
            "{}",
            d.one_line()
        );
        assert!(d.message.contains("not a colour"), "{}", d.message);
        let d = parse("typo.ron", "Theme(\n  pinnned: \"red\")", "typo").unwrap_err();
        assert_eq!(d.line, 2);
        assert!(d.message.contains("pinnned"), "{}", d.message);
        let d = parse("b.ron", "Theme(\n\n base: \"sepia\")", "b").unwrap_err();
        assert_eq!(d.line, 3);
    }

    #[test]
    fn no_color_and_markers_from_the_command_line() {
        let t = choose(Some("light"), Some("dot"), true).unwrap();
        assert_eq!((t.name, t.color, t.markers), ("light", false, Markers::Dot));
        assert_eq!(t.series(0), Color::Reset);
        assert!(choose(Some("nope"), None, false).is_err());
        assert!(choose(None, Some("ascii"), false).is_err());
    }
}
