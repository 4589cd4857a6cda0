//! What the method adds to a card (PRODUCT.md, steps 3–5): its category and channel, the
//! personas it belongs to, its sources and how sure the team is, and for pain points and
//! opportunities an impact and an effort. A "Details" dialog edits them, each choice a model op
//! of its own (applied at once, undone alone, announced); a line under the card's text shows
//! them. On a focused card, D opens the dialog and I or E then a digit rates it.

use super::drag;
use super::icons::{self, Icon};
use crate::announce::Announcer;
use crate::editor::Editor;
use crate::i18n::*;
use crate::labels;
use leptos::html;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::evidence::is_safe_link;
use model::{
    Card, CardId, Category, Channel, Confidence, Evidence, EvidenceKind, Op, PersonaId, Rating,
    RatingKind,
};

/// The card whose details dialog is open, and a rating key pressed on a card that waits for
/// its digit; with what changing them needs, gathered once.
#[derive(Clone, Copy)]
pub struct Details {
    pub open: RwSignal<Option<CardId>>,
    pending: StoredValue<Option<(CardId, RatingKind)>>,
    i18n: I18nContext<Locale>,
    editor: Editor,
    announcer: Announcer,
}

impl Details {
    /// Provides the details' state; returns the card whose details are open.
    pub fn provide() -> RwSignal<Option<CardId>> {
        let open = RwSignal::new(None);
        provide_context(Details {
            open,
            pending: StoredValue::new(None),
            i18n: use_i18n(),
            editor: expect_context::<Editor>(),
            announcer: expect_context::<Announcer>(),
        });
        open
    }

    /// Keys on a focused card: D opens its details; I (impact) or E (effort) then 1–5 rates a
    /// pain point or opportunity, 0 clears the rating. Returns whether the key was used.
    pub fn on_card_key(&self, ev: &web_sys::KeyboardEvent, card: &CardId) -> bool {
        let key = ev.key();
        // A modifier pressed on its own (Shift, to reach a digit on some layouts) keeps the
        // rating key waiting.
        if matches!(
            key.as_str(),
            "Shift" | "Control" | "Alt" | "Meta" | "CapsLock"
        ) {
            return false;
        }
        let waiting = self.pending.try_update_value(Option::take).flatten();
        if ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
            return false;
        }
        if let Some((for_card, kind)) = waiting
            && &for_card == card
            && let Some(rating) = rating_for_key(&key)
        {
            if self.rate(card, kind, rating) {
                drag::focus_card(card);
            }
            return true;
        }
        match key.to_lowercase().as_str() {
            "d" => self.open.set(Some(card.clone())),
            "i" => self.await_rating(card, RatingKind::Impact),
            "e" => self.await_rating(card, RatingKind::Effort),
            _ => return false,
        }
        true
    }

    fn await_rating(&self, card: &CardId, kind: RatingKind) {
        let i18n = self.i18n;
        let found = self.editor.map.with_untracked(|m| {
            let c = m.card(card)?;
            let rated = m.lane(&c.lane).is_some_and(|l| l.kind.takes_ratings());
            Some((labels::card_name(&c.text), rated))
        });
        let Some((name, rated)) = found else {
            return;
        };
        if !rated {
            self.announcer
                .say(t_string!(i18n, details_rating_elsewhere).to_string());
            return;
        }
        self.pending.set_value(Some((card.clone(), kind)));
        let what = labels::rating_kind_name(i18n, kind);
        self.announcer
            .say(t_string!(i18n, details_rating_prompt, what, card = name).to_string());
    }

    /// Sets one of a card's ratings and says so.
    fn rate(&self, card: &CardId, kind: RatingKind, rating: Option<Rating>) -> bool {
        let i18n = self.i18n;
        self.apply(
            card,
            Op::SetCardRating {
                id: card.clone(),
                kind,
                rating,
            },
            labels::rating_kind_name(i18n, kind),
            rating_value(i18n, rating),
        )
    }

    /// Applies `op(card)` to the card whose dialog is open, as `apply` does.
    pub(super) fn change(&self, op: impl FnOnce(CardId) -> Op, what: &str, value: String) -> bool {
        let Some(id) = self.open.get_untracked() else {
            return false;
        };
        self.apply(&id, op(id.clone()), what, value)
    }

    /// Applies `op` to `card` and, if it was made, says "`what` of “card”: `value`."
    fn apply(&self, card: &CardId, op: Op, what: &str, value: String) -> bool {
        let i18n = self.i18n;
        let name = self
            .editor
            .map
            .with_untracked(|m| m.card(card).map(|c| labels::card_name(&c.text)))
            .unwrap_or_default();
        let made = self.editor.apply(op);
        if made {
            self.announcer
                .say(t_string!(i18n, details_changed, what, card = name, value).to_string());
        }
        made
    }
}

