//! Bounded memory (issue 13, item 4): `export` holds only the columns it draws, so the largest
//! allowed `--samples` (200,000) stays small; it used 1.1 GB at 1,000,000 samples, and 305 MB at
//! 200,000 while it sampled every metric. Alone in its own test binary so that the peak
//! resident size of the children (`getrusage(RUSAGE_CHILDREN)`) is this child's.

#[cfg(target_os = "linux")]
#[test]
#[allow(unsafe_code)] // getrusage: the standard library has no way to read a child's peak size
fn export_holds_only_the_metric_it_draws() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.svg");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_chipcast"))
        .args(["export", "baseline", "--metric", "domestic_accelerators"])
        .args(["--samples", "50000", "--out"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(out.exists());
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0);
    let peak_mb = usage.ru_maxrss as f64 / 1024.0; // kilobytes on Linux
    // 50,000 samples (a quarter of the bound, to keep the debug-build test short): one metric's
    // 9 columns of 4-byte keys are under 2 MB; every metric's 378 columns would be 76 MB.
    assert!(peak_mb < 40.0, "export peaked at {peak_mb:.0} MB");
    eprintln!("export --samples 50000 peaked at {peak_mb:.1} MB");
}
