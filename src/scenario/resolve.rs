//! From files to a checked `Scenario`: reading (size, encoding), parsing, `extends` chains
//! (parent first; cycles and missing parents are errors), and validation of every value
//! against the lever table — every problem reported with its span, all in one pass.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::levers::{Kind, LEVERS, Lever, LeverId};
use crate::model::metrics::METRICS;
use crate::model::scenario::{
    Annotation, DEFAULT_HORIZON, Dist, MAX_YEAR, MIN_YEAR, Override, Overrides, Panel,
    PolicyChange, Scenario, StoryStep,
};

use super::bundled;
use super::diagnostics::{Diagnostic, Source, did_you_mean};
use super::raw::{self, FORMAT_VERSION, RawScenario, RawSetting, Spanned};
use super::syntax::{self, Span, Value, ValueKind};

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Longest `extends` chain followed.
pub const MAX_CHAIN: usize = 32;

/// Where a scenario file comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Disk(PathBuf),
    Bundled(&'static str),
}

impl Origin {
    /// How the origin is named in messages.
    pub fn display(&self) -> String {
        match self {
            Origin::Disk(p) => p.display().to_string(),
            Origin::Bundled(name) => format!("bundled:{name}.ron"),
        }
    }
}

/// A loaded scenario, every file its chain read (for watching), and the text each held when
/// it was read (for the run manifest's hash: what was hashed is what was loaded).
#[derive(Clone, Debug)]
pub struct Loaded {
    pub scenario: Scenario,
    /// The named file first, then each parent.
    pub files: Vec<Origin>,
    /// The text of each of `files`, in the same order.
    pub texts: Vec<Arc<str>>,
}

/// The files a chain has read so far, with their texts.
type Read = Vec<(Origin, Arc<str>)>;

/// Loads, resolves and validates a scenario and its `extends` chain.
pub fn load(origin: &Origin) -> Result<Loaded, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut stack = Vec::new();
    let mut files = Vec::new();
    match load_chain(origin, &mut stack, &mut files, &mut diags) {
        Some(scenario) if diags.is_empty() => {
            let (files, texts) = files.into_iter().unzip();
            Ok(Loaded {
                scenario,
                files,
                texts,
            })
        }
        _ => Err(in_reading_order(diags)),
    }
}

/// Loads scenario text that did not come from a file on disk (tests, fuzzing); `extends` is
/// resolved against `dir` if given, else against the bundled scenarios.
pub fn load_text(name: &str, text: &str, dir: Option<&Path>) -> Result<Scenario, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let source = Source::new(name, text);
    let mut stack = vec![name.to_string()];
    let mut files = Vec::new();
    let here = dir.map(|d| d.join(name));
    let origin = here.map_or(Origin::Bundled("inline"), Origin::Disk);
    let result = resolve_source(&origin, &source, &mut stack, &mut files, &mut diags);
    match result {
        Some(s) if diags.is_empty() => Ok(s),
        _ => Err(in_reading_order(diags)),
    }
}

/// Orders diagnostics by line and column within each file, keeping files in the order met.
fn in_reading_order(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut files: Vec<String> = Vec::new();
    for d in &diags {
        if !files.contains(&d.file) {
            files.push(d.file.clone());
        }
    }
    diags.sort_by_key(|d| (files.iter().position(|f| *f == d.file), d.line, d.column));
    diags
}