/// A digit key as a rating: 1–5 rate, 0 clears; any other key is none.
fn rating_for_key(key: &str) -> Option<Option<Rating>> {
    match key {
        "0" => Some(None),
        _ => key.parse().ok().and_then(Rating::new).map(Some),
    }
}

fn rating_value(i18n: I18nContext<Locale>, rating: Option<Rating>) -> String {
    match rating {
        Some(r) => {
            let value = r.value();
            t_string!(i18n, details_rating_value, value).to_string()
        }
        None => t_string!(i18n, details_value_not_rated).to_string(),
    }
}

/// Whether a card shows a line of facts: whether any of its details is set.
pub fn has_facts(card: &Card) -> bool {
    card.channel.is_some()
        || card.category.is_some()
        || card.impact.is_some()
        || card.effort.is_some()
        || !card.evidence.is_empty()
        || !card.confidence.is_assumed()
        || card.status.is_some()
}

/// The line under a card's text: channel (icon and name), category, impact and effort,
/// how many sources, and the confidence marker. A card with none of these set shows nothing,
/// so a map without them looks and costs as before; on a card that has any, the marker shows
/// "assumed" too, so a guess is told from a finding. Kept small, as thousands of cards may
/// carry it: one element per fact (two more for the channel's sprite icon), the other marks
/// drawn by the style sheet, and worded once, since the board is drawn afresh in another
/// language.
pub fn facts(card: &Card) -> Option<impl IntoView + use<>> {
    if !has_facts(card) {
        return None;
    }
    let i18n = use_i18n();
    let Card {
        channel,
        category,
        impact,
        effort,
        confidence,
        status,
        ..
    } = *card;
    let count = card.evidence.len();
    // Room for the card's buttons beside the last line, when no tag row below takes it.
    let class = if card.tags.is_empty() {
        "card-facts last"
    } else {
        "card-facts"
    };
    let line = {
        let channel = channel.map(|c| {
            view! {
                <span class="fact fact-channel">
                    <Icon symbol=icons::channel(c) />
                    {labels::channel_name(i18n, c)}
                </span>
            }
        });
        let category = category.map(|c| {
            view! { <span class="fact fact-category">{labels::category_name(i18n, c)}</span> }
        });
        let ratings = [(RatingKind::Impact, impact), (RatingKind::Effort, effort)]
            .into_iter()
            .filter_map(|(kind, rating)| {
                let text = format!(
                    "{} {}",
                    labels::rating_kind_name(i18n, kind),
                    rating?.value()
                );
                Some(view! { <span class="fact fact-rating">{text}</span> })
            })
            .collect_view();
        // Marks with their words for screen readers, each one element: an image named by them.
        let sources = (count > 0).then(|| {
            let said = t_string!(i18n, details_source_count, count).to_string();
            view! {
                <span class="fact fact-sources mark" role="img" aria-label=said>
                    {count}
                </span>
            }
        });
        let status = status.map(|s| {
            view! { <span class="fact fact-status">{labels::status_name(i18n, s)}</span> }
        });
        let level = labels::confidence_name(i18n, confidence);
        let said = t_string!(i18n, details_confidence_is, level).to_string();
        let class = format!("fact fact-confidence mark {}", confidence_class(confidence));
        view! {
            {channel}
            {category}
            {ratings}
            {status}
            {sources}
            <span class=class role="img" aria-label=said.clone() title=said></span>
        }
    };
    Some(view! { <div class=class>{line}</div> })
}

fn confidence_class(confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::Assumed => "confidence-assumed",
        Confidence::SomeEvidence => "confidence-some-evidence",
        Confidence::Validated => "confidence-validated",
    }
}

