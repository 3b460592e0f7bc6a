//! Stage 6: render diagnostics and models. One module per output format.

pub mod human;
