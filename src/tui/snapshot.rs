//! `chipcast snapshot`: the explorer's screen drawn off-terminal by the same `view::render` as
//! the live screen (into a ratatui `TestBackend`), then written as text (each cell's symbol,
//! lines trimmed on the right), as SVG (a cell grid: backgrounds merged into runs, each
//! character centred on its cell, braille, shades, blocks and box drawing drawn as shapes so
//! lines join and bands fill as on a terminal), or as PNG (that SVG rasterised by resvg with
//! the bundled DejaVu fonts, `crate::export::rasterise`), for the README and for slides.
//!
//! Deterministic: the Monte Carlo runs inline with the given seed, so the same arguments give
//! the same bytes. Files are written atomically (`output::files`). Nothing touches the
//! terminal.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::text::Span;

use crate::diag::{Diagnostic, sanitize};
use crate::output::{files, report};
use crate::scenario;
use crate::scenario::story::Panel;

use super::action::Action;
use super::app::{App, Settings};
use super::view;

/// What the file holds, from its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A plain-text grid of the screen's characters (`.txt`).
    Text,
    /// An SVG image of the screen with its colours (`.svg`).
    Svg,
    /// That SVG rasterised at twice its size (`.png`), for READMEs and slides.
    Png,
}

impl Kind {
    /// The kind a file name asks for: `.txt`, `.svg` or `.png`.
    pub fn of(path: &Path) -> Option<Kind> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" => Some(Kind::Text),
            "svg" => Some(Kind::Svg),
            "png" => Some(Kind::Png),
            _ => None,
        }
    }
}

/// What `chipcast snapshot` was asked for: its command-line arguments.
#[derive(clap::Args, Clone, Debug)]
pub struct SnapshotOptions {
    /// A scenario file, or a bundled scenario's name.
    #[arg(value_name = "SCENARIO")]
    pub scenario: String,
    /// The screen in character cells, COLUMNSxROWS.
    #[arg(long, value_name = "COLSxROWS", value_parser = parse_size, default_value = "120x40")]
    pub size: (u16, u16),
    /// Set a lever as if in the explorer.
    #[command(flatten)]
    pub sets: crate::args::Sets,
    /// The panel to show (output, capacity, supply, routes, market, sensitivity).
    #[arg(long, value_name = "NAME", value_parser = parse_panel)]
    pub panel: Option<Panel>,
    /// The selected year (default: the explorer's).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    #[command(flatten)]
    /// `--samples` and `--seed` for the Monte Carlo the screen shows (by default the
    /// explorer's 10,000 samples).
    pub sampling: crate::args::ScreenSampling,
    /// The file to write; its extension (.svg, .png or .txt) picks the format. An existing file is
    /// refused unless --force is given.
    #[arg(long, value_name = "FILE", value_parser = parse_out)]
    pub out: PathBuf,
    /// Replace the --out file if it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    /// `--theme` and `--markers`: the colours and chart markers drawn with.
    pub theme: super::theme::ThemeArgs,
    /// `--root DIR`: more folders `extends` may read parents from.
    #[command(flatten)]
    pub scope: crate::args::Scope,
}

/// What an explorer drawn without a terminal shows: the scenario with `--set` changes, the
/// panel and year, the Monte Carlo, the theme and the screen size.
pub struct View<'a> {
    /// A scenario file, or a bundled scenario's name.
    pub scenario: &'a str,
    /// `--set` changes, as in the explorer.
    pub sets: &'a [String],
    /// Folders `extends` may read parents from.
    pub roots: scenario::Roots,
    /// The panel shown (default: the first).
    pub panel: Option<Panel>,
    /// The selected year (default: the explorer's).
    pub year: Option<i32>,
    /// Monte Carlo samples and seed.
    pub samples: usize,
    /// The seed.
    pub seed: u64,
    /// Colours and markers.
    pub theme: super::theme::Theme,
    /// The screen in cells.
    pub size: (u16, u16),
}

/// The explorer as the options describe it, with its Monte Carlo computed.
pub fn app(opts: &SnapshotOptions) -> Result<App, Vec<Diagnostic>> {
    explorer(&View {
        scenario: &opts.scenario,
        sets: &opts.sets.set,
        roots: opts.scope.roots(&[]),
        panel: opts.panel,
        year: opts.year,
        samples: opts.sampling.count(),
        seed: opts.sampling.seed,
        theme: opts.theme.choose(false)?,
        size: opts.size,
    })
}

