/**
 * Every element name of the XML the product sends about receipts: the receipt itself, the
 * daily summary table (form 01/TH-BLĐT) and the error notice (form 04/SS-CTĐT).
 *
 * Status: OUR OWN SHAPE. Circular 91/2026/TT-BTC (Art. 18) leaves the business-data part of
 * the XML to the Tax Department, which had published no schema for fee receipts when this
 * was written. The names below follow its e-invoice and e-document formats (Decision
 * 1271/QĐ-CT of 30 May 2025; earlier 1450/QĐ-TCT): the same Vietnamese abbreviations for
 * the same facts (KHMSHDon template symbol, KHHDon symbol, SHDon number, NLap date made,
 * MST tax code, TTHDLQuan related document...), and names of the same style where a receipt
 * has something an invoice has not (DVThu collecting organisation, DSPhi fee lines).
 * When the official receipt schema is published, this table (and the XSDs beside it,
 * which describe what it produces) is what changes; the builders only read it.
 */

/** The attribute that names the signed data element (the signature's Reference URI "#data"). */
export const ID_ATTRIBUTE = 'Id';

/** The value of that attribute on the data element of every document we write. */
export const DATA_ID = 'data';

/** Elements the three documents share. */
export const COMMON = {
  /** Thông tin chung: general information. */
  general: 'TTChung',
  /** Phiên bản: the version of this format. */
  version: 'PBan',
  /** Ký hiệu mẫu số: the template symbol (EBL01). */
  template: 'KHMSHDon',
  /** Ký hiệu: the receipt symbol (26TMT). */
  symbol: 'KHHDon',
  /** Số: the receipt number. */
  number: 'SHDon',
  /** Ngày lập: the date made (Vietnam date). */
  dateMade: 'NLap',
  /** Đơn vị tiền tệ. */
  currency: 'DVTTe',
  /** Tên: a name. */
  name: 'Ten',
  /** Mã số thuế: a tax code. */
  taxCode: 'MST',
  /** Địa chỉ. */
  address: 'DChi',
  /** Ghi chú: a note. */
  note: 'GChu',
  /** Danh sách chữ ký số: the signatures list. */
  signatures: 'DSCKS',
  /** The collecting organisation's place in the signatures list (its ds:Signature goes in it). */
  collectorSignature: 'DVThu',
  /** Tên người nộp thuế: the organisation's name in a form's header. */
  organisationName: 'TNNT',
  /** Mẫu số: the form number (01/TH-BLĐT, 04/SS-CTĐT). */
  form: 'MSo',
} as const;

/** The receipt (biên lai thu phí, lệ phí). */
export const RECEIPT = {
  root: 'BLai',
  /** Dữ liệu biên lai: the signed part. */
  data: 'DLBLai',
  /** Tên: the receipt's name ("Biên lai thu phí, lệ phí"). */
  title: 'THDon',
  /** Thời gian lập: the moment of collection, Vietnam time (ours: the formats carry the date only). */
  timeMade: 'TGLap',
  /** Hình thức thanh toán. */
  paymentMethod: 'HTTToan',
  /** Thông tin biên lai liên quan: what a replacing receipt replaces. */
  related: 'TTHDLQuan',
  /** Tính chất: 1 = replaces. */
  relatedKind: 'TCHDon',
  relatedTemplate: 'KHMSHDCLQuan',
  relatedSymbol: 'KHHDCLQuan',
  relatedNumber: 'SHDCLQuan',
  relatedDate: 'NLHDCLQuan',
  /** Nội dung biên lai. */
  content: 'NDBLai',
  /** Đơn vị thu: the collecting organisation (name, tax code, address). */
  collector: 'DVThu',
  /** Đơn vị nhận ủy nhiệm lập biên lai: the delegatee, when receipts are delegated (Decree 254, Art. 25). */
  delegatee: 'DVNUNLap',
  /** Người nộp: the payer. */
  payer: 'NNop',
  /** Danh sách phí, lệ phí: the fee lines. */
  lines: 'DSPhi',
  line: 'Phi',
  /** Số thứ tự. */
  lineNo: 'STT',
  /** Tên (loại) phí, lệ phí: the kind of fee or charge. */
  feeName: 'TPhi',
  /** Loại: phí or lệ phí (VALUES.feeKind). */
  feeKind: 'LPhi',
  /** Mã thủ tục hành chính: the national procedure code. */
  procedureCode: 'MTTHC',
  /** Số tiền: the line's amount. */
  lineAmount: 'STien',
  /** Thanh toán: the totals. */
  totals: 'TToan',
  /** Tổng tiền bằng số. */
  totalAmount: 'TgTien',
  /** Tổng tiền bằng chữ. */
  totalInWords: 'TgTienChu',
  /** Thông tin khác: named extra fields (our order reference). */
  other: 'TTKhac',
  otherField: 'TTin',
  otherFieldName: 'TTruong',
  otherFieldValue: 'DLieu',
} as const;

