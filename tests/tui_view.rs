//! The explorer's screens drawn into a `TestBackend`: insta snapshots of every panel at
//! 120×40 and 80×24, the help overlay, the picker and tiny sizes, plus assertions on styled
//! cells where colour carries meaning (the changed-lever mark, the pinned comparison line).
//!
//! Deterministic: a fixed seed and a small sample count, computed inline.

use chipcast::model::levers::LeverId;
use chipcast::tui::action::Action;
use chipcast::tui::app::{App, Settings};
use chipcast::tui::theme::Theme;
use chipcast::tui::{load_entries, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

fn app_with(theme: Theme) -> App {
    let entries = load_entries(&[]).expect("bundled scenarios load");
    App::new(
        entries,
        Settings {
            samples: 200,
            seed: 42,
            inline: true,
        },
        theme,
    )
    .expect("a valid scenario")
}

fn app() -> App {
    app_with(Theme::COLOR)
}

fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    app.update(Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    t
}

fn text(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

#[test]
fn every_panel_at_120x40_and_80x24() {
    for (w, h) in [(120, 40), (80, 24)] {
        for i in 0..6 {
            let mut a = app();
            a.update(Action::ShowPanel(i));
            let t = draw(&mut a, w, h);
            let name = format!("panel_{}_{}_{w}x{h}", i + 1, a.ui().panel.name());
            insta::assert_snapshot!(name, t.backend());
        }
    }
}

#[test]
fn changed_levers_and_pinned_comparison() {
    let mut a = app();
    a.update(Action::Pin);
    a.update(Action::SelectLever(LeverId::EuvAccess));
    a.update(Action::Toggle);
    a.update(Action::ShowPanel(1));
    let t = draw(&mut a, 120, 40);
    insta::assert_snapshot!("pinned_euv_capacity_120x40", t.backend());
}

#[test]
fn help_overlay_and_picker() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = app();
        a.update(Action::ToggleHelp);
        let t = draw(&mut a, w, h);
        insta::assert_snapshot!(format!("help_{w}x{h}"), t.backend());
        let mut a = app();
        a.update(Action::OpenPicker);
        a.update(Action::PickerMove(2));
        let t = draw(&mut a, w, h);
        insta::assert_snapshot!(format!("picker_{w}x{h}"), t.backend());
    }
}

#[test]
fn the_help_lists_every_binding_of_the_keymap() {
    let mut a = app();
    a.update(Action::ToggleHelp);
    // The whole help, scrolled through (it outgrew one 60-row screen with the compare view).
    let mut screen = String::new();
    for _ in 0..8 {
        screen.push_str(&text(draw(&mut a, 120, 60).backend().buffer()));
        a.update(Action::HelpScroll(20));
    }
    for b in chipcast::tui::keymap::KEYMAP
        .iter()
        .filter(|b| b.scope != chipcast::tui::keymap::Scope::Help)
    {
        assert!(screen.contains(b.help), "help lacks {:?}", b.help);
    }
}

#[test]
fn tiny_terminals_get_a_note_and_never_panic() {
    let mut a = app();
    let t = draw(&mut a, 20, 5);
    insta::assert_snapshot!("too_small_20x5", t.backend());
    a.update(Action::ToggleHelp);
    for (w, h) in [(1, 1), (2, 1), (1, 3), (79, 24), (80, 23), (0, 0)] {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view::render(&a, f)).unwrap();
    }
    a.update(Action::ToggleHelp);
    let t = draw(&mut a, 79, 30);
    assert!(text(t.backend().buffer()).contains("too small"));
    // Odd sizes above the minimum draw every panel and overlay without panicking.
    let mut a = app();
    for (w, h) in [(80, 24), (81, 25), (97, 31), (160, 33), (250, 80)] {
        for i in 0..6 {
            a.update(Action::ShowPanel(i));
            draw(&mut a, w, h);
            a.update(Action::OpenPicker);
            draw(&mut a, w, h);
            a.update(Action::Back);
        }
    }
}

#[test]
fn a_changed_lever_is_marked_in_the_changed_style() {
    let mut a = app();
    a.update(Action::SelectLever(LeverId::ServicingBan));
    a.update(Action::Toggle);
    a.update(Action::MoveLever(1));
    let t = draw(&mut a, 120, 40);
    let buf = t.backend().buffer();
    let row = (0..40)
        .find(|y| text_row(buf, *y).contains("servicing_ban"))
        .expect("servicing_ban shown");
    let mark = &buf[(1, row)];
    assert_eq!(mark.symbol(), "●");
    assert_eq!(mark.fg, Theme::COLOR.changed().fg.unwrap());
    assert!(mark.modifier.contains(Modifier::BOLD));
    // An unchanged lever has no mark.
    let other = (0..40)
        .find(|y| text_row(buf, *y).contains("euv_access"))
        .unwrap();
    assert_eq!(buf[(1, other)].symbol(), " ");
    // Without colour the mark still says it.
    let mut plain = app_with(Theme::PLAIN);
    plain.update(Action::SelectLever(LeverId::ServicingBan));
    plain.update(Action::Toggle);
    let t = draw(&mut plain, 120, 40);
    assert_eq!(t.backend().buffer()[(1, row)].symbol(), "●");
}

