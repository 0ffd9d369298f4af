//! chipcast: scenario files about AI-chip export controls, a sourced projection model, and the
//! headless and interactive front ends that show its projections.
//!
//! Dependencies point one way: `cli` and `tui` use `scenario` and `model`; `scenario` uses
//! `model`; `model` uses nothing of ours.

pub mod cli;
pub mod export;
pub mod model;
pub mod scenario;
pub mod tui;
