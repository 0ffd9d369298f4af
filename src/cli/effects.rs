//! `chipcast levers --effects`: the lever-effects table, each lever moved from the low end of
//! its range to the high end, per scenario, as a terminal table, CSV, JSON or the Markdown that
//! docs/model.md holds. `model::effects` computes it; this file only formats it.

use std::io::Write;
use std::process::ExitCode;

use super::run::{Input, load_input};
use super::{LeversFormat, LeversOptions};
use crate::diag::{Diagnostic, sanitize};
use crate::model::effects::{
    self, EFFECT_METRICS, EffectRow, FROM_YEAR, METRIC_KEYS, YEARS, moves_as_documented,
};
use crate::model::levers::Direction;
use crate::model::scenario::MIN_YEAR;
use crate::output::format::{self, Align, change_percent, csv_number};
use crate::output::report;

/// The scenarios compared when none is named.
pub const DEFAULT_SCENARIOS: [&str; 2] = ["baseline", "hardline"];

/// The threshold of the "as documented" column, as a fraction (2%).
pub const THRESHOLD: f64 = 0.02;

/// Column headings of the four metrics, in the order of `effects::METRIC_KEYS`.
const SHORT: [&str; EFFECT_METRICS] = ["units", "dom. compute", "China stock", "gap", "eff. gap"];

/// Explanation for `chipcast levers --help`.
pub const HELP: &str = "\
--effects: each lever moved from the low end of its range to the high end (bools false to
true, choices first option to last, numbers min to max) from --from (default 2026) on, every
other lever as the scenario has it; deterministic central runs. Anchor levers, which the model
reads only in an early year (2024), are moved over the whole horizon (marked * in
tables, applied_from = all in CSV). Each cell is the relative change of the high run against
the low run, (high - low) / |low| (against |high| when low is 0): domestic accelerators,
domestic compute, China's compute stock and the compute gap, in 2028 and 2030. The direction
column is the lever table's (raises/lowers China's supply or compute, or acts elsewhere);
\"as documented\" says whether some cell moves that way by 2% or more (the gap the other way).
--scenario NAME|PATH (repeatable; default baseline and hardline).
CSV: scenario (as named on the command line),lever,direction,applied_from,low,high,
as_documented, then one METRIC_YEAR column per metric and year (fractions).
JSON: {\"from\", \"years\", \"metrics\", \"threshold\", \"scenarios\": [{\"scenario\", \"name\",
\"file\", \"levers\": [{\"lever\", \"direction\", \"reason\", \"applied_from\" (null: whole
horizon), \"whole_horizon\", \"low\", \"high\", \"as_documented\",
\"changes\": {YEAR: {METRIC: fraction}}}]}]}.
Markdown (--format markdown) is the table pasted into docs/model.md.
";

/// Parses `--from`: a year the table can show an effect in.
pub fn parse_from(text: &str) -> Result<i32, String> {
    let last = YEARS[YEARS.len() - 1];
    match text.trim().parse::<i32>() {
        Ok(y) if (MIN_YEAR..=last).contains(&y) => Ok(y),
        _ => Err(format!(
            "expected a year from {MIN_YEAR} to {last} (the last year the table reports)"
        )),
    }
}

/// `chipcast levers --effects`.
pub fn effects(opts: &LeversOptions) -> ExitCode {
    let from = opts.from.unwrap_or(FROM_YEAR);
    let args: Vec<String> = if opts.scenarios.is_empty() {
        DEFAULT_SCENARIOS.iter().map(|s| s.to_string()).collect()
    } else {
        opts.scenarios.clone()
    };
    let mut diags: Vec<Diagnostic> = Vec::new();
    let inputs: Vec<Option<Input>> = args
        .iter()
        .map(|a| load_input(a, &[], &Default::default(), &mut diags))
        .collect();
    if !diags.is_empty() {
        report(&diags);
        return ExitCode::from(1);
    }
    let tables: Vec<Table> = args
        .iter()
        .zip(inputs.into_iter().flatten())
        .map(|(arg, input)| {
            let rows = effects::effects(input.scenario(), from, &YEARS);
            Table {
                arg: sanitize(arg),
                input,
                rows,
            }
        })
        .collect();
    let text = match opts.format {
        LeversFormat::Table => table(&tables, from),
        LeversFormat::Markdown => markdown(&tables, from),
        LeversFormat::Csv => csv(&tables),
        LeversFormat::Json => json(&tables, from),
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    ExitCode::SUCCESS
}

/// One scenario's table: the argument that named it, the loaded scenario, its rows.
struct Table {
    arg: String,
    input: Input,
    rows: Vec<EffectRow>,
}

/// `yes`/`no` for levers with a direction, empty for the others.
fn documented(row: &EffectRow) -> &'static str {
    match row.lever().direction {
        Direction::Elsewhere(_) => "",
        _ if moves_as_documented(row, THRESHOLD) => "yes",
        _ => "no",
    }
}

/// The lever's key, marked `*` when moved over the whole horizon.
fn lever_cell(row: &EffectRow, code: bool) -> String {
    let key = if code {
        format!("`{}`", row.lever().key)
    } else {
        row.lever().key.to_string()
    };
    if row.whole_horizon {
        format!("{key}*")
    } else {
        key
    }
}

