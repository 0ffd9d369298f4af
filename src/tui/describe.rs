//! A panel in words, for people who cannot see the chart: `chipcast describe` and the
//! explorer's `d` key. From the same scene the panel draws — its series, their level and trend
//! over the horizon, the band's width, the binding constraint, the dated policy changes and
//! the change against the file or the pin — in plain sentences with no braille, box drawing
//! or colour, so a screen reader reads it well.

use std::process::ExitCode;

use crate::diag::sanitize;
use crate::model::metrics::{MetricId, Scale};
use crate::scenario::story::Panel;

use super::app::{App, Scene, Trend};

/// The lines that describe `panel` as `scene` draws it, in the selected year.
pub fn describe(scene: &Scene, panel: Panel) -> Vec<String> {
    let s = scene.scenario;
    let year = scene.year;
    let mut out = Vec::new();
    let basis = match &scene.now.mc {
        Some(p) if p.samples > 0 => format!(
            "medians of {} Monte Carlo samples (seed {}); the likely range is p10 to p90",
            crate::output::format::thousands(p.samples as f64, 0),
            p.seed
        ),
        _ => "the central run (every uncertain input at its central value)".to_string(),
    };
    out.push(format!(
        "{}: the {} panel in {year}, {}–{} horizon; {basis}.",
        plain(&s.name),
        panel.name(),
        s.first_year,
        s.last_year
    ));
    let series = super::view::panel_series(panel);
    if series.is_empty() {
        out.extend(tornado(scene));
    }
    for chart in &series {
        for (i, &m) in chart.iter().enumerate() {
            let t = scene.now.series(m);
            if let Some(line) = series_line(m, &t, year, s.last_year, i == 0) {
                out.push(line);
            }
        }
    }
    // The binding constraint of the year (central run), as the Output panel's table shows it.
    if let Some(c) = scene.now.central.binding_in(year) {
        out.push(format!(
            "Binding constraint in {year} (central run): {}.",
            super::view::capacity::long(c)
        ));
    }
    // Dated changes and notes, in time order.
    let mut dated: Vec<((i32, u8), String)> = s
        .schedule
        .iter()
        .map(|c| {
            (
                (c.year, c.month),
                format!("{}: {}", c.when(), plain(&c.label)),
            )
        })
        .chain(
            s.annotations
                .iter()
                .map(|a| ((a.year, 0), format!("{}: {}", a.year, plain(&a.label)))),
        )
        .collect();
    dated.sort_by_key(|(when, _)| *when);
    let changes: Vec<String> = dated.into_iter().map(|(_, text)| text).collect();
    if !changes.is_empty() {
        out.push(format!("Dated events: {}.", changes.join("; ")));
    }
    out.push(delta_line(scene, &series));
    out
}

/// One series: its median in the year with the likely range, where it starts and ends, and
/// its trend. The headline series (`first`) says how wide its band is.
fn series_line(m: MetricId, t: &Trend, year: i32, last: i32, first: bool) -> Option<String> {
    let metric = m.metric();
    let at = |y: i32| {
        usize::try_from(y - t.first_year)
            .ok()
            .and_then(|i| t.median.get(i).copied())
    };
    let v = at(year)?;
    // The unit as a listener hears it, after the label (the words the export's y label uses).
    let unit = match metric.unit_words() {
        "" => String::new(),
        words => format!(", {words}"),
    };
    let mut line = format!(
        "{}{unit}: {} in {year}",
        metric.label,
        metric_value(metric, v)
    );
    if let Some((lo, hi)) = t.band {
        let i = usize::try_from(year - t.first_year).ok()?;
        let (l, h) = (lo[i], hi[i]);
        if h > l {
            line.push_str(&format!(
                " (likely {} to {}",
                metric_value(metric, l),
                metric_value(metric, h)
            ));
            if first && v.abs() > 0.0 && metric.scale != Scale::Share {
                line.push_str(&format!(
                    ", a band {:.0}% of the median wide",
                    (h - l) / v * 100.0
                ));
            }
            line.push(')');
        }
    }
    let (y0, v0) = (t.first_year, *t.median.first()?);
    let vn = at(last)?;
    line.push_str(&format!(
        "; {} in {y0}, {} in {last}: {}.",
        metric_value(metric, v0),
        metric_value(metric, vn),
        trend_words(t.median, y0)
    ));
    Some(line)
}

/// The trend of a series in words: rising or falling with its yearly rate, flat, or rising to
/// a peak and falling back.
fn trend_words(median: &[f64], first_year: i32) -> String {
    let finite: Vec<f64> = median.iter().copied().filter(|v| v.is_finite()).collect();
    let (Some(&a), Some(&b)) = (finite.first(), finite.last()) else {
        return "no values".into();
    };
    let (peak_i, peak) = finite
        .iter()
        .copied()
        .enumerate()
        .fold((0, f64::MIN), |m, (i, v)| if v > m.1 { (i, v) } else { m });
    let years = (finite.len() - 1).max(1) as f64;
    if peak > 0.0 && peak_i > 0 && peak_i + 1 < finite.len() && b < 0.9 * peak && peak > 1.1 * a {
        return format!(
            "rises to a peak of about {} in {}, then falls",
            short(peak),
            first_year + peak_i as i32
        );
    }
    if a.abs() < 1e-12 && b.abs() < 1e-12 {
        return "zero throughout".into();
    }
    if a <= 0.0 || b <= 0.0 {
        return if b > a {
            "rising"
        } else if b < a {
            "falling"
        } else {
            "flat"
        }
        .into();
    }
    let rate = (b / a).powf(1.0 / years) - 1.0;
    if rate.abs() < 0.01 {
        "about flat".into()
    } else if rate > 0.0 {
        format!("rising, about {:.0}% a year", rate * 100.0)
    } else {
        format!("falling, about {:.0}% a year", -rate * 100.0)
    }
}

