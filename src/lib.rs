//! spiral: a private, terminal reflective-practice workbook for people who
//! work alongside families.

pub mod app;
pub mod catalog;
pub mod cli;
pub mod content;
#[doc(hidden)]
pub mod corpus;
pub mod doctor;
pub mod export;
pub mod files;
pub mod filter;
pub mod identifiers;
pub mod keymap;
pub mod manual;
pub mod model;
pub mod msg;
pub mod parallel;
pub mod report;
pub mod review;
pub mod safe;
pub mod settings;
pub mod state;
pub mod store;
pub mod text;
pub mod ui;
pub mod undo;
pub mod update;