fn text_row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

#[test]
fn the_pinned_comparison_is_drawn_in_its_own_colour_only_when_there_is_one() {
    let count = |a: &mut App| {
        let t = draw(a, 120, 40);
        let buf = t.backend().buffer().clone();
        let a = view::layout::areas(buf.area).unwrap();
        let mut n = 0;
        for y in a.panel.y..a.panel.bottom() {
            for x in a.panel.x..a.panel.right() {
                let c = &buf[(x, y)];
                if c.fg == Theme::COLOR.pinned()
                    && c.symbol()
                        .chars()
                        .all(|ch| ('\u{2800}'..='\u{28FF}').contains(&ch))
                {
                    n += 1;
                }
            }
        }
        n
    };
    let mut a = app();
    a.update(Action::ShowPanel(1));
    assert_eq!(
        count(&mut a),
        0,
        "nothing pinned, nothing changed: no comparison line"
    );
    a.update(Action::Pin);
    a.update(Action::SelectLever(LeverId::EuvAccess));
    a.update(Action::Toggle);
    assert!(
        count(&mut a) > 10,
        "the pinned line is drawn in the pinned colour"
    );
}

#[test]
fn text_from_files_is_sanitized_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    // A bidirectional override in a name, and a broken file whose diagnostics quote escapes.
    std::fs::write(
        dir.path().join("a_evil.ron"),
        "Scenario(version: 1, name: \"Evil\u{202E}eman\", description: \"d\u{2066}x\", extends: \"bundled:baseline\", annotations: [(year: 2028, label: \"note\u{202D}x\")])",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b_bad\u{7}.ron"),
        "Scenario(version: 1, name: \"Bad\\u{1b}[2J\")",
    )
    .unwrap();
    let entries = load_entries(&[dir.path().to_path_buf()]).unwrap();
    let mut a = App::new(
        entries,
        Settings {
            samples: 0,
            seed: 1,
            inline: true,
        },
        Theme::COLOR,
    )
    .unwrap();
    a.update(Action::SelectYear(2028));
    let screen = text(draw(&mut a, 120, 40).backend().buffer());
    assert!(screen.contains("Evil\u{FFFD}eman"), "{screen}");
    assert!(screen.contains("note\u{FFFD}x"), "{screen}");
    a.update(Action::OpenPicker);
    let picker = text(draw(&mut a, 120, 40).backend().buffer());
    assert!(picker.contains("b_bad?.ron"), "{picker}");
    for s in [screen, picker] {
        assert!(!s.chars().any(|c| (c.is_control() && c != '\n')
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)));
    }
}

/// The Market panel names each supplier — US vendors (licensed), domestic, other (diverted) —
/// with its units and its dollars for the selected year, as the app computed them, and says so
/// without colour: letters end the chart lines and a glyph leads each table row.
#[test]
fn the_market_panel_shows_each_supplier_in_units_and_dollars() {
    use chipcast::model::metrics::{MetricId, Scale};
    use chipcast::output::format::{count, value};
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut a = app_with(Theme::PLAIN);
        a.update(Action::ShowPanel(4));
        let screen = text(draw(&mut a, w, h).backend().buffer());
        let year = a.ui().year;
        let v = |m: MetricId| a.data().now.value(m, year).expect("a value for the year");
        assert!(screen.contains("Market by supplier, $bn/yr"), "{screen}");
        if h >= 40 {
            assert!(
                screen.contains("Accelerators by supplier, units/yr"),
                "{screen}"
            );
        }
        assert!(screen.contains(&format!(" {year} median")), "{screen}");
        let rows = [
            ("█ US", Some(MetricId::Imported), MetricId::UsVendorRevenue),
            (
                "▓ domestic",
                Some(MetricId::Domestic),
                MetricId::DomesticSales,
            ),
            (
                "▒ other",
                Some(MetricId::Diverted),
                MetricId::DivertedSpending,
            ),
            ("· unserved", None, MetricId::UnservedSpending),
            ("market", None, MetricId::ChinaSpending),
            ("US gov't share", None, MetricId::UsRevenueShare),
        ];
        for (lead, units, usd) in rows {
            let line = screen
                .lines()
                .find(|l| l.contains(lead) && l.contains('$') && !l.contains('━'))
                .unwrap_or_else(|| panic!("no `{lead}` row at {w}x{h}:\n{screen}"));
            let cells: Vec<&str> = line.split_whitespace().collect();
            assert!(
                cells.contains(&value(Scale::UsdBn, v(usd)).as_str()),
                "{lead} at {w}x{h}: {line}"
            );
            if let Some(u) = units {
                assert!(
                    cells.contains(&count(v(u)).as_str()),
                    "{lead} at {w}x{h}: {line}"
                );
            }
        }
        // Each chart line ends in its letter, named in the chart's legend where it fits.
        for tag in ["u", "d", "o"] {
            assert!(
                screen.lines().any(|l| l.trim_end().ends_with(tag)),
                "no line tagged {tag} at {w}x{h}:\n{screen}"
            );
        }
        if w >= 120 {
            assert!(
                screen.contains("━ u US vendors  • d domestic  + o other"),
                "{screen}"
            );
            // The composition bars: one glyph per supplier, in units and in dollars.
            assert!(
                screen
                    .lines()
                    .any(|l| l.contains(" units ") && l.contains('▓'))
            );
            assert!(screen.lines().any(|l| l.contains(" $ ") && l.contains('·')));
        }
    }
}

