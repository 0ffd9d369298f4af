//! The projection model: the lever and metric tables, the checked `Scenario`, and the pure
//! functions that turn a scenario into yearly projections with uncertainty.
//!
//! Invariant: nothing here does I/O, reads a clock or imports ratatui, crossterm or clap;
//! randomness comes only from an explicit seed.

/// One table's row ids: `$id` (an enum whose discriminant is the row's index in `$table`),
/// `$id::ALL` in order, and `$count`. Every table of the model (levers, metrics, products,
/// vendors) is keyed this way, so a new row is one line here and one in its table.
macro_rules! table_ids {
    ($id:ident, $count:ident, $table:literal, $($variant:ident),* $(,)?) => {
        #[doc = concat!("Index of a row in [`", $table, "`].")]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum $id {
            $(
                #[doc = concat!("The id of row `", stringify!($variant), "` of [`", $table,
                    "`] (that row gives its key and data).")]
                $variant
            ),*
        }

        impl $id {
            #[doc = concat!("Every row id, in the order of [`", $table, "`].")]
            pub const ALL: &'static [$id] = &[$($id::$variant),*];
        }

        #[doc = concat!("Number of rows in [`", $table, "`].")]
        pub const $count: usize = $id::ALL.len();
    };
}

pub mod effects;
pub mod explain;
pub mod hubs;
pub mod lanes;
pub mod levers;
pub mod metrics;
pub mod montecarlo;
pub mod path;
pub mod percentiles;
pub mod products;
pub mod project;
pub mod scenario;
pub mod sensitivity;
pub mod sobol;
pub mod sources;
mod store;
