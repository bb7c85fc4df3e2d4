//! "Cán bộ (mô phỏng)": the tester and trainer console of the simulated
//! agency. Pick any dossier, move it through any transition the portal
//! allows, with a reason or the fields and documents requested. The
//! automatic agency can be paused so a trainer shows each case by hand.

use crate::components::dossier::failure_message;
use crate::components::dossier::{status_chip, Timeline};
use crate::components::labelled::{labelled, Question};
use crate::components::parts::{part_chip, view_of};
use crate::hooks::use_page_title;
use crate::hooks::use_portal::{client, use_portal};
use crate::hooks::{use_form, Load};
use crate::services::dom;
use crate::services::portal::{PortalClient, PortalFailure, View};
use crate::state::use_lang;
use gloo::timers::callback::Interval;
use std::rc::Rc;
use tokhai_core::dossier::Event as Move;
use tokhai_core::messages::linked::{group_title, l, part_name, L};
use tokhai_core::messages::tracking::{event_label, t, T};
use tokhai_core::messages::{ui, Ui};
use tokhai_core::portal::Dossier;
use tokhai_core::Lang;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// `/can-bo`. On the embedded portal it reads the whole record; on a portal
/// server it asks for the officers' access key first and lists the server's
/// newest dossiers with it (the key stays in this page's memory).
#[function_component(Officer)]
pub fn officer() -> Html {
    let lang = use_lang();
    let portal = use_portal();
    let selected = use_state(|| None::<String>);
    let typed_key = use_state(String::new);
    let opened_key = use_state(|| None::<String>);
    let listing = use_state(|| None::<Result<Rc<View>, PortalFailure>>);
    use_page_title(t(T::OfficerTitle, lang).to_string());
    let client = client(&portal);
    let key = if client.is_local() { Some(String::new()) } else { (*opened_key).clone() };
    let reload = {
        let (listing, client, key) = (listing.clone(), client.clone(), key.clone());
        Callback::from(move |_| {
            let Some(key) = key.clone() else { return };
            let (listing, client) = (listing.clone(), client.clone());
            wasm_bindgen_futures::spawn_local(async move {
                listing.set(Some(client.officer_view(&key).await.map(Rc::new)));
            });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with(key.clone(), move |key| {
            let interval = key.is_some().then(|| {
                reload.emit(());
                Interval::new(2_000, move || reload.emit(()))
            });
            move || drop(interval)
        });
    }
    let Some(key) = key.filter(|_| !matches!(&*listing, Some(Err(PortalFailure::SignIn)))) else {
        return key_form(lang, &typed_key, &opened_key, &listing);
    };
    let view = match &*listing {
        Some(Ok(v)) => v.clone(),
        Some(Err(e)) => {
            return html! {
                <>
                    <h1 class="tk-h1" id="page-title" tabindex="-1">{ t(T::OfficerTitle, lang) }</h1>
                    <p class="tk-inline-alert" role="alert">{ failure_message(e, lang) }</p>
                </>
            }
        }
        None => {
            return html! {
                <>
                    <h1 class="tk-h1" id="page-title" tabindex="-1">{ t(T::OfficerTitle, lang) }</h1>
                    <p class="tk-body" role="status">{ ui(Ui::Loading, lang) }</p>
                </>
            }
        }
    };
    let auto = view.step_ms() > 0;
    let toggle_auto = {
        let (client, reload, refresh) = (client.clone(), reload.clone(), portal.as_ref().map(|p| p.refresh.clone()));
        Callback::from(move |_| {
            let _ = client.set_auto_agency(!auto);
            reload.emit(());
            if let Some(r) = &refresh {
                r.emit(());
            }
        })
    };
    let done = {
        let (reload, refresh) = (reload.clone(), portal.as_ref().map(|p| p.refresh.clone()));
        Callback::from(move |_| {
            reload.emit(());
            if let Some(r) = &refresh {
                r.emit(());
            }
        })
    };
    let rows = view.dossiers().map(|d| {
        let pick = {
            let (selected, code) = (selected.clone(), d.code.clone());
            Callback::from(move |_| {
                selected.set(Some(code.clone()));
                dom::focus_id("officer-panel");
            })
        };
        html! {
            <li class="tk-card" key={d.code.clone()}>
                <p class="tk-body"><span class="tk-code">{ &d.code }</span></p>
                <p class="tk-hint">{ d.service.get(lang) }
                    if let Some(p) = &d.part_of { { " · " }{ group_title(p.part.group(), lang) } }</p>
                <p class="tk-body">{ status_chip(d.status, lang) }
                    if d.overdue() { { " " }<strong class="tk-tag tk-tag--warning">{ t(T::OverdueFlag, lang) }</strong> }</p>
                <button type="button" class="tk-button tk-button--secondary" onclick={pick}>
                    { t(T::HandleDossier, lang) }<span class="tk-vh">{ format!(" {}", d.code) }</span>
                </button>
            </li>
        }
    });
    // Linked applications: each part is a dossier of its own, moved on its own.
    let group_list = view.groups();
    let groups = group_list.iter().map(|g| {
        let parts = g.parts.iter().map(|(id, state, d)| {
            let v = view_of(*id, state, d.as_ref());
            let name = part_name(*id, lang);
            let pick = d.as_ref().map(|d| {
                let (selected, code) = (selected.clone(), d.code.clone());
                Callback::from(move |_| {
                    selected.set(Some(code.clone()));
                    dom::focus_id("officer-panel");
                })
            });
            html! {
                <li data-part={id.key()}>
                    <p class="tk-body">{ name }{ ": " }{ part_chip(&v, lang) }</p>
                    if let Some(onclick) = pick {
                        <button type="button" class="tk-button tk-button--secondary" data-part={id.key()} data-group={g.group.code.clone()} {onclick}>
                            { l(L::HandlePart, lang) }<span class="tk-vh">{ format!(" {name} · {}", g.group.code) }</span>
                        </button>
                    }
                </li>
            }
        });
        html! {
            <li class="tk-card" key={g.group.code.clone()} data-group={g.group.code.clone()}>
                <h3 class="tk-h3">{ group_title(g.group.group, lang) }</h3>
                <p class="tk-body"><span class="tk-code">{ &g.group.code }</span></p>
                <ul class="tk-part-chips">{ for parts }</ul>
            </li>
        }
    });
    let chosen = selected.as_ref().and_then(|c| view.get(c)).cloned().map(Rc::new);
    html! {
        <>
            <p class="tk-tag tk-tag--warning">{ t(T::SimulationOnly, lang) }</p>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ t(T::OfficerTitle, lang) }</h1>
            <p class="tk-body">{ t(T::OfficerIntro, lang) }</p>
            if client.is_local() {
                <div class="tk-check">
                    <input type="checkbox" class="tk-check__input" id="auto-agency" checked={auto} onchange={toggle_auto} />
                    <label class="tk-check__label" for="auto-agency">{ t(T::AutoAgency, lang) }</label>
                </div>
            }
            if let Some(d) = chosen {
                <OfficerPanel key={d.code.clone()} dossier={d.clone()} {lang} client={client.clone()} officer_key={key.clone()} {done} />
            }
            if !group_list.is_empty() {
                <h2 class="tk-h2" id="officer-groups">{ l(L::OfficerGroups, lang) }</h2>
                <p class="tk-body">{ l(L::OfficerGroupsIntro, lang) }</p>
                <ul class="tk-cards">{ for groups }</ul>
            }
            <h2 class="tk-h2">{ t(T::AllDossiers, lang) }</h2>
            if view.dossiers().next().is_none() {
                <p class="tk-body">{ t(T::NoDossiersAnywhere, lang) }</p>
            } else {
                <ul class="tk-cards">{ for rows }</ul>
            }
        </>
    }
}

/// A portal server's console asks for the officers' access key first.
fn key_form(
    lang: Lang,
    typed: &UseStateHandle<String>,
    opened: &UseStateHandle<Option<String>>,
    listing: &UseStateHandle<Option<Result<Rc<View>, PortalFailure>>>,
) -> Html {
    let wrong = matches!(&**listing, Some(Err(PortalFailure::SignIn)));
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
                typed.set(el.value());
            }
        })
    };
    let onsubmit = {
        let (typed, opened, listing) = (typed.clone(), opened.clone(), listing.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !typed.trim().is_empty() {
                listing.set(None);
                opened.set(Some(typed.trim().to_string()));
            }
        })
    };
    let error = wrong.then(|| t(T::OfficerKeyWrong, lang).to_string());
    let question = Question {
        id: "officer-key",
        label: html! { t(T::OfficerKey, lang) },
        hint: Some(html! { t(T::OfficerKeyHint, lang) }),
        error: error.as_ref(),
        class: classes!(),
        lang,
    };
    html! {
        <>
            <p class="tk-tag tk-tag--warning">{ t(T::SimulationOnly, lang) }</p>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ t(T::OfficerTitle, lang) }</h1>
            <form class="tk-form" novalidate=true {onsubmit}>
                { labelled(question, |w| html! {
                    <input id={w.id} class="tk-input" type="password" autocomplete="off" value={(**typed).clone()} {oninput}
                        aria-describedby={w.described_by} aria-invalid={w.invalid} />
                }) }
                <button type="submit" class="tk-button" id="officer-open">{ t(T::OfficerKeyOpen, lang) }</button>
            </form>
        </>
    }
}

