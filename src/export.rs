//! Chart files (SVG or PNG) of one metric for slides and reports — the p10–p90 band, the
//! median, an optional pinned comparison, dated policy changes, title, units and a sources
//! line. Used by `chipcast export` and the explorer's export key. Drawing is plotters'; the
//! numbers come from the model.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::diag::{Diagnostic, sanitize};
use crate::model::metrics::{MetricId, Scale};
use crate::model::montecarlo::Projection;
use crate::model::scenario::Scenario;
use crate::output::files::{Existing, replace_with};
use crate::output::format::tick;

/// Everything a chart shows, already computed.
#[derive(Clone, Debug)]
pub struct ChartSpec {
    /// The caption above the plot: the metric's label and the scenario's name (sanitized).
    pub title: String,
    /// The line under the x axis: what the band is, the samples and seed, and chipcast's version.
    pub subtitle: String,
    /// The y axis's label: the metric's unit.
    pub unit: String,
    /// How the y axis's tick labels are written (k / M / bn, a percentage, ...).
    pub scale: Scale,
    /// The x axis: one calendar year per value of `p10`, `p50` and `p90`.
    pub years: Vec<i32>,
    /// The band's lower edge per year, in the metric's unit (non-finite values are skipped).
    pub p10: Vec<f64>,
    /// The median line per year, in the metric's unit (non-finite values are skipped).
    pub p50: Vec<f64>,
    /// The band's upper edge per year, in the metric's unit (non-finite values are skipped).
    pub p90: Vec<f64>,
    /// A comparison line: its label and yearly values (aligned with `years`; NaN = no value).
    pub pinned: Option<(String, Vec<f64>)>,
    /// Dated policy changes and annotations: year and label.
    pub markers: Vec<(i32, String)>,
    /// The footer's last line: `Sources: ` and the scenario's citations, joined with `; `.
    pub sources: String,
}

impl ChartSpec {
    /// The chart of `metric` for a scenario's projection, with an optional pinned projection.
    pub fn new(
        s: &Scenario,
        p: &Projection,
        metric: MetricId,
        pinned: Option<(&Scenario, &Projection)>,
    ) -> ChartSpec {
        let m = metric.metric();
        let band = p.band(metric);
        let years: Vec<i32> = p.years().collect();
        let pinned = pinned.map(|(ps, pp)| {
            let values = years
                .iter()
                .map(|y| {
                    pp.band(metric)
                        .p50
                        .get((y - pp.first_year) as usize)
                        .copied()
                        .filter(|_| *y >= pp.first_year)
                        .unwrap_or(f64::NAN)
                })
                .collect();
            (sanitize(&ps.name), values)
        });
        let mut markers: Vec<(i32, String)> = s
            .schedule
            .iter()
            .map(|c| (c.year, sanitize(&c.label)))
            .collect();
        markers.extend(s.annotations.iter().map(|a| (a.year, sanitize(&a.label))));
        let sources = s
            .sources
            .values()
            .map(|v| sanitize(v))
            .collect::<Vec<_>>()
            .join("; ");
        ChartSpec {
            title: format!("{} — {}", m.label, sanitize(&s.name)),
            subtitle: format!(
                "median with p10–p90 band; {} samples, seed {}; chipcast {}",
                p.samples,
                p.seed,
                env!("CARGO_PKG_VERSION")
            ),
            unit: m.unit.to_string(),
            scale: m.scale,
            years,
            p10: band.p10.clone(),
            p50: band.p50.clone(),
            p90: band.p90.clone(),
            pinned,
            markers,
            sources: if sources.is_empty() {
                "Sources: see docs/model.md".into()
            } else {
                format!("Sources: {sources}")
            },
        }
    }
}

/// Colour-blind-safe series colours (Okabe–Ito): blue for the scenario, vermillion for the
/// pinned comparison, grey for markers.
const BLUE: RGBColor = RGBColor(0, 114, 178);
const VERMILLION: RGBColor = RGBColor(213, 94, 0);
const GREY: RGBColor = RGBColor(120, 120, 120);