/** The daily summary table to the tax authority (bảng tổng hợp dữ liệu biên lai, 01/TH-BLĐT). */
export const SUMMARY = {
  root: 'BTHDLieu',
  data: 'DLBTHop',
  /** The form's title. */
  title: 'Ten',
  /** Số bảng tổng hợp: the summary's own number ("number" in the header). */
  summaryNumber: 'SBTHDLieu',
  /** Loại kỳ dữ liệu: N = a day. */
  periodKind: 'LKDLieu',
  /** [01] Kỳ dữ liệu: the period (a Vietnam date). */
  period: 'KDLieu',
  /** [02] Lần đầu: 1 the first time, 0 an amendment. */
  firstTime: 'LDau',
  /** [03] Bổ sung lần thứ: the amendment number. */
  amendment: 'BSLThu',
  /** Nội dung bảng tổng hợp. */
  content: 'NDBTHDLieu',
  rows: 'DSDLieu',
  row: 'DLieu',
  /** (1) */
  rowNo: 'STT',
  /** (6) loại phí, lệ phí. */
  feeName: 'TPhi',
  /** (7) */
  amount: 'STien',
  /** (8) tỷ giá. */
  exchangeRate: 'TGia',
  /** (9) trạng thái. */
  status: 'TThai',
  /** (10) kỳ dữ liệu điều chỉnh. */
  adjustedPeriod: 'LKDLDChinh',
  /** (11) the related receipt's template, symbol and number. */
  relatedTemplate: 'KHMSHDCLQuan',
  relatedSymbol: 'KHHDCLQuan',
  relatedNumber: 'SHDCLQuan',
  /** (12) diễn giải. */
  explanation: 'DGiai',
} as const;

/** The notice of mistaken e-documents (thông báo chứng từ điện tử có sai sót, 04/SS-CTĐT). */
export const NOTICE = {
  root: 'TBao',
  data: 'DLTBao',
  title: 'Ten',
  /** Loại thông báo: 1 the organisation's own notice, 2 an answer to the tax authority's. */
  kind: 'Loai',
  /** Số and ngày of the tax authority's notice being answered (kind 2). */
  taxNoticeNumber: 'So',
  taxNoticeDate: 'NTBCCQT',
  /** Tên cơ quan thuế quản lý. */
  taxOffice: 'TCQT',
  /** Địa danh: the place written before the date. */
  place: 'DDanh',
  /** Ngày thông báo. */
  noticeDate: 'NTBao',
  documents: 'DSCTu',
  document: 'CTu',
  rowNo: 'STT',
  /** Loại chứng từ: the document's kind, as its name. */
  documentKind: 'LCTu',
  /** Tính chất thông báo: 1 cancel, 2 adjust, 3 replace, 4 explain. */
  action: 'TCTBao',
  /** Lý do. */
  reason: 'LDo',
} as const;

/**
 * The registration declaration (tờ khai đăng ký / thay đổi thông tin sử dụng biên lai điện
 * tử, 01/ĐKTĐ-CTĐT; Circular 91/2026/TT-BTC Art. 17), after the e-invoice declaration
 * (01/ĐKTĐ-HĐĐT, TKhai).
 */