/// A lever's cells: key, direction, each change as a signed percentage, "as documented".
/// Markdown writes the key as code and a true minus sign; the terminal table keeps ASCII.
fn row_cells(row: &EffectRow, markdown: bool) -> Vec<String> {
    let minus = if markdown { '−' } else { '-' };
    let mut line = vec![
        lever_cell(row, markdown),
        row.lever().direction.name().to_string(),
    ];
    for c in &row.changes {
        line.extend(c.iter().map(|&x| change_percent(x, minus)));
    }
    line.push(documented(row).to_string());
    line
}

/// One line saying what the table compares.
fn caption(input: &Input, from: i32) -> String {
    format!(
        "{} ({}): each lever low -> high from {from} on (* whole horizon: an anchor lever); \
         change of the high run against the low run",
        input.name(),
        input.file()
    )
}

fn table(tables: &[Table], from: i32) -> String {
    let mut out = String::new();
    for (i, Table { input, rows, .. }) in tables.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&caption(input, from));
        out.push('\n');
        let mut years = vec![String::new(), String::new()];
        let mut names = vec!["lever".to_string(), "direction".to_string()];
        for y in &YEARS {
            for (k, name) in SHORT.iter().enumerate() {
                years.push(if k == 0 { y.to_string() } else { String::new() });
                names.push(name.to_string());
            }
        }
        years.push(String::new());
        names.push("as documented".into());
        let mut cells = vec![years, names];
        cells.extend(rows.iter().map(|row| row_cells(row, false)));
        let mut align = vec![Align::Left, Align::Left];
        align.extend(std::iter::repeat_n(
            Align::Right,
            YEARS.len() * EFFECT_METRICS,
        ));
        align.push(Align::Left);
        out.push_str(&format::table(&cells, &align, 2));
    }
    out
}

fn markdown(tables: &[Table], from: i32) -> String {
    let mut out = String::new();
    for (i, Table { input, rows, .. }) in tables.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "**{}** (`{}`): each lever from the low end of its range to the high end from {from} \
             on (`*`: an anchor lever, moved over the whole horizon); change of the high run \
             against the low run.\n\n",
            input.name(),
            input.file()
        ));
        let mut head = vec!["lever".to_string(), "direction".to_string()];
        for y in &YEARS {
            head.extend(SHORT.iter().map(|n| format!("{y} {n}")));
        }
        head.push("as documented".into());
        out.push_str(&format!("| {} |\n", head.join(" | ")));
        let mut rule = vec!["---", "---"];
        rule.extend(std::iter::repeat_n("--:", YEARS.len() * EFFECT_METRICS));
        rule.push("---");
        out.push_str(&format!("|{}|\n", rule.join("|")));
        for row in rows {
            out.push_str(&format!("| {} |\n", row_cells(row, true).join(" | ")));
        }
    }
    out
}

fn csv(tables: &[Table]) -> String {
    let mut out = String::from("scenario,lever,direction,applied_from,low,high,as_documented");
    for y in &YEARS {
        for key in METRIC_KEYS {
            out.push_str(&format!(",{key}_{y}"));
        }
    }
    out.push('\n');
    for Table { arg, rows, .. } in tables {
        for row in rows {
            let applied = if row.whole_horizon {
                "all".to_string()
            } else {
                row.from_year.to_string()
            };
            out.push_str(&format!(
                "{},{},{},{applied},{},{},{}",
                super::csv_field(arg),
                row.lever().key,
                row.lever().direction.name(),
                csv_number(row.low_value),
                csv_number(row.high_value),
                documented(row),
            ));
            for c in &row.changes {
                for &x in c {
                    out.push(',');
                    out.push_str(&csv_number(x));
                }
            }
            out.push('\n');
        }
    }
    out
}

fn json(tables: &[Table], from: i32) -> String {
    let scenarios: Vec<_> = tables
        .iter()
        .map(|Table { arg, input, rows }| {
            let levers: Vec<_> = rows
                .iter()
                .map(|row| {
                    let lever = row.lever();
                    let reason = match lever.direction {
                        Direction::Elsewhere(why) => serde_json::json!(why),
                        _ => serde_json::Value::Null,
                    };
                    let changes: serde_json::Map<String, serde_json::Value> = row
                        .years
                        .iter()
                        .zip(&row.changes)
                        .map(|(y, c)| {
                            let per: serde_json::Map<String, serde_json::Value> = METRIC_KEYS
                                .iter()
                                .zip(c)
                                .map(|(k, &x)| (k.to_string(), format::json_number(x)))
                                .collect();
                            (y.to_string(), serde_json::Value::Object(per))
                        })
                        .collect();
                    let as_documented = match lever.direction {
                        Direction::Elsewhere(_) => serde_json::Value::Null,
                        _ => serde_json::json!(moves_as_documented(row, THRESHOLD)),
                    };
                    serde_json::json!({
                        "lever": lever.key,
                        "direction": lever.direction.name(),
                        "reason": reason,
                        "applied_from": if row.whole_horizon { serde_json::Value::Null } else { serde_json::json!(row.from_year) },
                        "whole_horizon": row.whole_horizon,
                        "low": format::json_number(row.low_value),
                        "high": format::json_number(row.high_value),
                        "as_documented": as_documented,
                        "changes": changes,
                    })
                })
                .collect();
            serde_json::json!({"scenario": arg, "name": input.name(), "file": input.file(), "levers": levers})
        })
        .collect();
    let doc = serde_json::json!({
        "from": from,
        "years": YEARS,
        "metrics": METRIC_KEYS,
        "threshold": THRESHOLD,
        "scenarios": scenarios,
    });
    crate::output::json(&doc)
}