/// The explorer a [`View`] describes, with its Monte Carlo (and the Sensitivity panel's
/// tornado) computed on the spot: what `snapshot` draws and `describe` puts in words.
pub fn explorer(v: &View) -> Result<App, Vec<Diagnostic>> {
    let (origin, loaded, overrides) = scenario::load_with_overrides(v.scenario, v.sets, &v.roots)?;
    let file = origin.display();
    if let Some(y) = v.year
        && !(loaded.scenario.first_year..=loaded.scenario.last_year).contains(&y)
    {
        return Err(vec![
            Diagnostic::arg(
                format!("--year {y}"),
                "year-outside-horizon",
                "--year",
                "the year lies outside the scenario's horizon",
            )
            .expected(format!(
                "a year from {} to {}",
                loaded.scenario.first_year, loaded.scenario.last_year
            )),
        ]);
    }
    let entries = vec![super::ready_entry(origin, loaded)];
    let settings = Settings {
        samples: v.samples,
        seed: v.seed,
        inline: true,
    };
    let mut app = App::new(entries, settings, v.theme).ok_or_else(|| {
        vec![Diagnostic::file(
            file,
            "no-valid-scenario",
            "no valid scenario",
        )]
    })?;
    app.update(Action::Resize(v.size.0, v.size.1));
    app.update(Action::SetLevers(overrides));
    if let Some(p) = v.panel {
        app.update(Action::ShowPanel(
            Panel::ALL.iter().position(|x| *x == p).unwrap_or(0),
        ));
    }
    if let Some(y) = v.year {
        app.update(Action::SelectYear(y));
    }
    // The footer shows what the last action said; a snapshot shows the keys instead.
    app.update(Action::ClearStatus);
    Ok(app)
}

/// The screen `app` draws at `width`×`height`.
pub fn draw(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = match Terminal::new(TestBackend::new(width, height)) {
        Ok(t) => t,
        Err(never) => match never {},
    };
    let frame = terminal.draw(|f| view::render(app, f));
    match frame {
        Ok(done) => done.buffer.clone(),
        Err(never) => match never {},
    }
}

/// The cells of a row, skipping those hidden under a wide symbol: (column, symbol, cell).
fn row_cells(buf: &Buffer, y: u16) -> Vec<(u16, &ratatui::buffer::Cell)> {
    let mut out = Vec::new();
    let mut hidden = 0usize;
    for x in buf.area.left()..buf.area.right() {
        let cell = &buf[(x, y)];
        if hidden > 0 {
            hidden -= 1;
            continue;
        }
        hidden = Span::raw(cell.symbol()).width().saturating_sub(1);
        out.push((x, cell));
    }
    out
}

/// The screen as text: each row's symbols, trimmed on the right, one line per row.
pub fn text(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in buf.area.top()..buf.area.bottom() {
        let line: String = row_cells(buf, y).iter().map(|(_, c)| c.symbol()).collect();
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

/// Width and height of a cell in the SVG, in pixels, and the font size.
const CELL_W: u32 = 10;
const CELL_H: u32 = 20;
const FONT_SIZE: u32 = 16;
/// The terminal's default background as drawn (and a theme's `reset` background in charts).
pub const DEFAULT_BG: (u8, u8, u8) = (24, 26, 32);
/// The terminal's default foreground as drawn.
pub const DEFAULT_FG: (u8, u8, u8) = (220, 220, 220);

/// An RGB colour for a ratatui colour (named and indexed ones as xterm draws them); `None`
/// for the terminal's default.
pub fn rgb(color: Color) -> Option<(u8, u8, u8)> {
    const ANSI: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    let indexed = |i: u8| -> (u8, u8, u8) {
        match i {
            0..=15 => ANSI[usize::from(i)],
            16..=231 => {
                let i = i - 16;
                let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
                (level(i / 36), level((i / 6) % 6), level(i % 6))
            }
            _ => {
                let v = 8 + (i - 232) * 10;
                (v, v, v)
            }
        }
    };
    Some(match color {
        Color::Reset => return None,
        Color::Black => ANSI[0],
        Color::Red => ANSI[1],
        Color::Green => ANSI[2],
        Color::Yellow => ANSI[3],
        Color::Blue => ANSI[4],
        Color::Magenta => ANSI[5],
        Color::Cyan => ANSI[6],
        Color::Gray => ANSI[7],
        Color::DarkGray => ANSI[8],
        Color::LightRed => ANSI[9],
        Color::LightGreen => ANSI[10],
        Color::LightYellow => ANSI[11],
        Color::LightBlue => ANSI[12],
        Color::LightMagenta => ANSI[13],
        Color::LightCyan => ANSI[14],
        Color::White => ANSI[15],
        Color::Indexed(i) => indexed(i),
        Color::Rgb(r, g, b) => (r, g, b),
    })
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Text safe inside an XML element or attribute.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&apos;"),
            c if c.is_control() => s.push(' '),
            c => s.push(c),
        }
    }
    s
}

