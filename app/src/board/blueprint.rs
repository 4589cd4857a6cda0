//! The lines of a service blueprint, drawn between adjacent visible lanes as a labelled
//! dashed line. Each is a row of its own, hidden from assistive technology and never focused,
//! so the table's rows stay the lanes and its cells keep their headers.

use crate::editor::Editor;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::templates::line_above;
use model::{BlueprintLine, LaneId, StageId};

/// The line above the lane `lane`, if the lane above it makes one with it.
#[component]
pub fn LineAbove(lane: LaneId, stage_ids: Memo<Vec<StageId>>) -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let line = Memo::new(move |_| editor.map.with(|m| line_above(&m.lanes, &lane)));
    move || {
        line.get().map(|line| {
            view! {
                <tr class="blueprint-line" aria-hidden="true">
                    <td colspan=move || stage_ids.with(Vec::len) + 1>
                        <span class="blueprint-label">{move || line_name(i18n, line)}</span>
                    </td>
                </tr>
            }
        })
    }
}

/// A blueprint line's name in the interface's language, on the board and in the template picker.
pub fn line_name(i18n: I18nContext<Locale>, line: BlueprintLine) -> &'static str {
    match line {
        BlueprintLine::Interaction => t_string!(i18n, templates_line_interaction),
        BlueprintLine::Visibility => t_string!(i18n, templates_line_visibility),
        BlueprintLine::InternalInteraction => t_string!(i18n, templates_line_internal),
    }
}
