//! Copy of signed electronic results and of the public verification page
//! (/xac-thuc): each refusal, and each field TT 15/2025/TT-BKHCN §2.3 asks a
//! verifier to show. Vietnamese first.

use crate::results::Refusal;
use crate::schema::{Lang, Text};

/// Copy keys of the result and verification pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum R {
    VerifyTitle,
    VerifyIntro,
    OpenFile,
    ScanQr,
    NoSignIn,
    Checking,
    Valid,
    ValidBody,
    Invalid,
    StampValid,
    StampBody,
    StampMatches,
    StampDiffers,
    Signer,
    SignerCert,
    IssuingCa,
    RootCa,
    SigningTime,
    CertValidity,
    ValidAtSigning,
    Integrity,
    IntegrityOk,
    ValidAtSigningOk,
    DocumentKind,
    Number,
    IssuedOn,
    DossierCode,
    Service,
    Holder,
    PersonalId,
    Certified,
    Download,
    MockNotice,
    From,
    To,
    ResultTitle,
    ResultIntro,
    ResultNotYet,
    SeeResult,
    Print,
    SignedBy,
    SignatureBlock,
    QrCaption,
    StoreTitle,
    StoreIntro,
    StoreEmpty,
    StoreVerified,
    StoreNotVerified,
    ChooseFile,
    FileTooBig,
    FileUnreadable,
    CheckAnother,
    OpenInVerifier,
    FromStore,
    UseStored,
    UseStoredHint,
    UseThis,
    OrUpload,
    StoredDocs,
}

