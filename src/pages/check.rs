//! Check your answers: every applicable answer with a change link to its page.
//! Confirming validates the whole form again.

use crate::components::error_summary::SummaryItem;
use crate::components::ErrorSummary;
use crate::routes::Route;
use crate::components::form_gate::FormGate;
use crate::services::{clock, dom};
use std::rc::Rc;
use crate::state::{use_lang, use_store};
use tokhai_core::journey::summary;
use tokhai_core::messages::{describe, field_at_path, ui, Ui};
use tokhai_core::validate::validate_form;
use tokhai_core::FormDef;
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
    let failed = use_state(|| 0u32);
    use_effect_with(lang, move |l| {
        dom::set_title(ui(Ui::CheckAnswersTitle, *l));
        dom::scroll_top();
        dom::focus_id("page-title");
    });
    let form = props.form.clone();
    let (Some(store), Some(navigator)) = (store, navigator) else {
        return html! { <super::not_found::NotFound /> };
    };
    let answers = store.answers(&form.id);
    let rows = summary(&form, &answers, lang);
    // Which section holds each top-level field, for change links and errors.
    let section_of = |field: &str| {
        form.sections.iter().find(|s| s.fields.iter().any(|f| f.id == field)).map(|s| s.id.clone()).unwrap_or_default()
    };
    let errors = if *failed > 0 { validate_form(&form, &answers, clock::today()) } else { vec![] };
    let items: Vec<SummaryItem> = errors
        .iter()
        .map(|e| SummaryItem { target: e.path.clone(), message: describe(&form, e, lang) })
        .collect();
    let on_follow = {
        let navigator = navigator.clone();
        let form = form.clone();
        Callback::from(move |item: SummaryItem| {
            let top = item.target.split('.').next().unwrap_or_default().to_string();
            let section = form.sections.iter().find(|s| s.fields.iter().any(|f| f.id == top)).map(|s| s.id.clone());
            if let (Some(section), Some(_)) = (section, field_at_path(&form, &item.target)) {
                navigator.push(&Route::Change { form: form.id.clone(), section, field: item.target.clone() });
            }
        })
    };
    let onclick = {
        let form = form.clone();
        let answers = answers.clone();
        let failed = failed.clone();
        let navigator = navigator.clone();
        Callback::from(move |_| {
            if validate_form(&form, &answers, clock::today()).is_empty() {
                navigator.push(&Route::NotYet { form: form.id.clone() });
            } else {
                failed.set(*failed + 1);
            }
        })
    };
    let sections = rows.into_iter().map(|s| {
        let list = s.rows.into_iter().map(|r| {
            let to = Route::Change { form: form.id.clone(), section: section_of(&r.field), field: r.field.clone() };
            html! {
                <div class="tk-summary__row">
                    <dt class="tk-summary__key">{ &r.label }</dt>
                    <dd class="tk-summary__value">{ for r.lines.iter().map(|l| html! { <p>{ l }</p> }) }</dd>
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
    html! {
        <>
            <ErrorSummary {items} attempt={*failed} {lang} on_follow={Some(on_follow)} />
            <span class="tk-caption">{ form.title.get(lang) }</span>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ ui(Ui::CheckAnswersTitle, lang) }</h1>
            <p class="tk-body">{ ui(Ui::CheckAnswersIntro, lang) }</p>
            { for sections }
            <button type="button" class="tk-button" {onclick}>{ ui(Ui::ConfirmAndSend, lang) }</button>
        </>
    }
}
