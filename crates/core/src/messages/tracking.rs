//! Copy of the pages after submission: receipt, dossiers, timeline, inbox,
//! notification settings, payment, withdrawal, lookup and the tester
//! console. Vietnamese first, in the words of dichvucong.gov.vn.

use crate::dossier::{Event, Status};
use crate::notify::Delivery;
use crate::portal::{Actor, AgencyReason};
use crate::schema::{Lang, Text};

/// Copy keys of the after-submission pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum T {
    AccountNav,
    ActionPay,
    ActionSupplement,
    AllDossiers,
    AmountDue,
    AnswerSupplement,
    Applicant,
    Applied,
    ApplyEvent,
    AppointmentDate,
    AppointmentNote,
    AutoAgency,
    BackToDossier,
    CatalogNeeded,
    NoProvince,
    SendOffline,
    ChangedMeanwhile,
    PortalUnavailable,
    PortalSignIn,
    PortalInvalid,
    PortalUnsupported,
    SendWaitsForPortal,
    OfficerKey,
    OfficerKeyHint,
    OfficerKeyOpen,
    OfficerKeyWrong,
    ChannelEmail,
    ChannelInbox,
    ChannelSms,
    CodeHint,
    CodeLabel,
    CodeMissing,
    CodeShape,
    CodeWrong,
    ConfirmPhone,
    Declaration,
    DeclarationMissing,
    DiscountLine,
    DossierCode,
    DossierCount,
    DossierNotFound,
    DossierNotFoundBody,
    DossierTitle,
    EmailInvalid,
    EmailLabel,
    FallbackNote,
    Fee,
    FeeWithDiscount,
    FieldsToEdit,
    FinalNoMoves,
    FindService,
    FlaggedNotice,
    FollowDossier,
    HandleDossier,
    Handling,
    HelpedBy,
    InboxAlways,
    InboxTitle,
    LookupButton,
    LookupNotFound,
    LookupTitle,
    MarkAllRead,
    MyDossiers,
    NoDossiers,
    NoDossiersAnywhere,
    NoFee,
    NoNotices,
    NoteLabel,
    NotificationTitle,
    OfficerAsks,
    OfficerEvent,
    OfficerIntro,
    OfficerReason,
    OfficerReasonHint,
    OfficerTitle,
    Online,
    OnlineDiscount,
    OpenNotice,
    OptionalWord,
    OverdueFlag,
    PaidWith,
    PayBank,
    PayButton,
    PayCard,
    PayMethod,
    PayNow,
    PaySimulated,
    PayWallet,
    PhoneConfirmed,
    PhoneInvalid,
    PhoneLabel,
    PhoneScreen,
    PhoneUnconfirmed,
    PrefEmail,
    PrefPush,
    PrefPushHint,
    PrefSms,
    PrefsIntro,
    PrefsSaved,
    PrefsTitle,
    Print,
    QrLabel,
    ReasonLabel,
    ReasonMissing,
    ReasonMissingDocuments,
    ReasonRegistryDispute,
    ReasonRequiredOfficer,
    ReasonTooLong,
    ReceiptForm,
    RecoveredNotice,
    ReceiptHeading,
    ReceiptTitle,
    ReceivedAt,
    ReceivingAgency,
    SavePrefs,
    SeeReceipt,
    SendCode,
    SendFailed,
    SendHeading,
    SendSupplement,
    Sending,
    SentLine,
    Service,
    ShowMessages,
    SignInToSee,
    SignInToSeeBody,
    SignInToSend,
    SignInVneid,
    SimulationOnly,
    StatusNow,
    SubmittedBy,
    SupplementDocHint,
    SupplementDocLabel,
    SupplementIntro,
    SupplementRound,
    TimelineTitle,
    Unread,
    UnreadCount,
    UnreadWord,
    WeWillTell,
    WhatNext,
    WithdrawButton,
    WithdrawConfirmBody,
    WithdrawConfirmTitle,
    WithdrawHeading,
    WithdrawIntro,
    WithdrawNo,
    WithdrawReasonHint,
    WithdrawYes,
    YourCode,
}

