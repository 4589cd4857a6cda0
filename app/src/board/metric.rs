//! A card's metric (PRODUCT.md, step 5): its reading on the card in the interface's language,
//! and the dialog that sets it. How numbers and dates are written and read, and whether a
//! value meets its target, is `model::numbers`.

use super::drag;
use crate::announce::Announcer;
use crate::editor::Editor;
use crate::i18n::*;
use crate::{dialog, labels};
use chrono::NaiveDate;
use leptos::html;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use model::metric::{MAX_METRIC_LABEL_CHARS, MetricError, Scale};
use model::numbers::{self, DraftErrors, FieldError, MetricDraft, NumberError};
use model::{Card, CardId, LaneKind, Metric, MetricKind, Op};
use wasm_bindgen::JsCast;

/// The card whose metric dialog is open.
#[derive(Clone, Copy)]
pub struct Measuring(RwSignal<Option<CardId>>);

impl Measuring {
    /// Provides it; returns the card whose metric is being measured.
    pub fn provide() -> RwSignal<Option<CardId>> {
        let measuring = RwSignal::new(None);
        provide_context(Measuring(measuring));
        measuring
    }
}

fn interface_locale(i18n: I18nContext<Locale>) -> model::Locale {
    labels::model_locale(i18n.get_locale())
}

/// A metric in words: its name, its value with its unit, then its target and date.
#[derive(Clone, PartialEq)]
struct Reading {
    name: String,
    value: String,
    details: Vec<String>,
    /// Whether the value meets the target, in words with an icon.
    verdict: Option<(bool, &'static str)>,
}

impl Reading {
    fn of(i18n: I18nContext<Locale>, metric: &Metric) -> Reading {
        let locale = interface_locale(i18n);
        let scale = metric.kind.scale();
        let measure = |value: f64| numbers::format_measure(value, scale, &metric.unit, locale);
        let name = match metric.kind {
            MetricKind::Custom => metric.name.clone(),
            kind => labels::metric_kind_name(i18n, kind).to_owned(),
        };
        let target = metric.target.map(|t| {
            let target = measure(t.get());
            t_string!(i18n, metrics_target_is, target).to_string()
        });
        let date = metric.date.map(|d| numbers::format_date(d, locale));
        let verdict = metric.meets_target().map(|met| {
            let words = if met {
                t_string!(i18n, metrics_target_met)
            } else {
                t_string!(i18n, metrics_target_missed)
            };
            (met, words)
        });
        Reading {
            name,
            value: measure(metric.value.get()),
            details: target.into_iter().chain(date).collect(),
            verdict,
        }
    }

