//! One section of a form per page: error summary, the questions, Continue.

use crate::components::error_summary::SummaryItem;
use crate::components::{ErrorMap, ErrorSummary, FieldView};
use crate::routes::Route;
use crate::components::form_gate::FormGate;
use crate::services::{clock, dom};
use crate::state::{use_claims, use_lang, use_store, Action};
use tokhai_core::prefill::{is_locked, people_for};
use std::collections::BTreeSet;
use std::rc::Rc;
use tokhai_core::journey::{field_shown, next_section, previous_section, visible_sections, Scope};
use tokhai_core::messages::{describe, ui, Ui};
use tokhai_core::validate::{input_id, validate_section};
use tokhai_core::{Answer, FormDef};
use yew::prelude::*;
use yew_router::prelude::*;

/// Props: form and section ids from the address.
#[derive(Properties, PartialEq, Clone)]
pub struct SectionProps {
    /// Form id.
    pub form: AttrValue,
    /// Section id.
    pub section: AttrValue,
    /// Opened from "check your answers" to change this field (focus it, return there).
    #[prop_or_default]
    pub change: Option<AttrValue>,
}

/// `/khai/{form}`: goes to the first section once the form is loaded.
#[function_component(Start)]
pub fn start(props: &StartProps) -> Html {
    let lang = use_lang();
    let signed_in = use_claims().is_some();
    let consent = use_store().and_then(|s| s.form(&props.form).consent);
    let render = Callback::from(move |form: Rc<FormDef>| {
        let prefillable = form.sections.iter().flat_map(|s| s.fields.iter()).any(|f| f.prefill.is_some());
        match form.sections.first() {
            // Signed in and never asked for this form: ask before copying anything.
            Some(_) if signed_in && prefillable && consent.is_none() => {
                html! { <Redirect<Route> to={Route::Consent { form: form.id.clone() }} /> }
            }
            Some(s) => html! { <Redirect<Route> to={Route::Section { form: form.id.clone(), section: s.id.clone() }} /> },
            None => html! { <super::not_found::NotFound /> },
        }
    });
    html! { <FormGate form={props.form.clone()} {lang} {render} /> }
}

/// Props of [`Start`].
#[derive(Properties, PartialEq, Clone)]
pub struct StartProps {
    /// Form id.
    pub form: AttrValue,
}

/// A section page: loads the form, then shows the section.
#[function_component(SectionPage)]
pub fn section_page(props: &SectionProps) -> Html {
    let lang = use_lang();
    let (section, change) = (props.section.clone(), props.change.clone());
    let render = Callback::from(move |form: Rc<FormDef>| {
        html! { <SectionView {form} section={section.clone()} change={change.clone()} /> }
    });
    html! { <FormGate form={props.form.clone()} {lang} {render} /> }
}

/// Props of [`SectionView`].
#[derive(Properties, PartialEq, Clone)]
pub struct SectionViewProps {
    /// The loaded form.
    pub form: Rc<FormDef>,
    /// Section id.
    pub section: AttrValue,
    /// Field to focus when opened by a change link.
    #[prop_or_default]
    pub change: Option<AttrValue>,
}

