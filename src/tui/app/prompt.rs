//! The footer prompt of `w`, applied by `App::update`: typing the file name, asking y/n before
//! replacing a file, then writing through `save::write` and saying what happened.

use std::path::PathBuf;

use crate::tui::save::{self, Prompt, PromptKind};

use super::{App, Mode, Status};

impl App {
    /// `w`: opens the name prompt, or says why there is nothing to save.
    pub(super) fn start_save(&mut self) {
        match save::prompt(self) {
            Ok(p) => {
                // The footer line is the prompt now; a message shown there is the prompt's own.
                self.ui.status = None;
                self.ui.mode = Mode::Prompt(p);
            }
            Err(Some(why)) => self.say(why),
            Err(None) => {}
        }
    }

    /// A character typed into the prompt (y/n when asking to replace).
    pub(super) fn prompt_char(&mut self, c: char) {
        let Mode::Prompt(p) = &mut self.ui.mode else {
            return;
        };
        match &p.kind {
            PromptKind::SaveAs => {
                if !c.is_control() && p.text.chars().count() < save::MAX_NAME {
                    p.text.push(c);
                }
                // A refusal is about the name as it was; editing it clears the message.
                self.ui.status = None;
            }
            PromptKind::Replace(path) => match c {
                'y' | 'Y' => {
                    let path = path.clone();
                    self.ui.mode = Mode::Explore;
                    self.write_scenario(&path, true);
                }
                'n' | 'N' => {
                    p.text = path.display().to_string();
                    p.kind = PromptKind::SaveAs;
                }
                _ => {}
            },
        }
    }

    pub(super) fn prompt_backspace(&mut self) {
        if let Mode::Prompt(Prompt {
            kind: PromptKind::SaveAs,
            text,
        }) = &mut self.ui.mode
        {
            text.pop();
            self.ui.status = None;
        }
    }

    pub(super) fn prompt_cancel(&mut self) {
        if let Mode::Prompt(_) = self.ui.mode {
            self.ui.mode = Mode::Explore;
            self.say(Status::info("not saved"));
        }
    }

    /// Enter: saves under the typed name, or asks before replacing an existing file.
    pub(super) fn prompt_confirm(&mut self) {
        let Mode::Prompt(p) = &self.ui.mode else {
            return;
        };
        let p = p.clone();
        match p.kind {
            PromptKind::Replace(_) => {
                self.say(Status::info(
                    "press y to replace the file, n to choose another name",
                ));
            }
            PromptKind::SaveAs => {
                let name = p.text.trim();
                if name.is_empty() {
                    self.say(Status::error("type a file name, or Esc to cancel"));
                    return;
                }
                let mut path = PathBuf::from(name);
                // A folder (typed with a trailing `/`, or one that exists): save inside it,
                // under the name the prompt suggested.
                if name.ends_with('/') || path.is_dir() {
                    path = path.join(save::suggested_file_name(self));
                } else if path.extension().is_none_or(|e| e != "ron") {
                    // Scenario files end in `.ron` (`v1.2` becomes `v1.2.ron`, not `v1.ron`).
                    path = PathBuf::from(format!("{name}.ron"));
                }
                if let Some(why) = save::refuse(self, &path) {
                    self.say(Status::error(why));
                    return;
                }
                if path.exists() {
                    self.ui.mode = Mode::Prompt(Prompt {
                        kind: PromptKind::Replace(path),
                        text: p.text,
                    });
                    return;
                }
                self.ui.mode = Mode::Explore;
                self.write_scenario(&path, false);
            }
        }
    }

    /// Writes the file; once it loads back it joins the picker (replacing the entry of the
    /// same file, by its real path) and the explorer switches to it, with no lever changes
    /// pending: they are now the file's values.
    fn write_scenario(&mut self, path: &std::path::Path, replace: bool) {
        let Some(saved) = save::write(self, path, replace) else {
            return;
        };
        if let Some(entry) = saved.entry {
            let real = |e: &super::Entry| match e.origin() {
                Some(crate::scenario::Origin::Disk(p)) => std::fs::canonicalize(p).ok(),
                _ => None,
            };
            let new_real = real(&entry);
            let same = self
                .data
                .entries
                .iter()
                .position(|e| new_real.is_some() && real(e) == new_real);
            let i = match same {
                Some(i) => {
                    self.data.entries[i] = entry;
                    i
                }
                None => {
                    self.data.entries.push(entry);
                    self.data.entries.len() - 1
                }
            };
            self.open(i);
        }
        self.say(saved.status);
    }
}
