//! Text fields that edit the map in place: stage and lane names, persona names and profiles,
//! score notes.

use crate::editor::Editor;
use model::Op;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};

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
    let Some(target) = ev.target() else {
        return;
    };
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        keep(editor, input, op, held);
    } else if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
        keep(editor, area, op, held);
    }
}

/// A text field or, for longer texts (a persona's goals), a text area.
trait TextControl {
    fn text(&self) -> String;
    fn show(&self, text: &str);
}

impl TextControl for HtmlInputElement {
    fn text(&self) -> String {
        self.value()
    }
    fn show(&self, text: &str) {
        self.set_value(text);
    }
}

impl TextControl for HtmlTextAreaElement {
    fn text(&self) -> String {
        self.value()
    }
    fn show(&self, text: &str) {
        self.set_value(text);
    }
}

fn keep(
    editor: Editor,
    control: &impl TextControl,
    op: impl FnOnce(String) -> Op,
    held: impl FnOnce() -> String,
) {
    editor.apply(op(control.text()));
    let held = held();
    if control.text() != held {
        control.show(&held);
    }
}
