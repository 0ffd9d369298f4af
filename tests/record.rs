//! Recording a demo (issue 15, item 6): `o` records every lever edit, year move, panel switch
//! and pin as a story step with a caption written from the change, `o` again writes a new
//! scenario extending the open one (never over a file), and presenting it shows the numbers
//! the explorer showed while recording.

use chipcast::model::levers::LeverId;
use chipcast::model::metrics::MetricId;
use chipcast::scenario::{Origin, load};
use chipcast::tui::action::Action;
use chipcast::tui::app::{App, Settings};
use chipcast::tui::load_entries;
use chipcast::tui::present::{self, Cue};
use chipcast::tui::theme::Theme;

const SAMPLES: usize = 100;
const SEED: u64 = 11;

const MINE: &str = "Scenario(version: 1, name: \"Mine\", extends: \"bundled:baseline\")\n";

#[test]
fn a_recorded_session_plays_back_with_the_same_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    std::fs::write(&path, MINE).unwrap();
    let settings = Settings {
        samples: SAMPLES,
        seed: SEED,
        inline: true,
    };
    let mut app = App::new(
        load_entries(std::slice::from_ref(&path)).unwrap(),
        settings,
        Theme::COLOR,
    )
    .unwrap();
    app.update(Action::SelectYear(2028));
    app.update(Action::Record);
    assert!(app.data().recording.is_some());
    // Four steps: a year, an edit from that year, a panel, a pin.
    app.update(Action::SelectYear(2027));
    app.update(Action::SelectLever(LeverId::HubEnforcement));
    app.update(Action::Step(1));
    app.update(Action::ShowPanel(3));
    app.update(Action::Pin);
    let live = |app: &App, m: MetricId| app.data().now.value(m, 2027).unwrap();
    let diverted = live(&app, MetricId::Diverted);
    let steps = app.data().recording.as_ref().unwrap().steps.clone();
    assert_eq!(steps.len(), 4, "{steps:#?}");
    assert_eq!(steps[0].caption, "2027");
    assert_eq!(steps[1].caption, "hub_enforcement 0.4 → 0.5 from 2027");
    assert_eq!(steps[1].from, Some(2027));
    assert_eq!(steps[2].caption, "the routes panel");
    assert!(steps[3].caption.starts_with("pinned"));
    app.update(Action::Record);
    assert!(app.data().recording.is_none());
    let said = app.ui().status.clone().unwrap().text;
    let demo = dir.path().join("mine-demo-1.ron");
    assert!(said.contains("recorded 4 steps to"), "{said}");
    assert!(demo.exists(), "{said}");

    // The file extends the open one and carries the story; it is never written over.
    let text = std::fs::read_to_string(&demo).unwrap();
    assert!(text.contains("extends: \"mine.ron\""), "{text}");
    let loaded = load(&Origin::Disk(demo.clone())).unwrap();
    assert_eq!(loaded.story.len(), 4);
    assert_eq!(loaded.story[1].caption, steps[1].caption);
    app.update(Action::Record);
    app.update(Action::SelectYear(2029));
    app.update(Action::Record);
    assert!(dir.path().join("mine-demo-2.ron").exists());
    assert_eq!(std::fs::read_to_string(&demo).unwrap(), text);

    // Played back: the last step shows the diverted flow the explorer showed.
    let mut shown = present::load(&present::PresentOptions {
        scenario: demo.to_string_lossy().into_owned(),
        step: Some(4),
        seed: SEED,
        samples: SAMPLES,
        roots: chipcast::scenario::Roots::new([dir.path()]),
        theme: Theme::COLOR,
    })
    .unwrap();
    let p = shown.presentation().unwrap();
    let h = p.headline();
    assert_eq!((h.metric, h.year), (MetricId::Diverted, 2027));
    assert_eq!(h.value, Some(diverted));
    shown.update(Action::Present(Cue::Home));
    assert_eq!(shown.presentation().unwrap().caption(), "2027");
}
