//! Hot reload results, applied by `App::update`: the open scenario is re-projected (or keeps
//! its last good version under a banner); other entries are replaced so the picker shows
//! their new state. The watcher (`tui/watch.rs`) only reads files and sends `Action`s.

use std::path::Path;
use std::sync::Arc;

use crate::diag::sanitize;
use crate::model::levers::LeverId;
use crate::tui::watch::{Banner, Reload};

use super::{App, Entry, Status};

impl App {
    /// Applies one reload: the open scenario is re-projected (or keeps its last good version and
    /// gets a banner); other entries are replaced, so the picker shows their new state.
    pub(super) fn reloaded(&mut self, reload: Reload) {
        let Reload {
            entry,
            result,
            changed,
        } = reload;
        let Some(old) = self.data.entries.get(entry) else {
            return;
        };
        // The entry keeps its name as given (views sanitize it); messages use the sanitized one.
        let (raw_file, origin) = match old {
            Entry::Ready { file, origin, .. } => (file.clone(), Some(origin.clone())),
            Entry::Broken { file, origin, .. } => (file.clone(), origin.clone()),
        };
        let Some(origin) = origin else { return };
        // Messages name the file alone: the footer is narrow.
        let file = Path::new(&old.file())
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| old.file());
        let current = entry == self.data.current;
        let because: Vec<String> = changed
            .iter()
            .filter_map(|p| p.file_name())
            .map(|n| sanitize(&n.to_string_lossy()))
            .filter(|n| *n != file)
            .collect();
        let because = if because.is_empty() {
            String::new()
        } else {
            format!(" ({} changed)", because.join(", "))
        };
        match result {
            Ok(loaded) => {
                let scenario = Arc::new(loaded.scenario);
                self.data.entries[entry] = Entry::Ready {
                    file: raw_file,
                    origin,
                    files: loaded.files,
                    scenario: scenario.clone(),
                    story: loaded.story.into(),
                };
                if current {
                    let fixed = self.data.banner.take().is_some();
                    let dropped = self.reload_current(scenario);
                    let text = if !dropped.is_empty() {
                        format!(
                            "change dropped: {file} now sets {} as you had it",
                            keys(&dropped)
                        )
                    } else if fixed {
                        format!("{file} fixed: reloaded{because}")
                    } else {
                        format!("reloaded {file}{because}")
                    };
                    self.say(Status::info(text));
                } else {
                    self.say(Status::info(format!(
                        "reloaded {file}{because} (not open: s to switch)"
                    )));
                }
            }
            Err(diagnostics) => {
                if current {
                    self.data.banner = Some(Banner::of(&diagnostics));
                    self.say(Status::error(format!(
                        "{file} has problems: showing its last good version"
                    )));
                } else {
                    self.data.entries[entry] = Entry::Broken {
                        file: raw_file,
                        origin: Some(origin),
                        diagnostics,
                    };
                    self.say(Status::error(format!(
                        "{file} has problems (not open: s to see them)"
                    )));
                }
            }
        }
    }
}

fn keys(ids: &[LeverId]) -> String {
    ids.iter().map(|id| id.key()).collect::<Vec<_>>().join(", ")
}
