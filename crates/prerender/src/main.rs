//! Prerenders the pages that need no identity into Trunk's staging folder,
//! after the final `index.html` exists (Trunk's `post_build` hook,
//! `scripts/post-build.sh`, once the whole app's bundle is named in it):
//!
//! | address | file |
//! |---|---|
//! | `/` | `index.html` |
//! | `/dich-vu/{id}` | `dich-vu/{id}/index.html` |
//! | `/khai/{id}/{first section}` | `khai/{id}/{section}/index.html` |
//! | any address the app does not know | `404.html` (the not-found page) |
//! | every other address (signed-in pages) | `shell.html` (the app, rendered in the browser) |
//!
//! Each page is rendered by the app's own components (`tokhai::app::ServerApp`,
//! yew's `ssr`) as a signed-out visitor sees it, with the data it needs
//! embedded (the form definition, or the catalogue) so the app hydrates it
//! without another request. Nothing personal is ever in these files.
//!
//! `cargo run -p tokhai-prerender [-- DIR]`: DIR defaults to
//! `$TRUNK_STAGING_DIR`, else `dist`.

use std::path::{Path, PathBuf};
use tokhai::app::{ServerApp, ServerAppProps};
use tokhai::services::forms;
use tokhai_core::catalog::CatalogEntry;
use tokhai_core::messages::{ui, Ui};
use tokhai_core::{FormDef, Lang};
use yew::LocalServerRenderer;

