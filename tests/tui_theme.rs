//! Themes and accessibility: every theme file in `assets/themes/` parses and draws every panel
//! and overlay with every marker style; `NO_COLOR` draws no colour at all yet keeps the changed
//! mark and a distinct pinned line; `t` cycles themes; a broken theme file stops the binary with
//! file:line:col before the terminal is touched.

use std::collections::BTreeSet;

use assert_cmd::Command;
use chipcast::diag::Diagnostic;
use chipcast::model::levers::LeverId;
use chipcast::tui::action::Action;
use chipcast::tui::app::{App, Settings};
use chipcast::tui::theme::{self, BUILT_IN, Markers, Theme};
use chipcast::tui::watch::Reload;
use chipcast::tui::{load_entries, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

/// A save of the open file with three problems, as the watcher would deliver it.
fn broken_reload(a: &App) -> Action {
    Action::Reloaded(Box::new(Reload {
        entry: a.data().current,
        result: Err(vec![
            Diagnostic::file("x.ron", "bad", "a problem"),
            Diagnostic::file("x.ron", "bad", "another"),
            Diagnostic::file("x.ron", "bad", "a third"),
        ]),
        changed: Vec::new(),
    }))
}

fn app_with(theme: Theme) -> App {
    let entries = load_entries(&[]).expect("bundled scenarios load");
    App::new(
        entries,
        Settings {
            samples: 50,
            seed: 3,
            inline: true,
        },
        theme,
    )
    .expect("a valid scenario")
}

fn draw(app: &mut App, w: u16, h: u16) -> Buffer {
    app.update(Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    t.backend().buffer().clone()
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
fn every_theme_file_parses_and_is_built_in() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/themes");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| {
            theme::load(&p).unwrap_or_else(|d| panic!("{}", d.one_line()));
            p.file_stem().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    let built_in: BTreeSet<String> = BUILT_IN.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(on_disk, built_in);
    for (name, text) in BUILT_IN {
        let t = theme::parse(name, text, name).unwrap_or_else(|d| panic!("{}", d.one_line()));
        assert_eq!(Theme::built_in(name), Some(t));
        // Each is also plain RON that the reference reader takes without our defaults.
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str::<ron::Value>(text)
            .unwrap();
    }
    assert_eq!(Theme::built_in("dark"), Some(Theme::COLOR));
}

#[test]
fn every_theme_draws_every_panel_and_overlay_with_every_marker() {
    for (name, _) in BUILT_IN {
        for markers in [Markers::Braille, Markers::Block, Markers::Dot] {
            for color in [true, false] {
                let mut theme = Theme::built_in(name).unwrap();
                theme.markers = markers;
                theme.color = color;
                for (w, h) in [(120, 40), (80, 24), (30, 8)] {
                    let mut a = app_with(theme);
                    a.update(Action::Pin);
                    a.update(Action::SelectLever(LeverId::EuvAccess));
                    a.update(Action::Toggle);
                    for i in 0..6 {
                        a.update(Action::ShowPanel(i));
                        draw(&mut a, w, h);
                    }
                    a.update(broken_reload(&a));
                    draw(&mut a, w, h);
                    a.update(Action::Save);
                    let s = text(&draw(&mut a, w, h));
                    if w >= 80 {
                        assert!(s.contains("save as:"), "{name} {w}x{h}: {s}");
                        assert!(s.contains("a problem"), "{s}");
                        assert!(s.contains("+2 more (chipcast check x.ron)"), "{s}");
                    }
                    a.update(Action::PromptCancel);
                    a.update(Action::ToggleHelp);
                    draw(&mut a, w, h);
                    a.update(Action::Back);
                    a.update(Action::OpenPicker);
                    draw(&mut a, w, h);
                }
            }
        }
    }
}

#[test]
fn light_and_high_contrast_paint_their_background() {
    for (name, bg) in [
        ("light", Color::Rgb(255, 255, 255)),
        ("high-contrast", Color::Rgb(0, 0, 0)),
    ] {
        let mut a = app_with(Theme::built_in(name).unwrap());
        let buf = draw(&mut a, 120, 40);
        let painted = buf.content().iter().filter(|c| c.bg == bg).count();
        assert!(
            painted > buf.content().len() * 9 / 10,
            "{name}: {painted} of {} cells",
            buf.content().len()
        );
    }
    let mut dark = app_with(Theme::COLOR);
    let buf = draw(&mut dark, 120, 40);
    assert!(
        buf.content()
            .iter()
            .all(|c| c.bg != Color::Rgb(255, 255, 255))
    );
}

#[test]
fn no_color_draws_no_colour_but_keeps_the_changed_mark_and_the_pinned_style() {
    for (name, _) in BUILT_IN {
        let theme = theme::choose(Some(name), None, true).unwrap();
        let mut a = app_with(theme);
        a.update(Action::ShowPanel(1));
        a.update(Action::Pin);
        a.update(Action::SelectLever(LeverId::ServicingBan));
        a.update(Action::Toggle);
        let buf = draw(&mut a, 120, 40);
        for c in buf.content() {
            assert_eq!((c.fg, c.bg), (Color::Reset, Color::Reset), "{name}: {c:?}");
        }
        let s = text(&buf);
        // The changed lever keeps its mark.
        let row = s.lines().find(|l| l.contains("servicing_ban")).unwrap();
        assert!(row.contains('●'), "{row}");
        // The pinned comparison keeps its own marker (not the lines' braille) and its legend.
        let areas = view::layout::areas(buf.area).unwrap();
        let dots = (areas.panel.y..areas.panel.bottom())
            .flat_map(|y| (areas.panel.x..areas.panel.right()).map(move |x| (x, y)))
            .filter(|p| buf[*p].symbol() == "·")
            .count();
        assert!(dots > 10, "{name}: {dots} comparison dots\n{s}");
        assert!(s.contains("┄ compare"), "{s}");
        // Nothing pinned and nothing changed: no comparison drawn.
        let mut plain = app_with(theme);
        plain.update(Action::ShowPanel(1));
        let buf = draw(&mut plain, 120, 40);
        assert!(!text(&buf).contains('·'));
    }
}

#[test]
fn block_and_dot_markers_replace_braille() {
    for (markers, glyphs) in [(Markers::Block, "▀▄█"), (Markers::Dot, "•")] {
        let mut theme = Theme::COLOR;
        theme.markers = markers;
        let mut a = app_with(theme);
        let buf = draw(&mut a, 120, 40);
        let panel = view::layout::areas(buf.area).unwrap().panel;
        let mut braille = 0;
        let mut ours = 0;
        for y in panel.y..panel.bottom() {
            for x in panel.x..panel.right() {
                let s = buf[(x, y)].symbol();
                braille += s
                    .chars()
                    .filter(|c| ('\u{2801}'..='\u{28FF}').contains(c))
                    .count();
                ours += s.chars().filter(|c| glyphs.contains(*c)).count();
            }
        }
        assert_eq!(braille, 0, "{markers:?}");
        assert!(ours > 20, "{markers:?}: {ours}");
    }
}

#[test]
fn t_cycles_the_themes_and_says_which() {
    let mut a = app_with(Theme::COLOR);
    let mut seen = Vec::new();
    for _ in 0..4 {
        a.update(Action::CycleTheme);
        seen.push(a.ui().theme.name);
        let status = a.ui().status.clone().unwrap().text;
        assert_eq!(status, format!("theme: {}", a.ui().theme.name));
    }
    assert_eq!(seen, ["light", "high-contrast", "dark", "light"]);
    // A user's theme joins the cycle, and the marker choice is kept throughout.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    std::fs::write(&path, "Theme(base: \"light\", pinned: \"red\")").unwrap();
    let mine = theme::choose(path.to_str(), Some("block"), false).unwrap();
    let mut a = app_with(mine);
    let names: Vec<&str> = (0..4)
        .map(|_| {
            a.update(Action::CycleTheme);
            assert_eq!(a.ui().theme.markers, Markers::Block);
            a.ui().theme.name
        })
        .collect();
    assert_eq!(names, ["dark", "light", "high-contrast", "mine"]);
    assert_eq!(a.ui().theme.palette.pinned, Color::Red);
}

#[test]
fn a_broken_theme_file_stops_before_the_terminal_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "Theme(\n    pinned: \"#12\",\n)\n").unwrap();
    let out = Command::cargo_bin("chipcast")
        .unwrap()
        .arg("--theme")
        .arg(&bad)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.ron:2:"), "{err}");
    assert!(err.contains("not a colour"), "{err}");
    // Nothing was drawn: no escape sequences at all.
    assert!(out.stdout.is_empty());
    assert!(!err.contains('\u{1b}'), "{err}");

    let typo = dir.path().join("typo.ron");
    std::fs::write(&typo, "Theme(\n\n  pinnned: \"red\")\n").unwrap();
    let out = Command::cargo_bin("chipcast")
        .unwrap()
        .args(["--theme", typo.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("typo.ron:3:") && err.contains("pinnned"),
        "{err}"
    );

    let out = Command::cargo_bin("chipcast")
        .unwrap()
        .args(["--theme", "sepia"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("high-contrast"));

    let out = Command::cargo_bin("chipcast")
        .unwrap()
        .args(["--markers", "ascii"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a usage error");
}

#[test]
fn an_unknown_base_points_at_the_base_field_not_at_earlier_text() {
    let text =
        "// based on the light theme\nTheme(\n    pinned: \"red\",\n    base: \"sepia\",\n)\n";
    let err = theme::parse("mine.ron", text, "mine").unwrap_err();
    assert_eq!((err.line, err.column), (4, 5), "{}", err.one_line());
    assert!(err.message.contains("sepia"), "{}", err.one_line());
}