/// Props of [`OfficerPanel`].
#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// The dossier being handled.
    pub dossier: Rc<Dossier>,
    /// Interface language.
    pub lang: Lang,
    /// The portal the officer acts on.
    pub client: PortalClient,
    /// The officers' access key (empty for the embedded portal).
    pub officer_key: String,
    /// Called after an act, to read the list again.
    pub done: Callback<()>,
}

/// Move one dossier: event, reason, requested fields.
#[function_component(OfficerPanel)]
pub fn officer_panel(props: &PanelProps) -> Html {
    let lang = props.lang;
    let d = props.dossier.clone();
    let allowed: Vec<Move> = d
        .allowed()
        .into_iter()
        .filter(|e| !matches!(e, Move::SupplementAnswered | Move::Paid | Move::Withdraw))
        .collect();
    let event = use_state(|| allowed.first().copied());
    let reason = use_state(String::new);
    let fields = use_state(Vec::<String>::new);
    let outcome = use_state(|| None::<&'static str>);
    let (form, _) = use_form(&d.form);
    let current = (*event).filter(|e| allowed.contains(e)).or(allowed.first().copied());
    let on_event = {
        let (event, allowed) = (event.clone(), allowed.clone());
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<HtmlSelectElement>() {
                event.set(el.value().parse::<usize>().ok().and_then(|i| allowed.get(i).copied()));
            }
        })
    };
    let on_reason = {
        let reason = reason.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<HtmlTextAreaElement>() {
                reason.set(el.value());
            }
        })
    };
    let apply = {
        let (code, reason, fields, outcome) = (d.code.clone(), reason.clone(), fields.clone(), outcome.clone());
        let (client, key, done) = (props.client.clone(), props.officer_key.clone(), props.done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(ev) = current else { return };
            let needs_reason = matches!(ev, Move::Refuse | Move::Stop | Move::RequestSupplement);
            if needs_reason && reason.trim().is_empty() {
                outcome.set(Some(t(T::ReasonRequiredOfficer, lang)));
                dom::focus_id("officer-reason");
                return;
            }
            let (client, key, code, done, outcome) =
                (client.clone(), key.clone(), code.clone(), done.clone(), outcome.clone());
            let (said, asked) = (reason.trim().to_string(), (*fields).clone());
            reason.set(String::new());
            fields.set(vec![]);
            wasm_bindgen_futures::spawn_local(async move {
                let r = client.officer_event(&key, &code, ev, &said, asked).await;
                outcome.set(Some(match r {
                    Ok(_) => t(T::Applied, lang),
                    Err(e) => failure_message(&e, lang),
                }));
                done.emit(());
            });
        })
    };
    let field_choices = match (&form, current) {
        (Load::Ready(f), Some(Move::RequestSupplement)) => {
            let items = f.sections.iter().flat_map(|s| s.fields.iter()).map(|field| {
                let id = format!("ask-{}", field.id);
                let on = fields.contains(&field.id);
                let onchange = {
                    let (fields, fid) = (fields.clone(), field.id.clone());
                    Callback::from(move |e: Event| {
                        let checked = e.target_dyn_into::<HtmlInputElement>().is_some_and(|el| el.checked());
                        let mut next: Vec<String> = fields.iter().filter(|x| **x != fid).cloned().collect();
                        if checked {
                            next.push(fid.clone());
                        }
                        fields.set(next);
                    })
                };
                html! {
                    <div class="tk-check">
                        <input type="checkbox" class="tk-check__input" id={id.clone()} value={field.id.clone()} checked={on} {onchange} />
                        <label class="tk-check__label" for={id}>{ field.label.get(lang) }</label>
                    </div>
                }
            });
            html! {
                <fieldset class="tk-fieldset">
                    <legend class="tk-legend">{ t(T::FieldsToEdit, lang) }</legend>
                    <div class="tk-choices">{ for items }</div>
                </fieldset>
            }
        }
        _ => html! {},
    };
    let reason_question = Question {
        id: "officer-reason",
        label: html! { t(T::OfficerReason, lang) },
        hint: Some(html! { t(T::OfficerReasonHint, lang) }),
        error: None,
        class: classes!(),
        lang,
    };
    html! {
        <section class="tk-officer" id="officer-panel" tabindex="-1" aria-labelledby="panel-heading">
            <h2 class="tk-h2" id="panel-heading">{ t(T::Handling, lang).replace("{code}", &d.code) }</h2>
            if let Some(p) = &d.part_of {
                <p class="tk-body" id="panel-part">{ part_name(p.part, lang) }{ " · " }{ group_title(p.part.group(), lang) }</p>
            }
            <p class="tk-body">{ status_chip(d.status, lang) }</p>
            if allowed.is_empty() {
                <p class="tk-body">{ t(T::FinalNoMoves, lang) }</p>
            } else {
                <form class="tk-form" novalidate=true onsubmit={apply}>
                    <div class="tk-field">
                        <label class="tk-label" for="officer-event">{ t(T::OfficerEvent, lang) }</label>
                        <select id="officer-event" class="tk-select" onchange={on_event}>
                            { for allowed.iter().enumerate().map(|(i, e)| html! {
                                <option value={i.to_string()} selected={Some(*e) == current}>{ event_label(*e, lang) }</option>
                            }) }
                        </select>
                    </div>
                    { labelled(reason_question, |w| html! {
                        <textarea id={w.id} class="tk-input tk-textarea" rows="3" value={(*reason).clone()} oninput={on_reason}
                            aria-describedby={w.described_by} />
                    }) }
                    { field_choices }
                    <button type="submit" class="tk-button" id="officer-apply">{ t(T::ApplyEvent, lang) }</button>
                </form>
            }
            <p class="tk-body" role="status">{ outcome.unwrap_or("") }</p>
            <details class="tk-details">
                <summary>{ t(T::TimelineTitle, lang) }</summary>
                <Timeline dossier={d.clone()} {lang} />
            </details>
        </section>
    }
}
