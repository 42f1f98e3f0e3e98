/**
 * Everyday names of the procedures, keyed by procedure code: what people say at the
 * counter ("Chứng thực bản sao"), not the official 60-word title. Used in search results,
 * headings, the counter, the console and the dashboard; the official name stays in the
 * guide's details and on the receipt (Nghị định 123/2020/NĐ-CP: a receipt names the fee
 * as the law does). Data only, kept apart from the catalogue so an entry there is never
 * edited for a label; a procedure without one falls back to its official name.
 */

export interface ShortName {
  vi: string;
  en: string;
}

export const SHORT_NAMES: Readonly<Record<string, ShortName>> = {
  '1.001193': { vi: 'Khai sinh', en: 'Birth registration' },
  '1.000894': { vi: 'Đăng ký kết hôn', en: 'Marriage registration' },
  '1.000656': { vi: 'Khai tử', en: 'Death registration' },
  '1.001022': { vi: 'Nhận cha, mẹ, con', en: 'Parent–child recognition' },
  '1.000689': { vi: 'Khai sinh và nhận cha, mẹ, con', en: 'Birth and parent–child recognition' },
  '1.004859': { vi: 'Sửa thông tin hộ tịch', en: 'Correct civil-status details' },
  '2.000635': { vi: 'Bản sao trích lục hộ tịch', en: 'Copy of a civil-status extract' },
  '1.004873': { vi: 'Xác nhận tình trạng hôn nhân', en: 'Marital status certificate' },
  '1.004837': { vi: 'Đăng ký giám hộ', en: 'Guardianship' },
  '1.004884': { vi: 'Đăng ký lại khai sinh', en: 'Re-register a birth' },
  '2.001263': { vi: 'Nhận con nuôi', en: 'Domestic adoption' },
  '2.000815': { vi: 'Chứng thực bản sao (sao y bản chính)', en: 'Certified copy of an original' },
  '2.000884': { vi: 'Chứng thực chữ ký', en: 'Signature attestation' },
  '2.001035': { vi: 'Chứng thực hợp đồng nhà, đất, tài sản', en: 'Attest a property or land contract' },
  '2.000913': { vi: 'Chứng thực sửa, hủy hợp đồng', en: 'Attest amending or cancelling a contract' },
  '2.000927': { vi: 'Sửa lỗi trong hợp đồng đã chứng thực', en: 'Correct an attested contract' },
  '2.000942': { vi: 'Bản sao hợp đồng đã chứng thực', en: 'Copy of an attested contract' },
  '2.001019': { vi: 'Chứng thực di chúc', en: 'Attest a will' },
  '2.000992': { vi: 'Chứng thực chữ ký người dịch', en: "Attest a translator's signature" },
  '1.001776': { vi: 'Trợ cấp xã hội hàng tháng', en: 'Monthly social allowance' },
  '1.001731': { vi: 'Hỗ trợ mai táng phí', en: 'Funeral cost support' },
  '1.001699': { vi: 'Xác nhận khuyết tật', en: 'Disability certificate' },
  '1.012812': { vi: 'Hòa giải tranh chấp đất đai', en: 'Land dispute mediation' },
  '1.004222': { vi: 'Đăng ký thường trú', en: 'Permanent residence' },
  '1.004194': { vi: 'Đăng ký tạm trú', en: 'Temporary residence' },
  '2.000528': { vi: 'Khai sinh có yếu tố nước ngoài', en: 'Birth registration (foreign element)' },
  '2.000806': { vi: 'Kết hôn có yếu tố nước ngoài', en: 'Marriage registration (foreign element)' },
  '1.001612': { vi: 'Mở hộ kinh doanh', en: 'Register a household business' },
  '2.000720': { vi: 'Thay đổi đăng ký hộ kinh doanh', en: 'Change household business details' },
  '1.001570': { vi: 'Tạm ngừng hộ kinh doanh', en: 'Suspend a household business' },
  '1.001266': { vi: 'Đóng hộ kinh doanh', en: 'Close a household business' },
  '1.013225': { vi: 'Giấy phép xây dựng nhà ở', en: 'Building permit' },
  '1.013227': { vi: 'Gia hạn giấy phép xây dựng', en: 'Extend a building permit' },
  '1.013228': { vi: 'Cấp lại giấy phép xây dựng', en: 'Re-issue a building permit' },
  '1.013978': { vi: 'Cấp sổ đỏ lần đầu', en: 'First land-use certificate' },
  '1.013831': { vi: 'Sang tên sổ đỏ (mua bán, thừa kế, tặng cho)', en: 'Land transfer (sale, inheritance, gift)' },
  '1.012783': { vi: 'Đổi sổ đỏ', en: 'Exchange a land-use certificate' },
};

/** The everyday name of a procedure, in Vietnamese or English; its official name when none is set. */
export function shortNameOf(code: string | undefined, official: string, lang: 'vi' | 'en' = 'vi'): string {
  const entry = code === undefined ? undefined : SHORT_NAMES[code];
  return entry ? entry[lang] : official;
}