/// How a cell is painted in the SVG.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Paint {
    fg: (u8, u8, u8),
    bg: Option<(u8, u8, u8)>,
    bold: bool,
    italic: bool,
    underline: bool,
    dim: bool,
}

fn paint(cell: &ratatui::buffer::Cell) -> Paint {
    let m = cell.modifier;
    let mut fg = rgb(cell.fg).unwrap_or(DEFAULT_FG);
    let mut bg = rgb(cell.bg);
    if m.contains(Modifier::REVERSED) {
        let old_bg = bg.unwrap_or(DEFAULT_BG);
        bg = Some(fg);
        fg = old_bg;
    }
    Paint {
        fg,
        bg,
        bold: m.contains(Modifier::BOLD),
        italic: m.contains(Modifier::ITALIC),
        underline: m.contains(Modifier::UNDERLINED),
        dim: m.contains(Modifier::DIM),
    }
}

/// How a cell's symbol is drawn in the SVG: as text, or as shapes on the cell's grid.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Glyph {
    /// A character set in the font.
    Text,
    /// Braille dots: bit n set draws dot n+1 (2 columns × 4 rows).
    Braille(u8),
    /// A shade (░ ▒ ▓): the whole cell at this opacity.
    Shade(f32),
    /// A block element: the part of the cell filled, as fractions (x0, y0, x1, y1).
    Block(f32, f32, f32, f32),
    /// A box-drawing line: the weight of each arm (left, right, up, down; 0 none, 1 light,
    /// 2 heavy) and the number of dashes a horizontal or vertical line is broken into.
    Line([u8; 4], u8),
}

/// What a symbol is drawn as. Braille, shades, blocks and box drawing become shapes on the
/// cell grid, so lines join and bands fill as on a terminal whatever font a viewer has.
fn glyph(symbol: &str) -> Glyph {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return Glyph::Text;
    };
    let line = |l, r, u, d| Glyph::Line([l, r, u, d], 1);
    let dashed = |arms: [u8; 4], n| Glyph::Line(arms, n);
    match c {
        '\u{2800}'..='\u{28ff}' => Glyph::Braille((c as u32 - 0x2800) as u8),
        '░' => Glyph::Shade(0.3),
        '▒' => Glyph::Shade(0.5),
        '▓' => Glyph::Shade(0.75),
        '█' => Glyph::Block(0.0, 0.0, 1.0, 1.0),
        '▀' => Glyph::Block(0.0, 0.0, 1.0, 0.5),
        '▄' => Glyph::Block(0.0, 0.5, 1.0, 1.0),
        '▌' => Glyph::Block(0.0, 0.0, 0.5, 1.0),
        '▐' => Glyph::Block(0.5, 0.0, 1.0, 1.0),
        '▔' => Glyph::Block(0.0, 0.0, 1.0, 0.125),
        '\u{2581}'..='\u{2587}' => {
            let eighths = (c as u32 - 0x2580) as f32;
            Glyph::Block(0.0, 1.0 - eighths / 8.0, 1.0, 1.0)
        }
        '\u{2589}'..='\u{258f}' => {
            let eighths = (0x2590 - c as u32) as f32;
            Glyph::Block(0.0, 0.0, eighths / 8.0, 1.0)
        }
        '─' => line(1, 1, 0, 0),
        '━' => line(2, 2, 0, 0),
        '│' => line(0, 0, 1, 1),
        '┃' => line(0, 0, 2, 2),
        '┌' | '╭' => line(0, 1, 0, 1),
        '┐' | '╮' => line(1, 0, 0, 1),
        '└' | '╰' => line(0, 1, 1, 0),
        '┘' | '╯' => line(1, 0, 1, 0),
        '├' => line(0, 1, 1, 1),
        '┤' => line(1, 0, 1, 1),
        '┬' => line(1, 1, 0, 1),
        '┴' => line(1, 1, 1, 0),
        '┼' => line(1, 1, 1, 1),
        '┏' => line(0, 2, 0, 2),
        '┓' => line(2, 0, 0, 2),
        '┗' => line(0, 2, 2, 0),
        '┛' => line(2, 0, 2, 0),
        '╴' => line(1, 0, 0, 0),
        '╶' => line(0, 1, 0, 0),
        '╵' => line(0, 0, 1, 0),
        '╷' => line(0, 0, 0, 1),
        '╌' => dashed([1, 1, 0, 0], 2),
        '╍' => dashed([2, 2, 0, 0], 2),
        '┄' => dashed([1, 1, 0, 0], 3),
        '┅' => dashed([2, 2, 0, 0], 3),
        '┈' => dashed([1, 1, 0, 0], 4),
        '┉' => dashed([2, 2, 0, 0], 4),
        '╎' => dashed([0, 0, 1, 1], 2),
        '╏' => dashed([0, 0, 2, 2], 2),
        '┆' => dashed([0, 0, 1, 1], 3),
        '┇' => dashed([0, 0, 2, 2], 3),
        '┊' => dashed([0, 0, 1, 1], 4),
        '┋' => dashed([0, 0, 2, 2], 4),
        _ => Glyph::Text,
    }
}

