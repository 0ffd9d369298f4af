//! Writing lever values back as scenario text, so templates and saved scenarios read the same
//! way authors write them by hand (`partial`, `0.25`, `Triangular(low: ..., mode: ..., high: ...)`).

use crate::model::levers::{Kind, Lever, format_number};
use crate::model::scenario::Dist;

/// A lever value as RON text that the loader reads back to the same value.
pub fn value_text(lever: &Lever, dist: Dist) -> String {
    match (lever.kind, dist) {
        (Kind::Bool | Kind::Choice(_), d) => lever.format_value(d.central()),
        (Kind::Number { .. }, Dist::Fixed(v)) => number(v),
        (Kind::Number { .. }, Dist::Uniform { low, high }) => {
            format!("Uniform(low: {}, high: {})", number(low), number(high))
        }
        (Kind::Number { .. }, Dist::Triangular { low, mode, high }) => {
            format!(
                "Triangular(low: {}, mode: {}, high: {})",
                number(low),
                number(mode),
                number(high)
            )
        }
        (Kind::Number { .. }, Dist::Normal { mean, sd }) => {
            format!("Normal(mean: {}, sd: {})", number(mean), number(sd))
        }
    }
}

/// A number that reads back exactly: the shortest text that round-trips through `f64`.
fn number(v: f64) -> String {
    let short = format_number(v);
    if short.parse::<f64>() == Ok(v) {
        short
    } else {
        format!("{v:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::LEVERS;
    use crate::scenario::{Source, resolve::lever_value, syntax};

    #[test]
    fn every_kind_of_value_round_trips() {
        let cases = [
            Dist::Fixed(0.1 + 0.2),
            Dist::Uniform {
                low: 0.1,
                high: 0.3,
            },
            Dist::Triangular {
                low: 0.0,
                mode: 1.0 / 3.0,
                high: 0.5,
            },
            Dist::Normal {
                mean: 0.2,
                sd: 0.05,
            },
        ];
        for lever in &LEVERS {
            let values: Vec<Dist> = match lever.kind {
                Kind::Number { min, max, .. } if min <= 0.0 && max >= 0.5 => cases.to_vec(),
                Kind::Number { min, .. } => vec![Dist::Fixed(min)],
                _ => vec![Dist::Fixed(lever.kind.range().1)],
            };
            for d in values {
                let text = value_text(lever, d);
                let source = Source::new("t", text.clone());
                let tree = syntax::parse(&text).unwrap();
                let mut diags = Vec::new();
                let back = lever_value(&source, lever, &tree, lever.key, &mut diags);
                assert_eq!(back, Some(d), "{} wrote {text}", lever.key);
            }
        }
    }
}
