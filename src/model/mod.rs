//! The projection model: the lever and metric tables, the checked `Scenario`, and the pure
//! functions that turn a scenario into yearly projections with uncertainty.
//!
//! Invariant: nothing here does I/O, reads a clock or imports ratatui, crossterm or clap;
//! randomness comes only from an explicit seed.

pub mod effects;
pub mod lanes;
pub mod levers;
pub mod metrics;
pub mod montecarlo;
pub mod path;
pub mod products;
pub mod project;
pub mod scenario;
pub mod sensitivity;
pub mod sources;
