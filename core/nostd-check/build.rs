//! Link the checker freestanding: no C runtime start files (it defines `_start` itself), no C
//! library, and statically, so that nothing outside core and its dependencies can satisfy a
//! symbol the crate should not need.

fn main() {
    for arg in ["-nostartfiles", "-nostdlib", "-static"] {
        println!("cargo:rustc-link-arg-bins={arg}");
    }
}
