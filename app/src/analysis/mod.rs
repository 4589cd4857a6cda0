//! "What to fix first" (PRODUCT.md, step 6): a side panel listing what `model::analysis` finds
//! in the open map, grouped by kind with counts, and the pain points and opportunities ranked by
//! impact ÷ effort. It follows every change while open and costs nothing while closed. Choosing
//! a finding (click, or Enter on it) brings the card, stage or emotion point it is about into
//! view, focuses it and lights it up for a moment.

mod words;

use crate::announce::Announcer;
use crate::editor::Editor;
use crate::emotion::CurrentPersona;
use crate::filter::{Lens, MainView};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::analysis::{Analysis, Finding, FindingKind, Ranked, Severity, Target, analyse};
use model::{CardId, JourneyMap};
use std::time::Duration;
use wasm_bindgen::JsCast;
use words::{Namer, sentence, severity_name};

/// Whether the panel is open; the top bar's button and the panel share it.
#[derive(Clone, Copy)]
pub struct PanelOpen(pub RwSignal<bool>);

impl PanelOpen {
    pub fn provide() {
        provide_context(PanelOpen(RwSignal::new(false)));
    }
}

/// The kinds of finding the panel lists apart, in the order of the method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Group {
    Gaps,
    Moments,
    Bottlenecks,
    Channels,
    Evidence,
    Unaddressed,
}

impl Group {
    const ALL: [Group; 6] = [
        Group::Gaps,
        Group::Moments,
        Group::Bottlenecks,
        Group::Channels,
        Group::Evidence,
        Group::Unaddressed,
    ];

    fn of(kind: &FindingKind) -> Group {
        match kind {
            FindingKind::NoTouchpoints { .. } | FindingKind::NoTouchpointsFor { .. } => Group::Gaps,
            FindingKind::LowestPoint { .. }
            | FindingKind::HighestPoint { .. }
            | FindingKind::SteepestDrop { .. } => Group::Moments,
            FindingKind::Bottleneck { .. } | FindingKind::MissedTarget { .. } => Group::Bottlenecks,
            FindingKind::NoPreferredChannel { .. }
            | FindingKind::PreferredChannelsMissing { .. }
            | FindingKind::BrokenThread { .. } => Group::Channels,
            FindingKind::WeakEvidence { .. } => Group::Evidence,
            FindingKind::UnaddressedPain { .. } => Group::Unaddressed,
        }
    }

    fn title(self, i18n: I18nContext<Locale>) -> &'static str {
        match self {
            Group::Gaps => t_string!(i18n, analysis_gaps),
            Group::Moments => t_string!(i18n, analysis_moments),
            Group::Bottlenecks => t_string!(i18n, analysis_bottlenecks),
            Group::Channels => t_string!(i18n, analysis_channels),
            Group::Evidence => t_string!(i18n, analysis_evidence),
            Group::Unaddressed => t_string!(i18n, analysis_unaddressed),
        }
    }

    fn id(self) -> String {
        format!("analysis-{self:?}").to_lowercase()
    }
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "finding severity-high",
        Severity::Medium => "finding severity-medium",
        Severity::Low => "finding severity-low",
    }
}

/// The top bar's button that opens and closes the panel.
#[component]
pub fn AnalysisButton() -> impl IntoView {
    let i18n = use_i18n();
    let PanelOpen(open) = expect_context::<PanelOpen>();
    view! {
        <button
            type="button"
            class="analysis-button"
            aria-expanded=move || open.get().to_string()
            aria-controls="analysis-panel"
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {t!(i18n, analysis_open)}
        </button>
    }
}

/// Brings what `target` is about into view on the board, focuses it and lights it up; a card
/// the filter hides is shown by clearing the filter first. Says so when it is not on the board.
#[derive(Clone, Copy)]
struct Guide {
    i18n: I18nContext<Locale>,
    lens: Lens,
    persona: CurrentPersona,
    announcer: Announcer,
}

impl Guide {
    fn go(&self, target: &Target) {
        self.lens.view.set(MainView::Board);
        let selector = match target {
            Target::Card(card) => {
                if !self.lens.shows_untracked(card) {
                    self.lens.show_all();
                }
                format!("[data-card-id=\"{card}\"] .card-text")
            }
            Target::Stage(stage) => format!("table.board thead th[data-stage=\"{stage}\"] input"),
            Target::Emotion { persona, stage } => {
                self.persona.choose(persona.clone());
                format!(".emotion-cell .slot[data-stage=\"{stage}\"] [role=slider]")
            }
        };
        let (i18n, announcer) = (self.i18n, self.announcer);
        // After the board has drawn what the choices above changed.
        request_animation_frame(move || {
            let found = document()
                .query_selector(&selector)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            match found {
                Some(el) => {
                    let _ = el.focus();
                    spotlight(&el);
                }
                None => announcer.say(t_string!(i18n, analysis_not_on_board).to_string()),
            }
        });
    }
}

/// Lights up `el`'s card, header or point for a moment, so the eye finds it.
fn spotlight(el: &web_sys::HtmlElement) {
    let lit = el
        .closest(".card, th, .point")
        .ok()
        .flatten()
        .unwrap_or_else(|| el.clone().into());
    if lit.class_list().add_1("spotlight").is_ok() {
        set_timeout(
            move || {
                let _ = lit.class_list().remove_1("spotlight");
            },
            Duration::from_millis(2400),
        );
    }
}

