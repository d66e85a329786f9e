//! What the game keeps outside itself: progress between visits, results files, and
//! scenario files the player loads. In the browser: local storage, a download, and a
//! file picker (or a file dropped on the page); on the desktop: files, and a file
//! dropped on the window.

use bevy::prelude::*;

use crate::game::results::Results;
use crate::play::Progress;

/// The local-storage key (browser) of the progress.
pub const PROGRESS_KEY: &str = "ccsim-progress";

/// Loads the progress at start-up and saves it whenever it changes; reads dropped files.
pub fn plugin(app: &mut App) {
    app.add_systems(Startup, load_progress)
        .add_systems(Update, save_progress);
    #[cfg(not(target_arch = "wasm32"))]
    app.add_systems(Update, dropped_files);
}

fn load_progress(mut progress: ResMut<Progress>) {
    if let Some(text) = platform::read_progress() {
        match serde_json::from_str::<Progress>(&text) {
            Ok(p) => *progress = p,
            Err(e) => warn!("saved progress is unreadable, starting afresh: {e}"),
        }
    }
}

fn save_progress(mut progress: ResMut<Progress>) {
    if !progress.dirty {
        return;
    }
    progress.dirty = false;
    match serde_json::to_string(&*progress) {
        Ok(text) => {
            if let Err(e) = platform::write_progress(&text) {
                warn!("could not save progress: {e}");
            }
        }
        Err(e) => warn!("could not save progress: {e}"),
    }
}

/// The file name a results file is saved (or downloaded) as.
pub fn results_file_name(results: &Results) -> String {
    let safe: String = results
        .player
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    format!("ccsim-results-{}-{safe}.json", results.class_code)
}

/// Saves a results file (desktop: next to the game; browser: a download). Returns what
/// to tell the player.
pub fn save_results(results: &Results) -> String {
    let name = results_file_name(results);
    match serde_json::to_string_pretty(results) {
        Ok(json) => match platform::save_file(&name, &json) {
            Ok(msg) => msg,
            Err(e) => format!("Could not save {name}: {e}"),
        },
        Err(e) => format!("Could not save: {e}"),
    }
}

/// The page's address without its fragment (browser), to build share links; `None` on
/// the desktop.
pub fn page_url() -> Option<String> {
    platform::page_url()
}

/// Puts text on the clipboard (browser). Returns what to tell the player.
pub fn copy_to_clipboard(text: &str) -> String {
    platform::copy(text)
}

/// Asks for a scenario file: the browser's file picker (its contents arrive as a
/// `load` page command); on the desktop, files are dropped on the window instead.
pub fn pick_scenario_file() -> Result<(), String> {
    platform::pick_file()
}

#[cfg(not(target_arch = "wasm32"))]
fn dropped_files(
    mut drops: MessageReader<bevy::window::FileDragAndDrop>,
    mut notice: ResMut<crate::play::Notice>,
    mut out: MessageWriter<crate::play::Command>,
) {
    for d in drops.read() {
        if let bevy::window::FileDragAndDrop::DroppedFile { path_buf, .. } = d {
            let name = path_buf.display().to_string();
            match std::fs::read_to_string(path_buf) {
                Ok(text) => {
                    out.write(crate::play::Command::Load { name, text });
                }
                Err(e) => *notice = crate::play::Notice::error(format!("cannot read {name}: {e}")),
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod platform {
    use std::path::PathBuf;

    /// `$CCSIM_DATA`, else the platform's data directory, e.g. `~/.local/share/ccsim`.
    fn data_dir() -> Option<PathBuf> {
        if let Some(d) = std::env::var_os("CCSIM_DATA") {
            return Some(PathBuf::from(d));
        }
        let base = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))
            .or_else(|| {
                std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share"))
            })?;
        Some(base.join("ccsim"))
    }

    pub fn read_progress() -> Option<String> {
        std::fs::read_to_string(data_dir()?.join("progress.json")).ok()
    }

    pub fn write_progress(text: &str) -> Result<(), String> {
        let dir = data_dir().ok_or("no home directory")?;
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = dir.join("progress.json");
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn save_file(name: &str, text: &str) -> Result<String, String> {
        std::fs::write(name, text)
            .map(|()| format!("Saved {name}"))
            .map_err(|e| e.to_string())
    }

    pub fn pick_file() -> Result<(), String> {
        Err("drop a .toml file on the window to load it".into())
    }

    pub fn page_url() -> Option<String> {
        None
    }

    pub fn copy(_: &str) -> String {
        "Select the text and copy it".into()
    }
}

#[cfg(target_arch = "wasm32")]
mod platform {
    use wasm_bindgen::{JsCast, JsValue};

    fn js(e: JsValue) -> String {
        e.as_string().unwrap_or_else(|| format!("{e:?}"))
    }

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    pub fn read_progress() -> Option<String> {
        storage()?.get_item(super::PROGRESS_KEY).ok()?
    }

    pub fn write_progress(text: &str) -> Result<(), String> {
        storage()
            .ok_or("local storage is not available")?
            .set_item(super::PROGRESS_KEY, text)
            .map_err(js)
    }

    pub fn save_file(name: &str, text: &str) -> Result<String, String> {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        let blob =
            web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js)?;
        let a: web_sys::HtmlAnchorElement = document
            .create_element("a")
            .map_err(js)?
            .dyn_into()
            .map_err(|_| "not an anchor")?;
        a.set_href(&url);
        a.set_download(name);
        a.click();
        let _ = web_sys::Url::revoke_object_url(&url);
        Ok(format!("Downloaded {name}"))
    }

    pub fn page_url() -> Option<String> {
        let l = web_sys::window()?.location();
        Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
    }

    pub fn copy(text: &str) -> String {
        match web_sys::window() {
            Some(w) => {
                // A promise; the browser asks nothing on a page the player clicked in.
                let _ = w.navigator().clipboard().write_text(text);
                "Link copied".into()
            }
            None => "No clipboard here".into(),
        }
    }

    pub fn pick_file() -> Result<(), String> {
        let input = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("ccsim-file"))
            .ok_or("the page has no file input (#ccsim-file)")?;
        let input: web_sys::HtmlElement = input.dyn_into().map_err(|_| "not an element")?;
        input.click();
        Ok(())
    }
}