/// The section of a loaded form.
#[function_component(SectionView)]
pub fn section_view(props: &SectionViewProps) -> Html {
    let lang = use_lang();
    let store = use_store();
    let claims = use_claims();
    let navigator = use_navigator();
    // Paths that had errors at the last Continue; their errors update as the citizen fixes them.
    let attempted = use_state(|| None::<BTreeSet<String>>);
    let attempt = use_state(|| 0u32);
    let form = Some(props.form.clone());
    let section = props.form.section(&props.section).cloned();
    {
        let attempted = attempted.clone();
        let title = section.as_ref().map(|s| s.title.get(lang).to_string()).unwrap_or_default();
        let focus = props.change.clone();
        use_effect_with((props.section.clone(), lang), move |_| {
            attempted.set(None);
            dom::set_title(&title);
            dom::scroll_top();
            match focus {
                Some(f) => {
                    dom::focus_field(&input_id(&f));
                }
                None => dom::focus_id("page-title"),
            }
        });
    }
    let (Some(form), Some(section), Some(store), Some(navigator)) = (form, section, store, navigator) else {
        return html! { <super::not_found::NotFound /> };
    };
    let form_id = form.id.clone();
    let state = store.form(&form_id);
    let answers = state.answers.clone();
    let today = clock::today();
    let errors = match &*attempted {
        Some(paths) => validate_section(&section, &answers, today).into_iter().filter(|e| paths.contains(&e.path)).collect(),
        None => vec![],
    };
    let error_map: Rc<ErrorMap> = Rc::new(errors.iter().map(|e| (e.path.clone(), describe(&form, e, lang))).collect());
    let items: Vec<SummaryItem> = errors
        .iter()
        .map(|e| SummaryItem { target: input_id(&e.path), message: error_map.get(&e.path).cloned().unwrap_or_default() })
        .collect();

    let visible = visible_sections(&form, &answers);
    let step = visible.iter().position(|s| s.id == section.id).map(|i| i + 1);
    let from_check = props.change.is_some();

    let onsubmit = {
        let section = section.clone();
        let answers = answers.clone();
        let form = form.clone();
        let navigator = navigator.clone();
        let attempted = attempted.clone();
        let attempt = attempt.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let errs = validate_section(&section, &answers, clock::today());
            if !errs.is_empty() {
                attempted.set(Some(errs.into_iter().map(|e| e.path).collect()));
                attempt.set(*attempt + 1);
                return;
            }
            let to = match next_section(&form, &answers, &section.id) {
                Some(next) if !from_check => Route::Section { form: form.id.clone(), section: next.id.clone() },
                _ => Route::Check { form: form.id.clone() },
            };
            navigator.push(&to);
        })
    };
    let back = if from_check {
        Route::Check { form: form_id.clone() }
    } else {
        match previous_section(&form, &answers, &section.id) {
            Some(prev) => Route::Section { form: form_id.clone(), section: prev.id.clone() },
            None => Route::Home,
        }
    };
    let scope = Scope { form: &answers, row: None };
    let fields = section.fields.iter().filter(|f| field_shown(f, &scope)).map(|f| {
        let on_change = {
            let store = store.clone();
            let form = form_id.clone();
            let field = f.id.clone();
            Callback::from(move |answer: Option<Answer>| {
                store.dispatch(Action::Set { form: form.clone(), field: field.clone(), answer })
            })
        };
        let source = state.provenance.get(&f.id).copied();
        let locked = is_locked(f, source);
        let on_correct = locked.then(|| {
            let store = store.clone();
            let form = form_id.clone();
            Callback::from(move |request| store.dispatch(Action::Correct { form: form.clone(), request }))
        });
        let correction = state.corrections.iter().find(|c| c.field == f.id).cloned();
        // Household prefill: only after consent, from the verified claims.
        let people: Rc<Vec<_>> = match (&claims, state.consent) {
            (Some(c), Some(true)) => Rc::new(people_for(f, &c.citizen).into_iter().cloned().collect()),
            _ => Rc::default(),
        };
        html! {
            <FieldView key={f.id.clone()} field={Rc::new(f.clone())} path={f.id.clone()}
                value={answers.get(&f.id).cloned()} errors={error_map.clone()}
                answers={answers.clone()} {lang} {on_change} {source} {locked} {on_correct} {correction} {people} />
        }
    });
    let step_text = step.map(|n| {
        ui(Ui::StepOf, lang).replace("{n}", &n.to_string()).replace("{total}", &visible.len().to_string())
    });
    html! {
        <>
            <Link<Route> to={back} classes="tk-back">{ ui(Ui::Back, lang) }</Link<Route>>
            <ErrorSummary items={items} attempt={*attempt} {lang} />
            <form class="tk-form" novalidate=true {onsubmit}>
                <span class="tk-caption">{ form.title.get(lang) }{ step_text.map(|s| format!(" · {s}")) }</span>
                <h1 class="tk-h1" id="page-title" tabindex="-1">{ section.title.get(lang) }</h1>
                if let Some(intro) = &section.intro { <p class="tk-body">{ intro.get(lang) }</p> }
                { for fields }
                <button type="submit" class="tk-button">{ ui(Ui::Continue, lang) }</button>
            </form>
        </>
    }
}

