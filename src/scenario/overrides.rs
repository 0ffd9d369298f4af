//! `--set LEVER=VALUE[@YEAR]`: command-line overrides, with the same checks as a file. The
//! value is read in place, so its spans point into the argument itself.

use crate::diag::{Diagnostic, SourceText, Span, did_you_mean};
use crate::model::levers::{LEVERS, LeverId};
use crate::model::scenario::{MAX_YEAR, MIN_YEAR, Override, Overrides};
use crate::ron_tree;

use super::value::lever_value;

/// Parses one `LEVER=VALUE` or `LEVER=VALUE@YEAR` override from the command line, with the
/// same checks as a file. Without `@YEAR` the value holds for the whole horizon; with it, from
/// that year on (earlier years keep the scenario's path). The year is split off at the last
/// `@`, so a distribution's text never hides it.
pub fn parse_override(arg: &str) -> Result<Override, Diagnostic> {
    let source = SourceText::new("--set", arg.to_string());
    let Some((key, rest)) = arg.split_once('=') else {
        return Err(Diagnostic::at(
            &source,
            Span::new(0, arg.len()),
            "bad-override",
            "",
            format!("`{}` is not LEVER=VALUE", crate::diag::sanitize(arg)),
        )
        .expected("LEVER=VALUE or LEVER=VALUE@YEAR, such as hub_enforcement=0.8")
        .hint("`chipcast levers` lists every lever"));
    };
    let key = key.trim();
    let Some(id) = LeverId::from_key(key) else {
        let hint = did_you_mean(key, LEVERS.iter().map(|l| l.key))
            .unwrap_or_else(|| "`chipcast levers` lists every lever".into());
        return Err(Diagnostic::at(
            &source,
            Span::new(0, key.len()),
            "unknown-lever",
            key,
            format!("unknown lever `{key}`"),
        )
        .hint(hint));
    };
    let offset = arg.len() - rest.len();
    let (value_text, from) = match rest.rfind('@') {
        None => (rest, None),
        Some(at) => {
            let year_start = offset + at + 1;
            (
                &rest[..at],
                Some(override_year(&source, key, arg, year_start)?),
            )
        }
    };
    let value = ron_tree::parse_range(arg, offset..offset + value_text.len()).map_err(|e| {
        Diagnostic::at(&source, e.span, "syntax", key, e.message).maybe_hint(e.hint)
    })?;
    let mut diags = Vec::new();
    match lever_value(&source, id.lever(), &value, key, &mut diags) {
        Some(value) => Ok(Override {
            lever: id,
            value,
            from,
        }),
        None => Err(diags
            .into_iter()
            .next()
            .unwrap_or_else(|| Diagnostic::arg("--set", "bad-override", key, "invalid value"))),
    }
}

/// The year after `@` in an override (`arg[start..]`): a whole year from `MIN_YEAR` to
/// `MAX_YEAR`.
fn override_year(
    source: &SourceText,
    key: &str,
    arg: &str,
    start: usize,
) -> Result<i32, Diagnostic> {
    let text = &arg[start..];
    let lead = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    let span = if trimmed.is_empty() {
        Span::new(start.saturating_sub(1), start)
    } else {
        Span::new(start + lead, start + lead + trimmed.len())
    };
    let year = trimmed
        .parse::<i32>()
        .ok()
        .filter(|_| trimmed.bytes().all(|b| b.is_ascii_digit()));
    let what = match year {
        Some(y) if (MIN_YEAR..=MAX_YEAR).contains(&y) => return Ok(y),
        Some(y) => format!("the year {y} is outside {MIN_YEAR}-{MAX_YEAR}"),
        None if trimmed.is_empty() => "`@` is not followed by a year".to_string(),
        None => format!(
            "`{}` after `@` is not a year",
            crate::diag::sanitize(trimmed)
        ),
    };
    Err(
        Diagnostic::at(source, span, "year-out-of-range", format!("{key}@"), what)
            .expected(format!("a whole year from {MIN_YEAR} to {MAX_YEAR} after `@`"))
            .hint(format!(
                "`{key}=VALUE@2027` sets the lever from 2027 on; leave out `@YEAR` to set it for the whole horizon"
            )),
    )
}

/// Parses several overrides, reporting every bad one.
pub fn parse_overrides(args: &[String]) -> Result<Overrides, Vec<Diagnostic>> {
    let mut out = Overrides::default();
    let mut diags = Vec::new();
    for arg in args {
        match parse_override(arg) {
            // A lever holds one override: a second `--set` of it would silently win.
            Ok(o) if out.get(o.lever).is_some() => {
                let key = o.lever.lever().key;
                let source = SourceText::new("--set", arg.to_string());
                let end = arg.find('=').unwrap_or(arg.len());
                diags.push(
                    Diagnostic::at(
                        &source,
                        Span::new(0, end),
                        "duplicate-override",
                        key,
                        format!("`{key}` is set twice with --set"),
                    )
                    .hint("give each lever one --set (LEVER=VALUE@YEAR sets it from a year on)"),
                );
            }
            Ok(o) => match o.from {
                Some(year) => out.set_from(o.lever, o.value, year),
                None => out.set(o.lever, o.value),
            },
            Err(d) => diags.push(d),
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}
