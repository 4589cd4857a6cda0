//! The bar above the board: board or channels view, the filter's facets (a checkbox menu each,
//! collapsed under one button), the chosen values as removable chips, one persona's path, and
//! a live line saying how many cards are hidden, with a button that shows them all again; at
//! its end, what the method does with the map (the analysis panel and the snapshots), ways
//! to show it away from the board (presenting it, a blank worksheet to print) and the map's
//! export.

use super::{Lens, MainView, channels::ChannelsView};
use crate::editor::Editor;
use crate::i18n::*;
use crate::labels;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::filter::{Choice, Filter, PathMode, PersonaPath, tags_in};
use model::{Category, Channel, Confidence, JourneyMap, PersonaId};

/// A choice's name in the interface's language; a persona by its name in the map.
fn choice_name(i18n: I18nContext<Locale>, map: &JourneyMap, choice: &Choice) -> String {
    match choice {
        Choice::Category(c) => labels::category_name(i18n, *c).to_owned(),
        Choice::Channel(c) => labels::channel_name(i18n, *c).to_owned(),
        Choice::Persona(p) => map.persona(p).map(|p| p.name.clone()).unwrap_or_default(),
        Choice::Tag(t) => t.clone(),
        Choice::Confidence(c) => labels::confidence_name(i18n, *c).to_owned(),
    }
}

#[component]
pub fn FilterArea() -> impl IntoView {
    let i18n = use_i18n();
    let lens = expect_context::<Lens>();
    let open = RwSignal::new(false);
    let chosen = move || lens.filter.with(Filter::chosen);
    let toggle_label = move || match chosen() {
        0 => t_string!(i18n, filter_toggle).to_string(),
        n => t_string!(i18n, filter_toggle_count, n).to_string(),
    };
    let showing = move |view: MainView| lens.view.with(|v| *v == view);
    view! {
        <section
            class="filter-area"
            class:channels-open=move || showing(MainView::Channels)
            aria-label=move || t_string!(i18n, filter_area).to_string()
        >
            <div class="filter-top">
                <div class="view-switch" role="group" aria-label=move || t_string!(i18n, filter_views).to_string()>
                    <button
                        type="button"
                        aria-pressed=move || showing(MainView::Board).to_string()
                        on:click=move |_| lens.view.set(MainView::Board)
                    >
                        {t!(i18n, filter_view_board)}
                    </button>
                    <button
                        type="button"
                        aria-pressed=move || showing(MainView::Channels).to_string()
                        on:click=move |_| lens.view.set(MainView::Channels)
                    >
                        {t!(i18n, filter_view_channels)}
                    </button>
                </div>
                <button
                    type="button"
                    class="filter-toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="filter-facets"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {toggle_label}
                </button>
                <Chips />
                <PathControl />
                <div class="iterate-actions">
                    <crate::analysis::AnalysisButton />
                    <crate::snapshots::SnapshotsButton />
                    <crate::present::PresentActions />
                    <crate::files::ExportButton />
                </div>
            </div>
            // Built while shown: each choice's name follows the map, and the tag facet reads
            // every card's tags, which no edit should pay for while nobody looks at them.
            <div id="filter-facets" class="filter-facets" hidden=move || !open.get()>
                <Show when=move || open.get()>
                    <Facets />
                </Show>
            </div>
            <Status />
        </section>
        <Show when=move || showing(MainView::Channels)>
            <ChannelsView />
        </Show>
    }
}

/// One checkbox menu per facet. The tag facet offers the tags the map's cards carry.
#[component]
fn Facets() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let personas = Memo::new(move |_| {
        editor.map.with(|m| {
            m.personas
                .iter()
                .map(|p| p.id.clone())
                .collect::<Vec<PersonaId>>()
        })
    });
    let tags = Memo::new(move |_| editor.map.with(tags_in));
    view! {
        <Facet
            title=Signal::derive(move || t_string!(i18n, filter_category).to_string())
            choices=Signal::derive(|| Category::ALL.map(Choice::Category).to_vec())
        />
        <Facet
            title=Signal::derive(move || t_string!(i18n, filter_channel).to_string())
            choices=Signal::derive(|| Channel::ALL.map(Choice::Channel).to_vec())
        />
        <Facet
            title=Signal::derive(move || t_string!(i18n, filter_persona).to_string())
            choices=Signal::derive(move || personas.get().into_iter().map(Choice::Persona).collect())
        />
        <Facet
            title=Signal::derive(move || t_string!(i18n, filter_tag).to_string())
            choices=Signal::derive(move || tags.get().into_iter().map(Choice::Tag).collect())
        />
        <Facet
            title=Signal::derive(move || t_string!(i18n, filter_confidence).to_string())
            choices=Signal::derive(|| Confidence::ALL.map(Choice::Confidence).to_vec())
        />
    }
}

#[component]
fn Facet(title: Signal<String>, choices: Signal<Vec<Choice>>) -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let lens = expect_context::<Lens>();
    let summary = move || {
        let facet = title.get();
        let on = choices.with(|all| {
            lens.filter
                .with(|f| all.iter().filter(|c| f.has(c)).count())
        });
        if on == 0 {
            facet
        } else {
            t_string!(i18n, filter_facet_count, facet, n = on).to_string()
        }
    };
    let option = move |choice: Choice| {
        let name = {
            let choice = choice.clone();
            move || editor.map.with(|m| choice_name(i18n, m, &choice))
        };
        let checked = {
            let choice = choice.clone();
            move || lens.filter.with(|f| f.has(&choice))
        };
        view! {
            <label class="facet-choice">
                <input
                    type="checkbox"
                    prop:checked=checked
                    on:change=move |_| lens.filter.update(|f| f.toggle(choice.clone()))
                />
                <span>{name}</span>
            </label>
        }
    };
    view! {
        <details class="facet">
            <summary>{summary}</summary>
            <fieldset>
                <legend class="visually-hidden">{move || title.get()}</legend>
                <Show
                    when=move || choices.with(|c| !c.is_empty())
                    fallback=move || view! { <p class="facet-empty">{t!(i18n, filter_none_to_choose)}</p> }
                >
                    <For each=move || choices.get() key=|c| c.clone() let:choice>
                        {option(choice)}
                    </For>
                </Show>
            </fieldset>
        </details>
    }
}

