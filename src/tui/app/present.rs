//! Presentation moves, applied by `App::update`: entering (from the explorer, or at a step for
//! `chipcast present`), moving through the story, leaving back to the explorer as it was.

use crate::diag::sanitize;
use crate::tui::present::{Cue, Presentation, bundled_with_story};

use super::{App, Mode, Status};

impl App {
    pub(super) fn present(&mut self, cue: Cue) {
        let start = match cue {
            Cue::Enter => Some((0, false)),
            Cue::Start { step } => Some((step, true)),
            _ => None,
        };
        if let Some((step, exit_on_leave)) = start {
            match Presentation::new(self, step, exit_on_leave) {
                Some(p) => self.ui.mode = Mode::Present(Box::new(p)),
                None => {
                    let name = sanitize(&self.scenario().name).replace('\n', " ");
                    self.say(Status::error(format!(
                        "{name} has no story to present; bundled ones with a story: {}",
                        bundled_with_story().join(", ")
                    )));
                }
            }
            return;
        }
        let Mode::Present(p) = &mut self.ui.mode else {
            return;
        };
        if p.cue(cue) {
            if p.exit_on_leave {
                self.ui.quit = true;
            } else {
                self.ui.mode = Mode::Explore;
            }
        }
    }
}