/// Reads a file's text: refuses files over 1 MiB before reading and text that is not UTF-8.
pub fn read_source(origin: &Origin) -> Result<Source, Diagnostic> {
    let name = origin.display();
    match origin {
        Origin::Bundled(n) => bundled::text(n)
            .map(|t| Source::new(name.clone(), t))
            .ok_or_else(|| {
                Diagnostic::file(
                    &name,
                    "missing-file",
                    format!("there is no bundled scenario `{n}`"),
                )
                .hint(bundled_hint())
            }),
        Origin::Disk(path) => {
            use std::io::Read;
            let file = std::fs::File::open(path).map_err(|e| {
                let hint = if e.kind() == std::io::ErrorKind::NotFound {
                    "check the path; bundled scenarios are named without a path (chipcast check lists them)"
                } else {
                    "check the file's permissions"
                };
                Diagnostic::file(&name, "missing-file", format!("cannot read the file: {e}")).hint(hint)
            })?;
            let meta = file.metadata().map_err(|e| {
                Diagnostic::file(&name, "unreadable", format!("cannot read the file: {e}"))
            })?;
            if meta.is_dir() {
                return Err(Diagnostic::file(
                    &name,
                    "unreadable",
                    "this is a folder, not a scenario file",
                )
                .hint("`chipcast check FOLDER` checks every .ron file below a folder"));
            }
            if meta.len() > MAX_FILE_BYTES {
                return Err(too_large(&name, meta.len()));
            }
            let mut bytes = Vec::new();
            // Read at most one byte past the limit, in case the file grew since `metadata`.
            file.take(MAX_FILE_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| {
                    Diagnostic::file(&name, "unreadable", format!("cannot read the file: {e}"))
                })?;
            if bytes.len() as u64 > MAX_FILE_BYTES {
                return Err(too_large(&name, bytes.len() as u64));
            }
            decode_utf8(&name, bytes)
        }
    }
}

fn too_large(name: &str, len: u64) -> Diagnostic {
    Diagnostic::file(
        name,
        "too-large",
        format!("the file is {len} bytes; scenario files may be at most 1 MiB"),
    )
    .hint("a scenario is a few kilobytes: is this the right file?")
}

/// Checks that bytes are UTF-8, pointing at the first bad byte.
pub fn decode_utf8(name: &str, bytes: Vec<u8>) -> Result<Source, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(name, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let good = String::from_utf8_lossy(&bytes[..at]).into_owned();
            let (line, column) = Source::new(name, good).line_col(at);
            let mut d = Diagnostic::file(
                name,
                "not-utf8",
                format!(
                    "the file is not UTF-8 text (bad byte 0x{:02X} at byte {at})",
                    bytes[at]
                ),
            )
            .hint("save the file as UTF-8");
            d.line = line;
            d.column = column;
            Err(d)
        }
    }
}

fn bundled_hint() -> String {
    format!("bundled scenarios: {}", bundled::NAMES.join(", "))
}

fn load_chain(
    origin: &Origin,
    stack: &mut Vec<String>,
    files: &mut Read,
    diags: &mut Vec<Diagnostic>,
) -> Option<Scenario> {
    let source = match read_source(origin) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    stack.push(key_of(origin));
    files.push((origin.clone(), source.text.clone()));
    let result = resolve_source(origin, &source, stack, files, diags);
    stack.pop();
    result
}

fn key_of(origin: &Origin) -> String {
    match origin {
        Origin::Disk(p) => std::fs::canonicalize(p)
            .unwrap_or_else(|_| p.clone())
            .display()
            .to_string(),
        Origin::Bundled(n) => format!("bundled:{n}"),
    }
}

/// Where `extends: "target"` written in `from` points: a path relative to `from`'s folder, or
/// a bundled scenario by name (`"baseline.ron"` when no such file exists, or `"bundled:baseline"`).
fn parent_origin(from: &Origin, target: &str) -> Option<Origin> {
    if let Some(name) = target.strip_prefix("bundled:") {
        return bundled::lookup(name.trim_end_matches(".ron")).map(Origin::Bundled);
    }
    if let Origin::Disk(path) = from {
        let candidate = path.parent().unwrap_or(Path::new(".")).join(target);
        if candidate.exists() {
            return Some(Origin::Disk(candidate));
        }
    }
    let stem = Path::new(target).file_stem()?.to_str()?;
    if Path::new(target).components().count() == 1 {
        return bundled::lookup(stem).map(Origin::Bundled);
    }
    if let Origin::Disk(path) = from {
        return Some(Origin::Disk(
            path.parent().unwrap_or(Path::new(".")).join(target),
        ));
    }
    None
}

