//! An uploaded picture made into an avatar a map may keep: refused unread when it is not an
//! image or is too large, else decoded, scaled down and re-encoded until it fits.

use leptos::prelude::{document, window};
use model::avatar::{self, Attempt};
use model::profile::is_avatar_image;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, File, HtmlCanvasElement, ImageBitmap};

/// Larger files are refused unread: decoding a picture that size takes memory and time a
/// phone may not have, for an avatar of a few kilobytes.
const MAX_UPLOAD_BYTES: f64 = 10.0 * 1024.0 * 1024.0;

/// Why a picture was not used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Refusal {
    NotImage,
    TooLarge,
    Undecodable,
    TooDetailed,
}

/// Checks what the file says it is and its size, before anything reads it.
pub fn check(file: &File) -> Result<(), Refusal> {
    if !file.type_().starts_with("image/") {
        return Err(Refusal::NotImage);
    }
    if file.size() > MAX_UPLOAD_BYTES {
        return Err(Refusal::TooLarge);
    }
    Ok(())
}

/// The picture as a `data:` URL that `is_avatar_image` accepts.
pub async fn encode(file: &File) -> Result<String, Refusal> {
    let bitmap = decode(file).await.ok_or(Refusal::Undecodable)?;
    let encoded = shrink(&bitmap);
    bitmap.close();
    encoded.ok_or(Refusal::TooDetailed)
}

async fn decode(blob: &Blob) -> Option<ImageBitmap> {
    let promise = window().create_image_bitmap_with_blob(blob).ok()?;
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

fn shrink(bitmap: &ImageBitmap) -> Option<String> {
    let canvas: HtmlCanvasElement = document().create_element("canvas").ok()?.dyn_into().ok()?;
    avatar::attempts(bitmap.width(), bitmap.height())
        .find_map(|attempt| draw_and_encode(&canvas, bitmap, attempt))
}

fn draw_and_encode(
    canvas: &HtmlCanvasElement,
    bitmap: &ImageBitmap,
    Attempt {
        width,
        height,
        quality,
    }: Attempt,
) -> Option<String> {
    canvas.set_width(width);
    canvas.set_height(height);
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    let (w, h) = (f64::from(width), f64::from(height));
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(bitmap, 0.0, 0.0, w, h)
        .ok()?;
    let quality = JsValue::from_f64(quality);
    let webp = canvas
        .to_data_url_with_type_and_encoder_options("image/webp", &quality)
        .ok()?;
    let url = if webp.starts_with("data:image/webp") {
        webp
    } else {
        // A browser that cannot write WebP writes PNG instead, which ignores the quality.
        // JPEG honours it but has no transparency, so the picture goes on white first.
        context
            .set_global_composite_operation("destination-over")
            .ok()?;
        context.set_fill_style_str("#fff");
        context.fill_rect(0.0, 0.0, w, h);
        canvas
            .to_data_url_with_type_and_encoder_options("image/jpeg", &quality)
            .ok()?
    };
    is_avatar_image(&url).then_some(url)
}