/// Appends the shapes of `g` in the cell at pixel (`x`, `y`) to `s`.
fn shapes(s: &mut String, g: Glyph, x: u32, y: u32, fill: &str, opacity: &str) {
    let (w, h) = (CELL_W as f32, CELL_H as f32);
    let (x, y) = (x as f32, y as f32);
    match g {
        Glyph::Text => {}
        Glyph::Braille(bits) => {
            // Dots 1-3 and 7 down the left column, 4-6 and 8 down the right.
            const AT: [(u8, u8); 8] = [
                (0, 0),
                (0, 1),
                (0, 2),
                (1, 0),
                (1, 1),
                (1, 2),
                (0, 3),
                (1, 3),
            ];
            for (bit, (col, row)) in AT.iter().enumerate() {
                if bits & (1 << bit) != 0 {
                    let _ = writeln!(
                        s,
                        "<circle cx=\"{}\" cy=\"{}\" r=\"1.6\" fill=\"{fill}\"{opacity}/>",
                        x + w * (0.25 + 0.5 * f32::from(*col)),
                        y + h * (0.125 + 0.25 * f32::from(*row)),
                    );
                }
            }
        }
        Glyph::Shade(alpha) => {
            let _ = writeln!(
                s,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{fill}\" \
                 fill-opacity=\"{alpha}\"/>"
            );
        }
        Glyph::Block(x0, y0, x1, y1) => {
            let _ = writeln!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"{opacity}/>",
                x + w * x0,
                y + h * y0,
                w * (x1 - x0),
                h * (y1 - y0),
            );
        }
        Glyph::Line(arms, dashes) => {
            let (cx, cy) = (x + w / 2.0, y + h / 2.0);
            let ends = [(x, cy), (x + w, cy), (cx, y), (cx, y + h)];
            for (arm, end) in arms.iter().zip(ends) {
                if *arm == 0 {
                    continue;
                }
                let width = if *arm == 2 { 2.4 } else { 1.2 };
                // A dashed line: `dashes` dashes a cell, each two thirds of its share.
                let dash = if dashes > 1 {
                    let along = if end.1 == cy { w } else { h };
                    let share = along / f32::from(dashes);
                    format!(
                        " stroke-dasharray=\"{} {}\" stroke-dashoffset=\"{}\"",
                        share * 0.65,
                        share * 0.35,
                        -share * 0.175
                    )
                } else {
                    String::new()
                };
                // Dashed lines run edge to edge as one stroke; solid arms meet at the centre.
                let start = if dashes > 1 {
                    if end.1 == cy { (x, cy) } else { (cx, y) }
                } else {
                    (cx, cy)
                };
                let end = if dashes > 1 {
                    if end.1 == cy {
                        (x + w, cy)
                    } else {
                        (cx, y + h)
                    }
                } else {
                    end
                };
                let _ = writeln!(
                    s,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{fill}\" \
                     stroke-width=\"{width}\"{dash}{opacity}/>",
                    start.0, start.1, end.0, end.1
                );
                if dashes > 1 {
                    break;
                }
            }
        }
    }
}