fn resolve_source(
    origin: &Origin,
    source: &Source,
    stack: &mut Vec<String>,
    files: &mut Read,
    diags: &mut Vec<Diagnostic>,
) -> Option<Scenario> {
    let root = match syntax::parse(&source.text) {
        Ok(root) => root,
        Err(e) => {
            let code = if e.message.contains("empty") {
                "empty-file"
            } else {
                "syntax"
            };
            diags.push(Diagnostic::at(source, e.span, code, "", e.message).maybe_hint(e.hint));
            return None;
        }
    };
    let before = diags.len();
    let raw = raw::decode(source, &root, diags);

    let parent = match &raw.extends {
        None => Some(Scenario::defaults("")),
        Some(target) => match parent_origin(origin, &target.value) {
            None => {
                diags.push(
                    Diagnostic::at(
                        source,
                        target.span,
                        "missing-parent",
                        "extends",
                        format!("`{}` names no scenario file", target.value),
                    )
                    .hint(format!(
                        "give a path relative to this file, or a bundled scenario ({})",
                        bundled::NAMES.join(", ")
                    )),
                );
                None
            }
            Some(parent) if stack.contains(&key_of(&parent)) => {
                let chain: Vec<_> = stack.iter().map(|s| short(s)).collect();
                diags.push(
                    Diagnostic::at(
                        source,
                        target.span,
                        "extends-cycle",
                        "extends",
                        format!(
                            "`extends` makes a cycle: {} -> {}",
                            chain.join(" -> "),
                            short(&key_of(&parent))
                        ),
                    )
                    .hint("a scenario cannot extend itself or one of its descendants"),
                );
                None
            }
            Some(_) if stack.len() >= MAX_CHAIN => {
                diags.push(Diagnostic::at(
                    source,
                    target.span,
                    "extends-depth",
                    "extends",
                    format!("the `extends` chain is more than {MAX_CHAIN} files long"),
                ));
                None
            }
            Some(parent) => {
                if let Origin::Disk(p) = &parent
                    && !p.exists()
                {
                    diags.push(
                        Diagnostic::at(
                            source,
                            target.span,
                            "missing-parent",
                            "extends",
                            format!("the parent `{}` does not exist", target.value),
                        )
                        .hint(format!(
                            "paths are relative to this file's folder; bundled scenarios: {}",
                            bundled::NAMES.join(", ")
                        )),
                    );
                    return None;
                }
                let count = diags.len();
                let loaded = load_chain(&parent, stack, files, diags);
                if loaded.is_none() && diags.len() > count {
                    let d = Diagnostic::at(
                        source,
                        target.span,
                        "broken-parent",
                        "extends",
                        format!("the parent `{}` has errors (reported above)", target.value),
                    );
                    diags.push(d);
                }
                loaded
            }
        },
    };
    let parent = parent?;
    let scenario = apply(origin, source, parent, &raw, diags);
    (diags.len() == before).then_some(scenario)
}

fn short(key: &str) -> String {
    Path::new(key)
        .file_name()
        .map_or_else(|| key.to_string(), |f| f.to_string_lossy().into_owned())
}

