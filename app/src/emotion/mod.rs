//! The emotions lane: the current persona's score at each stage, drawn as a smooth curve with
//! a face at each point; each point is a slider (arrow keys change the score). The other
//! personas' curves are drawn dashed behind it, each with its own dash pattern and marker.

mod personas;
mod sketch;
mod table;

pub use personas::{CurrentPersona, PersonaChooser};
pub use table::EmotionTable;

use crate::announce::Announcer;
use crate::board::gesture::{DragHandler, Gestures, Press};
use crate::editor::Editor;
use crate::i18n::*;
use crate::labels;
use leptos::ev::PointerEvent;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::curve::{self, Extreme, line_style};
use model::svg::icons;
use model::{JourneyMap, Op, PersonaId, Score, StageId};
use wasm_bindgen::JsCast;

/// What changing a score needs, gathered where contexts are at hand, so that a window
/// listener (Esc ending a drag) can change one too.
#[derive(Clone, Copy)]
pub(crate) struct Scores {
    i18n: I18nContext<Locale>,
    editor: Editor,
    announcer: Announcer,
    current: CurrentPersona,
}

impl Scores {
    pub fn here() -> Self {
        Scores {
            i18n: use_i18n(),
            editor: expect_context::<Editor>(),
            announcer: expect_context::<Announcer>(),
            current: expect_context::<CurrentPersona>(),
        }
    }

    /// The current persona's scores, in stage order.
    fn all(&self) -> Vec<Option<Score>> {
        let persona = self.current.id.get_untracked();
        self.editor
            .map
            .with_untracked(|m| m.scores_of(persona.and_then(|id| m.persona(&id))))
    }

    fn at(&self, stage: &StageId) -> Option<Score> {
        let persona = self.current.id.get_untracked()?;
        self.editor
            .map
            .with_untracked(|m| score_of(m, &persona, stage))
    }

    /// Sets the current persona's score at a stage; says the new value when it changed.
    /// Returns whether the stage holds `score` now (a refusal has been told to the person).
    pub fn set(&self, stage: &StageId, score: Score, say: bool) -> bool {
        let Some(persona) = self.current.id.get_untracked() else {
            return false;
        };
        if self.at(stage) == Some(score) {
            return true;
        }
        let changed = self.editor.apply(Op::SetEmotion {
            persona,
            stage: stage.clone(),
            score,
        });
        if changed && say {
            self.announce(stage);
        }
        changed
    }

    /// Says a stage's score, e.g. "Onboarding: +2 (positive)".
    fn announce(&self, stage: &StageId) {
        let name = self
            .editor
            .map
            .with_untracked(|m| m.stage(stage).map(|s| s.name.clone()))
            .unwrap_or_default();
        let score = self.at(stage).unwrap_or_default();
        let text = format!("{name}: {}", labels::score_text(self.i18n, score));
        self.announcer.say(text);
    }
}

/// Where a score sits in the curve's box, as a CSS `top`.
pub(crate) fn top_of(score: Score) -> String {
    format!("{:.2}%", curve::y_of(score) / curve::HEIGHT * 100.0)
}

fn point_class(score: Option<Score>, extreme: Option<Extreme>) -> &'static str {
    match (score, extreme) {
        (None, _) => "point unset",
        (_, Some(Extreme::Peak)) => "point peak",
        (_, Some(Extreme::Trough)) => "point trough",
        _ => "point",
    }
}

fn face_class(score: Score) -> String {
    format!("face score{}", score.value())
}

fn score_of(map: &JourneyMap, persona: &PersonaId, stage: &StageId) -> Option<Score> {
    map.persona(persona).and_then(|p| p.score_at(stage))
}

/// Each stage's score for the current persona, in stage order, with its peak or trough mark.
#[derive(Clone, PartialEq)]
struct CurvePoint {
    stage: StageId,
    name: String,
    score: Option<Score>,
    extreme: Option<Extreme>,
}

/// Another persona's curve, drawn behind the current one.
#[derive(Clone, PartialEq)]
struct Overlay {
    style: usize,
    path: String,
    scores: Vec<Option<Score>>,
}

