pub mod checks;
pub mod entry;
pub mod map;
pub mod steps;
pub mod worksheet;
