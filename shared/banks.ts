/**
 * NAPAS member banks and their BINs (Bank Identification Numbers), as listed in
 * docs/domain.md, "Banks" (State Bank of Vietnam letter 1589/NHNN-TT, 2024).
 * The BIN is what a VietQR payload carries (field 38.01.00); `vietqrCode` is the short
 * code the VietQR ecosystem uses for the same bank.
 * Pure data: no I/O.
 */

export interface Bank {
  /** 6-digit NAPAS BIN, e.g. '970436'. */
  bin: string;
  /** Name banks and apps show, e.g. 'Vietcombank'. */
  shortName: string;
  /** Full Vietnamese legal name. */
  name: string;
  /** Short code used by VietQR, e.g. 'VCB'. */
  vietqrCode: string;
}

const bank = (bin: string, shortName: string, name: string, vietqrCode: string): Bank =>
  Object.freeze({ bin, shortName, name, vietqrCode });

export const BANKS: readonly Bank[] = Object.freeze([
  bank('970436', 'Vietcombank', 'Ngân hàng TMCP Ngoại thương Việt Nam', 'VCB'),
  bank('970415', 'VietinBank', 'Ngân hàng TMCP Công thương Việt Nam', 'ICB'),
  bank('970418', 'BIDV', 'Ngân hàng TMCP Đầu tư và Phát triển Việt Nam', 'BIDV'),
  bank('970405', 'Agribank', 'Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam', 'VBA'),
  bank('970407', 'Techcombank', 'Ngân hàng TMCP Kỹ thương Việt Nam', 'TCB'),
  bank('970422', 'MB', 'Ngân hàng TMCP Quân đội', 'MB'),
  bank('970416', 'ACB', 'Ngân hàng TMCP Á Châu', 'ACB'),
  bank('970432', 'VPBank', 'Ngân hàng TMCP Việt Nam Thịnh Vượng', 'VPB'),
  bank('970423', 'TPBank', 'Ngân hàng TMCP Tiên Phong', 'TPB'),
  bank('970403', 'Sacombank', 'Ngân hàng TMCP Sài Gòn Thương Tín', 'STB'),
  bank('970437', 'HDBank', 'Ngân hàng TMCP Phát triển TP. Hồ Chí Minh', 'HDB'),
  bank('970441', 'VIB', 'Ngân hàng TMCP Quốc tế Việt Nam', 'VIB'),
  bank('970443', 'SHB', 'Ngân hàng TMCP Sài Gòn - Hà Nội', 'SHB'),
  bank('970448', 'OCB', 'Ngân hàng TMCP Phương Đông', 'OCB'),
  bank('970426', 'MSB', 'Ngân hàng TMCP Hàng Hải Việt Nam', 'MSB'),
  bank('970431', 'Eximbank', 'Ngân hàng TMCP Xuất Nhập khẩu Việt Nam', 'EIB'),
  bank('970440', 'SeABank', 'Ngân hàng TMCP Đông Nam Á', 'SEAB'),
  bank('970449', 'LPBank', 'Ngân hàng TMCP Lộc Phát Việt Nam', 'LPB'),
  bank('970454', 'BVBank', 'Ngân hàng TMCP Bản Việt', 'VCCB'),
  bank('970428', 'Nam A Bank', 'Ngân hàng TMCP Nam Á', 'NAB'),
  bank('970412', 'PVcomBank', 'Ngân hàng TMCP Đại Chúng Việt Nam', 'PVCB'),
  bank('970429', 'SCB', 'Ngân hàng TMCP Sài Gòn', 'SCB'),
  bank('970409', 'Bac A Bank', 'Ngân hàng TMCP Bắc Á', 'BAB'),
  bank('970425', 'ABBank', 'Ngân hàng TMCP An Bình', 'ABB'),
  bank('970452', 'KienlongBank', 'Ngân hàng TMCP Kiên Long', 'KLB'),
  bank('970446', 'Co-opBank', 'Ngân hàng Hợp tác xã Việt Nam', 'COOPBANK'),
  bank('970400', 'Saigonbank', 'Ngân hàng TMCP Sài Gòn Công Thương', 'SGICB'),
  bank('970438', 'BaoViet Bank', 'Ngân hàng TMCP Bảo Việt', 'BVB'),
  bank('970433', 'VietBank', 'Ngân hàng TMCP Việt Nam Thương Tín', 'VIETBANK'),
  bank('970427', 'VietABank', 'Ngân hàng TMCP Việt Á', 'VAB'),
  bank('970430', 'PGBank', 'Ngân hàng TMCP Thịnh vượng và Phát triển', 'PGB'),
  bank('970419', 'NCB', 'Ngân hàng TMCP Quốc Dân', 'NCB'),
  bank('970424', 'Shinhan Bank', 'Ngân hàng TNHH MTV Shinhan Việt Nam', 'SHBVN'),
  bank('970457', 'Woori Bank', 'Ngân hàng TNHH MTV Woori Việt Nam', 'WVN'),
  bank('970458', 'UOB', 'Ngân hàng United Overseas - Chi nhánh Việt Nam', 'UOB'),
]);

const BY_BIN: ReadonlyMap<string, Bank> = new Map(BANKS.map((b) => [b.bin, b]));

/** The bank with this NAPAS BIN, or undefined when the BIN is not on the list. */
export function findBank(bin: string): Bank | undefined {
  return BY_BIN.get(bin.trim());
}
