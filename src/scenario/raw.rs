//! The scenario file's shape, one to one with the RON text, every value with its span; and the
//! decoder that reads it from the value tree (`ron_tree`), reporting every shape problem it finds (unknown
//! or duplicate fields, wrong types, control characters in text) rather than only the first.
//!
//! Lever values stay as value trees here: what they must be depends on the lever table, which
//! `validate` consults.

use crate::diag::{Diagnostic, SourceText, Span, did_you_mean};
use crate::ron_tree::{Ident, Value, ValueKind};

/// One enum per struct of the file: its fields' names, in the order messages list them. The
/// decoder matches on the enum, so a name added here without an arm to read it does not
/// compile (and no arm can catch a field meant for another). The enums are the decoder's
/// own, private to this module.
macro_rules! field_names {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum $name {
            $($variant),+
        }

        impl FieldName for $name {
            const NAMES: &'static [&'static str] = &[$($text),+];

            fn from_name(name: &str) -> Option<$name> {
                match name {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

/// The fields a struct of the file may have.
trait FieldName: Copy + Sized {
    /// Every field's name, in the order messages list them.
    const NAMES: &'static [&'static str];
    /// The field written `name`, or `None` if this struct has no such field.
    fn from_name(name: &str) -> Option<Self>;
}

field_names!(
    /// The top-level fields of a scenario.
    ScenarioField {
        Version = "version",
        Name = "name",
        Description = "description",
        Extends = "extends",
        Horizon = "horizon",
        Levers = "levers",
        Schedule = "schedule",
        Volatility = "volatility",
        Annotations = "annotations",
        Observations = "observations",
        Sources = "sources",
        Story = "story",
    }
);
field_names!(
    /// The fields of `horizon: (first: 2024, last: 2032)`.
    HorizonField { First = "first", Last = "last" }
);
field_names!(
    /// The fields of an entry of `observations`.
    ObservationField { Metric = "metric", Year = "year", Value = "value", Low = "low", High = "high", Source = "source" }
);
field_names!(
    /// The fields of an entry of `annotations`.
    AnnotationField { Year = "year", Label = "label" }
);
field_names!(
    /// The fields of a dated change, an entry of `schedule`.
    ChangeField { Year = "year", Month = "month", Label = "label", Set = "set" }
);
field_names!(
    /// The fields of a story step, an entry of `story`.
    SlideField { Caption = "caption", Panel = "panel", Metric = "metric", Set = "set", Year = "year", Compare = "compare", From = "from" }
);
field_names!(
    /// A lever value with its citation: `(value: 0.4, source: "key")`.
    CitedField { Value = "value", Source = "source" }
);
field_names!(
    /// The fields of `volatility`: the yearly odds of policy switches.
    VolatilityField {
    UsPolicySwitch = "us_policy_switch",
    ChinaAcceptanceFlip = "china_acceptance_flip",
    UsPolicyRevert = "us_policy_revert",
    ChinaAcceptanceRevert = "china_acceptance_revert",
    ChinaCounter = "china_counter",
    }
);

/// The newest format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A value with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    /// The value as read (numbers as `f64`, even where a whole number is needed).
    pub value: T,
    /// Where the value is in the file, for diagnostics that point at it.
    pub span: Span,
}

/// A lever set by id: `hub_enforcement: 0.4` or `hub_enforcement: (value: 0.4, source: "key")`.
#[derive(Clone, Debug, PartialEq)]
pub struct RawSetting {
    /// The lever's id as written, with its span; `validate` checks it against the lever table.
    pub lever: Ident,
    /// The value's tree as written: a bool, an option name, a number or a distribution
    /// (`Uniform(0.1, 0.3)`), checked against the lever's kind in `validate`.
    pub value: Value,
    /// The key of the source the value cites (`source: "key"`), if it cites one; it must be
    /// listed in `sources` of this file or an ancestor.
    pub source: Option<Spanned<String>>,
    /// The field path of the value, for messages (`levers.hub_enforcement`).
    pub path: String,
}

/// `horizon: (first: 2024, last: 2032)`: the years projected, both ends included.
#[derive(Clone, Debug, PartialEq)]
pub struct RawHorizon {
    /// The first year projected, if written (a whole year, checked in `validate`).
    pub first: Option<Spanned<f64>>,
    /// The last year projected, if written (not before `first`, checked in `validate`).
    pub last: Option<Spanned<f64>>,
    /// The whole `( ... )`, for problems with the horizon as a whole (such as inverted ends).
    pub span: Span,
}

/// A dated change, an entry of `schedule`: levers that take new values from a year (and
/// month) on.
#[derive(Clone, Debug, PartialEq)]
pub struct RawChange {
    /// The year the change takes effect (absent is reported as missing, unless the entry
    /// already has a problem).
    pub year: Option<Spanned<f64>>,
    /// The first month in force (1..=12; checked in `validate`; absent is January).
    pub month: Option<Spanned<f64>>,
    /// What the change is, for charts and the explorer (`"H20 licence rule"`).
    pub label: Option<Spanned<String>>,
    /// The levers the change sets, in the order written.
    pub set: Vec<RawSetting>,
    /// The whole entry, for problems with it as a whole (it sets no lever).
    pub span: Span,
    /// The entry's field path, for messages (`schedule[2]`).
    pub path: String,
}

/// An entry of `observations`: an observed figure (a value, or a low-high range) of a metric
/// in a year, with its source key; charts draw it beside the projection.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RawObservation {
    /// The metric's id (`domestic_accelerators`).
    pub metric: Option<Spanned<String>>,
    /// The year of the figure.
    pub year: Option<Spanned<f64>>,
    /// A single value.
    pub value: Option<Spanned<f64>>,
    /// The low end of a range.
    pub low: Option<Spanned<f64>>,
    /// The high end of a range.
    pub high: Option<Spanned<f64>>,
    /// The key of its citation in `sources`.
    pub source: Option<Spanned<String>>,
    /// The entry's field path, for messages (`observations[0]`).
    pub path: String,
    /// Where the entry is, for messages about a missing field.
    pub span: Span,
}