/// A number in a few digits, for a peak in a sentence.
fn short(v: f64) -> String {
    spoken_scale(Scale::Count, v)
}

/// A metric's value as it is read aloud: "1.1 million", "$20.6 billion", "85.6%", "7.4 times".
fn metric_value(metric: &crate::model::metrics::Metric, v: f64) -> String {
    spoken_scale(metric.scale, v)
}

fn spoken_scale(scale: Scale, v: f64) -> String {
    let short = crate::output::format::value(scale, v);
    match scale {
        Scale::Ratio => format!("{} times", short.trim_end_matches('x')),
        Scale::Share => short,
        Scale::Count | Scale::UsdBn => {
            let words = [("bn", " billion"), ("M", " million"), ("k", " thousand")];
            words
                .iter()
                .find_map(|(suffix, word)| short.strip_suffix(suffix).map(|n| format!("{n}{word}")))
                .unwrap_or(short)
        }
    }
}

/// The change of the first series of each chart against the comparison (the pin or the
/// file's values), or that nothing differs.
fn delta_line(scene: &Scene, series: &[Vec<MetricId>]) -> String {
    let against = match scene.pinned {
        Some(p) => format!("the pin ({})", plain(&p.label)),
        None => "the file's values".to_string(),
    };
    if scene.pinned.is_none() && scene.overrides.is_empty() {
        return format!("No lever is changed: this is {against}.");
    }
    let year = scene.year;
    let parts: Vec<String> = series
        .iter()
        .filter_map(|c| c.first().copied())
        .filter_map(|m| {
            let (now, then) = (scene.now.value(m, year)?, scene.reference.value(m, year)?);
            let metric = m.metric();
            let pct = if then.abs() > 0.0 && metric.scale != Scale::Share {
                format!(" ({:+.0}%)", (now - then) / then.abs() * 100.0)
            } else {
                String::new()
            };
            Some(format!(
                "{} {} against {}{pct}",
                metric.label,
                metric_value(metric, now),
                metric_value(metric, then)
            ))
        })
        .collect();
    if parts.is_empty() {
        return format!("Against {against}: nothing to compare in {year}.");
    }
    format!("Against {against} in {year}: {}.", parts.join("; "))
}

/// The tornado in words: the levers that move the metric most in the year.
fn tornado(scene: &Scene) -> Vec<String> {
    let Some((sweep, swings)) = scene
        .sweep
        .and_then(|sweep| sweep.swings.as_ref().map(|s| (sweep, s)))
    else {
        return vec!["The sensitivity ranking is still being computed.".into()];
    };
    let metric = sweep.metric.metric();
    let mut out = vec![format!(
        "What moves {} in {} most, each lever's setting held low and high, the others as drawn:",
        metric.label.to_lowercase(),
        sweep.year
    )];
    for s in swings.iter().filter(|s| s.width() > 0.0).take(5) {
        let lever = s.lever.lever();
        out.push(format!(
            "{}: from {} at {} to {} at {}.",
            lever.key,
            metric_value(metric, s.low),
            lever.format_value(s.low_value),
            metric_value(metric, s.high),
            lever.format_value(s.high_value)
        ));
    }
    let still = swings.iter().filter(|s| s.width() == 0.0).count();
    if still > 0 {
        out.push(format!("{still} levers do not move it in {}.", sweep.year));
    }
    out
}

/// Text from a file, safe for a terminal and on one line.
fn plain(text: &str) -> String {
    sanitize(text).replace(['\n', '\r', '\t'], " ")
}

/// What the explorer's `d` shows: the open panel described.
pub fn of_app(app: &App) -> Vec<String> {
    describe(&app.scene(), app.ui.panel)
}

/// What `chipcast describe` was asked for: its command-line arguments.
#[derive(clap::Args, Clone, Debug)]
pub struct DescribeOptions {
    /// A scenario file, or a bundled scenario's name.
    #[arg(value_name = "SCENARIO")]
    pub scenario: String,
    /// The panel to describe (output, capacity, supply, routes, market, sensitivity).
    #[arg(long, value_name = "NAME", value_parser = super::snapshot::parse_panel)]
    pub panel: Option<Panel>,
    /// The selected year (default: the explorer's).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Set a lever as if in the explorer; the description then says what changed.
    #[command(flatten)]
    pub sets: crate::args::Sets,
    /// `--samples` and `--seed` for the Monte Carlo described.
    #[command(flatten)]
    pub sampling: crate::args::Sampling,
    /// `--root DIR`: more folders `extends` may read parents from.
    #[command(flatten)]
    pub scope: crate::args::Scope,
}

/// `chipcast describe SCENARIO [--panel P] [--year Y]`: the panel described, on stdout.
pub fn run(opts: &DescribeOptions) -> ExitCode {
    let view = super::snapshot::View {
        scenario: &opts.scenario,
        sets: &opts.sets.set,
        roots: opts.scope.roots(&[]),
        panel: opts.panel,
        year: opts.year,
        samples: opts.sampling.count(),
        seed: opts.sampling.seed,
        theme: super::theme::Theme::PLAIN,
        size: (120, 40),
    };
    match super::snapshot::explorer(&view) {
        Ok(app) => {
            let mut text = of_app(&app).join("\n");
            text.push('\n');
            crate::output::print(&text)
        }
        Err(diags) => {
            crate::output::report(&diags);
            ExitCode::from(1)
        }
    }
}