export const REGISTRATION = {
  root: 'TKhai',
  data: 'DLTKhai',
  title: 'Ten',
  /** Hình thức: 1 first registration, 2 a change of information. */
  kind: 'HThuc',
  /** Cơ quan thuế quản lý. */
  taxOffice: 'CQTQLy',
  /** Người liên hệ, điện thoại, thư điện tử, địa chỉ liên hệ. */
  contactName: 'NLHe',
  contactPhone: 'DTLHe',
  contactEmail: 'DCTDTu',
  contactAddress: 'DCLHe',
  place: 'DDanh',
  content: 'NDTKhai',
  /** Loại người sử dụng: 1 an organisation collecting fees and charges. */
  issuerKind: 'LNSDung',
  /** Loại biên lai: 1 without face value (EBL01), 2 with face value (EBL02). */
  receiptKind: 'LBLai',
  /** Phương thức chuyển dữ liệu: 4 the summary table 01/TH-BLĐT. */
  dataSending: 'PThuc',
  /** Kênh: 1 directly to the tax authority, 2 through a service provider (T-VAN), 3 uploaded on the tax portal. */
  channel: 'KNoi',
  certificates: 'DSCTS',
  certificate: 'CTS',
  rowNo: 'STT',
  /** Tên tổ chức cung cấp dịch vụ chứng thực chữ ký số (the CA). */
  certificateAuthority: 'TTChuc',
  serial: 'Seri',
  subject: 'CTu',
  validFrom: 'TNgay',
  validTo: 'DNgay',
  /** Hình thức đăng ký: 1 add, 2 renew, 3 stop. */
  certificateAction: 'HThucDK',
} as const;

/** Inside the collecting organisation's ds:Signature: the signing time, as tax-authority files carry it. */
export const SIGNATURE_PROPERTY = {
  /** In the XML Signature namespace, as in those files (see xmldsig-profile.xsd). */
  signingTime: 'SigningTime',
  /** Id of the ds:Object that holds it (its Reference URI). */
  objectId: 'SigningTime',
  /** Id of the ds:Signature (the SignatureProperty's Target). */
  signatureId: 'collector-signature',
} as const;

/**
 * Fixed values the documents carry, kept with the names because an official schema may
 * code them differently.
 */
export const VALUES = {
  /** The version of our format, written in every document's PBan. */
  formatVersion: '1.0.0',
  /** Decree 254/2026/NĐ-CP, Art. 23.2.a: the receipt's name. */
  receiptTitle: 'Biên lai thu phí, lệ phí',
  summaryForm: '01/TH-BLĐT',
  summaryTitle: 'Bảng tổng hợp dữ liệu biên lai điện tử gửi cơ quan thuế',
  /** LKDLieu for a summary of one day. */
  dailyPeriodKind: 'N',
  noticeForm: '04/SS-CTĐT',
  noticeTitle: 'Thông báo chứng từ điện tử có sai sót',
  currency: 'VND',
  paymentMethod: { bank_transfer: 'Chuyển khoản', cash: 'Tiền mặt' },
  /** LPhi of a fee line. */
  feeKind: { phi: 'Phí', le_phi: 'Lệ phí' },
  /** TCHDon of a replacing receipt. */
  replaces: 1,
  /**
   * Column (9) of 01/TH-BLĐT. No coding for receipts was published; this is the coding of
   * the e-invoice summary table (01/TH-HĐĐT): 0 new, 1 cancelled, 2 adjusted, 3 replaced,
   * 4 explained, 5 a mistake in an earlier summary.
   */
  summaryStatus: { new: 0, cancelled: 1, adjusted: 2, replaced: 3, explained: 4, 'summary-error': 5 },
  /** Loai of 04/SS-CTĐT. */
  noticeKind: { own: 1, 'answer-to-tax-authority': 2 },
  /** TCTBao of 04/SS-CTĐT. */
  noticeAction: { cancel: 1, adjust: 2, replace: 3, explain: 4 },
  registrationForm: '01/ĐKTĐ-CTĐT',
  registrationTitle: 'Tờ khai đăng ký/thay đổi thông tin sử dụng biên lai điện tử',
  registrationKind: { first: 1, change: 2 },
  /** LNSDung: an organisation collecting fees and charges. */
  feeCollector: 1,
  receiptKind: { EBL01: 1, EBL02: 2 },
  /** PThuc: the daily summary table 01/TH-BLĐT (Decree 254/2026 Art. 29.3.b). */
  summarySending: 4,
  channel: { direct: 1, provider: 2, portal: 3 },
  certificateAction: { add: 1, renew: 2, stop: 3 },
} as const;
