//! Interface copy: every sentence of the app's chrome, Vietnamese first.

use crate::prefill::ClaimGroup;
use crate::schema::Lang;

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
    ConsentGroupIdentity,
    ConsentGroupResidence,
    ConsentGroupFamily,
    ConsentGroupContact,
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
        ConsentGroupIdentity => ("Thông tin nhân thân", "Identity"),
        ConsentGroupResidence => ("Thông tin cư trú", "Residence"),
        ConsentGroupFamily => ("Gia đình và hộ gia đình", "Family and household"),
        ConsentGroupContact => ("Liên hệ", "Contact"),
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

/// The heading of a consent group.
pub fn claim_group(group: ClaimGroup, lang: Lang) -> &'static str {
    ui(
        match group {
            ClaimGroup::Identity => Ui::ConsentGroupIdentity,
            ClaimGroup::Residence => Ui::ConsentGroupResidence,
            ClaimGroup::Family => Ui::ConsentGroupFamily,
            ClaimGroup::Contact => Ui::ConsentGroupContact,
        },
        lang,
    )
}

/// An amount of money as citizens read it: "20.000 đ", or "VND 20,000".
pub fn money(vnd: u64, lang: Lang) -> String {
    let digits = vnd.to_string();
    let sep = if lang == Lang::Vi { '.' } else { ',' };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
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
    fn consent_groups_and_yes_no_are_written_in_both_languages() {
        for g in [ClaimGroup::Identity, ClaimGroup::Residence, ClaimGroup::Family, ClaimGroup::Contact] {
            assert_ne!(claim_group(g, Lang::Vi), claim_group(g, Lang::En), "{g:?}");
        }
        assert_eq!(claim_group(ClaimGroup::Identity, Lang::Vi), "Thông tin nhân thân");
        assert_eq!((ui(Ui::Yes, Lang::Vi), ui(Ui::No, Lang::Vi)), ("Có", "Không"));
        assert_eq!((ui(Ui::Yes, Lang::En), ui(Ui::No, Lang::En)), ("Yes", "No"));
    }

    #[test]
    fn money_is_grouped_by_thousands() {
        assert_eq!(money(20000, Lang::Vi), "20.000 đ");
        assert_eq!(money(1_250_000, Lang::En), "VND 1,250,000");
        assert_eq!(money(500, Lang::Vi), "500 đ");
    }
}
