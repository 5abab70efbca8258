//! Renderers: the same hits and tallies, for people (`human`) or scripts (`json`).
pub mod human;
pub mod json;
pub mod layout;
pub mod visible;
