//! Check your answers: every applicable answer with a change link to its page.
//! Confirming validates the whole form again.

use crate::components::dossier::failure_message;
use crate::components::error_summary::SummaryItem;
use crate::components::field::error_html;
use crate::components::form_gate::FormGate;
use crate::components::ErrorSummary;
use crate::hooks::use_assist::AssistCtx;
use crate::hooks::use_attempts;
use crate::hooks::use_keep::KeepCtx;
use crate::hooks::use_page_title;
use crate::hooks::use_send::use_send;
use crate::hooks::{use_catalog, use_portal::use_portal, Load};
use crate::routes::Route;
use crate::services::portal::PortalFailure;
use crate::services::{clock, dom};
use crate::state::{use_claims, use_lang, use_store, Action};
use std::rc::Rc;
use tokhai_core::answers::text_of;
use tokhai_core::journey::summary;
use tokhai_core::linked::{certificate_in_use, declarations, GroupId};
use tokhai_core::messages::keep::{k, K};
use tokhai_core::messages::linked::{from_certificate, l, L};
use tokhai_core::messages::print::{p, P};
use tokhai_core::messages::tracking::{t, T};
use tokhai_core::messages::{describe, field_at_path, ui, Ui};
use tokhai_core::prefill::{row_is_registry, Provenance};
use tokhai_core::sources::Source;
use tokhai_core::submission::{prepare, Blocked, Sending};
use tokhai_core::validate::validate_form;
use tokhai_core::{Answer, Lang};
use tokhai_core::{FieldKind, FieldPath, FormDef};

/// Id of the declaration tick.
const DECLARATION: &str = "declaration";
use yew::prelude::*;
use yew_router::prelude::*;

/// Props: the form id.
#[derive(Properties, PartialEq, Clone)]
pub struct CheckProps {
    /// Form id.
    pub form: AttrValue,
}

/// "Kiểm tra thông tin đã khai": loads the form, then shows the answers.
#[function_component(CheckAnswers)]
pub fn check_answers(props: &CheckProps) -> Html {
    let lang = use_lang();
    let render = Callback::from(|form: Rc<FormDef>| html! { <CheckView {form} /> });
    html! { <FormGate form={props.form.clone()} {lang} {render} /> }
}

/// Props of [`CheckView`].
#[derive(Properties, PartialEq, Clone)]
pub struct CheckViewProps {
    /// The loaded form.
    pub form: Rc<FormDef>,
}