#[component]
pub fn EmotionRow() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let current = expect_context::<CurrentPersona>();
    let points = Memo::new(move |_| {
        let id = current.id.get();
        editor.map.with(|m| {
            let scores = m.scores_of(id.and_then(|id| m.persona(&id)));
            m.stages
                .iter()
                .zip(curve::extremes(&scores))
                .zip(scores)
                .map(|((s, extreme), score)| CurvePoint {
                    stage: s.id.clone(),
                    name: s.name.clone(),
                    score,
                    extreme,
                })
                .collect::<Vec<_>>()
        })
    });
    // What depends on the number of stages only, so a point's move does not wake it.
    let stage_count = Memo::new(move |_| points.with(Vec::len));
    let count = move || stage_count.get().max(1);
    let width = move || count() as f64 * curve::STAGE_WIDTH;
    let view_box = move || format!("0 0 {} {}", width(), curve::HEIGHT);
    let path =
        move || points.with(|p| curve::smooth_path(&p.iter().map(|p| p.score).collect::<Vec<_>>()));
    let overlays = Memo::new(move |_| {
        let id = current.id.get();
        editor.map.with(|m| {
            m.personas
                .iter()
                .enumerate()
                .filter(|(_, p)| Some(&p.id) != id.as_ref())
                .map(|(i, p)| {
                    let scores = m.scores_of(Some(p));
                    Overlay {
                        style: line_style(i),
                        path: curve::smooth_path(&scores),
                        scores,
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let overlay_paths = move || {
        overlays
            .get()
            .into_iter()
            .map(|o| view! { <path class=format!("other line{}", o.style) d=o.path /> })
            .collect_view()
    };
    // One slot per stage, holding a marker for each other persona scored there.
    // Redrawn when the other curves or the number of stages change, not when a point moves.
    let markers = move || {
        overlays.with(|list| {
            (0..stage_count.get())
                .map(|i| {
                    let here = list
                        .iter()
                        .filter_map(|o| Some((o.style, o.scores.get(i).copied()??)))
                        .map(|(style, score)| {
                            view! { <span class=format!("marker line{style}") style:top=top_of(score)></span> }
                        })
                        .collect_view();
                    view! { <div class="slot">{here}</div> }
                })
                .collect_view()
        })
    };
    let label = move || {
        let persona = editor.map.with(|m| current.name(m));
        t_string!(i18n, emotion_curve_for, persona).to_string()
    };
    // A memo, so that a point's move does not make the list of points diff its keys again.
    let stage_ids =
        Memo::new(move |_| points.with(|p| p.iter().map(|p| p.stage.clone()).collect::<Vec<_>>()));
    view! {
        <td class="emotion-cell" colspan=count>
            <div class="curve" role="group" aria-label=label>
                <svg
                    class="curve-line"
                    viewBox=view_box
                    preserveAspectRatio="none"
                    aria-hidden="true"
                >
                    <line
                        class="neutral"
                        x1="0"
                        x2=width
                        y1=curve::y_of(Score::default())
                        y2=curve::y_of(Score::default())
                    />
                    {overlay_paths}
                    <path class="mine" d=path />
                </svg>
                <div class="markers" aria-hidden="true">
                    {markers}
                </div>
                <div class="points">
                    <For each=move || stage_ids.get() key=|id| id.clone() let:stage>
                        {
                            let key = stage.to_string();
                            view! {
                                <div class="slot" data-stage=key>
                                    <Point points stage />
                                </div>
                            }
                        }
                    </For>
                </div>
            </div>
        </td>
    }
}

/// One stage's point, keyed by stage so it keeps focus while its score changes.
#[component]
fn Point(points: Memo<Vec<CurvePoint>>, stage: StageId) -> impl IntoView {
    let i18n = use_i18n();
    let scores = Scores::here();
    let point = {
        let stage = stage.clone();
        Memo::new(move |_| points.with(|p| p.iter().find(|p| p.stage == stage).cloned()))
    };
    let score = move || point.with(|p| p.as_ref().and_then(|p| p.score));
    let on_key = {
        let stage = stage.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let v = i64::from(score().unwrap_or_default().value());
            let to = match ev.key().as_str() {
                "ArrowUp" | "ArrowRight" | "PageUp" => v + 1,
                "ArrowDown" | "ArrowLeft" | "PageDown" => v - 1,
                // As every slider: Home to the minimum, End to the maximum.
                "Home" => i64::from(Score::MIN),
                "End" => i64::from(Score::MAX),
                _ => return,
            };
            ev.prevent_default();
            scores.set(&stage, Score::clamped(to), true);
        }
    };
    let press = Press::new(
        expect_context::<Gestures>(),
        PointDrag {
            stage: StoredValue::new(stage),
            scores,
            sketch: StoredValue::new_local(None),
        },
    );
    // The element stays while its score changes, so it keeps focus; only attributes follow.
    let shown = move || score().unwrap_or_default();
    let class = move || {
        let p = point.get();
        point_class(p.as_ref().and_then(|p| p.score), p.and_then(|p| p.extreme))
    };
    let top = move || top_of(shown());
    let name = move || point.with(|p| p.as_ref().map(|p| p.name.clone()));
    let value_text = move || labels::score_text(i18n, shown());
    view! {
        <div
            class=class
            style:top=top
            role="slider"
            aria-orientation="vertical"
            tabindex="0"
            aria-label=name
            aria-valuemin=Score::MIN
            aria-valuemax=Score::MAX
            aria-valuenow=move || shown().value()
            aria-valuetext=value_text
            on:keydown=on_key
            on:pointerdown=move |ev| press.down(&ev)
        >
            <Face score=Signal::derive(shown) />
            <span class="score">{move || shown().to_string()}</span>
        </div>
    }
}

/// What dragging a point means: it snaps to whole scores as the pointer passes them, drawn
/// by [`sketch::Sketch`]; the score is kept at the drop, as one undo step (rather than on every
/// score passed, each an undo record, a save and a wake-up of everything that reads the map),
/// announced once, and Esc puts the score back.
#[derive(Clone, Copy)]
struct PointDrag {
    stage: StoredValue<StageId>,
    scores: Scores,
    sketch: StoredValue<Option<sketch::Sketch>, LocalStorage>,
}

impl DragHandler for PointDrag {
    fn start(&self, _from: (f64, f64), ev: &PointerEvent) {
        let point = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        self.sketch
            .set_value(point.as_ref().and_then(sketch::Sketch::of));
    }

    fn drag_to(&self, ev: &PointerEvent) {
        if self.scores.current.id.get_untracked().is_none() {
            return;
        }
        self.sketch.update_value(|s| {
            if let Some(s) = s {
                let to = s.score_at(f64::from(ev.client_y()));
                s.show(self.scores.i18n, to, || self.scores.all());
            }
        });
    }

    fn drop(&self, _ev: &PointerEvent) {
        let sketch = self.sketch.try_update_value(Option::take).flatten();
        if let (Some(mut sketch), Some(stage)) = (sketch, self.stage.try_get_value())
            && let Some(score) = sketch.shown
        {
            // Refused (the person has been told why): the curve shows the map again.
            if !self.scores.set(&stage, score, false) {
                sketch.undo(self.scores.i18n, self.scores.all());
            }
        }
        self.say();
    }

    fn cancel(&self) {
        if let Some(mut sketch) = self.sketch.try_update_value(Option::take).flatten() {
            sketch.undo(self.scores.i18n, self.scores.all());
        }
        self.say();
    }
}

impl PointDrag {
    fn say(&self) {
        // The point may be gone with its stage, deleted in another tab mid-drag.
        if let Some(stage) = self.stage.try_get_value() {
            self.scores.announce(&stage);
        }
    }
}

/// A face for a score: its mouth curves with the score, its colour warms with it.
#[component]
pub(crate) fn Face(score: Signal<Score>) -> impl IntoView {
    let mouth = move || icons::mouth(score.get());
    view! {
        <svg class=move || face_class(score.get()) viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="12" cy="12" r="10.5" />
            <circle class="eye" cx="8.5" cy="9.5" r="1.4" />
            <circle class="eye" cx="15.5" cy="9.5" r="1.4" />
            <path class="mouth" d=mouth />
        </svg>
    }
}
