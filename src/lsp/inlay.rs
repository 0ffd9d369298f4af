//! Inlay hints: after each lever the file sets, what that setting does to the headline
//! metric's 2030 p50 (the scenario's median against the same samples with the lever at its
//! table default throughout), from the model's Monte Carlo with a fixed seed.

use lsp_types::{InlayHint, InlayHintKind, InlayHintLabel};

use crate::model::levers::LeverId;
use crate::model::metrics::HEADLINE;
use crate::model::montecarlo::{DEFAULT_SEED, median_held};
use crate::model::scenario::{Dist, Overrides};
use crate::output::format;
use crate::scenario::Roots;
use crate::scenario::tokens::{TokenKind, keys, tokenize};

use super::{Document, position};

/// Samples behind each hint's medians: enough for a stable median, few enough that a file
/// setting every lever is hinted in well under a second.
pub const SAMPLES: usize = 200;

/// The year the hints speak of (the horizon's last year when it ends earlier).
pub const YEAR: i32 = 2030;

/// One hint after each lever setting of `levers` and of `schedule` entries; none when the file
/// does not load.
pub fn hints(doc: &Document, roots: &Roots) -> Vec<InlayHint> {
    let Ok(loaded) = doc.load(roots) else {
        return Vec::new();
    };
    let s = &loaded.scenario;
    let metric = HEADLINE[0];
    let year = YEAR.clamp(s.first_year, s.last_year);
    let none = Overrides::default();
    let Some(base) = median_held(s, &none, None, SAMPLES, DEFAULT_SEED, metric, year) else {
        return Vec::new();
    };
    let source = doc.source();
    let tokens = tokenize(&doc.text);
    let mut effects: Vec<(LeverId, f64)> = Vec::new();
    let mut out = Vec::new();
    for key in keys(&doc.text) {
        let in_settings = matches!(key.path.last().map(String::as_str), Some("levers" | "set"))
            && key.path.first().is_none_or(|p| p != "story");
        let Some(id) = LeverId::from_key(&key.name).filter(|_| in_settings) else {
            continue;
        };
        let effect = match effects.iter().find(|(l, _)| *l == id) {
            Some(&(_, e)) => e,
            None => {
                let mut at_default = Overrides::default();
                at_default.set(id, Dist::Fixed(id.lever().default));
                let alt = median_held(s, &at_default, None, SAMPLES, DEFAULT_SEED, metric, year)
                    .unwrap_or(base);
                effects.push((id, base - alt));
                base - alt
            }
        };
        let Some(end) = value_end(&doc.text, &tokens, key.span.end) else {
            continue;
        };
        let m = metric.metric();
        out.push(InlayHint {
            position: position::position(&source, end),
            label: InlayHintLabel::String(format!(
                "{} {year}: p50 {} ({} vs default)",
                m.key,
                format::metric_value(m, base),
                format::metric_delta(m, effect)
            )),
            kind: Some(InlayHintKind::PARAMETER),
            text_edits: None,
            tooltip: Some(lsp_types::InlayHintTooltip::String(format!(
                "{} in {year}, p50 of {SAMPLES} samples: {} with this lever as the scenario sets it; {} with `{}` at its default throughout",
                m.label,
                format::metric_value(m, base),
                format::metric_value(m, base - effect),
                id.key()
            ))),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        });
    }
    out
}

/// Where the value after the field name ending at `after` ends: before the `,` or closing
/// bracket that ends it.
fn value_end(text: &str, tokens: &[crate::scenario::tokens::Token], after: usize) -> Option<usize> {
    let mut depth = 0i32;
    let mut end = None;
    for t in tokens.iter().filter(|t| t.span.start >= after) {
        match t.kind {
            TokenKind::Comment => continue,
            TokenKind::Colon if end.is_none() => continue,
            TokenKind::Open => depth += 1,
            TokenKind::Close if depth == 0 => break,
            TokenKind::Close => depth -= 1,
            TokenKind::Comma if depth == 0 => break,
            _ => {}
        }
        end = Some(t.span.end);
    }
    end.filter(|&e| e <= text.len())
}