#[component]
pub fn AnalysisPanel() -> impl IntoView {
    let i18n = use_i18n();
    let PanelOpen(open) = expect_context::<PanelOpen>();
    let editor = expect_context::<Editor>();
    let guide = Guide {
        i18n,
        lens: expect_context::<Lens>(),
        persona: expect_context::<CurrentPersona>(),
        announcer: expect_context::<Announcer>(),
    };
    // Worked out only while the panel is open: a closed panel costs nothing per edit.
    let analysis = Memo::new(move |_| open.get().then(|| editor.map.with(analyse)));
    view! {
        <Show when=move || open.get()>
            <aside id="analysis-panel" class="analysis-panel" aria-labelledby="analysis-title">
                <div class="panel-head">
                    <h2 id="analysis-title">{t!(i18n, analysis_title)}</h2>
                    <button
                        type="button"
                        class="dismiss"
                        aria-label=move || t_string!(i18n, analysis_close).to_string()
                        on:click=move |_| open.set(false)
                    >
                        <span aria-hidden="true">"×"</span>
                    </button>
                </div>
                {move || {
                    analysis
                        .get()
                        .map(|analysis| editor.map.with(|map| findings_view(i18n, guide, map, analysis)))
                }}
            </aside>
        </Show>
    }
}

/// The summary line, each group of findings, then the ranking.
fn findings_view(
    i18n: I18nContext<Locale>,
    guide: Guide,
    map: &JourneyMap,
    analysis: Analysis,
) -> impl IntoView + use<> {
    let namer = Namer { i18n, map };
    let count = |s: Severity| analysis.findings.iter().filter(|f| f.severity == s).count();
    let (high, medium, low) = (
        count(Severity::High),
        count(Severity::Medium),
        count(Severity::Low),
    );
    let summary = t_string!(i18n, analysis_summary, high, medium, low).to_string();
    let groups = Group::ALL
        .into_iter()
        .map(|group| {
            let found: Vec<&Finding> = analysis
                .findings
                .iter()
                .filter(|f| Group::of(&f.kind) == group)
                .collect();
            let (id, count) = (group.id(), found.len());
            let labelled = id.clone();
            let items = found
                .into_iter()
                .map(|f| {
                    finding_item(
                        &namer,
                        guide,
                        f.severity,
                        sentence(&namer, &f.kind),
                        f.about.clone(),
                    )
                })
                .collect_view();
            let body = if count == 0 {
                view! { <p class="analysis-none">{t!(i18n, analysis_nothing)}</p> }.into_any()
            } else {
                view! { <ul class="findings">{items}</ul> }.into_any()
            };
            view! {
                <section class="analysis-group" aria-labelledby=labelled>
                    <h3 id=id>{format!("{} ({count})", group.title(i18n))}</h3>
                    {body}
                </section>
            }
        })
        .collect_view();
    view! {
        <p class="analysis-summary">{summary}</p>
        {groups}
        {priorities_view(&namer, guide, &analysis)}
    }
}

fn finding_item(
    namer: &Namer,
    guide: Guide,
    severity: Severity,
    said: String,
    about: Target,
) -> impl IntoView + use<> {
    let i18n = namer.i18n;
    let level = severity_name(i18n, severity);
    view! {
        <li>
            <button type="button" class=severity_class(severity) on:click=move |_| guide.go(&about)>
                <span class="severity">{level}</span>
                <span class="visually-hidden">": "</span>
                <span class="finding-text">{said}</span>
            </button>
        </li>
    }
}

/// Pain points and opportunities by impact ÷ effort, then those not yet rated.
fn priorities_view(namer: &Namer, guide: Guide, analysis: &Analysis) -> impl IntoView + use<> {
    let i18n = namer.i18n;
    let card_button = move |card: CardId, text: String| {
        let about = Target::Card(card);
        view! {
            <li>
                <button type="button" class="finding" on:click=move |_| guide.go(&about)>
                    {text}
                </button>
            </li>
        }
    };
    let ranked = analysis
        .priorities
        .ranked
        .iter()
        .map(
            |Ranked {
                 card,
                 impact,
                 effort,
             }| {
                let (name, impact, effort) = (namer.card(card), impact.value(), effort.value());
                let text =
                    t_string!(i18n, analysis_ranked, card = name, impact, effort).to_string();
                card_button(card.clone(), text)
            },
        )
        .collect_view();
    let unrated = analysis
        .priorities
        .unrated
        .iter()
        .map(|card| card_button(card.clone(), namer.card(card)))
        .collect_view();
    let (ranked_count, unrated_count) = (
        analysis.priorities.ranked.len(),
        analysis.priorities.unrated.len(),
    );
    view! {
        <section class="analysis-group" aria-labelledby="analysis-priorities">
            <h3 id="analysis-priorities">
                {format!("{} ({ranked_count})", t_string!(i18n, analysis_priorities))}
            </h3>
            {if ranked_count == 0 {
                view! { <p class="analysis-none">{t!(i18n, analysis_no_ranking)}</p> }.into_any()
            } else {
                view! { <ol class="findings ranked">{ranked}</ol> }.into_any()
            }}
            {(unrated_count > 0).then(|| view! {
                <h4>{format!("{} ({unrated_count})", t_string!(i18n, analysis_unrated))}</h4>
                <ul class="findings unrated">{unrated}</ul>
            })}
        </section>
    }
}