/// The copy for `key` in `lang`; placeholders (`{code}`, `{n}`…) are filled by the caller.
pub fn t(key: T, lang: Lang) -> &'static str {
    use T::*;
    let (vi, en) = match key {
        AccountNav => ("Tài khoản", "Account"),
        ActionPay => ("Thanh toán phí, lệ phí", "Pay the fee"),
        ActionSupplement => ("Bổ sung hồ sơ", "Add to your application"),
        AllDossiers => ("Tất cả hồ sơ", "All applications"),
        AmountDue => ("Số tiền cần nộp", "Amount due"),
        AnswerSupplement => ("Bổ sung hồ sơ", "Add what is needed"),
        Applicant => ("Người nộp hồ sơ", "Applicant"),
        Applied => ("Đã cập nhật trạng thái hồ sơ.", "The status was updated."),
        ApplyEvent => ("Cập nhật trạng thái", "Update status"),
        AppointmentDate => ("Ngày hẹn trả kết quả", "Result due on"),
        AppointmentNote => (
            "Ngày hẹn tính theo ngày làm việc, không kể thứ Bảy, Chủ nhật và ngày lễ, Tết. Hồ sơ nhận sau 15 giờ được tính từ ngày làm việc tiếp theo.",
            "Counted in working days, without weekends and public holidays. Applications received after 15:00 count from the next working day.",
        ),
        AutoAgency => ("Cơ quan mô phỏng tự động xử lý hồ sơ (mỗi bước sau 10 giây)", "The simulated agency moves applications by itself (a step every 10 seconds)"),
        BackToDossier => ("Quay lại hồ sơ", "Back to the application"),
        CatalogNeeded => (
            "Chưa tải được thông tin thủ tục nên chưa gửi được. Kiểm tra kết nối mạng rồi thử lại.",
            "The service details have not loaded, so the application cannot be sent yet. Check your connection and try again.",
        ),
        SendOffline => (
            "Thiết bị đang ngoại tuyến nên chưa gửi được. Hãy thử lại khi có mạng.",
            "You are offline, so this was not sent. Try again when you are back online.",
        ),
        NoProvince => (
            "Chưa gửi được: Cơ sở dữ liệu quốc gia về dân cư chưa có nơi thường trú hoặc tạm trú của bạn, nên chưa biết gửi hồ sơ đến cơ quan nào. Hãy liên hệ Công an cấp xã nơi bạn ở để cập nhật.",
            "Not sent: the population database has no permanent or temporary residence for you, so we cannot tell which office receives the application. Ask the commune police where you live to update it.",
        ),
        ChangedMeanwhile => (
            "Hồ sơ vừa đổi trạng thái nên chưa thực hiện được việc này. Xem trạng thái mới của hồ sơ.",
            "The application has just changed status, so this could not be done. See its new status.",
        ),
        PortalUnavailable => (
            "Cổng dịch vụ công chưa trả lời, nên việc này chưa được thực hiện. Thông tin bạn đã khai vẫn còn trên trang. Hãy thử lại sau ít phút.",
            "The public service portal did not answer, so this was not done. Your answers are still here. Try again in a few minutes.",
        ),
        PortalSignIn => (
            "Phiên đăng nhập đã hết hạn nên việc này chưa được thực hiện. Hãy đăng nhập lại bằng VNeID rồi thử lại; thông tin bạn đã khai vẫn còn.",
            "Your sign-in has expired, so this was not done. Sign in again with VNeID and try again; your answers are kept.",
        ),
        PortalInvalid => (
            "Cổng dịch vụ công không nhận yêu cầu này (nội dung quá lớn hoặc chưa đúng). Hãy kiểm tra lại thông tin và tệp đính kèm.",
            "The public service portal did not accept this request (too large or not valid). Check your answers and attached files.",
        ),
        PortalUnsupported => (
            "Cổng dịch vụ công này không làm việc này từ trang web: việc này được đặt trên máy chủ của cổng.",
            "This public service portal does not do this from the web page: it is set on the portal's server.",
        ),
        SendWaitsForPortal => (
            "Cổng dịch vụ công chưa trả lời. Hồ sơ đã được giữ lại trên thiết bị này và sẽ tự gửi (một lần) khi cổng trả lời.",
            "The public service portal did not answer. The application is kept on this device and will be sent (once) when the portal answers.",
        ),
        OfficerKey => ("Mã truy cập của cán bộ", "Officer access key"),
        OfficerKeyHint => (
            "Máy chủ cổng cấp mã này cho cán bộ (biến PORTAL_OFFICER_KEY). Mã chỉ được giữ trong trang này, không lưu lại.",
            "The portal server gives officers this key (PORTAL_OFFICER_KEY). It stays on this page only and is not stored.",
        ),
        OfficerKeyOpen => ("Mở danh sách hồ sơ", "Open the list of applications"),
        OfficerKeyWrong => (
            "Máy chủ cổng không nhận mã truy cập này. Hãy kiểm tra lại mã.",
            "The portal server did not accept this access key. Check the key.",
        ),
        ChannelEmail => ("Thư điện tử", "E-mail"),
        ChannelInbox => ("Hộp thư trên Tờ Khai", "Tờ Khai inbox"),
        ChannelSms => ("SMS", "SMS"),
        CodeHint => ("Mã hồ sơ in trên giấy tiếp nhận, ví dụ 001.01.20.H01-261124-0001", "The code on your receipt, for example 001.01.20.H01-261124-0001"),
        CodeLabel => ("Mã xác nhận", "Confirmation code"),
        CodeMissing => ("Nhập mã hồ sơ", "Enter the application code"),
        CodeShape => (
            "Mã hồ sơ gồm 25 ký tự, ví dụ 001.01.20.H01-261124-0001",
            "An application code has 25 characters, like 001.01.20.H01-261124-0001",
        ),
        CodeWrong => ("Mã xác nhận không đúng. Kiểm tra tin nhắn rồi nhập lại.", "The code is not right. Check the message and enter it again."),
        ConfirmPhone => ("Xác nhận số điện thoại", "Confirm the number"),
        Declaration => (
            "Tôi xin cam đoan những thông tin đã khai là đúng sự thật và chịu trách nhiệm trước pháp luật về lời khai của mình.",
            "I declare that the information given is true, and I am responsible before the law for it.",
        ),
        DeclarationMissing => ("Đánh dấu vào ô cam đoan để gửi hồ sơ", "Tick the declaration to send the application"),
        DiscountLine => ("Giá thông thường {full}; nộp trực tuyến tiết kiệm {saved}", "Usual price {full}; filing online saves {saved}"),
        DossierCode => ("Mã hồ sơ", "Application code"),
        DossierCount => ("Bạn có {n} hồ sơ.", "You have {n} applications."),
        DossierNotFound => ("Không tìm thấy hồ sơ", "Application not found"),
        DossierNotFoundBody => (
            "Không có hồ sơ với mã này trong tài khoản của bạn. Kiểm tra lại mã, hoặc tra cứu hồ sơ bằng mã.",
            "There is no application with this code in your account. Check the code, or look it up by code.",
        ),
        DossierTitle => ("Hồ sơ {code}", "Application {code}"),
        EmailInvalid => ("Nhập địa chỉ thư điện tử đúng định dạng, ví dụ ten@example.vn", "Enter an e-mail address like name@example.vn"),
        EmailLabel => ("Địa chỉ thư điện tử", "E-mail address"),
        FallbackNote => (" (gửi thay vì kênh trước không tới được)", " (sent because the channel before failed)"),
        Fee => ("Phí, lệ phí", "Fee"),
        FeeWithDiscount => ("{online} khi nộp trực tuyến (giá thông thường {full})", "{online} online (usually {full})"),
        FieldsToEdit => ("Thông tin công dân cần khai lại", "Answers the citizen must give again"),
        FinalNoMoves => ("Hồ sơ đã ở trạng thái cuối, không thể chuyển tiếp.", "The application is in a final status; it cannot move on."),
        FindService => ("Tìm thủ tục", "Find a service"),
        FlaggedNotice => ("SMS và thư điện tử không tới được", "SMS and e-mail failed"),
        FollowDossier => ("Theo dõi hồ sơ", "Follow your application"),
        HandleDossier => ("Xử lý", "Handle"),
        Handling => ("Xử lý hồ sơ {code}", "Handling {code}"),
        HelpedBy => ("Được hỗ trợ bởi", "Helped by"),
        InboxAlways => ("Mọi thông báo luôn có trong hộp thư trên Tờ Khai.", "Every message is always in your Tờ Khai inbox."),
        InboxTitle => ("Thông báo", "Messages"),
        LookupButton => ("Tra cứu", "Look up"),
        LookupNotFound => (
            "Không tìm thấy hồ sơ {code}. Kiểm tra lại mã trên giấy tiếp nhận.",
            "No application {code} was found. Check the code on your receipt.",
        ),
        LookupTitle => ("Tra cứu hồ sơ", "Look up an application"),
        MarkAllRead => ("Đánh dấu tất cả là đã đọc", "Mark all as read"),
        MyDossiers => ("Hồ sơ của tôi", "My applications"),
        NoDossiers => ("Bạn chưa gửi hồ sơ nào từ Tờ Khai.", "You have not sent any application from Tờ Khai."),
        NoDossiersAnywhere => ("Chưa có hồ sơ nào được gửi trên thiết bị này.", "No application has been sent on this device yet."),
        NoFee => ("Không thu phí", "Free"),
        NoNotices => ("Chưa có thông báo.", "No messages yet."),
        NoteLabel => ("Ghi chú gửi cán bộ", "A note to the officer"),
        NotificationTitle => ("Tờ Khai: hồ sơ có cập nhật", "Tờ Khai: application update"),
        OfficerAsks => ("Cán bộ yêu cầu", "The officer asks for"),
        OfficerEvent => ("Chuyển hồ sơ sang", "Move the application to"),
        OfficerIntro => (
            "Trang dành cho người kiểm thử và tập huấn tổ công nghệ số cộng đồng: chuyển hồ sơ qua từng trạng thái để xem công dân nhận được gì. Không có cơ quan thật nào nhận các thao tác này.",
            "For testers and trainers of community digital teams: move applications through each status to see what citizens receive. No real agency receives these actions.",
        ),
        OfficerReason => ("Lý do hoặc giấy tờ cần bổ sung", "Reason or documents needed"),
        OfficerReasonHint => ("Bắt buộc khi từ chối, dừng xử lý hoặc yêu cầu bổ sung.", "Required to refuse, stop or ask for more."),
        OfficerTitle => ("Cán bộ xử lý (mô phỏng)", "Officer console (simulation)"),
        Online => ("Trực tuyến", "Online"),
        OnlineDiscount => ("Ưu đãi nộp trực tuyến", "Online discount"),
        OpenNotice => ("Xem hồ sơ", "Open the application"),
        OptionalWord => ("(không bắt buộc)", "(optional)"),
        OverdueFlag => ("Yêu cầu bổ sung lần thứ hai: hồ sơ tính là quá hạn", "Second request for more: counted as overdue"),
        PaidWith => ("Đã thanh toán qua {method}", "Paid by {method}"),
        PayBank => ("Tài khoản ngân hàng", "Bank account"),
        PayButton => ("Thanh toán {amount}", "Pay {amount}"),
        PayCard => ("Thẻ ngân hàng", "Bank card"),
        PayMethod => ("Phương thức thanh toán", "How to pay"),
        PayNow => ("Thanh toán", "Pay now"),
        PaySimulated => ("Thanh toán mô phỏng: không trừ tiền thật", "Simulated payment: no money is taken"),
        PayWallet => ("Ví điện tử", "E-wallet"),
        PhoneConfirmed => ("Đã xác nhận. SMS sẽ gửi tới số này.", "Confirmed. SMS go to this number."),
        PhoneInvalid => ("Nhập số di động gồm 10 chữ số, ví dụ 0912345678", "Enter a 10-digit mobile number, like 0912345678"),
        PhoneLabel => ("Số điện thoại nhận SMS", "Mobile number for SMS"),
        PhoneScreen => ("Màn hình điện thoại (mô phỏng)", "Phone screen (simulated)"),
        PhoneUnconfirmed => ("Chưa xác nhận: chọn “Gửi mã xác nhận”, rồi nhập mã nhận được.", "Not confirmed: choose “Send a code”, then enter the code you receive."),
        PrefEmail => ("Gửi thư điện tử", "Send e-mails"),
        PrefPush => ("Hiện thông báo trên trình duyệt này", "Show notifications in this browser"),
        PrefPushHint => ("Trình duyệt sẽ hỏi bạn cho phép. Thông báo chỉ ghi mã hồ sơ và trạng thái.", "The browser will ask you. Notifications show only the code and status."),
        PrefSms => ("Gửi tin nhắn SMS (miễn phí)", "Send text messages (free)"),
        PrefsIntro => ("Chọn cách nhận tin khi hồ sơ thay đổi trạng thái.", "Choose how you hear when an application changes status."),
        PrefsSaved => ("Đã lưu cách nhận thông báo.", "Your choices are saved."),
        PrefsTitle => ("Cách nhận thông báo", "How you are told"),
        Print => ("In giấy tiếp nhận", "Print the receipt"),
        QrLabel => ("Mã QR của mã hồ sơ {code}", "QR code of application code {code}"),
        ReasonLabel => ("Lý do", "Reason"),
        ReasonMissing => ("Nhập lý do rút hồ sơ", "Enter why you withdraw the application"),
        ReasonMissingDocuments => ("Bổ sung: {documents}", "Documents to add: {documents}"),
        ReasonRegistryDispute => (
            "Thông tin đề nghị điều chỉnh khác với Cơ sở dữ liệu quốc gia về dân cư. Đề nghị điều chỉnh thông tin tại Công an cấp xã trước khi nộp lại.",
            "The details you asked to correct differ from the National Population Database. Please have them corrected at the commune police first, then apply again.",
        ),
        ReasonRequiredOfficer => ("Nhập lý do hoặc giấy tờ cần bổ sung", "Enter the reason or the documents needed"),
        ReasonTooLong => ("Lý do không quá {n} ký tự", "The reason must be {n} characters or fewer"),
        ReceiptForm => ("Mẫu số 01 – Thông tư 01/2018/TT-VPCP (bản điện tử)", "Form 01 – Circular 01/2018/TT-VPCP (electronic copy)"),
        RecoveredNotice => (
            "Dữ liệu hồ sơ lưu trên trình duyệt này không đọc được nên đã được cất riêng, không bị xoá. Bạn vẫn khai và gửi hồ sơ mới được bình thường.",
            "The applications stored in this browser could not be read, so they were set aside, not deleted. You can still fill in and send new ones.",
        ),
        ReceiptHeading => ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Receipt and appointment"),
        ReceiptTitle => ("Đã gửi hồ sơ", "Application sent"),
        ReceivedAt => ("Thời điểm tiếp nhận", "Received at"),
        ReceivingAgency => ("Cơ quan giải quyết", "Deciding agency"),
        SavePrefs => ("Lưu", "Save"),
        SeeReceipt => ("Xem và in giấy tiếp nhận", "See and print the receipt"),
        SendCode => ("Gửi mã xác nhận", "Send a code"),
        SendFailed => (
            "Chưa gửi được: trình duyệt không cho lưu dữ liệu. Thông tin bạn đã khai vẫn còn trên trang. Thử lại, hoặc tắt chế độ riêng tư.",
            "Not sent: the browser refused to store data. Your answers are still here. Try again, or leave private mode.",
        ),
        SendHeading => ("Gửi hồ sơ", "Send the application"),
        SendSupplement => ("Gửi bổ sung", "Send"),
        Sending => ("Đang gửi…", "Sending…"),
        SentLine => ("{channel} tới {to}: {status} lúc {time}", "{channel} to {to}: {status} at {time}"),
        Service => ("Thủ tục", "Service"),
        ShowMessages => ("Xem nội dung tin đã gửi", "See the messages sent"),
        SignInToSee => ("Đăng nhập để xem hồ sơ", "Sign in to see your applications"),
        SignInToSeeBody => (
            "Hồ sơ và thông báo chỉ hiện khi bạn đăng nhập bằng tài khoản định danh điện tử VNeID. Bạn cũng có thể tra cứu một hồ sơ bằng mã.",
            "Applications and messages show only when you sign in with VNeID. You can also look an application up by its code.",
        ),
        SignInToSend => (
            "Để gửi hồ sơ, bạn cần đăng nhập VNeID. Thông tin đã khai vẫn được giữ khi bạn đăng nhập.",
            "To send, sign in with VNeID. Your answers are kept while you sign in.",
        ),
        SignInVneid => ("Đăng nhập bằng VNeID", "Sign in with VNeID"),
        SimulationOnly => ("MÔ PHỎNG – không phải hệ thống của cơ quan nhà nước", "SIMULATION – not a government system"),
        StatusNow => ("Trạng thái:", "Status:"),
        SubmittedBy => ("Hình thức nộp", "Filed"),
        SupplementDocHint => (
            "Ảnh chụp rõ nét hoặc bản PDF của giấy tờ cơ quan yêu cầu.",
            "A clear photo or a PDF of the document the agency asked for.",
        ),
        SupplementDocLabel => ("Giấy tờ bổ sung", "Additional document"),
        SupplementIntro => (
            "Sửa các thông tin cán bộ nêu, đính kèm giấy tờ, rồi gửi lại. Thời gian chờ bổ sung không tính vào thời hạn giải quyết; ngày hẹn sẽ được lùi tương ứng.",
            "Correct what the officer named, attach the document, then send. Waiting time does not count against the deadline; the due date moves accordingly.",
        ),
        SupplementRound => ("Yêu cầu bổ sung lần {n}", "Request for more, round {n}"),
        TimelineTitle => ("Quá trình xử lý", "What has happened"),
        Unread => ("Chưa đọc", "Unread"),
        UnreadCount => ("{n} thông báo chưa đọc", "{n} unread"),
        UnreadWord => ("chưa đọc", "unread"),
        WeWillTell => (
            "Bạn sẽ nhận tin qua hộp thư Tờ Khai, SMS và thư điện tử khi hồ sơ đổi trạng thái.",
            "You will hear by your Tờ Khai inbox, SMS and e-mail when the status changes.",
        ),
        WhatNext => ("Việc tiếp theo", "What happens next"),
        WithdrawButton => ("Rút hồ sơ", "Withdraw"),
        WithdrawConfirmBody => (
            "Hồ sơ {code} sẽ dừng lại và không thể tiếp tục. Nếu vẫn cần thủ tục này, bạn phải nộp hồ sơ mới.",
            "Application {code} will stop and cannot go on. If you still need the service, you must file again.",
        ),
        WithdrawConfirmTitle => ("Bạn chắc chắn muốn rút hồ sơ?", "Are you sure you want to withdraw?"),
        WithdrawHeading => ("Rút hồ sơ", "Withdraw the application"),
        WithdrawIntro => ("Bạn có thể rút hồ sơ khi cơ quan chưa trả kết quả.", "You can withdraw until the agency has given its result."),
        WithdrawNo => ("Không, giữ hồ sơ", "No, keep it"),
        WithdrawReasonHint => ("Ví dụ: nộp nhầm thủ tục, không còn nhu cầu.", "For example: wrong service, no longer needed."),
        WithdrawYes => ("Có, rút hồ sơ", "Yes, withdraw"),
        YourCode => ("Mã hồ sơ của bạn", "Your application code"),
    };
    if lang == Lang::Vi {
        vi
    } else {
        en
    }
}