/// The screen as an SVG document titled `title`: each cell at its grid position (text runs
/// place every character on its cell's centre; braille, shades, blocks and box drawing are
/// drawn as shapes), so the grid holds in any font.
pub fn svg(buf: &Buffer, title: &str) -> String {
    let (w, h) = (u32::from(buf.area.width), u32::from(buf.area.height));
    let (pw, ph) = (w * CELL_W, h * CELL_H);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{pw}\" height=\"{ph}\" \
         viewBox=\"0 0 {pw} {ph}\" font-family=\"'DejaVu Sans Mono', Menlo, Consolas, \
         monospace\" font-size=\"{FONT_SIZE}\">"
    );
    let _ = writeln!(s, "<title>{}</title>", escape(title));
    let _ = writeln!(
        s,
        "<rect width=\"{pw}\" height=\"{ph}\" fill=\"{}\"/>",
        hex(DEFAULT_BG)
    );
    // Backgrounds: runs of cells with the same colour, row by row.
    s.push_str("<g shape-rendering=\"crispEdges\">\n");
    for y in buf.area.top()..buf.area.bottom() {
        let cells = row_cells(buf, y);
        let mut i = 0;
        while i < cells.len() {
            let bg = paint(cells[i].1).bg;
            let start = cells[i].0;
            let mut j = i;
            while j < cells.len() && paint(cells[j].1).bg == bg {
                j += 1;
            }
            let end = cells.get(j).map(|(x, _)| *x).unwrap_or(buf.area.right());
            if let Some(c) = bg {
                let _ = writeln!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{CELL_H}\" fill=\"{}\"/>",
                    u32::from(start - buf.area.x) * CELL_W,
                    u32::from(y - buf.area.y) * CELL_H,
                    u32::from(end - start) * CELL_W,
                    hex(c)
                );
            }
            i = j;
        }
    }
    s.push_str("</g>\n");
    // Shapes: braille dots, shades, blocks and lines, cell by cell.
    s.push_str("<g>\n");
    for y in buf.area.top()..buf.area.bottom() {
        for (x, cell) in row_cells(buf, y) {
            let g = glyph(cell.symbol());
            if g == Glyph::Text {
                continue;
            }
            let look = paint(cell);
            let opacity = if look.dim { " opacity=\"0.6\"" } else { "" };
            shapes(
                &mut s,
                g,
                u32::from(x - buf.area.x) * CELL_W,
                u32::from(y - buf.area.y) * CELL_H,
                &hex(look.fg),
                opacity,
            );
        }
    }
    s.push_str("</g>\n");
    // Text: runs of cells with the same look, each character centred on its cell; blanks
    // and shapes end a run.
    s.push_str("<g xml:space=\"preserve\" text-anchor=\"middle\">\n");
    for y in buf.area.top()..buf.area.bottom() {
        let cells = row_cells(buf, y);
        let mut i = 0;
        while i < cells.len() {
            let drawn = |cell: &ratatui::buffer::Cell| {
                let sym = cell.symbol();
                !sym.trim().is_empty() && glyph(sym) == Glyph::Text && sym.chars().count() == 1
            };
            if !drawn(cells[i].1) {
                // A grapheme of several characters is set alone, centred on its cells.
                let sym = cells[i].1.symbol();
                if !sym.trim().is_empty() && glyph(sym) == Glyph::Text {
                    let cols = Span::raw(sym).width().max(1) as u32;
                    let x0 = u32::from(cells[i].0 - buf.area.x) * CELL_W;
                    let _ = writeln!(
                        s,
                        "<text x=\"{}\" y=\"{}\" {}>{}</text>",
                        x0 + cols * CELL_W / 2,
                        u32::from(y - buf.area.y) * CELL_H + CELL_H * 3 / 4,
                        attrs(paint(cells[i].1)),
                        escape(sym)
                    );
                }
                i += 1;
                continue;
            }
            let look = paint(cells[i].1);
            let mut xs: Vec<String> = Vec::new();
            let mut run = String::new();
            let mut j = i;
            while j < cells.len() && drawn(cells[j].1) && paint(cells[j].1) == look {
                let sym = cells[j].1.symbol();
                let cols = Span::raw(sym).width().max(1) as u32;
                let x0 = u32::from(cells[j].0 - buf.area.x) * CELL_W;
                xs.push((x0 + cols * CELL_W / 2).to_string());
                run.push_str(sym);
                j += 1;
            }
            i = j;
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\" {}>{}</text>",
                xs.join(" "),
                u32::from(y - buf.area.y) * CELL_H + CELL_H * 3 / 4,
                attrs(look),
                escape(&run)
            );
        }
    }
    s.push_str("</g>\n</svg>\n");
    s
}

