//! The chart draws what is there (issue 14, item 2): the p10–p90 band shares the lines' grid,
//! so a band inside the median's row is not shaded a row above it, and a wide band is one
//! unbroken run of rows through the line. Buffer assertions on a chart built from known data.

use chipcast::model::metrics::Scale;
use chipcast::tui::theme::Theme;
use chipcast::tui::view::chart::{Chart, Curve};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;

const W: u16 = 60;
const H: u16 = 24;

fn chart(median: f64, lo: f64, hi: f64) -> Chart {
    let years = 9;
    Chart {
        title: "test".into(),
        scale: Scale::Count,
        first_year: 2024,
        last_year: 2032,
        curves: vec![Curve {
            label: "m".into(),
            color: Color::Rgb(1, 2, 3),
            median: vec![median; years],
            band: Some((vec![lo; years], vec![hi; years])),
            tag: None,
        }],
        compare: None,
        selected: 2040, // off the axis: no rule
        marks: Vec::new(),
        floor_max: 10e6,
        observed: Vec::new(),
    }
}

/// For each column of the plot: the rows holding the line, and the rows shaded.
fn columns(c: &Chart) -> Vec<(Vec<u16>, Vec<u16>)> {
    let area = Rect::new(0, 0, W, H);
    let mut buf = Buffer::empty(area);
    c.render(Theme::COLOR, area, &mut buf);
    // The plot starts right of the y-axis rule (`┤`/`│`) and above the years row.
    let axis = (0..W)
        .find(|&x| (0..H).any(|y| buf[(x, y)].symbol() == "┤"))
        .unwrap();
    (axis + 1..W)
        .map(|x| {
            let line: Vec<u16> = (1..H)
                .filter(|&y| {
                    let s = buf[(x, y)].symbol();
                    s.chars().all(|ch| ('\u{2801}'..='\u{28ff}').contains(&ch))
                        && buf[(x, y)].fg == Color::Rgb(1, 2, 3)
                })
                .collect();
            let band: Vec<u16> = (1..H).filter(|&y| buf[(x, y)].symbol() == "░").collect();
            (line, band)
        })
        .filter(|(line, _)| !line.is_empty())
        .collect()
}

/// The row a value falls in on the lines' braille grid, as ratatui's canvas maps a point
/// (four dots a cell, rounded), for a plot `rows` high on an axis from 0 to `top`.
fn braille_row(v: f64, top: f64, rows: u16) -> u16 {
    let dots = f64::from(rows) * 4.0 - 1.0;
    ((top - v) * dots / top).round() as u16 / 4
}

#[test]
fn the_band_is_shaded_on_the_rows_its_values_reach_on_the_lines_grid() {
    // As in 2026 of the baseline at 120x40: 0.90–1.42M about a 1.1M median on a 10M axis,
    // where the band was shaded a row above the one its values reach.
    for (median, lo, hi) in [
        (1.1e6, 0.90e6, 1.42e6),
        (4e6, 3.1e6, 5.3e6),
        (7.7e6, 7.2e6, 8.1e6),
    ] {
        let c = chart(median, lo, hi);
        let cols = columns(&c);
        assert!(!cols.is_empty());
        // The plot's rows: from the first row under the title to the row above the years.
        let rows = H - 3;
        let (top, bottom) = (
            1 + braille_row(hi, 10e6, rows),
            1 + braille_row(lo, 10e6, rows),
        );
        let line_row = 1 + braille_row(median, 10e6, rows);
        for (line, band) in &cols {
            assert_eq!(line, &vec![line_row], "the line's own row");
            assert!(
                band.iter().all(|r| (top..=bottom).contains(r)),
                "{median}: band {band:?} outside rows {top}..={bottom}"
            );
            let expected: Vec<u16> = (top..=bottom).filter(|r| *r != line_row).collect();
            assert_eq!(
                band, &expected,
                "{median}: every row the band reaches is shaded"
            );
        }
    }
}

#[test]
fn a_wide_band_is_one_run_of_rows_through_its_line() {
    let cols = columns(&chart(4e6, 2e6, 6e6));
    for (line, band) in &cols {
        assert!(band.len() >= 3, "band {band:?}");
        let mut rows: Vec<u16> = line.iter().chain(band).copied().collect();
        rows.sort();
        rows.dedup();
        assert!(
            rows.windows(2).all(|w| w[1] == w[0] + 1),
            "a gap between line {line:?} and band {band:?}"
        );
        // The line lies inside the band, not at its edge.
        assert!(
            band.iter().any(|b| b < &line[0]) && band.iter().any(|b| b > &line[0]),
            "line {line:?} band {band:?}"
        );
    }
}

