pub mod entry;
pub mod steps;
pub mod worksheet;
