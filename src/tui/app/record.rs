//! Recording a demo (`o`): while on, every lever edit, year move, panel switch and pin becomes
//! a story step with a caption written from what changed ("hub_enforcement 0.4 → 0.9 from
//! 2027"); `o` again writes a new scenario that extends the open one and carries that story,
//! atomically and never over an existing file, so `present` plays it and the author edits
//! its captions as text.

use crate::model::levers::LeverId;
use crate::model::scenario::Overrides;
use crate::model::sensitivity::setting_in;
use crate::scenario::story::{Compare, Panel, Slide};

use super::{App, Status};

/// A recording under way.
#[derive(Clone, Debug)]
pub struct Recording {
    /// The steps so far.
    pub steps: Vec<Slide>,
    /// The lever changes when recording began: the new scenario starts from them.
    pub start: Overrides,
    /// What the last step left on screen.
    last: Seen,
}

/// The state a step is taken against.
#[derive(Clone, Debug, PartialEq)]
struct Seen {
    overrides: Overrides,
    year: i32,
    panel: Panel,
    pinned: Option<String>,
}

impl App {
    fn seen(&self) -> Seen {
        Seen {
            overrides: self.data.overrides.clone(),
            year: self.ui.year,
            panel: self.ui.panel,
            pinned: self.data.pinned.as_ref().map(|p| p.label.clone()),
        }
    }

    /// `o`: starts a recording, or stops it and writes the demo.
    pub(super) fn toggle_recording(&mut self) {
        match self.data.recording.take() {
            None => {
                self.data.recording = Some(Recording {
                    steps: Vec::new(),
                    start: self.data.overrides.clone(),
                    last: self.seen(),
                });
                self.say(Status::info(
                    "recording: every edit, year, panel and pin becomes a step (o stops)",
                ));
            }
            Some(r) if r.steps.is_empty() => {
                self.say(Status::info(
                    "recording stopped: nothing happened to record",
                ));
            }
            Some(r) => {
                let said = crate::tui::save::write_demo(self, &r);
                self.say(said);
            }
        }
    }

    /// After each action: a step for what changed since the last one, if anything did.
    pub(super) fn note_recording(&mut self) {
        let Some(r) = &self.data.recording else {
            return;
        };
        let now = self.seen();
        if now == r.last {
            return;
        }
        let last = r.last.clone();
        let s = self.scenario().clone();
        let mut set = Vec::new();
        let mut from = None;
        let mut said = Vec::new();
        for &id in LeverId::ALL {
            let (before, _) = setting_in(&s, &last.overrides, id, now.year);
            let (after, since) = setting_in(&s, &now.overrides, id, now.year);
            let changed = last.overrides.of(id).collect::<Vec<_>>()
                != now.overrides.of(id).collect::<Vec<_>>();
            if !changed {
                continue;
            }
            let lever = id.lever();
            set.push((id, after));
            // A change made in a year applies from it (the explorer's rule); one made in the
            // first year covers every year.
            if since > s.first_year {
                from = Some(from.map_or(since, |f: i32| f.min(since)));
            }
            let when = if since > s.first_year {
                format!(" from {since}")
            } else {
                String::new()
            };
            said.push(format!(
                "{} {} → {}{when}",
                id.key(),
                lever.format_value(before.central()),
                lever.format_value(after.central())
            ));
        }
        if now.year != last.year {
            said.push(format!("{}", now.year));
        }
        if now.panel != last.panel {
            said.push(format!("the {} panel", now.panel.name()));
        }
        let pinned = now.pinned.is_some() && now.pinned != last.pinned;
        if pinned {
            // (A played-back story compares each step with the one before; the pin is noted.)
            said.push("pinned here".into());
        }
        let step = Slide {
            caption: said.join("; "),
            set,
            panel: now.panel,
            metric: None,
            year: Some(now.year),
            compare: Compare::Previous,
            from,
        };
        if let Some(r) = &mut self.data.recording {
            r.steps.push(step);
            r.last = now;
        }
    }
}