/// The sentence for `key` in `lang`.
pub fn r(key: R, lang: Lang) -> &'static str {
    use R::*;
    let (vi, en) = match key {
        VerifyTitle => ("Xác thực kết quả điện tử", "Check an electronic result"),
        VerifyIntro => (
            "Mở tệp kết quả (.jws) hoặc quét mã QR in trên kết quả để biết văn bản có đúng do cơ quan nhà nước ký số hay không.",
            "Open the result file (.jws) or scan the QR code printed on it to find out whether it was really signed by the government agency.",
        ),
        OpenFile => ("Mở tệp kết quả", "Open a result file"),
        ScanQr => ("Quét mã QR", "Scan the QR code"),
        NoSignIn => ("Không cần đăng nhập. Tệp được kiểm tra ngay trên thiết bị này, không gửi đi đâu.", "No sign-in needed. The file is checked on this device and sent nowhere."),
        Checking => ("Đang kiểm tra chữ ký số…", "Checking the digital signature…"),
        Valid => ("Chữ ký số hợp lệ", "The digital signature is valid"),
        ValidBody => (
            "Văn bản do cơ quan dưới đây ký số và không bị thay đổi kể từ khi ký.",
            "The document was digitally signed by the agency below and has not been changed since.",
        ),
        Invalid => ("Chữ ký số không hợp lệ", "The digital signature is not valid"),
        StampValid => ("Mã QR hợp lệ", "The QR code is valid"),
        StampBody => (
            "Mã QR do cơ quan dưới đây ký số. Mã chỉ chứa số, loại văn bản và mã hồ sơ; mở tệp kết quả để xem toàn bộ nội dung.",
            "The QR code was digitally signed by the agency below. It holds only the number, the kind of document and the application code; open the result file to see its whole content.",
        ),
        StampMatches => ("Tệp kết quả khớp với mã QR.", "The result file matches the QR code."),
        StampDiffers => (
            "Tệp kết quả không khớp với mã QR: đây không phải văn bản mà mã QR xác nhận.",
            "The result file does not match the QR code: it is not the document the QR code vouches for.",
        ),
        Signer => ("Cơ quan ký", "Signed by"),
        SignerCert => ("Chứng thư số của cơ quan", "Agency's certificate"),
        IssuingCa => ("Tổ chức cấp chứng thư số", "Certificate issued by"),
        RootCa => ("Chứng thư số gốc", "Root certificate"),
        SigningTime => ("Thời điểm ký", "Signed at"),
        CertValidity => ("Thời hạn hiệu lực của chứng thư số", "Certificate valid"),
        ValidAtSigning => ("Hiệu lực tại thời điểm ký", "Valid when signed"),
        ValidAtSigningOk => ("Chứng thư số còn hiệu lực tại thời điểm ký", "The certificate was valid when the document was signed"),
        Integrity => ("Tính toàn vẹn", "Integrity"),
        IntegrityOk => ("Nội dung không bị thay đổi sau khi ký", "The content has not been changed since signing"),
        DocumentKind => ("Loại văn bản", "Document"),
        Number => ("Số", "Number"),
        IssuedOn => ("Ngày cấp", "Issued on"),
        DossierCode => ("Mã hồ sơ", "Application code"),
        Service => ("Thủ tục", "Service"),
        Holder => ("Người được cấp", "Issued to"),
        PersonalId => ("Số định danh cá nhân", "Personal ID number"),
        Certified => ("Nội dung xác nhận", "What it certifies"),
        Download => ("Tải kết quả điện tử (.jws)", "Download the electronic result (.jws)"),
        MockNotice => (
            "Đây là kết quả MÔ PHỎNG, ký bằng chứng thư số MÔ PHỎNG của Tờ Khai, không có giá trị pháp lý.",
            "This is a SIMULATED result, signed with Tờ Khai's MOCK certificates. It has no legal value.",
        ),
        From => ("từ", "from"),
        To => ("đến", "to"),
        ResultTitle => ("Kết quả điện tử", "Electronic result"),
        ResultIntro => (
            "Cơ quan giải quyết đã ký số kết quả này. Bạn có thể tải về, in, hoặc đưa mã QR cho nơi cần kiểm tra.",
            "The agency signed this result digitally. You can download it, print it, or show its QR code to whoever needs to check it.",
        ),
        ResultNotYet => (
            "Kết quả điện tử đang được cơ quan ký số. Trang sẽ tự cập nhật.",
            "The agency is signing the electronic result. This page updates by itself.",
        ),
        SeeResult => ("Xem kết quả điện tử", "See the electronic result"),
        Print => ("In kết quả", "Print the result"),
        SignedBy => ("Ký bởi", "Signed by"),
        SignatureBlock => ("Chữ ký số", "Digital signature"),
        QrCaption => (
            "Quét mã này để kiểm tra kết quả tại trang Xác thực kết quả điện tử.",
            "Scan this code to check the result on the result verification page.",
        ),
        StoreTitle => ("Kho dữ liệu của tôi", "My documents"),
        StoreIntro => (
            "Các kết quả điện tử bạn đã nhận. Khi một tờ khai cần giấy tờ loại này, bạn có thể dùng lại thay vì tải lên.",
            "The electronic results you have received. When a form asks for a document of this kind, you can reuse it instead of uploading it.",
        ),
        StoreEmpty => (
            "Chưa có kết quả nào. Khi hồ sơ của bạn có kết quả, kết quả sẽ có ở đây.",
            "No results yet. When one of your applications has its result, it will be here.",
        ),
        StoreVerified => ("Đã kiểm tra chữ ký số: hợp lệ", "Digital signature checked: valid"),
        StoreNotVerified => ("Chữ ký số không hợp lệ", "Digital signature not valid"),
        ChooseFile => ("Chọn tệp kết quả (.jws)", "Choose the result file (.jws)"),
        FileTooBig => (
            "Tệp quá lớn để là một kết quả điện tử (tối đa 64 KB). Hãy chọn đúng tệp .jws đã tải về.",
            "The file is too large to be an electronic result (64 KB at most). Choose the .jws file you downloaded.",
        ),
        FileUnreadable => (
            "Không đọc được tệp này. Hãy chọn lại tệp .jws đã tải về.",
            "This file could not be read. Choose the .jws file you downloaded again.",
        ),
        CheckAnother => ("Kiểm tra tệp khác", "Check another file"),
        OpenInVerifier => ("Mở trang xác thực", "Open the verification page"),
        FromStore => ("giấy tờ điện tử trong kho, cơ quan tự kiểm tra", "electronic document from your store, checked by the agency"),
        UseStored => ("Dùng giấy tờ trong kho", "Use a document from your store"),
        UseStoredHint => (
            "Bạn đã có kết quả điện tử loại này. Dùng lại thì không cần chụp, tải lên; cơ quan kiểm tra chữ ký số.",
            "You already hold an electronic result of this kind. Reuse it and there is nothing to photograph or upload; the agency checks its signature.",
        ),
        UseThis => ("Dùng giấy tờ này", "Use this document"),
        OrUpload => ("Hoặc tải tệp lên", "Or upload a file"),
        StoredDocs => ("Giấy tờ dùng từ kho dữ liệu", "Documents given from your store"),
    };
    if lang == Lang::Vi {
        vi
    } else {
        en
    }
}