/// The copy for `key` in both languages, for records that keep both.
pub fn both(key: T) -> Text {
    Text { vi: t(key, Lang::Vi).into(), en: t(key, Lang::En).into() }
}

/// A status as citizens see it on dichvucong.gov.vn, and in English.
pub fn status_label(s: Status, lang: Lang) -> &'static str {
    let (vi, en) = match s {
        Status::Submitted => ("Mới đăng ký", "Submitted"),
        Status::Accepted => ("Được tiếp nhận", "Accepted"),
        Status::Refused => ("Không được tiếp nhận", "Not accepted"),
        Status::Processing => ("Đang xử lý", "Being processed"),
        Status::SupplementRequested => ("Yêu cầu bổ sung giấy tờ", "More documents requested"),
        Status::PaymentRequested => ("Yêu cầu thực hiện nghĩa vụ tài chính", "Payment requested"),
        Status::Withdrawn => ("Công dân yêu cầu rút hồ sơ", "Withdrawn by the citizen"),
        Status::Stopped => ("Dừng xử lý", "Processing stopped"),
        Status::Done => ("Đã xử lý xong", "Result ready"),
        Status::Delivered => ("Đã trả kết quả", "Result delivered"),
    };
    if lang == Lang::Vi {
        vi
    } else {
        en
    }
}