/// Applies one file's settings over its parent (or the defaults), validating each.
fn apply(
    origin: &Origin,
    source: &Source,
    mut s: Scenario,
    raw: &RawScenario,
    diags: &mut Vec<Diagnostic>,
) -> Scenario {
    let mut v = Validator { source, diags };
    if let Some(version) = &raw.version
        && (version.value.fract() != 0.0
            || version.value < 1.0
            || version.value > f64::from(FORMAT_VERSION))
    {
        v.push(
            Diagnostic::at(
                source,
                version.span,
                "unsupported-version",
                "version",
                format!("format version {} is not supported", version.value),
            )
            .expected(format!("version 1 to {FORMAT_VERSION}"))
            .hint("this chipcast reads format version 1; a newer file needs a newer chipcast"),
        );
    }
    match &raw.name {
        Some(name) => s.name = name.value.clone(),
        None => v.push(
            Diagnostic::at(
                source,
                Span::new(raw.span.start, raw.span.start + 1),
                "missing-field",
                "name",
                "the scenario has no `name`",
            )
            .expected("`name: \"...\"`"),
        ),
    }
    s.description = raw
        .description
        .as_ref()
        .map(|d| d.value.clone())
        .unwrap_or_default();
    s.file = origin.display();
    s.chain.push(origin.display());

    // Horizon first: schedules and annotations are checked against it.
    if let Some(h) = &raw.horizon {
        let first = h.first.as_ref().and_then(|y| v.year(y, "horizon.first"));
        let last = h.last.as_ref().and_then(|y| v.year(y, "horizon.last"));
        let (f, l) = (first.unwrap_or(s.first_year), last.unwrap_or(s.last_year));
        if f > l {
            v.push(
                Diagnostic::at(
                    source,
                    h.span,
                    "horizon-inverted",
                    "horizon",
                    format!("the first year {f} is after the last year {l}"),
                )
                .expected("first <= last")
                .hint(format!(
                    "the default horizon is {}-{}",
                    DEFAULT_HORIZON.0, DEFAULT_HORIZON.1
                )),
            );
        } else {
            s.first_year = f;
            s.last_year = l;
        }
    }

    // Levers set here replace the parent's value and its dated changes of that lever.
    for setting in &raw.levers {
        if let Some((id, dist)) = v.setting(setting) {
            s.levers[id as usize] = dist;
            s.set_by_file[id as usize] = true;
            s.citations[id as usize] = setting.source.as_ref().map(|c| c.value.clone());
            for change in &mut s.schedule {
                change.set.retain(|(l, _)| *l != id);
            }
        }
    }

    // Inherited changes before the horizon fold into the starting values; after it, drop.
    let first = s.first_year;
    // A change from a later month of the first year stays a dated change: it covers only
    // part of that year.
    let mut inherited = std::mem::take(&mut s.schedule);
    inherited.retain(|c| c.year <= s.last_year && !c.set.is_empty());
    let folds = |c: &PolicyChange| c.year < first || (c.year == first && c.month <= 1);
    for change in inherited.iter().filter(|c| folds(c)) {
        for (id, dist) in &change.set {
            s.levers[*id as usize] = *dist;
        }
    }
    inherited.retain(|c| !folds(c));

    // This file's dated changes: within the horizon, in (year, month) order.
    let mut last_when = (i32::MIN, 1_u8);
    let mut own = Vec::new();
    for change in &raw.schedule {
        let set: Vec<_> = change.set.iter().filter_map(|st| v.setting(st)).collect();
        let month = match &change.month {
            Some(m) => v.month(m, &format!("{}.month", change.path)),
            None => Some(1),
        };
        let Some(year) = change
            .year
            .as_ref()
            .and_then(|y| v.year(y, &format!("{}.year", change.path)))
        else {
            continue;
        };
        let Some(month) = month else {
            continue;
        };
        let span = change.year.as_ref().map_or(change.span, |y| y.span);
        if year < s.first_year || year > s.last_year {
            v.push(
                Diagnostic::at(
                    source,
                    span,
                    "schedule-outside-horizon",
                    format!("{}.year", change.path),
                    format!(
                        "the change in {year} is outside the horizon {}-{}",
                        s.first_year, s.last_year
                    ),
                )
                .expected(format!("a year from {} to {}", s.first_year, s.last_year))
                .hint("move the change, or widen `horizon`"),
            );
            continue;
        }
        if (year, month) < last_when {
            let when = |(y, m): (i32, u8)| {
                PolicyChange {
                    year: y,
                    month: m,
                    label: String::new(),
                    set: Vec::new(),
                }
                .when()
            };
            // Within one year the months are out of order: point at the month.
            let (field, span) = match &change.month {
                Some(m) if year == last_when.0 => (format!("{}.month", change.path), m.span),
                _ => (format!("{}.year", change.path), span),
            };
            v.push(
                Diagnostic::at(
                    source,
                    span,
                    "schedule-out-of-order",
                    field,
                    format!(
                        "the change in {} comes after one in {}",
                        when((year, month)),
                        when(last_when)
                    ),
                )
                .expected("changes listed in (year, month) order")
                .hint("list dated changes from the earliest to the latest (no `month` is January)"),
            );
        }
        last_when = last_when.max((year, month));
        if change.set.is_empty() {
            v.push(
                Diagnostic::at(
                    source,
                    change.span,
                    "empty-change",
                    change.path.clone(),
                    "this dated change sets no lever",
                )
                .expected("`set: (lever_id: value, ...)`"),
            );
        }
        // A change here overrides the parent's later changes of the same levers.
        for (id, _) in &set {
            for c in inherited
                .iter_mut()
                .filter(|c| (c.year, c.month) >= (year, month))
            {
                c.set.retain(|(l, _)| l != id);
            }
        }
        own.push(PolicyChange {
            year,
            month,
            label: change
                .label
                .as_ref()
                .map(|l| l.value.clone())
                .unwrap_or_default(),
            set,
        });
    }
    inherited.retain(|c| !c.set.is_empty());
    inherited.extend(own);
    inherited.sort_by_key(|c| (c.year, c.month));
    s.schedule = inherited;

    if let Some(vol) = &raw.volatility {
        let fields: [(&Option<Spanned<f64>>, &str, &mut f64); 5] = [
            (
                &vol.us_policy_switch,
                "volatility.us_policy_switch",
                &mut s.volatility.us_policy_switch,
            ),
            (
                &vol.china_acceptance_flip,
                "volatility.china_acceptance_flip",
                &mut s.volatility.china_acceptance_flip,
            ),
            (
                &vol.us_policy_revert,
                "volatility.us_policy_revert",
                &mut s.volatility.us_policy_revert,
            ),
            (
                &vol.china_acceptance_revert,
                "volatility.china_acceptance_revert",
                &mut s.volatility.china_acceptance_revert,
            ),
            (
                &vol.china_counter,
                "volatility.china_counter",
                &mut s.volatility.china_counter,
            ),
        ];
        for (raw, field, target) in fields {
            // The counter-move's odds are per US easing, the others per year.
            let per = if field.ends_with("counter") {
                "US easing"
            } else {
                "year"
            };
            if let Some(p) = raw
                && let Some(p) = v.probability(p, field, per)
            {
                *target = p;
            }
        }
    }

    for a in &raw.annotations {
        let year = a
            .year
            .as_ref()
            .and_then(|y| v.year(y, &format!("{}.year", a.path)));
        let Some(label) = &a.label else {
            v.push(
                Diagnostic::at(
                    source,
                    raw.span,
                    "missing-field",
                    format!("{}.label", a.path),
                    "this annotation has no `label`",
                )
                .expected("`label: \"...\"`"),
            );
            continue;
        };
        match year {
            Some(year) if year < s.first_year || year > s.last_year => v.push(
                Diagnostic::at(
                    source,
                    a.year.as_ref().map_or(label.span, |y| y.span),
                    "annotation-outside-horizon",
                    format!("{}.year", a.path),
                    format!(
                        "the annotation year {year} is outside the horizon {}-{}",
                        s.first_year, s.last_year
                    ),
                )
                .expected(format!("a year from {} to {}", s.first_year, s.last_year)),
            ),
            Some(year) => s.annotations.push(Annotation {
                year,
                label: label.value.clone(),
            }),
            None if a.year.is_none() => v.push(
                Diagnostic::at(
                    source,
                    label.span,
                    "missing-field",
                    format!("{}.year", a.path),
                    "this annotation has no `year`",
                )
                .expected("`year: 2025`"),
            ),
            None => {}
        }
    }
    s.annotations
        .retain(|a| a.year >= s.first_year && a.year <= s.last_year);

    for (key, citation) in &raw.sources {
        s.sources.insert(key.value.clone(), citation.value.clone());
    }
    // Citations must name a source of this file or an ancestor.
    for setting in &raw.levers {
        if let Some(cite) = &setting.source
            && !s.sources.contains_key(&cite.value)
        {
            let hint = did_you_mean(&cite.value, s.sources.keys().map(String::as_str))
                .unwrap_or_else(|| "add it to `sources: { \"key\": \"citation\" }`".into());
            v.push(
                Diagnostic::at(
                    source,
                    cite.span,
                    "unknown-source",
                    format!("{}.source", setting.path),
                    format!("no source `{}` is listed", cite.value),
                )
                .hint(hint),
            );
        }
    }

    if let Some(steps) = &raw.story {
        s.story = steps.iter().filter_map(|st| v.step(st)).collect();
    }
    s
}

