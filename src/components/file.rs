//! File attachment: type and size are checked in the browser before a file is
//! kept (in memory for now; see `services::files`).

use super::field::{error_html, hint_html, label_html, FieldProps, Ids};
use crate::hooks::use_portal::use_portal;
use crate::services::files;
use crate::state::use_claims;
use tokhai_core::journey::human_size;
use tokhai_core::messages::results::{r, R};
use tokhai_core::messages::{error_message, file_types, ui, Ui};
use tokhai_core::results::{peek, stored_meta, ResultDoc, ResultKind};
use tokhai_core::validate::file_problem;
use tokhai_core::{Answer, ErrorKey, FileMeta, Lang};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`StoredOffer`].
#[derive(Properties, PartialEq)]
struct StoredOfferProps {
    kinds: Vec<ResultKind>,
    path: String,
    current: Vec<FileMeta>,
    on_change: Callback<Option<Answer>>,
    lang: Lang,
}

/// "Dùng giấy tờ trong kho": the signed-in citizen's stored results of the
/// kinds this field accepts, each given as a reference instead of an upload.
/// (The one field widget that reads context: the citizen's data store.)
#[function_component(StoredOffer)]
fn stored_offer(props: &StoredOfferProps) -> Html {
    let lang = props.lang;
    let claims = use_claims();
    let portal = use_portal();
    // Read once per change of the portal's record, not on every keystroke of the page.
    let stored = use_memo(
        (portal.map(|p| p.view), claims.map(|c| c.sub.clone()), props.kinds.clone()),
        |(view, sub, kinds)| -> Vec<(ResultDoc, usize)> {
            let (Some(view), Some(sub)) = (view, sub) else { return vec![] };
            view.results_of(sub)
                .into_iter()
                .filter_map(|(_, issued)| peek(&issued.file).map(|d| (d, issued.file.len())))
                .filter(|(d, _)| kinds.contains(&d.kind))
                .collect()
        },
    );
    let docs: Vec<(ResultDoc, usize)> = stored
        .iter()
        .filter(|(d, _)| !props.current.iter().any(|f| f.stored.as_deref() == Some(d.number.as_str())))
        .cloned()
        .collect();
    if docs.is_empty() {
        return html! {};
    }
    let base = format!("stored-{}", props.path.replace(['.', '[', ']'], "-"));
    let items = docs.into_iter().enumerate().map(|(i, (doc, len))| {
        let (cb, current) = (props.on_change.clone(), props.current.clone());
        let meta = stored_meta(&doc, len);
        let onclick = Callback::from(move |_| {
            let mut next = current.clone();
            next.push(meta.clone());
            cb.emit(Some(Answer::Files(next)));
        });
        html! {
            <li class="tk-files__item">
                <span>{ format!("{} — {} {}", doc.title.get(lang), r(R::Number, lang), doc.number) }<br />
                    <span class="tk-hint">{ doc.issuer.name.get(lang) }{ ", " }{ &doc.date }</span></span>
                <button type="button" class="tk-button tk-button--secondary" id={format!("{base}-{i}")} {onclick}>{ r(R::UseThis, lang) }</button>
            </li>
        }
    });
    html! {
        <div class="tk-picker" id={base.clone()} role="group" aria-labelledby={format!("{base}-title")}>
            <p class="tk-label" id={format!("{base}-title")}>{ r(R::UseStored, lang) }</p>
            <p class="tk-hint">{ r(R::UseStoredHint, lang) }</p>
            <ul class="tk-files">{ for items }</ul>
            <p class="tk-hint">{ r(R::OrUpload, lang) }</p>
        </div>
    }
}

/// A file picker with the list of attached files.
#[function_component(FileInput)]
pub fn file_input(props: &FieldProps) -> Html {
    let field = props.field.clone();
    let lang = props.lang;
    let path = props.path.to_string();
    let form = props.form.to_string();
    let ids = Ids::of(&props.path);
    let max_files = field.max_files.unwrap_or(1) as usize;
    let rules = ui(Ui::FileRules, lang)
        .replace("{types}", &file_types(&field.accept))
        .replace("{size}", &human_size(field.max_bytes.unwrap_or(0)));
    let hint = Some(match &field.hint {
        Some(h) => format!("{} {rules}", h.get(lang)),
        None => rules,
    });
    let local_error = use_state(|| None::<String>);
    let error = (*local_error).clone().or_else(|| props.errors.get(&props.path).cloned());
    let current: Vec<FileMeta> = match &props.value {
        Some(Answer::Files(f)) => f.clone(),
        _ => vec![],
    };
    let onchange = {
        let cb = props.on_change.clone();
        let current = current.clone();
        let local_error = local_error.clone();
        let field = field.clone();
        let (form, path) = (form.clone(), path.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
            let Some(list) = input.files() else { return };
            let mut next = current.clone();
            let mut problem = None;
            for i in 0..list.length() {
                let Some(file) = list.get(i) else { continue };
                let meta = FileMeta {
                    name: file.name(),
                    size: file.size() as u64,
                    mime: file.type_(),
                    stored: None,
                    upload: None,
                };
                if next.len() >= max_files {
                    problem = Some(ErrorKey::TooManyFiles { max: max_files as u32 });
                } else if let Some(p) = file_problem(&field, &meta.mime, meta.size) {
                    problem = Some(p);
                } else {
                    files::keep(&form, &path, &meta, file);
                    next.push(meta);
                }
            }
            input.set_value("");
            local_error.set(problem.map(|p| error_message(&p, &field, &|id| id.to_string(), lang)));
            cb.emit((!next.is_empty()).then_some(Answer::Files(next)));
        })
    };
    let items = current.iter().enumerate().map(|(i, f)| {
        let cb = props.on_change.clone();
        let current = current.clone();
        let (form, path) = (form.clone(), path.clone());
        let onclick = Callback::from(move |_| {
            let mut next = current.clone();
            let gone = next.remove(i);
            files::drop_file(&form, &path, &gone);
            cb.emit((!next.is_empty()).then_some(Answer::Files(next)));
        });
        let shown = match &f.stored {
            Some(_) => format!("{} ({})", f.name, r(R::FromStore, lang)),
            None => format!("{} ({})", f.name, human_size(f.size)),
        };
        html! {
            <li class="tk-files__item">
                <span>{ shown }</span>
                <button type="button" class="tk-link-button" {onclick}>{ ui(Ui::RemoveFile, lang).replace("{name}", &f.name) }</button>
            </li>
        }
    });
    html! {
        <div class={classes!("tk-field", error.as_ref().map(|_| "tk-field--error"))}>
            <label class="tk-label" for={ids.input.clone()}>{ label_html(&field, lang) }</label>
            { hint_html(&ids, &hint, props) }
            { error_html(&ids.error, error.as_ref(), lang) }
            if !current.is_empty() { <ul class="tk-files">{ for items }</ul> }
            if current.len() < max_files && !field.reuse.is_empty() {
                <StoredOffer kinds={field.reuse.clone()} path={path.clone()} current={current.clone()} on_change={props.on_change.clone()} {lang} />
            }
            if current.len() < max_files {
                <input id={ids.input.clone()} type="file" class="tk-file" accept={field.accept.join(",")}
                    multiple={max_files > 1}
                    aria-describedby={ids.described_by(true, error.is_some())}
                    aria-invalid={error.as_ref().map(|_| "true")} {onchange} />
            }
        </div>
    }
}
