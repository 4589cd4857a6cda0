//! A blank worksheet for a paper workshop (PRODUCT.md, "How people use it"): a persona drawn
//! as empty boxes, the map's stages as columns, and rows to fill in by hand for touchpoints,
//! feelings (a −3…+3 scale of faces to circle), pain points and opportunities. It shows in
//! place of the board, as the page it prints, and asks the browser to print it at once.

use super::Presenting;
use crate::editor::Editor;
use crate::emotion::Face;
use crate::i18n::*;
use crate::labels;
use leptos::html;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::present::worksheet_columns;
use model::{LaneKind, ProfileField, Score};

#[component]
pub fn WorksheetView() -> impl IntoView {
    let presenting = expect_context::<Presenting>();
    view! {
        <Show when=move || presenting.worksheet.get()>
            <Worksheet />
        </Show>
    }
}

/// The heads of the sheet's columns: the map's stages, or numbered blanks to write a name in.
fn column_heads(i18n: I18nContext<Locale>, editor: Editor) -> impl IntoView + use<> {
    editor.map.with(|map| {
        worksheet_columns(map)
            .into_iter()
            .enumerate()
            .map(|(i, name)| {
                let head = if name.is_empty() {
                    let n = i + 1;
                    view! { <span class="write-in">{t_string!(i18n, worksheet_stage_n, n).to_string()}</span> }
                        .into_any()
                } else {
                    name.to_owned().into_any()
                };
                view! { <th scope="col">{head}</th> }
            })
            .collect_view()
    })
}

/// A row of empty cells to write in, one per column, under a lane kind's name.
fn blank_row(i18n: I18nContext<Locale>, kind: LaneKind, columns: usize) -> impl IntoView + use<> {
    view! {
        <tr class=format!("sheet-row sheet-{kind:?}").to_lowercase()>
            <th scope="row">{labels::lane_kind_name(i18n, kind)}</th>
            {(0..columns).map(|_| view! { <td></td> }).collect_view()}
        </tr>
    }
}

/// The feelings row: in every column, the scale from +3 down to −3, each a face to circle, so
/// the circled faces read as the curve.
fn feelings_row(i18n: I18nContext<Locale>, columns: usize) -> impl IntoView + use<> {
    let scale = move || {
        (Score::MIN..=Score::MAX)
            .rev()
            .filter_map(Score::new)
            .map(|score| {
                view! {
                    <li>
                        <Face score=Signal::stored(score) />
                        <span>{score.to_string()}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <tr class="sheet-row sheet-emotions">
            <th scope="row">
                {labels::lane_kind_name(i18n, LaneKind::Emotions)}
                " "
                <span class="sheet-hint">{t_string!(i18n, worksheet_circle)}</span>
            </th>
            {(0..columns)
                .map(|_| view! { <td><ol class="sheet-scale">{scale()}</ol></td> })
                .collect_view()}
        </tr>
    }
}

#[component]
fn Worksheet() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let presenting = expect_context::<Presenting>();
    let heading = NodeRef::<html::H2>::new();
    let print = move || {
        let _ = window().print();
    };
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
            // Once the sheet is laid out, so the print preview shows it.
            request_animation_frame(print);
        }
    });
    let back = move |_| {
        presenting.worksheet.set(false);
        // Once the bar that holds the button shows again.
        request_animation_frame(move || {
            if let Some(button) = presenting.worksheet_button.get_untracked() {
                let _ = button.focus();
            }
        });
    };
    let columns = Memo::new(move |_| editor.map.with(|m| worksheet_columns(m).len()));
    let title = move || editor.map.with(|m| m.title.clone());
    let persona_box = move |class: &'static str, label: fn(I18nContext<Locale>) -> &'static str| {
        view! {
            <div class=format!("sheet-box {class}")>
                <span class="sheet-label">{move || label(i18n)}</span>
            </div>
        }
    };
    view! {
        <section class="worksheet" aria-labelledby="worksheet-title">
            <div class="worksheet-tools">
                <p>{t!(i18n, worksheet_hint)}</p>
                <button type="button" class="primary" on:click=move |_| print()>
                    {t!(i18n, worksheet_print)}
                </button>
                <button type="button" on:click=back>
                    {t!(i18n, compare_back)}
                </button>
            </div>
            <div class="sheet">
                <header class="sheet-head">
                    <h2 id="worksheet-title" tabindex="-1" node_ref=heading>
                        {t!(i18n, worksheet_title)}
                    </h2>
                    <p class="sheet-map">{title}</p>
                    <p class="sheet-line">{t!(i18n, worksheet_date)}</p>
                </header>
                <section class="sheet-persona" aria-labelledby="sheet-persona">
                    <h3 id="sheet-persona">{t!(i18n, worksheet_persona)}</h3>
                    {persona_box("sheet-name", |i18n| t_string!(i18n, worksheet_name))}
                    {persona_box("sheet-role", |i18n| labels::profile_field_name(i18n, ProfileField::Role))}
                    {persona_box("sheet-goals", |i18n| labels::profile_field_name(i18n, ProfileField::Goals))}
                    {persona_box(
                        "sheet-frustrations",
                        |i18n| labels::profile_field_name(i18n, ProfileField::Frustrations),
                    )}
                    {persona_box("sheet-quote", |i18n| t_string!(i18n, persona_quote))}
                </section>
                <table class="sheet-grid">
                    <thead>
                        <tr>
                            <td class="sheet-corner"></td>
                            {move || column_heads(i18n, editor)}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let n = columns.get();
                            view! {
                                {blank_row(i18n, LaneKind::Touchpoints, n)}
                                {feelings_row(i18n, n)}
                                {blank_row(i18n, LaneKind::PainPoints, n)}
                                {blank_row(i18n, LaneKind::Opportunities, n)}
                            }
                        }}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
