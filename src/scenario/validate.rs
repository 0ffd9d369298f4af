//! Validation: one file's shape merged over its parent (or the defaults), every value checked
//! against the lever table, the horizon, the schedule's order and the sources it cites — every
//! problem reported with its span, all in one pass.

use crate::diag::{Diagnostic, SourceText, Span, did_you_mean};
use crate::model::levers::{LEVERS, LeverId};
use crate::model::metrics::METRICS;
use crate::model::scenario::{
    self, Annotation, DEFAULT_HORIZON, Dist, MAX_YEAR, MIN_YEAR, PolicyChange, Scenario,
};
use crate::scenario::story::{Compare, Panel, Slide};

use super::raw::{self, FORMAT_VERSION, RawScenario, RawSetting, Spanned};
use super::read::Origin;
use super::value::lever_value;

/// Applies one file's settings over its parent (or the defaults), validating each. The story
/// is the file's own when it has one, else the parent's.
pub(super) fn apply(
    origin: &Origin,
    source: &SourceText,
    (mut s, mut story): (Scenario, Vec<Slide>),
    raw: &RawScenario,
    diags: &mut Vec<Diagnostic>,
) -> (Scenario, Vec<Slide>) {
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
            let when = |(y, m): (i32, u8)| scenario::when(y, m);
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
        if let Some(cite) = &setting.source {
            known_source(&mut v, source, &s, cite, &setting.path);
        }
    }

    for o in &raw.observations {
        if let Some(obs) = observation(&mut v, source, &s, o) {
            s.observations.push(obs);
        }
    }

    if let Some(steps) = &raw.story {
        let horizon = (s.first_year, s.last_year);
        story = steps.iter().filter_map(|st| v.slide(st, horizon)).collect();
    }
    (s, story)
}

struct Validator<'a> {
    source: &'a SourceText,
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
            // Suggestions cost a comparison with every lever: only for the diagnostics that
            // are shown (a file with thousands of unknown levers gets the plain hint beyond).
            let suggestion = if self.diags.len() < crate::diag::MAX_SHOWN {
                did_you_mean(&s.lever.name, LEVERS.iter().map(|l| l.key))
            } else {
                None
            };
            let hint = suggestion.unwrap_or_else(|| "`chipcast levers` lists every lever".into());
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

    fn slide(&mut self, st: &raw::RawSlide, horizon: (i32, i32)) -> Option<Slide> {
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
        let in_horizon = |v: &mut Self, y: &Spanned<f64>, what: &str| -> Option<i32> {
            let field = format!("{}.{what}", st.path);
            let year = v.year(y, &field)?;
            if !(horizon.0..=horizon.1).contains(&year) {
                v.push(
                    Diagnostic::at(
                        v.source,
                        y.span,
                        "story-year-outside-horizon",
                        field,
                        format!(
                            "the step's {what} {year} is outside the horizon {}-{}",
                            horizon.0, horizon.1
                        ),
                    )
                    .expected(format!("a year from {} to {}", horizon.0, horizon.1)),
                );
                return None;
            }
            Some(year)
        };
        let year = st.year.as_ref().and_then(|y| in_horizon(self, y, "year"));
        let from = st.from.as_ref().and_then(|y| in_horizon(self, y, "from"));
        let compare = match &st.compare {
            None => Compare::default(),
            Some(c) => match Compare::ALL.into_iter().find(|x| x.name() == c.value) {
                Some(x) => x,
                None => {
                    let names = Compare::ALL.map(Compare::name);
                    let hint = did_you_mean(&c.value, names)
                        .unwrap_or_else(|| format!("one of {}", names.join(", ")));
                    self.push(
                        Diagnostic::at(
                            self.source,
                            c.span,
                            "unknown-compare",
                            format!("{}.compare", st.path),
                            format!("unknown comparison `{}`", c.value),
                        )
                        .expected("file, previous or pin")
                        .hint(hint),
                    );
                    Compare::default()
                }
            },
        };
        if self.diags.len() > before {
            return None;
        }
        Some(Slide {
            caption,
            set,
            panel: panel?,
            metric: st.metric.as_ref().map(|m| m.value.clone()),
            year,
            compare,
            from,
        })
    }
}

fn panel_list() -> String {
    format!("one of {}", Panel::ALL.map(|p| p.name()).join(", "))
}