/// A select over `options` with "None" first, showing `held` and handing the choice to `pick`.
pub(super) fn select_or_none<T>(
    label: impl Fn() -> &'static str + Send + 'static,
    options: &'static [T],
    name: impl Fn(T) -> &'static str + Copy + Send + 'static,
    held: impl Fn() -> Option<T> + Send + 'static,
    pick: impl Fn(Option<T>) + 'static,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    // An option's value is its place in `options`; "" is none.
    let value = move || {
        held()
            .and_then(|v| options.iter().position(|o| *o == v))
            .map(|i| i.to_string())
            .unwrap_or_default()
    };
    let on_change = move |ev: leptos::ev::Event| {
        let place = event_target_value(&ev).parse::<usize>().ok();
        pick(place.and_then(|i| options.get(i).copied()));
    };
    view! {
        <label>
            <span>{label}</span>
            <select prop:value=value on:change=on_change>
                <option value="">{t!(i18n, details_none)}</option>
                {options
                    .iter()
                    .enumerate()
                    .map(|(i, &o)| view! { <option value=i.to_string()>{move || name(o)}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

#[component]
pub fn DetailsDialog() -> impl IntoView {
    let i18n = use_i18n();
    let details = expect_context::<Details>();
    let Details { open, editor, .. } = details;
    let dialog = NodeRef::<html::Dialog>::new();
    let card = Memo::new(move |_| {
        open.get()
            .and_then(|id| editor.map.with(|m| m.card(&id).cloned()))
    });
    // Impact and effort belong to pain points and opportunities; a card moved elsewhere keeps
    // what it was given, and shows it here so it can be cleared.
    let rated = Memo::new(move |_| {
        card.with(|c| {
            c.as_ref().is_some_and(|c| {
                c.impact.is_some()
                    || c.effort.is_some()
                    || editor
                        .map
                        .with(|m| m.lane(&c.lane).is_some_and(|l| l.kind.takes_ratings()))
            })
        })
    });
    // Read only while the dialog is open: a closed dialog costs nothing on each change.
    let personas = Memo::new(move |_| {
        if open.with(Option::is_none) {
            return Vec::new();
        }
        editor.map.with(|m| {
            m.personas
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect::<Vec<_>>()
        })
    });

    let close = drag::card_dialog(dialog, open);
    let title = move || {
        let card = card.with(|c| c.as_ref().map(|c| labels::card_name(&c.text)));
        let card = card.unwrap_or_default();
        t_string!(i18n, details_for, card).to_string()
    };
    let none_or = move |name: Option<&str>| {
        name.unwrap_or(t_string!(i18n, details_value_none))
            .to_owned()
    };
    let category = select_or_none(
        move || t_string!(i18n, details_category),
        &Category::ALL,
        move |c| labels::category_name(i18n, c),
        move || card.with(|c| c.as_ref().and_then(|c| c.category)),
        move |category| {
            let value = none_or(category.map(|c| labels::category_name(i18n, c)));
            let op = |id| Op::SetCardCategory { id, category };
            details.change(op, t_string!(i18n, details_category), value);
        },
    );
    let channel = select_or_none(
        move || t_string!(i18n, details_channel),
        &Channel::ALL,
        move |c| labels::channel_name(i18n, c),
        move || card.with(|c| c.as_ref().and_then(|c| c.channel)),
        move |channel| {
            let value = none_or(channel.map(|c| labels::channel_name(i18n, c)));
            let op = |id| Op::SetCardChannel { id, channel };
            details.change(op, t_string!(i18n, details_channel), value);
        },
    );
    let toggle_persona = move |persona: PersonaId, on: bool| {
        let current = card.with_untracked(|c| c.as_ref().map(|c| c.personas.clone()));
        let current = current.unwrap_or_default();
        // Kept in the map's order, so the list reads the same however it was ticked.
        let chosen: Vec<(PersonaId, String)> = personas.with_untracked(|all| {
            all.iter()
                .filter(|(p, _)| {
                    if *p == persona {
                        on
                    } else {
                        current.contains(p)
                    }
                })
                .cloned()
                .collect()
        });
        let value = if chosen.is_empty() {
            t_string!(i18n, details_every_persona).to_string()
        } else {
            let names: Vec<&str> = chosen.iter().map(|(_, name)| name.as_str()).collect();
            names.join(", ")
        };
        let personas = chosen.into_iter().map(|(p, _)| p).collect();
        let op = |id| Op::SetCardPersonas { id, personas };
        details.change(op, t_string!(i18n, details_personas), value);
    };
    let set_confidence = move |confidence: Confidence| {
        let value = labels::confidence_name(i18n, confidence).to_string();
        let op = |id| Op::SetCardConfidence { id, confidence };
        details.change(op, t_string!(i18n, details_confidence), value);
    };
    let set_rating = move |kind: RatingKind, rating: Option<Rating>| {
        if let Some(id) = open.get_untracked() {
            details.rate(&id, kind, rating);
        }
    };

    view! {
        <dialog
            node_ref=dialog
            class="card-dialog details-dialog"
            aria-labelledby="details-title"
            on:close=move |_| close()
        >
            <h2 id="details-title">{title}</h2>
            <div class="details-pair">
                {category}
                {channel}
            </div>
            <fieldset class="details-personas">
                <legend>{t!(i18n, details_personas)}</legend>
                <For each=move || personas.get() key=|p| p.clone() let:persona>
                    {
                        let (id, name) = persona;
                        let checked = {
                            let id = id.clone();
                            move || card.with(|c| c.as_ref().is_some_and(|c| c.personas.contains(&id)))
                        };
                        view! {
                            <label class="choice">
                                <input
                                    type="checkbox"
                                    prop:checked=checked
                                    on:change=move |ev| toggle_persona(
                                        id.clone(),
                                        event_target_checked(&ev),
                                    )
                                />
                                <span>{name}</span>
                            </label>
                        }
                    }
                </For>
                <p class="details-hint">{t!(i18n, details_personas_hint)}</p>
            </fieldset>
            <Sources card />
            <super::card_plan::PlanFields card />
            <fieldset class="details-confidence">
                <legend>{t!(i18n, details_confidence)}</legend>
                {Confidence::ALL
                    .into_iter()
                    .map(|level| {
                        let class = format!("choice {}", confidence_class(level));
                        view! {
                            <label class=class>
                                <input
                                    type="radio"
                                    name="details-confidence"
                                    prop:checked=move || {
                                        card.with(|c| c.as_ref().is_some_and(|c| c.confidence == level))
                                    }
                                    on:change=move |_| set_confidence(level)
                                />
                                <span class="mark" aria-hidden="true"></span>
                                <span>{move || labels::confidence_name(i18n, level)}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <Show when=move || rated.get()>
                {RatingKind::ALL
                    .into_iter()
                    .map(|kind| {
                        let held = move || {
                            card.with(|c| {
                                c.as_ref()
                                    .and_then(|c| match kind {
                                        RatingKind::Impact => c.impact,
                                        RatingKind::Effort => c.effort,
                                    })
                            })
                        };
                        let name = format!("details-{kind:?}").to_lowercase();
                        let choices = std::iter::once(None)
                            .chain((Rating::MIN..=Rating::MAX).map(Rating::new))
                            .map(|rating| {
                                let text = move || match rating {
                                    Some(r) => r.value().to_string(),
                                    None => t_string!(i18n, details_not_rated).to_string(),
                                };
                                view! {
                                    <label class="choice">
                                        <input
                                            type="radio"
                                            name=name.clone()
                                            prop:checked=move || held() == rating
                                            on:change=move |_| set_rating(kind, rating)
                                        />
                                        <span>{text}</span>
                                    </label>
                                }
                            })
                            .collect_view();
                        view! {
                            <fieldset class="details-rating">
                                <legend>{move || labels::rating_kind_name(i18n, kind)}</legend>
                                {choices}
                            </fieldset>
                        }
                    })
                    .collect_view()}
            </Show>
            <div class="dialog-actions">
                <button type="button" class="primary" on:click=move |_| close()>
                    {t!(i18n, done)}
                </button>
            </div>
        </dialog>
    }
}

/// The card's sources, each removable, and a form to add one. A link that is not a whole
/// http(s) address is refused: the model says why in the notice bar, the form says so beside
/// the field, and what was typed stays to be corrected.
#[component]
fn Sources(card: Memo<Option<Card>>) -> impl IntoView {
    let i18n = use_i18n();
    let details = expect_context::<Details>();
    let kind = NodeRef::<html::Select>::new();
    let note = NodeRef::<html::Input>::new();
    let link = NodeRef::<html::Input>::new();
    let link_refused = RwSignal::new(false);
    // Each opening starts with a clean form: what was typed for one card is not offered to
    // the next.
    Effect::new(move |_| {
        details.open.track();
        link_refused.set(false);
        for field in [note.get_untracked(), link.get_untracked()]
            .into_iter()
            .flatten()
        {
            field.set_value("");
        }
    });
    let sources = move || {
        card.with(|c| c.as_ref().map(|c| c.evidence.clone()))
            .unwrap_or_default()
    };
    let save = move |evidence: Vec<Evidence>| {
        let count = evidence.len().to_string();
        let op = |id| Op::SetCardEvidence { id, evidence };
        details.change(op, t_string!(i18n, details_sources), count)
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(kind), Some(note), Some(link)) = (
            kind.get_untracked(),
            note.get_untracked(),
            link.get_untracked(),
        ) else {
            return;
        };
        let typed = link.value().trim().to_owned();
        let source = Evidence {
            kind: kind
                .value()
                .parse::<usize>()
                .ok()
                .and_then(|i| EvidenceKind::ALL.get(i).copied())
                .unwrap_or(EvidenceKind::Survey),
            note: note.value(),
            link: (!typed.is_empty()).then(|| typed.clone()),
        };
        let mut list = sources();
        list.push(source);
        if save(list) {
            link_refused.set(false);
            note.set_value("");
            link.set_value("");
            let _ = note.focus();
        } else if !typed.is_empty() && !is_safe_link(&typed) {
            link_refused.set(true);
            let _ = link.focus();
        }
    };
    let remove = move |index: usize| {
        let mut list = sources();
        if index < list.len() {
            list.remove(index);
            save(list);
        }
        if let Some(note) = note.get_untracked() {
            let _ = note.focus();
        }
    };

    view! {
        <fieldset class="details-sources">
            <legend>{t!(i18n, details_evidence)}</legend>
            <Show
                when=move || card.with(|c| c.as_ref().is_some_and(|c| !c.evidence.is_empty()))
                fallback=move || view! { <p class="details-hint">{t!(i18n, details_no_sources)}</p> }
            >
                <ol class="source-list">
                    <For
                        each=move || sources().into_iter().enumerate()
                        key=|(i, e)| (*i, e.clone())
                        let:((index, source))
                    >
                        {
                            let kind = source.kind;
                            let number = index + 1;
                            let opened = source.link.clone().filter(|l| is_safe_link(l)).map(|href| {
                                view! {
                                    <a href=href.clone() target="_blank" rel="noopener noreferrer">
                                        {href.clone()}
                                        <span class="visually-hidden">
                                            " "
                                            {t!(i18n, details_new_tab)}
                                        </span>
                                    </a>
                                }
                            });
                            view! {
                                <li class="source">
                                    <span class="source-kind">
                                        {move || labels::evidence_kind_name(i18n, kind)}
                                    </span>
                                    <span class="source-note">{source.note.clone()}</span>
                                    {opened}
                                    <button
                                        type="button"
                                        aria-label=move || {
                                            let what = labels::evidence_kind_name(i18n, kind);
                                            t_string!(i18n, details_remove_source, number, what)
                                                .to_string()
                                        }
                                        on:click=move |_| remove(index)
                                    >
                                        <span aria-hidden="true">"×"</span>
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ol>
            </Show>
            <form class="add-source" novalidate on:submit=add>
                <label>
                    <span>{t!(i18n, details_source_kind)}</span>
                    <select node_ref=kind>
                        {EvidenceKind::ALL
                            .into_iter()
                            .enumerate()
                            .map(|(i, k)| {
                                view! {
                                    <option value=i.to_string()>
                                        {move || labels::evidence_kind_name(i18n, k)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    <span>{t!(i18n, details_source_note)}</span>
                    <input type="text" node_ref=note maxlength="5000" autocomplete="off" />
                </label>
                <label>
                    <span>{t!(i18n, details_source_link)}</span>
                    <input
                        type="url"
                        node_ref=link
                        autocomplete="off"
                        aria-invalid=move || link_refused.get().to_string()
                        aria-describedby=move || link_refused.get().then_some("details-link-refused")
                        on:input=move |_| link_refused.set(false)
                    />
                </label>
                <Show when=move || link_refused.get()>
                    <p id="details-link-refused" class="field-error">
                        {t!(i18n, details_link_refused)}
                    </p>
                </Show>
                <button type="submit">{t!(i18n, details_add_source)}</button>
            </form>
        </fieldset>
    }
}
