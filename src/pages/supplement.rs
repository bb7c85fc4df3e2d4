//! Answer a supplement request: the officer's words, the fields they named
//! (as on the form, with the same checks), a document, a note; then send
//! again. Only the named fields can change.

use crate::components::dossier::{back_to_dossier, DossierGate};
use crate::components::error_summary::SummaryItem;
use crate::components::form_gate::FormGate;
use crate::components::labelled::{labelled, Question};
use crate::components::{ErrorMap, ErrorSummary, FieldView};
use crate::hooks::use_attempts;
use crate::hooks::use_portal::{client, use_portal};
use crate::pages::receipt::CodeProps;
use crate::routes::Route;
use crate::services::portal::Portal;
use crate::services::{clock, files};
use crate::state::use_lang;
use std::rc::Rc;
use tokhai_core::dossier::Status;
use tokhai_core::journey::Scope;
use tokhai_core::messages::tracking::{t, T};
use tokhai_core::messages::{describe, error_message};
use tokhai_core::portal::{supplement_document, Dossier};
use tokhai_core::validate::validate_field;
use tokhai_core::FieldPath;
use tokhai_core::{Answer, Answers, FormDef, Lang};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;
use yew_router::prelude::*;

/// `/ho-so/{code}/bo-sung`.
#[function_component(SupplementPage)]
pub fn supplement_page(props: &CodeProps) -> Html {
    let lang = use_lang();
    let render = Callback::from(move |(d, owner): (Rc<Dossier>, String)| {
        let form_id = AttrValue::from(d.form.clone());
        let render = Callback::from(move |form: Rc<FormDef>| {
            html! { <SupplementView dossier={d.clone()} owner={owner.clone()} {form} {lang} /> }
        });
        html! { <FormGate form={form_id} {lang} {render} /> }
    });
    html! { <DossierGate code={props.code.clone()} {lang} title={t(T::ActionSupplement, lang)} {render} /> }
}

/// Props of [`SupplementView`].
#[derive(Properties, PartialEq)]
pub struct SupplementProps {
    /// The dossier.
    pub dossier: Rc<Dossier>,
    /// Its owner.
    pub owner: String,
    /// Its form.
    pub form: Rc<FormDef>,
    /// Interface language.
    pub lang: Lang,
}