/// One entry of `observations` checked: a known metric, a year within the horizon, either a
/// `value` or a `low`-`high` range of finite numbers (low ≤ high), and a `source` the file or
/// an ancestor lists. `None`, with diagnostics, otherwise.
fn observation(
    v: &mut Validator<'_>,
    source: &SourceText,
    s: &Scenario,
    o: &raw::RawObservation,
) -> Option<crate::model::scenario::Observation> {
    let missing = |v: &mut Validator<'_>, field: &str, expected: &str| {
        v.push(
            Diagnostic::at(
                source,
                o.span,
                "missing-field",
                format!("{}.{field}", o.path),
                format!("this observation has no `{field}`"),
            )
            .expected(expected.to_string()),
        );
    };
    let Some(metric) = &o.metric else {
        missing(v, "metric", "`metric: \"domestic_accelerators\"`");
        return None;
    };
    let Some(id) = crate::model::metrics::MetricId::from_key(&metric.value) else {
        let hint = did_you_mean(&metric.value, METRICS.iter().map(|m| m.key))
            .unwrap_or_else(|| "`chipcast run --help` lists every metric id".to_string());
        v.push(
            Diagnostic::at(
                source,
                metric.span,
                "unknown-metric",
                format!("{}.metric", o.path),
                format!("no metric is called `{}`", metric.value),
            )
            .hint(hint),
        );
        return None;
    };
    let Some(y) = &o.year else {
        missing(v, "year", "`year: 2025`");
        return None;
    };
    let year = v.year(y, &format!("{}.year", o.path))?;
    if year < s.first_year || year > s.last_year {
        v.push(
            Diagnostic::at(
                source,
                y.span,
                "observation-outside-horizon",
                format!("{}.year", o.path),
                format!(
                    "the observation year {year} is outside the horizon {}-{}",
                    s.first_year, s.last_year
                ),
            )
            .expected(format!("a year from {} to {}", s.first_year, s.last_year)),
        );
        return None;
    }
    let (low, high) = match (&o.value, &o.low, &o.high) {
        (Some(x), None, None) => (x, x),
        (None, Some(lo), Some(hi)) => (lo, hi),
        _ => {
            v.push(
                Diagnostic::at(
                    source,
                    o.span,
                    "bad-observation",
                    o.path.clone(),
                    "an observation gives either `value` or both `low` and `high`",
                )
                .expected("`value: 200000.0` or `low: 200000.0, high: 805000.0`"),
            );
            return None;
        }
    };
    for n in [low, high] {
        if !n.value.is_finite() || n.value < 0.0 {
            v.push(Diagnostic::at(
                source,
                n.span,
                "bad-observation",
                o.path.clone(),
                format!(
                    "{} is not a figure a metric can take (a finite number, 0 or more)",
                    n.value
                ),
            ));
            return None;
        }
    }
    if low.value > high.value {
        v.push(
            Diagnostic::at(
                source,
                low.span,
                "bad-observation",
                format!("{}.low", o.path),
                format!("`low` {} is above `high` {}", low.value, high.value),
            )
            .hint("swap them"),
        );
        return None;
    }
    let Some(cite) = &o.source else {
        missing(v, "source", "`source: \"key\"` (a key of `sources`)");
        return None;
    };
    if !known_source(v, source, s, cite, &o.path) {
        return None;
    }
    Some(crate::model::scenario::Observation {
        metric: id,
        year,
        low: low.value,
        high: high.value,
        source: cite.value.clone(),
    })
}

/// Whether `cite` (the `source:` of the entry at `path`) names a source of the file or an
/// ancestor; if not, says so with a did-you-mean. Lever values and observations cite alike.
fn known_source(
    v: &mut Validator<'_>,
    source: &SourceText,
    s: &Scenario,
    cite: &Spanned<String>,
    path: &str,
) -> bool {
    if s.sources.contains_key(&cite.value) {
        return true;
    }
    let hint = did_you_mean(&cite.value, s.sources.keys().map(String::as_str))
        .unwrap_or_else(|| "add it to `sources: { \"key\": \"citation\" }`".into());
    v.push(
        Diagnostic::at(
            source,
            cite.span,
            "unknown-source",
            format!("{path}.source"),
            format!("no source `{}` is listed", cite.value),
        )
        .hint(hint),
    );
    false
}