/// One page to write.
struct Page {
    url: String,
    file: PathBuf,
    title: String,
    description: Option<String>,
    /// (`data-tk` kind, JSON text) embedded for the app, and known to the render.
    data: Vec<(&'static str, String)>,
    /// Known to the render but fetched by the page (`<html data-needs>`),
    /// where embedding would cost more than a request beside the wasm.
    needs: Vec<(&'static str, String)>,
}

fn main() {
    let dir =
        std::env::args().nth(1).or_else(|| std::env::var("TRUNK_STAGING_DIR").ok()).unwrap_or_else(|| "dist".into());
    let dir = PathBuf::from(dir);
    if let Err(e) = run(&dir) {
        eprintln!("prerender: {e}");
        std::process::exit(1);
    }
}

fn read(p: &Path) -> Result<String, String> {
    std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn pages(dir: &Path) -> Result<Vec<Page>, String> {
    let catalog_text = read(&dir.join("forms/catalog.json"))?;
    let catalog: Vec<CatalogEntry> = serde_json::from_str(&catalog_text).map_err(|e| format!("catalog: {e}"))?;
    let vi = Lang::Vi;
    let mut out = vec![Page {
        url: "/".into(),
        file: "index.html".into(),
        title: ui(Ui::HomeTitle, vi).into(),
        description: None,
        // The catalogue (28 KB brotli) comes beside the wasm, not before the search box.
        data: vec![],
        needs: vec![("catalog", catalog_text.clone())],
    }];
    for c in &catalog {
        out.push(Page {
            url: format!("/dich-vu/{}", c.id),
            file: PathBuf::from(format!("dich-vu/{}/index.html", c.id)),
            title: c.name.get(vi).to_string(),
            description: Some(format!("{} — {}", c.name.get(vi), c.agency.get(vi))),
            data: vec![("entry", serde_json::to_string(c).map_err(|e| e.to_string())?)],
            needs: vec![],
        });
        let text = read(&dir.join(format!("forms/{}.json", c.id)))?;
        let def: FormDef = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", c.id))?;
        let first = def.sections.first().ok_or_else(|| format!("{}: no section", c.id))?;
        out.push(Page {
            url: format!("/khai/{}/{}", c.id, first.id),
            file: PathBuf::from(format!("khai/{}/{}/index.html", c.id, first.id)),
            title: first.title.get(vi).to_string(),
            description: Some(def.title.get(vi).to_string()),
            data: vec![("form", text)],
            needs: vec![],
        });
    }
    out.push(Page {
        url: "/khong-tim-thay".into(),
        file: "404.html".into(),
        title: ui(Ui::NotFoundTitle, vi).into(),
        description: None,
        data: vec![],
        needs: vec![],
    });
    Ok(out)
}

/// JSON inside `<script type="application/json">`: no `<` can end the element.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

fn attr_safe(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}

/// The root element in `index.html`, quoted or not (Trunk's minifier drops quotes).
fn find_root(template: &str) -> Option<(usize, usize)> {
    for pat in [r#"<div id="tk-app"></div>"#, "<div id=tk-app></div>"] {
        if let Some(i) = template.find(pat) {
            return Some((i, i + pat.len()));
        }
    }
    None
}

/// The `content` value of `<meta name=description …>`, as a byte range.
fn description_range(html: &str) -> Option<(usize, usize)> {
    let name = html.find("name=description").or_else(|| html.find("name=\"description\""))?;
    let start = html[..name].rfind("<meta")?;
    let end = start + html[start..].find('>')?;
    let tag = &html[start..end];
    let c = tag.find("content=\"")? + "content=\"".len();
    let len = tag[c..].find('"')?;
    Some((start + c, start + c + len))
}

/// yew's component markers without the component's name: this binary is
/// built with debug assertions, so yew writes `<!--<[tokhai::app::Root]>-->`
/// around every component, where hydration reads only the marker's shape
/// (`<!--<[]>-->`, yew's `Fragment::collect_between`). The names are 4–9 KB
/// of every page, for nothing.
fn unnamed_markers(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("<!--<") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let open = ["<!--<[", "<!--</["].into_iter().find(|o| tail.starts_with(o));
        match open.and_then(|o| tail[o.len()..].find("]>-->").map(|end| (o, o.len() + end))) {
            Some((o, end)) => {
                out.push_str(o);
                out.push_str("]>-->");
                rest = &tail[end + "]>-->".len()..];
            }
            None => {
                out.push_str("<!--<");
                rest = &tail["<!--<".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn page_html(template: &str, page: &Page, body: &str) -> Result<String, String> {
    let (a, b) = find_root(template).ok_or("index.html has no <div id=\"tk-app\"></div>")?;
    let data: String = page
        .data
        .iter()
        .map(|(kind, json)| {
            format!(r#"<script type="application/json" data-tk="{kind}">{}</script>"#, script_safe(json))
        })
        .collect();
    let mut html = format!(r#"{}<div id="tk-app">{body}</div>{data}{}"#, &template[..a], &template[b..]);
    let at = html.find("<html").ok_or("index.html has no <html>")? + "<html".len();
    let needs: Vec<&str> = page.needs.iter().map(|(k, _)| *k).collect();
    let needs = if needs.is_empty() { String::new() } else { format!(" data-needs=\"{}\"", needs.join(" ")) };
    html.insert_str(at, &format!(" data-route=\"{}\"{needs}", attr_safe(&page.url)));
    if let (Some(a), Some(b)) = (html.find("<title>"), html.find("</title>")) {
        let title = format!("<title>{} – Tờ Khai</title>", attr_safe(&page.title));
        html.replace_range(a..b + "</title>".len(), &title);
    }
    if let (Some(d), Some((a, b))) = (&page.description, description_range(&html)) {
        html.replace_range(a..b, &attr_safe(d));
    }
    Ok(html)
}

fn run(dir: &Path) -> Result<(), String> {
    let template = read(&dir.join("index.html"))?;
    // Every address without a page of its own: the app, rendered in the browser.
    std::fs::write(dir.join("shell.html"), &template).map_err(|e| e.to_string())?;
    let pages = pages(dir)?;
    let rt = tokio::runtime::Builder::new_current_thread().build().map_err(|e| e.to_string())?;
    let local = tokio::task::LocalSet::new();
    let rendered = local.block_on(&rt, async {
        let mut out = Vec::new();
        for page in &pages {
            // Only what the page embeds is known, as in the browser.
            forms::clear();
            for (kind, json) in page.data.iter().chain(&page.needs) {
                let ok = match *kind {
                    "form" => forms::insert(json).is_ok(),
                    "entry" => forms::insert_entry(json).is_ok(),
                    _ => forms::insert_catalog(json).is_ok(),
                };
                if !ok {
                    return Err(format!("{}: embedded {kind} does not load", page.url));
                }
            }
            let body = LocalServerRenderer::<ServerApp>::with_props(ServerAppProps { url: page.url.clone().into() })
                .render()
                .await;
            out.push(unnamed_markers(&body));
        }
        Ok(out)
    })?;
    for (page, body) in pages.iter().zip(rendered) {
        let path = dir.join(&page.file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&path, page_html(&template, page, &body)?).map_err(|e| e.to_string())?;
    }
    eprintln!("prerender: {} pages into {}", pages.len(), dir.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::unnamed_markers;

    #[test]
    fn markers_lose_their_names_and_nothing_else() {
        let body =
            "<!--<[a::B<c::D>]>--><p>x &lt;!--&lt;[y]&gt;</p><!--<#>-->t<!--</#>--><!--</[a::B<c::D>]>--><!-- note -->";
        assert_eq!(
            unnamed_markers(body),
            "<!--<[]>--><p>x &lt;!--&lt;[y]&gt;</p><!--<#>-->t<!--</#>--><!--</[]>--><!-- note -->"
        );
        assert_eq!(unnamed_markers("<!--<[unclosed"), "<!--<[unclosed");
    }
}
