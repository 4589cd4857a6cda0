//! Text fields that edit the map in place: stage and lane names, persona names, score notes.

use crate::editor::Editor;
use model::Op;
use wasm_bindgen::JsCast;

/// Offers the text of the field that sent `ev` to the map as `op(text)`, then shows in the
/// field what the map holds. A refused change (a blank name, a text over the limit) therefore
/// never stays on screen as if it had been kept, and neither does a trimmed one; why it was
/// refused, `Editor::apply` has already told the person. `held` reads the map's value.
pub(crate) fn commit(
    editor: Editor,
    ev: &leptos::ev::Event,
    op: impl FnOnce(String) -> Op,
    held: impl FnOnce() -> String,
) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    editor.apply(op(input.value()));
    let held = held();
    if input.value() != held {
        input.set_value(&held);
    }
}
