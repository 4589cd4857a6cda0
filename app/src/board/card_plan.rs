//! What a team plans for an opportunity (PRODUCT.md, step 7): its status, owner and due date,
//! and the pain points it addresses. Part of the card's details dialog, shown for cards of an
//! opportunities lane and for any card that already carries a plan (so it can be cleared).
//! Each change is one op, announced like the dialog's other choices.

use super::card_details::{Details, select_or_none};
use crate::editor::Editor;
use crate::i18n::*;
use crate::labels;
use chrono::NaiveDate;
use leptos::prelude::*;
use model::{Card, CardId, LaneKind, Op, Status};

/// Whether a card carries any part of a plan.
fn has_plan(card: &Card) -> bool {
    card.status.is_some()
        || !card.owner.is_empty()
        || card.due.is_some()
        || !card.addresses.is_empty()
}

#[component]
pub fn PlanFields(card: Memo<Option<Card>>) -> impl IntoView {
    let i18n = use_i18n();
    let details = expect_context::<Details>();
    let editor = expect_context::<Editor>();
    let shown = Memo::new(move |_| {
        card.with(|c| {
            c.as_ref().is_some_and(|c| {
                has_plan(c)
                    || editor.map.with(|m| {
                        m.lane(&c.lane)
                            .is_some_and(|l| l.kind == LaneKind::Opportunities)
                    })
            })
        })
    });
    // The pain points of the map, in board order, named by stage and text; read only while an
    // opportunity's dialog is open.
    let pains = Memo::new(move |_| {
        if !shown.get() {
            return Vec::new();
        }
        editor.map.with(|m| {
            let pain_lanes: Vec<_> = m
                .lanes
                .iter()
                .filter(|l| l.kind == LaneKind::PainPoints)
                .map(|l| &l.id)
                .collect();
            m.stages
                .iter()
                .flat_map(|s| {
                    m.cards
                        .iter()
                        .filter(|c| c.stage == s.id && pain_lanes.contains(&&c.lane))
                        .map(|c| (c.id.clone(), s.name.clone(), labels::card_name(&c.text)))
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        })
    });
    // Built once per showing: the select is moved into the view each time it appears.
    let status = move || {
        select_or_none(
            move || t_string!(i18n, plan_status),
            &Status::ALL,
            move |s| labels::status_name(i18n, s),
            move || card.with(|c| c.as_ref().and_then(|c| c.status)),
            move |status| {
                let value = status
                    .map(|s| labels::status_name(i18n, s))
                    .unwrap_or(t_string!(i18n, details_value_none))
                    .to_owned();
                let op = |id| Op::SetCardStatus { id, status };
                details.change(op, t_string!(i18n, plan_status), value);
            },
        )
    };
    let owner = move || card.with(|c| c.as_ref().map(|c| c.owner.clone()).unwrap_or_default());
    let set_owner = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        let value = match typed.trim() {
            "" => t_string!(i18n, details_value_none).to_string(),
            name => name.to_owned(),
        };
        let op = |id| Op::SetCardOwner { id, owner: typed };
        details.change(op, t_string!(i18n, plan_owner), value);
        // Shows what the card keeps: tidied, or unchanged after a refusal.
        let kept = card.with_untracked(|c| c.as_ref().map(|c| c.owner.clone()));
        event_target::<web_sys::HtmlInputElement>(&ev).set_value(&kept.unwrap_or_default());
    };
    let due = move || {
        card.with(|c| c.as_ref().and_then(|c| c.due))
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    let set_due = move |ev: leptos::ev::Event| {
        let due = NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d").ok();
        let locale = labels::model_locale(i18n.get_locale_untracked());
        let value = due
            .map(|d| model::numbers::format_date(d, locale))
            .unwrap_or_else(|| t_string!(i18n, details_value_none).to_string());
        let op = |id| Op::SetCardDue { id, due };
        details.change(op, t_string!(i18n, plan_due), value);
    };
    let toggle_pain = move |pain: CardId, on: bool| {
        let mut addresses = card
            .with_untracked(|c| c.as_ref().map(|c| c.addresses.clone()))
            .unwrap_or_default();
        addresses.retain(|a| a != &pain);
        if on {
            addresses.push(pain);
        }
        let count = addresses.len().to_string();
        let op = |id| Op::SetCardAddresses { id, addresses };
        details.change(op, t_string!(i18n, plan_addresses), count);
    };

    view! {
        <Show when=move || shown.get()>
            <fieldset class="details-plan">
                <legend>{t!(i18n, plan_legend)}</legend>
                <div class="details-pair">
                    {status}
                    <label>
                        <span>{t!(i18n, plan_owner)}</span>
                        <input
                            type="text"
                            maxlength=model::plan::MAX_OWNER_CHARS.to_string()
                            autocomplete="off"
                            prop:value=owner
                            on:change=set_owner
                        />
                    </label>
                    <label>
                        <span>{t!(i18n, plan_due)}</span>
                        <input type="date" prop:value=due on:change=set_due />
                    </label>
                </div>
                <fieldset class="details-addresses">
                    <legend>{t!(i18n, plan_addresses)}</legend>
                    <Show
                        when=move || pains.with(|p| !p.is_empty())
                        fallback=move || view! { <p class="details-hint">{t!(i18n, plan_no_pains)}</p> }
                    >
                        <For each=move || pains.get() key=|p| p.clone() let:pain>
                            {
                                let (id, stage, text) = pain;
                                let checked = {
                                    let id = id.clone();
                                    move || card.with(|c| c.as_ref().is_some_and(|c| c.addresses.contains(&id)))
                                };
                                view! {
                                    <label class="choice">
                                        <input
                                            type="checkbox"
                                            prop:checked=checked
                                            on:change=move |ev| toggle_pain(id.clone(), event_target_checked(&ev))
                                        />
                                        <span>{format!("{stage}: {text}")}</span>
                                    </label>
                                }
                            }
                        </For>
                    </Show>
                </fieldset>
            </fieldset>
        </Show>
    }
}
