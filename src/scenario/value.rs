//! Lever values: a bool, an option name, a number or a distribution (`Fixed`, `Uniform`,
//! `Triangular`, `Normal`), decoded from the value tree here and nowhere else, and checked
//! against the lever's kind and range.

use crate::diag::{Diagnostic, SourceText, Span, did_you_mean};
use crate::model::levers::{Kind, Lever};
use crate::model::scenario::Dist;
use crate::ron_tree::{Value, ValueKind};

/// Reads a lever's value: a bool, an option name, a number or a distribution, checked against
/// the lever's kind and range.
pub fn lever_value(
    source: &SourceText,
    lever: &Lever,
    value: &Value,
    field: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Dist> {
    let at = |code, message: String| Diagnostic::at(source, value.span, code, field, message);
    match lever.kind {
        Kind::Bool => match value.kind {
            ValueKind::Bool(b) => Some(Dist::Fixed(if b { 1.0 } else { 0.0 })),
            _ => {
                diags.push(
                    at(
                        "wrong-type",
                        format!(
                            "`{}` is a yes/no lever; found {}",
                            lever.key,
                            value.kind.describe()
                        ),
                    )
                    .expected("true or false"),
                );
                None
            }
        },
        Kind::Choice(options) => {
            let name = match &value.kind {
                ValueKind::Ident(n) | ValueKind::Str(n) => n,
                _ => {
                    diags.push(
                        at(
                            "wrong-type",
                            format!(
                                "`{}` takes one of its options; found {}",
                                lever.key,
                                value.kind.describe()
                            ),
                        )
                        .expected(format!("one of {}", options.join(", "))),
                    );
                    return None;
                }
            };
            match options.iter().position(|o| o == name) {
                Some(i) => Some(Dist::Fixed(i as f64)),
                None => {
                    let hint = did_you_mean(name, options.iter().copied())
                        .unwrap_or_else(|| format!("options: {}", options.join(", ")));
                    diags.push(
                        at(
                            "unknown-option",
                            format!("`{name}` is not an option of `{}`", lever.key),
                        )
                        .expected(format!("one of {}", options.join(", ")))
                        .hint(hint),
                    );
                    None
                }
            }
        }
        Kind::Number { min, max, .. } => {
            number_value(source, lever, value, field, (min, max), diags)
        }
    }
}

fn number_value(
    source: &SourceText,
    lever: &Lever,
    value: &Value,
    field: &str,
    (min, max): (f64, f64),
    diags: &mut Vec<Diagnostic>,
) -> Option<Dist> {
    let range = format!(
        "a number from {} to {} ({})",
        fmt(min),
        fmt(max),
        if lever.unit.is_empty() {
            "no unit"
        } else {
            lever.unit
        }
    );
    let check = |n: f64, span: Span, part: &str, diags: &mut Vec<Diagnostic>| -> Option<f64> {
        let path = if part.is_empty() {
            field.to_string()
        } else {
            format!("{field}.{part}")
        };
        if !n.is_finite() {
            diags.push(
                Diagnostic::at(
                    source,
                    span,
                    "not-finite",
                    path,
                    format!("{n} is not a finite number"),
                )
                .expected(range.clone())
                .hint("NaN and infinity are not allowed"),
            );
            None
        } else if n < min || n > max {
            diags.push(
                Diagnostic::at(
                    source,
                    span,
                    "out-of-range",
                    path,
                    format!("{} is outside the range of `{}`", fmt(n), lever.key),
                )
                .expected(range.clone())
                .hint(format!("`{}`: {}", lever.key, lever.meaning)),
            );
            None
        } else {
            Some(n)
        }
    };
    match &value.kind {
        ValueKind::Number(n) => check(*n, value.span, "", diags).map(Dist::Fixed),
        ValueKind::Tuple {
            name: Some(name),
            items,
        } if name.name == "Fixed" && items.len() == 1 => match items[0].kind {
            ValueKind::Number(n) => check(n, items[0].span, "", diags).map(Dist::Fixed),
            _ => {
                diags.push(
                    Diagnostic::at(
                        source,
                        items[0].span,
                        "wrong-type",
                        field,
                        format!("expected a number, found {}", items[0].kind.describe()),
                    )
                    .expected(range),
                );
                None
            }
        },
        ValueKind::Struct {
            name: Some(name),
            fields,
        } if Family::from_name(&name.name).is_some() => {
            let family = Family::from_name(&name.name)?;
            let wanted = family.fields();
            let mut got = [None; 3];
            let before = diags.len();
            for (ident, v) in fields {
                let path = format!("{field}.{}", ident.name);
                let slot = wanted.iter().position(|w| *w == ident.name);
                let Some(slot) = slot else {
                    let hint = did_you_mean(&ident.name, wanted.iter().copied())
                        .unwrap_or_else(|| format!("`{}` takes {}", name.name, wanted.join(", ")));
                    diags.push(
                        Diagnostic::at(
                            source,
                            ident.span,
                            "unknown-field",
                            path,
                            format!("unknown field `{}` in `{}`", ident.name, name.name),
                        )
                        .expected(wanted.join(", "))
                        .hint(hint),
                    );
                    continue;
                };
                if got[slot].is_some() {
                    diags.push(
                        Diagnostic::at(
                            source,
                            ident.span,
                            "duplicate-key",
                            path,
                            format!("`{}` is set twice", ident.name),
                        )
                        .hint("remove one of them"),
                    );
                } else if let ValueKind::Number(n) = v.kind {
                    // `sd` is a spread, not a value of the lever: finite and positive is enough.
                    got[slot] = if ident.name == "sd" {
                        if n.is_finite() && n > 0.0 {
                            Some(n)
                        } else {
                            diags.push(
                                Diagnostic::at(
                                    source,
                                    v.span,
                                    "out-of-range",
                                    path,
                                    format!("the spread {n} must be a positive finite number"),
                                )
                                .expected("sd > 0"),
                            );
                            None
                        }
                    } else {
                        check(n, v.span, &ident.name, diags)
                    };
                } else {
                    diags.push(
                        Diagnostic::at(
                            source,
                            v.span,
                            "wrong-type",
                            path,
                            format!("expected a number, found {}", v.kind.describe()),
                        )
                        .expected(range.clone()),
                    );
                }
            }
            for w in wanted {
                if !fields.iter().any(|(i, _)| i.name == *w) {
                    diags.push(
                        Diagnostic::at(
                            source,
                            name.span,
                            "missing-field",
                            field,
                            format!("`{}` needs `{w}`", name.name),
                        )
                        .expected(format!(
                            "`{}({})`",
                            name.name,
                            wanted
                                .iter()
                                .map(|f| format!("{f}: ..."))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    );
                }
            }
            if diags.len() > before {
                return None;
            }
            let g = |i: usize| got[i].unwrap_or(0.0);
            match family.build([g(0), g(1), g(2)]) {
                Ok(dist) => Some(dist),
                Err(msg) => {
                    // Each family names its own fields (a Uniform has no mode).
                    let (expected, hint) = match family {
                        Family::Uniform => ("low below high", "swap low and high"),
                        _ => (
                            "low <= mode <= high, with low below high",
                            "order low, mode and high from smallest to largest",
                        ),
                    };
                    diags.push(
                        Diagnostic::at(source, value.span, "inverted-bounds", field, msg)
                            .expected(expected)
                            .hint(hint),
                    );
                    None
                }
            }
        }
        _ => {
            let hint = match &value.kind {
                ValueKind::Struct { name: Some(n), .. }
                | ValueKind::Tuple { name: Some(n), .. } => {
                    did_you_mean(&n.name, Family::ALL.map(Family::name))
                        .unwrap_or_else(distribution_hint)
                }
                _ => distribution_hint(),
            };
            diags.push(
                Diagnostic::at(
                    source,
                    value.span,
                    "wrong-type",
                    field,
                    format!(
                        "`{}` takes a number or a distribution; found {}",
                        lever.key,
                        value.kind.describe()
                    ),
                )
                .expected(range)
                .hint(hint),
            );
            None
        }
    }
}

/// The distributions a file can write by name (besides `Fixed`), each with its fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Uniform,
    Triangular,
    Normal,
}

impl Family {
    const ALL: [Family; 3] = [Family::Uniform, Family::Triangular, Family::Normal];

    fn name(self) -> &'static str {
        match self {
            Family::Uniform => "Uniform",
            Family::Triangular => "Triangular",
            Family::Normal => "Normal",
        }
    }

    fn from_name(name: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The fields, in the order [`Family::build`] takes their values.
    fn fields(self) -> &'static [&'static str] {
        match self {
            Family::Uniform => &["low", "high"],
            Family::Triangular => &["low", "mode", "high"],
            Family::Normal => &["mean", "sd"],
        }
    }

    /// The distribution from its fields' values (in [`Family::fields`] order; unused slots
    /// ignored), or why the bounds do not hold.
    fn build(self, v: [f64; 3]) -> Result<Dist, String> {
        match self {
            Family::Uniform => {
                let (low, high) = (v[0], v[1]);
                if low >= high {
                    return Err(format!(
                        "`Uniform` has low {} not below high {}",
                        fmt(low),
                        fmt(high)
                    ));
                }
                Ok(Dist::Uniform { low, high })
            }
            Family::Triangular => {
                let (low, mode, high) = (v[0], v[1], v[2]);
                if !(low <= mode && mode <= high && low < high) {
                    return Err(format!(
                        "`Triangular` needs low <= mode <= high with low < high; found {}, {}, {}",
                        fmt(low),
                        fmt(mode),
                        fmt(high)
                    ));
                }
                Ok(Dist::Triangular { low, mode, high })
            }
            Family::Normal => Ok(Dist::Normal {
                mean: v[0],
                sd: v[1],
            }),
        }
    }
}

fn distribution_hint() -> String {
    "write a number, Fixed(x), Uniform(low: a, high: b), Triangular(low: a, mode: m, high: b) or Normal(mean: m, sd: s)".into()
}

/// A number as a message shows it: as the lever table writes numbers, except that one too
/// large or too small to read that way (`1e308` would print 309 digits) is written with an
/// exponent.
fn fmt(n: f64) -> String {
    if n != 0.0 && !(1e-6..1e15).contains(&n.abs()) {
        format!("{n:e}")
    } else {
        crate::model::levers::format_number(n)
    }
}
