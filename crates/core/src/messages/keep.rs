//! Copy of drafts, the outbox, offline use and assisted sessions on a shared
//! device. Vietnamese first, plain words.

use crate::schema::Lang;

/// Copy keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum K {
    SavedAt,
    SaveUnavailable,
    SaveFull,
    SaveFailed,
    DraftsTitle,
    DraftsIntro,
    NoDrafts,
    LastChange,
    Progress,
    Expiring,
    ExpiredNotice,
    Resume,
    Delete,
    DeleteConfirm,
    DeleteYes,
    DeleteNo,
    Waiting,
    WaitingHeading,
    WaitingBody,
    WaitingLocked,
    Unqueue,
    UnreadableDraft,
    NewerDraft,
    Discard,
    Offline,
    AssistTitle,
    AssistIntro,
    AssistNotices,
    TeamLabel,
    TeamHint,
    TeamMissing,
    TeamTooLong,
    PinLabel,
    PinHint,
    PinShape,
    StartSession,
    Starting,
    AssistBar,
    EndSession,
    EndedTitle,
    EndedBody,
    EndedIdle,
    EndedPartial,
    NewSession,
    UnlockTitle,
    UnlockBody,
    UnlockButton,
    WrongPin,
    LockedNoPin,
    AssistUnavailable,
    IdleTitle,
    IdleBody,
    IdleContinue,
    Why,
    WhyRegistry,
    WhyPhone,
    WhyEmail,
    WhyAddress,
    WhyFile,
    WhyDeclaration,
    WhyId,
    WhyDate,
    WhyGeneral,
    Question,
    NextQuestion,
    PrevQuestion,
    HomeDrafts,
    SeeDrafts,
    HelpedBy,
    SignInResident,
    Unlocking,
    SignInForDrafts,
    DraftsIntroAssisted,
    EndWithOutbox,
    EndAnyway,
    KeepSession,
    OfflineTitle,
    OfflineDownload,
    OfflineDownloadHint,
    OfflineDownloading,
    OfflineDownloaded,
    OfflineUnavailable,
    OfflineFailed,
}

