//! Every sentence the citizen reads that is not in a form definition: error
//! messages (from [`ErrorKey`]) and interface copy ([`Ui`]), Vietnamese first.

use crate::journey::human_size;
use crate::jws::TokenError;
use crate::schema::{Field, FieldKind, FormDef, Lang};
use crate::validate::{ErrorKey, FieldError};

/// Interface copy keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Ui {
    AppName,
    Tagline,
    SkipToContent,
    SwitchLanguage,
    HomeTitle,
    HomeIntro,
    ServicesHeading,
    StartForm,
    Continue,
    Back,
    ErrorSummaryTitle,
    ErrorPrefix,
    Optional,
    Yes,
    No,
    NotProvided,
    CheckAnswersTitle,
    CheckAnswersIntro,
    Change,
    ConfirmAndSend,
    NotYetTitle,
    NotYetBody,
    NotYetDesk,
    BackToAnswers,
    AddRow,
    RemoveRow,
    RowHeading,
    NoRowsYet,
    Province,
    Ward,
    Street,
    ChooseProvince,
    ChooseWard,
    ChooseProvinceFirst,
    LoadingWards,
    WardsFailed,
    Retry,
    ChooseOption,
    ChooseFile,
    RemoveFile,
    FileRules,
    DateHint,
    StepOf,
    NotFoundTitle,
    NotFoundBody,
    GoHome,
    FormLoadFailed,
    FormLoadFailedHelp,
    Loading,
    FooterNote,
    Agency,
    LegalBasis,
    SimulationNote,
    SignIn,
    SignInTitle,
    SignInIntro,
    SimulatorBanner,
    ChooseCitizen,
    SignInAs,
    LoadingCitizens,
    CitizensFailed,
    NoSimulator,
    PasteTokenLabel,
    PasteTokenHint,
    PasteTokenButton,
    SignOut,
    SignedInAs,
    Verifying,
    SignInFailedTitle,
    SignedOut,
    SignInToPrefill,
    ConsentTitle,
    ConsentIntro,
    ConsentAgree,
    ConsentDecline,
    ConsentDeclineHint,
    ConsentYourDetails,
    FromRegistry,
    EditedAfterPrefill,
    TypedByYou,
    PrefilledEditable,
    NotRight,
    CorrectionLabel,
    CorrectionNote,
    CorrectionSend,
    CorrectionCancel,
    CorrectionSaved,
    CorrectionWhere,
    CorrectionEmpty,
    PickPeopleTitle,
    PickPeopleHint,
    PickPeopleAdd,
    PrefillCount,
    LockedRestored,
    Provenance,
    SearchLabel,
    SearchHint,
    FilterAgency,
    AllAgencies,
    FilterLifeEvent,
    AllLifeEvents,
    FilterAudience,
    AudienceAll,
    AudienceCitizen,
    AudienceBusiness,
    ResultsCount,
    NoResults,
    CatalogFailed,
    ServiceFee,
    ServiceTime,
    ServiceResult,
    ServicePrepare,
    ServiceLevel,
    FeeFree,
    FeeUnknown,
    FeeOnline,
    DaysWorking,
    SameDay,
    ResultPaper,
    ResultElectronic,
    ResultBoth,
    LevelXa,
    LevelTinh,
    LevelBo,
    ListDe06,
    List422,
    ListCandidate,
    LinkedGroup,
    AboutService,
}