/// The Supply panel shows the diverted series (issue 14: licensed imports at zero under the
/// customs block covered it everywhere): at each size, cells of its colour are on screen.
#[test]
fn diverted_is_visible_in_supply() {
    use chipcast::tui::action::Action;
    use chipcast::tui::app::{App, Settings};
    use chipcast::tui::{load_entries, view};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let settings = Settings {
        samples: 0,
        seed: 7,
        inline: true,
    };
    let mut app = App::new(load_entries(&[]).unwrap(), settings, Theme::COLOR).unwrap();
    app.update(Action::ShowPanel(2)); // Supply, the third panel
    let diverted = Theme::COLOR.series(2);
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        app.update(Action::Resize(w, h));
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view::render(&app, f)).unwrap();
        let buf = t.backend().buffer();
        let cells = (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                let c = &buf[(x, y)];
                c.fg == diverted
                    && c.symbol()
                        .chars()
                        .all(|ch| ('\u{2801}'..='\u{28ff}').contains(&ch))
            })
            .count();
        assert!(
            cells >= 8,
            "{w}x{h}: only {cells} cells of the diverted line"
        );
    }
}

/// At 80x24 the header keeps the change count and the pin and the footer keeps `? help` and
/// `q quit` (issue 14: they were cut off); legends are abbreviated with an ellipsis, never cut
/// bare, at every size.
#[test]
fn narrow_screens_keep_the_essentials_and_cut_only_with_an_ellipsis() {
    use chipcast::model::levers::LeverId;
    use chipcast::tui::action::Action;
    use chipcast::tui::app::{App, Settings};
    use chipcast::tui::{load_entries, view};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let settings = Settings {
        samples: 0,
        seed: 7,
        inline: true,
    };
    let mut app = App::new(load_entries(&[]).unwrap(), settings, Theme::COLOR).unwrap();
    app.update(Action::SelectLever(LeverId::EuvAccess));
    app.update(Action::Toggle);
    app.update(Action::Pin);
    app.update(Action::SelectLever(LeverId::ServicingBan));
    app.update(Action::Toggle);
    app.update(Action::ShowPanel(2));
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        app.update(Action::Resize(w, h));
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view::render(&app, f)).unwrap();
        let buf = t.backend().buffer();
        let line = |y: u16| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>();
        let (header, footer) = (line(0), line(h - 1));
        assert!(header.contains("● 2 changed"), "{w}x{h}: {header}");
        assert!(header.contains("┄ pinned"), "{w}x{h}: {header}");
        assert!(
            footer.contains("? help") && footer.contains("q quit"),
            "{w}x{h}: {footer}"
        );
        let legend = (0..h)
            .map(line)
            .find(|l| l.contains("New accelerators"))
            .unwrap();
        assert!(
            legend.contains("licensed imports") || legend.contains("…"),
            "{w}x{h}: {legend}"
        );
        assert!(
            legend.contains("━ d"),
            "{w}x{h}: every series keeps its place: {legend}"
        );
    }
}

/// Without colour and in high contrast, the Output panel's four series differ by pattern as
/// well as colour (issue 15: under NO_COLOR every series was `━`): the legend shows each
/// series' pattern and the plot holds cells of each; with colour the lines stay solid.
#[test]
fn series_differ_by_pattern_without_colour_and_in_high_contrast() {
    use chipcast::tui::action::Action;
    use chipcast::tui::app::{App, Settings};
    use chipcast::tui::{load_entries, view};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let settings = Settings {
        samples: 0,
        seed: 7,
        inline: true,
    };
    let high_contrast = Theme::built_in("high-contrast").unwrap();
    for (theme, patterned) in [
        (Theme::PLAIN, true),
        (high_contrast, true),
        (Theme::COLOR, false),
    ] {
        let mut app = App::new(load_entries(&[]).unwrap(), settings, theme).unwrap();
        app.update(Action::ShowPanel(0));
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            app.update(Action::Resize(w, h));
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| view::render(&app, f)).unwrap();
            let buf = t.backend().buffer();
            let screen: String = (0..h)
                .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
                .collect();
            let count = |sym: &str| {
                (0..h)
                    .flat_map(|y| (0..w).map(move |x| (x, y)))
                    .filter(|&(x, y)| buf[(x, y)].symbol() == sym)
                    .count()
            };
            // (At 80x24 the smallest series lies under the next one on the scale.)
            let symbols: &[&str] = if w == 80 {
                &["•", "+"]
            } else {
                &["•", "+", "◦"]
            };
            for &sym in symbols {
                if patterned {
                    assert!(
                        count(sym) >= 4,
                        "{} {w}x{h}: the series drawn in {sym}\n{screen}",
                        theme.name
                    );
                    assert!(
                        screen.contains(&format!("{sym} ")),
                        "{} {w}x{h}: the legend shows {sym}\n{screen}",
                        theme.name
                    );
                } else {
                    assert_eq!(count("•"), 0, "{w}x{h}: solid lines in colour");
                }
            }
        }
    }
}