/// The request and the fields to answer it.
#[function_component(SupplementView)]
pub fn supplement_view(props: &SupplementProps) -> Html {
    let lang = props.lang;
    let d = props.dossier.clone();
    let answers = use_state(|| Rc::new(d.answers.clone()));
    let note = use_state(String::new);
    let attempt = use_attempts();
    let sending = use_state(|| false);
    let failed = use_state(|| None::<&'static str>);
    let navigator = use_navigator();
    let portal = use_portal();
    let Some(request) = d.supplement.clone().filter(|_| d.status == Status::SupplementRequested) else {
        return html! { <Redirect<Route> to={Route::Dossier { code: d.code.clone() }} /> };
    };
    // The named fields of the form, then the document question.
    let mut fields: Vec<Rc<tokhai_core::schema::Field>> =
        request.fields.iter().filter_map(|id| props.form.field(id)).cloned().map(Rc::new).collect();
    fields.push(Rc::new(supplement_document(fields.is_empty())));
    let errors = {
        let scope = Scope { form: &answers, row: None };
        let mut out = vec![];
        for f in &fields {
            validate_field(f, &scope, clock::today(), &FieldPath::field(&f.id), &mut out);
        }
        out
    };
    let shown: Rc<ErrorMap> = Rc::new(if attempt.tried() {
        errors
            .iter()
            .map(|e| {
                let top = e.path.top();
                let msg = match (props.form.field(top), fields.iter().find(|f| f.id == top)) {
                    (Some(_), _) => describe(&props.form, e, lang),
                    (None, Some(f)) => error_message(&e.error, f, &|_| String::new(), lang),
                    (None, None) => String::new(),
                };
                (e.path.clone(), msg)
            })
            .collect()
    } else {
        Default::default()
    });
    let items: Vec<SummaryItem> =
        shown.iter().map(|(path, m)| SummaryItem { target: path.input_id(), message: m.clone() }).collect();
    let widgets = fields.iter().map(|f| {
        let on_change = {
            let answers = answers.clone();
            let id = f.id.clone();
            Callback::from(move |a: Option<Answer>| {
                let mut next: Answers = (**answers).clone();
                match a.filter(|a| !a.is_empty()) {
                    Some(a) => next.insert(id.clone(), a),
                    None => next.remove(&id),
                };
                answers.set(Rc::new(next));
            })
        };
        html! {
            // Attachments kept under the dossier, apart from any draft of the same form.
            <FieldView key={f.id.clone()} field={f.clone()} path={FieldPath::field(&f.id)} form={d.code.clone()}
                value={answers.get(&f.id).cloned()}
                errors={shown.clone()} answers={(*answers).clone()} {lang} {on_change} />
        }
    });
    let onsubmit = {
        let ids: Vec<String> = fields.iter().map(|f| f.id.clone()).collect();
        let (answers, note, attempt, sending, failed) =
            (answers.clone(), note.clone(), attempt.clone(), sending.clone(), failed.clone());
        let (code, owner, ok) = (d.code.clone(), props.owner.clone(), errors.is_empty());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !ok {
                attempt.bump();
                return;
            }
            if *sending {
                return;
            }
            sending.set(true);
            let edited: Answers =
                answers.iter().filter(|(k, _)| ids.contains(k)).map(|(k, v)| (k.clone(), v.clone())).collect();
            let (code, owner, text) = (code.clone(), owner.clone(), note.trim().to_string());
            let (sending, failed, navigator, portal) =
                (sending.clone(), failed.clone(), navigator.clone(), portal.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = client(&portal).answer_supplement(&code, &owner, edited, &text).await;
                if result.is_ok() {
                    files::forget(&code);
                }
                back_to_dossier(result, lang, code, portal, navigator, |m| {
                    sending.set(false);
                    failed.set(Some(m));
                });
            });
        })
    };
    let on_note = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<HtmlTextAreaElement>() {
                note.set(el.value());
            }
        })
    };
    let note_question = Question {
        id: "note",
        label: html! { <>{ t(T::NoteLabel, lang) }{ " " }<span class="tk-hint-inline">{ t(T::OptionalWord, lang) }</span></> },
        hint: None,
        error: None,
        class: classes!(),
        lang,
    };
    html! {
        <>
            <Link<Route> to={Route::Dossier { code: d.code.clone() }} classes="tk-back">{ t(T::BackToDossier, lang) }</Link<Route>>
            <ErrorSummary {items} attempt={attempt.count()} {lang} />
            <form class="tk-form" novalidate=true {onsubmit}>
                <span class="tk-caption">{ d.service.get(lang) }{ " · " }{ &d.code }</span>
                <h1 class="tk-h1" id="page-title" tabindex="-1">{ t(T::ActionSupplement, lang) }</h1>
                <div class="tk-notice">
                    <h2 class="tk-h3">{ t(T::OfficerAsks, lang) }</h2>
                    <p class="tk-body" id="officer-request">{ request.reason.text(lang) }</p>
                    if d.supplement_rounds > 1 { <p class="tk-body"><strong>{ t(T::OverdueFlag, lang) }</strong></p> }
                </div>
                <p class="tk-body">{ t(T::SupplementIntro, lang) }</p>
                { for widgets }
                { labelled(note_question, |w| html! {
                    <textarea id={w.id} class="tk-input tk-textarea" rows="3" value={(*note).clone()} oninput={on_note} />
                }) }
                if let Some(m) = *failed { <div class="tk-inline-alert" role="alert"><p>{ m }</p></div> }
                <button type="submit" class="tk-button" disabled={*sending}>{ t(T::SendSupplement, lang) }</button>
            </form>
        </>
    }
}
