//! A minimal wasm32 module around sim-core, for the cross-platform determinism test
//! (`cargo xtask wasm-check`). It exports a C ABI with no JavaScript glue:
//! `alloc(len) -> ptr`, then `run(ptr, len, seed, replications) -> len` runs the scenario
//! text at `ptr` and leaves the pretty JSON report (or `error: ...`) in a buffer read via
//! `output_ptr()`. The same JSON printed by `ccsim run --format json` must come out.

#![allow(unsafe_code)] // raw pointers are the only way across the wasm boundary without glue

use std::cell::RefCell;

thread_local! {
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Allocates `len` bytes for the host to write the scenario into.
#[unsafe(no_mangle)]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut v = Vec::<u8>::with_capacity(len);
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}

/// Runs the scenario text at `ptr..ptr+len`; returns the length of the output.
///
/// # Safety
/// `ptr` must come from [`alloc`] with at least `len` bytes written.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn run(ptr: *mut u8, len: usize, seed: u64, replications: u32) -> usize {
    // SAFETY: the host wrote `len` bytes at `ptr`, which `alloc` reserved.
    let bytes = unsafe { Vec::from_raw_parts(ptr, len, len) };
    let out = match String::from_utf8(bytes) {
        Ok(text) => report_json(&text, seed, replications),
        Err(_) => "error: the scenario is not UTF-8".to_string(),
    };
    OUTPUT.with(|o| {
        *o.borrow_mut() = out.into_bytes();
        o.borrow().len()
    })
}

/// Where the output of the last [`run`] is.
#[unsafe(no_mangle)]
pub extern "C" fn output_ptr() -> *const u8 {
    OUTPUT.with(|o| o.borrow().as_ptr())
}

/// The JSON report, exactly as `ccsim run --format json` prints it (without the final
/// newline).
pub fn report_json(text: &str, seed: u64, replications: u32) -> String {
    match sim_core::scenario::Scenario::from_toml_str(text, "scenario") {
        Ok(s) => {
            let report = sim_core::run(&s, seed, replications);
            serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("error: {e}"))
        }
        Err(e) => format!("error: {e}"),
    }
}
