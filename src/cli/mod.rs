//! The headless commands: check, levers, new (and run, diff, sensitivity, levers --effects in
//! their own files).
//! They format what `scenario` and `model` produce; they never compute a projection themselves.
//!
//! Data goes to stdout, diagnostics to stderr. Exit codes: 0 success, 1 invalid input,
//! 2 usage error (clap's own).

pub mod compare;
pub mod diff;
pub mod effects;
pub mod explain;
pub mod export;
pub mod fmt;
pub mod run;
pub mod sensitivity;
pub mod sobol;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diag::Diagnostic;
use crate::model::levers::{Group, Kind, LEVERS, format_number};
use crate::output::files::{relative, write_new};
use crate::output::format::csv_field;
use crate::output::report;
use crate::scenario::{self, Origin};

/// Output formats for data. Each variant's doc is its line in `--help`. `check` has no rows
/// and prints its report as for `table` when asked for CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns, for reading in a terminal.
    Table,
    /// Comma-separated values with a header row, for spreadsheets.
    Csv,
    /// One JSON document, for scripts, editors and CI.
    Json,
}

/// Output formats of `chipcast levers`: the data formats, and Markdown for docs. Each
/// variant's doc is its line in `--help`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LeversFormat {
    /// Aligned columns, for reading in a terminal.
    Table,
    /// Comma-separated values with a header row, for spreadsheets.
    Csv,
    /// One JSON document, for scripts.
    Json,
    /// Markdown tables, for the documentation.
    Markdown,
}

/// What `chipcast check` was asked for: its command-line arguments.
#[derive(clap::Args, Clone, Debug)]
pub struct CheckOptions {
    /// Scenario files or folders to check (default: the bundled scenarios).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format (json for editors and CI).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// `--root DIR`: more folders `extends` may read parents from.
    #[command(flatten)]
    pub scope: crate::args::Scope,
}

/// What `chipcast levers` was asked for: its command-line arguments.
#[derive(clap::Args, Clone, Debug)]
pub struct LeversOptions {
    /// Output format (markdown: for docs).
    #[arg(long, value_enum, default_value_t = LeversFormat::Table)]
    pub format: LeversFormat,
    /// Measure each lever's effect: low end to high end of its range, per scenario, on
    /// domestic accelerators, domestic compute, China's compute stock and the compute gap.
    #[arg(long)]
    pub effects: bool,
    /// Without --effects: list each lever's value in this scenario (file or bundled name) —
    /// its first-year value and dated changes, or with --year the value in force that year.
    /// With --effects: a scenario to measure (repeatable; default baseline and hardline).
    #[arg(long = "scenario", value_name = "NAME|PATH")]
    pub scenarios: Vec<String>,
    /// With --scenario (without --effects): the year whose values in force are listed.
    #[arg(
        long,
        value_name = "YEAR",
        requires = "scenarios",
        conflicts_with = "effects"
    )]
    pub year: Option<i32>,
    /// The year the levers move from (default 2026); anchor levers move over the whole
    /// horizon.
    #[arg(long, value_name = "YEAR", requires = "effects", value_parser = effects::parse_from)]
    pub from: Option<i32>,
}

/// What `chipcast new` was asked for: its command-line arguments.
#[derive(clap::Args, Clone, Debug)]
pub struct NewOptions {
    /// The new scenario's name; the file is NAME.ron in the current folder (or NAME as given
    /// when it ends in .ron).
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The scenario to extend: a path or a bundled scenario's name (default: baseline).
    #[arg(long, value_name = "SCENARIO")]
    pub from: Option<String>,
}

/// `chipcast check [PATH ...]`.
pub fn check_command(opts: &CheckOptions) -> ExitCode {
    check(&opts.paths, opts.format, &opts.scope.roots(&opts.paths))
}

/// `chipcast levers [--effects ...]`.
pub fn levers_command(opts: &LeversOptions) -> ExitCode {
    if opts.effects {
        effects::effects(opts)
    } else if !opts.scenarios.is_empty() {
        in_force(opts)
    } else {
        levers(opts.format)
    }
}