    /// "Conversion rate 12.5% · target 15% · 24 Nov 2026 · target missed"
    fn line(&self) -> String {
        let verdict = self.verdict.map(|(_, words)| words.to_owned());
        std::iter::once(format!("{} {}", self.name, self.value))
            .chain(self.details.iter().cloned())
            .chain(verdict)
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// A metric in one line of words, as a card shows it.
pub(crate) fn metric_line(i18n: I18nContext<Locale>, metric: &Metric) -> String {
    Reading::of(i18n, metric).line()
}

/// A metric's words as a picture of the board lays them out.
pub(crate) fn metric_words(i18n: I18nContext<Locale>, metric: &Metric) -> model::svg::MetricWords {
    let Reading {
        name,
        value,
        details,
        verdict,
    } = Reading::of(i18n, metric);
    model::svg::MetricWords {
        name,
        value,
        details,
        verdict: verdict.map(|(met, words)| (met, words.to_owned())),
    }
}

/// What a card shows of its metric: the reading, which opens the dialog; "Add metric" on a
/// card of a Metrics lane that has none; nothing on any other card.
#[component]
pub fn CardMetric(card: StoredValue<Card>) -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let Measuring(measuring) = expect_context::<Measuring>();
    let (id, metric) = card.with_value(|c| (c.id.clone(), c.metric.clone()));
    let open = move |_| measuring.set(Some(id.clone()));
    let Some(metric) = metric else {
        let lane = card.with_value(|c| c.lane.clone());
        let in_metrics_lane =
            editor.map.with_untracked(|m| m.lane(&lane).map(|l| l.kind)) == Some(LaneKind::Metrics);
        let card = card.with_value(|c| labels::card_name(&c.text));
        let label = t_string!(i18n, metrics_add_to, card).to_string();
        return in_metrics_lane
            .then(|| {
                view! {
                    <button type="button" class="card-metric add-metric" aria-label=label on:click=open>
                        <span aria-hidden="true">"+ "</span>
                        {t!(i18n, metrics_add)}
                    </button>
                }
            })
            .into_any();
    };
    // Worded once, like the rest of the card: the card is drawn afresh when its metric or the
    // language changes.
    let reading = Reading::of(i18n, &metric);
    let line = reading.line();
    let label = t_string!(i18n, metrics_edit, reading = line.as_str()).to_string();
    let verdict = reading.verdict.map(|(met, words)| {
        view! {
            " "
            <span class="metric-verdict" class:met=met class:missed=!met>
                <span aria-hidden="true">{if met { "✓ " } else { "✗ " }}</span>
                {words}
            </span>
        }
    });
    view! {
        <button type="button" class="card-metric" aria-label=label on:click=open>
            <span class="metric-name">{reading.name}</span>
            " "
            <strong class="metric-value">{reading.value}</strong>
            // The spaces keep the words apart in the button's text (its lines are blocks), so
            // what it shows reads as part of its name.
            " "
            <span class="metric-details">{reading.details.join(" · ")}</span>
            {verdict}
        </button>
    }
    .into_any()
}

/// The dialog's fields, each as typed.
#[derive(Clone, Copy)]
struct Fields {
    kind: RwSignal<MetricKind>,
    name: RwSignal<String>,
    value: RwSignal<String>,
    unit: RwSignal<String>,
    date: RwSignal<Option<NaiveDate>>,
    target: RwSignal<String>,
}

impl Fields {
    fn new() -> Fields {
        Fields {
            kind: RwSignal::new(MetricKind::ALL[0]),
            name: RwSignal::new(String::new()),
            value: RwSignal::new(String::new()),
            unit: RwSignal::new(String::new()),
            date: RwSignal::new(None),
            target: RwSignal::new(String::new()),
        }
    }

    fn load(&self, draft: MetricDraft) {
        self.kind.set(draft.kind);
        self.name.set(draft.name);
        self.value.set(draft.value);
        self.unit.set(draft.unit);
        self.date.set(draft.date);
        self.target.set(draft.target);
    }

    fn draft(&self) -> MetricDraft {
        MetricDraft {
            kind: self.kind.get(),
            name: self.name.get(),
            value: self.value.get(),
            unit: self.unit.get(),
            date: self.date.get(),
            target: self.target.get(),
        }
    }
}

/// Why a typed number cannot be kept, as a sentence.
fn number_problem(i18n: I18nContext<Locale>, error: &FieldError) -> String {
    match error {
        FieldError::Number(NumberError::Empty) => t_string!(i18n, metrics_need_value).to_string(),
        FieldError::Number(NumberError::NotANumber) => {
            t_string!(i18n, metrics_not_a_number).to_string()
        }
        FieldError::Number(NumberError::Grouping) => t_string!(i18n, metrics_grouping).to_string(),
        FieldError::Number(NumberError::OtherConvention { suggestion }) => {
            t_string!(i18n, metrics_other_marks, suggestion).to_string()
        }
        FieldError::Number(NumberError::TooLarge) | FieldError::OutOfRange(Scale::Free) => {
            t_string!(i18n, metrics_too_large).to_string()
        }
        FieldError::OutOfRange(Scale::Percent) => {
            t_string!(i18n, metrics_range_percent).to_string()
        }
        FieldError::OutOfRange(Scale::NetPromoter) => {
            t_string!(i18n, metrics_range_nps).to_string()
        }
        FieldError::OutOfRange(Scale::Amount) => t_string!(i18n, metrics_range_amount).to_string(),
    }
}

fn label_problem(i18n: I18nContext<Locale>, error: MetricError) -> String {
    match error {
        MetricError::MissingName => t_string!(i18n, metrics_need_name).to_string(),
        _ => {
            let max = MAX_METRIC_LABEL_CHARS;
            t_string!(i18n, metrics_label_long, max).to_string()
        }
    }
}

/// How to write a value of `scale`, in the interface's language.
fn value_hint(i18n: I18nContext<Locale>, scale: Scale) -> &'static str {
    match scale {
        Scale::Percent => t_string!(i18n, metrics_hint_percent),
        Scale::NetPromoter => t_string!(i18n, metrics_hint_nps),
        Scale::Amount => t_string!(i18n, metrics_hint_amount),
        Scale::Free => t_string!(i18n, metrics_hint_free),
    }
}

/// A typed field of the dialog. Once a save was tried, its problem shows under it and is tied
/// to it (`aria-invalid`, `aria-describedby`), so a screen reader says it with the field.
#[component]
fn DraftField(
    id: &'static str,
    text: RwSignal<String>,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] problem: Signal<Option<String>>,
    /// The id of a hint the field is described by, besides its problem.
    #[prop(optional)]
    hint: Option<&'static str>,
    #[prop(optional)] numeric: bool,
) -> impl IntoView {
    let problem_id = format!("{id}-problem");
    let described_by = {
        let problem_id = problem_id.clone();
        move || {
            let mut ids: Vec<&str> = hint.into_iter().collect();
            if problem.with(Option::is_some) {
                ids.push(&problem_id);
            }
            ids.join(" ")
        }
    };
    view! {
        <label for=id>{label}</label>
        <input
            id=id
            type="text"
            inputmode=numeric.then_some("decimal")
            autocomplete="off"
            maxlength=(!numeric).then(|| MAX_METRIC_LABEL_CHARS.to_string())
            prop:value=move || text.get()
            on:input=move |ev| text.set(event_target_value(&ev))
            aria-invalid=move || problem.with(Option::is_some).to_string()
            aria-describedby=described_by
        />
        {move || problem.get().map(|p| view! { <p id=problem_id.clone() class="field-problem">{p}</p> })}
    }
}