/// The answers of a loaded form.
#[function_component(CheckView)]
pub fn check_view(props: &CheckViewProps) -> Html {
    let lang = use_lang();
    let store = use_store();
    let navigator = use_navigator();
    let failed = use_attempts();
    let claims = use_claims();
    let restored = use_state(Vec::<String>::new);
    let declared = use_state(|| false);
    let sending = use_state(|| false);
    let send_error = use_state(|| None::<&'static str>);
    let (catalog, _) = use_catalog();
    let sender = use_send();
    let portal = use_portal();
    let keep = use_context::<KeepCtx>();
    let online = keep.as_ref().is_none_or(|k| k.online);
    let helper = use_context::<AssistCtx>().and_then(|a| a.session).map(|s| s.team.clone());
    use_page_title(ui(Ui::CheckAnswersTitle, lang).to_string());
    let form = props.form.clone();
    let (Some(store), Some(navigator)) = (store, navigator) else {
        return html! { <super::not_found::NotFound /> };
    };
    let state = store.form(&form.id);
    if let Some(code) = &state.submitted {
        return html! { <Redirect<Route> to={Route::Dossier { code: code.clone() }} /> };
    }
    let needs_declaration =
        !form.sections.iter().flat_map(|s| s.fields.iter()).any(|f| f.kind == FieldKind::Declaration);
    let answers = state.answers.clone();
    let rows = summary(&form, &answers, lang);
    // Which section holds each top-level field, for change links and errors.
    let section_of = |field: &str| {
        form.sections.iter().find(|s| s.fields.iter().any(|f| f.id == field)).map(|s| s.id.clone()).unwrap_or_default()
    };
    let errors = if failed.tried() { validate_form(&form, &answers, clock::today()) } else { vec![] };
    let mut items: Vec<SummaryItem> =
        errors.iter().map(|e| SummaryItem { target: e.path.to_string(), message: describe(&form, e, lang) }).collect();
    let declaration_error = failed.tried() && needs_declaration && !*declared;
    if declaration_error {
        items.push(SummaryItem { target: DECLARATION.into(), message: t(T::DeclarationMissing, lang).into() });
    }
    let on_follow = {
        let navigator = navigator.clone();
        let form = form.clone();
        Callback::from(move |item: SummaryItem| {
            let path = FieldPath::from(item.target.as_str());
            let section =
                form.sections.iter().find(|s| s.fields.iter().any(|f| f.id == path.top())).map(|s| s.id.clone());
            if item.target == DECLARATION {
                dom::focus_field(DECLARATION);
            } else if let (Some(section), Some(_)) = (section, field_at_path(&form, &path)) {
                navigator.push(&Route::Change { form: form.id.clone(), section, field: item.target.clone() });
            }
        })
    };
    let onclick = {
        let (form, failed, navigator, state, restored, store) =
            (form.clone(), failed.clone(), navigator.clone(), state.clone(), restored.clone(), store.clone());
        let (declared, sending, send_error, claims, helper) =
            (declared.clone(), sending.clone(), send_error.clone(), claims.clone(), helper.clone());
        Callback::from(move |_| {
            if *sending {
                return; // a second tap while the first is on its way
            }
            let entry = match &catalog {
                Load::Ready(catalog) => catalog.iter().find(|e| e.id == form.id),
                _ => None,
            };
            let prefs = match (&claims, &portal) {
                (Some(c), Some(p)) => {
                    let contact = &c.citizen.contact;
                    p.view.prefs_or(&c.sub, contact.phone.as_deref(), contact.email.as_deref())
                }
                _ => Default::default(),
            };
            let decided = prepare(Sending {
                form: &form,
                filling: &state.filling,
                declared: !needs_declaration || *declared,
                identity: claims.as_deref(),
                entry,
                prefs,
                helper: helper.clone(),
                today: clock::today(),
            });
            let sub = match decided {
                Ok(sub) => sub,
                Err(Blocked::Locked(back)) => {
                    restored.set(back.keys().cloned().collect());
                    store.dispatch(Action::Restore { form: form.id.clone(), answers: back });
                    return;
                }
                Err(Blocked::Invalid) => return failed.bump(),
                Err(Blocked::SignIn) => {
                    // Sending needs the citizen's identity: sign in, then come back here.
                    dom::set_return_path();
                    navigator.push(&Route::SignIn);
                    return;
                }
                Err(Blocked::Catalogue) => return send_error.set(Some(t(T::CatalogNeeded, lang))),
                Err(Blocked::NoProvince) => return send_error.set(Some(t(T::NoProvince, lang))),
            };
            if !online {
                // No connection: the dossier waits in the outbox and is sent, once, when it returns.
                store.dispatch(Action::Queued { form: form.id.clone(), submission: Box::new(sub) });
                dom::focus_id_later("outbox-heading");
                return;
            }
            let Some(sender) = sender.clone() else { return };
            sending.set(true);
            send_error.set(None);
            let (navigator, sending, send_error, form_id, store) =
                (navigator.clone(), sending.clone(), send_error.clone(), form.id.clone(), store.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match sender.send(form_id.clone(), sub.clone()).await {
                    Ok(code) => navigator.push(&Route::Receipt { code }),
                    Err(PortalFailure::Offline) => {
                        // The connection went just now: the dossier waits in the outbox.
                        sending.set(false);
                        store.dispatch(Action::Queued { form: form_id, submission: Box::new(sub) });
                        dom::focus_id_later("outbox-heading");
                    }
                    Err(PortalFailure::Unavailable) => {
                        // The portal server did not answer: the dossier waits in the outbox,
                        // which tries again later with the same key (sent once).
                        sending.set(false);
                        store.dispatch(Action::Queued { form: form_id, submission: Box::new(sub) });
                        send_error.set(Some(t(T::SendWaitsForPortal, lang)));
                        dom::focus_id_later("outbox-heading");
                    }
                    Err(e) => {
                        sending.set(false);
                        send_error.set(Some(failure_message(&e, lang)));
                    }
                }
            });
        })
    };
    // Answers a hospital's certificate gave, unchanged since, say so.
    let certificates = crate::components::certificate::all();
    let in_use = certificate_in_use(&certificates, &form, &state.answers);
    let sections = rows.into_iter().map(|s| {
        let list = s.rows.into_iter().map(|r| {
            let tag = match in_use.filter(|c| c.gave(&r.field, text_of(&state.answers, &r.field))) {
                Some(c) => tag_html(from_certificate(c.kind, lang).to_string(), "tk-badge", lang),
                None => provenance_tag(source_of(&state, &r.field), state.origin.get(&r.field).copied(), lang),
            };
            let to = Route::Change { form: form.id.clone(), section: section_of(&r.field), field: r.field.clone() };
            html! {
                <div class="tk-summary__row">
                    <dt class="tk-summary__key">{ &r.label }</dt>
                    <dd class="tk-summary__value">
                        { for r.lines.iter().map(|l| html! { <p>{ l }</p> }) }
                        { tag }
                    </dd>
                    <dd class="tk-summary__actions">
                        <Link<Route> {to}>
                            { ui(Ui::Change, lang) }<span class="tk-vh">{ format!(" {}", r.label) }</span>
                        </Link<Route>>
                    </dd>
                </div>
            }
        });
        html! {
            <>
                <h2 class="tk-h2">{ s.title }</h2>
                <dl class="tk-summary">{ for list }</dl>
            </>
        }
    });
    // A linked form: each part's own declaration as its agency receives it,
    // each row linked back to the one place the answer was given.
    let derived = GroupId::of_form(&form).map(|_| {
        let decls = declarations(&form, &answers, None, lang).into_iter().map(|decl| {
            let key = decl.part.key();
            let heading = format!("decl-{key}-heading");
            let rows = decl.rows.iter().map(|row| {
                let change = match (&row.field, &row.section) {
                    (Some(field), Some(section)) => {
                        let to = Route::Change { form: form.id.clone(), section: section.clone(), field: field.clone() };
                        html! {
                            <dd class="tk-summary__actions">
                                <Link<Route> {to}>
                                    { ui(Ui::Change, lang) }<span class="tk-vh">{ format!(" {} ({})", row.label, decl.title) }</span>
                                </Link<Route>>
                            </dd>
                        }
                    }
                    _ => html! { <dd class="tk-summary__actions"><span class="tk-hint">{ l(L::ByAgency, lang) }</span></dd> },
                };
                html! {
                    <div class="tk-summary__row">
                        <dt class="tk-summary__key">{ &row.label }</dt>
                        <dd class="tk-summary__value">{ for row.lines.iter().map(|x| html! { <p>{ x }</p> }) }</dd>
                        { change }
                    </div>
                }
            });
            html! {
                <section class="tk-declaration" id={format!("decl-{key}")} data-part={key} aria-labelledby={heading.clone()}>
                    <h3 class="tk-h3" id={heading}>{ &decl.title }</h3>
                    <p class="tk-hint">{ l(L::Template, lang) }{ ": " }{ &decl.template }{ " · " }{ l(L::SentTo, lang) }{ ": " }{ &decl.agency }</p>
                    <dl class="tk-summary">{ for rows }</dl>
                </section>
            }
        });
        html! {
            <>
                <h2 class="tk-h2" id="derived-heading">{ l(L::DerivedHeading, lang) }</h2>
                <p class="tk-body">{ l(L::DerivedIntro, lang) }</p>
                { for decls }
            </>
        }
    });
    let restored_labels: Vec<String> =
        restored.iter().filter_map(|id| form.field(id)).map(|f| f.label.get(lang).to_string()).collect();
    let corrections = state.corrections.iter().map(|c| {
        let label = form.field(&c.field).map(|f| f.label.get(lang).to_string()).unwrap_or_default();
        html! {
            <div class="tk-summary__row">
                <dt class="tk-summary__key">{ label }</dt>
                <dd class="tk-summary__value">
                    <p>{ format!("{} → {}", c.registry_value, c.claimed_value) }</p>
                    if !c.note.is_empty() { <p class="tk-hint">{ &c.note }</p> }
                    if let Some(s) = c.source { <p class="tk-hint">{ ui(Ui::SourceKeeper, lang).replace("{agency}", s.agency().get(lang)) }</p> }
                </dd>
            </div>
        }
    });
    html! {
        <>
            if !restored_labels.is_empty() {
                <div class="tk-error-summary" role="alert">
                    <p class="tk-body">{ ui(Ui::LockedRestored, lang).replace("{fields}", &restored_labels.join(", ")) }</p>
                </div>
            }
            <ErrorSummary {items} attempt={failed.count()} {lang} on_follow={Some(on_follow)} />
            <span class="tk-caption">{ form.title.get(lang) }</span>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ ui(Ui::CheckAnswersTitle, lang) }</h1>
            <p class="tk-body">{ ui(Ui::CheckAnswersIntro, lang) }</p>
            { for sections }
            if let Some(derived) = derived { { derived } }
            if !state.corrections.is_empty() {
                <h2 class="tk-h2">{ ui(Ui::NotRight, lang) }</h2>
                <p class="tk-body">{ ui(Ui::CorrectionWhere, lang) }</p>
                <dl class="tk-summary">{ for corrections }</dl>
            }
            <h2 class="tk-h2">{ t(T::SendHeading, lang) }</h2>
            if needs_declaration {
                <div class={classes!("tk-field", declaration_error.then_some("tk-field--error"))}>
                    { error_html("declaration-error", declaration_error.then(|| t(T::DeclarationMissing, lang).to_string()).as_ref(), lang) }
                    <div class="tk-check tk-check--declaration">
                        <input type="checkbox" id={DECLARATION} name={DECLARATION} class="tk-check__input" checked={*declared}
                            aria-describedby={declaration_error.then_some("declaration-error")}
                            aria-invalid={declaration_error.then_some("true")}
                            onchange={let declared = declared.clone(); Callback::from(move |_| declared.set(!*declared))} />
                        <label class="tk-check__label" for={DECLARATION}>{ t(T::Declaration, lang) }</label>
                    </div>
                </div>
            }
            if claims.is_none() { <p class="tk-body">{ t(T::SignInToSend, lang) }</p> }
            if let Some(team) = &helper { <p class="tk-body">{ k(K::HelpedBy, lang).replace("{team}", team) }</p> }
            if let Some(e) = *send_error { <div class="tk-inline-alert" role="alert"><p>{ e }</p></div> }
            if state.outbox.is_some() {
                <div class="tk-panel tk-panel--waiting" id="outbox" role="status">
                    <h2 class="tk-h2" id="outbox-heading" tabindex="-1">{ k(K::WaitingHeading, lang) }</h2>
                    <p><strong class="tk-tag tk-tag--waiting">{ k(K::Waiting, lang) }</strong></p>
                    <p class="tk-body">{ k(K::WaitingBody, lang) }</p>
                    <p class="tk-body">{ k(K::WaitingLocked, lang) }</p>
                    <button type="button" class="tk-button tk-button--secondary" id="unqueue"
                        onclick={let (store, form) = (store.clone(), form.id.clone()); Callback::from(move |_| store.dispatch(Action::Unqueue { form: form.clone() }))}>
                        { k(K::Unqueue, lang) }
                    </button>
                </div>
            } else {
                <button type="button" class="tk-button" id="send" disabled={*sending} aria-disabled={(*sending).to_string()} {onclick}>
                    { if *sending { t(T::Sending, lang) } else { ui(Ui::ConfirmAndSend, lang) } }
                </button>
            }
            <p class="tk-body">
                <Link<Route> to={Route::Print { form: form.id.clone() }} classes="tk-link">{ p(P::PrintFilled, lang) }</Link<Route>>
            </p>
        </>
    }
}

