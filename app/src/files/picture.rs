//! The board as a picture: an SVG drawn by `model::svg` with the interface's words, and a PNG
//! rasterised from it by the browser (an `<img>` of the SVG drawn on a canvas), at 1× or 2×.

use super::download::blob_of;
use crate::board::blueprint::line_name;
use crate::board::metric::metric_words;
use crate::i18n::*;
use crate::labels;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::svg::{Layout, MetricWords, SvgOptions};
use model::{
    BlueprintLine, Category, Channel, JourneyMap, Lane, Metric, PersonaId, Rating, RatingKind,
};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The most pixels a PNG may have: Safari's canvas limit, the smallest of the browsers', so a
/// file made here opens everywhere.
const MAX_PIXELS: f64 = 16_777_216.0;

struct Words {
    i18n: I18nContext<Locale>,
    title: String,
}

impl model::svg::Labels for Words {
    fn title(&self) -> String {
        self.title.clone()
    }

    fn lane(&self, lane: &Lane) -> String {
        labels::lane_name(self.i18n, lane)
    }

    fn quote(&self, quote: &str) -> String {
        let text = quote.to_owned();
        t_string!(self.i18n, quoted, text).to_string()
    }

    fn channel(&self, channel: Channel) -> String {
        labels::channel_name(self.i18n, channel).to_owned()
    }

    fn category(&self, category: Category) -> String {
        labels::category_name(self.i18n, category).to_owned()
    }

    fn rating(&self, kind: RatingKind, rating: Rating) -> String {
        format!(
            "{} {}",
            labels::rating_kind_name(self.i18n, kind),
            rating.value()
        )
    }

    fn metric(&self, metric: &Metric) -> MetricWords {
        metric_words(self.i18n, metric)
    }

    fn line(&self, line: BlueprintLine) -> String {
        line_name(self.i18n, line).to_owned()
    }
}

/// The board of `map` as an SVG document, with `persona`'s curve in front, and its size.
pub fn svg_of(
    i18n: I18nContext<Locale>,
    map: &JourneyMap,
    persona: Option<PersonaId>,
) -> (String, Layout) {
    let words = Words {
        i18n,
        title: map.title.clone(),
    };
    let options = SvgOptions {
        persona,
        include_hidden_lanes: false,
    };
    let layout = model::svg::layout(map, &words, &options);
    (layout.to_svg(), layout)
}

#[derive(Clone, Debug, PartialEq)]
pub enum PictureError {
    /// More pixels than a canvas may hold at this scale.
    TooLarge,
    /// The browser could not draw or encode the picture.
    Failed,
}

/// Rasterises `svg` (of `layout`'s size) at `scale` as a PNG blob.
pub async fn png_of(svg: &str, layout: &Layout, scale: f64) -> Result<web_sys::Blob, PictureError> {
    let (width, height) = (
        (layout.width * scale).ceil(),
        (layout.height * scale).ceil(),
    );
    if width * height > MAX_PIXELS {
        return Err(PictureError::TooLarge);
    }
    let failed = |_| PictureError::Failed;
    let url = object_url(svg, "image/svg+xml").map_err(failed)?;
    let drawn = draw(&url, width, height, scale).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    drawn.map_err(failed)
}

/// A `blob:` address for `text` of type `mime`; the caller revokes it.
fn object_url(text: &str, mime: &str) -> Result<String, JsValue> {
    web_sys::Url::create_object_url_with_blob(&blob_of(text, mime)?)
}

async fn draw(url: &str, width: f64, height: f64, scale: f64) -> Result<web_sys::Blob, JsValue> {
    let image = web_sys::HtmlImageElement::new()?;
    let loaded = js_sys::Promise::new(&mut |ok, fail| {
        image.set_onload(Some(&ok));
        image.set_onerror(Some(&fail));
    });
    image.set_src(url);
    wasm_bindgen_futures::JsFuture::from(loaded).await?;
    let canvas: web_sys::HtmlCanvasElement = document().create_element("canvas")?.dyn_into()?;
    canvas.set_width(width as u32);
    canvas.set_height(height as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()?;
    context.scale(scale, scale)?;
    context.draw_image_with_html_image_element(&image, 0.0, 0.0)?;
    let encoded = js_sys::Promise::new(&mut |ok, fail| {
        let refuse = fail.clone();
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = if blob.is_null() {
                refuse.call1(&JsValue::NULL, &JsValue::from_str("no PNG"))
            } else {
                ok.call1(&JsValue::NULL, &blob)
            };
        });
        if let Err(e) = canvas.to_blob_with_type(done.unchecked_ref(), "image/png") {
            let _ = fail.call1(&JsValue::NULL, &e);
        }
    });
    wasm_bindgen_futures::JsFuture::from(encoded)
        .await?
        .dyn_into()
}