/// `chipcast levers --scenario S [--year Y]`: each lever's value in a scenario — its path
/// (first-year value and dated changes), or with a year the setting in force then and since
/// when — and whether the scenario's files set it or it is the table's default.
fn in_force(opts: &LeversOptions) -> ExitCode {
    let mut diags = Vec::new();
    if opts.scenarios.len() > 1 {
        diags.push(
            Diagnostic::arg(
                "--scenario",
                "one-scenario",
                "",
                "levers lists the values of one scenario at a time",
            )
            .expected("one --scenario, or --effects to measure several"),
        );
    }
    let input = run::load_input(&opts.scenarios[0], &[], &Default::default(), &mut diags);
    let Some(input) = input.filter(|_| diags.is_empty()) else {
        report(&diags);
        return ExitCode::from(1);
    };
    let s = input.scenario();
    if let Some(year) = opts.year
        && !(s.first_year..=s.last_year).contains(&year)
    {
        report(&[Diagnostic::arg(
            "--year",
            "year-out-of-range",
            "",
            format!("{year} is outside the scenario's horizon"),
        )
        .expected(format!("a year from {} to {}", s.first_year, s.last_year))]);
        return ExitCode::from(1);
    }
    let no = crate::model::scenario::Overrides::default();
    let rows: Vec<InForce> = LEVERS
        .iter()
        .map(|l| {
            let (value, since) = match opts.year {
                Some(y) => crate::model::sensitivity::setting_in(s, &no, l.id, y),
                None => (s.levers[l.id as usize], s.first_year),
            };
            InForce {
                lever: l.key,
                group: l.group.name(),
                value: scenario::write::value_text(l, value),
                since,
                set_by: if s.set_by_file[l.id as usize] || !s.changes_of(l.id).is_empty() {
                    "scenario"
                } else {
                    "default"
                },
                history: scenario::write::history_text(l, s),
            }
        })
        .collect();
    let text = match opts.format {
        LeversFormat::Json => crate::output::json(&serde_json::json!({
            "scenario": s.name,
            "file": s.file,
            "year": opts.year,
            "levers": rows,
        })),
        LeversFormat::Csv => {
            let mut out = String::from("lever,group,value,since,set_by,history\n");
            for r in &rows {
                out.push_str(&format!(
                    "{},{},{},{},{},{}\n",
                    r.lever,
                    r.group,
                    csv_field(&r.value),
                    r.since,
                    r.set_by,
                    csv_field(&r.history)
                ));
            }
            out
        }
        LeversFormat::Table | LeversFormat::Markdown => {
            let when = opts.year.map_or_else(
                || format!("from {}", s.first_year),
                |y| format!("in force in {y}"),
            );
            let mut out = format!(
                "{} ({}): each lever's value {when}\n",
                crate::diag::sanitize(&s.name),
                crate::diag::sanitize(&s.file)
            );
            let mut t = vec![
                [
                    "lever",
                    "value",
                    "since",
                    "set by",
                    "path (first year; dated changes)",
                ]
                .map(String::from)
                .to_vec(),
            ];
            t.extend(rows.iter().map(|r| {
                vec![
                    r.lever.to_string(),
                    r.value.clone(),
                    r.since.to_string(),
                    r.set_by.to_string(),
                    if r.history.contains("; from") {
                        r.history.clone()
                    } else {
                        String::new()
                    },
                ]
            }));
            out.push_str(&crate::output::format::table(
                &t,
                &[crate::output::format::Align::Left; 5],
                2,
            ));
            out
        }
    };
    run::print(&text)
}

/// One row of `levers --scenario`.
#[derive(serde::Serialize)]
struct InForce {
    lever: &'static str,
    group: &'static str,
    /// The value as a file writes it.
    value: String,
    /// The year the value took effect.
    since: i32,
    /// "scenario" when a file of the chain sets or changes it, else "default".
    set_by: &'static str,
    /// First-year value and dated changes (`2024: false; from Apr 2025: true`).
    history: String,
}

