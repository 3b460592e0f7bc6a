//! The integration tests, one binary: each module is one front of the
//! product (the command line, the language server, the scan, the page, the
//! readers of PDF and Word, the rules on real reports), all linked once.

mod cli;
mod common;
mod corpus_diagnostics;
mod corpus_models;
mod engine;
mod fix_roundtrip;
mod fix_safety;
mod garbage;
mod glued;
mod html;
mod label_typos;
mod layouts;
mod lsp;
mod office;
mod properties;
mod regressions;
mod rules;
mod scan;
mod schema;
mod serve;
mod terminal;
mod walk;