#[component]
pub fn MetricDialog() -> impl IntoView {
    let i18n = use_i18n();
    let editor = expect_context::<Editor>();
    let announcer = expect_context::<Announcer>();
    let Measuring(measuring) = expect_context::<Measuring>();
    let dialog = NodeRef::<html::Dialog>::new();
    let fields = Fields::new();
    // Problems show once a save was tried, then follow the typing.
    let tried = RwSignal::new(false);
    let had_metric = RwSignal::new(false);
    let errors = Memo::new(move |_| {
        if !tried.get() {
            return DraftErrors::default();
        }
        fields
            .draft()
            .read(interface_locale(i18n))
            .err()
            .unwrap_or_default()
    });
    let scale = Memo::new(move |_| fields.kind.get().scale());

    // Opening starts from the card's metric, or a new one dated today.
    Effect::new(move |_| {
        dialog.track();
        let card = measuring.get();
        if let Some(id) = &card {
            let metric = editor
                .map
                .with_untracked(|m| m.card(id).and_then(|c| c.metric.clone()));
            let locale = labels::model_locale(i18n.get_locale_untracked());
            had_metric.set(metric.is_some());
            fields.load(match metric {
                Some(metric) => MetricDraft::of(&metric, locale),
                None => MetricDraft::new(chrono::Local::now().date_naive()),
            });
            tried.set(false);
        }
        dialog::set_open(dialog, card.is_some());
    });
    let close = move || {
        if let Some(card) = measuring.get_untracked() {
            measuring.set(None);
            drag::focus_card(&card);
        }
    };
    let set = move |metric: Option<Metric>| {
        let Some(id) = measuring.get_untracked() else {
            return;
        };
        let said = match &metric {
            Some(m) => {
                let reading = untrack(|| Reading::of(i18n, m).line());
                t_string!(i18n, metrics_saved, reading).to_string()
            }
            None => t_string!(i18n, metrics_removed).to_string(),
        };
        // A refusal is told by the editor; the dialog stays open with what was typed.
        if editor.apply(Op::SetCardMetric { id, metric }) {
            announcer.say(said);
            close();
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match untrack(|| fields.draft().read(interface_locale(i18n))) {
            Ok(metric) => set(Some(metric)),
            Err(errors) => {
                tried.set(true);
                let first = [
                    ("metric-name", errors.name.is_some()),
                    ("metric-value", errors.value.is_some()),
                    ("metric-unit", errors.unit.is_some()),
                    ("metric-target", errors.target.is_some()),
                ]
                .into_iter()
                .find_map(|(id, wrong)| wrong.then_some(id));
                if let Some(field) = first.and_then(|id| document().get_element_by_id(id))
                    && let Ok(field) = field.dyn_into::<web_sys::HtmlElement>()
                {
                    let _ = field.focus();
                }
            }
        }
    };

    let title = move || {
        let card = measuring
            .get()
            .map(|id| editor.map.with(|m| labels::card_name_in(m, &id)))
            .unwrap_or_default();
        t_string!(i18n, metrics_title, card).to_string()
    };
    let number_signal = move |pick: fn(DraftErrors) -> Option<FieldError>| {
        Signal::derive(move || pick(errors.get()).map(|e| number_problem(i18n, &e)))
    };
    let label_signal = move |pick: fn(DraftErrors) -> Option<MetricError>| {
        Signal::derive(move || pick(errors.get()).map(|e| label_problem(i18n, e)))
    };
    let words = move |key: fn(I18nContext<Locale>) -> &'static str| {
        Signal::derive(move || key(i18n).to_owned())
    };

    view! {
        <dialog
            node_ref=dialog
            class="card-dialog metric-dialog"
            aria-labelledby="metric-title"
            on:close=move |_| close()
        >
            <form on:submit=save>
                <h2 id="metric-title">{title}</h2>
                <div class="metric-fields">
                    <label for="metric-kind">{t!(i18n, metrics_kind)}</label>
                    <select
                        id="metric-kind"
                        prop:value=move || {
                            let kind = fields.kind.get();
                            MetricKind::ALL.iter().position(|k| *k == kind).unwrap_or(0).to_string()
                        }
                        on:change=move |ev| {
                            let chosen = event_target_value(&ev).parse::<usize>().ok();
                            if let Some(kind) = chosen.and_then(|i| MetricKind::ALL.get(i)) {
                                fields.kind.set(*kind);
                            }
                        }
                    >
                        {MetricKind::ALL
                            .into_iter()
                            .enumerate()
                            .map(|(i, k)| {
                                view! {
                                    <option value=i.to_string()>
                                        {move || labels::metric_kind_name(i18n, k)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <Show when=move || fields.kind.get() == MetricKind::Custom>
                        <DraftField
                            id="metric-name"
                            text=fields.name
                            label=words(|i18n| t_string!(i18n, metrics_name))
                            problem=label_signal(|e| e.name)
                        />
                    </Show>
                    <DraftField
                        id="metric-value"
                        text=fields.value
                        label=words(|i18n| t_string!(i18n, metrics_value))
                        problem=number_signal(|e| e.value)
                        hint="metric-value-hint"
                        numeric=true
                    />
                    <p id="metric-value-hint" class="field-hint">
                        {move || value_hint(i18n, scale.get())}
                    </p>
                    <Show when=move || scale.get().has_own_unit()>
                        <DraftField
                            id="metric-unit"
                            text=fields.unit
                            label=words(|i18n| t_string!(i18n, metrics_unit))
                            problem=label_signal(|e| e.unit)
                        />
                    </Show>
                    <label for="metric-date">{t!(i18n, metrics_date)}</label>
                    <input
                        id="metric-date"
                        type="date"
                        prop:value=move || fields.date.get().map(|d| d.to_string()).unwrap_or_default()
                        on:change=move |ev| fields.date.set(event_target_value(&ev).parse().ok())
                    />
                    <DraftField
                        id="metric-target"
                        text=fields.target
                        label=words(|i18n| t_string!(i18n, metrics_target))
                        problem=number_signal(|e| e.target)
                        hint="metric-value-hint"
                        numeric=true
                    />
                </div>
                <div class="dialog-actions">
                    <Show when=move || had_metric.get()>
                        <button type="button" class="metric-remove" on:click=move |_| set(None)>
                            {t!(i18n, metrics_remove)}
                        </button>
                    </Show>
                    <button type="button" on:click=move |_| close()>{t!(i18n, cancel)}</button>
                    <button type="submit" class="primary">{t!(i18n, metrics_save)}</button>
                </div>
            </form>
        </dialog>
    }
}