/// A reason the simulated agency gave, in the reader's language.
pub fn agency_reason(r: &AgencyReason, lang: Lang) -> String {
    match r {
        AgencyReason::RegistryDispute => t(T::ReasonRegistryDispute, lang).to_string(),
        AgencyReason::MissingDocuments { documents } => {
            let names: Vec<&str> = documents.iter().map(|d| d.get(lang)).collect();
            t(T::ReasonMissingDocuments, lang).replace("{documents}", &names.join("; "))
        }
    }
}

/// Who moved a dossier, as the timeline says it.
pub fn actor_label(actor: Actor, lang: Lang) -> &'static str {
    match (actor, lang) {
        (Actor::Citizen, Lang::Vi) => "Công dân",
        (Actor::Citizen, Lang::En) => "Citizen",
        (Actor::Officer, Lang::Vi) => "Cán bộ tiếp nhận, xử lý",
        (Actor::Officer, Lang::En) => "Officer",
    }
}

/// A delivery status in words.
pub fn delivery_label(d: Delivery, lang: Lang) -> &'static str {
    let (vi, en) = match d {
        Delivery::Sent => ("đã gửi", "sent"),
        Delivery::Delivered => ("đã nhận", "delivered"),
        Delivery::TemporaryFailure => ("lỗi tạm thời, gửi lại", "temporary failure, retried"),
        Delivery::PermanentFailure => ("lỗi vĩnh viễn", "permanent failure"),
        Delivery::Unknown => ("không xác định", "unknown"),
    };
    if lang == Lang::Vi {
        vi
    } else {
        en
    }
}

