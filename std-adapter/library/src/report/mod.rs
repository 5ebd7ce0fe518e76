//! Reports a nämnd sends out: to IVO and the revisorer, and to fullmäktige.
//!
//! Each report is a module of its own: it reads cases and a riktlinje through the library, takes
//! every frist from the core, and renders text, JSON and Swedish-spreadsheet CSV.
//! No report shows a person's name, personnummer or address.

pub mod ivo;
pub mod omprovning;