/// Where `word` starts in row `y`, counted in cells (terminal columns): a wide character's
/// second cell and a base character's marks (kept in its cell) count as ratatui draws them.
fn cell_of(buf: &Buffer, y: u16, word: &str) -> Option<u16> {
    let cells: Vec<&str> = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
    let chars: Vec<String> = word.chars().map(String::from).collect();
    (0..cells.len().saturating_sub(chars.len()))
        .find(|&x| chars.iter().enumerate().all(|(i, c)| cells[x + i] == c))
        .map(|x| x as u16)
}

/// A row as text, each wide character once (its second cell skipped).
fn drawn_row(buf: &Buffer, y: u16) -> String {
    let mut s = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let symbol = buf[(x, y)].symbol();
        s.push_str(symbol);
        x += ratatui::text::Span::raw(symbol).width().max(1) as u16;
    }
    s
}

/// Scenario files named with stacked combining marks and with CJK characters line up in the
/// picker at 80×24 (issue 13: zero-width and combining characters misaligned it): the years
/// and the files start in the same column on every row, a name too wide for its column is cut
/// with `…` before the gap, the marks stay in their base character's cell, and the box's right
/// edge is where it belongs on every row.
#[test]
fn odd_file_names_line_up_in_the_picker() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = |name: &str| {
        format!(
            "Scenario(version: 1, name: \"{name}\", description: \"d\", extends: \"bundled:baseline\")"
        )
    };
    let accents = "e\u{301}\u{301}\u{301}x";
    std::fs::write(
        dir.path().join(format!("{accents}.ron")),
        scenario(&format!("{accents}: three accents on one letter")),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("中文情景.ron"),
        scenario("中文情景：出口管制全面收紧，国产替代加速推进的情景"),
    )
    .unwrap();
    std::fs::write(dir.path().join("plain.ron"), scenario("Plain")).unwrap();
    let entries = load_entries(&[dir.path().to_path_buf()]).unwrap();
    let mut a = App::new(
        entries,
        Settings {
            samples: 0,
            seed: 1,
            inline: true,
        },
        Theme::COLOR,
    )
    .unwrap();
    a.update(Action::OpenPicker);
    let t = draw(&mut a, 80, 24);
    let buf = t.backend().buffer();
    let rows: Vec<u16> = (0..buf.area.height)
        .filter(|&y| cell_of(buf, y, "2024–").is_some())
        .filter(|&y| drawn_row(buf, y).contains(".ron"))
        .collect();
    assert_eq!(rows.len(), 3, "{}", text(buf));
    let years: Vec<u16> = rows
        .iter()
        .map(|&y| cell_of(buf, y, "2024–").unwrap())
        .collect();
    let edge = |y: u16| {
        (years[0]..buf.area.width)
            .find(|&x| buf[(x, y)].symbol() == "│")
            .unwrap()
    };
    for (&y, &x) in rows.iter().zip(&years) {
        let row = drawn_row(buf, y);
        assert_eq!(x, years[0], "the years move on row {y}:\n{}", text(buf));
        // Two blank cells before the years: nothing of the name drawn past its column.
        assert_eq!(buf[(x - 1, y)].symbol(), " ", "{row}");
        assert_eq!(buf[(x - 2, y)].symbol(), " ", "{row}");
        // Two blank cells after them, then the file.
        assert_eq!(buf[(x + 9, y)].symbol(), " ", "{row}");
        assert_eq!(buf[(x + 10, y)].symbol(), " ", "{row}");
        assert_ne!(buf[(x + 11, y)].symbol(), " ", "{row}");
        assert_eq!(
            edge(y),
            edge(rows[0]),
            "the box's edge moves on row {y}: {row}"
        );
    }
    let screen: Vec<String> = rows.iter().map(|&y| drawn_row(buf, y)).collect();
    let find = |s: &str| {
        screen
            .iter()
            .find(|r| r.contains(s))
            .unwrap_or_else(|| panic!("{s}: {screen:#?}"))
    };
    // The file names are shown whole (the folders before them give way).
    find(&format!("{accents}.ron"));
    let cjk = find("中文情景.ron");
    // The wide name is cut with an ellipsis inside its column.
    assert!(cjk.contains("…  2024–"), "{cjk}");
    // The accents stay in their letter's cell.
    let y = rows[screen.iter().position(|r| r.contains(accents)).unwrap()];
    assert!(
        (0..buf.area.width).any(|x| buf[(x, y)].symbol() == "e\u{301}\u{301}\u{301}"),
        "{}",
        screen.join("\n")
    );
}
