//! Saving a text to the person's device, made in the page: a Blob behind an `<a download>`,
//! so nothing goes to the server (the Content-Security-Policy allows `blob:`).

use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Characters that Windows, macOS or Linux refuse in a file name.
const FORBIDDEN: [char; 9] = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/// Longer names are cut: file systems allow 255 bytes, and the extension still has to fit.
const MAX_NAME_CHARS: usize = 120;

/// The base of a file name for a map titled `title`: the title without the characters file
/// systems refuse or control characters, trimmed, or "journey-map" when nothing is left.
pub fn safe_name(title: &str) -> String {
    let kept: String = title
        .chars()
        .filter(|c| !FORBIDDEN.contains(c) && !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect();
    match kept.trim() {
        "" => "journey-map".to_owned(),
        name => name.to_owned(),
    }
}

/// How long the Blob's address lives: the download reads it after the click returns.
const URL_LIFETIME: Duration = Duration::from_secs(30);

/// `text` as a Blob of type `mime`.
pub fn blob_of(text: &str, mime: &str) -> Result<Blob, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&parts, &options)
}

/// Offers `text` as a download named `name` of type `mime`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    download_blob(name, &blob_of(text, mime)?)
}

/// Offers `blob` as a download named `name`.
pub fn download_blob(name: &str, blob: &Blob) -> Result<(), JsValue> {
    let url = Url::create_object_url_with_blob(blob)?;
    let link: HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        URL_LIFETIME,
    );
    Ok(())
}
