//! `chipcast snapshot`: the explorer's screen drawn off-terminal by the same `view::render` as
//! the live screen (into a ratatui `TestBackend`), then written as text (each cell's symbol,
//! lines trimmed on the right) or as SVG (a monospace grid, runs of equally styled cells merged
//! into one `<rect>` or `<text>`), for the README and for slides.
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
}

impl Kind {
    /// The kind a file name asks for: `.txt` or `.svg`.
    pub fn of(path: &Path) -> Option<Kind> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" => Some(Kind::Text),
            "svg" => Some(Kind::Svg),
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
    /// The file to write; its extension (.svg or .txt) picks the format. An existing file is
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
/// The colours the terminal's defaults are drawn with.
const DEFAULT_BG: (u8, u8, u8) = (24, 26, 32);
const DEFAULT_FG: (u8, u8, u8) = (220, 220, 220);

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

/// The screen as an SVG document titled `title`.
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
    // Text: runs of cells with the same look; blank runs are left out.
    s.push_str("<g xml:space=\"preserve\">\n");
    for y in buf.area.top()..buf.area.bottom() {
        let cells = row_cells(buf, y);
        let mut i = 0;
        while i < cells.len() {
            let look = paint(cells[i].1);
            let start = cells[i].0;
            let mut j = i;
            let mut run = String::new();
            while j < cells.len() && paint(cells[j].1) == look {
                run.push_str(cells[j].1.symbol());
                j += 1;
            }
            let end = cells.get(j).map(|(x, _)| *x).unwrap_or(buf.area.right());
            i = j;
            // Leading and trailing blanks are not drawn; the run's length keeps the grid.
            let lead = run.chars().take_while(|c| *c == ' ').count() as u16;
            let body = run.trim();
            if body.is_empty() {
                continue;
            }
            let trail = run.chars().rev().take_while(|c| *c == ' ').count() as u16;
            let x0 = start + lead;
            let cols = (end - start).saturating_sub(lead + trail);
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
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\" textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\" {attrs}>{}</text>",
                u32::from(x0 - buf.area.x) * CELL_W,
                u32::from(y - buf.area.y) * CELL_H + CELL_H * 3 / 4,
                u32::from(cols) * CELL_W,
                escape(body)
            );
        }
    }
    s.push_str("</g>\n</svg>\n");
    s
}

/// `chipcast snapshot SCENARIO --out FILE.svg|FILE.txt`.
pub fn run(opts: &SnapshotOptions) -> ExitCode {
    let Some(kind) = Kind::of(&opts.out) else {
        report(&[Diagnostic::arg(
            opts.out.display().to_string(),
            "bad-output",
            "--out",
            "the file's extension must be .svg or .txt",
        )
        .expected("FILE.svg or FILE.txt")]);
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
    let contents = match kind {
        Kind::Text => text(&buf),
        Kind::Svg => svg(
            &buf,
            &format!(
                "chipcast — {}",
                sanitize(&app.scenario().name).replace('\n', " ")
            ),
        ),
    };
    let written = if opts.force {
        files::replace(&opts.out, contents.as_bytes())
    } else {
        files::create_new(&opts.out, contents.as_bytes())
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

/// Parses `--out FILE`: its extension must be `.svg` or `.txt`.
pub fn parse_out(text: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(text);
    match Kind::of(&path) {
        Some(_) => Ok(path),
        None => Err("the file's extension must be .svg or .txt".into()),
    }
}
