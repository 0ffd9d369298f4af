//! chipcast: scenario files about AI-chip export controls, a sourced projection model, and the
//! headless and interactive front ends that show its projections.
//!
//! Dependencies point one way: `cli` and `tui` use `output`, `scenario` and `model` and never
//! each other; `output` uses `scenario` and `model`; `scenario` uses `model`; `model` uses
//! nothing of ours. `diag` (diagnostics, file text and reading) and `ron_tree` (RON text -> a
//! spanned value tree) serve them all and use nothing else of ours (`ron_tree` uses `diag`'s
//! `Span`).

pub mod args;
pub mod cli;
pub mod diag;
pub mod export;
pub mod lsp;
pub mod model;
pub mod output;
pub mod ron_tree;
pub mod scenario;
pub mod tui;
