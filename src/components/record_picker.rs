//! "Which vehicle is this form about?": where a national database holds
//! several records of the citizen (two vehicles, three parcels, two
//! businesses), they pick one and its answers fill together.

use tokhai_core::messages::{ui, Ui};
use tokhai_core::sources::{Record, Source};
use tokhai_core::Lang;
use yew::prelude::*;

/// Props of [`RecordPicker`].
#[derive(Properties, PartialEq, Clone)]
pub struct RecordPickerProps {
    /// The database.
    pub source: Source,
    /// The citizen's records in it (two or more).
    pub records: Vec<Record>,
    /// Interface language.
    pub lang: Lang,
    /// The id of the record picked.
    pub on_pick: Callback<String>,
}

/// The records as radios, and a button that fills the form from the one chosen.
#[function_component(RecordPicker)]
pub fn record_picker(props: &RecordPickerProps) -> Html {
    let lang = props.lang;
    let chosen = use_state(|| props.records.first().map(|r| r.id.clone()).unwrap_or_default());
    let base = format!("pick-{}", props.source.key());
    let legend = ui(Ui::PickRecordLegend, lang)
        .replace("{source}", props.source.name().get(lang))
        .replace("{n}", &props.records.len().to_string());
    let radios = props.records.iter().enumerate().map(|(i, r)| {
        let id = format!("{base}-{i}");
        let onchange = {
            let (chosen, rid) = (chosen.clone(), r.id.clone());
            Callback::from(move |_| chosen.set(rid.clone()))
        };
        html! {
            <div class="tk-radio">
                <input type="radio" class="tk-radio__input" id={id.clone()} name={base.clone()} value={r.id.clone()}
                    checked={*chosen == r.id} {onchange} />
                <label class="tk-radio__label" for={id}>{ r.display() }</label>
            </div>
        }
    });
    let onclick = {
        let (chosen, on_pick) = (chosen.clone(), props.on_pick.clone());
        Callback::from(move |_| on_pick.emit((*chosen).clone()))
    };
    html! {
        <div class="tk-picker" id={base.clone()}>
            <fieldset class="tk-fieldset">
                <legend class="tk-legend">{ legend }</legend>
                <div class="tk-choices">{ for radios }</div>
            </fieldset>
            <button type="button" class="tk-button tk-button--secondary" id={format!("{base}-use")} {onclick}>
                { ui(Ui::PickRecordButton, lang) }
            </button>
        </div>
    }
}