/// An entry of `annotations`: a labelled year marked on charts, setting nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct RawAnnotation {
    /// The year marked (within the horizon, checked in `validate`).
    pub year: Option<Spanned<f64>>,
    /// The text shown at the mark.
    pub label: Option<Spanned<String>>,
    /// The entry's field path, for messages (`annotations[0]`).
    pub path: String,
}

/// A story step, an entry of `story`: a caption, the panel to show and levers to set, played
/// one at a time by the presentation mode.
#[derive(Clone, Debug, PartialEq)]
pub struct RawSlide {
    /// The text shown with the step (newlines allowed).
    pub caption: Option<Spanned<String>>,
    /// The panel's name, written bare (`output`) or quoted; checked against the panels in
    /// `validate`.
    pub panel: Option<Spanned<String>>,
    /// The id of the metric the step highlights, if any; checked against the metric table.
    pub metric: Option<Spanned<String>>,
    /// The levers the step sets, on top of the scenario and the steps before it.
    pub set: Vec<RawSetting>,
    /// The year the step's headline is read in, if the step names one.
    pub year: Option<Spanned<f64>>,
    /// The year the step's settings apply from, if not every year.
    pub from: Option<Spanned<f64>>,
    /// What the step's delta is against (`file`, `previous` or `pin`), written bare or quoted.
    pub compare: Option<Spanned<String>>,
    /// The whole entry, for problems with it as a whole (a missing caption or panel).
    pub span: Span,
    /// The entry's field path, for messages (`story[1]`).
    pub path: String,
}

/// `volatility: ( ... )`: the yearly odds of policy switches in Monte Carlo samples, each a
/// probability from 0 to 1; a field not written keeps the parent's (or the default) value.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RawVolatility {
    /// Probability per year that US accelerator policy moves one step, tighter or looser.
    pub us_policy_switch: Option<Spanned<f64>>,
    /// Probability per year that China's acceptance of US chips flips.
    pub china_acceptance_flip: Option<Spanned<f64>>,
    /// Probability per year that a US policy off the dated path returns to it.
    pub us_policy_revert: Option<Spanned<f64>>,
    /// Probability per year that China's acceptance off the dated path returns to it.
    pub china_acceptance_revert: Option<Spanned<f64>>,
    /// Probability that a sampled US easing is met in the same year by a Chinese restriction.
    pub china_counter: Option<Spanned<f64>>,
}

