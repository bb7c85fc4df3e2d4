//! Addresses of the app. Vietnamese slugs, no personal data ever in a URL.

use yew_router::prelude::*;

/// Every page of the app.
#[derive(Clone, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    /// The list of services.
    #[at("/")]
    Home,
    /// A service: what to prepare, fee, time, then "Bắt đầu khai".
    #[at("/dich-vu/:id")]
    Service { id: String },
    /// Sign in with VNeID (the simulator, or a pasted token).
    #[at("/dang-nhap")]
    SignIn,
    /// Consent before a form is first prefilled from the registry.
    #[at("/khai/:form/chia-se-du-lieu")]
    Consent { form: String },
    /// Start of a form: goes to its first section.
    #[at("/khai/:form")]
    Start { form: String },
    /// Check your answers.
    #[at("/khai/:form/kiem-tra")]
    Check { form: String },
    /// The declaration on its official template, with the draft's answers.
    #[at("/khai/:form/in")]
    Print { form: String },
    /// The blank official form, to fill by hand at the desk.
    #[at("/khai/:form/in-to-khai-trong")]
    PrintBlank { form: String },
    /// One section (page) of a form.
    #[at("/khai/:form/:section")]
    Section { form: String, section: String },
    /// A section opened by a change link of "check your answers": focuses
    /// `field` (a field id or error path, never an answer) and returns there.
    #[at("/khai/:form/:section/sua/:field")]
    Change { form: String, section: String, field: String },
    /// "Hồ sơ của tôi": the signed-in citizen's dossiers.
    #[at("/ho-so")]
    Dossiers,
    /// One dossier: status, what to do, timeline. The code is a reference, not personal data.
    #[at("/ho-so/:code")]
    Dossier { code: String },
    /// The receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Mẫu 01), printable.
    #[at("/ho-so/:code/bien-nhan")]
    Receipt { code: String },
    /// The declaration as the dossier was sent, on its official template.
    #[at("/ho-so/:code/in")]
    PrintDossier { code: String },
    /// The signed electronic result, checked in the browser.
    #[at("/ho-so/:code/ket-qua")]
    Result { code: String },
    /// Answer a supplement request.
    #[at("/ho-so/:code/bo-sung")]
    Supplement { code: String },
    /// Pay the fee due (simulated).
    #[at("/ho-so/:code/thanh-toan")]
    Pay { code: String },
    /// Withdraw the dossier.
    #[at("/ho-so/:code/rut-ho-so")]
    Withdraw { code: String },
    /// "Hồ sơ đang khai": drafts on this device.
    #[at("/ho-so-dang-khai")]
    Drafts,
    /// "Hỗ trợ người dân": start (or unlock) an assisted session.
    #[at("/ho-tro")]
    Assist,
    /// The clean start screen after an assisted session ended.
    #[at("/ho-tro/da-ket-thuc")]
    AssistEnded,
    /// Look a dossier up by its code.
    #[at("/tra-cuu")]
    Lookup,
    /// "Xác thực kết quả điện tử": anyone checks a result file or QR code, no sign-in.
    #[at("/xac-thuc")]
    Verify,
    /// "Kho dữ liệu của tôi": the signed results received.
    #[at("/kho-du-lieu")]
    Store,
    /// The portal inbox.
    #[at("/thong-bao")]
    Inbox,
    /// How to be told: SMS, e-mail, browser notifications.
    #[at("/thong-bao/cai-dat")]
    NotifyPrefs,
    /// Tester and trainer console of the simulated agency.
    #[at("/can-bo")]
    Officer,
    /// Anything else.
    #[not_found]
    #[at("/khong-tim-thay")]
    NotFound,
}