struct Validator<'a> {
    source: &'a Source,
    diags: &'a mut Vec<Diagnostic>,
}

impl Validator<'_> {
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn year(&mut self, y: &Spanned<f64>, field: &str) -> Option<i32> {
        let ok = y.value.is_finite() && y.value.fract() == 0.0;
        if !ok || y.value < f64::from(MIN_YEAR) || y.value > f64::from(MAX_YEAR) {
            let what = if ok {
                format!("the year {} is outside {MIN_YEAR}-{MAX_YEAR}", y.value)
            } else {
                format!("`{}` is not a whole year", y.value)
            };
            self.push(
                Diagnostic::at(self.source, y.span, "year-out-of-range", field, what)
                    .expected(format!("a whole year from {MIN_YEAR} to {MAX_YEAR}")),
            );
            return None;
        }
        Some(y.value as i32)
    }

    /// A dated change's month: a whole number from 1 (January) to 12 (December).
    fn month(&mut self, m: &Spanned<f64>, field: &str) -> Option<u8> {
        let whole = m.value.is_finite() && m.value.fract() == 0.0;
        if whole && (1.0..=12.0).contains(&m.value) {
            return Some(m.value as u8);
        }
        let what = if whole {
            format!("there is no month {}", m.value)
        } else {
            format!("`{}` is not a whole month", m.value)
        };
        self.push(
            Diagnostic::at(self.source, m.span, "month-out-of-range", field, what)
                .expected("a whole month from 1 to 12")
                .hint("1 is January and 12 December; leave `month` out for a change from January"),
        );
        None
    }

    /// A probability from 0 to 1 (`per`: what it is the odds of, per "year" or per "US easing").
    fn probability(&mut self, p: &Spanned<f64>, field: &str, per: &str) -> Option<f64> {
        if p.value.is_finite() && (0.0..=1.0).contains(&p.value) {
            Some(p.value)
        } else {
            self.push(
                Diagnostic::at(
                    self.source,
                    p.span,
                    "out-of-range",
                    field,
                    if per == "year" {
                        format!("{} is not a yearly probability", p.value)
                    } else {
                        format!("{} is not a probability per {per}", p.value)
                    },
                )
                .expected("a number from 0 to 1"),
            );
            None
        }
    }

    fn setting(&mut self, s: &RawSetting) -> Option<(LeverId, Dist)> {
        let Some(id) = LeverId::from_key(&s.lever.name) else {
            let hint = did_you_mean(&s.lever.name, LEVERS.iter().map(|l| l.key))
                .unwrap_or_else(|| "`chipcast levers` lists every lever".into());
            self.push(
                Diagnostic::at(
                    self.source,
                    s.lever.span,
                    "unknown-lever",
                    s.path.clone(),
                    format!("unknown lever `{}`", s.lever.name),
                )
                .hint(hint),
            );
            return None;
        };
        let dist = lever_value(self.source, id.lever(), &s.value, &s.path, self.diags)?;
        Some((id, dist))
    }

    fn step(&mut self, st: &raw::RawStep) -> Option<StoryStep> {
        let before = self.diags.len();
        let set: Vec<_> = st.set.iter().filter_map(|s| self.setting(s)).collect();
        let panel = match &st.panel {
            None => {
                self.push(
                    Diagnostic::at(
                        self.source,
                        st.span,
                        "missing-field",
                        format!("{}.panel", st.path),
                        "this story step has no `panel`",
                    )
                    .expected(panel_list()),
                );
                None
            }
            Some(p) => Panel::from_name(&p.value).or_else(|| {
                let names = Panel::ALL.map(|p| p.name());
                let hint = did_you_mean(&p.value, names)
                    .unwrap_or_else(|| format!("panels: {}", names.join(", ")));
                self.push(
                    Diagnostic::at(
                        self.source,
                        p.span,
                        "unknown-panel",
                        format!("{}.panel", st.path),
                        format!("unknown panel `{}`", p.value),
                    )
                    .expected(panel_list())
                    .hint(hint),
                );
                None
            }),
        };
        if let Some(m) = &st.metric
            && !METRICS.iter().any(|x| x.key == m.value)
        {
            let hint = did_you_mean(&m.value, METRICS.iter().map(|x| x.key))
                .unwrap_or_else(|| "`chipcast run --help` lists the metric ids".into());
            self.push(
                Diagnostic::at(
                    self.source,
                    m.span,
                    "unknown-metric",
                    format!("{}.metric", st.path),
                    format!("unknown metric `{}`", m.value),
                )
                .hint(hint),
            );
        }
        let caption = match &st.caption {
            Some(c) => c.value.clone(),
            None => {
                self.push(
                    Diagnostic::at(
                        self.source,
                        st.span,
                        "missing-field",
                        format!("{}.caption", st.path),
                        "this story step has no `caption`",
                    )
                    .expected("`caption: \"...\"`"),
                );
                String::new()
            }
        };
        if self.diags.len() > before {
            return None;
        }
        Some(StoryStep {
            caption,
            set,
            panel: panel?,
            metric: st.metric.as_ref().map(|m| m.value.clone()),
        })
    }
}

