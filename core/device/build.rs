//! Link the firmware with its own linker script (`device.x`: where flash and RAM are, and the
//! vector table first in flash) instead of a C runtime's.

fn main() {
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    println!("cargo:rustc-link-search={dir}");
    println!("cargo:rustc-link-arg-bins=-Tdevice.x");
    println!("cargo:rerun-if-changed=device.x");
}
