//! One section of a form per page: error summary, the questions, Continue.

use crate::components::assist::SaveStatus;
use crate::components::certificate::CertificateOffer;
use crate::components::error_summary::SummaryItem;
use crate::components::form_gate::FormGate;
use crate::components::record_picker::RecordPicker;
use crate::components::{ErrorMap, ErrorSummary, FieldView};
use crate::hooks::use_assist::AssistCtx;
use crate::hooks::use_attempts;
use crate::routes::Route;
use crate::services::{boot, clock, dom};
use crate::state::{use_claims, use_lang, use_store, Action};
use std::collections::BTreeSet;
use std::rc::Rc;
use tokhai_core::drafts::Unanswered;
use tokhai_core::journey::{field_shown, next_section, previous_section, visible_sections, Scope};
use tokhai_core::linked::CertKind;
use tokhai_core::messages::keep::{k, why, K};
use tokhai_core::messages::{describe, ui, Ui};
use tokhai_core::prefill::{is_locked, people_for};
use tokhai_core::sources::{records_of, Record, Source};
use tokhai_core::validate::validate_section_in;
use tokhai_core::{Answer, FieldPath, FormDef};
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
            Some(s) => {
                html! { <Redirect<Route> to={Route::Section { form: form.id.clone(), section: s.id.clone() }} /> }
            }
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
    let attempted = use_state(|| None::<BTreeSet<FieldPath>>);
    let attempt = use_attempts();
    // Assisted mode asks one question at a time: the index of the question shown.
    let assisted = use_context::<AssistCtx>().is_some_and(|a| a.session.is_some());
    let question = use_state(|| 0usize);
    let form = Some(props.form.clone());
    let section = props.form.section(&props.section).cloned();
    {
        let attempted = attempted.clone();
        let title = section.as_ref().map(|s| s.title.get(lang).to_string()).unwrap_or_default();
        let focus = props.change.clone();
        let (question, store, form_id) = (question.clone(), store.clone(), props.form.id.clone());
        let shown_ids: Vec<String> =
            section.as_ref().map(|s| s.fields.iter().map(|f| f.id.clone()).collect()).unwrap_or_default();
        use_effect_with((props.section.clone(), lang), move |(section_id, _)| {
            attempted.set(None);
            // A change link opens the question it names; otherwise the first.
            let top = focus.as_ref().map(|f| FieldPath::from(f.as_str()).top().to_string());
            question.set(top.and_then(|t| shown_ids.iter().position(|id| *id == t)).unwrap_or(0));
            // Remember where the citizen is, to resume here.
            if let Some(store) = &store {
                if store.form(&form_id).section.as_deref() != Some(section_id.as_str()) {
                    store.dispatch(Action::Visit { form: form_id.clone(), section: section_id.to_string() });
                }
            }
            dom::set_title(&title);
            // A prerendered page taken over keeps its scroll and the field the
            // citizen is already in; a page opened in the app starts at its title.
            if !boot::hydrating() {
                dom::scroll_top();
                match focus {
                    Some(f) => {
                        dom::focus_field(&FieldPath::from(f.as_str()).input_id());
                    }
                    None => dom::focus_id("page-title"),
                }
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
        Some(paths) => validate_section_in(&form, &section, &answers, today)
            .into_iter()
            .filter(|e| paths.contains(&e.path))
            .collect(),
        None => vec![],
    };
    let error_map: Rc<ErrorMap> = Rc::new(errors.iter().map(|e| (e.path.clone(), describe(&form, e, lang))).collect());
    let items: Vec<SummaryItem> = errors
        .iter()
        .map(|e| SummaryItem {
            target: e.path.input_id(),
            message: error_map.get(&e.path).cloned().unwrap_or_default(),
        })
        .collect();

    let visible = visible_sections(&form, &answers);
    let step = visible.iter().position(|s| s.id == section.id).map(|i| i + 1);
    let from_check = props.change.is_some();

    let scope = Scope { form: &answers, row: None };
    let shown: Vec<&tokhai_core::schema::Field> = section.fields.iter().filter(|f| field_shown(f, &scope)).collect();
    let one_at_a_time = assisted && shown.len() > 1;
    let current = (*question).min(shown.len().saturating_sub(1));
    let current_id = shown.get(current).map(|f| f.id.clone());
    let last_question = current + 1 >= shown.len();

    let onsubmit = {
        let section = section.clone();
        let question = question.clone();
        let current_id = current_id.clone();
        let answers = answers.clone();
        let form = form.clone();
        let navigator = navigator.clone();
        let attempted = attempted.clone();
        let attempt = attempt.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut errs = validate_section_in(&form, &section, &answers, clock::today());
            if one_at_a_time {
                // Only the question on screen is checked before the next one.
                if let Some(id) = &current_id {
                    errs.retain(|e| e.path.within(id));
                }
                if errs.is_empty() && !last_question {
                    attempted.set(None);
                    question.set(current + 1);
                    dom::focus_id_later("page-title");
                    return;
                }
            }
            if !errs.is_empty() {
                attempted.set(Some(errs.into_iter().map(|e| e.path).collect()));
                attempt.bump();
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
    let fields = shown.iter().enumerate().filter(|(i, _)| !one_at_a_time || *i == current).map(|(_, f)| {
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
        let offered = state.offered.get(&f.id).cloned();
        // Household prefill: only after consent, from the verified claims.
        let people: Rc<Vec<_>> = match (&claims, state.consent) {
            (Some(c), Some(true)) => Rc::new(people_for(f, &c.citizen).into_iter().cloned().collect()),
            _ => Rc::default(),
        };
        html! {
            <div key={f.id.clone()} class="tk-question" data-field={f.id.clone()}>
                <FieldView field={Rc::new((*f).clone())} path={FieldPath::field(&f.id)} form={form_id.clone()}
                    value={answers.get(&f.id).cloned()} errors={error_map.clone()}
                    answers={answers.clone()} {lang} {on_change} {source} {locked} {on_correct} {correction} {offered} {people}
                    origin={state.origin.get(&f.id).copied()} />
                if assisted {
                    <details class="tk-why">
                        <summary>{ k(K::Why, lang) }</summary>
                        <p class="tk-body">{ why(f, lang) }</p>
                    </details>
                }
            </div>
        }
    });
    // The other national databases this section's questions come from: a
    // picker where one holds several records of the citizen, a note where
    // one gave nothing usable (those answers are typed).
    let here: BTreeSet<Source> = shown
        .iter()
        .filter_map(|f| f.prefill.as_ref().map(|p| p.source))
        .filter(|s| *s != Source::Population && state.sources.consented.contains(s))
        .collect();
    let source_notes = here.iter().filter_map(|s| state.unanswered.get(s).map(|why| (*s, *why))).map(|(s, why)| {
        let key = if why == Unanswered::Refused { Ui::SourceRefused } else { Ui::SourceUnanswered };
        html! {
            <div class="tk-inline-alert" role="status" id={format!("source-note-{}", s.key())}>
                <p>{ ui(key, lang).replace("{source}", s.name().get(lang)) }</p>
            </div>
        }
    });
    let pickers = match &claims {
        Some(c) => here
            .iter()
            .filter(|s| s.multiple() && !state.sources.picks.contains_key(*s))
            .filter_map(|s| {
                let mine: Vec<Record> = records_of(&state.sources.records, *s, &c.sub).into_iter().cloned().collect();
                (mine.len() > 1).then_some((*s, mine))
            })
            .map(|(s, records)| {
                let on_pick = {
                    let (store, form, claims, all, picks) = (
                        store.clone(),
                        form.clone(),
                        c.clone(),
                        state.sources.records.clone(),
                        state.sources.picks.clone(),
                    );
                    Callback::from(move |id: String| {
                        let mut picks = picks.clone();
                        picks.insert(s, id.clone());
                        store.dispatch(Action::Pick { form: form.id.clone(), source: s, id });
                        crate::hooks::use_sources::fill(&store, &form, &claims, s, all.clone(), &picks);
                    })
                };
                html! { <RecordPicker source={s} {records} {lang} {on_pick} /> }
            })
            .collect::<Vec<Html>>(),
        None => vec![],
    };
    // A dossier waiting in the outbox is sent as confirmed: its answers are
    // shown but closed (a disabled fieldset) until it is taken out of the queue.
    let waiting = state.outbox.is_some();
    let unqueue = {
        let (store, form) = (store.clone(), form_id.clone());
        Callback::from(move |_| {
            store.dispatch(Action::Unqueue { form: form.clone() });
            dom::focus_id_later("page-title");
        })
    };
    // A birth or death registration: the hospital's electronic certificate,
    // offered before its details are typed and where its upload is asked.
    let certificate = CertKind::of_form(&form).filter(|k| k.offered_on(&section)).filter(|_| !waiting).map(|kind| {
        let on_use = {
            let (store, form) = (store.clone(), form_id.clone());
            Callback::from(move |given: tokhai_core::Answers| {
                for (field, answer) in given {
                    store.dispatch(Action::Set { form: form.clone(), field, answer: Some(answer) });
                }
                dom::focus_id_later("certificate-used");
            })
        };
        let on_clear = {
            let (store, form) = (store.clone(), form_id.clone());
            Callback::from(move |_| {
                store.dispatch(Action::Set { form: form.clone(), field: kind.code_field().to_string(), answer: None });
                dom::focus_id_later("certificate-title");
            })
        };
        html! { <CertificateOffer {kind} answers={answers.clone()} {lang} {on_use} {on_clear} /> }
    });
    let step_text = step
        .map(|n| ui(Ui::StepOf, lang).replace("{n}", &n.to_string()).replace("{total}", &visible.len().to_string()));
    html! {
        <>
            <Link<Route> to={back} classes="tk-back">{ ui(Ui::Back, lang) }</Link<Route>>
            <ErrorSummary items={items} attempt={attempt.count()} {lang} />
            <form class="tk-form" method="post" novalidate=true {onsubmit}>
                <span class="tk-caption">{ form.title.get(lang) }{ step_text.map(|s| format!(" · {s}")) }</span>
                <h1 class="tk-h1" id="page-title" tabindex="-1">{ section.title.get(lang) }</h1>
                if one_at_a_time {
                    <p class="tk-caption" id="question-count">
                        { k(K::Question, lang).replace("{n}", &(current + 1).to_string()).replace("{total}", &shown.len().to_string()) }
                    </p>
                }
                if let Some(intro) = &section.intro { <p class="tk-body">{ intro.get(lang) }</p> }
                { for source_notes }
                { for pickers }
                if let Some(c) = certificate { { c } }
                if waiting {
                    <div class="tk-panel tk-panel--waiting" id="outbox-frozen" role="status">
                        <p class="tk-body">{ k(K::WaitingLocked, lang) }</p>
                        <button type="button" class="tk-button tk-button--secondary" id="unqueue" onclick={unqueue}>
                            { k(K::Unqueue, lang) }
                        </button>
                    </div>
                    <fieldset class="tk-frozen" disabled=true>{ for fields }</fieldset>
                } else {
                    { for fields }
                }
                <SaveStatus />
                <div class="tk-actions">
                    <button type="submit" class="tk-button" id="continue">
                        { if one_at_a_time && !last_question { k(K::NextQuestion, lang) } else { ui(Ui::Continue, lang) } }
                    </button>
                    if one_at_a_time && current > 0 {
                        <button type="button" class="tk-button tk-button--secondary" id="previous-question"
                            onclick={let q = question.clone(); Callback::from(move |_| { q.set(current - 1); dom::focus_id_later("page-title"); })}>
                            { k(K::PrevQuestion, lang) }
                        </button>
                    }
                </div>
            </form>
        </>
    }
}