/// A scenario file as written.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RawScenario {
    /// The file format version (a whole number from 1 to [`FORMAT_VERSION`]).
    pub version: Option<Spanned<f64>>,
    /// The scenario's name, shown in titles and tables (required).
    pub name: Option<Spanned<String>>,
    /// What the scenario assumes, in prose (newlines allowed).
    pub description: Option<Spanned<String>>,
    /// The parent scenario: a path relative to this file's folder, or a bundled scenario's
    /// name; this file's settings apply over the parent's.
    pub extends: Option<Spanned<String>>,
    /// The years projected, if the file sets them.
    pub horizon: Option<RawHorizon>,
    /// The levers set from the first year on, in the order written.
    pub levers: Vec<RawSetting>,
    /// The dated changes, in the order written (`validate` requires year and month order).
    pub schedule: Vec<RawChange>,
    /// The yearly odds of policy switches, if the file sets any.
    pub volatility: Option<RawVolatility>,
    /// Labelled years to mark on charts.
    pub annotations: Vec<RawAnnotation>,
    /// `observations`, in file order.
    pub observations: Vec<RawObservation>,
    /// The `sources` map: each source's key and its full citation, in the order written,
    /// duplicates dropped.
    pub sources: Vec<(Spanned<String>, Spanned<String>)>,
    /// The story's steps; `None` when the file has no `story` field (a scenario without a
    /// story inherits its parent's), `Some` even when the list is empty.
    pub story: Option<Vec<RawSlide>>,
    /// The whole file's value, for problems with the scenario as a whole (a missing `name`).
    pub span: Span,
}

/// The top-level fields a scenario may have.
pub const SCENARIO_FIELDS: &[&str] = ScenarioField::NAMES;

/// Reads the value tree of a whole file into a `RawScenario`, adding a diagnostic per problem.
pub fn decode(source: &SourceText, root: &Value, out: &mut Vec<Diagnostic>) -> RawScenario {
    let mut d = Decoder { source, out };
    let mut raw = RawScenario {
        span: root.span,
        ..RawScenario::default()
    };
    if let ValueKind::Struct {
        name: Some(name), ..
    } = &root.kind
        && name.name != "Scenario"
    {
        let diag = Diagnostic::at(
            source,
            name.span,
            "wrong-type",
            "",
            format!("the file holds `{}(...)`, not a scenario", name.name),
        )
        .expected("`Scenario( ... )`");
        d.out.push(diag);
    }
    let Some(fields) = d.fields::<ScenarioField>(root, "", "a scenario `Scenario( ... )`") else {
        return raw;
    };
    for (field, ident, value) in fields {
        let path = ident.name.clone();
        match field {
            ScenarioField::Version => raw.version = d.number(value, &path),
            ScenarioField::Name => raw.name = d.text(value, &path, false),
            ScenarioField::Description => raw.description = d.text(value, &path, true),
            ScenarioField::Extends => raw.extends = d.text(value, &path, false),
            ScenarioField::Horizon => raw.horizon = d.horizon(value, &path),
            ScenarioField::Levers => raw.levers = d.settings(value, &path),
            ScenarioField::Schedule => {
                raw.schedule = d
                    .list(value, &path)
                    .into_iter()
                    .filter_map(|(v, p)| d.change(v, p))
                    .collect();
            }
            ScenarioField::Volatility => raw.volatility = d.volatility(value, &path),
            ScenarioField::Annotations => {
                raw.annotations = d
                    .list(value, &path)
                    .into_iter()
                    .filter_map(|(v, p)| {
                        let fields = d.fields::<AnnotationField>(
                            v,
                            &p,
                            "an annotation `(year: 2025, label: \"...\")`",
                        )?;
                        let mut a = RawAnnotation {
                            year: None,
                            label: None,
                            path: p.clone(),
                        };
                        for (field, ident, value) in fields {
                            let fp = format!("{p}.{}", ident.name);
                            match field {
                                AnnotationField::Year => a.year = d.number(value, &fp),
                                AnnotationField::Label => a.label = d.text(value, &fp, false),
                            }
                        }
                        Some(a)
                    })
                    .collect();
            }
            ScenarioField::Observations => {
                raw.observations = d
                    .list(value, &path)
                    .into_iter()
                    .filter_map(|(v, p)| {
                        let fields = d.fields::<ObservationField>(
                            v,
                            &p,
                            "an observation `(metric: \"...\", year: 2025, value: 1.0, source: \"key\")`",
                        )?;
                        let mut o = RawObservation {
                            path: p.clone(),
                            span: v.span,
                            ..RawObservation::default()
                        };
                        for (field, ident, value) in fields {
                            let fp = format!("{p}.{}", ident.name);
                            match field {
                                ObservationField::Metric => o.metric = d.text(value, &fp, false),
                                ObservationField::Year => o.year = d.number(value, &fp),
                                ObservationField::Value => o.value = d.number(value, &fp),
                                ObservationField::Low => o.low = d.number(value, &fp),
                                ObservationField::High => o.high = d.number(value, &fp),
                                ObservationField::Source => o.source = d.text(value, &fp, false),
                            }
                        }
                        Some(o)
                    })
                    .collect();
            }
            ScenarioField::Sources => raw.sources = d.sources(value, &path),
            ScenarioField::Story => {
                raw.story = Some(
                    d.list(value, &path)
                        .into_iter()
                        .filter_map(|(v, p)| d.slide(v, p))
                        .collect(),
                );
            }
        }
    }
    raw
}

