//! `chipcast check` on generated many-error files (issue 13): 64 KiB, 256 KiB and 1 MiB of
//! unknown levers, one a line, loaded and every diagnostic rendered to a String the way the
//! command prints them (capped per file). Figures are recorded in docs/performance.md
//! ("Checking many-error files (issue 13)").

use std::hint::black_box;
use std::path::PathBuf;

use chipcast::output::report_text;
use chipcast::scenario::{self, Origin};
use criterion::{Criterion, criterion_group, criterion_main};

/// A scenario of about `bytes` bytes whose every line after the first is an unknown lever.
fn many_errors(bytes: usize) -> String {
    let mut s = String::from("Scenario(name: \"x\", levers: (");
    let mut i = 0;
    while s.len() + 16 < bytes {
        s.push_str(&format!("\n  l{i}: 1,"));
        i += 1;
    }
    s.push_str("\n))\n");
    s
}

fn check(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for (label, bytes) in [
        ("64KiB", 64 * 1024),
        ("256KiB", 256 * 1024),
        ("1MiB", 1024 * 1024 - 64),
    ] {
        let path: PathBuf = dir.path().join(format!("{label}.ron"));
        std::fs::write(&path, many_errors(bytes)).expect("write");
        let origin = Origin::Disk(path);
        group.bench_function(format!("many_errors_{label}"), |b| {
            b.iter(|| {
                let diags = scenario::load(black_box(&origin)).err().unwrap_or_default();
                black_box(report_text(&diags, false))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
