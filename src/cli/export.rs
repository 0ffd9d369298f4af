//! `chipcast export SCENARIO --metric ID --out FILE.svg|FILE.png`: loads, projects and hands
//! the chart to `crate::export`; `chipcast export --story SCENARIO --out DIR` writes one
//! picture per story step (`DIR/01-<slug>.png`, ...), each against the step before it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::args::{Sampling, Sets};
use crate::diag::{Diagnostic, sanitize};
use crate::export::{ChartFormat, ChartSpec, ChartTheme, method_line, write_chart};
use crate::model::metrics::MetricId;
use crate::model::montecarlo::{self, Projection};
use crate::model::scenario::{Overrides, Scenario};
use crate::output::files::Existing;
use crate::scenario;
use crate::scenario::story::{Slide, cumulative};

use crate::output::report;

/// What `chipcast export` was asked for: its command-line arguments.
#[derive(clap::Args, Clone, Debug)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["scenario", "story"])))]
pub struct ExportArgs {
    /// A scenario file, or a bundled scenario's name.
    #[arg(value_name = "SCENARIO")]
    pub scenario: Option<String>,
    /// Write one picture per step of this scenario's story into the --out folder, named
    /// 01-<caption>.png and so on, each with the step's metric and the step before it as the
    /// comparison line.
    #[arg(long, value_name = "SCENARIO", conflicts_with_all = ["scenario", "metric", "pin", "set"])]
    pub story: Option<String>,
    /// The metric to chart.
    #[arg(long, value_name = "ID", required_unless_present = "story")]
    pub metric: Option<String>,
    /// The chart file to write; its extension (.svg or .png) picks the format. With --story,
    /// the folder to write the pictures into (made if missing). An existing file is refused
    /// unless --force is given.
    #[arg(long, value_name = "FILE|DIR")]
    pub out: PathBuf,
    /// With --story: the pictures' format.
    #[arg(
        long,
        value_enum,
        value_name = "FORMAT",
        default_value = "png",
        requires = "story"
    )]
    pub format: StoryFormat,
    /// Replace the --out file (with --story, the step files) if it exists.
    #[arg(long)]
    pub force: bool,
    /// The `--set LEVER=VALUE[@YEAR]` overrides, applied to the scenario (not to `--pin`).
    #[command(flatten)]
    pub sets: Sets,
    /// A scenario to overlay for comparison (its median, dashed).
    #[arg(long, value_name = "SCENARIO")]
    pub pin: Option<String>,
    /// `--samples` and `--seed`, used for the scenario and the pinned one alike.
    #[command(flatten)]
    pub sampling: Sampling,
    /// Image size in pixels, WIDTHxHEIGHT (each 64 to 8192). Text scales with the height:
    /// at 1080 every text is at least 18 px.
    #[arg(long, value_name = "WxH", value_parser = parse_size, default_value = "1920x1080")]
    pub size: (u32, u32),
    /// The colours: light (default for files), dark, high-contrast, or a theme file (copy one
    /// from assets/themes/). Background, text and series colours follow the theme.
    #[arg(long, value_name = "NAME|PATH")]
    pub theme: Option<String>,
    /// `--root DIR`: more folders `extends` may read parents from.
    #[command(flatten)]
    pub scope: crate::args::Scope,
}

/// The picture format of `export --story`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoryFormat {
    /// PNG pictures (SVG rasterised), ready for any slide deck.
    Png,
    /// SVG pictures.
    Svg,
}

/// Parses `WIDTHxHEIGHT` (each 64 to 8192 pixels).
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or("expected WIDTHxHEIGHT, such as 1920x1080")?;
    let parse = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (64..=8192).contains(n))
    };
    match (parse(w), parse(h)) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err("each side must be a whole number of pixels from 64 to 8192".into()),
    }
}

fn load(
    arg: &str,
    set: &[String],
    roots: &scenario::Roots,
) -> Result<(Scenario, Overrides), Vec<Diagnostic>> {
    scenario::load_with_overrides(arg, set, roots)
        .map(|(_, loaded, overrides)| (loaded.scenario, overrides))
}

fn existing(force: bool) -> Existing {
    if force {
        Existing::Replace
    } else {
        Existing::Refuse
    }
}

/// `chipcast export`: one chart, or with `--story` one per story step. `theme` is what
/// `--theme` (here or before the subcommand) asked for; [`ChartTheme::LIGHT`] when neither.
pub fn export(args: &ExportArgs, theme: &ChartTheme) -> ExitCode {
    if let Some(story) = &args.story {
        return export_story(args, story, theme);
    }
    let (Some(scenario_arg), Some(metric_arg)) = (&args.scenario, &args.metric) else {
        // clap requires both without --story.
        return ExitCode::from(2);
    };
    let Some(metric) = MetricId::from_key(metric_arg) else {
        let keys = crate::model::metrics::METRICS.iter().map(|m| m.key);
        let d = Diagnostic::arg(
            "--metric",
            "unknown-metric",
            metric_arg,
            format!("unknown metric `{}`", sanitize(metric_arg)),
        )
        .maybe_hint(crate::diag::did_you_mean(metric_arg, keys));
        report(&[d]);
        return ExitCode::from(1);
    };
    let roots = args.scope.roots(&[]);
    let (s, o) = match load(scenario_arg, &args.sets.set, &roots) {
        Ok(x) => x,
        Err(d) => {
            report(&d);
            return ExitCode::from(1);
        }
    };
    let pinned = match &args.pin {
        None => None,
        Some(pin) => match load(pin, &[], &roots) {
            Ok((ps, po)) => {
                let pp = montecarlo::simulate_metrics(
                    &ps,
                    &po,
                    args.sampling.count(),
                    args.sampling.seed,
                    &[metric],
                );
                Some((ps, pp))
            }
            Err(d) => {
                report(&d);
                return ExitCode::from(1);
            }
        },
    };
    // Only the charted metric is sampled, so memory stays small at any allowed --samples.
    let p =
        montecarlo::simulate_metrics(&s, &o, args.sampling.count(), args.sampling.seed, &[metric]);
    let spec = ChartSpec::new(&s, &p, metric, pinned.as_ref().map(|(ps, pp)| (ps, pp)));
    match write_chart(&spec, &args.out, args.size, theme, existing(args.force)) {
        Ok(()) => {
            println!("wrote {}", sanitize(&args.out.display().to_string()));
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&[d]);
            ExitCode::from(1)
        }
    }
}