/// An event as the tester console offers it.
pub fn event_label(e: Event, lang: Lang) -> &'static str {
    let (vi, en) = match e {
        Event::Accept => ("Tiếp nhận hồ sơ", "Accept"),
        Event::Refuse => ("Từ chối tiếp nhận", "Refuse at intake"),
        Event::StartProcessing => ("Chuyển xử lý", "Start processing"),
        Event::RequestSupplement => ("Yêu cầu bổ sung giấy tờ", "Ask for more documents"),
        Event::SupplementAnswered => ("Công dân đã bổ sung", "Citizen answered"),
        Event::RequestPayment => ("Yêu cầu thực hiện nghĩa vụ tài chính", "Ask for payment"),
        Event::Paid => ("Công dân đã thanh toán", "Citizen paid"),
        Event::Stop => ("Dừng xử lý", "Stop processing"),
        Event::Finish => ("Đã xử lý xong", "Result ready"),
        Event::Deliver => ("Trả kết quả", "Deliver the result"),
        Event::Withdraw => ("Công dân rút hồ sơ", "Citizen withdraws"),
    };
    if lang == Lang::Vi {
        vi
    } else {
        en
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_written_in_both_languages() {
        for e in Event::ALL {
            assert_ne!(event_label(e, Lang::Vi), event_label(e, Lang::En));
        }
        for s in Status::ALL {
            assert_ne!(status_label(s, Lang::Vi), status_label(s, Lang::En), "{s:?}");
        }
        assert_eq!(status_label(Status::Accepted, Lang::Vi), "Được tiếp nhận");
        for key in [T::ReasonMissingDocuments, T::ReasonRegistryDispute, T::SupplementDocHint, T::SupplementDocLabel] {
            let b = both(key);
            assert!(!b.vi.is_empty() && b.vi != b.en, "{key:?}");
        }
        let docs = AgencyReason::MissingDocuments {
            documents: vec![
                Text { vi: "Giấy tờ chỗ ở hợp pháp".into(), en: "Proof of lodging".into() },
                Text { vi: "Văn bản đồng ý".into(), en: "Consent letter".into() },
            ],
        };
        assert_eq!(agency_reason(&docs, Lang::Vi), "Bổ sung: Giấy tờ chỗ ở hợp pháp; Văn bản đồng ý");
        assert_eq!(agency_reason(&docs, Lang::En), "Documents to add: Proof of lodging; Consent letter");
        assert!(agency_reason(&AgencyReason::RegistryDispute, Lang::Vi).contains("Cơ sở dữ liệu quốc gia về dân cư"));
        assert!(t(T::Declaration, Lang::Vi).contains("cam đoan"));
        assert_eq!(delivery_label(Delivery::Delivered, Lang::Vi), "đã nhận");
    }
}
