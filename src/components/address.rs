//! Address in the two-level structure (since 1 July 2025): province, then ward
//! or commune (fetched for that province only), then street and house number.

use super::field::{error_html, has_hint, hint_html, hint_text, label_html, FieldProps, Ids};
use crate::services::units;
use std::rc::Rc;
use tokhai_core::messages::{ui, Ui};
use tokhai_core::units::Unit;
use tokhai_core::{Address, Answer};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Clone, PartialEq)]
enum Wards {
    None,
    Loading,
    Ready(Rc<Vec<Unit>>),
    Failed,
}

/// Province → ward → street.
#[function_component(AddressInput)]
pub fn address_input(props: &FieldProps) -> Html {
    let lang = props.lang;
    let field = &props.field;
    let path = &props.path;
    let ids = Ids::of(path);
    let (pid, wid, sid) = (Ids::of(&path.part("province")), Ids::of(&path.part("ward")), Ids::of(&path.part("street")));
    let hint = hint_text(field, lang);
    let sub = |part: &str| props.errors.get(&path.part(part)).cloned();
    let (pe, we, se) = (sub("province"), sub("ward"), sub("street"));
    let any_error = pe.is_some() || we.is_some() || se.is_some();
    let addr = match &props.value {
        Some(Answer::Address(a)) => a.clone(),
        _ => Address::default(),
    };

    let wards = use_state(|| Wards::None);
    let retry = use_state(|| 0u32);
    {
        let wards = wards.clone();
        use_effect_with((addr.province.clone(), *retry), move |(province, _)| {
            if province.is_empty() {
                wards.set(Wards::None);
            } else if let Some(w) = units::cached_wards(province) {
                wards.set(Wards::Ready(w));
            } else {
                wards.set(Wards::Loading);
                let province = province.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    wards.set(match units::wards(&province).await {
                        Ok(w) => Wards::Ready(w),
                        Err(_) => Wards::Failed,
                    });
                });
            }
        });
    }

    let emit = {
        let cb = props.on_change.clone();
        move |a: Address| cb.emit(Some(Answer::Address(a)))
    };
    let provinces = units::provinces();
    let on_province = {
        let emit = emit.clone();
        let provinces = provinces.clone();
        let street = addr.street.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<HtmlSelectElement>() {
                let code = el.value();
                let name = provinces.iter().find(|p| p.code == code).map(|p| p.name.clone()).unwrap_or_default();
                emit(Address { province: code, province_name: name, street: street.clone(), ..Address::default() });
            }
        })
    };
    let on_ward = {
        let emit = emit.clone();
        let addr = addr.clone();
        let wards = wards.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<HtmlSelectElement>() {
                let code = el.value();
                let name = match &*wards {
                    Wards::Ready(list) => {
                        list.iter().find(|w| w.code == code).map(|w| w.name.clone()).unwrap_or_default()
                    }
                    _ => String::new(),
                };
                emit(Address { ward: code, ward_name: name, ..addr.clone() });
            }
        })
    };
    let on_street = {
        let emit = emit.clone();
        let addr = addr.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
                emit(Address { street: el.value(), ..addr.clone() });
            }
        })
    };
    let on_retry = {
        let retry = retry.clone();
        Callback::from(move |_| retry.set(*retry + 1))
    };

    let ward_options = match &*wards {
        Wards::Ready(list) => html! {
            <>
                <option value="" selected={addr.ward.is_empty()}>{ ui(Ui::ChooseWard, lang) }</option>
                { for list.iter().map(|w| html! {
                    <option value={w.code.clone()} selected={w.code == addr.ward}>{ &w.name }</option>
                }) }
            </>
        },
        Wards::Loading => html! { <option value="">{ ui(Ui::LoadingWards, lang) }</option> },
        _ => html! { <option value="">{ ui(Ui::ChooseProvinceFirst, lang) }</option> },
    };
    let select_class = |e: &Option<String>| classes!("tk-select", e.as_ref().map(|_| "tk-input--error"));
    html! {
        <div class={classes!("tk-field", any_error.then_some("tk-field--error"))}>
            <fieldset class="tk-fieldset" aria-describedby={ids.described_by(has_hint(&hint, props.source), false)}>
                <legend class="tk-legend">{ label_html(field, lang) }</legend>
                { hint_html(&ids, &hint, props) }
                <div class="tk-field tk-field--sub">
                    <label class="tk-label" for={pid.input.clone()}>{ ui(Ui::Province, lang) }</label>
                    { error_html(&pid.error, pe.as_ref(), lang) }
                    <select id={pid.input.clone()} class={select_class(&pe)} autocomplete="address-level1"
                        aria-describedby={pid.described_by(false, pe.is_some())} aria-invalid={pe.as_ref().map(|_| "true")}
                        onchange={on_province}>
                        <option value="" selected={addr.province.is_empty()}>{ ui(Ui::ChooseProvince, lang) }</option>
                        { for provinces.iter().map(|p| html! {
                            <option value={p.code.clone()} selected={p.code == addr.province}>{ &p.name }</option>
                        }) }
                    </select>
                </div>
                <div class="tk-field tk-field--sub">
                    <label class="tk-label" for={wid.input.clone()}>{ ui(Ui::Ward, lang) }</label>
                    { error_html(&wid.error, we.as_ref(), lang) }
                    if *wards == Wards::Failed {
                        <div class="tk-inline-alert" role="alert">
                            <p>{ ui(Ui::WardsFailed, lang) }</p>
                            <button type="button" class="tk-button tk-button--secondary" onclick={on_retry}>{ ui(Ui::Retry, lang) }</button>
                        </div>
                    }
                    <select id={wid.input.clone()} class={select_class(&we)} autocomplete="address-level2"
                        disabled={!matches!(*wards, Wards::Ready(_))}
                        aria-busy={(*wards == Wards::Loading).then_some("true")}
                        aria-describedby={wid.described_by(false, we.is_some())} aria-invalid={we.as_ref().map(|_| "true")}
                        onchange={on_ward}>
                        { ward_options }
                    </select>
                </div>
                <div class="tk-field tk-field--sub">
                    <label class="tk-label" for={sid.input.clone()}>{ ui(Ui::Street, lang) }</label>
                    { error_html(&sid.error, se.as_ref(), lang) }
                    <input id={sid.input.clone()} class={classes!("tk-input", se.as_ref().map(|_| "tk-input--error"))}
                        type="text" autocomplete="street-address"
                        aria-describedby={sid.described_by(false, se.is_some())} aria-invalid={se.as_ref().map(|_| "true")}
                        value={(!addr.street.is_empty()).then(|| addr.street.clone())} oninput={on_street} />
                </div>
            </fieldset>
        </div>
    }
}