/// Where a row's answer came from; a group is "from the registry" when all its rows are.
fn source_of(state: &crate::state::FormState, field: &str) -> Option<Provenance> {
    match state.answers.get(field) {
        None => None,
        Some(Answer::Rows(rows)) => {
            let n = rows.iter().filter(|r| row_is_registry(r)).count();
            if n == rows.len() {
                Some(Provenance::Registry)
            } else if n == 0 {
                Some(Provenance::Typed)
            } else {
                None
            }
        }
        Some(_) => Some(state.source(field)),
    }
}

fn provenance_tag(source: Option<Provenance>, origin: Option<Source>, lang: Lang) -> Html {
    let (text, class) = match (source, origin) {
        (Some(Provenance::Registry), Some(o)) if o != Source::Population => {
            (ui(Ui::FromSource, lang).replace("{source}", o.name().get(lang)), "tk-badge")
        }
        (Some(Provenance::Registry), _) => (ui(Ui::FromRegistry, lang).to_string(), "tk-badge"),
        (Some(Provenance::Edited), _) => (ui(Ui::EditedAfterPrefill, lang).to_string(), "tk-badge tk-badge--edited"),
        (Some(Provenance::Typed), _) => (ui(Ui::TypedByYou, lang).to_string(), "tk-source"),
        (None, _) => return html! {},
    };
    tag_html(text, class, lang)
}

/// "Nguồn: …" under an answer: where it came from.
fn tag_html(text: String, class: &'static str, lang: Lang) -> Html {
    html! { <p class="tk-provenance"><span class="tk-vh">{ ui(Ui::Provenance, lang) }{ ": " }</span><span class={class}>{ text }</span></p> }
}
