//! The current persona's emotion curve as a table (stage, score, face, note), for screen
//! readers and for people who prefer numbers. Editing here changes the curve, and the other
//! way round; choosing another persona above the curve changes both.

use super::{CurrentPersona, Face, Scores};
use crate::board::field;
use crate::editor::Editor;
use crate::i18n::*;
use crate::labels;
use leptos::html;
use leptos::prelude::*;
use model::{Op, Score, StageId};

#[component]
pub fn EmotionTable() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let current = expect_context::<CurrentPersona>();
    let stage_ids = move || {
        editor
            .map
            .with(|m| m.stages.iter().map(|s| s.id.clone()).collect::<Vec<_>>())
    };
    let caption = move || {
        let persona = editor.map.with(|m| current.name(m));
        t_string!(i18n, emotion_curve_for, persona).to_string()
    };
    // Drawn only while open: closed, it is neither seen nor read out, and every score change
    // would otherwise redraw it.
    let open = RwSignal::new(false);
    let details = NodeRef::<html::Details>::new();
    let on_toggle = move |_| open.set(details.get_untracked().is_some_and(|d| d.open()));
    view! {
        <details class="emotion-table" node_ref=details on:toggle=on_toggle>
            <summary>{t!(i18n, show_table)}</summary>
            <Show when=move || open.get()>
                <table>
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, stage)}</th>
                            <th scope="col">{t!(i18n, score)}</th>
                            <th scope="col">{t!(i18n, feeling)}</th>
                            <th scope="col">{t!(i18n, note)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=stage_ids key=|id| id.clone() let:stage>
                            <ScoreRow stage />
                        </For>
                    </tbody>
                </table>
            </Show>
        </details>
    }
}

#[component]
fn ScoreRow(stage: StageId) -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let current = expect_context::<CurrentPersona>();
    let scores = Scores::here();
    let entry = {
        let stage = stage.clone();
        Memo::new(move |_| {
            let persona = current.id.get();
            editor.map.with(|m| {
                let name = m.stage(&stage).map(|s| s.name.clone()).unwrap_or_default();
                let entry = persona
                    .and_then(|id| m.persona(&id))
                    .and_then(|p| p.emotions.iter().find(|e| e.stage == stage).cloned());
                (name, entry)
            })
        })
    };
    let name = move || entry.with(|(name, _)| name.clone());
    let score = move || entry.with(|(_, e)| e.as_ref().map(|e| e.score).unwrap_or_default());
    let note = move || entry.with(|(_, e)| e.as_ref().map(|e| e.note.clone()).unwrap_or_default());
    let score_label = move || {
        let stage = name();
        t_string!(i18n, score_for, stage).to_string()
    };
    let on_score = {
        let stage = stage.clone();
        move |ev| {
            if let Ok(value) = event_target_value(&ev).parse::<i64>() {
                scores.set(&stage, Score::clamped(value), true);
            }
        }
    };
    let on_note = move |ev| {
        if let Some(persona) = current.id.get_untracked() {
            let stage = stage.clone();
            field::commit(
                editor,
                &ev,
                |note| Op::SetEmotionNote {
                    persona,
                    stage,
                    note,
                },
                || {
                    entry.with_untracked(|(_, e)| {
                        e.as_ref().map(|e| e.note.clone()).unwrap_or_default()
                    })
                },
            );
        }
    };
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td>
                <select aria-label=score_label prop:value=move || score().value().to_string() on:change=on_score>
                    {(Score::MIN..=Score::MAX)
                        .rev()
                        .map(|v| {
                            let s = Score::clamped(v.into());
                            view! {
                                <option value=v.to_string()>
                                    {move || labels::score_text(i18n, s)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </td>
            <td>
                <Face score=Signal::derive(score) />
            </td>
            <td>
                <input
                    type="text"
                    maxlength="5000"
                    aria-label=move || {
                        let stage = name();
                        format!("{} — {stage}", t_string!(i18n, note))
                    }
                    prop:value=note
                    on:change=on_note
                />
            </td>
        </tr>
    }
}