/// Both languages of `key`.
pub fn both(key: R) -> Text {
    Text { vi: r(key, Lang::Vi).into(), en: r(key, Lang::En).into() }
}

/// Why a result is not accepted, in plain words: what happened and what to do.
pub fn refusal_message(why: Refusal, lang: Lang) -> &'static str {
    let (vi, en) = match why {
        Refusal::Truncated => (
            "Tệp kết quả bị thiếu phần cuối (có thể do tải về hoặc sao chép chưa xong). Hãy tải lại tệp từ Tờ Khai rồi kiểm tra lại.",
            "The result file is cut short (it may not have finished downloading or copying). Download it again from Tờ Khai and check again.",
        ),
        Refusal::Malformed => (
            "Đây không phải tệp kết quả điện tử, hoặc tệp đã hỏng đến mức không đọc được.",
            "This is not an electronic result file, or it is too damaged to read.",
        ),
        Refusal::WrongAlgorithm => (
            "Tệp được ký bằng thuật toán không được chấp nhận. Kết quả điện tử chỉ được ký bằng ECDSA P-256 với SHA-256, nên tệp này không được công nhận.",
            "The file is signed with an algorithm that is not accepted. Electronic results are signed only with ECDSA P-256 and SHA-256, so this file is not recognised.",
        ),
        Refusal::Tampered => (
            "Nội dung tệp đã bị thay đổi sau khi ký: chữ ký số không khớp với nội dung. Không sử dụng văn bản này.",
            "The file was changed after it was signed: the digital signature does not match its content. Do not rely on this document.",
        ),
        Refusal::UnknownRoot => (
            "Chữ ký số không thuộc hệ thống chứng thực được tin cậy: chứng thư số do một tổ chức khác cấp. Văn bản này không phải do cơ quan nhà nước trên Tờ Khai ký.",
            "The signature does not chain to the trusted certification system: the certificate was issued by another organisation. This document was not signed by a government agency on Tờ Khai.",
        ),
        Refusal::BrokenChain => (
            "Chuỗi chứng thư số bị đứt: chứng thư số của cơ quan ký không do tổ chức được nêu cấp.",
            "The certificate chain is broken: the agency's certificate was not issued by the organisation it names.",
        ),
        Refusal::NotCa => (
            "Chứng thư số dùng để cấp cho cơ quan ký không phải chứng thư số của tổ chức cung cấp dịch vụ chứng thực.",
            "A certificate used to issue the agency's certificate is not a certification authority's certificate.",
        ),
        Refusal::NotForSigning => (
            "Chứng thư số này không được cấp để ký văn bản, nên chữ ký không được công nhận.",
            "This certificate was not issued for signing documents, so the signature is not recognised.",
        ),
        Refusal::CertExpired => (
            "Chứng thư số của cơ quan đã hết hạn trước thời điểm ký, nên chữ ký không có giá trị.",
            "The agency's certificate had expired before the document was signed, so the signature is not valid.",
        ),
        Refusal::CertNotYetValid => (
            "Chứng thư số của cơ quan chưa có hiệu lực tại thời điểm ký, nên chữ ký không có giá trị.",
            "The agency's certificate was not yet valid when the document was signed, so the signature is not valid.",
        ),
        Refusal::CryptoUnavailable => (
            "Trình duyệt này không kiểm tra được chữ ký số. Hãy cập nhật trình duyệt hoặc dùng trình duyệt khác.",
            "This browser cannot check digital signatures. Please update it or use another browser.",
        ),
    };
    if lang == Lang::Vi {
        vi
    } else {
        en
    }
}

/// `hh:mm dd/mm/yyyy (giờ Việt Nam)` of `secs` since 1970.
pub fn signing_time(secs: i64, lang: Lang) -> String {
    let t = crate::portal::vn_time(secs.saturating_mul(1000));
    match lang {
        Lang::Vi => format!("{t} (giờ Việt Nam)"),
        Lang::En => format!("{t} (Vietnam time)"),
    }
}

/// "từ 01/01/2026 đến 01/01/2031" for a certificate's validity.
pub fn validity(not_before: i64, not_after: i64, lang: Lang) -> String {
    let d = |s: i64| crate::results::vn_date(s).to_string();
    format!("{} {} {} {}", r(R::From, lang), d(not_before), r(R::To, lang), d(not_after))
}
