//! Consent before a form is first prefilled: exactly which data, by group, will
//! be copied from the population database, with the values themselves. Agree
//! fills them in; decline means typing, never a dead end.

use crate::components::form_gate::FormGate;
use crate::hooks::use_page_title;
use crate::hooks::use_sources::ask_all;
use crate::routes::Route;
use crate::state::{use_claims, use_lang, use_store, Action};
use std::collections::BTreeSet;
use std::rc::Rc;
use tokhai_core::journey::{display_lines, Scope};
use tokhai_core::messages::{claim_group, ui, Ui};
use tokhai_core::prefill::{consent_groups, consent_sources, prefill, Asked};
use tokhai_core::sources::Source;
use tokhai_core::FormDef;
use yew::prelude::*;
use yew_router::prelude::*;

/// Props: the form id.
#[derive(Properties, PartialEq, Clone)]
pub struct ConsentProps {
    /// Form id.
    pub form: AttrValue,
}

/// The consent page (loads the form first).
#[function_component(Consent)]
pub fn consent(props: &ConsentProps) -> Html {
    let lang = use_lang();
    let render = Callback::from(|form: Rc<FormDef>| html! { <ConsentView {form} /> });
    html! { <FormGate form={props.form.clone()} {lang} {render} /> }
}

/// Props of [`ConsentView`].
#[derive(Properties, PartialEq, Clone)]
pub struct ConsentViewProps {
    /// The loaded form.
    pub form: Rc<FormDef>,
}

/// What will be copied, and the two choices.
#[function_component(ConsentView)]
pub fn consent_view(props: &ConsentViewProps) -> Html {
    let lang = use_lang();
    let claims = use_claims();
    let store = use_store();
    let navigator = use_navigator();
    use_page_title(ui(Ui::ConsentTitle, lang).to_string());
    let form = props.form.clone();
    // The other databases this form can use, each chosen on its own (all, until the citizen unticks one).
    let given = consent_sources(&form);
    let offered: Vec<Source> = given.keys().copied().collect();
    let chosen = use_state(|| offered.iter().copied().collect::<BTreeSet<Source>>());
    let first = Route::Section { form: form.id.clone(), section: form.sections[0].id.clone() };
    let (Some(claims), Some(store), Some(navigator)) = (claims, store, navigator) else {
        // Not signed in: nothing to copy, straight to the form.
        return html! { <Redirect<Route> to={first} /> };
    };
    let (answers, _) = prefill(&form, &claims.citizen);
    // Over the questions this citizen is shown: what the registry answers can
    // rule some out (a married citizen is not asked for divorce papers).
    let cov = Asked::of(&form, &claims.citizen, &answers);
    let scope = Scope { form: &answers, row: None };
    let groups = consent_groups(&form)
        .into_iter()
        .map(|(group, fields)| {
            let rows = fields
                .into_iter()
                .filter(|f| answers.contains_key(&f.id) || f.kind == tokhai_core::FieldKind::Group)
                .map(|f| {
                    let value = if f.kind == tokhai_core::FieldKind::Group {
                        ui(Ui::PickPeopleTitle, lang).to_string()
                    } else {
                        display_lines(f, answers.get(&f.id), &scope, lang).join(", ")
                    };
                    html! {
                        <div class="tk-summary__row">
                            <dt class="tk-summary__key">{ f.label.get(lang) }</dt>
                            <dd class="tk-summary__value">{ value }</dd>
                        </div>
                    }
                });
            html! {
                <>
                    <h3 class="tk-h3">{ claim_group(group, lang) }</h3>
                    <dl class="tk-summary">{ for rows }</dl>
                </>
            }
        })
        .collect::<Vec<Html>>();
    let sources = offered.iter().map(|source| {
        let id = format!("source-{}", source.key());
        let fields: Vec<&str> =
            given.get(source).map(|fs| fs.iter().map(|f| f.label.get(lang)).collect()).unwrap_or_default();
        let onchange = {
            let (chosen, source) = (chosen.clone(), *source);
            Callback::from(move |_| {
                let mut next = (*chosen).clone();
                if !next.remove(&source) {
                    next.insert(source);
                }
                chosen.set(next);
            })
        };
        html! {
            <div class="tk-source">
                <div class="tk-check">
                    <input type="checkbox" class="tk-check__input" id={id.clone()} checked={chosen.contains(source)}
                        aria-describedby={format!("{id}-hint")} {onchange} />
                    <label class="tk-check__label" for={id.clone()}>{ source.name().get(lang) }</label>
                </div>
                // Under the label, full width: in the flex row it squeezed the label.
                <div class="tk-hint tk-source__hint" id={format!("{id}-hint")}>
                    <p>{ ui(Ui::SourceGives, lang).replace("{fields}", &fields.join("; ")) }</p>
                    <p>{ ui(Ui::SourceKeeper, lang).replace("{agency}", source.agency().get(lang)) }</p>
                </div>
            </div>
        }
    });
    let agree = {
        let (store, navigator, form, first) = (store.clone(), navigator.clone(), form.clone(), first.clone());
        let (claims, chosen) = (claims.clone(), chosen.clone());
        Callback::from(move |_| {
            store.dispatch(Action::Prefill { form: form.id.clone(), answers: answers.clone() });
            store.dispatch(Action::Consented { form: form.id.clone(), sources: (*chosen).clone() });
            ask_all(store.clone(), form.clone(), claims.clone(), chosen.iter().copied().collect());
            navigator.push(&first);
        })
    };
    let decline = {
        let (form, first) = (form.clone(), first.clone());
        Callback::from(move |_| {
            store.dispatch(Action::Decline { form: form.id.clone() });
            store.dispatch(Action::Consented { form: form.id.clone(), sources: BTreeSet::new() });
            navigator.push(&first);
        })
    };
    let count =
        ui(Ui::PrefillCount, lang).replace("{n}", &cov.filled.to_string()).replace("{total}", &cov.fields.to_string());
    html! {
        <>
            <span class="tk-caption">{ form.title.get(lang) }</span>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ ui(Ui::ConsentTitle, lang) }</h1>
            <p class="tk-body">{ ui(Ui::ConsentIntro, lang) }</p>
            <p class="tk-notice" id="prefill-count">{ count }</p>
            <h2 class="tk-h2">{ ui(Ui::ConsentYourDetails, lang) }</h2>
            { for groups }
            if !offered.is_empty() {
                <fieldset class="tk-fieldset" id="consent-sources" aria-describedby="sources-intro">
                    <legend class="tk-legend tk-h2">{ ui(Ui::SourcesTitle, lang) }</legend>
                    <p class="tk-body" id="sources-intro">{ ui(Ui::SourcesIntro, lang) }</p>
                    { for sources }
                </fieldset>
            }
            <div class="tk-button-group">
                <button id="consent-agree" type="button" class="tk-button" onclick={agree}>{ ui(Ui::ConsentAgree, lang) }</button>
                <button id="consent-decline" type="button" class="tk-button tk-button--secondary" onclick={decline}>{ ui(Ui::ConsentDecline, lang) }</button>
            </div>
            <p class="tk-hint">{ ui(Ui::ConsentDeclineHint, lang) }</p>
        </>
    }
}