/// The copy for `key` in `lang`; placeholders (`{time}`, `{n}`…) are filled by the caller.
pub fn k(key: K, lang: Lang) -> &'static str {
    use K::*;
    let (vi, en) = match key {
        SavedAt => ("Đã lưu nháp lúc {time}", "Draft saved at {time}"),
        SaveUnavailable => (
            "Trình duyệt này không cho lưu bản nháp (có thể đang ở chế độ riêng tư). Bạn vẫn khai được, nhưng nếu đóng hoặc tải lại trang thì câu trả lời sẽ mất.",
            "This browser does not allow saving drafts (it may be in private mode). You can still fill in the form, but closing or reloading the page will lose your answers.",
        ),
        SaveFull => (
            "Bộ nhớ của trình duyệt đã đầy nên bản nháp chưa được lưu. Câu trả lời vẫn còn trên trang này; hãy xoá bớt dữ liệu của trình duyệt hoặc nộp hồ sơ ngay.",
            "The browser's storage is full, so your draft was not saved. Your answers are still on this page; free some browser storage or send the application now.",
        ),
        SaveFailed => (
            "Chưa lưu được bản nháp. Câu trả lời vẫn còn trên trang này; Tờ Khai sẽ thử lại ở lần thay đổi sau.",
            "The draft could not be saved. Your answers are still on this page; Tờ Khai will try again at your next change.",
        ),
        DraftsTitle => ("Hồ sơ đang khai", "Applications in progress"),
        DraftsIntro => (
            "Bản nháp được lưu trên thiết bị này và tự xoá sau 30 ngày kể từ lần sửa cuối.",
            "Drafts are kept on this device and deleted 30 days after their last change.",
        ),
        EndWithOutbox => (
            "Còn hồ sơ đang chờ gửi. Nếu kết thúc phiên bây giờ, hồ sơ đó sẽ bị xoá khỏi máy và không được gửi.",
            "An application is still waiting to be sent. If the session ends now, it is wiped from this device and not sent.",
        ),
        EndAnyway => ("Vẫn kết thúc phiên", "End the session anyway"),
        KeepSession => ("Chờ gửi xong", "Wait until it is sent"),
        DraftsIntroAssisted => (
            "Bản nháp của phiên hỗ trợ này được mã hoá trên thiết bị và xoá hết khi kết thúc phiên.",
            "This session's drafts are encrypted on this device and wiped when the session ends.",
        ),
        NoDrafts => ("Bạn chưa có hồ sơ nào đang khai.", "You have no applications in progress."),
        LastChange => ("Sửa lần cuối: {time}", "Last changed: {time}"),
        Progress => ("Đã xong {done}/{total} phần", "{done} of {total} parts done"),
        Expiring => (
            "Bản nháp sẽ bị xoá sau {n} ngày nếu không được sửa.",
            "This draft will be deleted in {n} days unless you change it.",
        ),
        ExpiredNotice => (
            "Đã xoá {n} bản nháp vì quá 30 ngày không được sửa.",
            "{n} drafts were deleted because they had not been changed for 30 days.",
        ),
        Resume => ("Tiếp tục khai", "Continue"),
        Delete => ("Xoá bản nháp", "Delete draft"),
        DeleteConfirm => (
            "Xoá bản nháp “{service}”? Các câu trả lời đã khai sẽ mất và không khôi phục được.",
            "Delete the draft “{service}”? Your answers will be lost and cannot be recovered.",
        ),
        DeleteYes => ("Xoá", "Delete"),
        DeleteNo => ("Giữ lại", "Keep it"),
        Waiting => ("Chờ gửi", "Waiting to send"),
        WaitingHeading => ("Hồ sơ đang chờ gửi", "Your application is waiting to be sent"),
        WaitingBody => (
            "Hồ sơ đã khai xong và đang chờ gửi. Tờ Khai sẽ tự gửi một lần khi thiết bị có mạng trở lại; bạn không cần khai lại.",
            "Your application is complete and waiting to be sent. Tờ Khai will send it, once, when the device is back online; you do not need to fill it in again.",
        ),
        WaitingLocked => (
            "Hồ sơ này đang chờ gửi nên không sửa được nữa: khi có mạng, hồ sơ được gửi đúng như bạn đã xác nhận. Muốn sửa, hãy rút hồ sơ khỏi hàng chờ, sửa, rồi xác nhận gửi lại.",
            "This application is waiting to be sent, so it can no longer be changed: when you are back online it is sent exactly as you confirmed it. To change it, take it out of the queue, make the change, then confirm and send again.",
        ),
        Unqueue => ("Rút khỏi hàng chờ để sửa", "Take it out of the queue to change it"),
        UnreadableDraft => (
            "Một bản nháp không đọc được (dữ liệu bị hỏng). Bản nháp vẫn được giữ nguyên cho đến khi bạn xoá.",
            "A draft could not be read (its data is damaged). It is kept as it is until you delete it.",
        ),
        NewerDraft => (
            "Một bản nháp được lưu bởi phiên bản Tờ Khai mới hơn nên chưa mở được ở đây. Bản nháp vẫn được giữ nguyên.",
            "A draft was saved by a newer version of Tờ Khai and cannot be opened here. It is kept as it is.",
        ),
        Discard => ("Xoá bản nháp này", "Delete this draft"),
        Offline => (
            "Bạn đang ngoại tuyến. Vẫn khai được và bản nháp vẫn được lưu trên máy. Hồ sơ nộp lúc này sẽ chờ gửi và tự gửi khi có mạng.",
            "You are offline. You can keep filling in forms and drafts are still saved on this device. Applications sent now wait and are sent when you are back online.",
        ),
        OfflineTitle => ("Dùng khi mất mạng", "Use without a connection"),
        OfflineDownload => ("Tải về để dùng khi mất mạng", "Download to use offline"),
        OfflineDownloadHint => (
            "Máy chỉ giữ những trang bạn đã mở. Tải thêm mọi tờ khai và danh sách xã, phường (khoảng 400 KB) để khai được cả khi không có mạng. Nên tải khi dùng Wi-Fi.",
            "This device keeps only the pages you opened. Download every form and the list of communes and wards (about 400 KB) to fill in forms with no connection. Best done on Wi-Fi.",
        ),
        OfflineDownloading => ("Đang tải về…", "Downloading…"),
        OfflineDownloaded => (
            "Đã tải xong: bạn có thể khai mọi tờ khai khi mất mạng.",
            "Downloaded: you can fill in every form with no connection.",
        ),
        OfflineUnavailable => (
            "Trình duyệt này chưa cho dùng khi mất mạng. Hãy mở lại trang khi có mạng rồi thử lại.",
            "This browser cannot work offline yet. Open the page again while online, then try again.",
        ),
        OfflineFailed => (
            "Chưa tải được hết vì mạng bị gián đoạn. Hãy thử lại khi có mạng.",
            "Not everything could be downloaded: the connection dropped. Try again when you are online.",
        ),
        AssistTitle => ("Hỗ trợ người dân", "Help a resident"),
        AssistIntro => (
            "Dành cho tổ công nghệ số cộng đồng giúp người dân khai trên một thiết bị dùng chung. Người dân đăng nhập bằng VNeID của chính mình. Dữ liệu của người dân được mã hoá trên máy và xoá hết khi kết thúc phiên.",
            "For community digital technology teams helping residents on a shared device. The resident signs in with their own VNeID. Their data is encrypted on this device and wiped when the session ends.",
        ),
        AssistNotices => (
            "Mọi thông báo về hồ sơ được gửi tới số điện thoại, thư điện tử và hộp thư của người dân, không gửi cho tổ hỗ trợ.",
            "Every message about the application goes to the resident's own phone, e-mail and inbox, never to the helping team.",
        ),
        TeamLabel => ("Tên tổ công nghệ số cộng đồng", "Name of the community digital technology team"),
        TeamHint => (
            "Ví dụ: Tổ công nghệ số cộng đồng phường Ba Đình. Tên này được ghi trên hồ sơ: “Được hỗ trợ bởi …”.",
            "For example: Ba Đình ward digital technology team. It is recorded on the application: “Helped by …”.",
        ),
        TeamMissing => ("Nhập tên tổ công nghệ số cộng đồng", "Enter the name of the team"),
        TeamTooLong => ("Tên tổ không quá 100 ký tự", "The team name must be 100 characters or fewer"),
        PinLabel => ("Mã PIN của người dân (không bắt buộc)", "Resident's PIN (optional)"),
        PinHint => (
            "Từ 4 đến 6 chữ số do người dân tự chọn. Có mã PIN thì bản nháp vẫn mở lại được khi trang bị tải lại; không có thì bản nháp chỉ còn đến khi đóng hoặc tải lại trang.",
            "4 to 6 digits the resident chooses. With a PIN, the draft can be opened again after the page reloads; without one, it lasts only until the page is closed or reloaded.",
        ),
        PinShape => ("Mã PIN gồm từ 4 đến 6 chữ số", "The PIN must be 4 to 6 digits"),
        StartSession => ("Bắt đầu phiên hỗ trợ", "Start the session"),
        Starting => ("Đang chuẩn bị phiên…", "Preparing the session…"),
        AssistBar => ("Đang hỗ trợ người dân · {team}", "Helping a resident · {team}"),
        EndSession => ("Kết thúc phiên", "End session"),
        EndedTitle => ("Phiên hỗ trợ đã kết thúc", "The session has ended"),
        EndedBody => (
            "Mã đăng nhập, bản nháp, khoá mã hoá và tệp đính kèm của người dân đã được xoá khỏi thiết bị này. Thiết bị sẵn sàng cho người tiếp theo.",
            "The resident's sign-in, drafts, encryption key and attachments have been wiped from this device. It is ready for the next person.",
        ),
        EndedIdle => (
            "Phiên đã tự kết thúc vì không có thao tác nào trong một lúc.",
            "The session ended by itself because nothing happened for a while.",
        ),
        EndedPartial => (
            "Trình duyệt chưa cho xoá hết dữ liệu trên thiết bị. Hãy đóng mọi thẻ của trình duyệt trước khi đưa máy cho người khác.",
            "The browser did not let everything be wiped. Close every browser tab before handing the device to someone else.",
        ),
        NewSession => ("Bắt đầu phiên mới", "Start a new session"),
        UnlockTitle => ("Nhập mã PIN để tiếp tục", "Enter the PIN to continue"),
        UnlockBody => (
            "Trang vừa được tải lại. Nhập mã PIN người dân đã chọn để mở bản nháp của phiên này.",
            "The page was reloaded. Enter the PIN the resident chose to open this session's drafts.",
        ),
        UnlockButton => ("Mở bản nháp", "Open the drafts"),
        Unlocking => ("Đang mở…", "Opening…"),
        WrongPin => ("Mã PIN không đúng. Hãy thử lại.", "That PIN is not right. Try again."),
        LockedNoPin => (
            "Trang vừa được tải lại và phiên này không đặt mã PIN, nên bản nháp của phiên không mở lại được. Hãy kết thúc phiên để xoá chúng, rồi bắt đầu phiên mới.",
            "The page was reloaded and this session has no PIN, so its drafts cannot be opened again. End the session to wipe them, then start a new one.",
        ),
        AssistUnavailable => (
            "Trình duyệt này không hỗ trợ mã hoá dữ liệu nên không mở được phiên hỗ trợ. Hãy dùng trình duyệt khác, bản mới.",
            "This browser cannot encrypt data, so a session cannot start. Use another, up-to-date browser.",
        ),
        IdleTitle => ("Phiên sắp kết thúc", "The session is about to end"),
        IdleBody => (
            "Không có thao tác nào trong một lúc. Để bảo vệ dữ liệu của người dân, phiên sẽ tự kết thúc sau {s} giây.",
            "Nothing has happened for a while. To protect the resident's data, the session will end in {s} seconds.",
        ),
        IdleContinue => ("Tiếp tục phiên", "Continue the session"),
        Why => ("Vì sao cần thông tin này?", "Why is this needed?"),
        WhyRegistry => (
            "Thông tin này đã có trong Cơ sở dữ liệu quốc gia về dân cư. Cơ quan dùng nó để biết chắc đúng người đang nộp hồ sơ.",
            "This is already in the National Population Database. The agency uses it to be sure who is applying.",
        ),
        WhyPhone => (
            "Để cơ quan gọi hoặc nhắn tin khi cần hỏi thêm và báo kết quả.",
            "So the agency can call or text if it needs to ask something, and to tell the result.",
        ),
        WhyEmail => ("Để gửi thông báo về hồ sơ qua thư điện tử.", "To send messages about the application by e-mail."),
        WhyAddress => (
            "Để biết nơi ở và cơ quan nào giải quyết hồ sơ.",
            "To know where the applicant lives and which agency handles the application.",
        ),
        WhyFile => (
            "Cơ quan cần xem giấy tờ này để giải quyết hồ sơ. Có thể chụp ảnh giấy tờ bằng điện thoại.",
            "The agency needs to see this document to decide. A photo taken with a phone is fine.",
        ),
        WhyDeclaration => (
            "Người khai cam đoan những gì đã khai là đúng. Đây là mục bắt buộc của tờ khai chính thức.",
            "The applicant states that what they wrote is true. The official form requires it.",
        ),
        WhyId => (
            "Số định danh cá nhân (12 số trên thẻ căn cước) giúp cơ quan tìm đúng người trong dữ liệu dân cư.",
            "The personal ID number (12 digits on the ID card) lets the agency find the right person in the population data.",
        ),
        WhyDate => (
            "Ngày tháng giúp cơ quan xác định thời hạn và điều kiện giải quyết.",
            "Dates tell the agency which deadlines and conditions apply.",
        ),
        WhyGeneral => (
            "Mục này có trên tờ khai chính thức của thủ tục. Cơ quan cần nó để giải quyết hồ sơ.",
            "This item is on the official form of the procedure. The agency needs it to decide.",
        ),
        Question => ("Câu {n}/{total}", "Question {n} of {total}"),
        NextQuestion => ("Câu tiếp theo", "Next question"),
        PrevQuestion => ("Câu trước", "Previous question"),
        HomeDrafts => ("Bạn có {n} hồ sơ đang khai trên thiết bị này.", "You have {n} applications in progress on this device."),
        SeeDrafts => ("Xem hồ sơ đang khai", "See applications in progress"),
        HelpedBy => ("Được hỗ trợ bởi {team}", "Helped by {team}"),
        SignInForDrafts => (
            "Hồ sơ bạn khai khi đã đăng nhập chỉ hiện sau khi đăng nhập lại bằng VNeID.",
            "Applications you filled in while signed in show here after you sign in again with VNeID.",
        ),
        SignInResident => ("Người dân đăng nhập bằng VNeID", "Resident signs in with VNeID"),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The plain-language reason a field is asked ("Vì sao cần thông tin này?").
pub fn why(field: &crate::schema::Field, lang: Lang) -> &'static str {
    use crate::FieldKind::*;
    let key = if field.prefill.is_some() {
        K::WhyRegistry
    } else {
        match field.kind {
            Phone => K::WhyPhone,
            Email => K::WhyEmail,
            Address => K::WhyAddress,
            File => K::WhyFile,
            Declaration => K::WhyDeclaration,
            PersonalId => K::WhyId,
            Date => K::WhyDate,
            _ => K::WhyGeneral,
        }
    };
    k(key, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_copy_has_diacritics_and_english_differs() {
        for key in [
            K::SavedAt,
            K::DraftsTitle,
            K::EndSession,
            K::Why,
            K::Offline,
            K::WaitingBody,
            K::WaitingLocked,
            K::Unqueue,
            K::OfflineDownload,
            K::OfflineDownloaded,
        ] {
            let (vi, en) = (k(key, Lang::Vi), k(key, Lang::En));
            assert_ne!(vi, en, "{key:?}");
            assert!(!vi.is_ascii(), "{key:?} should be Vietnamese with diacritics: {vi}");
        }
    }
}