fn panel_list() -> String {
    format!("one of {}", Panel::ALL.map(|p| p.name()).join(", "))
}

/// Reads a lever's value: a bool, an option name, a number or a distribution, checked against
/// the lever's kind and range.
pub fn lever_value(
    source: &Source,
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
    source: &Source,
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
        } if DISTRIBUTIONS.iter().any(|(n, _)| *n == name.name) => {
            let wanted = DISTRIBUTIONS
                .iter()
                .find(|(n, _)| *n == name.name)
                .map(|(_, f)| *f)
                .unwrap_or(&[]);
            let mut got: Vec<(&str, f64)> = Vec::new();
            let before = diags.len();
            for (ident, v) in fields {
                let path = format!("{field}.{}", ident.name);
                if !wanted.contains(&ident.name.as_str()) {
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
                } else if got.iter().any(|(n, _)| *n == ident.name) {
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
                    let checked = if ident.name == "sd" {
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
                    if let Some(n) = checked {
                        got.push((
                            wanted
                                .iter()
                                .find(|w| **w == ident.name)
                                .copied()
                                .unwrap_or(""),
                            n,
                        ));
                    }
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
            let g = |k: &str| got.iter().find(|(n, _)| *n == k).map_or(0.0, |(_, v)| *v);
            let inverted = |diags: &mut Vec<Diagnostic>, msg: String| {
                diags.push(
                    Diagnostic::at(source, value.span, "inverted-bounds", field, msg)
                        .expected("low <= mode <= high, low < high")
                        .hint("swap the bounds"),
                );
            };
            match name.name.as_str() {
                "Uniform" => {
                    if g("low") >= g("high") {
                        inverted(
                            diags,
                            format!(
                                "`Uniform` has low {} not below high {}",
                                fmt(g("low")),
                                fmt(g("high"))
                            ),
                        );
                        return None;
                    }
                    Some(Dist::Uniform {
                        low: g("low"),
                        high: g("high"),
                    })
                }
                "Triangular" => {
                    let (low, mode, high) = (g("low"), g("mode"), g("high"));
                    if !(low <= mode && mode <= high && low < high) {
                        inverted(
                            diags,
                            format!(
                                "`Triangular` needs low <= mode <= high with low < high; found {}, {}, {}",
                                fmt(low),
                                fmt(mode),
                                fmt(high)
                            ),
                        );
                        return None;
                    }
                    Some(Dist::Triangular { low, mode, high })
                }
                _ => Some(Dist::Normal {
                    mean: g("mean"),
                    sd: g("sd"),
                }),
            }
        }
        _ => {
            let hint = match &value.kind {
                ValueKind::Struct { name: Some(n), .. }
                | ValueKind::Tuple { name: Some(n), .. } => {
                    did_you_mean(&n.name, DISTRIBUTIONS.iter().map(|(d, _)| *d))
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

/// Distribution names and their fields.
const DISTRIBUTIONS: &[(&str, &[&str])] = &[
    ("Uniform", &["low", "high"]),
    ("Triangular", &["low", "mode", "high"]),
    ("Normal", &["mean", "sd"]),
];

fn distribution_hint() -> String {
    "write a number, Fixed(x), Uniform(low: a, high: b), Triangular(low: a, mode: m, high: b) or Normal(mean: m, sd: s)".into()
}

fn fmt(n: f64) -> String {
    crate::model::levers::format_number(n)
}

/// Parses one `LEVER=VALUE` or `LEVER=VALUE@YEAR` override from the command line, with the
/// same checks as a file. Without `@YEAR` the value holds for the whole horizon; with it, from
/// that year on (earlier years keep the scenario's path). The year is split off at the last
/// `@`, so a distribution's text never hides it.
pub fn parse_override(arg: &str) -> Result<Override, Diagnostic> {
    let source = Source::new("--set", arg.to_string());
    let Some((key, rest)) = arg.split_once('=') else {
        return Err(Diagnostic::at(
            &source,
            Span::new(0, arg.len()),
            "bad-override",
            "",
            format!("`{}` is not LEVER=VALUE", crate::scenario::sanitize(arg)),
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
    let value = syntax::parse(value_text).map_err(|e| {
        Diagnostic::at(
            &source,
            Span::new(offset + e.span.start, offset + e.span.end),
            "syntax",
            key,
            e.message,
        )
        .maybe_hint(e.hint)
    })?;
    let value = shift(value, offset);
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
fn override_year(source: &Source, key: &str, arg: &str, start: usize) -> Result<i32, Diagnostic> {
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
            crate::scenario::sanitize(trimmed)
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

/// Moves every span of a value by `by` bytes (a value parsed from a slice of a larger text).
fn shift(mut v: Value, by: usize) -> Value {
    v.span = Span::new(v.span.start + by, v.span.end + by);
    v.kind = match v.kind {
        ValueKind::Struct { name, fields } => ValueKind::Struct {
            name: name.map(|mut n| {
                n.span = Span::new(n.span.start + by, n.span.end + by);
                n
            }),
            fields: fields
                .into_iter()
                .map(|(mut i, x)| {
                    i.span = Span::new(i.span.start + by, i.span.end + by);
                    (i, shift(x, by))
                })
                .collect(),
        },
        ValueKind::Tuple { name, items } => ValueKind::Tuple {
            name,
            items: items.into_iter().map(|x| shift(x, by)).collect(),
        },
        other => other,
    };
    v
}

/// Parses several overrides, reporting every bad one.
pub fn parse_overrides(args: &[String]) -> Result<Overrides, Vec<Diagnostic>> {
    let mut out = Overrides::default();
    let mut diags = Vec::new();
    for arg in args {
        match parse_override(arg) {
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