/// The SVG attributes of a text run's look.
fn attrs(look: Paint) -> String {
    let mut attrs = format!("fill=\"{}\"", hex(look.fg));
    if look.bold {
        attrs.push_str(" font-weight=\"bold\"");
    }
    if look.italic {
        attrs.push_str(" font-style=\"italic\"");
    }
    if look.underline {
        attrs.push_str(" text-decoration=\"underline\"");
    }
    if look.dim {
        attrs.push_str(" fill-opacity=\"0.6\"");
    }
    attrs
}

/// `chipcast snapshot SCENARIO --out FILE.svg|FILE.png|FILE.txt`.
pub fn run(opts: &SnapshotOptions) -> ExitCode {
    let Some(kind) = Kind::of(&opts.out) else {
        report(&[Diagnostic::arg(
            opts.out.display().to_string(),
            "bad-output",
            "--out",
            "the file's extension must be .svg, .png or .txt",
        )
        .expected("FILE.svg, FILE.png or FILE.txt")]);
        return ExitCode::from(2);
    };
    let app = match app(opts) {
        Ok(a) => a,
        Err(diags) => {
            report(&diags);
            return ExitCode::from(1);
        }
    };
    let buf = draw(&app, opts.size.0, opts.size.1);
    let title = format!(
        "chipcast — {}",
        sanitize(&app.scenario().name).replace('\n', " ")
    );
    let contents = match kind {
        Kind::Text => text(&buf).into_bytes(),
        Kind::Svg => svg(&buf, &title).into_bytes(),
        // The same SVG, rasterised by resvg with the bundled fonts (crate::export::rasterise).
        Kind::Png => match crate::export::rasterise(&svg(&buf, &title), 2.0) {
            Ok(png) => png,
            Err(reason) => {
                report(&[Diagnostic::write_failed(
                    opts.out.display().to_string(),
                    reason,
                )]);
                return ExitCode::from(1);
            }
        },
    };
    let written = if opts.force {
        files::replace(&opts.out, &contents)
    } else {
        files::create_new(&opts.out, &contents)
    };
    match written {
        Ok(()) => {
            eprintln!("wrote {}", sanitize(&opts.out.display().to_string()));
            ExitCode::SUCCESS
        }
        Err(e) => {
            let out = opts.out.display().to_string();
            report(&[if e.kind() == std::io::ErrorKind::AlreadyExists {
                Diagnostic::file(out, "exists", "the file already exists")
                    .hint("choose another name, or pass --force to replace it")
            } else {
                Diagnostic::write_failed(out, crate::diag::io_reason(&e))
            }]);
            ExitCode::from(1)
        }
    }
}

/// Parses `--size COLUMNSxROWS` (20 to 1000 columns, 5 to 500 rows).
pub fn parse_size(text: &str) -> Result<(u16, u16), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or("expected COLUMNSxROWS, such as 120x40")?;
    match (w.trim().parse::<u16>(), h.trim().parse::<u16>()) {
        (Ok(w), Ok(h)) if (20..=1000).contains(&w) && (5..=500).contains(&h) => Ok((w, h)),
        _ => Err("columns must be 20 to 1000 and rows 5 to 500, such as 120x40".into()),
    }
}

/// Parses `--panel NAME`.
pub fn parse_panel(text: &str) -> Result<Panel, String> {
    Panel::from_name(text).ok_or_else(|| {
        let names: Vec<&str> = Panel::ALL.iter().map(|p| p.name()).collect();
        format!("expected one of {}", names.join(", "))
    })
}

/// Parses `--out FILE`: its extension must be `.svg`, `.png` or `.txt`.
pub fn parse_out(text: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(text);
    match Kind::of(&path) {
        Some(_) => Ok(path),
        None => Err("the file's extension must be .svg, .png or .txt".into()),
    }
}