/// The chosen values, each a button that takes it out of the filter.
#[component]
fn Chips() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let lens = expect_context::<Lens>();
    let choices = Memo::new(move |_| lens.filter.with(Filter::choices));
    view! {
        <Show when=move || choices.with(|c| !c.is_empty())>
            <ul class="filter-chips" aria-label=move || t_string!(i18n, filter_chosen).to_string()>
                <For each=move || choices.get() key=|c| c.clone() let:choice>
                    {
                        let name = {
                            let choice = choice.clone();
                            move || editor.map.with(|m| choice_name(i18n, m, &choice))
                        };
                        let label = {
                            let name = name.clone();
                            move || {
                                let value = name();
                                t_string!(i18n, filter_remove, value).to_string()
                            }
                        };
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="chip"
                                    aria-label=label
                                    on:click=move |_| lens.filter.update(|f| f.toggle(choice.clone()))
                                >
                                    {name}
                                    <span aria-hidden="true">" ×"</span>
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </Show>
    }
}

/// One persona's path: the persona, and whether the others' cards are dimmed or hidden.
#[component]
fn PathControl() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let lens = expect_context::<Lens>();
    let personas = Memo::new(move |_| {
        editor.map.with(|m| {
            m.personas
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let chosen = move || {
        lens.path
            .with(|p| p.as_ref().map(|p| p.persona.to_string()))
            .unwrap_or_default()
    };
    let mode = move || lens.path.with(|p| p.as_ref().map(|p| p.mode));
    let choose = move |ev| {
        let id = event_target_value(&ev);
        lens.path.update(|p| {
            *p = (!id.is_empty()).then(|| PersonaPath {
                persona: PersonaId::new(id),
                mode: p.as_ref().map(|p| p.mode).unwrap_or_default(),
            });
        });
    };
    let set_mode = move |to: PathMode| {
        lens.path.update(|p| {
            if let Some(p) = p {
                p.mode = to;
            }
        })
    };
    let radio = move |to: PathMode, text: fn(I18nContext<Locale>) -> String| {
        view! {
            <label>
                <input
                    type="radio"
                    name="path-mode"
                    prop:checked=move || mode() == Some(to)
                    on:change=move |_| set_mode(to)
                />
                {move || text(i18n)}
            </label>
        }
    };
    view! {
        <div class="path-control">
            <label>
                <span>{t!(i18n, filter_path)}</span>
                <select prop:value=chosen on:change=choose>
                    <option value="">{t!(i18n, filter_path_all)}</option>
                    <For each=move || personas.get() key=|p| p.clone() let:p>
                        <option value=p.0.to_string()>{p.1}</option>
                    </For>
                </select>
            </label>
            <Show when=move || mode().is_some()>
                <fieldset class="path-mode">
                    <legend class="visually-hidden">{t!(i18n, filter_path_mode)}</legend>
                    {radio(PathMode::Dim, |i18n| t_string!(i18n, filter_path_dim).to_string())}
                    {radio(PathMode::Hide, |i18n| t_string!(i18n, filter_path_hide).to_string())}
                </fieldset>
            </Show>
        </div>
    }
}

/// What is hidden or dimmed, said as it changes, with a way back to every card.
#[component]
fn Status() -> impl IntoView {
    let i18n = use_i18n();
    let lens = expect_context::<Lens>();
    let counts = Memo::new(move |_| lens.counts());
    let filtered = move || {
        let count = counts.get().0;
        match count {
            0 => None,
            1 => Some(t_string!(i18n, filter_hidden_one).to_string()),
            _ => Some(t_string!(i18n, filter_hidden, count).to_string()),
        }
    };
    let off_path = move || {
        let (_, count, hide) = counts.get();
        let text = match (count, hide) {
            (0, _) => return None,
            (1, true) => t_string!(i18n, filter_path_hidden_one).to_string(),
            (1, false) => t_string!(i18n, filter_path_dimmed_one).to_string(),
            (_, true) => t_string!(i18n, filter_path_hidden, count).to_string(),
            (_, false) => t_string!(i18n, filter_path_dimmed, count).to_string(),
        };
        Some(text)
    };
    // Each sentence is read again, by `t_string`, when the language changes.
    let line = move |text: String, action: &'static str, undo: fn(Lens)| {
        view! {
            <p>
                {text}
                " — "
                <button type="button" class="link" on:click=move |_| undo(lens)>
                    {action}
                </button>
            </p>
        }
    };
    view! {
        <div class="filter-status" role="status">
            {move || {
                filtered()
                    .map(|text| {
                        let action = t_string!(i18n, filter_show_all);
                        line(text, action, |lens| lens.filter.set(Filter::default()))
                    })
            }}
            {move || {
                off_path()
                    .map(|text| {
                        let action = t_string!(i18n, filter_path_show_all);
                        line(text, action, |lens| lens.path.set(None))
                    })
            }}
        </div>
    }
}