/// The copy for `key` in `lang`. Placeholders (`{n}`, `{total}`…) are filled by the caller.
pub fn ui(key: Ui, lang: Lang) -> &'static str {
    use Ui::*;
    let (vi, en) = match key {
        AppName => ("Tờ Khai", "Tờ Khai"),
        Tagline => ("Khai tờ khai dịch vụ công trực tuyến", "Online public service declarations"),
        SkipToContent => ("Bỏ qua, đến nội dung chính", "Skip to main content"),
        SwitchLanguage => ("English", "Tiếng Việt"),
        HomeTitle => ("Khai tờ khai dịch vụ công", "Fill in a public service declaration"),
        HomeIntro => (
            "Chọn thủ tục bạn cần. Mỗi trang hỏi một phần của tờ khai; bạn kiểm tra lại toàn bộ trước khi gửi.",
            "Choose the service you need. Each page asks one part of the form; you check everything before sending.",
        ),
        ServicesHeading => ("Thủ tục hiện có", "Available services"),
        StartForm => ("Bắt đầu khai", "Start now"),
        Continue => ("Tiếp tục", "Continue"),
        Back => ("Quay lại", "Back"),
        ErrorSummaryTitle => ("Có thông tin cần sửa", "There is a problem"),
        ErrorPrefix => ("Lỗi:", "Error:"),
        Optional => ("(không bắt buộc)", "(optional)"),
        Yes => ("Có", "Yes"),
        No => ("Không", "No"),
        NotProvided => ("Chưa khai", "Not provided"),
        CheckAnswersTitle => ("Kiểm tra thông tin đã khai", "Check your answers"),
        CheckAnswersIntro => (
            "Đọc lại từng mục. Chọn “Thay đổi” để sửa một thông tin.",
            "Read each item again. Choose “Change” to correct an answer.",
        ),
        Change => ("Thay đổi", "Change"),
        ConfirmAndSend => ("Xác nhận và gửi hồ sơ", "Confirm and send"),
        NotYetTitle => ("Chưa thể gửi hồ sơ từ Tờ Khai", "Sending is not possible from Tờ Khai yet"),
        NotYetBody => (
            "Tờ khai của bạn đã đầy đủ và hợp lệ, nhưng Tờ Khai chưa kết nối để nộp hồ sơ. Thông tin bạn đã khai vẫn còn trên trang này cho tới khi bạn đóng trình duyệt.",
            "Your form is complete and valid, but Tờ Khai cannot send dossiers yet. Your answers stay on this page until you close the browser.",
        ),
        NotYetDesk => (
            "Bạn có thể nộp hồ sơ tại Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc tại bộ phận một cửa của UBND xã, phường nơi cư trú.",
            "You can file on the National Public Service Portal (dichvucong.gov.vn) or at the one-stop desk of your commune or ward.",
        ),
        BackToAnswers => ("Quay lại phần kiểm tra thông tin", "Back to check your answers"),
        AddRow => ("Thêm người", "Add a person"),
        RemoveRow => ("Xóa người thứ {n}", "Remove person {n}"),
        RowHeading => ("Người thứ {n}", "Person {n}"),
        NoRowsYet => ("Chưa có ai trong danh sách.", "Nobody on the list yet."),
        Province => ("Tỉnh, thành phố", "Province or city"),
        Ward => ("Phường, xã, đặc khu", "Ward, commune or special zone"),
        Street => ("Số nhà, đường, thôn, tổ dân phố", "House number, street, hamlet"),
        ChooseProvince => ("Chọn tỉnh, thành phố", "Choose a province or city"),
        ChooseWard => ("Chọn phường, xã, đặc khu", "Choose a ward or commune"),
        ChooseProvinceFirst => ("Chọn tỉnh, thành phố trước", "Choose the province first"),
        LoadingWards => ("Đang tải danh sách phường, xã…", "Loading wards and communes…"),
        WardsFailed => (
            "Không tải được danh sách phường, xã. Kiểm tra kết nối mạng rồi thử lại.",
            "The list of wards and communes did not load. Check your connection and try again.",
        ),
        Retry => ("Thử lại", "Try again"),
        ChooseOption => ("Chọn…", "Choose…"),
        ChooseFile => ("Chọn tệp", "Choose a file"),
        RemoveFile => ("Gỡ tệp {name}", "Remove file {name}"),
        FileRules => ("Nhận tệp {types}, tối đa {size}.", "Accepted: {types}, up to {size}."),
        DateHint => ("Viết ngày/tháng/năm, ví dụ 05/03/1990", "Write day/month/year, for example 05/03/1990"),
        StepOf => ("Phần {n} trên {total}", "Part {n} of {total}"),
        NotFoundTitle => ("Không tìm thấy trang", "Page not found"),
        NotFoundBody => (
            "Địa chỉ bạn mở không có trên Tờ Khai. Nếu bạn gõ địa chỉ, hãy kiểm tra lại.",
            "The address you opened is not on Tờ Khai. If you typed it, check it again.",
        ),
        GoHome => ("Về trang chủ", "Go to the start page"),
        FormLoadFailed => ("Chưa mở được tờ khai", "The form could not be opened"),
        FormLoadFailedHelp => (
            "Có thể mạng đang yếu hoặc mất kết nối. Thông tin bạn đã khai vẫn còn. Kiểm tra kết nối rồi thử lại.",
            "The connection may be weak or lost. Your answers are still here. Check your connection and try again.",
        ),
        Loading => ("Đang tải…", "Loading…"),
        FooterNote => (
            "Tờ Khai hỗ trợ khai hồ sơ dịch vụ công. Kết quả do cơ quan có thẩm quyền giải quyết.",
            "Tờ Khai helps you prepare public service forms. The competent agency decides.",
        ),
        Agency => ("Cơ quan tiếp nhận", "Receiving agency"),
        LegalBasis => ("Căn cứ pháp lý", "Legal basis"),
        SimulationNote => ("Bản thử nghiệm", "Trial version"),
        SignIn => ("Đăng nhập", "Sign in"),
        SignInTitle => ("Đăng nhập bằng tài khoản định danh điện tử VNeID", "Sign in with your VNeID electronic identity"),
        SignInIntro => ("Khi đăng nhập, những thông tin Nhà nước đã có về bạn được điền sẵn, bạn không phải khai lại.", "When you sign in, what the state already holds about you is filled in, so you do not have to type it again."),
        SimulatorBanner => ("Đây là trình mô phỏng VNeID để thử nghiệm: chỉ có công dân mẫu, không có dữ liệu thật.", "This is a VNeID simulator for trials: sample citizens only, no real data."),
        ChooseCitizen => ("Chọn một công dân mẫu", "Choose a sample citizen"),
        SignInAs => ("Đăng nhập là {name}", "Sign in as {name}"),
        LoadingCitizens => ("Đang tải danh sách công dân mẫu…", "Loading sample citizens…"),
        CitizensFailed => ("Không tải được danh sách công dân mẫu. Kiểm tra kết nối rồi thử lại.", "The sample citizens did not load. Check your connection and try again."),
        NoSimulator => ("Bản này chưa kết nối với VNeID. Người kiểm thử có thể dán mã định danh bên dưới.", "This build is not connected to VNeID. Testers can paste an identity token below."),
        PasteTokenLabel => ("Mã định danh (dành cho người kiểm thử)", "Identity token (for testers)"),
        PasteTokenHint => ("Dán mã JWS do trình mô phỏng cấp. Mã chỉ được giữ trong thẻ trình duyệt này và bị xóa khi đóng thẻ.", "Paste a JWS issued by the simulator. It is kept only in this browser tab and removed when the tab closes."),
        PasteTokenButton => ("Dùng mã này", "Use this token"),
        SignOut => ("Đăng xuất", "Sign out"),
        SignedInAs => ("Đã đăng nhập: {name}", "Signed in: {name}"),
        Verifying => ("Đang kiểm tra thông tin đăng nhập…", "Checking your sign-in…"),
        SignInFailedTitle => ("Chưa đăng nhập được", "You are not signed in"),
        SignedOut => ("Bạn đã đăng xuất. Thông tin đã khai trên thiết bị này đã được xóa.", "You have signed out. Your answers on this device have been removed."),
        SignInToPrefill => ("Đăng nhập bằng VNeID để điền sẵn thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư.", "Sign in with VNeID to fill in what the national population database already holds."),
        ConsentTitle => ("Dùng thông tin của bạn từ Cơ sở dữ liệu quốc gia về dân cư", "Use your details from the national population database"),
        ConsentIntro => ("Để bạn không phải khai lại, Tờ Khai sẽ chép những thông tin dưới đây vào tờ khai này. Bạn vẫn xem lại được trước khi gửi.", "So that you do not have to type them again, Tờ Khai will copy the details below into this form. You can still check them before sending."),
        ConsentAgree => ("Đồng ý, điền sẵn cho tôi", "Agree and fill them in"),
        ConsentDecline => ("Không đồng ý, tôi tự khai", "No, I will type them"),
        ConsentDeclineHint => ("Nếu không đồng ý, bạn vẫn khai tờ khai bình thường.", "If you do not agree, you can still fill in the form yourself."),
        ConsentYourDetails => ("Thông tin sẽ được chép", "Details that will be copied"),
        FromRegistry => ("Từ Cơ sở dữ liệu quốc gia về dân cư", "From the national population database"),
        EditedAfterPrefill => ("Đã sửa sau khi điền sẵn", "Changed after it was filled in"),
        TypedByYou => ("Bạn tự khai", "Typed by you"),
        PrefilledEditable => ("Điền sẵn từ VNeID, bạn sửa được nếu đã thay đổi.", "Filled in from VNeID; change it if it is out of date."),
        NotRight => ("Thông tin này chưa đúng?", "Is this wrong?"),
        CorrectionLabel => ("Thông tin đúng là", "The right information is"),
        CorrectionNote => ("Ghi chú", "Note"),
        CorrectionSend => ("Ghi nhận đề nghị điều chỉnh", "Record a correction request"),
        CorrectionCancel => ("Hủy", "Cancel"),
        CorrectionSaved => ("Đã ghi nhận đề nghị điều chỉnh “{value}”. Đề nghị sẽ được gửi kèm hồ sơ.", "Correction request “{value}” recorded. It will be sent with your application."),
        CorrectionWhere => ("Thông tin trong Cơ sở dữ liệu quốc gia về dân cư do cơ quan đăng ký cư trú (Công an cấp xã nơi bạn cư trú) điều chỉnh. Tờ khai vẫn dùng thông tin hiện có cho tới khi được điều chỉnh.", "Details in the national population database are corrected by the residence registration office (the commune police where you live). The form keeps the current details until then."),
        CorrectionEmpty => ("Nhập thông tin đúng", "Enter the right information"),
        PickPeopleTitle => ("Chọn người từ hộ gia đình của bạn", "Choose people from your household"),
        PickPeopleHint => ("Thông tin của người được chọn được điền sẵn từ Cơ sở dữ liệu quốc gia về dân cư.", "The details of the people you choose are filled in from the national population database."),
        PickPeopleAdd => ("Thêm những người đã chọn", "Add the people chosen"),
        PrefillCount => ("Đã điền sẵn {n}/{total} thông tin từ VNeID", "{n} of {total} details filled in from VNeID"),
        LockedRestored => ("Một số thông tin lấy từ Cơ sở dữ liệu quốc gia về dân cư đã bị thay đổi trên trang và đã được khôi phục: {fields}. Kiểm tra lại rồi xác nhận.", "Some details from the national population database were changed on the page and have been restored: {fields}. Check them and confirm again."),
        Provenance => ("Nguồn", "Source"),
        SearchLabel => ("Tìm thủ tục", "Find a service"),
        SearchHint => ("Gõ tên thủ tục, có dấu hoặc không dấu, ví dụ: khai sinh, ho khau, bao hiem", "Type a service name, with or without accents, for example: khai sinh, ho khau"),
        FilterAgency => ("Cơ quan", "Agency"),
        AllAgencies => ("Tất cả cơ quan", "All agencies"),
        FilterLifeEvent => ("Sự kiện trong đời", "Life event"),
        AllLifeEvents => ("Tất cả sự kiện", "All life events"),
        FilterAudience => ("Dành cho", "For"),
        AudienceAll => ("Tất cả", "Everyone"),
        AudienceCitizen => ("Người dân", "Citizens"),
        AudienceBusiness => ("Doanh nghiệp, hộ kinh doanh", "Businesses"),
        ResultsCount => ("Tìm thấy {n} thủ tục", "{n} services found"),
        NoResults => ("Không tìm thấy thủ tục phù hợp. Thử từ khác, ví dụ “khai sinh”, hoặc bỏ bớt bộ lọc.", "No matching service. Try other words, such as “khai sinh”, or remove a filter."),
        CatalogFailed => ("Không tải được danh sách thủ tục. Kiểm tra kết nối rồi thử lại.", "The list of services did not load. Check your connection and try again."),
        ServiceFee => ("Lệ phí", "Fee"),
        ServiceTime => ("Thời hạn giải quyết", "Processing time"),
        ServiceResult => ("Kết quả", "Result"),
        ServicePrepare => ("Cần chuẩn bị", "What you need"),
        ServiceLevel => ("Nơi giải quyết", "Handled at"),
        FeeFree => ("Miễn phí", "Free"),
        FeeUnknown => ("Chưa có thông tin", "Not known"),
        FeeOnline => ("{amount} khi nộp trực tuyến", "{amount} when filed online"),
        DaysWorking => ("{n} ngày làm việc", "{n} working days"),
        SameDay => ("Trong ngày", "Same day"),
        ResultPaper => ("Bản giấy", "On paper"),
        ResultElectronic => ("Bản điện tử", "Electronic"),
        ResultBoth => ("Bản giấy và bản điện tử", "On paper and electronic"),
        LevelXa => ("Cấp xã", "Commune level"),
        LevelTinh => ("Cấp tỉnh", "Provincial level"),
        LevelBo => ("Cấp bộ, trung ương", "Ministry level"),
        ListDe06 => ("Thuộc 25 dịch vụ công thiết yếu của Đề án 06.", "One of the 25 essential services of Project 06."),
        List422 => ("Thuộc nhóm dịch vụ của Quyết định 422/QĐ-TTg (chưa đối chiếu phụ lục chính thức).", "In the Decision 422/QĐ-TTg group (not yet checked against the official appendix)."),
        ListCandidate => ("Dịch vụ công thường dùng, chưa xác nhận thuộc danh sách 53 dịch vụ.", "A commonly used service, not confirmed as one of the 53."),
        LinkedGroup => ("Thủ tục liên thông: một lần khai cho nhiều thủ tục.", "Linked procedure: one form for several procedures."),
        AboutService => ("Thông tin thủ tục", "About this service"),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The lower-case form of a Latin letter as Vietnamese uses it (ASCII,
/// Latin-1, Ă Đ Ĩ Ũ Ơ Ư, and the precomposed vowels with tone marks of U+1EA0–U+1EF9);
/// other characters are returned unchanged. `char::to_lowercase` would do the
/// same for every script but ships ~11 KB of case tables to every phone, for
/// the first letter of a label.
pub fn lower_vi(c: char) -> char {
    let u = c as u32;
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => u + 0x20,
        0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 => u + 1,
        0x1AF => 0x1B0,
        0x1EA0..=0x1EF9 if u % 2 == 0 => u + 1,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// Lower-cases the first letter, for a label inside a sentence.
fn inner(label: &str) -> String {
    let mut c = label.chars();
    match c.next() {
        Some(f) => std::iter::once(lower_vi(f)).chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::lower_vi;

    #[test]
    fn vietnamese_capitals_lower_case_like_the_unicode_tables() {
        let capitals = "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ";
        for c in capitals.chars() {
            let want: String = c.to_lowercase().collect();
            assert_eq!(lower_vi(c).to_string(), want, "{c}");
        }
        for c in "ađ1 ,ЖΩ".chars() {
            assert_eq!(lower_vi(c), c, "{c} stays");
        }
    }
}

/// Short names of accepted MIME types: `PDF, JPG, PNG`.
pub fn file_types(accept: &[String]) -> String {
    let mut names: Vec<&str> = accept
        .iter()
        .map(|m| match m.as_str() {
            "application/pdf" => "PDF",
            "image/jpeg" => "JPG",
            "image/png" => "PNG",
            "image/heic" => "HEIC",
            other => other,
        })
        .collect();
    names.dedup();
    names.join(", ")
}

/// The sentence for `err` on `field`. `other` resolves another field's label
/// (for "must be after …").
pub fn error_message(err: &ErrorKey, field: &Field, other: &dyn Fn(&str) -> String, lang: Lang) -> String {
    use ErrorKey::*;
    let l = field.label.get(lang);
    let il = inner(l);
    let vi = lang == Lang::Vi;
    let pick = |v: String, e: String| if vi { v } else { e };
    match err {
        Required => match field.kind {
            k if k.has_options() || k == FieldKind::YesNo => pick(format!("Chọn {il}"), format!("Select {il}")),
            FieldKind::File => pick(format!("Đính kèm {il}"), format!("Attach {il}")),
            _ => pick(format!("Nhập {il}"), format!("Enter {il}")),
        },
        DeclarationRequired => pick(
            "Đánh dấu vào ô để xác nhận lời cam đoan".into(),
            "Tick the box to confirm the declaration".into(),
        ),
        TooShort { min } => pick(format!("{l} phải có ít nhất {min} ký tự"), format!("{l} must be {min} characters or more")),
        TooLong { max } => pick(format!("{l} không được dài quá {max} ký tự"), format!("{l} must be {max} characters or fewer")),
        InvalidName => pick(
            format!("{l} chỉ gồm chữ cái (có dấu), khoảng trắng, dấu ' hoặc -, không có chữ số"),
            format!("{l} must contain only letters, spaces, apostrophes or hyphens, no digits"),
        ),
        InvalidPersonalId => pick(
            format!("{l} phải gồm đúng 12 chữ số, như trên thẻ căn cước"),
            format!("{l} must be exactly 12 digits, as on the ID card"),
        ),
        UnknownIdProvince => pick(
            format!("3 chữ số đầu của {il} không phải mã tỉnh nơi đăng ký khai sinh. Kiểm tra lại trên thẻ căn cước"),
            format!("The first 3 digits of the {il} are not a birth-registration province code. Check the ID card"),
        ),
        IdCenturyMismatch => pick(
            format!("Chữ số thứ 4 của {il} không khớp với năm sinh. Kiểm tra lại số và ngày sinh"),
            format!("The 4th digit of the {il} does not match the year of birth. Check the number and the date of birth"),
        ),
        IdSexMismatch => pick(
            format!("Chữ số thứ 4 của {il} không khớp với giới tính đã chọn"),
            format!("The 4th digit of the {il} does not match the sex selected"),
        ),
        IdBirthYearMismatch => pick(
            format!("Chữ số thứ 5 và 6 của {il} phải là 2 số cuối của năm sinh"),
            format!("Digits 5 and 6 of the {il} must be the last 2 digits of the year of birth"),
        ),
        InvalidPhone => pick(
            "Nhập số điện thoại di động 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09, ví dụ 0912 345 678".into(),
            "Enter a 10-digit mobile number starting 03, 05, 07, 08 or 09, like 0912 345 678".into(),
        ),
        InvalidEmail => pick(
            "Nhập email đúng định dạng, ví dụ ten@example.vn".into(),
            "Enter an email address in the correct format, like name@example.vn".into(),
        ),
        InvalidDate => pick(
            format!("{l} phải là ngày có thật, viết ngày/tháng/năm, ví dụ 05/03/1990"),
            format!("{l} must be a real date written day/month/year, like 05/03/1990"),
        ),
        FutureDate => pick(format!("{l} không được sau ngày hôm nay"), format!("{l} must be today or in the past")),
        PastDate => pick(format!("{l} không được trước ngày hôm nay"), format!("{l} must be today or in the future")),
        TooYoung { years } => pick(
            format!("Theo {il}, người này chưa đủ {years} tuổi"),
            format!("By the {il}, this person is under {years}"),
        ),
        TooOld { years } => pick(
            format!("Theo {il}, người này quá {years} tuổi"),
            format!("By the {il}, this person is over {years}"),
        ),
        MustBeAfter { other: o } => {
            let ol = inner(&other(o));
            pick(format!("{l} phải sau {ol}"), format!("{l} must be after the {ol}"))
        }
        MustBeBefore { other: o } => {
            let ol = inner(&other(o));
            pick(format!("{l} phải trước {ol}"), format!("{l} must be before the {ol}"))
        }
        NotANumber => pick(format!("{l} phải là số, ví dụ 3"), format!("{l} must be a number, like 3")),
        BelowMin { min } => pick(format!("{l} phải từ {min} trở lên"), format!("{l} must be {min} or more")),
        AboveMax { max } => pick(format!("{l} không được lớn hơn {max}"), format!("{l} must be {max} or less")),
        InvalidOption => pick(format!("Chọn một mục trong danh sách {il}"), format!("Select one of the choices for {il}")),
        TooFewRows { min } => pick(format!("Thêm ít nhất {min} người vào {il}"), format!("Add at least {min} to {il}")),
        TooManyRows { max } => pick(format!("{l} có nhiều nhất {max} người"), format!("{l} can have at most {max}")),
        FileType => {
            let t = file_types(&field.accept);
            pick(format!("Tệp phải là {t}"), format!("The file must be a {t}"))
        }
        FileTooLarge { max_bytes } => {
            let s = human_size(*max_bytes);
            pick(format!("Tệp phải nhỏ hơn {s}"), format!("The file must be smaller than {s}"))
        }
        TooManyFiles { max } => pick(format!("Chỉ đính kèm tối đa {max} tệp"), format!("Attach {max} files at most")),
        AddressProvince => pick(format!("Chọn tỉnh, thành phố của {il}"), format!("Choose the province of the {il}")),
        AddressWard => pick(format!("Chọn phường, xã của {il}"), format!("Choose the ward or commune of the {il}")),
        AddressStreet => pick(
            format!("Nhập số nhà, đường, thôn hoặc tổ dân phố của {il}"),
            format!("Enter the house number and street of the {il}"),
        ),
    }
}

/// The field an error path points at, and the group row it is in (0-based).
pub fn field_at_path<'f>(form: &'f FormDef, path: &str) -> Option<(&'f Field, Option<(&'f Field, usize)>)> {
    let mut parts = path.split('.');
    let top = form.field(parts.next()?)?;
    if top.kind == FieldKind::Group {
        if let (Some(i), Some(col)) = (parts.next(), parts.next()) {
            let i: usize = i.parse().ok()?;
            let c = top.fields.iter().find(|c| c.id == col)?;
            return Some((c, Some((top, i))));
        }
    }
    Some((top, None))
}

fn label_anywhere(form: &FormDef, id: &str, lang: Lang) -> String {
    form.sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .flat_map(|f| std::iter::once(f).chain(f.fields.iter()))
        .find(|f| f.id == id)
        .map_or_else(|| id.to_string(), |f| f.label.get(lang).to_string())
}

/// The full sentence for an error at its path, with the row named for a group
/// column ("Thành viên hộ gia đình, người thứ 2: Nhập họ và tên").
pub fn describe(form: &FormDef, err: &FieldError, lang: Lang) -> String {
    let other = |id: &str| label_anywhere(form, id, lang);
    match field_at_path(form, &err.path) {
        Some((field, None)) => error_message(&err.error, field, &other, lang),
        Some((col, Some((group, i)))) => {
            let row = ui(Ui::RowHeading, lang).replace("{n}", &(i + 1).to_string());
            let row = inner(&row);
            format!("{}, {row}: {}", group.label.get(lang), error_message(&err.error, col, &other, lang))
        }
        None => err.error.code().to_string(),
    }
}

/// Why a sign-in was refused, in plain words (the citizen stays signed out).
pub fn token_message(err: TokenError, lang: Lang) -> &'static str {
    let (vi, en) = match err {
        TokenError::TooLarge => (
            "Mã đăng nhập quá dài, không phải mã do VNeID cấp. Hãy đăng nhập lại.",
            "The sign-in token is too long to be one issued by VNeID. Please sign in again.",
        ),
        TokenError::Malformed => (
            "Mã đăng nhập không đúng định dạng. Hãy đăng nhập lại bằng VNeID.",
            "The sign-in token is not in the right format. Please sign in again with VNeID.",
        ),
        TokenError::BadBase64 => (
            "Mã đăng nhập có ký tự không hợp lệ (có thể do sao chép thiếu). Hãy đăng nhập lại.",
            "The sign-in token has invalid characters (it may have been copied incompletely). Please sign in again.",
        ),
        TokenError::BadJson => (
            "Nội dung mã đăng nhập không đọc được. Hãy đăng nhập lại.",
            "The content of the sign-in token cannot be read. Please sign in again.",
        ),
        TokenError::AlgNotAllowed => (
            "Mã đăng nhập dùng kiểu chữ ký không được chấp nhận. Vì an toàn, Tờ Khai không dùng mã này.",
            "The sign-in token uses a signature type that is not accepted. For your safety, Tờ Khai will not use it.",
        ),
        TokenError::BadSignature => (
            "Chữ ký của mã đăng nhập không hợp lệ: mã có thể đã bị sửa hoặc không do VNeID cấp. Hãy đăng nhập lại.",
            "The sign-in token's signature is not valid: it may have been altered or not issued by VNeID. Please sign in again.",
        ),
        TokenError::Expired => (
            "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại bằng VNeID.",
            "Your sign-in has expired. Please sign in again with VNeID.",
        ),
        TokenError::NotYetValid => (
            "Mã đăng nhập chưa có hiệu lực. Kiểm tra ngày giờ trên thiết bị rồi đăng nhập lại.",
            "The sign-in token is not valid yet. Check the date and time on this device, then sign in again.",
        ),
        TokenError::WrongAudience => (
            "Mã đăng nhập này cấp cho ứng dụng khác, không dùng được cho Tờ Khai.",
            "This sign-in token was issued for another service and cannot be used for Tờ Khai.",
        ),
        TokenError::WrongIssuer => (
            "Mã đăng nhập không do VNeID cấp.",
            "The sign-in token was not issued by VNeID.",
        ),
        TokenError::BadClaims => (
            "Thông tin trong mã đăng nhập không khớp nhau. Hãy đăng nhập lại.",
            "The details in the sign-in token do not match. Please sign in again.",
        ),
        TokenError::CryptoUnavailable => (
            "Trình duyệt này không kiểm tra được chữ ký điện tử. Hãy cập nhật trình duyệt hoặc dùng trình duyệt khác.",
            "This browser cannot check electronic signatures. Please update it or use another browser.",
        ),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// An amount of money as citizens read it: "20.000 đ", or "VND 20,000".
pub fn money(vnd: u64, lang: Lang) -> String {
    let digits = vnd.to_string();
    let sep = if lang == Lang::Vi { '.' } else { ',' };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    match lang {
        Lang::Vi => format!("{out} đ"),
        Lang::En => format!("VND {out}"),
    }
}

#[cfg(test)]
mod money_tests {
    use super::*;

    #[test]
    fn money_is_grouped_by_thousands() {
        assert_eq!(money(20000, Lang::Vi), "20.000 đ");
        assert_eq!(money(1_250_000, Lang::En), "VND 1,250,000");
        assert_eq!(money(500, Lang::Vi), "500 đ");
    }
}