/// Draws the chart on any plotters backend.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    let (width, height) = root.dim_in_pixel();
    // Marker labels grouped by year, one footer line per year, then the sources line.
    let mut groups: Vec<(i32, Vec<&str>)> = Vec::new();
    for (year, label) in &spec.markers {
        match groups.iter_mut().find(|(y, _)| y == year) {
            Some((_, labels)) => labels.push(label),
            None => groups.push((*year, vec![label])),
        }
    }
    groups.sort_by_key(|(y, _)| *y);
    let line_height = 18u32;
    let footer_height = line_height * (groups.len() as u32 + 1) + 10;
    let (body, footer) = root.split_vertically(height.saturating_sub(footer_height));
    let first = *spec.years.first().unwrap_or(&2024);
    let last = (*spec.years.last().unwrap_or(&2032)).max(first + 1);
    let finite = |v: &&f64| v.is_finite();
    let mut hi = spec
        .p90
        .iter()
        .chain(&spec.p50)
        .filter(finite)
        .fold(0.0f64, |a, b| a.max(*b));
    if let Some((_, values)) = &spec.pinned {
        hi = values.iter().filter(finite).fold(hi, |a, b| a.max(*b));
    }
    let lo = spec
        .p10
        .iter()
        .filter(finite)
        .fold(0.0f64, |a, b| a.min(*b));
    let hi = if hi > lo { hi * 1.08 } else { lo + 1.0 };

    let mut chart = ChartBuilder::on(&body)
        .caption(&spec.title, ("sans-serif", 22))
        .margin(16)
        .x_label_area_size(36)
        .y_label_area_size(70)
        .build_cartesian_2d(first as f64..last as f64, lo..hi)
        .map_err(err)?;
    let scale = spec.scale;
    chart
        .configure_mesh()
        .x_labels(((last - first) as usize + 1).min(16))
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| tick(scale, *y))
        .y_desc(&spec.unit)
        .x_desc(&spec.subtitle)
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(225, 225, 225))
        .draw()
        .map_err(err)?;

    // Policy markers: a dashed vertical line tagged [n]; the labels are listed under the chart.
    for (n, (year, _)) in groups.iter().enumerate() {
        let x = *year as f64;
        if x < first as f64 || x > last as f64 {
            continue;
        }
        chart
            .draw_series(DashedLineSeries::new(
                vec![(x, lo), (x, hi)],
                4,
                4,
                GREY.stroke_width(1),
            ))
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(Text::new(
                format!(" [{}]", n + 1),
                (x, hi - (hi - lo) * 0.02),
                ("sans-serif", 13).into_font().color(&GREY),
            )))
            .map_err(err)?;
    }

    // The p10–p90 band as one polygon: p90 forwards, p10 backwards.
    let points = |v: &[f64]| {
        spec.years
            .iter()
            .zip(v)
            .filter(|(_, y)| y.is_finite())
            .map(|(x, y)| (*x as f64, *y))
            .collect::<Vec<_>>()
    };
    let mut band = points(&spec.p90);
    band.extend(points(&spec.p10).into_iter().rev());
    if band.len() >= 3 {
        chart
            .draw_series(std::iter::once(Polygon::new(band, BLUE.mix(0.2).filled())))
            .map_err(err)?;
    }
    chart
        .draw_series(LineSeries::new(points(&spec.p50), BLUE.stroke_width(3)))
        .map_err(err)?
        .label("median (p50)")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], BLUE.stroke_width(3)));
    chart
        .draw_series(std::iter::once(Polygon::new(
            vec![(first as f64, lo), (first as f64, lo)],
            BLUE.mix(0.2).filled(),
        )))
        .map_err(err)?
        .label("p10–p90")
        .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 18, y + 5)], BLUE.mix(0.2).filled()));
    if let Some((label, values)) = &spec.pinned {
        chart
            .draw_series(DashedLineSeries::new(
                points(values),
                8,
                5,
                VERMILLION.stroke_width(2),
            ))
            .map_err(err)?
            .label(format!("pinned: {label}"))
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], VERMILLION.stroke_width(2))
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperMiddle)
        .background_style(WHITE.mix(0.85))
        .border_style(GREY)
        .draw()
        .map_err(err)?;

    let max_chars = (width as usize / 7).max(20);
    let fit = |text: String| -> String {
        if text.chars().count() > max_chars {
            text.chars()
                .take(max_chars - 1)
                .chain(std::iter::once('…'))
                .collect()
        } else {
            text
        }
    };
    let mut lines: Vec<String> = groups
        .iter()
        .enumerate()
        .map(|(n, (year, labels))| fit(format!("[{}] {year}: {}", n + 1, labels.join("; "))))
        .collect();
    lines.push(fit(spec.sources.clone()));
    for (i, line) in lines.into_iter().enumerate() {
        let y = 4 + i as i32 * line_height as i32;
        footer
            .draw(&Text::new(
                line,
                (16, y),
                ("sans-serif", 12).into_font().color(&GREY),
            ))
            .map_err(err)?;
    }
    root.present().map_err(err)?;
    Ok(())
}

/// Registers the bundled font: plotters lays text out with it for both SVG and PNG.
fn register_font() -> Result<(), String> {
    static FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
    plotters::style::register_font("sans-serif", FontStyle::Normal, FONT)
        .map_err(|_| "the bundled font is unreadable".to_string())
}

/// File kinds `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartFormat {
    /// Scalable vector graphics (`.svg`), for slides and the web.
    Svg,
    /// A bitmap (`.png`), for where SVG is not accepted.
    Png,
}

impl ChartFormat {
    /// The format a file name asks for by its extension (`.svg` or `.png`, any case); `None`
    /// for any other extension or none.
    pub fn of(path: &Path) -> Option<ChartFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(ChartFormat::Svg),
            "png" => Some(ChartFormat::Png),
            _ => None,
        }
    }
}

/// Renders `spec` to `out` atomically: a temporary file beside it, then a rename, so a reader
/// never sees half a chart. An existing `out` is replaced only with [`Existing::Replace`].
pub fn write_chart(
    spec: &ChartSpec,
    out: &Path,
    size: (u32, u32),
    existing: Existing,
) -> Result<(), Diagnostic> {
    let name = out.display().to_string();
    let Some(format) = ChartFormat::of(out) else {
        return Err(Diagnostic::arg(
            &name,
            "bad-output",
            "--out",
            "the chart file must end in .svg or .png",
        )
        .hint("for example --out chart.svg"));
    };
    let suffix = match format {
        ChartFormat::Svg => ".svg",
        ChartFormat::Png => ".png",
    };
    let result = register_font().and_then(|()| {
        replace_with(out, suffix, existing, |tmp| match format {
            ChartFormat::Svg => {
                let mut svg = String::new();
                {
                    let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
                    draw(&root, spec)?;
                }
                std::fs::write(tmp, svg).map_err(|e| crate::diag::io_reason(&e))
            }
            ChartFormat::Png => {
                let root = BitMapBackend::new(tmp, size).into_drawing_area();
                draw(&root, spec)
            }
        })
    });
    // The reason first, then the path: a footer cut short still says why.
    result.map_err(|reason| Diagnostic::write_failed(&name, reason))
}
