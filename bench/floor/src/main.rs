//! The smallest yew app with a router: what every page of Tờ Khai pays
//! before any of its own code (bench/floor.sh).
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Clone, PartialEq, Routable)]
enum Route {
    #[at("/")]
    Home,
    #[at("/khai/:form")]
    Form { form: String },
    #[not_found]
    #[at("/khong-tim-thay")]
    NotFound,
}

#[function_component(Home)]
fn home() -> Html {
    let count = use_state(|| 0u32);
    let onclick = {
        let count = count.clone();
        Callback::from(move |_| count.set(*count + 1))
    };
    html! {
        <main>
            <h1>{ "Tờ Khai" }</h1>
            <button type="button" {onclick}>{ *count }</button>
            <Link<Route> to={Route::Form { form: "dang-ky-thuong-tru".into() }}>{ "CT01" }</Link<Route>>
        </main>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::Form { form } => html! { <p>{ form }</p> },
        Route::NotFound => html! { <p>{ "404" }</p> },
    }
}

#[function_component(App)]
fn app() -> Html {
    html! { <BrowserRouter><Switch<Route> render={switch} /></BrowserRouter> }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