/// A file-name part from a caption: lower-case ASCII letters and digits, words joined by `-`,
/// at most about 40 characters (cut between words); `step` when nothing is left.
pub fn slug(caption: &str) -> String {
    let mut out = String::new();
    for word in caption
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() && out.len() + 1 + word.len() > 40 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().take(40).map(|c| c.to_ascii_lowercase()));
    }
    if out.is_empty() { "step".into() } else { out }
}

/// The files `export --story` writes into `dir`, one per step, in order.
pub fn story_files(story: &[Slide], dir: &Path, format: StoryFormat) -> Vec<PathBuf> {
    let ext = match format {
        StoryFormat::Png => "png",
        StoryFormat::Svg => "svg",
    };
    story
        .iter()
        .enumerate()
        .map(|(i, step)| dir.join(format!("{:02}-{}.{ext}", i + 1, slug(&step.caption))))
        .collect()
}

/// `chipcast export --story SCENARIO --out DIR`.
fn export_story(args: &ExportArgs, arg: &str, theme: &ChartTheme) -> ExitCode {
    let roots = args.scope.roots(&[]);
    let loaded = match scenario::load_with_overrides(arg, &[], &roots) {
        Ok((_, loaded, _)) => loaded,
        Err(d) => {
            report(&d);
            return ExitCode::from(1);
        }
    };
    let (s, story) = (loaded.scenario, loaded.story);
    if story.is_empty() {
        report(&[Diagnostic::arg(
            "--story",
            "no-story",
            arg,
            format!("`{}` has no story to export", sanitize(arg)),
        )
        .hint("add a `story: [...]` of steps to the file (docs/scenario-format.md), or export a bundled scenario that has one")]);
        return ExitCode::from(1);
    }
    let dir = &args.out;
    if ChartFormat::of(dir).is_some() {
        report(&[Diagnostic::arg(
            dir.display().to_string(),
            "bad-output",
            "--out",
            "with --story, --out names a folder, not a chart file",
        )
        .hint("for example --out slides/")]);
        return ExitCode::from(1);
    }
    let files = story_files(&story, dir, args.format);
    // Nothing is written when any step's file is there already (unless --force).
    if !args.force
        && let Some(taken) = files.iter().find(|f| f.exists())
    {
        report(&[Diagnostic::file(
            taken.display().to_string(),
            "exists",
            "the file already exists; no picture was written",
        )
        .hint("choose another folder, or pass --force to replace the step pictures")]);
        return ExitCode::from(1);
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        report(&[Diagnostic::write_failed(
            dir.display().to_string(),
            crate::diag::io_reason(&e),
        )]);
        return ExitCode::from(1);
    }
    // Each state of the story (0: the file's values, k: after step k) projected once a metric.
    let mut projections: HashMap<(usize, MetricId), Projection> = HashMap::new();
    let mut project = |k: usize, metric: MetricId| -> Projection {
        projections
            .entry((k, metric))
            .or_insert_with(|| {
                montecarlo::simulate_metrics(
                    &s,
                    &cumulative(&story, k),
                    args.sampling.count(),
                    args.sampling.seed,
                    &[metric],
                )
            })
            .clone()
    };
    let n = story.len();
    for (i, (step, out)) in story.iter().zip(&files).enumerate() {
        let metric = step.headline_metric();
        let now = project(i + 1, metric);
        let before = project(i, metric);
        let label = if i == 0 {
            "the scenario as written".to_string()
        } else {
            format!("step {i}")
        };
        let mut spec = ChartSpec::labelled(&s, &now, metric, Some((label, &before)));
        let caption = sanitize(&step.caption).replace(['\n', '\r', '\t'], " ");
        spec.title = format!("Step {} of {n}: {caption}", i + 1);
        spec.subtitle = format!(
            "{} — {}; {}",
            metric.metric().label,
            sanitize(&s.name),
            method_line(&now)
        );
        if let Err(d) = write_chart(&spec, out, args.size, theme, existing(args.force)) {
            report(&[d]);
            return ExitCode::from(1);
        }
        println!("wrote {}", sanitize(&out.display().to_string()));
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_lower_case_words() {
        assert_eq!(
            slug("Domestic output is small beside ~1M imported H20s"),
            "domestic-output-is-small-beside-1m"
        );
        assert_eq!(slug("—"), "step");
        assert!(slug(&"word ".repeat(30)).len() <= 40);
    }
}