struct Decoder<'a> {
    source: &'a SourceText,
    out: &'a mut Vec<Diagnostic>,
}

impl Decoder<'_> {
    fn wrong_type(&mut self, value: &Value, field: &str, expected: &str) {
        let found = value.kind.describe();
        let d = Diagnostic::at(
            self.source,
            value.span,
            "wrong-type",
            field,
            format!("expected {expected}, found {found}"),
        )
        .expected(expected.to_string());
        self.out.push(d);
    }

    /// The fields of a struct value, reporting unknown and duplicate names.
    fn fields<'v, F: FieldName>(
        &mut self,
        value: &'v Value,
        path: &str,
        what: &str,
    ) -> Option<Vec<(F, &'v Ident, &'v Value)>> {
        let allowed = F::NAMES;
        let ValueKind::Struct { fields, .. } = &value.kind else {
            // `()` reads as an empty tuple; treat it as a struct with no fields.
            if matches!(&value.kind, ValueKind::Tuple { items, .. } if items.is_empty()) {
                return Some(Vec::new());
            }
            self.wrong_type(value, path, what);
            return None;
        };
        let mut seen: Vec<&str> = Vec::new();
        let mut kept = Vec::new();
        for (ident, v) in fields {
            let field_path = join(path, &ident.name);
            let Some(field) = F::from_name(&ident.name) else {
                let d = Diagnostic::at(
                    self.source,
                    ident.span,
                    "unknown-field",
                    field_path,
                    format!("unknown field `{}`", ident.name),
                )
                .expected(format!("one of {}", allowed.join(", ")))
                .maybe_hint(did_you_mean(&ident.name, allowed.iter().copied()));
                self.out.push(d);
                continue;
            };
            if seen.contains(&ident.name.as_str()) {
                let d = Diagnostic::at(
                    self.source,
                    ident.span,
                    "duplicate-key",
                    field_path,
                    format!("`{}` is set twice", ident.name),
                )
                .hint("remove one of them: only one value can hold");
                self.out.push(d);
            } else {
                seen.push(&ident.name);
                kept.push((field, ident, v));
            }
        }
        Some(kept)
    }

    fn number(&mut self, value: &Value, path: &str) -> Option<Spanned<f64>> {
        match value.kind {
            ValueKind::Number(n) => Some(Spanned {
                value: n,
                span: value.span,
            }),
            _ => {
                self.wrong_type(value, path, "a number");
                None
            }
        }
    }

    /// A string without control characters (newlines allowed where `multiline`).
    fn text(&mut self, value: &Value, path: &str, multiline: bool) -> Option<Spanned<String>> {
        let ValueKind::Str(s) = &value.kind else {
            self.wrong_type(value, path, "a string in double quotes");
            return None;
        };
        if let Some(c) = s
            .chars()
            .find(|&c| c.is_control() && !(multiline && c == '\n'))
        {
            let d = Diagnostic::at(
                self.source,
                value.span,
                "control-character",
                path,
                format!("the text holds the control character U+{:04X}", c as u32),
            )
            .expected("printable text")
            .hint("remove it: control characters could drive the terminal");
            self.out.push(d);
            // Keep the field (sanitized) so it is not also reported as missing.
            return Some(Spanned {
                value: crate::diag::sanitize(s),
                span: value.span,
            });
        }
        Some(Spanned {
            value: s.clone(),
            span: value.span,
        })
    }

    fn list<'v>(&mut self, value: &'v Value, path: &str) -> Vec<(&'v Value, String)> {
        match &value.kind {
            ValueKind::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (v, format!("{path}[{i}]")))
                .collect(),
            _ => {
                self.wrong_type(value, path, "a list `[ ... ]`");
                Vec::new()
            }
        }
    }

    fn horizon(&mut self, value: &Value, path: &str) -> Option<RawHorizon> {
        let fields =
            self.fields::<HorizonField>(value, path, "a horizon `(first: 2024, last: 2032)`")?;
        let mut h = RawHorizon {
            first: None,
            last: None,
            span: value.span,
        };
        for (field, ident, v) in fields {
            let fp = join(path, &ident.name);
            match field {
                HorizonField::First => h.first = self.number(v, &fp),
                HorizonField::Last => h.last = self.number(v, &fp),
            }
        }
        Some(h)
    }

    /// `( lever_id: value, ... )` — lever ids are checked against the table in `validate`.
    fn settings(&mut self, value: &Value, path: &str) -> Vec<RawSetting> {
        let fields = match &value.kind {
            ValueKind::Struct { fields, .. } => fields,
            ValueKind::Tuple { items, .. } if items.is_empty() => return Vec::new(),
            _ => {
                self.wrong_type(value, path, "lever settings `(lever_id: value, ...)`");
                return Vec::new();
            }
        };
        let mut out: Vec<RawSetting> = Vec::new();
        // The names in `out`, as a set: a file may hold many thousands of settings.
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (ident, v) in fields {
            let field_path = join(path, &ident.name);
            if let Some(last) = out.last() {
                seen.insert(last.lever.name.clone());
            }
            if seen.contains(&ident.name) {
                let d = Diagnostic::at(
                    self.source,
                    ident.span,
                    "duplicate-key",
                    field_path,
                    format!("lever `{}` is set twice", ident.name),
                )
                .hint("remove one of them: only one value can hold");
                self.out.push(d);
                continue;
            }
            // `(value: ..., source: "key")` cites a source; anything else is the value itself.
            let cited = match &v.kind {
                ValueKind::Struct { name: None, fields } => {
                    fields.iter().any(|(f, _)| f.name == "value")
                }
                _ => false,
            };
            if cited {
                let Some(parts) = self.fields::<CitedField>(v, &field_path, "a lever value") else {
                    continue;
                };
                let mut setting_value = None;
                let mut source = None;
                for (part, _, v2) in parts {
                    match part {
                        CitedField::Value => setting_value = Some(v2.clone()),
                        CitedField::Source => {
                            source = self.text(v2, &join(&field_path, "source"), false)
                        }
                    }
                }
                if let Some(value) = setting_value {
                    out.push(RawSetting {
                        lever: ident.clone(),
                        value,
                        source,
                        path: field_path,
                    });
                }
            } else {
                out.push(RawSetting {
                    lever: ident.clone(),
                    value: v.clone(),
                    source: None,
                    path: field_path,
                });
            }
        }
        out
    }

    fn change(&mut self, value: &Value, path: String) -> Option<RawChange> {
        let before = self.out.len();
        let fields = self.fields::<ChangeField>(
            value,
            &path,
            "a dated change `(year: 2025, month: 4, label: \"...\", set: (...))`",
        )?;
        let mut c = RawChange {
            year: None,
            month: None,
            label: None,
            set: Vec::new(),
            span: value.span,
            path: path.clone(),
        };
        for (field, ident, v) in fields {
            let fp = join(&path, &ident.name);
            match field {
                ChangeField::Year => c.year = self.number(v, &fp),
                ChangeField::Month => match v.kind {
                    ValueKind::Number(n) => {
                        c.month = Some(Spanned {
                            value: n,
                            span: v.span,
                        })
                    }
                    _ => {
                        let found = v.kind.describe();
                        let d = Diagnostic::at(
                            self.source,
                            v.span,
                            "wrong-type",
                            fp,
                            format!("expected a month number, found {found}"),
                        )
                        .expected("a whole month from 1 to 12")
                        .hint("write the month as a bare number: `month: 4` is April (no quotes)");
                        self.out.push(d);
                    }
                },
                ChangeField::Label => c.label = self.text(v, &fp, false),
                ChangeField::Set => c.set = self.settings(v, &fp),
            }
        }
        // Only this change's diagnostics can name its path (those before it name earlier ones).
        if c.year.is_none()
            && !self.out[before..]
                .iter()
                .any(|d| d.field.starts_with(&path))
        {
            let d = Diagnostic::at(
                self.source,
                value.span,
                "missing-field",
                path.clone(),
                "this dated change has no `year`",
            )
            .expected("`year: 2025`");
            self.out.push(d);
        }
        Some(c)
    }

    fn slide(&mut self, value: &Value, path: String) -> Option<RawSlide> {
        let fields = self.fields::<SlideField>(
            value,
            &path,
            "a story step `(caption: \"...\", panel: output, set: (...))`",
        )?;
        let mut s = RawSlide {
            caption: None,
            panel: None,
            metric: None,
            set: Vec::new(),
            year: None,
            from: None,
            compare: None,
            span: value.span,
            path: path.clone(),
        };
        for (field, ident, v) in fields {
            let fp = join(&path, &ident.name);
            match field {
                SlideField::Caption => s.caption = self.text(v, &fp, true),
                SlideField::Panel => {
                    s.panel = match &v.kind {
                        ValueKind::Ident(name) => Some(Spanned {
                            value: name.clone(),
                            span: v.span,
                        }),
                        _ => self.text(v, &fp, false),
                    }
                }
                SlideField::Metric => s.metric = self.text(v, &fp, false),
                SlideField::Set => s.set = self.settings(v, &fp),
                SlideField::Year => s.year = self.number(v, &fp),
                SlideField::From => s.from = self.number(v, &fp),
                SlideField::Compare => {
                    s.compare = match &v.kind {
                        ValueKind::Ident(name) => Some(Spanned {
                            value: name.clone(),
                            span: v.span,
                        }),
                        _ => self.text(v, &fp, false),
                    }
                }
            }
        }
        Some(s)
    }

    fn volatility(&mut self, value: &Value, path: &str) -> Option<RawVolatility> {
        let fields = self.fields::<VolatilityField>(
            value,
            path,
            "`(us_policy_switch: 0.1, china_acceptance_flip: 0.1, us_policy_revert: 0.3, \
             china_acceptance_revert: 0.3, china_counter: 0.75)`",
        )?;
        let mut v = RawVolatility::default();
        for (field, ident, value) in fields {
            let fp = join(path, &ident.name);
            let n = self.number(value, &fp);
            match field {
                VolatilityField::UsPolicySwitch => v.us_policy_switch = n,
                VolatilityField::ChinaAcceptanceFlip => v.china_acceptance_flip = n,
                VolatilityField::UsPolicyRevert => v.us_policy_revert = n,
                VolatilityField::ChinaAcceptanceRevert => v.china_acceptance_revert = n,
                VolatilityField::ChinaCounter => v.china_counter = n,
            }
        }
        Some(v)
    }

    fn sources(&mut self, value: &Value, path: &str) -> Vec<(Spanned<String>, Spanned<String>)> {
        let ValueKind::Map(entries) = &value.kind else {
            self.wrong_type(value, path, "a map `{ \"key\": \"citation\", ... }`");
            return Vec::new();
        };
        let mut out: Vec<(Spanned<String>, Spanned<String>)> = Vec::new();
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (k, v) in entries {
            let Some(key) = self.text(k, path, false) else {
                continue;
            };
            let fp = format!("{path}.{}", key.value);
            if let Some((last, _)) = out.last() {
                seen.insert(last.value.clone());
            }
            if seen.contains(&key.value) {
                let d = Diagnostic::at(
                    self.source,
                    k.span,
                    "duplicate-key",
                    fp,
                    format!("source `{}` is listed twice", key.value),
                )
                .hint("keep one entry per key");
                self.out.push(d);
                continue;
            }
            if let Some(citation) = self.text(v, &fp, false) {
                out.push((key, citation));
            }
        }
        out
    }
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}