/// `chipcast new NAME [--from SCENARIO]`.
pub fn new_command(opts: &NewOptions) -> ExitCode {
    new(&opts.name, opts.from.as_deref())
}

/// `chipcast check [PATH ...]`.
pub fn check(paths: &[PathBuf], format: Format, roots: &scenario::Roots) -> ExitCode {
    let gathered = scenario::gather(paths);
    let missing = gathered.missing.iter().map(|path| {
        Diagnostic::file(
            path.display().to_string(),
            "missing-file",
            "no such file or folder",
        )
        .hint("check the path; with no path, `chipcast check` checks the bundled scenarios")
    });
    let diags_by_file: Vec<(String, Vec<Diagnostic>)> = missing
        .chain(gathered.problems)
        .map(|d| (d.file.clone(), vec![d]))
        .collect();
    let origins = gathered.origins;
    let mut results: Vec<(String, Vec<Diagnostic>)> = diags_by_file;
    for origin in &origins {
        let diags = match scenario::load_within(origin, roots) {
            Ok(_) => Vec::new(),
            Err(d) => d,
        };
        results.push((origin.display(), diags));
    }
    let failed = results.iter().filter(|(_, d)| !d.is_empty()).count();
    let problems: usize = results.iter().map(|(_, d)| d.len()).sum();
    match format {
        Format::Json => {
            let files: Vec<_> = results
                .iter()
                .map(|(file, d)| {
                    let shown = &d[..d.len().min(crate::diag::MAX_SHOWN)];
                    let mut entry = serde_json::json!({"file": file, "ok": d.is_empty(), "diagnostics": crate::diag::to_json(shown)});
                    // Past the cap the entry says so and counts them all.
                    if shown.len() < d.len() {
                        entry["truncated"] = serde_json::json!(true);
                        entry["problems"] = serde_json::json!(d.len());
                    }
                    entry
                })
                .collect();
            let doc = serde_json::json!({"ok": failed == 0, "files": files, "problems": problems});
            print!("{}", crate::output::json(&doc));
        }
        Format::Table | Format::Csv => {
            for (file, d) in &results {
                if d.is_empty() {
                    println!("ok {}", crate::diag::sanitize(file));
                } else {
                    report(d);
                }
            }
            let mut err = std::io::stderr().lock();
            let _ = writeln!(
                err,
                "{} file{} checked: {} ok, {} with problems ({} problem{})",
                results.len(),
                plural(results.len()),
                results.len() - failed,
                failed,
                problems,
                plural(problems)
            );
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The range of a lever as a user reads it.
pub fn range_text(kind: Kind) -> String {
    match kind {
        Kind::Bool => "true|false".into(),
        Kind::Choice(options) => options.join("|"),
        Kind::Number { min, max, .. } => format!("{}..{}", format_number(min), format_number(max)),
    }
}

/// `chipcast levers`.
pub fn levers(format: LeversFormat) -> ExitCode {
    match format {
        LeversFormat::Json => {
            let rows: Vec<_> = LEVERS
                .iter()
                .map(|l| {
                    let (min, max) = l.kind.range();
                    let mut row = serde_json::json!({
                        "id": l.key, "group": l.group.name(), "kind": l.kind.name(), "unit": l.unit,
                        "default": l.format_value(l.default), "meaning": l.meaning, "source": l.source,
                        "direction": l.direction.describe(),
                        "cites": l.cites.iter().map(|k| serde_json::json!({"key": k, "citation": citation(k)})).collect::<Vec<_>>(),
                    });
                    match l.kind {
                        Kind::Choice(options) => row["options"] = serde_json::json!(options),
                        Kind::Number { step, .. } => {
                            row["min"] = serde_json::json!(min);
                            row["max"] = serde_json::json!(max);
                            row["step"] = serde_json::json!(step);
                            row["default"] = serde_json::json!(l.default);
                        }
                        Kind::Bool => row["default"] = serde_json::json!(l.default >= 0.5),
                    }
                    row
                })
                .collect();
            print!("{}", crate::output::json(&rows));
        }
        LeversFormat::Csv => {
            println!("id,group,kind,unit,range,default,step,meaning,source,cites");
            for l in &LEVERS {
                let step = match l.kind {
                    Kind::Number { step, .. } => format_number(step),
                    _ => String::new(),
                };
                println!(
                    "{},{},{},{},{},{},{},{},{},{}",
                    l.key,
                    l.group.name(),
                    l.kind.name(),
                    csv_field(l.unit),
                    csv_field(&range_text(l.kind)),
                    l.format_value(l.default),
                    step,
                    csv_field(l.meaning),
                    csv_field(l.source),
                    csv_field(&l.cites.join(" "))
                );
            }
        }
        LeversFormat::Markdown => {
            println!("| lever | group | kind | range | default | direction | meaning |");
            println!("|---|---|---|---|---|---|---|");
            for l in &LEVERS {
                let unit = if l.unit.is_empty() {
                    String::new()
                } else {
                    format!(" {}", l.unit)
                };
                println!(
                    "| `{}` | {} | {} | {}{unit} | {} | {} | {} |",
                    l.key,
                    l.group.name(),
                    l.kind.name(),
                    range_text(l.kind).replace('|', "\\|"),
                    l.format_value(l.default),
                    l.direction.describe().replace('|', "\\|"),
                    l.meaning.replace('|', "\\|")
                );
            }
        }
        LeversFormat::Table => {
            let mut out = std::io::stdout().lock();
            for group in Group::ALL {
                let _ = writeln!(out, "{}", group.name().to_uppercase());
                for l in LEVERS.iter().filter(|l| l.group == group) {
                    let step = match l.kind {
                        Kind::Number { step, .. } => format!(", step {}", format_number(step)),
                        _ => String::new(),
                    };
                    let unit = if l.unit.is_empty() {
                        String::new()
                    } else {
                        format!(" {}", l.unit)
                    };
                    let _ = writeln!(
                        out,
                        "  {:<28} {:<7} {}{unit}{step}; default (when no scenario sets it) {}",
                        l.key,
                        l.kind.name(),
                        range_text(l.kind),
                        l.format_value(l.default)
                    );
                    let _ = writeln!(out, "  {:<28} {}", "", l.meaning);
                    let _ = writeln!(out, "  {:<28} source: {}", "", l.source);
                    let _ = writeln!(out, "  {:<28} effect: {}", "", l.direction.describe());
                    for key in l.cites {
                        let _ = writeln!(out, "  {:<28}   [{key}] {}", "", citation(key));
                    }
                }
                let _ = writeln!(out);
            }
        }
    }
    ExitCode::SUCCESS
}

/// The full citation behind a source key (every key a lever cites exists: a test pins it).
fn citation(key: &str) -> String {
    crate::model::sources::find(key)
        .map_or_else(|| format!("unknown source {key}"), |s| s.citation())
}

/// `chipcast new NAME [--from SCENARIO]`: writes a commented scenario that extends the
/// baseline (or `from`), refusing to overwrite.
pub fn new(name: &str, from: Option<&str>) -> ExitCode {
    let path = if name.ends_with(".ron") {
        PathBuf::from(name)
    } else {
        PathBuf::from(format!("{name}.ron"))
    };
    let parent_origin = scenario::origin_of(from.unwrap_or("baseline"));
    let parent = match scenario::load(&parent_origin) {
        Ok(loaded) => loaded.scenario,
        Err(diags) => {
            report(&diags);
            return ExitCode::from(1);
        }
    };
    let extends = match &parent_origin {
        Origin::Bundled(n) => format!("bundled:{n}"),
        Origin::Disk(p) => relative(p, path.parent().unwrap_or(Path::new(""))),
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = template(&stem, &extends, &parent);
    match write_new(&path, &text) {
        Ok(()) => {
            let shown = crate::diag::sanitize(&path.display().to_string());
            println!("wrote {shown}");
            eprintln!("check it with: chipcast check {shown}");
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&[d]);
            ExitCode::from(1)
        }
    }
}

/// A commented scenario template listing every lever (commented out, at the parent's value)
/// from the lever table.
pub fn template(name: &str, extends: &str, parent: &crate::model::scenario::Scenario) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "// {name}: a chipcast scenario. Check it with `chipcast check {name}.ron`.\n"
    ));
    s.push_str(
        "// It extends another scenario and sets only what differs. Uncomment a lever to set it;\n",
    );
    s.push_str(
        "// each line shows the parent's first-year value, and its dated changes where it has any.\n",
    );
    s.push_str(
        "// A lever set under `levers` holds for every year: the parent's dated changes of it stop\n",
    );
    s.push_str(
        "// applying. To change it from a year on, add a `schedule` entry for that year instead.\n",
    );
    s.push_str("// Numbers take a value or a distribution: Uniform(low: a, high: b),\n");
    s.push_str("// Triangular(low: a, mode: m, high: b), Normal(mean: m, sd: s).\n");
    s.push_str(
        "// `chipcast levers` lists every lever; docs/scenario-format.md explains the format.\n",
    );
    s.push_str("Scenario(\n    version: 1,\n");
    s.push_str(&format!("    name: {:?},\n", name));
    s.push_str(&format!(
        "    description: {:?},\n",
        format!("What differs from {}.", parent.name)
    ));
    s.push_str(&format!("    extends: {:?},\n", extends));
    s.push_str("    // horizon: (first: 2024, last: 2032),   // years, 2020-2050\n");
    s.push_str("    levers: (\n");
    for group in Group::ALL {
        s.push_str(&format!("        // ---- {} ----\n", group.name()));
        for l in LEVERS.iter().filter(|l| l.group == group) {
            let value = scenario::write::value_text(l, parent.levers[l.id as usize]);
            let unit = if l.unit.is_empty() {
                String::new()
            } else {
                format!(" {};", l.unit)
            };
            // A lever the parent changes on a date says so first: uncommenting it as shown
            // would drop those changes.
            let dated = if parent.changes_of(l.id).is_empty() {
                String::new()
            } else {
                format!(
                    " parent: {}; setting it here replaces the dated changes ·",
                    scenario::write::history_text(l, parent)
                )
            };
            s.push_str(&format!(
                "        // {}: {},  //{dated}{} {}: {}\n",
                l.key,
                value,
                unit,
                range_text(l.kind),
                l.meaning
            ));
        }
    }
    s.push_str("    ),\n");
    s.push_str(
        "    // Dated changes, in (year, month) order: from `year` on (from `month` of it, 1-12,\n    // January if left out) the levers take these values; a year's value is the\n    // month-weighted mean of the settings in force.\n",
    );
    s.push_str("    schedule: [\n        // (year: 2028, month: 7, label: \"What happens\", set: (hub_enforcement: 0.8)),\n    ],\n");
    s.push_str(&format!(
        "    // volatility: {},  // the parent's odds of policy regimes (docs/scenario-format.md)\n",
        scenario::write::volatility_text(&parent.volatility)
    ));
    s.push_str("    // annotations: [(year: 2028, label: \"A marker on the time axis\")],\n");
    s.push_str("    // sources: { \"key\": \"Author, title, date\" },   // cite with (value: ..., source: \"key\")\n");
    s.push_str(")\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_loads_and_every_lever_line_uncommented_still_loads() {
        let parent = scenario::bundled("baseline").unwrap();
        let text = template("mine", "bundled:baseline", &parent);
        let loaded = scenario::load_text("mine.ron", &text, None).unwrap();
        assert_eq!(loaded.name, "mine");
        // Uncommenting every lever line gives a scenario that still loads, with the parent's values.
        let uncommented: String = text
            .lines()
            .map(|l| {
                if l.trim_start().starts_with("// ") && l.contains(",  //") {
                    l.replacen("// ", "", 1)
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let all = scenario::load_text("mine.ron", &uncommented, None)
            .unwrap_or_else(|d| panic!("{}", d[0].render(false)));
        assert_eq!(all.levers, parent.levers);
        assert_eq!(all.volatility, parent.volatility);
    }
}
